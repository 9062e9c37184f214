// The columns of an entry file: which header names (case-insensitive, any punctuation) mean which field.
// Aliases cover ACE entry summary line reports and the usual broker spreadsheets; anything else can be renamed
// by the user. Pure: no I/O.
import { UserInputError } from '../util/errors.js';

export type EntryField =
  | 'entry_date'
  | 'hts'
  | 'origin'
  | 'value'
  | 'entry_number'
  | 'line_number'
  | 'quantity'
  | 'duty_paid'
  | 'liquidation_date';

export interface FieldSpec {
  field: EntryField;
  required: boolean;
  /** What the field is, in the words of an error message. */
  label: string;
  aliases: string[];
}

export const ENTRY_FIELDS: FieldSpec[] = [
  {
    field: 'entry_date',
    required: true,
    label: 'entry date',
    aliases: ['entry date', 'date of entry', 'entry dt', 'entered date', 'import date', 'date of importation', 'date'],
  },
  {
    field: 'hts',
    required: true,
    label: 'HTS code',
    aliases: [
      'hts',
      'hts code',
      'hts number',
      'hts no',
      'hts10',
      'htsus',
      'htsus number',
      'hts tariff number',
      'tariff number',
      'tariff no',
      'tariff code',
      'line tariff number',
      'hs code',
      'commodity code',
      'product',
    ],
  },
  {
    field: 'origin',
    required: true,
    label: 'country of origin',
    aliases: [
      'country of origin',
      'country of origin code',
      'line country of origin',
      'origin country',
      'origin',
      'coo',
      'country',
    ],
  },
  {
    field: 'value',
    required: true,
    label: 'customs value (USD)',
    aliases: [
      'customs value',
      'entered value',
      'line entered value',
      'line tariff entered value',
      'hts entered value',
      'value',
      'value usd',
      'customs value usd',
      'entered value usd',
      'line value',
    ],
  },
  {
    field: 'entry_number',
    required: false,
    label: 'entry number',
    aliases: ['entry number', 'entry no', 'entry', 'entry summary number', 'entry summary no', 'entry id'],
  },
  {
    field: 'line_number',
    required: false,
    label: 'line number',
    aliases: ['line number', 'line no', 'line', 'entry summary line number', 'entry line number', 'line item'],
  },
  {
    field: 'quantity',
    required: false,
    label: 'quantity',
    aliases: ['quantity', 'qty', 'line quantity', 'hts quantity', 'quantity 1', 'line tariff quantity'],
  },
  {
    field: 'duty_paid',
    required: false,
    label: 'duty paid (USD)',
    aliases: [
      'duty paid',
      'duty',
      'duty amount',
      'duty paid usd',
      'total duty',
      'line duty',
      'line duty amount',
      'line tariff duty amount',
      'hts duty',
      'paid duty',
    ],
  },
  {
    field: 'liquidation_date',
    required: false,
    label: 'liquidation date',
    aliases: ['liquidation date', 'liq date', 'date of liquidation', 'liquidation dt'],
  },
];

/** A header as compared: lower case, every run of non-alphanumerics one space, `_` counted as a space. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Which header of the file holds each field. Throws a UserInputError naming what is missing or ambiguous. */
export function matchColumns(headers: readonly string[]): Map<EntryField, string> {
  const byName = new Map<string, string[]>();
  for (const h of headers) {
    const n = normaliseHeader(h);
    byName.set(n, [...(byName.get(n) ?? []), h]);
  }
  const out = new Map<EntryField, string>();
  const taken = new Set<string>();
  for (const spec of ENTRY_FIELDS) {
    // the first alias present wins, so "Entry Date" beats a generic "Date" column
    for (const alias of [spec.field.replaceAll('_', ' '), ...spec.aliases]) {
      const hits = (byName.get(alias) ?? []).filter((h) => !taken.has(h));
      if (hits.length > 1)
        throw new UserInputError(
          `the entry file has ${hits.length} columns named like "${alias}" (${hits.join(', ')}): keep one for the ${spec.label}`,
          spec.field,
        );
      if (hits.length === 1) {
        out.set(spec.field, hits[0]!);
        taken.add(hits[0]!);
        break;
      }
    }
    if (spec.required && !out.has(spec.field))
      throw new UserInputError(
        `the entry file has no column for the ${spec.label}: name one "${spec.aliases[0]}" (or ${spec.aliases
          .slice(1, 4)
          .map((a) => `"${a}"`)
          .join(', ')}); its columns are: ${headers.join(', ')}`,
        spec.field,
      );
  }
  return out;
}
