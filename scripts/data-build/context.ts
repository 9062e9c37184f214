// Shared plumbing for the data build: DuckDB access, source/output paths, SQL literals, measured facts.
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface BuildContext {
  conn: DuckDBConnection;
  sourceDir: string;
  outDir: string;
  /** Measured counts and checks, keyed by output family; rendered into SOURCES.md and the final report. */
  facts: Record<string, Record<string, unknown>>;
}

/** SQL string literal. */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function srcPath(ctx: BuildContext, rel: string): string {
  return path.join(ctx.sourceDir, rel);
}

export function outPath(ctx: BuildContext, file: string): string {
  return path.join(ctx.outDir, file);
}

/** read_csv over a source file with an explicit dialect (the sniffer guesses wrong on some files); all columns VARCHAR. */
export function csv(ctx: BuildContext, rel: string, extra = ''): string {
  const opts = ["delim=','", `quote='"'`, `escape='"'`, 'all_varchar=true', 'sample_size=-1'];
  if (!/header\s*=/.test(extra)) opts.push('header=true');
  if (extra) opts.push(extra);
  return `read_csv(${lit(srcPath(ctx, rel))}, ${opts.join(', ')})`;
}

export async function run(ctx: BuildContext, sql: string): Promise<void> {
  await ctx.conn.run(sql);
}

export async function rows<T = Record<string, unknown>>(ctx: BuildContext, sql: string): Promise<T[]> {
  const reader = await ctx.conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as T[];
}

export async function scalar<T = unknown>(ctx: BuildContext, sql: string): Promise<T> {
  const r = await rows<Record<string, unknown>>(ctx, sql);
  const first = r[0];
  return (first ? Object.values(first)[0] : undefined) as T;
}

/** Write a query to Parquet. The query must carry a full ORDER BY so rebuilds are byte-identical. */
export async function writeParquet(ctx: BuildContext, selectSql: string, file: string): Promise<void> {
  await run(ctx, `COPY (${selectSql}) TO ${lit(outPath(ctx, file))} (FORMAT parquet, COMPRESSION zstd)`);
}

export function fact(ctx: BuildContext, family: string, key: string, value: unknown): void {
  (ctx.facts[family] ??= {})[key] = value;
}

/** Round for reporting. */
export function r2(x: unknown, digits = 2): number {
  const n = Number(x ?? 0);
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** SQL predicate: code is not in HS chapters 98/99 (US special classification and additional-duty chapters). */
export function notCh9899(col: string): string {
  return `substr(${col}, 1, 2) NOT IN ('98', '99')`;
}
