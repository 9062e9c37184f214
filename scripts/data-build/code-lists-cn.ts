// China's retaliation code lists (Chinese national codes): the 2018–2019 rounds from the PIIE HS10 file and
// the March 2025 farm lists.
import type { BuildContext } from './context.js';
import { csv, fact, rows } from './context.js';
import { addList } from './code-lists.js';
import { SOURCE_FILES as F } from './source-files.js';

/**
 * The HS10 lines matching `where`, listed at HS8 when every line of the HS8 is on the list at one rate (so an HS8
 * query reaches the same layers as its lines: soybeans 12019010 and 1201901000 alike), otherwise line by line.
 */
function fromLines(where: string, rate = 'NULL'): string {
  return `WITH m AS (SELECT code, substr(code, 1, 8) AS hs8, ${rate} AS r FROM cn_lines WHERE ${where}),
     k AS (SELECT substr(code, 1, 8) AS hs8, count(*) AS n FROM cn_lines GROUP BY 1),
     w AS (SELECT m.hs8, any_value(m.r) AS r FROM m JOIN k USING (hs8) GROUP BY m.hs8, k.n
           HAVING count(*) = k.n AND count(DISTINCT m.r) <= 1)
     SELECT hs8 AS code, NULL AS valid_from, NULL AS valid_until, r AS rate_pct, 'all HS10 lines of the HS8' AS note FROM w
     UNION ALL
     SELECT code, NULL, NULL, r, NULL FROM m WHERE hs8 NOT IN (SELECT hs8 FROM w)`;
}

/** June-2019 categories of the $60bn list, by (Sept-2018 rate, June-2019 increment). */
const CATEGORIES_60B: Array<[string, number, number, string]> = [
  ['cn_60b_cat1', 10, 15, '10→25'],
  ['cn_60b_cat2', 10, 10, '10→20'],
  ['cn_60b_cat3', 5, 5, '5→10'],
  ['cn_60b_cat4', 5, 0, '5 unchanged'],
];

export async function buildCnLists(ctx: BuildContext): Promise<void> {
  const counts: Record<string, number> = {};
  const add = async (id: string, sql: string) => (counts[id] = await addList(ctx, id, sql, { keepCh99: true }));
  await add('cn_2018_04_02_r15', fromLines('inc_2018_04_02_s232_retaliation = 15'));
  await add('cn_2018_04_02_r25', fromLines('inc_2018_04_02_s232_retaliation = 25'));
  await add('cn_2018_07_06', fromLines('inc_2018_07_06_s301_34b = 25'));
  await add('cn_2018_08_23', fromLines('inc_2018_08_23_s301_16b = 25'));
  await add('cn_2018_09_24_r10', fromLines('inc_2018_09_24_s301_60b = 10'));
  await add('cn_2018_09_24_r5', fromLines('inc_2018_09_24_s301_60b = 5'));
  await add(
    'cn_2019_01_01_autos_suspended',
    fromLines('inc_2019_01_01_autos_suspension < 0', '-inc_2019_01_01_autos_suspension'),
  );
  for (const [id, sept, june] of CATEGORIES_60B) {
    await add(id, fromLines(`inc_2018_09_24_s301_60b = ${sept} AND inc_2019_06_01_60b_change = ${june}`));
  }
  const misfits = await rows<{ sept: number; june: number; n: number; examples: string }>(
    ctx,
    `SELECT inc_2018_09_24_s301_60b AS sept, inc_2019_06_01_60b_change AS june, count(*)::INTEGER AS n,
            string_agg(code, ', ' ORDER BY code) FILTER (WHERE true) AS examples
     FROM cn_lines WHERE (inc_2018_09_24_s301_60b <> 0 OR inc_2019_06_01_60b_change <> 0)
       AND (inc_2018_09_24_s301_60b, inc_2019_06_01_60b_change) NOT IN (${CATEGORIES_60B.map(([, s, j]) => `(${s}, ${j})`).join(', ')})
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  fact(
    ctx,
    'cn_lists',
    'cat_60b_misfits',
    misfits.map((m) => `Sept ${m.sept} / June +${m.june}: ${m.n} (${m.examples.slice(0, 120)})`),
  );
  fact(
    ctx,
    'cn_lists',
    'cat_60b_rules',
    CATEGORIES_60B.map(([id, , , d]) => `${id}: ${d}`),
  );

  // March 2025 farm lists: HS8, no header row; leading zeros were lost → left-pad to 8 digits. They use
  // China's 2025 nomenclature; a code with no 2018 line (e.g. 12019011, split from 12019010 after 2018) is
  // mapped to the 2018 HS8 lines that share its longest prefix (7, else 6 digits), so it reaches the panel.
  for (const [id, file] of [
    ['cn_2025_03_10_r10', F.china10pct2025],
    ['cn_2025_03_10_r15', F.china15pct2025],
  ] as const) {
    await add(
      id,
      `WITH raw AS (SELECT lpad(trim(column1), 8, '0') AS code, column2 AS note FROM ${csv(ctx, file, 'header=false')}),
            hs8 AS (SELECT DISTINCT substr(code, 1, 8) AS hs8 FROM cn_lines),
            direct AS (SELECT r.code, r.note FROM raw r WHERE r.code IN (SELECT hs8 FROM hs8)),
            p7 AS (SELECT h.hs8 AS code, r.note || ' (2025 code ' || r.code || ', mapped by its 7-digit prefix)' AS note
                   FROM raw r JOIN hs8 h ON substr(h.hs8, 1, 7) = substr(r.code, 1, 7)
                   WHERE r.code NOT IN (SELECT hs8 FROM hs8)),
            p6 AS (SELECT h.hs8 AS code, r.note || ' (2025 code ' || r.code || ', mapped by its 6-digit prefix)' AS note
                   FROM raw r JOIN hs8 h ON substr(h.hs8, 1, 6) = substr(r.code, 1, 6)
                   WHERE r.code NOT IN (SELECT hs8 FROM hs8)
                     AND NOT EXISTS (SELECT 1 FROM hs8 h7 WHERE substr(h7.hs8, 1, 7) = substr(r.code, 1, 7))),
            kept AS (SELECT r.code, r.note FROM raw r
                     WHERE NOT EXISTS (SELECT 1 FROM hs8 h WHERE substr(h.hs8, 1, 6) = substr(r.code, 1, 6)))
       SELECT code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct, min(note) AS note
       FROM (SELECT * FROM direct UNION ALL SELECT * FROM p7 UNION ALL SELECT * FROM p6 UNION ALL SELECT * FROM kept)
       GROUP BY code`,
    );
  }
  fact(ctx, 'cn_lists', 'entries', counts);
}
