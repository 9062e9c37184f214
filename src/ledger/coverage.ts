// Which rows of the reference table of measures (ids like US-02, CN-13, EV-07) the ledger represents.
import type { Ledger } from './ledger.js';

export interface Coverage {
  total: number;
  modelled: Array<{ reference_id: string; records: string[] }>;
  unmodelled: Array<{ reference_id: string; reason: string }>;
  missing: string[];
}

export function referenceIds(markdown: string): string[] {
  const ids = new Set<string>();
  for (const m of markdown.matchAll(/^\|\s*((?:US|CN|EV)-\d{2})\s*\|/gm)) ids.add(m[1]!);
  return [...ids];
}

export function referenceCoverage(ledger: Ledger, markdown: string): Coverage {
  const records = new Map<string, string[]>();
  const note = (ids: string[] | undefined, rec: string) => {
    for (const id of ids ?? []) records.set(id, [...(records.get(id) ?? []), rec]);
  };
  for (const m of ledger.measures) note(m.reference_ids, m.id);
  for (const s of ledger.suspensions) note(s.reference_ids, s.id);
  for (const e of ledger.events) note(e.reference_ids, e.id);
  const unmodelled = new Map(ledger.unmodelled.map((u) => [u.reference_id, u.reason]));
  const cov: Coverage = { total: 0, modelled: [], unmodelled: [], missing: [] };
  for (const id of referenceIds(markdown)) {
    cov.total++;
    const recs = records.get(id);
    if (recs) cov.modelled.push({ reference_id: id, records: recs });
    else if (unmodelled.has(id)) cov.unmodelled.push({ reference_id: id, reason: unmodelled.get(id)! });
    else cov.missing.push(id);
  }
  return cov;
}
