// The 2026 US measures (issue 7): the Section 232 metals annexes of 2026-04-06, the polysilicon products of
// 2026-12-04, the civil-aircraft-use lines the forced-labour Section 301 action prices as a partial exemption,
// and per-HTS10 metal content shares (content_shares.parquet) that replace the flat 50% assumption for duties
// on metal content. Sources: the Budget Lab at Yale tariff-rate-tracker (MIT) files in the mirror.
import type { BuildContext } from './context.js';
import { csv, fact, r2, rows, run, writeParquet } from './context.js';
import { addList, codesOnly } from './code-lists.js';

export const MEASURES_2026_FILES = {
  annexes: 'us/yale-tracker-resources/s232_annex_products.csv',
  polysilicon: 'us/yale-tracker-2026-08/s232_polysilicon_adval_products.csv',
  aircraftUse: 'us/tariff-lists-2025/section122-aircraft-exemptions.csv',
  metalContent: 'us/yale-tracker-2026-08/metal_content_shares_bea_hs10.csv.gz',
} as const;

/** Annex III (and I-C) sunset on 2027-12-31: their articles move to Annex I-B from the next day. */
const ANNEX_SUNSET_UNTIL = '2028-01-01';

/** Code lists of the 2026 measures; runs after the code-list table exists and before it is written. */
export async function buildLists2026(ctx: BuildContext): Promise<void> {
  const F = MEASURES_2026_FILES;
  const counts: Record<string, number> = {};
  const annex = (a: string) =>
    `SELECT DISTINCT hts_prefix AS code, effective_date AS valid_from FROM ${csv(ctx, F.annexes)} WHERE annex = '${a}'`;
  // A code in two annexes (different metals) keeps the higher one: I-A over I-B over III.
  counts.us_s232_annex_1a = await addList(
    ctx,
    'us_s232_annex_1a',
    `SELECT code, valid_from, NULL AS valid_until, NULL AS rate_pct, 'April 2026 annex I-A' AS note FROM (${annex('1a')})`,
  );
  counts.us_s232_annex_1b = await addList(
    ctx,
    'us_s232_annex_1b',
    `SELECT code, valid_from, NULL AS valid_until, NULL AS rate_pct, 'April 2026 annex I-B' AS note
       FROM (${annex('1b')}) WHERE code NOT IN (SELECT code FROM (${annex('1a')}))
     UNION ALL
     SELECT code, '${ANNEX_SUNSET_UNTIL}', NULL, NULL, 'annex III article, in annex I-B after the 2027-12-31 sunset'
       FROM (${annex('3')}) WHERE code NOT IN (SELECT code FROM (${annex('1a')} UNION ${annex('1b')}))`,
  );
  counts.us_s232_annex_3 = await addList(
    ctx,
    'us_s232_annex_3',
    `SELECT code, valid_from, '${ANNEX_SUNSET_UNTIL}' AS valid_until, NULL AS rate_pct, 'April 2026 annex III (temporary, sunset 2027-12-31)' AS note
       FROM (${annex('3')}) WHERE code NOT IN (SELECT code FROM (${annex('1a')} UNION ${annex('1b')}))`,
  );
  counts.us_s232_polysilicon = await addList(
    ctx,
    'us_s232_polysilicon',
    `SELECT hts10 AS code, '2026-12-04' AS valid_from, NULL AS valid_until, NULL AS rate_pct,
            component || ' (' || source_heading || ')' AS note FROM ${csv(ctx, F.polysilicon)}`,
  );
  counts.us_civil_aircraft_use = await addList(
    ctx,
    'us_civil_aircraft_use',
    codesOnly(`SELECT hts_code AS code FROM ${csv(ctx, F.aircraftUse)}`, 'civil-aircraft-use provision (GN 6)'),
  );
  fact(ctx, 'measures_2026', 'entries_per_list', counts);
}

/** content_shares.parquet: steel, aluminium and copper content shares per HTS10 (BEA input-output). */
export async function buildContentShares(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE content_shares AS
     SELECT lpad(hs10, 10, '0') AS hts10, naics, bea_detail_code,
            round(cast(steel_share AS DOUBLE), 6) AS steel,
            round(cast(aluminum_share AS DOUBLE), 6) AS aluminum,
            round(cast(copper_share AS DOUBLE), 6) AS copper
     FROM ${csv(ctx, MEASURES_2026_FILES.metalContent, "compression='gzip'")}
     WHERE regexp_matches(hs10, '^[0-9]{10}$')`,
  );
  await writeParquet(ctx, 'SELECT * FROM content_shares ORDER BY hts10', 'content_shares.parquet');
  const s = await rows<{ n: number; steel: number; aluminum: number; copper: number }>(
    ctx,
    `SELECT count(*)::INTEGER AS n, avg(steel) AS steel, avg(aluminum) AS aluminum, avg(copper) AS copper FROM content_shares`,
  );
  fact(ctx, 'content_shares', 'lines', s[0]?.n);
  fact(ctx, 'content_shares', 'mean_share_pct', {
    steel: r2(Number(s[0]?.steel) * 100),
    aluminum: r2(Number(s[0]?.aluminum) * 100),
    copper: r2(Number(s[0]?.copper) * 100),
  });
}

export async function buildMeasures2026(ctx: BuildContext): Promise<void> {
  await buildLists2026(ctx);
  await buildContentShares(ctx);
}
