// Runs the entry batch on its own DuckDB instance (2 threads and a memory limit by default, spilling to a temp
// folder): panel from the cache (or built), the range join streamed into a Parquet file in file order, the
// summary read back from that file, then CSV or JSON written from it when asked. Memory stays flat in the
// size of the entry file: nothing is held in Node, DuckDB streams the read → join → write pipeline.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { ImporterRules } from '../engine/compile.js';
import type { Window } from '../engine/panel.js';
import type { Ledger } from '../ledger/ledger.js';
import { sqlString } from '../datasets/duckdb.js';
import { UserInputError } from '../util/errors.js';
import { makeWorkFolder } from '../util/work-folder.js';
import { todayIso } from '../util/dates.js';
import { matchColumns } from './columns.js';
import { csvLayout } from './csv-cells.js';
import type { EntriesSummary, LayerTotal } from '../contract/entries.js';
export type { EntriesSummary, LayerTotal };
import { EXPECTED_EQUALS_STATUTORY, entriesPanel, type PanelAlternative } from './panel-cache.js';
import {
  byLayerSql,
  byRefundPathSql,
  csvProjection,
  formulaSafeColumnsSql,
  linesAsNumbersSql,
  linesSql,
  PARQUET_OUTPUT,
  readerSql,
  rejectedSql,
  ROW_NUMBER_COLUMN,
  stageSql,
  totalsSql,
  type SourceColumn,
  type SourceKind,
} from './sql.js';

export type OutputFormat = 'csv' | 'parquet' | 'json';

export interface EntriesJob {
  file: string;
  out: string;
  format: OutputFormat;
  importer: string;
  /** The importer's compiled rules, asked for only when the panel is not cached yet. */
  rules: () => ImporterRules;
  /**
   * ADR 82: the unconfirmed items the importer's totals may rest on, each with the rules of the ledger where it is
   * flipped; asked for only when the panel is not cached yet.
   */
  alternatives?: () => PanelAlternative[];
  ledger: Ledger;
  dataDir: string;
  /** Every country code an entry may name (ISO 3166 alpha-2). */
  origins: readonly string[];
  window: Window;
  /** The date the refund path of each line is judged at (default today). */
  asOf?: string;
  strict?: boolean;
  cacheDir?: string;
  /** DuckDB settings (defaults: 2 threads, 1GB; env TRADEWAR_DUCKDB_THREADS, TRADEWAR_DUCKDB_MEMORY). */
  threads?: number;
  memoryLimit?: string;
  /** How many rejected rows the summary lists (all are in the output with their reason). */
  listRejected?: number;
  onProgress?: (phase: 'panel' | 'entries', done: number, total: number) => void;
}

export const ASSUMPTIONS = [
  'each line pays the stack of its entry date (HTS line × country of origin × date in [valid_from, valid_until))',
  'duties of measures the ledger marks struck_down count as refundable (assessed, not owed) — the rule of `tradewar refund`',
  'refund due = duty paid − duty owed after rulings, at least 0 and at most the struck-down duty of the line',
  'interest on refunds is not modelled',
  'refund path of a line with struck-down duty, from its liquidation date as of refund_as_of: cape (CBP CAPE portal, open from 2026-04-20) when unliquidated (no liquidation date) or liquidated at most 80 days before, protest under 180 days, court (a court order for the importer) after',
  'codes of 9 digits are read as 10-digit lines whose leading 0 a spreadsheet dropped',
];

export function sourceKindOf(file: string): SourceKind {
  const ext = extname(file).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.json' || ext === '.ndjson' || ext === '.jsonl') return 'json';
  return 'csv';
}

function firstLine(err: unknown): string {
  return String((err as Error).message ?? err).split('\n')[0]!;
}

async function describeSource(conn: DuckDBConnection, file: string, kind: SourceKind): Promise<SourceColumn[]> {
  try {
    const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${readerSql(file, kind, true)}`);
    return r.getRowObjectsJS().map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
  } catch (err) {
    throw new UserInputError(`cannot read ${file} as ${kind.toUpperCase()}: ${firstLine(err)}`, 'file');
  }
}

async function withProgress<T>(
  conn: DuckDBConnection,
  report: ((pct: number) => void) | undefined,
  run: () => Promise<T>,
) {
  if (!report) return run();
  const timer = setInterval(() => {
    const p = conn.progress;
    if (p.percentage >= 0) report(p.percentage);
  }, 200);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}

/** Runs a statement that reads the user's file: a cell or layout DuckDB cannot read is the file's fault. */
async function readingUserFile<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (/^(Invalid Input|Conversion|Parser|IO|Binder) Error/.test(firstLine(err)))
      throw new UserInputError(`cannot read ${name}: ${firstLine(err)}`, 'file');
    throw err;
  }
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const dateText = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

/**
 * The lines come out of the join in file order (see linesSql); this checks it on the written file (a streaming
 * pass over one integer column) and sorts the file only if a plan ever wrote it otherwise.
 */
export async function keepFileOrder(conn: DuckDBConnection, file: string): Promise<boolean> {
  const f = sqlString(file);
  const r = await conn.runAndReadAll(`SELECT count(*)::BIGINT FROM (
      SELECT "row", lag("row") OVER () AS previous FROM read_parquet(${f})) WHERE "row" < previous`);
  if (Number(r.getRows()[0]![0]) === 0) return true;
  const sorted = `${file}.sorted`;
  await conn.run(`COPY (SELECT * FROM read_parquet(${f}) ORDER BY "row") TO ${sqlString(sorted)} (${PARQUET_OUTPUT})`);
  renameSync(sorted, file);
  return false;
}

/** The lines as CSV: layers as text, every text cell formula-safe (see src/util/csv.ts). */
async function writeCsv(conn: DuckDBConnection, lines: string, out: string): Promise<void> {
  const columns = (await conn.runAndReadAll(`DESCRIBE ${csvProjection(lines)}`))
    .getRowObjectsJS()
    .map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
  const sql = formulaSafeColumnsSql(csvProjection(lines), columns);
  await conn.run(`COPY (${sql}) TO ${sqlString(out)} (FORMAT csv, HEADER true)`);
}

export async function runEntries(job: EntriesJob): Promise<EntriesSummary> {
  const file = resolve(job.file);
  if (!existsSync(file)) throw new UserInputError(`no such entry file: ${job.file}`, 'file');
  const kind = sourceKindOf(file);
  const asOf = job.asOf ?? todayIso();
  const work = makeWorkFolder('entries');
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(job.threads ?? (Number(process.env.TRADEWAR_DUCKDB_THREADS) || 2)),
    memory_limit: job.memoryLimit ?? process.env.TRADEWAR_DUCKDB_MEMORY ?? '1GB',
    temp_directory: join(work, 'spill'),
  });
  const conn = await instance.connect();
  // query progress feeds the progress bar
  await conn.run(`SET enable_progress_bar = true`);
  await conn.run(`SET enable_progress_bar_print = false`);
  try {
    // a CSV's header and dialect are fixed once, so each row's cells can be counted (csv-cells.ts)
    const layout = kind === 'csv' ? await readingUserFile(job.file, () => csvLayout(conn, file)) : undefined;
    const columns = layout
      ? layout.header.map((name) => ({ name, type: 'VARCHAR' }))
      : await describeSource(conn, file, kind);
    const matched = matchColumns(columns.map((c) => c.name));
    const byField = new Map([...matched].map(([f, name]) => [f, columns.find((c) => c.name === name)!]));
    const panel = await entriesPanel(conn, job.importer, job.rules, job.origins, {
      alternatives: job.alternatives,
      ledger: job.ledger,
      dataDir: job.dataDir,
      window: job.window,
      cacheDir: job.cacheDir,
      onProgress: job.onProgress && ((d, t) => job.onProgress!('panel', d, t)),
    });
    const lines = job.format === 'parquet' ? resolve(job.out) : join(work, 'lines.parquet');
    const progress = job.onProgress && ((pct: number) => job.onProgress!('entries', Math.round(pct), 100));
    // CSV (and a Parquet file with a column named like the row numbers): copied into Parquet first (both
    // threads, in file order), whose own row numbers number the lines
    const clash = columns.some((c) => c.name.toLowerCase() === ROW_NUMBER_COLUMN);
    const stageKind = kind === 'csv' || (kind === 'parquet' && clash) ? kind : undefined;
    const staged = stageKind ? join(work, 'staged.parquet') : undefined;
    if (staged && stageKind)
      await readingUserFile(job.file, () =>
        withProgress(conn, progress && ((pct) => progress(pct * 0.3)), () =>
          conn.run(stageSql(file, stageKind, staged, columns, layout)),
        ),
      );
    const sql = linesSql({
      file: staged ?? file,
      kind: staged ? 'parquet' : kind,
      textCells: kind === 'csv',
      csvLayout: layout,
      columns: byField,
      intervals: panel.intervals,
      layerSets: panel.layerSets,
      origins: panel.origins,
      importer: job.importer,
      window: job.window,
      asOf,
    });
    await readingUserFile(job.file, () =>
      withProgress(conn, progress && ((pct) => progress(staged ? 30 + pct * 0.7 : pct)), () =>
        conn.run(`COPY (${sql}) TO ${sqlString(lines)} (${PARQUET_OUTPUT})`),
      ),
    );
    if (staged) rmSync(staged, { force: true });
    await keepFileOrder(conn, lines);
    job.onProgress?.('entries', 100, 100);
    const totals = (await conn.runAndReadAll(totalsSql(lines))).getRowObjectsJS()[0]!;
    const rejectedRows = (await conn.runAndReadAll(rejectedSql(lines, job.listRejected ?? 100)))
      .getRowObjectsJS()
      .map((r) => ({ row: Number(r.row), reason: String(r.reason) }));
    if (job.strict && rejectedRows.length > 0) {
      rmSync(lines, { force: true });
      const first = rejectedRows[0]!;
      const more = num(totals.rejected) - 1;
      throw new UserInputError(
        `row ${first.row}: ${first.reason}${more > 0 ? ` (and ${more} more rejected rows)` : ''}; --strict stops on a bad row: fix it, or drop --strict to price the other rows and list the rejected ones`,
        'file',
      );
    }
    const base: LayerTotal = {
      measure: 'base',
      authority: 'mfn',
      owed: true,
      lines: num(totals.accepted),
      duty_statutory_usd: num(totals.duty_base_usd),
      duty_expected_usd: num(totals.duty_base_usd),
      refundable_usd: 0,
    };
    const layers = (await conn.runAndReadAll(byLayerSql(lines))).getRowObjectsJS().map((r) => ({
      measure: String(r.measure),
      authority: String(r.authority),
      owed: Boolean(r.owed),
      lines: num(r.lines),
      duty_statutory_usd: num(r.duty_statutory_usd),
      duty_expected_usd: num(r.duty_expected_usd),
      refundable_usd: num(r.refundable_usd),
    }));
    const byPath = (await conn.runAndReadAll(byRefundPathSql(lines))).getRowObjectsJS().map((r) => ({
      path: String(r.path) as 'cape' | 'protest' | 'court',
      lines: num(r.lines),
      refundable_usd: num(r.refundable_usd),
      refund_due_usd: num(r.refund_due_usd),
    }));
    if (job.format === 'csv') await writeCsv(conn, lines, resolve(job.out));
    else if (job.format === 'json')
      await conn.run(`COPY (${linesAsNumbersSql(lines)}) TO ${sqlString(resolve(job.out))} (FORMAT json, ARRAY true)`);
    else if (lines !== resolve(job.out)) copyFileSync(lines, resolve(job.out));
    return {
      file: job.file,
      out: job.out,
      format: job.format,
      importer: job.importer,
      rows: num(totals.rows),
      accepted: num(totals.accepted),
      rejected: num(totals.rejected),
      with_duty_paid: num(totals.with_duty_paid),
      first_entry_date: dateText(totals.first_entry_date),
      last_entry_date: dateText(totals.last_entry_date),
      totals: {
        value_usd: num(totals.value_usd),
        duty_base_usd: num(totals.duty_base_usd),
        duty_statutory_usd: num(totals.duty_statutory_usd),
        duty_expected_usd: num(totals.duty_expected_usd),
        duty_owed_usd: num(totals.duty_owed_usd),
        refundable_usd: num(totals.refundable_usd),
        duty_paid_usd: num(totals.duty_paid_usd),
        refund_due_usd: num(totals.refund_due_usd),
      },
      by_layer: [base, ...layers],
      refund_as_of: asOf,
      by_refund_path: byPath,
      rejected_rows: rejectedRows,
      columns: Object.fromEntries(matched),
      panel: { key: panel.key, cached: panel.cached, interval_rows: panel.intervalRows, dir: panel.dir },
      expected_equals_statutory: EXPECTED_EQUALS_STATUTORY,
      assumptions: ASSUMPTIONS,
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(work, { recursive: true, force: true });
  }
}
