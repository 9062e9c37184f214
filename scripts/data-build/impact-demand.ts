// Import demand elasticities for the PE model (issue 11): Hauk (2012) US estimates by NAICS 6- and 4-digit industry
// (impact_demand_naics.parquet). Tariff lines reach them through the HTS10 → NAICS column of content_shares.parquet
// (the Budget Lab at Yale's BEA mapping). Only estimates of the right sign are kept (Hauk's own `positive` flag):
// a negative own-price elasticity of import demand is not a usable value. Also appends its own section to SOURCES.md.
import fs from 'node:fs';
import type { BuildContext } from './context.js';
import { csv, fact, outPath, r2, rows, run, writeParquet } from './context.js';

export const IMPACT_DEMAND_FILES = ['impact_demand_naics.parquet'];

const HAUK = 'model/elasticities';

export async function buildImpactDemand(ctx: BuildContext): Promise<void> {
  const level = (digits: 4 | 6) => `
    SELECT 'US' AS importer, ${digits}::TINYINT AS level,
           CAST(CAST(CAST(naics${digits} AS DOUBLE) AS BIGINT) AS VARCHAR) AS naics,
           CAST(impliedelasticity AS DOUBLE) AS elasticity,
           CAST(sedemandprice AS DOUBLE) AS se,
           CAST(CAST(obs AS DOUBLE) AS INTEGER) AS obs,
           CAST(sigat5per AS DOUBLE) = 1 AS significant_5pct
    FROM ${csv(ctx, `${HAUK}/import_naics${digits}elasticities.csv`)}
    WHERE CAST(positive AS DOUBLE) = 1`;
  await run(ctx, `CREATE TABLE impact_demand AS ${level(6)} UNION ALL ${level(4)}`);
  const bad = await rows<{ n: number }>(
    ctx,
    `SELECT count(*)::INTEGER n FROM impact_demand
     WHERE length(naics) <> level OR NOT (elasticity > 0) OR NOT (se >= 0)`,
  );
  if (bad[0]?.n) throw new Error(`impact_demand_naics: ${bad[0].n} rows with a malformed code, elasticity or error`);
  await writeParquet(
    ctx,
    `SELECT importer, level, naics, elasticity, se, obs, significant_5pct FROM impact_demand
     ORDER BY importer, level DESC, naics`,
    'impact_demand_naics.parquet',
  );
  const s = await rows<{ level: number; n: number; med: number; mx: number; se: number }>(
    ctx,
    `SELECT level::INTEGER AS level, count(*)::INTEGER AS n, median(elasticity) AS med, max(elasticity) AS mx, median(se) AS se
     FROM impact_demand GROUP BY level ORDER BY level DESC`,
  );
  // the share of 2024 US imports (from China, from everyone) whose line finds an estimate at each level
  const cover = await rows<{ cn: boolean; n6: number; n4: number; none: number }>(
    ctx,
    `WITH w AS (
       SELECT exporter = 'CN' AS cn, code, value_usd FROM read_parquet(${`'${outPath(ctx, 'trade_weights.parquet')}'`})
       WHERE weight_set = 'us_imports_2024'),
     j AS (
       SELECT w.cn, w.value_usd, d6.elasticity e6, d4.elasticity e4
       FROM w LEFT JOIN read_parquet(${`'${outPath(ctx, 'content_shares.parquet')}'`}) c ON c.hts10 = w.code
       LEFT JOIN impact_demand d6 ON d6.level = 6 AND d6.naics = c.naics
       LEFT JOIN impact_demand d4 ON d4.level = 4 AND d4.naics = left(c.naics, 4))
     SELECT cn, sum(value_usd) FILTER (WHERE e6 IS NOT NULL) / sum(value_usd) AS n6,
            sum(value_usd) FILTER (WHERE e6 IS NULL AND e4 IS NOT NULL) / sum(value_usd) AS n4,
            sum(value_usd) FILTER (WHERE e6 IS NULL AND e4 IS NULL) / sum(value_usd) AS "none"
     FROM j GROUP BY cn ORDER BY cn DESC`,
  );
  const pct = (x: number | undefined) => r2(100 * Number(x ?? 0), 1);
  const china = cover.find((c) => c.cn);
  const all = cover.find((c) => !c.cn);
  for (const l of s) fact(ctx, 'impact', `demand_naics${l.level}_rows`, l.n);
  fact(ctx, 'impact', 'demand_cover_china_pct', {
    naics6: pct(china?.n6),
    naics4: pct(china?.n4),
    default: pct(china?.none),
  });
  const l6 = s.find((l) => l.level === 6);
  const l4 = s.find((l) => l.level === 4);
  fs.appendFileSync(
    outPath(ctx, 'SOURCES.md'),
    `
## impact_demand_naics.parquet (PE import demand elasticities, issue 11)
- \`impact_demand_naics.parquet\` (importer, level, naics, elasticity, se, obs, significant_5pct): US own-price import
  demand elasticities of Hauk (2012), "U.S. Import and Export Elasticities: A Panel Data Approach", Empirical Economics
  43(2) — column \`impliedelasticity\` (= 1 − the estimated elasticity of import value with respect to the import price
  index) and its standard error \`sedemandprice\`, 1978–2001 data, from \`${HAUK}/import_naics{6,4}elasticities.csv\`
  (BillHauk/tradeelasticityestimates @0ab196e3, the author's companion files to the paper). Only estimates of the
  right sign are kept (Hauk's \`positive\` flag): NAICS6 ${l6?.n ?? 0} codes (median ${r2(l6?.med)}, max ${r2(l6?.mx)},
  median s.e. ${r2(l6?.se)}), NAICS4 ${l4?.n ?? 0} codes (median ${r2(l4?.med)}, max ${r2(l4?.mx)}).
- **Licence:** the repository has no LICENSE file. What is shipped are the paper's published estimates (figures, with
  their standard errors), cited, not the author's code or data set; no openly licensed source of industry- or
  product-level US import demand elasticities exists in the mirror (Kee–Nicita–Olarreaga and Soderbery were looked
  for and not staged), so under the project's rule — unlicensed replication data not as shipped defaults *where a
  licensed source exists* — they are the PE default for US lines (ADR 0011). \`--demand N\` replaces them with one
  flat value (1.3, Amiti–Redding–Weinstein 2019, was the earlier default). Remove this file if the author objects.
- Tariff lines are placed by the HTS10 → NAICS column of \`content_shares.parquet\` (Budget Lab at Yale, MIT), NAICS6
  where an estimate exists, else its NAICS4, else the default 1.3. Of 2024 US imports from China
  ${pct(china?.n6)}% of the value gets a NAICS6 estimate, ${pct(china?.n4)}% a NAICS4 estimate, ${pct(china?.none)}% the
  default (from all partners of the 2024 file: ${pct(all?.n6)}% / ${pct(all?.n4)}% / ${pct(all?.none)}%). The
  estimates use 1997/2002-era NAICS codes while the mapping uses a recent vintage: renumbered industries fall back to
  NAICS4.
`,
  );
}
