// Impact-model inputs (issue 11): Broda–Weinstein σ for the US by HS 3-digit (impact_sigma_hs3.parquet) and the
// 194-country world of 2023 — bilateral goods flows and GDP — that the one-sector GE model is calibrated on for
// US–China scenarios (impact_world.parquet). Also appends its own section to SOURCES.md.
import fs from 'node:fs';
import type { BuildContext } from './context.js';
import { csv, fact, outPath, rows, run, srcPath, writeParquet } from './context.js';

export const IMPACT_FILES = ['impact_sigma_hs3.parquet', 'impact_world.parquet'];

const BW = 'model/elasticities/bw2006_sigma_hs0_3digit_73countries.csv';
const ILSS = 'model/ilss-2025';

export async function buildImpactInputs(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE impact_sigma AS
     SELECT 'US' AS importer, lpad(hs0_3digit, 3, '0') AS hs3, CAST(sigma AS DOUBLE) AS sigma
     FROM ${csv(ctx, BW)} WHERE cname = 'USA' AND sigma IS NOT NULL`,
  );
  const s = await rows<{ n: number; med: number; mx: number }>(
    ctx,
    `SELECT count(*)::INTEGER n, median(sigma) med, max(sigma) mx FROM impact_sigma`,
  );
  fact(ctx, 'impact', 'sigma_us_hs3_rows', s[0]?.n);
  fact(ctx, 'impact', 'sigma_us_median', Math.round((s[0]?.med ?? 0) * 100) / 100);
  await writeParquet(
    ctx,
    `SELECT importer, hs3, sigma FROM impact_sigma ORDER BY importer, hs3`,
    'impact_sigma_hs3.parquet',
  );

  // the 194×194 matrix: row = exporter, column = importer, $1000; blank = 0; country order from country_labels.csv
  const labels = fs
    .readFileSync(srcPath(ctx, `${ILSS}/country_labels.csv`), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(',')[0]!);
  const trade = fs
    .readFileSync(srcPath(ctx, `${ILSS}/trade_cepii.csv`), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const gdp = fs
    .readFileSync(srcPath(ctx, `${ILSS}/gdp.csv`), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  if (trade.length !== labels.length || gdp.length !== labels.length)
    throw new Error(
      `impact_world: ${labels.length} countries but ${trade.length} trade rows and ${gdp.length} GDP rows`,
    );
  const values: string[] = [];
  trade.forEach((line, j) => {
    line.split(',').forEach((cell, i) => {
      const v = cell.trim() === '' ? 0 : Number(cell);
      if (!Number.isFinite(v)) throw new Error(`impact_world: bad cell ${cell}`);
      if (v > 0 && i !== j) values.push(`('${labels[j]}', '${labels[i]}', ${v})`);
    });
  });
  await run(ctx, `CREATE TABLE impact_flows(exporter VARCHAR, importer VARCHAR, value_kusd DOUBLE)`);
  for (let k = 0; k < values.length; k += 5000)
    await run(ctx, `INSERT INTO impact_flows VALUES ${values.slice(k, k + 5000).join(', ')}`);
  const gdpRows = labels.map((iso3, i) => `('${iso3}', ${i + 1}, ${Number(gdp[i]) / 1000})`);
  await run(ctx, `CREATE TABLE impact_gdp AS SELECT * FROM (VALUES ${gdpRows.join(', ')}) t(iso3, ord, gdp_kusd)`);
  // one table: flows, plus the GDP as a row with exporter = importer (the matrix diagonal is not used for flows)
  await writeParquet(
    ctx,
    `SELECT exporter, importer, value_kusd, 'flow' AS kind, NULL::INTEGER AS ord FROM impact_flows
     UNION ALL SELECT iso3, iso3, gdp_kusd, 'gdp', ord FROM impact_gdp
     ORDER BY kind, exporter, importer`,
    'impact_world.parquet',
  );
  fact(ctx, 'impact', 'world_countries', labels.length);
  fact(ctx, 'impact', 'world_flows_nonzero', values.length);

  fs.appendFileSync(
    outPath(ctx, 'SOURCES.md'),
    `
## impact_sigma_hs3.parquet, impact_world.parquet (impact models, issue 11)
- \`impact_sigma_hs3.parquet\` (importer, hs3, sigma): Broda & Weinstein (2006) elasticities of substitution between
  varieties, US rows, by 3-digit HS 1988/92 (\`${BW}\`, from the MIT-licensed R package \`concordance\`,
  insongkim/concordance; data © Broda & Weinstein). ${s[0]?.n} codes, median ${Math.round((s[0]?.med ?? 0) * 100) / 100}, max ${Math.round(s[0]?.mx ?? 0)}. Used as σ between suppliers of a product in the PE model
  (lines are matched on their first three digits; HS revisions since 1992 make this an approximation).
- \`impact_world.parquet\` (exporter, importer, value_kusd, kind, ord): the 194-country world of 2023 the one-sector GE model
  is calibrated on for US–China scenarios — bilateral goods flows in $1000 (kind = 'flow', zero flows and the diagonal
  left out) and GDP in $1000 (kind = 'gdp', exporter = importer, ord = the country order). Underlying data: CEPII BACI
  HS22 2023 (Etalab Open Licence 2.0 — cite CEPII) and World Bank WDI GDP (CC BY 4.0 — cite the World Bank), as
  compiled in the Ignatenko–Lashkaripour–Macedoni–Simonovska (2025) replication package (\`${ILSS}/\`; that repository
  itself carries no licence, so only the openly licensed data it compiles is shipped, with attribution; the tariffs and
  published outputs of the package are not shipped and are read from the mirror for reproductions only).
`,
  );
}
