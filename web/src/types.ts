// Shapes of the API's answers (see /openapi.json).
export interface Layer {
  measure: string;
  title: string;
  authority: string;
  rate_pct: number;
  statutory_rate_pct: number;
  share: number;
  contribution_pct: number;
  applies: boolean;
  reason: string;
  source: string;
  citation: string;
  instrument: string | null;
  status: string;
  owed_pct: number;
}

export interface Stack {
  product: string;
  description: string | null;
  origin: string;
  dest: string;
  date: string;
  base_pct: number;
  base: {
    measure: string;
    table: string;
    key: string | null;
    rate_text: string | null;
    basis: string | null;
    note: string | null;
    source: string;
    found: boolean;
  };
  layers: Layer[];
  additional_pct: number;
  total_pct: number;
  owed_total_pct: number;
  notes: string[];
}

export interface SectionFigure {
  title: string;
  average_pct: number;
  coverage_pct: number;
  weight_share_pct: number;
}

export interface AveragePoint {
  date: string;
  average_pct: number;
  coverage_pct: number;
  by?: Record<string, number | SectionFigure>;
}

export interface TimelineEntry {
  date: string;
  side: string;
  kind: string;
  instrument_kind: string;
  record: string;
  title: string;
  detail: string;
  status: string;
  scheduled: boolean;
  sources: string[];
}

export interface ProductHit {
  importer: string;
  code: string;
  level: number;
  description: string;
}

export interface Interval {
  from: string;
  until: string;
  base: number;
  additional: number;
  total: number;
  owed: number;
  layers: Array<{ measure: string; authority: string; pct: number; owed: boolean }>;
}

export interface ProductHistory {
  product: string;
  description: string | null;
  origin: string;
  dest: string;
  intervals: Interval[];
}

export interface Scenario {
  name: string;
  title: string;
  description: string;
  assumptions: string[];
  operations: string[];
  sources: string[];
  file: string;
}

export interface ComparisonRow {
  date: string;
  importer: string;
  exporter: string;
  a_pct: number;
  b_pct: number;
  diff_pp: number;
}

export interface Comparison {
  a: string;
  b: string;
  weights: string;
  rows: ComparisonRow[];
  by_section: Array<ComparisonRow & { section: string; title: string }>;
}

export interface Meta {
  name: string;
  version: string;
  today: string;
  ledger_as_of: string;
  importers: string[];
  weights: Array<{ name: string; directions: Array<{ importer: string; exporter: string; description: string }> }>;
  scenarios: string[];
  counts: Record<string, number>;
}

export type Direction = 'US<CN' | 'CN<US';

export const DIRECTIONS: Array<{ id: Direction; importer: string; exporter: string; label: string }> = [
  { id: 'US<CN', importer: 'US', exporter: 'CN', label: 'US tariffs on Chinese goods' },
  { id: 'CN<US', importer: 'CN', exporter: 'US', label: 'China’s tariffs on US goods' },
];
