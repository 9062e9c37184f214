// commitment_coverage.parquet and commitment_actuals.parquet: what the purchase-commitment tracker needs to run
// offline — the HS6 coverage of Phase One by category, and US-reported exports to China (value, tonnes) by HS6,
// monthly 2013–2020 (Census, via tradewartracker) and yearly 2015–2025 (Census via UN Comtrade).
import fs from 'node:fs';
import type { BuildContext } from './context.js';
import { csv, fact, r2, rows, run, srcPath, writeParquet } from './context.js';
import { SourceError } from './source-files.js';
import { SOURCE_FILES as F } from './source-files.js';
import { loadLedger } from '../../src/ledger/load.js';
import { projectPath } from '../../src/util/paths.js';

export const COMMITMENT_FILES = ['commitment_coverage.parquet', 'commitment_actuals.parquet'];

const PHASE_ONE = {
  categories: 'us/phase-one/phase-one-hs6-categories.csv',
  monthly: 'us/phase-one/us-exports-to-china-monthly-hs6-2013-2020.csv.gz',
};

/** The tracker's category names → the coverage keys the ledger's commitment categories name. */
const CATEGORY_KEYS: Record<string, string> = {
  Agriculture: 'agriculture',
  Energy: 'energy',
  Manufactures: 'manufactures',
};

/** Census reports civil aircraft, engines and parts to China under the non-HS code 880000; Comtrade's annual
 * US data put it in the 999999 bucket. Annex 6.1 covers aircraft, so both codes are listed as `aircraft`. */
const AIRCRAFT_CODES: Array<[string, string]> = [
  ['880000', 'Civil aircraft, engines and parts (Census special code 880000)'],
  ['999999', 'Comtrade 999999 bucket: Census 880000 civil aircraft plus a few other special codes'],
];

export async function buildCommitments(ctx: BuildContext): Promise<void> {
  for (const rel of Object.values(PHASE_ONE))
    if (!fs.existsSync(srcPath(ctx, rel)))
      throw new SourceError(
        `missing source file: ${srcPath(ctx, rel)} — restore it in the data mirror or pass --source DIR`,
      );

  // HS prefixes that ledger commitment categories name directly (soybeans, sorghum, logs...)
  const ledger = loadLedger(projectPath('ledger'));
  const prefixes = [...new Set(ledger.commitments.flatMap((c) => c.categories.flatMap((k) => k.hs ?? [])))].sort();
  const prefixSql = prefixes.length
    ? prefixes.map((p) => `starts_with(hs6, '${p.replace(/\D/g, '')}')`).join(' OR ')
    : 'false';

  const keyCase = Object.entries(CATEGORY_KEYS)
    .map(([from, to]) => `WHEN '${from}' THEN '${to}'`)
    .join(' ');
  await run(
    ctx,
    `CREATE TABLE commitment_coverage AS
     SELECT 'phase-one-hs6' AS coverage_table, hs6 AS code, CASE category ${keyCase} END AS category, subcategory
     FROM ${csv(ctx, PHASE_ONE.categories)} WHERE category IN (${Object.keys(CATEGORY_KEYS)
       .map((k) => `'${k}'`)
       .join(', ')})
     UNION ALL SELECT * FROM (VALUES ${AIRCRAFT_CODES.map(([c, s]) => `('phase-one-hs6', '${c}', 'aircraft', '${s.replace(/'/g, "''")}')`).join(', ')}) t(a, b, c, d)`,
  );
  await writeParquet(
    ctx,
    `SELECT coverage_table, code, category, subcategory FROM commitment_coverage ORDER BY coverage_table, code`,
    'commitment_coverage.parquet',
  );

  const keep = `(hs6 IN (SELECT code FROM commitment_coverage) OR ${prefixSql})`;
  // months where part of the value has no HS6 code (the file's December 2020) are incomplete: not shipped
  const incomplete = await rows<{ month: string; pct: number }>(
    ctx,
    `SELECT month, 100 * sum(CASE WHEN hs6 IS NULL OR hs6 = '' THEN try_cast(us_exports_to_china_usd AS DOUBLE) ELSE 0 END)
              / sum(try_cast(us_exports_to_china_usd AS DOUBLE)) AS pct
     FROM ${csv(ctx, PHASE_ONE.monthly)} GROUP BY 1 HAVING pct > 0.5 ORDER BY 1`,
  );
  for (const m of incomplete)
    fact(ctx, 'commitments', `census-monthly ${m.month} left out`, `${r2(m.pct, 1)}% of its value has no HS6 code`);
  const dropMonths = incomplete.length ? `month NOT IN (${incomplete.map((m) => `'${m.month}'`).join(', ')})` : 'true';
  await run(
    ctx,
    `CREATE TABLE commitment_actuals AS
     SELECT 'census-monthly' AS source, month AS period, CAST(strptime(month || '-01', '%Y-%m-%d') AS DATE) AS period_from,
            CAST(strptime(month || '-01', '%Y-%m-%d') + INTERVAL 1 MONTH AS DATE) AS period_until, hs6 AS code,
            sum(try_cast(us_exports_to_china_usd AS DOUBLE)) AS value_usd,
            sum(CASE WHEN quantity_unit = 'T' THEN try_cast(quantity AS DOUBLE) END) AS tonnes
     FROM ${csv(ctx, PHASE_ONE.monthly)} WHERE ${keep} AND ${dropMonths} GROUP BY ALL
     UNION ALL
     SELECT 'comtrade-annual', year, CAST(year || '-01-01' AS DATE), CAST((CAST(year AS INTEGER) + 1) || '-01-01' AS DATE), hs6,
            sum(try_cast(primary_value_usd AS DOUBLE)), sum(try_cast(net_wgt_kg AS DOUBLE)) / 1000
     FROM ${csv(ctx, F.comtrade)} WHERE flow = 'X' AND partner_iso = 'CHN' AND reporter_iso = 'USA' AND ${keep} GROUP BY ALL`,
  );
  await writeParquet(
    ctx,
    `SELECT source, period, period_from, period_until, code, value_usd, tonnes FROM commitment_actuals
     ORDER BY source, period, code`,
    'commitment_actuals.parquet',
  );

  const counts = await rows<{ source: string; n: number; first: string; last: string }>(
    ctx,
    `SELECT source, count(*)::INTEGER AS n, min(period) AS first, max(period) AS last FROM commitment_actuals GROUP BY 1 ORDER BY 1`,
  );
  for (const c of counts) fact(ctx, 'commitments', `${c.source} rows`, `${c.n} (${c.first} to ${c.last})`);
  const cov = await rows<{ category: string; n: number }>(
    ctx,
    `SELECT category, count(*)::INTEGER AS n FROM commitment_coverage GROUP BY 1 ORDER BY 1`,
  );
  for (const c of cov) fact(ctx, 'commitments', `coverage codes: ${c.category}`, c.n);
  const check = await rows<{ y: string; v: number }>(
    ctx,
    `SELECT substr(period, 1, 4) AS y, sum(value_usd) / 1e9 AS v FROM commitment_actuals a JOIN commitment_coverage c
       ON c.code = a.code AND c.category = 'agriculture' WHERE source = 'census-monthly' AND period LIKE '2017%' GROUP BY 1`,
  );
  fact(
    ctx,
    'commitments',
    'check: 2017 covered agriculture, monthly file (USD bn; tracker goals file: 20.97)',
    r2(check[0]?.v),
  );
}

/** The SOURCES.md section of this step. */
export function commitmentsSourcesSection(ctx: BuildContext): string {
  const f = ctx.facts.commitments ?? {};
  const measured = Object.entries(f)
    .map(([k, v]) => `- ${k}: ${String(v)}`)
    .join('\n');
  return `## commitment_coverage.parquet, commitment_actuals.parquet

Inputs of the purchase-commitment tracker (\`tradewar commitments\`, src/commitments/).

- \`commitment_coverage.parquet\` (coverage_table, code, category, subcategory): Phase One's product coverage at HS6,
  from \`us/phase-one/phase-one-hs6-categories.csv\` — tradewartracker/us-china-overview (MIT, © 2021 tradewartracker),
  one public reading of Annex 6.1 of the Phase One agreement. Codes classed "not in agreement" are dropped; category
  names become \`agriculture\`, \`energy\`, \`manufactures\`. Added: \`aircraft\` for Census code 880000 (civil aircraft,
  engines and parts, which Annex 6.1 covers but that reading leaves out) and Comtrade's 999999 bucket that holds it in
  the annual data (with a few other Census special codes, about USD 0.5–1.1bn a year, measured against the monthly file).
- \`commitment_actuals.parquet\` (source, period, period_from, period_until, code, value_usd, tonnes): US exports to
  China of the covered codes and of the HS prefixes the ledger's commitments name (${'`'}1201${'`'} soybeans, ${'`'}1007${'`'}
  sorghum, ${'`'}4403${'`'} logs). \`census-monthly\`: \`us/phase-one/us-exports-to-china-monthly-hs6-2013-2020.csv.gz\`
  (US Census exports, domestic + foreign, via tradewartracker; tonnes only where Census reports metric tons).
  \`comtrade-annual\`: \`${F.comtrade}\` (UN Comtrade, reporter USA, flow X, partner CHN; Comtrade terms, cite UN
  Comtrade), tonnes = net weight / 1000.

${measured}
`;
}

export const TRADEWARTRACKER_NOTICE = `Copyright (c) 2021 tradewartracker — us-china-overview (us/phase-one/)

MIT License (same terms as the Budget Lab notice above).`;
