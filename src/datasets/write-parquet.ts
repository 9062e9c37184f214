// Writes rows to a Parquet file through DuckDB (via a temporary newline-delimited JSON file).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { duckdb, sqlString } from './duckdb.js';

export async function writeParquet(rows: Record<string, unknown>[], file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tradewar-'));
  try {
    const tmp = join(dir, 'rows.ndjson');
    writeFileSync(tmp, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const conn = await duckdb();
    await conn.run(
      `COPY (SELECT * FROM read_json_auto(${sqlString(tmp)})) TO ${sqlString(resolve(file))} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
