// Checks of user input shared by the command line and the HTTP API. Every failure names the field and the fix.
// The command line and every API route validate through these functions, so the same input gets the same answer
// (exit 2 on the command line, HTTP 400 {error, field} from the API).
import { DATE_RANGE_TEXT, isDateInRange, isValidIsoDate } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';
import { MAX_USD, MAX_USD_TEXT, plainDecimal } from '../util/numbers.js';
import { tableOf } from '../util/table.js';
import type { Datasets } from '../datasets/datasets.js';

export const IMPORTERS = ['US', 'CN'] as const;

export function parseDate(value: string | undefined, field: string): string {
  if (value === undefined || value === '')
    throw new UserInputError(`missing ${field}: give a date as YYYY-MM-DD`, field);
  const v = value.trim();
  if (!isValidIsoDate(v))
    throw new UserInputError(
      `${field} "${echo(value)}" is not a valid date: write it as YYYY-MM-DD within ${DATE_RANGE_TEXT}, e.g. 2025-11-05`,
      field,
    );
  if (!isDateInRange(v))
    throw new UserInputError(`${field} ${v} is outside the supported range ${DATE_RANGE_TEXT}`, field);
  return v;
}

/** Most dates one request may ask for (`at=` lists): each is a full pass over the importer's tariff lines. */
export const MAX_DATES = 200;

export function parseDates(value: string | undefined, field: string): string[] {
  if (!value) throw new UserInputError(`missing ${field}: give one or more dates, comma-separated (YYYY-MM-DD)`, field);
  const parts = value.split(',');
  if (parts.length > MAX_DATES)
    throw new UserInputError(`${field} lists ${parts.length} dates: at most ${MAX_DATES} per request`, field);
  const dates = parts.map((d) => parseDate(d.trim(), field));
  return [...new Set(dates)].sort();
}

/** An optional [from, to] window (both inclusive); `to` before `from` is refused the same way everywhere. */
export function parseDateWindow(
  from: string | undefined,
  to: string | undefined,
  fields: [string, string] = ['from', 'to'],
): { from?: string; to?: string } {
  const f = from !== undefined && from !== '' ? parseDate(from, fields[0]) : undefined;
  const t = to !== undefined && to !== '' ? parseDate(to, fields[1]) : undefined;
  if (f && t && t < f) throw new UserInputError(`${fields[1]} ${t} is before ${fields[0]} ${f}`, fields[1]);
  return { from: f, to: t };
}

/**
 * A number a user wrote (option or query parameter): a plain decimal (util/numbers.ts), then `accept`ed;
 * `expected` says what is wanted, e.g. "a whole number from 0 to 2000". The one number reader of both front ends.
 */
export function parseNumber(
  value: string | number,
  field: string,
  expected: string,
  accept: (n: number) => boolean = () => true,
): number {
  const n = plainDecimal(value);
  if (n === undefined)
    throw new UserInputError(
      `${field} "${echo(value)}" is not ${expected}: write a plain decimal number (digits, e.g. 2.5; no hex, exponent, Infinity or NaN)`,
      field,
    );
  if (!accept(n)) throw new UserInputError(`${field} "${echo(value)}" is not ${expected}`, field);
  return n;
}

/** A whole number from min to max (inclusive). */
export function parseWholeNumber(value: string | number, field: string, min: number, max: number): number {
  return parseNumber(
    value,
    field,
    `a whole number from ${min} to ${max}`,
    (n) => Number.isInteger(n) && n >= min && n <= max,
  );
}

/** An amount in USD: 0 or more and under $10 trillion, the bound entry files obey. */
export function parseUsd(value: string | number, field: string): number {
  const n = parseNumber(value, field, 'an amount in USD of 0 or more, e.g. 10000', (x) => x >= 0);
  if (n >= MAX_USD)
    throw new UserInputError(
      `${field} ${echo(value)} is ${MAX_USD_TEXT} or more: not one customs value; give the amount in USD, below ${MAX_USD_TEXT}`,
      field,
    );
  return n;
}

/** Longest user value echoed back in a message; longer ones are cut with their length stated. */
export const ECHO_LIMIT = 80;

/** A user-supplied value as it appears in a message: cut to ECHO_LIMIT characters, control characters shown as ?. */
export function echo(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  const s = String(value).replace(/[\u0000-\u001f\u007f]/g, '?');
  return s.length > ECHO_LIMIT ? `${s.slice(0, ECHO_LIMIT)}… (${s.length} characters)` : s;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** The English name of an ISO 3166 alpha-2 code, or undefined when the code is not assigned. */
export function countryName(code: string): string | undefined {
  try {
    const name = regionNames.of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * ISO 3166 codes that name no current country: retired codes (with the code that replaced them), codes
 * reserved for other uses, and the user-assigned ranges (AA, QM–QZ, XA–XZ, ZZ; XK, Kosovo, is kept).
 * Intl.DisplayNames maps several of them to a successor's name (SU → Russia), so they are refused by list.
 */
const RETIRED: ReadonlyMap<string, string> = tableOf({
  AN: 'CW, SX or BQ',
  BU: 'MM',
  CS: 'RS or ME',
  DD: 'DE',
  NT: 'SA or IQ',
  SU: 'RU (or the successor state)',
  TP: 'TL',
  YD: 'YE',
  YU: 'RS, ME, BA, HR, MK or SI',
  ZR: 'CD',
  UK: 'GB',
  FX: 'FR',
});
const RESERVED = new Set(['AC', 'CP', 'DG', 'EA', 'EZ', 'IC', 'TA', 'UN', 'QO', 'QU']);

function isPlaceholderCode(v: string): boolean {
  return v === 'AA' || v === 'ZZ' || /^Q[M-Z]$/.test(v) || (/^X[A-Z]$/.test(v) && v !== 'XK');
}

export function parseCountry(value: string | undefined, field: string, data: Datasets): string {
  if (!value) throw new UserInputError(`missing ${field}: give an ISO 3166 alpha-2 country code, e.g. CN or US`, field);
  const v = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(v))
    throw new UserInputError(`${field} "${echo(value)}" is not an ISO 3166 alpha-2 code (two letters, e.g. CN)`, field);
  if (data.countries.has(v)) return v;
  const successor = RETIRED.get(v);
  if (successor)
    throw new UserInputError(
      `unknown country ${v} in ${field}: ${v} is a retired ISO 3166 code; use ${successor}`,
      field,
    );
  if (RESERVED.has(v) || isPlaceholderCode(v))
    throw new UserInputError(
      `unknown country ${v} in ${field}: ${v} is a reserved or placeholder code; give an ISO 3166 alpha-2 country code (e.g. CN, US, DE; EU for the European Union)`,
      field,
    );
  if (countryName(v) === undefined)
    throw new UserInputError(
      `unknown country ${v} in ${field}: give an ISO 3166 alpha-2 code (e.g. CN, US, DE; EU for the European Union)`,
      field,
    );
  return v;
}

export function parseImporter(value: string | undefined, field: string, data: Datasets): string {
  const v = parseCountry(value, field, data);
  if (!(IMPORTERS as readonly string[]).includes(v))
    throw new UserInputError(`${field} ${v} has no tariff schedule in the ledger: use US or CN`, field);
  return v;
}

export function parseChoice<T extends string>(
  value: string | undefined,
  field: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === '') return fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new UserInputError(`${field} "${echo(value)}" is not one of: ${choices.join(', ')}`, field);
  return value as T;
}

/** A caveat for pairs outside the conflict the ledger models (US–China), or undefined. */
export function scopeCaveat(importer: string, exporter: string): string | undefined {
  const covered = importer === 'US' ? ['CN', 'HK', 'MO'] : importer === 'CN' ? ['US'] : [];
  if (covered.includes(exporter)) return undefined;
  return `the ledger models the US–China conflict: for ${importer}←${exporter} only MFN and measures that name all partners are priced (e.g. no reciprocal tariffs or Section 232 deals with other partners)`;
}
