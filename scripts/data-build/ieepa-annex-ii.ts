// IEEPA reciprocal exemptions (Annex II of EO 14257 as amended) from the legal text: HTSUS chapter 99, U.S. note
// 2(v)(iii)(a) to subchapter III, the subheadings heading 9903.01.32 exempts, with the dates the later additions
// and removals took effect. Partner-specific exemptions (EU, Japan, Korea, Switzerland: aircraft, generics,
// natural resources under headings 9903.02.xx) are a different legal provision and are not part of this list.
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { BuildContext } from './context.js';
import { csv, fact, lit, rows, srcPath } from './context.js';
import { SOURCE_FILES as F } from './source-files.js';

const START = /\(a\) As provided for in heading 9903\.01\.32/;
const END = /\(b\) As provided in heading 9903\.02\.78/;
/** A subheading as printed in the note's columns: 4, 6, 8 or 10 digits with dots (8505.11.0070 or 8505.11.00.70). */
const CODE = /^\d{4}(\.\d{2}(\.\d{2}(\.?\d{2})?)?)?$/;
const ANNEX_II_START = '2025-04-05';

/** The codes of note 2(v)(iii)(a) (digits only), in the order printed. Throws if the note is not found. */
export function annexIiCodesFromNotes(text: string): string[] {
  const a = START.exec(text);
  if (!a) throw new Error('chapter 99 notes: note 2(v)(iii)(a) (heading 9903.01.32) not found');
  const rest = text.slice(a.index);
  const b = END.exec(rest);
  if (!b) throw new Error('chapter 99 notes: end of note 2(v)(iii)(a) not found');
  const block = rest.slice(0, b.index);
  const codes = block
    .split('\n')
    // list lines hold codes only; prose and page headers hold words
    .filter((l) => !/[A-Za-z]/.test(l))
    .flatMap((l) => l.trim().split(/\s+/))
    .filter((t) => CODE.test(t))
    .map((t) => t.replace(/\./g, ''));
  return [...new Set(codes)];
}

/**
 * SQL for the us_ieepa_annex_ii list: each subheading of the legal text from the date it was added (the dated
 * Budget Lab file gives 2025-09-08 and 2025-11-13 additions; otherwise the Annex II start, 2025-04-05), plus the
 * lines the dated file shows removed (ending 2025-07-31, 2025-09-07, 2025-10-13) that the legal text no longer
 * prints, from 2025-04-05 to their removal. Rows of the dated file that the legal text never had and that carry
 * no removal date (the partner-specific exemptions) are left out.
 */
export function annexIiListSql(ctx: BuildContext): { sql: string; legalCodes: number } {
  const text = zlib.gunzipSync(fs.readFileSync(srcPath(ctx, F.chapter99Notes))).toString('utf8');
  const codes = annexIiCodesFromNotes(text);
  const legal = `SELECT * FROM (VALUES ${codes.map((c) => `(${lit(c)})`).join(', ')}) t(code)`;
  const dated = `SELECT CASE WHEN length(hts10) = 12 AND hts10 LIKE '%00' THEN substr(hts10, 1, 10) ELSE hts10 END AS hts10,
                        try_cast(nullif(effective_date_start, 'NA') AS DATE) AS s, try_cast(nullif(effective_date_end, 'NA') AS DATE) AS e
                 FROM ${csv(ctx, F.ieepaExemptDated)}`;
  const sql = `WITH legal AS (${legal}), d AS (${dated}),
     added AS (SELECT l.code, min(coalesce(d.s, DATE '${ANNEX_II_START}')) AS s FROM legal l
               LEFT JOIN d ON starts_with(d.hts10, l.code) AND d.e IS NULL GROUP BY 1)
     SELECT code, greatest(coalesce(s, DATE '${ANNEX_II_START}'), DATE '${ANNEX_II_START}') AS valid_from, NULL AS valid_until,
            NULL AS rate_pct, 'HTSUS ch. 99 note 2(v)(iii)(a) (2026 rev. 6)' AS note FROM added
     UNION ALL
     SELECT hts10, DATE '${ANNEX_II_START}', e, NULL, 'removed from Annex II (dated list, Budget Lab tariff-etr-eval)'
     FROM d WHERE e IS NOT NULL AND NOT EXISTS (SELECT 1 FROM legal l WHERE starts_with(d.hts10, l.code))`;
  return { sql, legalCodes: codes.length };
}

export async function annexIiFacts(ctx: BuildContext): Promise<void> {
  const r = await rows<{ left_out: number; ex: string }>(
    ctx,
    `WITH d AS (SELECT hts10, effective_date_end AS e FROM ${csv(ctx, F.ieepaExemptDated)})
     SELECT count(*)::INTEGER AS left_out, string_agg(hts10, ', ' ORDER BY hts10) FILTER (WHERE hts10 IN ('8504409580')) AS ex
     FROM d WHERE e = 'NA' AND NOT EXISTS (SELECT 1 FROM code_lists c WHERE c.list_id = 'us_ieepa_annex_ii' AND starts_with(d.hts10, c.code))`,
  );
  fact(ctx, 'ieepa', 'dated_file_rows_not_in_legal_annex_ii_left_out', r[0]?.left_out);
  fact(ctx, 'ieepa', 'left_out_include_8504409580', r[0]?.ex === '8504409580');
}
