// Answers of the HTS audit (issue 19, ADR 83): `tradewar hts audit --format json` and /api/hts/*. The service
// (src/service/hts.ts) builds them; the API's schemas (src/api/schemas-hts.ts) and the dashboard (web/src/hts)
// read these same types.
export type HeadingStatus = 'modelled' | 'unmodelled' | 'rate_mismatch' | 'not_applicable' | 'explained';

export interface AuditHeading {
  heading: string;
  text: string;
  rate: string;
  ledger_ids: string[];
  status: HeadingStatus;
  reason: string | null;
}

export interface AuditMismatch {
  line: string;
  hts_headings: string[];
  ledger_ids: string[];
  value_usd: number;
}

export interface AuditSummary {
  revision: string;
  date: string;
  headings_reaching: number;
  modelled: number;
  unmodelled: number;
  rate_mismatch: number;
  explained: number;
  lines_checked: number;
  mismatches: number;
  value_at_stake_usd: number;
  value_share: number;
  parse_errors: number;
}

/** The audit in the layout of `hts audit --format json` (issue 19): no origin, no explained-lines count. */
export interface AuditJson {
  revision: string;
  date: string;
  headings: AuditHeading[];
  membership: {
    lines_checked: number;
    mismatches: AuditMismatch[];
    value_at_stake_usd: number;
    value_share: number;
  };
  parse_errors: number;
}

export interface RevisionListItem {
  revision: string;
  effective_date: string;
  /** The next revision's effective date (null for the latest). */
  until: string | null;
  parse_errors: number;
}

export type LineAgreement = 'agree' | 'schedule_only' | 'ledger_only';

export interface LineHeading {
  heading: string;
  text: string;
  rate: string;
  /** The parsed rate's kind (plus_pct, plus_content_pct, specific, compound, no_change, …). */
  rate_kind: string;
  rate_pct: number | null;
  /** Named by a footnote on the line itself (false: on a parent line). */
  own: boolean;
  /** The heading's text reaches goods of the origin on the date (not limited to other countries, not ended). */
  reaches_origin: boolean;
  /** Ledger records (measures, suspensions) that cite the heading and apply to the line on the date. */
  ledger_ids: string[];
  status: LineAgreement | 'not_for_origin';
}

export interface LineLedgerRecord {
  id: string;
  kind: 'measure' | 'suspension';
  title: string;
  /** Rate the layer adds on the date, percent (null for a suspension). */
  rate_pct: number | null;
  /** Chapter 99 headings the record cites that the schedule names for the line. */
  headings: string[];
  /** Every Chapter 99 heading (or range) the record cites. */
  cites: string[];
  status: 'agree' | 'ledger_only';
}

export interface ScheduleLineAnswer {
  product: string;
  description: string;
  date: string;
  origin: string;
  revision: { revision: string; effective_date: string };
  general: string;
  headings: LineHeading[];
  ledger: LineLedgerRecord[];
  counts: { agree: number; schedule_only: number; ledger_only: number };
  agree: boolean;
}
