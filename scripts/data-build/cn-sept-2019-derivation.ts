// Derives China's Sept-2019 ($75bn, list 1) lines and the Feb-2025 lines, which exist only inside combined
// rates: USDA FAS total retaliatory tariff per HS8 (2025-03-28) minus the layers we know line by line.
import type { BuildContext } from './context.js';
import { csv, fact, r2, rows, run } from './context.js';
import { addList } from './code-lists.js';
import { SOURCE_FILES as F } from './source-files.js';

/** Feb-2025 candidate products (MOF announcement, 4 Feb 2025) and their rate; membership is verified per line. */
const FEB_2025_CANDIDATES: Array<[string, number, string]> = [
  ['2701', 15, 'coal'],
  ['271111', 15, 'LNG'],
  ['2709', 10, 'crude oil'],
  ['8432', 10, 'agricultural machinery'],
  ['8433', 10, 'agricultural machinery'],
  ['8701', 10, 'tractors'],
  ['8703', 10, 'large-displacement cars'],
  ['8704', 10, 'pickups'],
];

export async function deriveCnSept2019(ctx: BuildContext): Promise<void> {
  const feb = FEB_2025_CANDIDATES.map(([p, r]) => `SELECT '${p}' AS prefix, ${r}::DOUBLE AS rate`).join(' UNION ALL ');
  await run(
    ctx,
    `CREATE TABLE cn_residual AS
     WITH usda25 AS (SELECT "Foreign National Tariff Line" AS hs8,
                     try_cast(replace("Current Total Estimated Retaliatory Tariff", '%', '') AS DOUBLE) AS total
                   FROM ${csv(ctx, F.usdaRetaliationMatrix)} WHERE "Country" = 'China'),
     -- the matrix uses China's 2025 codes; lines split after 2018 go back to the 2018 HS8 sharing their longest
     -- prefix (7, else 6 digits), as for the 2025 farm lists; where several 2025 lines meet, their most common total
     hs8_2018 AS (SELECT DISTINCT substr(code, 1, 8) AS hs8 FROM cn_lines),
     mapped AS (
       SELECT u.hs8, u.total, 1 AS pri FROM usda25 u WHERE u.hs8 IN (SELECT hs8 FROM hs8_2018)
       UNION ALL
       SELECT h.hs8, u.total, 2 AS pri FROM usda25 u JOIN hs8_2018 h ON substr(h.hs8, 1, 7) = substr(u.hs8, 1, 7)
       WHERE u.hs8 NOT IN (SELECT hs8 FROM hs8_2018)
       UNION ALL
       SELECT h.hs8, u.total, 3 AS pri FROM usda25 u JOIN hs8_2018 h ON substr(h.hs8, 1, 6) = substr(u.hs8, 1, 6)
       WHERE u.hs8 NOT IN (SELECT hs8 FROM hs8_2018)
       UNION ALL
       SELECT u.hs8, u.total, 4 AS pri FROM usda25 u
       WHERE NOT EXISTS (SELECT 1 FROM hs8_2018 h6 WHERE substr(h6.hs8, 1, 6) = substr(u.hs8, 1, 6))),
     -- each 2018 line takes its totals from its most specific source only (same code > 7 digits > 6 digits)
     best AS (SELECT hs8, total FROM mapped QUALIFY pri = min(pri) OVER (PARTITION BY hs8)),
     usda AS (SELECT hs8, mode(total ORDER BY total) AS total FROM best GROUP BY hs8),
     jun AS (SELECT hs08 AS hs8, try_cast(reta_2019Jun01 AS DOUBLE) AS jun FROM ${csv(ctx, F.cnRetaliationHs8)}),
     apr AS (SELECT cn_hs8 AS hs8, try_cast(additional_tariff_pct AS DOUBLE) AS apr FROM ${csv(ctx, F.cnRetaliationApr2)}),
     mar AS (SELECT code AS hs8, max(CASE list_id WHEN 'cn_2025_03_10_r15' THEN 15 ELSE 10 END) AS mar FROM code_lists
             WHERE list_id IN ('cn_2025_03_10_r10', 'cn_2025_03_10_r15') GROUP BY 1),
     autos AS (SELECT substr(code, 1, 8) AS hs8, max(rate_pct) AS autos FROM code_lists
               WHERE list_id = 'cn_2019_01_01_autos_suspended' GROUP BY 1),
     febc AS (SELECT u.hs8, max(f.rate) AS feb_rate FROM usda u JOIN (${feb}) f ON starts_with(u.hs8, f.prefix) GROUP BY 1),
     base AS (
       SELECT u.hs8, u.total, coalesce(jun.jun, 0) AS jun, coalesce(apr.apr, 0) AS apr, coalesce(mar.mar, 0) AS mar,
              coalesce(autos.autos, 0) AS autos_suspended, febc.feb_rate,
              u.total - coalesce(jun.jun, 0) - coalesce(apr.apr, 0) - coalesce(mar.mar, 0) AS r0
       FROM usda u LEFT JOIN jun USING (hs8) LEFT JOIN apr USING (hs8) LEFT JOIN mar USING (hs8)
                   LEFT JOIN autos USING (hs8) LEFT JOIN febc USING (hs8)),
     -- USDA keeps charging the auto rate that China suspended on 2019-01-01: where removing it makes the line fit, do so
     a AS (SELECT *, CASE WHEN autos_suspended > 0 AND r0 - autos_suspended >= 0 THEN autos_suspended ELSE 0 END AS autos_counted FROM base),
     b AS (SELECT *, r0 - autos_counted AS r1 FROM a),
     c AS (SELECT *, CASE WHEN feb_rate IS NOT NULL AND (r1 - feb_rate) IN (0, 2.5, 5) THEN feb_rate ELSE 0 END AS feb FROM b)
     SELECT hs8, total, jun, apr, mar, autos_counted, feb, r1 - feb AS residual FROM c`,
  );
  const buckets = await rows<{ residual: number; n: number; trade_bn: number }>(
    ctx,
    `SELECT r.residual, count(*)::INTEGER AS n, round(sum(coalesce(i.value_usd, 0)) / 1e9, 3)::DOUBLE AS trade_bn
     FROM cn_residual r LEFT JOIN cn_imports_2017 i USING (hs8) GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'cn_sept_2019',
    'residual_buckets',
    buckets.map((b) => `residual ${b.residual}: ${b.n} HS8, 2017 China imports from US $${b.trade_bn}bn`),
  );
  const autos = await rows<{ n: number }>(
    ctx,
    `SELECT count(*)::INTEGER AS n FROM cn_residual WHERE autos_counted > 0`,
  );
  fact(ctx, 'cn_sept_2019', 'lines_where_usda_still_counts_suspended_auto_rate', autos[0]?.n);
  const misfit = await rows<{ n: number; ex: string; in2017: number }>(
    ctx,
    `SELECT count(*)::INTEGER AS n, count(i.hs8)::INTEGER AS in2017,
            string_agg(r.hs8 || ' (' || r.residual || ')', ', ' ORDER BY r.hs8) AS ex
     FROM cn_residual r LEFT JOIN cn_imports_2017 i USING (hs8) WHERE r.residual NOT IN (0, 2.5, 5)`,
  );
  fact(ctx, 'cn_sept_2019', 'misfits', {
    count: misfit[0]?.n,
    with_a_2017_hs8_code: misfit[0]?.in2017,
    examples: (misfit[0]?.ex ?? '').split(', ').slice(0, 15).join(', '),
  });

  const counts: Record<string, number> = {};
  for (const [id, residual, orig] of [
    ['cn_2019_09_01_r10', 5, 10],
    ['cn_2019_09_01_r5', 2.5, 5],
  ] as const) {
    counts[id] = await addList(
      ctx,
      id,
      `SELECT hs8 AS code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct,
              'derived: USDA 2025-03-28 total minus known layers = ${residual} (halved on 2020-02-14 from ${orig})' AS note
       FROM cn_residual WHERE residual = ${residual}`,
      { keepCh99: true },
    );
    const t = await rows<{ bn: number }>(
      ctx,
      `SELECT round(sum(value_usd) / 1e9, 3)::DOUBLE AS bn FROM cn_imports_2017 WHERE hs8 IN (SELECT code FROM code_lists WHERE list_id = '${id}')`,
    );
    fact(ctx, 'cn_sept_2019', `${id}_trade_2017_bn`, r2(t[0]?.bn, 3));
  }
  for (const [id, rate] of [
    ['cn_2025_02_10_r15', 15],
    ['cn_2025_02_10_r10', 10],
  ] as const) {
    counts[id] = await addList(
      ctx,
      id,
      `SELECT hs8 AS code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct,
              'derived from USDA 2025-03-28 residual; candidate heading per MOF list' AS note
       FROM cn_residual WHERE feb = ${rate}`,
      { keepCh99: true },
    );
  }
  const febRejected = await rows<{ ex: string; n: number }>(
    ctx,
    `WITH f AS (SELECT r.hs8, r.total - r.jun - r.apr - r.mar - r.autos_counted AS r1 FROM cn_residual r WHERE r.feb = 0
                AND (${FEB_2025_CANDIDATES.map(([p]) => `starts_with(r.hs8, '${p}')`).join(' OR ')}))
     SELECT count(*)::INTEGER AS n, string_agg(hs8 || ' (' || r1 || ')', ', ' ORDER BY hs8) AS ex FROM f`,
  );
  fact(
    ctx,
    'cn_sept_2019',
    'feb_2025_candidate_headings_lines_not_matching',
    `${febRejected[0]?.n}: ${(febRejected[0]?.ex ?? '').slice(0, 400)}`,
  );
  fact(ctx, 'cn_sept_2019', 'entries', counts);
}
