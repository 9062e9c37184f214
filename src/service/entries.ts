// The entry-file batch as a service: checks the request, resolves the importer and the countries an entry may
// name, and runs src/entries over the context's rules (same code for the command line and the API).
import { dirname, join, resolve } from 'node:path';
import { makeWorkFolder } from '../util/work-folder.js';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { TradewarContext } from './context.js';
import { countryName, parseChoice, parseDate, parseImporter, parseWholeNumber } from './inputs.js';
import { csvProjection, linesAsNumbersSql } from '../entries/sql.js';
import { duckdb } from '../datasets/duckdb.js';
import type { EntriesUploadAnswer, EntryLine } from '../contract/entries.js';
import { runEntries, type EntriesSummary, type OutputFormat } from '../entries/run.js';
import type { PanelAlternative } from '../entries/panel-cache.js';
import { unconfirmedItems } from '../ledger/unconfirmed.js';
import { alternativeContext } from './unconfirmed.js';
import { DEFAULT_WINDOW } from '../engine/panel.js';
import { UserInputError } from '../util/errors.js';

export type { EntriesSummary, OutputFormat, EntriesUploadAnswer };

export interface EntriesInput {
  file: string;
  out: string;
  format?: string;
  dest?: string;
  strict?: boolean;
  /** The date the refund paths are judged at, YYYY-MM-DD (default today). */
  at?: string;
  cacheDir?: string;
  listRejected?: number;
  onProgress?: (phase: 'panel' | 'entries', done: number, total: number) => void;
}

let isoCodes: string[] | undefined;
/** Region codes that name no country of origin: unknown, outlying Oceania, pseudo-locales, UN, Eurozone. */
const NOT_ORIGINS = new Set(['ZZ', 'QO', 'XA', 'XB', 'UN', 'EZ']);

/** Every ISO 3166 alpha-2 code an entry may name: the shipped country table plus every assigned region code. */
export function originCodes(ctx: TradewarContext): string[] {
  if (!isoCodes) {
    const all = new Set(ctx.data.countries.keys());
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (countryName(code) !== undefined && !NOT_ORIGINS.has(code)) all.add(code);
      }
    isoCodes = [...all].filter((c) => /^[A-Z]{2}$/.test(c)).sort();
  }
  return isoCodes;
}

/** ADR 82: the items an importer's statutory totals may rest on, each with the rules where it is flipped. */
function panelAlternatives(ctx: TradewarContext, importer: string): PanelAlternative[] {
  const rules = ctx.rules(importer);
  const priced = new Set(rules.measures.filter((cm) => cm.priced && cm.inForce).map((cm) => cm.measure.id));
  return unconfirmedItems(ctx.ledger)
    .filter((i) => i.statutory && i.measures.some((m) => priced.has(m)))
    .map((i) => ({
      id: i.id,
      date: i.date,
      measures: i.measures,
      rules: alternativeContext(ctx, i).rules(importer),
    }));
}

export async function entriesQuery(ctx: TradewarContext, input: EntriesInput): Promise<EntriesSummary> {
  const dest = parseImporter(input.dest ?? 'US', 'dest', ctx.data);
  const format = parseChoice<OutputFormat>(input.format, 'format', ['csv', 'parquet', 'json'], 'csv');
  if (!existsSync(dirname(resolve(input.out))))
    throw new UserInputError(`the folder of --out ${input.out} does not exist: create it first`, 'out');
  return runEntries({
    file: input.file,
    out: input.out,
    format,
    importer: dest,
    rules: () => ctx.rules(dest),
    alternatives: () => panelAlternatives(ctx, dest),
    ledger: ctx.ledger,
    dataDir: ctx.data.dir,
    origins: originCodes(ctx),
    window: DEFAULT_WINDOW,
    asOf: input.at === undefined ? undefined : parseDate(input.at, 'at'),
    strict: input.strict,
    cacheDir: input.cacheDir,
    listRejected: input.listRejected,
    onProgress: input.onProgress,
  });
}

export interface EntriesUploadInput {
  dest?: string;
  strict?: string;
  /** The date the refund paths are judged at (default today). */
  at?: string;
  /** How many priced lines the JSON answer carries (the CSV answer carries all). */
  limit?: string;
  format?: string;
}

const flag = (v: string | undefined) => v === '1' || v === 'true';

/** An upload the server streamed to a temporary file (src/api/upload-file.ts); it removes the file afterwards. */
export interface UploadedFile {
  upload_file: string;
  media: 'csv' | 'json';
}

function isUploadedFile(body: unknown): body is UploadedFile {
  const b = body as Partial<UploadedFile> | null;
  return typeof b?.upload_file === 'string' && (b.media === 'csv' || b.media === 'json');
}

/** A JSON upload, parsed here (in a worker when the server has them). */
function readJsonUpload(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new UserInputError(
      `the body is not valid JSON (${(err as Error).message}): send an array of entry lines, {"entries": [...]}, or the file as text/csv`,
      'body',
    );
  }
}

/** An entry file sent to the API: CSV text, or JSON (an array of line objects, or `{entries: [...]}`). */
export async function entriesUpload(
  ctx: TradewarContext,
  body: unknown,
  input: EntriesUploadInput,
): Promise<EntriesUploadAnswer> {
  if (isUploadedFile(body)) {
    if (body.media === 'json') body = readJsonUpload(body.upload_file);
    else if (statSync(body.upload_file).size > 0) return priceUpload(ctx, body.upload_file, input);
    else body = '';
  }
  const rows = Array.isArray(body) ? body : (body as { entries?: unknown } | null)?.entries;
  let text: string;
  let ext: string;
  if (typeof body === 'string') {
    if (body.trim() === '')
      throw new UserInputError('the body is empty: send the entry file as text/csv (header row first)', 'body');
    [text, ext] = [body, 'csv'];
  } else if (Array.isArray(rows)) {
    if (rows.length === 0) throw new UserInputError('no entry lines in the body: send at least one', 'body');
    const bad = rows.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r));
    if (bad >= 0)
      throw new UserInputError(`entry line ${bad + 1} of the body is not an object of column: value pairs`, 'body');
    [text, ext] = [JSON.stringify(rows), 'json'];
  } else
    throw new UserInputError(
      'send the entry file as text/csv, or JSON: an array of entry lines (objects) or {"entries": [...]}',
      'body',
    );
  const work = makeWorkFolder('upload');
  try {
    const file = join(work, `upload.${ext}`);
    writeFileSync(file, text);
    return await priceUpload(ctx, file, input);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Prices an uploaded entry file (CSV or JSON lines, by its extension) into the API's answer. */
async function priceUpload(
  ctx: TradewarContext,
  file: string,
  input: EntriesUploadInput,
): Promise<EntriesUploadAnswer> {
  const limit =
    input.limit === undefined || input.limit === '' ? 1000 : parseWholeNumber(input.limit, 'limit', 0, 100_000);
  const work = makeWorkFolder('upload');
  try {
    const out = join(work, 'lines.parquet');
    const summary = await entriesQuery(ctx, {
      file,
      out,
      format: 'parquet',
      dest: input.dest,
      strict: flag(input.strict),
      at: input.at || undefined,
    });
    const lines = await readLines(out, input.format === 'csv' ? undefined : limit, input.format === 'csv');
    return {
      summary: { ...summary, file: 'upload', out: '', panel: { ...summary.panel, dir: '' } },
      lines_total: summary.rows,
      lines,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function readLines(parquet: string, limit: number | undefined, flat: boolean) {
  const conn = await duckdb();
  const sql = flat ? csvProjection(parquet) : linesAsNumbersSql(parquet);
  const r = await conn.runAndReadAll(
    `SELECT CAST("row" AS INTEGER) AS "row", * EXCLUDE ("row") FROM (${sql}) ORDER BY "row"${limit === undefined ? '' : ` LIMIT ${limit}`}`,
  );
  return r.getRowObjectsJson() as unknown as EntryLine[];
}
