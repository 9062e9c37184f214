// trade_weights.parquet: trade values on the panel's product codes, used to weight average tariffs.
import type { BuildContext } from './context.js';
import { csv, fact, r2, rows, run, writeParquet } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

const SLOVAKIA = '4359'; // EU member, also inside the EU aggregate 0003: never add it on top
const EU_AGGREGATE = '0003';

async function usImports2024(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE us_imp_2024 AS
     SELECT i.hts10, i.cty_code, CASE WHEN i.cty_code = '${EU_AGGREGATE}' THEN 'EU' ELSE m.iso2 END AS iso2,
            try_cast(i.value_usd AS DOUBLE) AS value_usd
     FROM ${csv(ctx, F.usImports2024)} i LEFT JOIN census_iso c ON c.census_code = i.cty_code LEFT JOIN iso_map m ON m.iso3 = c.iso3
     WHERE i.cty_code <> '${SLOVAKIA}'`,
  );
  const unmapped = await rows<{ n: number }>(ctx, `SELECT count(*)::INTEGER AS n FROM us_imp_2024 WHERE iso2 IS NULL`);
  if (unmapped[0]?.n) throw new Error(`us_imports_2024: ${unmapped[0].n} rows with a Census code without ISO2`);
  const sk = await rows<{ bn: number }>(
    ctx,
    `SELECT sum(try_cast(value_usd AS DOUBLE)) / 1e9 AS bn FROM ${csv(ctx, F.usImports2024)} WHERE cty_code = '${SLOVAKIA}'`,
  );
  fact(ctx, 'trade_weights', 'us_imports_2024_slovakia_dropped_bn', r2(sk[0]?.bn, 2));
  const s = await rows<{
    total: number;
    cn: number;
    legacy: number;
    legacy_cn: number;
    ch9899: number;
    ch9899_cn: number;
  }>(
    ctx,
    `SELECT sum(value_usd) / 1e9 AS total, sum(value_usd) FILTER (WHERE iso2 = 'CN') / 1e9 AS cn,
            sum(value_usd) FILTER (WHERE hts10 NOT IN (SELECT code FROM hts25_all8)) / 1e9 AS legacy,
            sum(value_usd) FILTER (WHERE iso2 = 'CN' AND hts10 NOT IN (SELECT code FROM hts25_all8)) / 1e9 AS legacy_cn,
            sum(value_usd) FILTER (WHERE substr(hts10, 1, 2) IN ('98', '99')) / 1e9 AS ch9899,
            sum(value_usd) FILTER (WHERE iso2 = 'CN' AND substr(hts10, 1, 2) IN ('98', '99')) / 1e9 AS ch9899_cn
     FROM us_imp_2024`,
  );
  const x = s[0]!;
  fact(ctx, 'trade_weights', 'us_imports_2024', {
    total_bn: r2(x.total, 1),
    china_bn: r2(x.cn, 2),
    legacy_codes_value_bn: r2(x.legacy, 2),
    legacy_codes_share_pct: r2((100 * x.legacy) / x.total, 2),
    legacy_codes_china_share_pct: r2((100 * x.legacy_cn) / x.cn, 2),
    ch98_99_value_bn: r2(x.ch9899, 2),
    ch98_99_china_bn: r2(x.ch9899_cn, 2),
  });
  await run(
    ctx,
    `INSERT INTO trade_weights SELECT 'us_imports_2024', 'US', iso2, 2024, hts10, sum(value_usd) FROM us_imp_2024 GROUP BY ALL`,
  );
}

/**
 * PIIE-method weights for the US side (docs/adr/0073-piie-world-weights.md): US imports from all partners in
 * 2024 as an exporter-neutral product composition, on the HTS10 lines China sold to the US in 2024 (a product the
 * exporter does not sell gets no weight, as in PIIE's exporter-to-world weights). The EU is counted once, as the
 * aggregate 0003 (Slovakia, also inside it, is already dropped). Exporter '*': usable for any exporter's average.
 */
async function usImportsWorld2024(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `INSERT INTO trade_weights
     SELECT 'us_imports_world_2024', 'US', '*', 2024, hts10, sum(value_usd) FROM us_imp_2024
     WHERE hts10 IN (SELECT hts10 FROM us_imp_2024 WHERE iso2 = 'CN' AND value_usd > 0) GROUP BY ALL`,
  );
  const s = await rows<{ all_bn: number; kept_bn: number; lines: number; dropped_lines: number; top: string }>(
    ctx,
    `WITH l AS (SELECT hts10, sum(value_usd) AS v, bool_or(iso2 = 'CN' AND value_usd > 0) AS cn FROM us_imp_2024 GROUP BY 1)
     SELECT sum(v) / 1e9 AS all_bn, sum(v) FILTER (WHERE cn) / 1e9 AS kept_bn,
            count(*) FILTER (WHERE cn)::INTEGER AS lines, count(*) FILTER (WHERE NOT cn)::INTEGER AS dropped_lines,
            (SELECT string_agg(hts10 || ' $' || round(v / 1e9, 1) || 'bn', ', ' ORDER BY v DESC)
             FROM (SELECT hts10, v FROM l WHERE NOT cn ORDER BY v DESC LIMIT 5)) AS top
     FROM l`,
  );
  const x = s[0]!;
  fact(ctx, 'trade_weights', 'us_imports_world_2024', {
    all_partners_bn: r2(x.all_bn, 1),
    on_lines_china_sold_bn: r2(x.kept_bn, 1),
    lines: x.lines,
    lines_without_china_trade_dropped: x.dropped_lines,
    largest_dropped: x.top,
  });
}

async function usImportsCn2017(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE w2017 AS
     WITH src AS (SELECT hs6, sum(try_cast(primary_value_usd AS DOUBLE)) AS value FROM ${csv(ctx, F.comtrade)}
                  WHERE year = '2017' AND flow = 'M' AND partner_iso = 'CHN' GROUP BY 1),
     conc AS (SELECT from_hs6 AS hs22, to_hs6 AS hs17 FROM hs_concordance WHERE from_vintage = 'HS2022'),
     -- HS2022 codes that map to each HS2017 code; a code absent from the correlation maps to itself
     targets6 AS (SELECT s.hs6 AS hs17, coalesce(c.hs22, s.hs6) AS hs22 FROM src s LEFT JOIN conc c ON c.hs17 = s.hs6),
     lines6 AS (SELECT t.hs17, h.code FROM targets6 t JOIN hts25 h ON h.level = 10 AND substr(h.code, 1, 6) = t.hs22),
     -- HS2017 codes whose HS2022 successors the one-row-per-HS2022 correlation does not list (e.g. 6201/6202
     -- restructured in 2022): spread over the HTS10 lines of the same heading
     lines4 AS (SELECT s.hs6 AS hs17, h.code FROM src s JOIN hts25 h ON h.level = 10 AND substr(h.code, 1, 4) = substr(s.hs6, 1, 4)
                WHERE s.hs6 <> '999999' AND s.hs6 NOT IN (SELECT hs17 FROM lines6)),
     -- Comtrade 999999 (not specified by kind) holds what the US records in chapters 98/99: spread it over the
     -- chapter 98/99 lines that carried 2024 imports from China
     lines99 AS (SELECT DISTINCT '999999' AS hs17, hts10 AS code FROM us_imp_2024 WHERE iso2 = 'CN' AND substr(hts10, 1, 2) IN ('98', '99')),
     lines AS (SELECT *, 'hs6' AS via FROM lines6 UNION ALL SELECT *, 'heading' FROM lines4 UNION ALL SELECT *, 'ch98_99' FROM lines99),
     wcn AS (SELECT hts10 AS code, sum(value_usd) AS v FROM us_imp_2024 WHERE iso2 = 'CN' GROUP BY 1),
     wall AS (SELECT hts10 AS code, sum(value_usd) AS v FROM us_imp_2024 GROUP BY 1),
     lw AS (SELECT l.hs17, l.code, l.via, coalesce(wcn.v, 0) AS wcn, coalesce(wall.v, 0) AS wall FROM lines l
            LEFT JOIN wcn USING (code) LEFT JOIN wall USING (code)),
     tot AS (SELECT hs17, sum(wcn) AS twcn, sum(wall) AS twall, count(*) AS n FROM lw GROUP BY 1)
     SELECT lw.hs17, lw.code, lw.via,
            CASE WHEN t.twcn > 0 THEN 'china_2024' WHEN t.twall > 0 THEN 'all_2024' ELSE 'equal' END AS rule,
            s.value * CASE WHEN t.twcn > 0 THEN lw.wcn / t.twcn WHEN t.twall > 0 THEN lw.wall / t.twall ELSE 1.0 / t.n END AS value
     FROM lw JOIN tot t USING (hs17) JOIN src s ON s.hs6 = lw.hs17`,
  );
  const chk = await rows<{ tin: number; tout: number }>(
    ctx,
    `SELECT (SELECT sum(try_cast(primary_value_usd AS DOUBLE)) FROM ${csv(ctx, F.comtrade)}
             WHERE year = '2017' AND flow = 'M' AND partner_iso = 'CHN') AS tin, (SELECT sum(value) FROM w2017) AS tout`,
  );
  const unm = await rows<{ hs6: string; v: number }>(
    ctx,
    `SELECT hs6, sum(try_cast(primary_value_usd AS DOUBLE)) AS v FROM ${csv(ctx, F.comtrade)}
     WHERE year = '2017' AND flow = 'M' AND partner_iso = 'CHN' AND hs6 NOT IN (SELECT hs17 FROM w2017) GROUP BY 1 ORDER BY v DESC, hs6`,
  );
  const rules = await rows<{ rule: string; bn: number }>(
    ctx,
    `SELECT via || '/' || rule AS rule, sum(value) / 1e9 AS bn FROM w2017 GROUP BY 1 ORDER BY 1`,
  );
  fact(ctx, 'trade_weights', 'us_imports_cn_2017', {
    total_in_bn: r2(chk[0]!.tin / 1e9, 3),
    total_out_bn: r2(chk[0]!.tout / 1e9, 3),
    out_minus_in_usd: r2(chk[0]!.tout - chk[0]!.tin, 0),
    split_rule_bn: Object.fromEntries(rules.map((r) => [r.rule, r2(r.bn, 3)])),
    unmapped_hs6: unm.map((u) => `${u.hs6}: $${r2(u.v / 1e6, 2)}m`),
  });
  await run(
    ctx,
    `INSERT INTO trade_weights SELECT 'us_imports_cn_2017', 'US', 'CN', 2017, code, sum(value) FROM w2017 GROUP BY ALL`,
  );
}

async function cnImportsUs2017(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE wcn2017 AS
     WITH l AS (SELECT substr(code, 1, 8) AS hs8, code FROM cn_lines),
     n AS (SELECT hs8, count(*) AS n FROM l GROUP BY 1)
     SELECT i.hs8, coalesce(l.code, i.hs8) AS code, i.value_usd / coalesce(n.n, 1) AS value, l.code IS NULL AS kept_hs8
     FROM cn_imports_2017 i LEFT JOIN l USING (hs8) LEFT JOIN n USING (hs8)
     WHERE i.value_usd > 0`,
  );
  const s = await rows<{ tin: number; tout: number; kept_n: number; kept_bn: number }>(
    ctx,
    `SELECT (SELECT sum(value_usd) FROM cn_imports_2017) / 1e9 AS tin, sum(value) / 1e9 AS tout,
            count(DISTINCT hs8) FILTER (WHERE kept_hs8)::INTEGER AS kept_n, coalesce(sum(value) FILTER (WHERE kept_hs8), 0) / 1e9 AS kept_bn
     FROM wcn2017`,
  );
  const ex = await rows<{ ex: string }>(
    ctx,
    `SELECT string_agg(hs8 || ' $' || round(value / 1e6, 1) || 'm', ', ' ORDER BY value DESC, hs8) AS ex
     FROM (SELECT hs8, value FROM wcn2017 WHERE kept_hs8 ORDER BY value DESC, hs8 LIMIT 8)`,
  );
  fact(ctx, 'trade_weights', 'cn_imports_us_2017', {
    total_in_bn: r2(s[0]!.tin, 3),
    total_out_bn: r2(s[0]!.tout, 3),
    hs8_without_hs10_kept_at_hs8: s[0]!.kept_n,
    value_kept_at_hs8_bn: r2(s[0]!.kept_bn, 3),
    largest_kept_at_hs8: ex[0]?.ex,
  });
  await run(
    ctx,
    `INSERT INTO trade_weights SELECT 'cn_imports_us_2017', 'CN', 'US', 2017, code, sum(value) FROM wcn2017 GROUP BY ALL`,
  );
}

async function usExportsCn(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE xcn AS
     WITH src AS (SELECT try_cast(year AS INTEGER) AS year, hs_class, hs6, sum(try_cast(primary_value_usd AS DOUBLE)) AS value
                  FROM ${csv(ctx, F.comtrade)} WHERE flow = 'X' AND partner_iso = 'CHN' GROUP BY ALL),
     -- to HS2017: H5 as is; H6 via HS2022→HS2017; H4 via the HS2017 codes whose HS2012 parent it is
     to17 AS (
       SELECT s.year, s.hs6, s.value, s.hs6 AS hs17 FROM src s WHERE hs_class = 'H5'
       UNION ALL
       SELECT s.year, s.hs6, s.value, coalesce(c.to_hs6, s.hs6) FROM src s
         LEFT JOIN hs_concordance c ON c.from_vintage = 'HS2022' AND c.from_hs6 = s.hs6 WHERE hs_class = 'H6'
       UNION ALL
       SELECT s.year, s.hs6, s.value, coalesce(c.from_hs6, s.hs6) FROM src s
         LEFT JOIN hs_concordance c ON c.from_vintage = 'HS2017' AND c.to_hs6 = s.hs6 WHERE hs_class = 'H4'),
     lines AS (SELECT DISTINCT t.year, t.hs6, l.code FROM to17 t JOIN cn_lines l ON substr(l.code, 1, 6) = t.hs17),
     n AS (SELECT year, hs6, count(*) AS n FROM lines GROUP BY ALL)
     SELECT l.year, l.code, s.value / n.n AS value, s.hs6 FROM lines l JOIN n USING (year, hs6) JOIN src s USING (year, hs6)`,
  );
  const per = await rows<{ year: number; tin: number; tout: number; unm: number; unm_n: number }>(
    ctx,
    `WITH src AS (SELECT try_cast(year AS INTEGER) AS year, hs6, sum(try_cast(primary_value_usd AS DOUBLE)) AS value
                  FROM ${csv(ctx, F.comtrade)} WHERE flow = 'X' AND partner_iso = 'CHN' GROUP BY ALL)
     SELECT s.year, sum(s.value) / 1e9 AS tin, (SELECT sum(value) FROM xcn x WHERE x.year = s.year) / 1e9 AS tout,
            coalesce(sum(s.value) FILTER (WHERE NOT EXISTS (SELECT 1 FROM xcn x WHERE x.year = s.year AND x.hs6 = s.hs6)), 0) / 1e9 AS unm,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM xcn x WHERE x.year = s.year AND x.hs6 = s.hs6))::INTEGER AS unm_n
     FROM src s GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'trade_weights',
    'us_exports_cn_by_year',
    per.map(
      (p) =>
        `${p.year}: in $${r2(p.tin, 2)}bn, out $${r2(p.tout, 2)}bn, unmapped $${r2(p.unm, 3)}bn in ${p.unm_n} HS6 (${r2((100 * p.unm) / p.tin, 2)}%)`,
    ),
  );
  await run(
    ctx,
    `INSERT INTO trade_weights SELECT 'us_exports_cn_' || year, 'CN', 'US', year, code, sum(value) FROM xcn GROUP BY ALL`,
  );
}

export async function buildTradeWeights(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE trade_weights (weight_set VARCHAR, importer VARCHAR, exporter VARCHAR, year INTEGER, code VARCHAR, value_usd DOUBLE)`,
  );
  await usImports2024(ctx);
  await usImportsWorld2024(ctx);
  await usImportsCn2017(ctx);
  await cnImportsUs2017(ctx);
  await usExportsCn(ctx);
  const sets = await rows<{ weight_set: string; n: number; bn: number }>(
    ctx,
    `SELECT weight_set, count(*)::INTEGER AS n, sum(value_usd) / 1e9 AS bn FROM trade_weights GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'trade_weights',
    'sets',
    sets.map((s) => `${s.weight_set}: ${s.n} rows, $${r2(s.bn, 2)}bn`),
  );
  await writeParquet(
    ctx,
    `SELECT weight_set, importer, exporter, year, code, value_usd FROM trade_weights WHERE value_usd <> 0
     ORDER BY weight_set, importer, exporter, year, code`,
    'trade_weights.parquet',
  );
}
