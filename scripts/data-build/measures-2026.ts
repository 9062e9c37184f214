// The 2026 US measures (issue 7): the Section 232 metals annexes of 2026-04-06, the polysilicon products of
// 2026-12-04, the civil-aircraft-use lines the forced-labour Section 301 action prices as a partial exemption,
// and per-HTS10 metal content shares (content_shares.parquet) that replace the flat 50% assumption for duties
// on metal content. Sources: the Budget Lab at Yale tariff-rate-tracker (MIT) files in the mirror.
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { BuildContext } from './context.js';
import { csv, fact, lit, r2, rows, run, srcPath, writeParquet } from './context.js';
import { addList, codesOnly } from './code-lists.js';

export const MEASURES_2026_FILES = {
  chapter99Notes: 'us/chapter99-notes-2026-rev6.txt.gz',
  polysilicon: 'us/yale-tracker-2026-08/s232_polysilicon_adval_products.csv',
  aircraftUse: 'us/tariff-lists-2025/section122-aircraft-exemptions.csv',
  metalContent: 'us/yale-tracker-2026-08/metal_content_shares_bea_hs10.csv.gz',
} as const;

/** Annex III (and I-C) sunset on 2027-12-31: their articles move to Annex I-B from the next day. */
const ANNEX_SUNSET_UNTIL = '2028-01-01';

/** Note 16(c) subdivisions → annex: (i)-(v) heading 9903.82.02 (I-A), (vi)-(viii) 9903.82.09 (I-B), (ix)-(x) 9903.82.10 (III). */
const SUBDIVISION_ANNEX: Record<string, '1a' | '1b' | '3'> = {
  i: '1a',
  ii: '1a',
  iii: '1a',
  iv: '1a',
  v: '1a',
  vi: '1b',
  vii: '1b',
  viii: '1b',
  ix: '3',
  x: '3',
};

/**
 * The product lists of HTSUS chapter 99 U.S. note 16(c) (2026 Rev. 6), read from the legal text: the code lines
 * under each subdivision "(i) Articles of aluminum:" … "(x) Derivative steel articles:", up to subdivision (d).
 */
export function parseNote16Annexes(text: string): Array<{ code: string; annex: '1a' | '1b' | '3'; metal: string }> {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\(c\) Headings 9903\.82\.02/.test(l.trim()));
  if (start < 0) throw new Error('chapter 99 notes: U.S. note 16(c) (headings 9903.82.02-...) not found');
  const out: Array<{ code: string; annex: '1a' | '1b' | '3'; metal: string }> = [];
  let sub: string | null = null;
  let metal = '';
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (/^\(d\) Headings 9903\.82\.04/.test(t)) break;
    const head = /^\((i|ii|iii|iv|v|vi|vii|viii|ix|x)\) (Articles of|Derivative) (aluminum|steel|copper)/.exec(t);
    if (head) {
      sub = head[1]!;
      metal = head[3]!;
      continue;
    }
    if (!sub || t === '') continue;
    const tokens = t.split(/\s+/);
    if (!tokens.every((x) => /^\d{4}(\.\d{2}(\.\d{2,4})?)?$/.test(x))) continue; // page headers, notes
    for (const x of tokens) out.push({ code: x.replace(/\./g, ''), annex: SUBDIVISION_ANNEX[sub]!, metal });
  }
  return out;
}

/** Code lists of the 2026 measures; runs after the code-list table exists and before it is written. */
export async function buildLists2026(ctx: BuildContext): Promise<void> {
  const F = MEASURES_2026_FILES;
  const counts: Record<string, number> = {};
  const parsed = parseNote16Annexes(
    zlib.gunzipSync(fs.readFileSync(srcPath(ctx, F.chapter99Notes))).toString('latin1'),
  );
  if (parsed.length < 500) throw new Error(`U.S. note 16(c): only ${parsed.length} codes parsed, expected about 900`);
  await run(ctx, `CREATE TABLE note16 (code VARCHAR, annex VARCHAR, metal VARCHAR)`);
  await run(
    ctx,
    `INSERT INTO note16 VALUES ${parsed.map((p) => `(${lit(p.code)}, ${lit(p.annex)}, ${lit(p.metal)})`).join(', ')}`,
  );
  const annex = (a: string) => `SELECT DISTINCT code, '2026-04-06' AS valid_from FROM note16 WHERE annex = '${a}'`;
  // A code on two lists (different metals) keeps the higher annex: I-A over I-B over III.
  counts.us_s232_annex_1a = await addList(
    ctx,
    'us_s232_annex_1a',
    `SELECT code, valid_from, NULL AS valid_until, NULL AS rate_pct, 'U.S. note 16(c)(i)-(v), heading 9903.82.02' AS note FROM (${annex('1a')})`,
  );
  counts.us_s232_annex_1b = await addList(
    ctx,
    'us_s232_annex_1b',
    `SELECT code, valid_from, NULL AS valid_until, NULL AS rate_pct, 'U.S. note 16(c)(vi)-(viii), heading 9903.82.09' AS note
       FROM (${annex('1b')}) WHERE code NOT IN (SELECT code FROM (${annex('1a')}))
     UNION ALL
     SELECT code, '${ANNEX_SUNSET_UNTIL}', NULL, NULL, 'note 16(c)(ix)-(x) article, in annex I-B after the 2027-12-31 sunset'
       FROM (${annex('3')}) WHERE code NOT IN (SELECT code FROM (${annex('1a')} UNION ${annex('1b')}))`,
  );
  counts.us_s232_annex_3 = await addList(
    ctx,
    'us_s232_annex_3',
    `SELECT code, valid_from, '${ANNEX_SUNSET_UNTIL}' AS valid_until, NULL AS rate_pct, 'U.S. note 16(c)(ix)-(x), headings 9903.82.10/.11 (temporary, sunset 2027-12-31)' AS note
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
