// Writes rows to a Parquet file through DuckDB: rows are appended to a temporary table (types taken from the
// first row: numbers DOUBLE, booleans BOOLEAN, the rest VARCHAR), then copied out with zstd compression.
import { resolve } from 'node:path';
import { duckdb, sqlString } from './duckdb.js';

let counter = 0;

export async function writeParquet(rows: Record<string, unknown>[], file: string): Promise<void> {
  const conn = await duckdb();
  const first = rows[0] ?? {};
  const columns = Object.keys(first);
  if (columns.length === 0) throw new Error('no rows to write');
  const typeOf = (v: unknown) => (typeof v === 'number' ? 'DOUBLE' : typeof v === 'boolean' ? 'BOOLEAN' : 'VARCHAR');
  const table = `tradewar_out_${process.pid}_${++counter}`;
  await conn.run(`CREATE TEMP TABLE ${table} (${columns.map((c) => `"${c}" ${typeOf(first[c])}`).join(', ')})`);
  try {
    const appender = await conn.createAppender(table);
    for (const row of rows) {
      for (const c of columns) {
        const v = row[c];
        if (v === null || v === undefined) appender.appendNull();
        else if (typeof first[c] === 'number') appender.appendDouble(Number(v));
        else if (typeof first[c] === 'boolean') appender.appendBoolean(Boolean(v));
        else appender.appendVarchar(typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
      appender.endRow();
    }
    appender.closeSync();
    await conn.run(`COPY ${table} TO ${sqlString(resolve(file))} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
