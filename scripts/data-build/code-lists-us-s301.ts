// US Section 301 (China) code lists: the four tranches of 2018–2019, the 2024 four-year-review groups,
// and the 2018–2020 product exclusions.
import zlib from 'node:zlib';
import fs from 'node:fs';
import type { BuildContext } from './context.js';
import { csv, fact, rows, srcPath } from './context.js';
import { addList } from './code-lists.js';
import { SOURCE_FILES as F } from './source-files.js';

const TRANCHES: Array<[string, string[], string[]]> = [
  // list id, names in the 2018–2019 USTR file, names in the Budget Lab file
  ['us_s301_list1', ['list1_34b'], ['1']],
  ['us_s301_list2', ['list2_16b'], ['2']],
  ['us_s301_list3', ['list3_200b'], ['3', '3_addl']],
  ['us_s301_list4a', ['list4A'], ['4A']],
  ['us_s301_list4b', ['list4B'], ['4B']],
];

/**
 * Rates and dates of the 2024 review headings, read from the heading text in chapter 99 (2026 rev. 6);
 * the effective date is re-checked against the text on every build (see checkHeadingDates).
 */
export const REVIEW_HEADINGS: Record<string, { rate: string; effective: string; text: string }> = {
  '9903.91.01': { rate: '25%', effective: '2024-09-27', text: 'September 27, 2024' },
  '9903.91.02': { rate: '50%', effective: '2024-09-27', text: 'September 27, 2024' },
  '9903.91.03': { rate: '100%', effective: '2024-09-27', text: 'September 27, 2024' },
  '9903.91.05': {
    rate: '50% (note 31(f)(ii): to be increased on 2027-06-23)',
    effective: '2025-01-01',
    text: 'January 1, 2025',
  },
  '9903.91.06': { rate: '25%', effective: '2026-01-01', text: 'January 1, 2026' },
  '9903.91.07': { rate: '50%', effective: '2026-01-01', text: 'January 1, 2026' },
  '9903.91.08': { rate: '100%', effective: '2026-01-01', text: 'January 1, 2026' },
  '9903.91.11': { rate: '25%', effective: '2025-01-01', text: 'January 1, 2025' },
  '9903.92.10': { rate: '25%', effective: '2024-09-27', text: 'September 27, 2024' },
};

function checkHeadingDates(ctx: BuildContext): Record<string, string> {
  const text = zlib.gunzipSync(fs.readFileSync(srcPath(ctx, F.chapter99Notes))).toString('utf8');
  const status: Record<string, string> = {};
  for (const [heading, info] of Object.entries(REVIEW_HEADINGS)) {
    // heading block in the tariff columns: from "<heading> 1/" (or the 9903.92 superheading) to the next heading
    const anchor =
      heading === '9903.92.10' ? /^9903\.92 {5,}/m : new RegExp(`^${heading.replace(/\./g, '\\.')} 1/`, 'm');
    const m = anchor.exec(text);
    const block = m ? (text.slice(m.index, m.index + 1500).split(/\n(?=9903\.\d\d\.\d\d 1\/)/)[0] ?? '') : '';
    // keep the description column only (the rate column starts far to the right on the same lines)
    const flat = block
      .split('\n')
      .map((l) => l.slice(0, 110))
      .join(' ')
      .replace(/\s+/g, ' ');
    status[heading] = flat.includes(info.text) ? 'date confirmed in text' : 'DATE NOT FOUND in text';
  }
  return status;
}

export async function buildUsS301Lists(ctx: BuildContext): Promise<void> {
  for (const [id, ustr, yale] of TRANCHES) {
    const n = await addList(
      ctx,
      id,
      `SELECT code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct,
              string_agg(DISTINCT src, '+' ORDER BY src) AS note FROM (
         SELECT hs8 AS code, 'USTR 2018-19 HS8' AS src FROM ${csv(ctx, F.s301Lists2018)} WHERE list IN (${ustr.map((x) => `'${x}'`).join(',')})
         UNION ALL
         SELECT hts8, 'Budget Lab 2026 HTS8' FROM ${csv(ctx, F.yaleS301Lists)} WHERE list IN (${yale.map((x) => `'${x}'`).join(',')}))
       GROUP BY code`,
    );
    fact(ctx, 's301', id, n);
  }

  // 2024 four-year-review groups: one list per chapter 99 heading
  const headings = await rows<{ ch99: string; n: number; labels: string }>(
    ctx,
    `SELECT ch99_code AS ch99, count(*)::INTEGER AS n, string_agg(DISTINCT list, ',' ORDER BY list) AS labels
     FROM ${csv(ctx, F.yaleS301Lists)} WHERE list LIKE 'biden%' OR list = 'cranes_301' GROUP BY 1 ORDER BY 1`,
  );
  const dateCheck = checkHeadingDates(ctx);
  const table: string[] = [];
  for (const h of headings) {
    const id = `us_s301_review_${h.ch99.replace(/\./g, '_')}`;
    const n = await addList(
      ctx,
      id,
      `SELECT hts8 AS code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct, NULL AS note
       FROM ${csv(ctx, F.yaleS301Lists)} WHERE ch99_code = '${h.ch99}'`,
    );
    const info = REVIEW_HEADINGS[h.ch99];
    const examples = await rows<{ c: string }>(
      ctx,
      `SELECT string_agg(code, ', ' ORDER BY code) AS c FROM (SELECT code FROM code_lists WHERE list_id = '${id}' ORDER BY code LIMIT 4)`,
    );
    table.push(
      `| ${h.ch99} | \`${id}\` | ${info?.rate ?? '?'} | ${info?.effective ?? '?'} | ${n} HTS8 (${h.labels}; e.g. ${examples[0]?.c ?? ''}) | ${dateCheck[h.ch99] ?? 'not checked'} |`,
    );
  }
  fact(ctx, 's301', 'review_table', table);

  // 2018–2020 exclusions (HTS10), dated by the grant date in the comment where there is one
  const nullRows = await rows<{ n: number }>(
    ctx,
    `SELECT count(*)::INTEGER AS n FROM ${csv(ctx, F.s301Exclusions)} WHERE hts10 IS NULL`,
  );
  fact(ctx, 's301', 'exclusion_rows_without_hts10_dropped', nullRows[0]?.n);
  const n = await addList(
    ctx,
    'us_s301_exclusions_2018_2020',
    `WITH e AS (SELECT hts10, batch, comment_in_source AS comment,
                  try_strptime(regexp_extract(comment_in_source, '([A-Z][a-z]+ [0-9]{1,2}, [0-9]{4})', 1), '%B %d, %Y')::DATE AS granted
                FROM ${csv(ctx, F.s301Exclusions)} WHERE hts10 IS NOT NULL)
     SELECT hts10 AS code, min(granted) AS valid_from, NULL AS valid_until, NULL AS rate_pct,
            string_agg(DISTINCT 'batch ' || batch || ': ' || comment, '; ' ORDER BY 'batch ' || batch || ': ' || comment) AS note
     FROM e GROUP BY hts10`,
  );
  fact(ctx, 's301', 'us_s301_exclusions_2018_2020', n);
}
