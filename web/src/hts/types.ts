// Answers of /api/hts/*: the types of src/contract/hts.ts (one definition for the service, the API and the
// dashboard), and how the dashboard names revisions and statuses.
export type {
  HeadingStatus,
  RevisionListItem as HtsRevision,
  AuditSummary as HtsAuditSummary,
  AuditJson as HtsAudit,
  ScheduleLineAnswer as HtsLine,
} from '../../../src/contract/hts';

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
