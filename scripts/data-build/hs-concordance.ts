// hs_concordance.parquet: WCO HS6 correlations HS2022→HS2017 and HS2017→HS2012 (one row per source code).
import type { BuildContext } from './context.js';
import { csv, fact, rows, run, writeParquet } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

export async function buildHsConcordance(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE hs_concordance AS
     SELECT DISTINCT 'HS2022' AS from_vintage, lpad("HS6_6d", 6, '0') AS from_hs6, 'HS2017' AS to_vintage, lpad("HS5_6d", 6, '0') AS to_hs6
     FROM ${csv(ctx, F.hs2022to2017)}
     UNION
     SELECT 'HS2017', lpad("HS5_6d", 6, '0'), 'HS2012', lpad("HS4_6d", 6, '0') FROM ${csv(ctx, F.hs2017to2012)}`,
  );
  const c = await rows<{ v: string; n: number; changed: number }>(
    ctx,
    `SELECT from_vintage AS v, count(*)::INTEGER AS n, count(*) FILTER (WHERE from_hs6 <> to_hs6)::INTEGER AS changed
     FROM hs_concordance GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'hs_concordance',
    'rows',
    c.map((x) => `${x.v}→: ${x.n} rows, ${x.changed} with a different code`),
  );
  await writeParquet(
    ctx,
    `SELECT from_vintage, from_hs6, to_vintage, to_hs6 FROM hs_concordance ORDER BY from_vintage, from_hs6, to_hs6`,
    'hs_concordance.parquet',
  );
}
