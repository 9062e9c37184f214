// Rows as CSV (RFC 4180 quoting), shared by the command line and the HTTP API.
//
// Formula injection (OWASP "CSV injection"): a spreadsheet runs a text cell that starts with =, +, -, @, tab or
// carriage return as a formula (`=cmd|' /C calc'!A0`). Every CSV the project writes prefixes such a text cell
// with a single quote, which spreadsheets show as text. Numbers are not text: a JS number (-3.5) is written as
// is, and so is text that is a plain decimal number ("-3.5", "+1e3"), which a spreadsheet reads as that number
// and never as a formula. The entries batch writes its CSV from DuckDB with the same rule (formulaSafeSql in
// src/entries/sql.ts), built from the two patterns below.
export type Row = Record<string, unknown>;

/** Text a spreadsheet would read as a formula starts like this (a JS and RE2 pattern). */
export const FORMULA_START = '^[=+\\-@\\t\\r]';
/** …unless it is a plain decimal number (a JS and RE2 pattern). */
export const PLAIN_NUMBER = '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$';

const formulaStart = new RegExp(FORMULA_START);
const plainNumber = new RegExp(PLAIN_NUMBER);

/** A text cell made safe to open in a spreadsheet: `'` before anything that would be read as a formula. */
export function formulaSafe(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10000) / 10000);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** One CSV field: quoted when needed, and formula-safe unless it is a number. */
export function csvField(v: unknown): string {
  const s = typeof v === 'number' ? cell(v) : formulaSafe(cell(v));
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function columnsOf(rows: Row[]): string[] {
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

export function toCsv(rows: Row[], columns = columnsOf(rows)): string {
  const lines = [columns.map(csvField).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(','));
  return lines.join('\n') + '\n';
}
