// us_mfn.parquet: US column-1 general (MFN) duty per HTS8 for 2017, 2024 and 2025, with ad valorem
// equivalents for specific and compound duties computed from US import unit values (UN Comtrade, HS6).
import type { BuildContext } from './context.js';
import { csv, fact, notCh9899, rows, run, writeParquet } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

/**
 * Quantity units of the USITC tariff database → how to get that quantity from a Comtrade record.
 * qty_unit is Comtrade's supplementary unit; kg-based units use the reported net weight.
 */
const UNIT_QUANTITY_SQL = `CASE
  WHEN t.unit = 'KG' THEN u.net_wgt_kg
  WHEN t.unit = 'T' THEN u.net_wgt_kg / 1000
  WHEN t.unit IN ('NO', 'PCS') AND u.qty_unit = 'u' THEN u.qty
  WHEN t.unit = 'DOZ' AND u.qty_unit = 'u' THEN u.qty / 12
  WHEN t.unit = 'THS' AND u.qty_unit = 'u' THEN u.qty / 1000
  WHEN t.unit = 'GRS' AND u.qty_unit = 'u' THEN u.qty / 144
  WHEN t.unit = 'PRS' AND u.qty_unit = '2u' THEN u.qty
  WHEN t.unit = 'DPR' AND u.qty_unit = '2u' THEN u.qty / 12
  WHEN t.unit = 'L' AND u.qty_unit = 'l' THEN u.qty
  WHEN t.unit = 'M2' AND u.qty_unit = 'm²' THEN u.qty
  WHEN t.unit = 'M3' AND u.qty_unit = 'm³' THEN u.qty
  END`;

/** Minimum import value of an HS6 cell for its unit value to be used. */
const MIN_VALUE_FOR_UNIT_VALUE = 10000;

async function stageYear(ctx: BuildContext, year: 2017 | 2024, file: string): Promise<void> {
  const sentinel = (col: string) =>
    `CASE WHEN try_cast(${col} AS DOUBLE) >= 9999 THEN NULL ELSE try_cast(${col} AS DOUBLE) END`;
  await run(
    ctx,
    `CREATE TABLE mfn_raw_${year} AS
     SELECT DISTINCT ON (hts8) hts8, upper(trim(quantity_1_code)) AS unit, mfn_text_rate AS rate_text,
            coalesce(mfn_rate_type_code, '') AS type_code,
            ${sentinel('mfn_ad_val_rate')} AS adv, ${sentinel('mfn_specific_rate')} AS spec,
            ${sentinel('mfn_other_rate')} AS other, try_cast(mfn_ave AS DOUBLE) AS published_ave
     FROM ${csv(ctx, file)} WHERE ${notCh9899('hts8')} ORDER BY hts8, try_cast(begin_effect_date AS INTEGER) DESC`,
  );
  // unit values from US imports of that year (same HS vintage as the schedule): China first, then Mexico, Vietnam
  await run(
    ctx,
    `CREATE TABLE uv_${year} AS
     SELECT hs6, partner_iso, try_cast(primary_value_usd AS DOUBLE) AS value, try_cast(net_wgt_kg AS DOUBLE) AS net_wgt_kg,
            try_cast(qty AS DOUBLE) AS qty, qty_unit,
            CASE partner_iso WHEN 'CHN' THEN 1 WHEN 'MEX' THEN 2 ELSE 3 END AS pref
     FROM ${csv(ctx, F.comtrade)}
     WHERE year = '${year}' AND flow = 'M' AND try_cast(primary_value_usd AS DOUBLE) >= ${MIN_VALUE_FOR_UNIT_VALUE}`,
  );
  await run(
    ctx,
    `CREATE TABLE mfn_${year} AS
     WITH cand AS (
       SELECT t.hts8, u.partner_iso, u.pref, (${UNIT_QUANTITY_SQL}) / u.value AS qty_per_usd
       FROM mfn_raw_${year} t JOIN uv_${year} u ON u.hs6 = substr(t.hts8, 1, 6)
       WHERE t.spec > 0),
     best AS (SELECT DISTINCT ON (hts8) hts8, partner_iso, qty_per_usd FROM cand
              WHERE qty_per_usd > 0 ORDER BY hts8, pref),
     classified AS (
       SELECT t.*, b.partner_iso AS uv_partner, b.qty_per_usd,
         CASE
           WHEN t.type_code = '0' OR lower(t.rate_text) = 'free' THEN 'free'
           WHEN t.type_code = '7' AND coalesce(t.spec, 0) = 0 AND coalesce(t.other, 0) = 0 AND t.adv IS NOT NULL THEN 'ad_valorem'
           WHEN t.published_ave IS NOT NULL THEN CASE WHEN t.adv > 0 THEN 'compound_ave' ELSE 'specific_ave' END
           WHEN t.type_code IN ('1', '4', '5') AND t.spec > 0 AND coalesce(t.other, 0) = 0 AND t.adv IS NOT NULL
                AND b.qty_per_usd IS NOT NULL THEN CASE WHEN t.adv > 0 THEN 'compound_ave' ELSE 'specific_ave' END
           ELSE 'specific_no_ave' END AS basis
       FROM mfn_raw_${year} t LEFT JOIN best b USING (hts8))
     SELECT hts8, ${year} AS year,
       CASE basis
         WHEN 'free' THEN 0.0
         WHEN 'ad_valorem' THEN adv * 100
         WHEN 'specific_ave' THEN coalesce(published_ave, adv + spec * qty_per_usd) * 100
         WHEN 'compound_ave' THEN coalesce(published_ave, adv + spec * qty_per_usd) * 100
         ELSE adv * 100 END AS mfn_pct,
       rate_text, basis, adv, type_code,
       CASE
         WHEN basis IN ('specific_ave', 'compound_ave') AND published_ave IS NULL THEN
           'AVE from ${year} US import unit value, HS6 ' || substr(hts8, 1, 6) || ', imports from ' || uv_partner
         WHEN basis = 'specific_no_ave' AND t_reason IS NOT NULL THEN t_reason
         END AS note
     FROM (SELECT *, CASE
             WHEN basis <> 'specific_no_ave' THEN NULL
             WHEN adv IS NULL THEN 'formula or other rate (USITC rate type ' || type_code || '); no ad valorem part published'
             WHEN type_code IN ('2', 'X') THEN 'duty on a component''s content; no AVE (content share unknown); mfn_pct = ad valorem part'
             WHEN coalesce(other, 0) > 0 OR type_code IN ('3', '6') THEN 'several specific components; no AVE; mfn_pct = ad valorem part'
             WHEN spec > 0 THEN 'no usable unit value for unit ' || coalesce(unit, '?') || '; mfn_pct = ad valorem part'
             ELSE 'rate type ' || type_code || '; mfn_pct = ad valorem part' END AS t_reason
           FROM classified)`,
  );
}

export async function buildUsMfn(ctx: BuildContext): Promise<void> {
  await stageYear(ctx, 2017, F.mfn2017);
  await stageYear(ctx, 2024, F.mfn2024);

  // 2025: ad valorem only in the source; carry the 2024 AVE where the 2025 rate is specific or compound.
  await run(
    ctx,
    `CREATE TABLE mfn_2025 AS
     WITH s AS (SELECT DISTINCT ON (hs8) hs8 AS hts8, try_cast(mfn_rate AS DOUBLE) AS adv, rate_type, rate_raw
                FROM ${csv(ctx, F.mfn2025)} WHERE ${notCh9899('hs8')} ORDER BY hs8, rate_raw)
     SELECT s.hts8, 2025 AS year,
       CASE
         WHEN s.rate_type = 'free' THEN 0.0
         WHEN s.rate_type = 'ad_valorem' THEN s.adv * 100
         WHEN s.rate_type = 'specific' AND p.basis = 'specific_ave' THEN p.mfn_pct
         WHEN s.rate_type = 'compound' AND p.basis = 'compound_ave' AND abs(p.adv - s.adv) < 1e-9 THEN p.mfn_pct
         ELSE s.adv * 100 END AS mfn_pct,
       s.rate_raw AS rate_text,
       CASE
         WHEN s.rate_type = 'free' THEN 'free'
         WHEN s.rate_type = 'ad_valorem' THEN 'ad_valorem'
         WHEN s.rate_type = 'specific' AND p.basis = 'specific_ave' THEN 'specific_ave'
         WHEN s.rate_type = 'compound' AND p.basis = 'compound_ave' AND abs(p.adv - s.adv) < 1e-9 THEN 'compound_ave'
         ELSE 'specific_no_ave' END AS basis,
       CASE
         WHEN s.rate_type IN ('specific', 'compound') AND p.basis IN ('specific_ave', 'compound_ave')
              AND (s.rate_type = 'specific' OR abs(p.adv - s.adv) < 1e-9)
           THEN 'AVE carried from 2024 (2024 text: ' || p.rate_text || ')'
         WHEN s.rate_type IN ('specific', 'compound', 'other') THEN 'no AVE available; mfn_pct = ad valorem part (' || s.rate_type || ' rate)'
         END AS note
     FROM s LEFT JOIN mfn_2024 p USING (hts8)`,
  );

  await run(
    ctx,
    `CREATE TABLE us_mfn AS
     SELECT hts8, year::INTEGER AS year, round(mfn_pct, 6)::DOUBLE AS mfn_pct, rate_text, basis, note FROM mfn_2017
     UNION ALL SELECT hts8, year::INTEGER, round(mfn_pct, 6)::DOUBLE, rate_text, basis, note FROM mfn_2024
     UNION ALL SELECT hts8, year::INTEGER, round(mfn_pct, 6)::DOUBLE, rate_text, basis, note FROM mfn_2025`,
  );
  const perBasis = await rows<{ year: number; basis: string; n: number; null_pct: number }>(
    ctx,
    `SELECT year, basis, count(*)::INTEGER AS n, count(*) FILTER (WHERE mfn_pct IS NULL)::INTEGER AS null_pct
     FROM us_mfn GROUP BY ALL ORDER BY ALL`,
  );
  fact(
    ctx,
    'us_mfn',
    'rows_per_year_basis',
    perBasis.map((b) => `${b.year} ${b.basis}: ${b.n}${b.null_pct ? ` (${b.null_pct} with mfn_pct NULL)` : ''}`),
  );
  const extreme = await rows<{ hts8: string; year: number; mfn_pct: number; rate_text: string }>(
    ctx,
    `SELECT hts8, year, round(mfn_pct, 1) AS mfn_pct, rate_text FROM us_mfn WHERE mfn_pct > 200 ORDER BY mfn_pct DESC, hts8, year LIMIT 8`,
  );
  fact(
    ctx,
    'us_mfn',
    'highest_rates_over_200pct',
    extreme.map((e) => `${e.hts8} ${e.year} ${e.mfn_pct}% (${e.rate_text})`),
  );
  await writeParquet(
    ctx,
    `SELECT hts8, year, mfn_pct, rate_text, basis, note FROM us_mfn ORDER BY hts8, year`,
    'us_mfn.parquet',
  );
}
