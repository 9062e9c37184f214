// US Section 301 (China) code lists: the four tranches of 2018–2019 (one list per line), the 2024 four-year-review groups,
// and the 2018–2020 product exclusions.
import zlib from 'node:zlib';
import fs from 'node:fs';
import type { BuildContext } from './context.js';
import { csv, fact, lit, rows, run, srcPath } from './context.js';
import { addList } from './code-lists.js';
import { SOURCE_FILES as F } from './source-files.js';

/** The 2018–2019 tranche lists and the Chapter 99 headings / Budget Lab list names that put a line on them. */
const TRANCHES: Array<{ id: string; headings: string[]; budgetLab: string[] }> = [
  { id: 'us_s301_list1', headings: ['9903.88.01'], budgetLab: ['1'] },
  { id: 'us_s301_list2', headings: ['9903.88.02'], budgetLab: ['2'] },
  { id: 'us_s301_list3', headings: ['9903.88.03', '9903.88.04'], budgetLab: ['3', '3_addl'] },
  { id: 'us_s301_list4a', headings: ['9903.88.15'], budgetLab: ['4A'] },
  { id: 'us_s301_list4b', headings: ['9903.88.16'], budgetLab: ['4B'] },
];

/**
 * HTS10 statistical numbers that the four-year review named in heading 9903.91.01 (89 FR 76581, 2024-09-27) but
 * that the review list file keys only at HTS8 under a later heading. Lithium-ion EV batteries (8507.60.0010) paid
 * 25% from 2024-09-27; from 2026-01-01 heading 9903.91.06 covers all of 8507.60.00 at 25% and the 2026 HTSUS
 * text no longer prints the EV line under 9903.91.01 (its compiler's note: numbers (1)-(4) deleted).
 */
const REVIEW_HTS10_ENTRIES: Array<{ list: string; code: string; from: string; until: string | null; note: string }> = [
  {
    list: 'us_s301_review_9903_91_01',
    code: '8507600010',
    from: '2024-09-27',
    until: '2026-01-01',
    note: 'Li-ion EV batteries: 89 FR 76581 (7.5% -> 25% from 2024-09-27); 8507.60.00 moves to heading 9903.91.06 on 2026-01-01',
  },
];

/**
 * One 2018–2019 list per line. For each current HTS10 line (and each legacy HTS8 without lines), in order:
 * USITC's 2020-01-01 heading list at HTS10, then at HTS8; where USITC split the HTS8 at HTS10 and does not name
 * the line, the Budget Lab's lists for that HTS8 less those USITC gave to the sibling lines; where USITC does not
 * know the HTS8 at all (codes created since 2020), the Budget Lab's 2026 HTS8 list file. When the Budget Lab names
 * more than one list for such a code, the charged list wins over List 4B (never charged) and the earlier list over
 * a later one; those lines are counted in the build facts.
 */
async function resolveTrancheLists(ctx: BuildContext): Promise<void> {
  const caseOf = (col: string, pairs: Array<[string, string]>) =>
    `CASE ${pairs.map(([k, v]) => `WHEN ${col} = '${k}' THEN '${v}'`).join(' ')} END`;
  const byHeading = TRANCHES.flatMap((t) => t.headings.map((h) => [h, t.id] as [string, string]));
  const byYale = TRANCHES.flatMap((t) => t.budgetLab.map((h) => [h, t.id] as [string, string]));
  const order = TRANCHES.map((t) => `'${t.id}'`).join(', ');
  await run(
    ctx,
    `CREATE TABLE s301_usitc AS SELECT regexp_replace(hts8, '[^0-9]', '', 'g') AS code, ch99_heading AS heading,
            ${caseOf('ch99_heading', byHeading)} AS list_id
     FROM ${csv(ctx, F.usitcChinaHeadings2020)} WHERE ${caseOf('ch99_heading', byHeading)} IS NOT NULL`,
  );
  await run(
    ctx,
    `CREATE TABLE s301_resolved AS
     WITH yale AS (SELECT hts8 AS h8, ${caseOf('list', byYale)} AS list_id FROM ${csv(ctx, F.yaleS301Lists)}),
     t AS (SELECT code, level FROM us_products p
           WHERE level = 10 OR NOT EXISTS (SELECT 1 FROM us_products q WHERE q.level = 10 AND substr(q.code, 1, 8) = p.code)),
     u10 AS (SELECT code, any_value(list_id) AS list_id FROM s301_usitc WHERE length(code) = 10 GROUP BY 1),
     u8 AS (SELECT code, any_value(list_id) AS list_id FROM s301_usitc WHERE length(code) = 8 GROUP BY 1),
     sp AS (SELECT substr(code, 1, 8) AS h8, list(DISTINCT list_id) AS lids FROM s301_usitc WHERE length(code) = 10 GROUP BY 1),
     b AS (SELECT h8, list(DISTINCT list_id) AS lids FROM yale WHERE list_id IS NOT NULL GROUP BY 1),
     c AS (
       SELECT t.code, t.level,
         CASE WHEN u10.list_id IS NOT NULL THEN [u10.list_id] WHEN u8.list_id IS NOT NULL THEN [u8.list_id]
              WHEN sp.h8 IS NOT NULL THEN list_filter(coalesce(b.lids, []), x -> NOT list_contains(sp.lids, x))
              ELSE coalesce(b.lids, []) END AS cands,
         CASE WHEN u10.list_id IS NOT NULL THEN 'USITC 2020-01-01 HTS10'
              WHEN u8.list_id IS NOT NULL THEN 'USITC 2020-01-01 HTS8'
              WHEN sp.h8 IS NOT NULL THEN 'Budget Lab HTS8 less the lists USITC gave the sibling HTS10 lines'
              ELSE 'Budget Lab 2026 HTS8 (code not in USITC 2020 list)' END AS rule
       FROM t LEFT JOIN u10 ON u10.code = t.code LEFT JOIN u8 ON u8.code = substr(t.code, 1, 8)
              LEFT JOIN sp ON sp.h8 = substr(t.code, 1, 8) LEFT JOIN b ON b.h8 = substr(t.code, 1, 8))
     SELECT code, level, rule, cands,
            list_sort(cands, 'ASC')::VARCHAR AS cands_text,
            -- charged lists before List 4B, earlier before later
            list_sort(list_transform(cands, x -> list_position([${order}], x)))[1] AS pick
     FROM c WHERE len(cands) > 0`,
  );
  await run(
    ctx,
    `ALTER TABLE s301_resolved ADD COLUMN list_id VARCHAR; UPDATE s301_resolved SET list_id = ([${order}])[pick]`,
  );
  const byRule = await rows<{ rule: string; n: number }>(
    ctx,
    `SELECT rule, count(*)::INTEGER AS n FROM s301_resolved GROUP BY 1 ORDER BY 1`,
  );
  fact(ctx, 's301', 'tranche_lines_by_rule', Object.fromEntries(byRule.map((r) => [r.rule, r.n])));
  const multi = await rows<{ c: string; n: number; ex: string }>(
    ctx,
    `SELECT cands_text AS c, count(*)::INTEGER AS n, string_agg(code, ' ' ORDER BY code) AS ex
     FROM (SELECT * FROM s301_resolved WHERE len(cands) > 1 ORDER BY code) GROUP BY 1 ORDER BY n DESC, c`,
  );
  fact(
    ctx,
    's301',
    'tranche_lines_with_several_budget_lab_lists',
    multi.map((m) => `${m.c}: ${m.n} lines (${m.ex.split(' ').slice(0, 6).join(', ')}${m.n > 6 ? ', …' : ''})`),
  );
}

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
  await resolveTrancheLists(ctx);
  for (const { id } of TRANCHES) {
    // an HTS8 whose every line resolves to this list is listed once at HTS8; otherwise its lines are listed
    const n = await addList(
      ctx,
      id,
      `WITH r AS (SELECT code, level, list_id, rule FROM s301_resolved),
       kids AS (SELECT substr(code, 1, 8) AS h8, count(*) AS n, count(*) FILTER (WHERE list_id = '${id}') AS on_list,
                       string_agg(DISTINCT rule, '; ' ORDER BY rule) AS rules
                FROM (SELECT code, level FROM us_products WHERE level = 10) p LEFT JOIN r USING (code, level) GROUP BY 1),
       whole AS (SELECT h8, rules FROM kids WHERE n = on_list)
       SELECT h8 AS code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct, rules AS note FROM whole
       UNION ALL
       SELECT code, NULL, NULL, NULL, rule FROM r WHERE list_id = '${id}' AND (level = 8 OR substr(code, 1, 8) NOT IN (SELECT h8 FROM whole))`,
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
       FROM ${csv(ctx, F.yaleS301Lists)} WHERE ch99_code = '${h.ch99}'
       ${REVIEW_HTS10_ENTRIES.filter((e) => e.list === id)
         .map(
           (e) =>
             `UNION ALL SELECT ${lit(e.code)}, ${lit(e.from)}, ${e.until ? lit(e.until) : 'NULL'}, NULL, ${lit(e.note)}`,
         )
         .join('\n')}`,
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
