// A CSV row with more or fewer cells than the header is rejected, never priced: "…,CN,$1,000.00,0" under five
// columns would otherwise read value "$1" and duty paid "000.00". DuckDB's reader pads short rows with NULL
// and drops the extra cells of long ones, so the file is read with its dialect fixed (sniffed once) and its
// columns declared: the header's, then EXTRA_CELLS more, with empty cells read as '' and padding as NULL. A row's
// cell count is then the number of its non-NULL cells (padding only ever fills the end of a row), counted exactly
// up to the header's width + EXTRA_CELLS. The count is worked out while staging the CSV to Parquet, so the
// file is still read once, in parallel; empty cells are turned back into NULL there, as DuckDB reads them.
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../datasets/duckdb.js';

/** Extra cells a row may carry and still be counted exactly ("7 cells for 5 columns"); more: "more than …". */
export const EXTRA_CELLS = 4;

/** The staged column holding each row's number of cells. */
export const CELLS_COLUMN = 'tradewar_cells';

/** A cell no CSV holds, read as NULL instead of the empty cell (so an empty cell and a missing one differ). */
const NEVER_A_CELL = '\u0001tradewar-no-cell\u0001';

export interface CsvLayout {
  /** read_csv options of the file's dialect (delimiter, quote, escape, line ends, rows to skip, comment). */
  dialect: string;
  delimiter: string;
  /** The header's cells, as column names (empty ones named columnN, repeats numbered as DuckDB does). */
  header: string[];
}

const option = (v: unknown) => sqlString(v === '(empty)' || v === null || v === undefined ? '' : String(v));

/** The file's dialect (DuckDB's sniffer, as the reader would use it) and its header row. */
export async function csvLayout(conn: DuckDBConnection, file: string): Promise<CsvLayout> {
  const f = sqlString(file);
  const sniffed = (
    await conn.runAndReadAll(`SELECT * FROM sniff_csv(${f}, null_padding = true, strict_mode = false)`)
  ).getRowObjectsJS()[0]!;
  const dialect = [
    `delim = ${option(sniffed.Delimiter)}`,
    `quote = ${option(sniffed.Quote)}`,
    `escape = ${option(sniffed.Escape)}`,
    `new_line = ${option(sniffed.NewLineDelimiter)}`,
    `skip = ${Number(sniffed.SkipRows ?? 0)}`,
    `comment = ${option(sniffed.Comment)}`,
  ].join(', ');
  const width = Math.max(1, (sniffed.Columns as unknown[] | null)?.length ?? 1);
  const probe = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const first = (
    await conn.runAndReadAll(
      `SELECT * FROM read_csv(${f}, auto_detect = false, header = false, ${dialect}, null_padding = true,
        strict_mode = false, nullstr = ${sqlString(NEVER_A_CELL)}, columns = {${probe}}) LIMIT 1`,
    )
  ).getRows()[0];
  const cells = (first ?? []).filter((c) => c !== null).map((c) => String(c).trim());
  const seen = new Map<string, number>();
  const header = cells.map((c, i) => {
    const name = c === '' ? `column${i}` : c;
    const k = seen.get(name.toLowerCase()) ?? 0;
    seen.set(name.toLowerCase(), k + 1);
    return k === 0 ? name : `${name}_${k}`;
  });
  return { dialect, delimiter: String(sniffed.Delimiter), header };
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The CSV read with its header's columns plus the extra ones, every cell text. */
function countingReader(file: string, layout: CsvLayout): string {
  const extra = Array.from({ length: EXTRA_CELLS }, (_, i) => `tradewar_extra_${i}`);
  const columns = [...layout.header, ...extra].map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ');
  return `read_csv(${sqlString(file)}, auto_detect = false, header = true, ${layout.dialect}, null_padding = true,
    strict_mode = false, nullstr = ${sqlString(NEVER_A_CELL)}, columns = {${columns}})`;
}

/** The staging SELECT: the header's columns but `leftOut` (empty cells NULL again) and each row's cell count. */
export function countedCsvSelect(file: string, layout: CsvLayout, leftOut: readonly string[] = []): string {
  const all = [...layout.header, ...Array.from({ length: EXTRA_CELLS }, (_, i) => `tradewar_extra_${i}`)];
  const cells = all.map((c) => `(${ident(c)} IS NOT NULL)::INTEGER`).join(' + ');
  const columns = layout.header
    .filter((c) => !leftOut.includes(c))
    .map((c) => `nullif(${ident(c)}, '') AS ${ident(c)}`);
  return `SELECT ${columns.join(', ')}, CAST(${cells} AS SMALLINT) AS ${CELLS_COLUMN} FROM ${countingReader(file, layout)}`;
}

/** SQL: the reason a row with the wrong number of cells is rejected, or NULL when it has one per column. */
export function cellCountReasonSql(layout: CsvLayout): string {
  const n = layout.header.length;
  const c = CELLS_COLUMN;
  const comma = layout.delimiter === ',';
  const tooMany = comma
    ? 'quote amounts that contain commas ("$1,000.00"), or any cell holding a comma'
    : `quote any cell holding the delimiter ${layout.delimiter}`;
  return `CASE WHEN ${c} = ${n} THEN NULL
    WHEN ${c} >= ${n + EXTRA_CELLS} THEN '${n + EXTRA_CELLS} or more cells for ${n} columns: ${tooMany.replaceAll("'", "''")}'
    WHEN ${c} > ${n} THEN CAST(${c} AS VARCHAR) || ' cells for ${n} columns: ${tooMany.replaceAll("'", "''")}'
    ELSE CAST(${c} AS VARCHAR) || ' cells for ${n} columns: the row is cut short or lost a delimiter; give every column a cell (an empty one is fine)' END`;
}
