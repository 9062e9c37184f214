// Turns rows into CSV and downloads them: every chart and table can export what it shows.
import { formulaSafe } from '../../src/util/csv.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CsvRow = { [key: string]: any };

// text cells a spreadsheet would run as a formula get a leading ' (the server's rule, src/util/csv.ts)
const field = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : formulaSafe(String(v));
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function toCsv(rows: CsvRow[]): string {
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => field(r[c])).join(','))].join('\n') + '\n';
}

export function downloadCsv(name: string, rows: CsvRow[]): void {
  const blob = new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name.endsWith('.csv') ? name : `${name}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
