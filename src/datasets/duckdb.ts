// One in-process DuckDB connection for reading the shipped Parquet tables.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let shared: Promise<DuckDBConnection> | undefined;

export function duckdb(): Promise<DuckDBConnection> {
  shared ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
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
