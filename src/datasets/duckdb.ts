// One in-process DuckDB connection for reading the shipped Parquet tables. The native module is loaded on first
// use, so commands that never read data (--help) do not pay for it.
import type { DuckDBConnection } from '@duckdb/node-api';

let shared: Promise<DuckDBConnection> | undefined;

export function duckdb(): Promise<DuckDBConnection> {
  shared ??= import('@duckdb/node-api').then(async ({ DuckDBInstance }) =>
    (await DuckDBInstance.create(':memory:')).connect(),
  );
  return shared;
}

export async function queryRows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const conn = await duckdb();
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as T[];
}

/** Quotes a string for use as a SQL literal (file paths, ids). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
