// code_lists.parquet: named lists of product-code prefixes that measures in the ledger refer to.
import type { BuildContext } from './context.js';
import { fact, rows, run, writeParquet } from './context.js';

export async function createCodeListTable(ctx: BuildContext): Promise<void> {
  await run(
    ctx,
    `CREATE TABLE code_lists (list_id VARCHAR, code VARCHAR, valid_from DATE, valid_until DATE, rate_pct DOUBLE, note VARCHAR)`,
  );
}

/**
 * Add a list from a query returning (code[, valid_from, valid_until, rate_pct, note]). Codes are normalised
 * (dots and spaces removed), chapter 98/99 codes dropped, and one row kept per (code, valid_from).
 */
export async function addList(
  ctx: BuildContext,
  listId: string,
  selectSql: string,
  opts: { keepCh99?: boolean } = {},
): Promise<number> {
  await run(
    ctx,
    `INSERT INTO code_lists
     WITH s AS (SELECT * FROM (${selectSql})),
     n AS (SELECT regexp_replace(trim(code::VARCHAR), '[.\\s]', '', 'g') AS code,
                  try_cast(valid_from AS DATE) AS valid_from, try_cast(valid_until AS DATE) AS valid_until,
                  try_cast(rate_pct AS DOUBLE) AS rate_pct, note::VARCHAR AS note
           FROM (SELECT * FROM s) )
     SELECT DISTINCT ON (code, valid_from) '${listId}', code, valid_from, valid_until, rate_pct, note FROM n
     WHERE code <> '' ${opts.keepCh99 ? '' : `AND substr(code, 1, 2) NOT IN ('98', '99')`}
     ORDER BY code, valid_from NULLS FIRST, note`,
  );
  const n = await rows<{ n: number }>(ctx, `SELECT count(*)::INTEGER AS n FROM code_lists WHERE list_id = '${listId}'`);
  return n[0]?.n ?? 0;
}

/** A select with the optional columns filled with NULL. */
export function codesOnly(sql: string, note: string | null = null): string {
  return `SELECT code, NULL AS valid_from, NULL AS valid_until, NULL AS rate_pct, ${note === null ? 'NULL' : `'${note.replace(/'/g, "''")}'`} AS note FROM (${sql})`;
}

export async function writeCodeLists(ctx: BuildContext): Promise<void> {
  const bad = await rows<{ list_id: string; code: string }>(
    ctx,
    `SELECT list_id, code FROM code_lists WHERE NOT regexp_matches(code, '^[0-9]+$') OR length(code) NOT IN (2, 4, 6, 8, 10) ORDER BY 1, 2 LIMIT 20`,
  );
  if (bad.length) throw new Error(`code_lists: malformed codes ${bad.map((b) => `${b.list_id}:${b.code}`).join(', ')}`);
  const per = await rows<{ list_id: string; n: number; lengths: string }>(
    ctx,
    `SELECT list_id, count(*)::INTEGER AS n, string_agg(DISTINCT length(code)::VARCHAR, '/' ORDER BY length(code)::VARCHAR) AS lengths
     FROM code_lists GROUP BY 1 ORDER BY 1`,
  );
  fact(
    ctx,
    'code_lists',
    'entries_per_list',
    Object.fromEntries(per.map((p) => [p.list_id, `${p.n} (code lengths ${p.lengths})`])),
  );
  await writeParquet(
    ctx,
    `SELECT list_id, code, valid_from, valid_until, rate_pct, note FROM code_lists
     ORDER BY list_id, code, valid_from NULLS FIRST, valid_until NULLS FIRST, rate_pct NULLS FIRST, note NULLS FIRST`,
    'code_lists.parquet',
  );
}
