// Reads CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a byte-order mark) into rows keyed by
// the header, with the line number of each row for error messages.
import { UserInputError } from '../../util/errors.js';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export function parseCsvRecords(text: string): string[][] {
  const out: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      record.push(field);
      out.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    out.push(record);
  }
  return out.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

/** Rows keyed by the (trimmed, lower-cased) header; `required` columns must be present. */
export function parseCsv(text: string, required: string[], what: string): CsvRow[] {
  const records = parseCsvRecords(text);
  if (records.length === 0) throw new UserInputError(`${what} is empty: give a CSV file with a header line`);
  const header = records[0]!.map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length)
    throw new UserInputError(
      `${what} lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the header must name ${required.join(', ')}`,
    );
  return records.slice(1).map((r, k) => ({
    line: k + 2,
    values: Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])),
  }));
}
