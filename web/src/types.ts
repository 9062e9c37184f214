// Shapes of the API's answers (see /openapi.json): the shared ones come from src/contract/answers.ts, the
// same types the server uses; the rest are answers only the API gives.
import type { PanelInterval, ScenarioSummary } from '../../src/contract/answers';
export type {
  AveragePoint,
  Comparison,
  ComparisonRow,
  Layer,
  ProductHit,
  SectionFigure,
  Stack,
  TimelineEntry,
} from '../../src/contract/answers';

export type Scenario = ScenarioSummary;
export type Interval = PanelInterval;

export interface ProductHistory {
  product: string;
  description: string | null;
  origin: string;
  dest: string;
  intervals: Interval[];
}

export interface Meta {
  name: string;
  version: string;
  today: string;
  ledger_as_of: string;
  assumptions: string[];
  importers: string[];
  weights: Array<{ name: string; directions: Array<{ importer: string; exporter: string; description: string }> }>;
  scenarios: string[];
  counts: Record<string, number>;
}

/** Which product line a panel of the Product page shows: code, direction and scenario. */
export interface ProductView {
  code: string;
  importer: string;
  origin: string;
  scenario?: string;
  /** The date the page is asked about: "next change" counts from it. */
  date?: string;
}

export type Direction = 'US<CN' | 'CN<US';

export const DIRECTIONS: Array<{ id: Direction; importer: string; exporter: string; label: string }> = [
  { id: 'US<CN', importer: 'US', exporter: 'CN', label: 'US tariffs on Chinese goods' },
  { id: 'CN<US', importer: 'CN', exporter: 'US', label: 'China’s tariffs on US goods' },
];
