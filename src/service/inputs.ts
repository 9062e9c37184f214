// Checks of user input shared by the command line and the HTTP API. Every failure names the field and the fix.
import { isValidIsoDate } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';
import type { Datasets } from '../datasets/datasets.js';

export const IMPORTERS = ['US', 'CN'] as const;

export function parseDate(value: string | undefined, field: string): string {
  if (value === undefined || value === '')
    throw new UserInputError(`missing ${field}: give a date as YYYY-MM-DD`, field);
  const v = value.trim();
  if (!isValidIsoDate(v))
    throw new UserInputError(`${field} "${value}" is not a valid date: write it as YYYY-MM-DD, e.g. 2025-11-05`, field);
  return v;
}

export function parseDates(value: string | undefined, field: string): string[] {
  if (!value) throw new UserInputError(`missing ${field}: give one or more dates, comma-separated (YYYY-MM-DD)`, field);
  const dates = value.split(',').map((d) => parseDate(d.trim(), field));
  return [...new Set(dates)].sort();
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

export function parseCountry(value: string | undefined, field: string, data: Datasets): string {
  if (!value) throw new UserInputError(`missing ${field}: give an ISO 3166 alpha-2 country code, e.g. CN or US`, field);
  const v = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(v))
    throw new UserInputError(`${field} "${value}" is not an ISO 3166 alpha-2 code (two letters, e.g. CN)`, field);
  if (!data.countries.has(v) && countryName(v) === undefined)
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
    throw new UserInputError(`${field} "${value}" is not one of: ${choices.join(', ')}`, field);
  return value as T;
}

/** A caveat for pairs outside the conflict the ledger models (US–China), or undefined. */
export function scopeCaveat(importer: string, exporter: string): string | undefined {
  const covered = importer === 'US' ? ['CN', 'HK', 'MO'] : importer === 'CN' ? ['US'] : [];
  if (covered.includes(exporter)) return undefined;
  return `the ledger models the US–China conflict: for ${importer}←${exporter} only MFN and measures that name all partners are priced (e.g. no reciprocal tariffs or Section 232 deals with other partners)`;
}
