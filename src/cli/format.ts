// Renders rows as an aligned text table, CSV or JSON.
import { cell, columnsOf, toCsv, type Row } from '../util/csv.js';
export type OutputFormat = 'table' | 'csv' | 'json';

export type { Row } from '../util/csv.js';

export function toTable(rows: Row[], columns = columnsOf(rows), maxWidth = 60): string {
  if (rows.length === 0) return '(no rows)\n';
  const text = rows.map((r) =>
    columns.map((c) => {
      const s = cell(r[c]);
      // long text is cut to keep the table readable, but never a URL: a cut link is a broken link
      return s.length > maxWidth && !/^https?:\/\//.test(s) ? `${s.slice(0, maxWidth - 1)}…` : s;
    }),
  );
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((t) => t[i]!.length)));
  const numeric = columns.map((c) =>
    rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}

export function render(rows: Row[], format: OutputFormat, columns?: string[]): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  if (format === 'csv') return toCsv(rows, columns);
  return toTable(rows, columns);
}
