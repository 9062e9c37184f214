// cn_products.parquet: Chinese national tariff lines (HS10, 2018 nomenclature) and the HS8 codes of
// China's 2017 imports from the US.
import type { BuildContext } from './context.js';
import { csv, fact, rows, run, writeParquet } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

export async function buildCnProducts(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE cn_imports_2017 AS
     SELECT lpad(hs08, 8, '0') AS hs8, "ProductDescription" AS description,
            try_cast("2017 China's Imports from US (000USD)" AS DOUBLE) * 1000 AS value_usd
     FROM ${csv(ctx, F.cnImportsFromUs2017)}`,
  );
  await run(
    ctx,
    `CREATE TABLE cn_products AS
     SELECT code, 10 AS level, substr(code, 1, 8) AS hs8, description FROM cn_lines
     UNION ALL
     SELECT DISTINCT ON (hs8) hs8, 8, hs8, description FROM cn_imports_2017 ORDER BY 1`,
  );
  const c = await rows<{ level: number; n: number }>(
    ctx,
    `SELECT level, count(*)::INTEGER AS n FROM cn_products GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'cn_products',
    'rows_by_level',
    c.map((x) => `HS${x.level}: ${x.n}`),
  );
  const orphan = await rows<{ n: number }>(
    ctx,
    `SELECT count(*)::INTEGER AS n FROM cn_imports_2017 WHERE hs8 NOT IN (SELECT substr(code, 1, 8) FROM cn_lines)`,
  );
  fact(ctx, 'cn_products', 'hs8_without_hs10_line', orphan[0]?.n);
  await writeParquet(
    ctx,
    `SELECT code, level::INTEGER AS level, hs8, description FROM cn_products ORDER BY code, level`,
    'cn_products.parquet',
  );
}
