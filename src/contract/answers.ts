// The shapes of tradewar's answers, as the command line prints them in JSON and the HTTP API sends them.
// Pure types with no imports: the engine, the service layer, the API and the dashboard (web/) all use these,
// so server and client cannot drift apart. The API's JSON schemas (src/api/schemas.ts) describe the same shapes.

/** One candidate measure in a duty stack. Percent values are plain numbers (3.1 = 3.1%). */
export interface Layer {
  measure: string;
  title: string;
  authority: string;
  /** The measure's rate for this product on the date, after any suspension. */
  rate_pct: number;
  /** The rate before suspensions. */
  statutory_rate_pct: number;
  /** Share of the value the rate applies to (content-share bases), 1 = full value. */
  share: number;
  /** Where that share comes from (per-line content table or the ledger's assumption); null for full value. */
  share_source: string | null;
  /** What the layer adds to the total (0 when it does not apply). */
  contribution_pct: number;
  /**
   * Share of the line's goods expected to pay the layer (partial exclusions priced by their coverage share,
   * partial exemptions, qualifying shares: ADR 9); 1 = all goods.
   */
  expected_share: number;
  /** Where the expected share comes from, each share with its source; null when it is 1. */
  expected_source: string | null;
  /** contribution_pct × expected_share: what the layer adds to expected_pct. */
  expected_contribution_pct: number;
  /**
   * Exclusions granted to buyers or importers (not to whole lines) that the expected rate prices for this layer
   * (ADR 81): the suspension, the instrument in force on the date and its source, and the share of the line's
   * trade assumed to be covered. Empty when none.
   */
  expected_exclusions: ExpectedExclusion[];
  applies: boolean;
  reason: string;
  source: string;
  citation: string;
  instrument: string | null;
  /** The measure's status in the ledger today (e.g. terminated), whatever the date asked. */
  status: string;
  /** The layer's state on the date asked: applies, not_yet, ended, not_in_force, off_list, excluded, suspended,
   * stacked_out. */
  state: string;
  /** The measure's standing on the date asked: in_force, not_yet_in_force, ended, suspended, struck_down,
   * unconfirmed, threatened, never_applied, scheduled (a duty terminated in 2026 is in_force in 2025). */
  status_on_date: string;
  /** What is owed after court rulings (0 for measures struck down). */
  owed_pct: number;
}

/** An exclusion priced in the expected rate of a layer (ADR 81). */
export interface ExpectedExclusion {
  /** Suspension id in the ledger. */
  id: string;
  title: string;
  /** Instrument of the period in force on the date. */
  instrument: string;
  citation: string | null;
  /** Source of that instrument. */
  url: string;
  /** Share (0..1) of the line's goods the exclusion is assumed to cover. */
  coverage: number;
  /** Where the share comes from. */
  coverage_source: string | null;
}

/**
 * A figure's dependence on a schedule step or suspension end that no source confirms (ADR 82): what the figure
 * assumes, what would confirm it, and the same figure with that one assumption flipped.
 */
export interface UnconfirmedBasis {
  /** The suspension id (suspension end) or `measure@date` (schedule step). */
  id: string;
  /** "assumes the suspension of 24 of China's 34 points on US goods lapsed on 2026-11-10 (unconfirmed)". */
  assumption: string;
  /** The flipped branch in words: "if it was extended (to 2027-11-10)". */
  alternative: string;
  /** What would confirm the assumption (or its alternative). */
  confirm_by: string;
  /** A shipped scenario that takes the other branch (e.g. extension-2027), when one does. */
  scenario: string | null;
}

export interface UnconfirmedTotal extends UnconfirmedBasis {
  /** The line's total duty on the flipped branch. */
  alternative_total_pct: number;
}

export interface UnconfirmedAverage extends UnconfirmedBasis {
  /** The trade-weighted average on the flipped branch. */
  alternative_average_pct: number;
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
  /** The statutory rate: what goods that qualify for no partial exclusion or exemption pay. */
  total_pct: number;
  /** The rate the line is expected to pay on average (ADR 9): base + Σ expected layer contributions. */
  expected_pct: number;
  /** Duties owed after court rulings: layers of measures struck down contribute 0. */
  owed_total_pct: number;
  notes: string[];
  /** Unconfirmed steps or suspension ends the total depends on, each with the total if it is flipped (ADR 82). */
  unconfirmed?: UnconfirmedTotal[];
  /** Duty in US dollars on a customs value, when one was given. */
  amounts?: DutyAmounts;
  /** What the code asked stood for; present when it was not itself a national line. */
  query?: CodeQuery;
  /** Every national line the code asked covers, with its total (the stack above is the highest of them). */
  lines?: LineTotal[];
  /** Lowest and highest total over `lines`. */
  total_range_pct?: { min: number; max: number };
  /** The lines grouped by the next shorter heading, when there are many. */
  headings?: HeadingTotals[];
}

export interface CodeQuery {
  /** As typed. */
  asked: string;
  /** line: a national line; heading: a shorter code (chapter, heading, subheading); translated: a code of another
   * HS edition, mapped through the WCO correlation. */
  kind: 'line' | 'heading' | 'translated';
  lines_count: number;
  /** The line whose stack is shown. */
  shown: string;
  translation: { from_edition: string; from_hs6: string; to_edition: string; to_hs6: string[] } | null;
}

export interface LineTotal {
  code: string;
  description: string | null;
  base_pct: number;
  additional_pct: number;
  total_pct: number;
  /** The expected rate of the line (ADR 9): exclusions and exemptions priced by their shares. */
  expected_pct: number;
  owed_total_pct: number;
}

export interface HeadingTotals {
  code: string;
  description: string | null;
  lines: number;
  min_total_pct: number;
  max_total_pct: number;
}

export interface DutyAmounts {
  value_usd: number;
  base_usd: number;
  /** Duty of each applying layer, by measure id. */
  layers_usd: Record<string, number>;
  total_usd: number;
  owed_usd: number;
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
  /** By authority: percentage points per authority; by section: a figure per HS section. */
  by?: Record<string, number | SectionFigure>;
  /** Unconfirmed steps or suspension ends the average depends on, each with the average if flipped (ADR 82). */
  unconfirmed?: UnconfirmedAverage[];
}

export interface TimelineEntry {
  date: string;
  side: string;
  /** Event kind, the schedule event (effective, rate_change...), or suspended / suspension_ends. */
  kind: string;
  /** ad_valorem, export_control... or 'event'. */
  instrument_kind: string;
  record: string;
  title: string;
  detail: string;
  status: string;
  scheduled: boolean;
  sources: string[];
}

export interface LayerContribution {
  measure: string;
  authority: string;
  pct: number;
  /** What the layer adds on average (ADR 9): pct × the share of the line's goods expected to pay it. */
  expected_pct?: number;
  owed: boolean;
}

/** A stretch [from, until) over which a product's duty stack is constant. */
export interface PanelInterval {
  from: string;
  until: string;
  base: number;
  additional: number;
  total: number;
  /** Expected rate (ADR 9). */
  expected: number;
  owed: number;
  layers: LayerContribution[];
}

export interface ProductHit {
  importer: string;
  code: string;
  level: number;
  description: string;
}

export interface ScenarioSummary {
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
