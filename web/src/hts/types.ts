// Answers of /api/hts/* (src/api/schemas-hts.ts).
export type HeadingStatus = 'modelled' | 'unmodelled' | 'rate_mismatch' | 'not_applicable' | 'explained';

export interface HtsRevision {
  revision: string;
  effective_date: string;
  until: string | null;
  parse_errors: number;
}

export interface HtsAuditSummary {
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

export interface HtsAudit {
  revision: string;
  date: string;
  headings: Array<{
    heading: string;
    text: string;
    rate: string;
    ledger_ids: string[];
    status: HeadingStatus;
    reason: string | null;
  }>;
  membership: {
    lines_checked: number;
    mismatches: Array<{ line: string; hts_headings: string[]; ledger_ids: string[]; value_usd: number }>;
    value_at_stake_usd: number;
    value_share: number;
  };
  parse_errors: number;
}

export interface HtsLine {
  product: string;
  description: string;
  date: string;
  origin: string;
  revision: { revision: string; effective_date: string };
  general: string;
  headings: Array<{
    heading: string;
    text: string;
    rate: string;
    rate_kind: string;
    rate_pct: number | null;
    own: boolean;
    reaches_origin: boolean;
    ledger_ids: string[];
    status: 'agree' | 'schedule_only' | 'not_for_origin';
  }>;
  ledger: Array<{
    id: string;
    kind: 'measure' | 'suspension';
    title: string;
    rate_pct: number | null;
    headings: string[];
    cites: string[];
    status: 'agree' | 'ledger_only';
  }>;
  counts: { agree: number; schedule_only: number; ledger_only: number };
  agree: boolean;
}

/** A revision's name as people read it: 2026_rev_10 → "2026 Revision 10", 2025_basic → "2025 Basic Edition". */
export function revisionName(rev: string): string {
  const m = /^(\d{4})_(?:rev_(\d+)|basic)$/.exec(rev);
  if (!m) return rev.replace(/_/g, ' ');
  return m[2] ? `${m[1]} Revision ${m[2]}` : `${m[1]} Basic Edition`;
}

export const STATUS_LABEL: Record<string, string> = {
  modelled: 'modelled',
  unmodelled: 'unmodelled',
  rate_mismatch: 'rate mismatch',
  explained: 'explained',
  not_applicable: 'not for China',
  agree: 'agree',
  schedule_only: 'schedule only',
  ledger_only: 'ledger only',
  not_for_origin: 'not for this origin',
};

export const STATUS_COLORS: Record<string, string> = {
  modelled: '#15803d',
  explained: '#6b7280',
  unmodelled: '#b4232a',
  rate_mismatch: '#d97706',
};
