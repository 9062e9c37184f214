// Dates are ISO strings (YYYY-MM-DD) throughout: they sort and compare as plain strings,
// and intervals are half-open [from, until).
//
// Supported range (ADR 80): 1900-01-01 .. 2100-12-31, the same for the ledger, the command line and the API.
// Inside it every date has four year digits, so string order is date order, and `addDays` of a date in range by
// a few days stays a four-digit year (it refuses anything that would leave years 0000–9999).
import { tableOf } from './table.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2100-12-31';
export const DATE_RANGE_TEXT = `${DATE_MIN}..${DATE_MAX}`;

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of a YYYY-MM-DD date (UTC midnight); years 0000–0099 are read literally. */
function utcMs(y: number, mo: number, d: number): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(0, 0, 0, 0);
  return dt.getTime();
}

function fromMs(ms: number): string {
  const dt = new Date(ms);
  const y = dt.getUTCFullYear();
  if (!Number.isFinite(ms) || y < 0 || y > 9999) throw new RangeError(`date arithmetic left years 0000–9999`);
  return `${String(y).padStart(4, '0')}-${String(dt.getUTCMonth() + 1).padStart(2, '0')}-${String(dt.getUTCDate()).padStart(2, '0')}`;
}

function parseMs(date: string): number {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date.slice(0, 40)}`);
  return utcMs(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A real calendar date written YYYY-MM-DD (any four-digit year; see `isDateInRange` for the supported range). */
export function isValidIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(utcMs(y, mo, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** A valid date inside the supported range DATE_MIN..DATE_MAX. */
export function isDateInRange(value: string): boolean {
  return isValidIsoDate(value) && value >= DATE_MIN && value <= DATE_MAX;
}

/** `date` moved by `days`; throws RangeError rather than produce a year outside 0000–9999 (which would not sort). */
export function addDays(date: string, days: number): string {
  return fromMs(parseMs(date) + days * DAY_MS);
}

export function daysBetween(from: string, until: string): number {
  return Math.round((parseMs(until) - parseMs(from)) / DAY_MS);
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** True when date lies in [from, until); null/undefined bounds are open. */
export function inInterval(date: string, from?: string | null, until?: string | null): boolean {
  return (from == null || date >= from) && (until == null || date < until);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Month numbers by three-letter English abbreviation, lower case ('jan' → '01'), for dates written in words. */
export const MONTH_NUMBERS: ReadonlyMap<string, string> = tableOf({
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
});
