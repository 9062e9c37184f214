// The shapes of the entry-file batch's answers (`tradewar entries --summary json`, POST /api/entries), shared by
// the service, the API schemas and the dashboard. Pure types, no imports.

/** One layer of one priced line: its rate and its duty in dollars. */
export interface EntryLayer {
  measure: string;
  authority: string;
  rate_pct: number;
  expected_pct: number;
  /** false for a measure struck down by a court: its duty is refundable. */
  owed: boolean;
  duty_statutory_usd: number;
  duty_expected_usd: number;
}

/** One line of an entry file, priced (`status: 'ok'`) or rejected with a reason. Money in USD. */
export interface EntryLine {
  row: number;
  entry_number: string | number | null;
  line_number: string | number | null;
  entry_date: string | null;
  hts: string | null;
  origin: string | null;
  value_usd: number | null;
  quantity: number | null;
  duty_paid_usd: number | null;
  liquidation_date: string | null;
  status: 'ok' | 'rejected';
  reason: string | null;
  base_pct: number | null;
  statutory_pct: number | null;
  expected_pct: number | null;
  owed_pct: number | null;
  duty_base_usd: number | null;
  duty_statutory_usd: number | null;
  duty_expected_usd: number | null;
  duty_owed_usd: number | null;
  refundable_usd: number | null;
  paid_minus_statutory_usd: number | null;
  difference_usd: number | null;
  refund_due_usd: number | null;
  /** How the refund of the line's struck-down duty is claimed, from its liquidation date as of the summary's
   * `refund_as_of` (none given: unliquidated): CBP's CAPE portal, a protest, or a court order; null without
   * refundable duty. */
  refund_path: 'cape' | 'protest' | 'court' | null;
  layers: EntryLayer[] | null;
  /**
   * ADR 82: ids of the unconfirmed steps or suspension ends the line's statutory total rests on (space-separated),
   * and the statutory total with each flipped (same order); null when it rests on none.
   */
  unconfirmed?: string | null;
  alternative_total_pct?: string | null;
}

/** Totals of one layer over the priced lines; the first is the base rate (MFN), `measure: 'base'`. */
export interface LayerTotal {
  measure: string;
  authority: string;
  owed: boolean;
  lines: number;
  duty_statutory_usd: number;
  duty_expected_usd: number;
  refundable_usd: number;
}

export interface EntriesSummary {
  file: string;
  out: string;
  format: 'csv' | 'parquet' | 'json';
  importer: string;
  rows: number;
  accepted: number;
  rejected: number;
  with_duty_paid: number;
  first_entry_date: string | null;
  last_entry_date: string | null;
  totals: {
    value_usd: number;
    duty_base_usd: number;
    duty_statutory_usd: number;
    duty_expected_usd: number;
    duty_owed_usd: number;
    refundable_usd: number;
    duty_paid_usd: number;
    refund_due_usd: number;
  };
  by_layer: LayerTotal[];
  /** The date the lines' refund paths are judged at. */
  refund_as_of: string;
  /** Lines with refundable duty by refund path (cape, protest, court), with their refundable duty and refund due. */
  by_refund_path: Array<{
    path: 'cape' | 'protest' | 'court';
    lines: number;
    refundable_usd: number;
    refund_due_usd: number;
  }>;
  rejected_rows: Array<{ row: number; reason: string }>;
  /** Which column of the file holds each field (entry_date, hts, origin, value, ...). */
  columns: Partial<Record<string, string>>;
  panel: { key: string; cached: boolean; interval_rows: number; dir: string };
  expected_equals_statutory: boolean;
  assumptions: string[];
}

/** POST /api/entries: the summary and the first `limit` lines. */
export interface EntriesUploadAnswer {
  summary: EntriesSummary;
  lines_total: number;
  lines: EntryLine[];
}
