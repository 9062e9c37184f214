// A duty stack as flat rows (base, each layer, total) for CSV: the CLI's `rate --format csv` and the API's
// `/api/rate?format=csv` give the same columns.
import type { Stack } from '../contract/answers.js';
import type { Row } from '../util/csv.js';

export function stackRows(s: Stack): Row[] {
  return [
    {
      kind: 'base',
      measure: s.base.measure,
      authority: 'mfn',
      rate_pct: s.base_pct,
      contribution_pct: s.base_pct,
      applies: true,
      status_on_date: 'in_force',
      reason: s.base.rate_text ?? '',
      citation: s.base.table,
      source: s.base.source,
    },
    ...s.layers.map((l) => ({
      kind: 'layer',
      measure: l.measure,
      authority: l.authority,
      rate_pct: l.rate_pct,
      contribution_pct: l.contribution_pct,
      applies: l.applies,
      status_on_date: l.status_on_date,
      reason: l.reason,
      citation: l.citation,
      source: l.source,
    })),
    {
      kind: 'total',
      measure: '',
      authority: '',
      rate_pct: s.total_pct,
      contribution_pct: s.total_pct,
      applies: true,
      status_on_date: '',
      reason: `owed after rulings ${s.owed_total_pct}%`,
      citation: '',
      source: '',
    },
    // ADR 82: the total with one unconfirmed step or suspension end flipped
    ...(s.unconfirmed ?? []).map((u) => ({
      kind: 'unconfirmed',
      measure: u.id,
      authority: '',
      rate_pct: u.alternative_total_pct,
      contribution_pct: u.alternative_total_pct,
      applies: false,
      status_on_date: 'unconfirmed',
      reason: `the total ${u.assumption}; ${u.alternative_total_pct}% ${u.alternative}`,
      citation: u.confirm_by,
      source: u.scenario ? `--scenario ${u.scenario}` : '',
    })),
  ];
}
