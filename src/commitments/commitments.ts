// Entry point of the purchase-commitment tracker: pick commitments from the ledger, load the actuals (shipped
// data plus any user files), compare, and flatten the answer into rows for tables and CSV.
import type { Ledger } from '../ledger/ledger.js';
import { UserInputError } from '../util/errors.js';
import { loadCoverageTables, loadShippedActuals, mergeActuals } from './actuals.js';
import { trackCommitment, type CommitmentReport } from './tracker.js';
import { readActualsFile } from './user-files.js';

export type { CommitmentReport, CategoryFigure, YearFigure, MonthFigure } from './tracker.js';

export function commitmentNames(ledger: Ledger): string[] {
  return ledger.commitments.map((c) => c.id);
}

export async function commitmentReports(
  ledger: Ledger,
  dataDir: string,
  opts: { name?: string; actualsFiles?: string[]; onProgress?: (done: number, total: number) => void } = {},
): Promise<CommitmentReport[]> {
  const names = commitmentNames(ledger);
  if (opts.name !== undefined && !names.includes(opts.name))
    throw new UserInputError(`unknown commitment "${opts.name}": use one of ${names.join(', ')}`, 'name');
  const chosen = ledger.commitments.filter((c) => opts.name === undefined || c.id === opts.name);
  if (!chosen.length) return [];
  const [shipped, coverage, ...user] = await Promise.all([
    loadShippedActuals(dataDir),
    loadCoverageTables(dataDir),
    ...(opts.actualsFiles ?? []).map((f) => readActualsFile(f)),
  ]);
  const set = mergeActuals(shipped, user);
  const total = chosen.length + 1;
  opts.onProgress?.(1, total);
  return chosen.map((c, i) => {
    const r = trackCommitment(c, set, coverage);
    opts.onProgress?.(i + 2, total);
    return r;
  });
}

const bn = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x / 1e7) / 100);
const mt = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x / 1e3) / 1e3);

/** One row per commitment × category × period (total, each target window, and each month with data). */
export function commitmentRows(
  reports: CommitmentReport[],
  opts: { months?: boolean } = {},
): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const r of reports)
    for (const c of r.categories) {
      const tonnes = r.unit === 'tonnes';
      const firstYear = c.by_year[0]?.year;
      const lastYear = c.by_year.at(-1)?.year;
      rows.push({
        name: r.name,
        category: c.category,
        period:
          firstYear === undefined ? 'all' : firstYear === lastYear ? String(firstYear) : `${firstYear}-${lastYear}`,
        target_usd_bn: bn(c.target_usd),
        actual_usd_bn: bn(c.actual_usd),
        target_mt: tonnes ? mt(c.target_tonnes) : null,
        actual_mt: tonnes ? mt(c.actual_tonnes) : null,
        share_met_pct: c.share_met_pct,
        note: c.data_gap ? 'data gap: see notes' : (c.notes[0] ?? ''),
      });
      for (const y of c.by_year)
        rows.push({
          name: r.name,
          category: c.category,
          period:
            y.window_from.endsWith('-01-01') && y.window_until.endsWith('-01-01')
              ? String(y.year)
              : `${y.window_from}..${y.window_until}`,
          target_usd_bn: bn(y.target_usd),
          actual_usd_bn: bn(y.actual_usd),
          target_mt: mt(y.target_tonnes),
          actual_mt: mt(y.actual_tonnes),
          share_met_pct: y.share_met_pct,
          note: y.note ?? (y.source === null ? 'no data' : `source: ${y.source}`),
        });
      if (opts.months)
        for (const m of c.by_month)
          rows.push({
            name: r.name,
            category: c.category,
            period: m.month,
            target_usd_bn: bn(m.cumulative_target_usd),
            actual_usd_bn: bn(m.cumulative_actual_usd),
            target_mt: mt(m.cumulative_target_tonnes),
            actual_mt: mt(m.cumulative_actual_tonnes),
            share_met_pct:
              m.cumulative_target_usd && m.cumulative_actual_usd !== null
                ? Math.round((1000 * m.cumulative_actual_usd) / m.cumulative_target_usd) / 10
                : null,
            note: `cumulative in the window; target spread evenly over its months (illustrative); source: ${m.source}`,
          });
    }
  return rows;
}
