// cn_mfn.parquet: China's MFN rate per national line as a step function: the 1 Jan 2018 level, then a row on
// each date an MFN change column moves it (the source gives increments, so levels are cumulative sums).
import type { BuildContext } from './context.js';
import { fact, rows, run, writeParquet } from './context.js';

const MFN_STEPS: Array<[string, string]> = [
  ['2018-05-01', 'inc_2018_05_01_mfn_pharma'],
  ['2018-07-01', 'inc_2018_07_01_mfn_consumer_autos_ita'],
  ['2018-11-01', 'inc_2018_11_01_mfn_industrial'],
  ['2019-01-01', 'inc_2019_01_01_mfn_temporary'],
];

export async function buildCnMfn(ctx: BuildContext): Promise<void> {
  const steps = MFN_STEPS.map(([d, col]) => `SELECT code, DATE '${d}' AS valid_from, ${col} AS inc FROM cn_lines`).join(
    ' UNION ALL ',
  );
  await run(
    ctx,
    `CREATE TABLE cn_mfn AS
     WITH s AS (SELECT code, DATE '2018-01-01' AS valid_from, mfn_2018_01_01 AS inc FROM cn_lines UNION ALL ${steps}),
     lv AS (SELECT code, valid_from, inc, sum(inc) OVER (PARTITION BY code ORDER BY valid_from) AS level FROM s)
     SELECT code, valid_from, round(level, 6) AS mfn_pct FROM lv
     WHERE valid_from = DATE '2018-01-01' OR inc <> 0`,
  );
  const byDate = await rows<{ d: string; n: number }>(
    ctx,
    `SELECT strftime(valid_from, '%Y-%m-%d') AS d, count(*)::INTEGER AS n FROM cn_mfn GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'cn_mfn',
    'rows_by_valid_from',
    byDate.map((x) => `${x.d}: ${x.n}`),
  );
  const neg = await rows<{ n: number }>(ctx, `SELECT count(*)::INTEGER AS n FROM cn_mfn WHERE mfn_pct < 0`);
  fact(ctx, 'cn_mfn', 'negative_levels', neg[0]?.n);
  await writeParquet(
    ctx,
    `SELECT code, valid_from, mfn_pct::DOUBLE AS mfn_pct FROM cn_mfn ORDER BY code, valid_from`,
    'cn_mfn.parquet',
  );
}
