// Reads one USITC HTS JSON export (the layout of the USITC "HTS download": a list of rows with htsno, indent,
// description, general, units, footnotes, ...) into ordinary lines and Chapter 99 headings, with the rate
// expression of each heading parsed. Pure functions, shared by the data build and `tradewar hts` (a user's own
// newer export). Anything that cannot be read is returned as a parse error, never dropped.

export type RateKind =
  | 'plus_pct' // "The duty provided in the applicable subheading + 25%"
  | 'plus_content_pct' // "... + a duty of 25% upon the value of the non-U.S. content"
  | 'base_only' // "The duty provided in the applicable subheading" (an exemption or exclusion heading)
  | 'no_change' // "No change"
  | 'total_pct' // "15%": the whole duty, replacing column 1
  | 'free' // "Free"
  | 'specific' // "2.2¢/kg", "$1.00/each"
  | 'compound' // "2.2¢/kg + 5%"
  | 'none' // no rate stated (the rate is on subordinate rows or in the notes)
  | 'unparsed';

export interface ParsedRate {
  kind: RateKind;
  /** Ad valorem percentage: the addition for plus_*, the total for total_pct/compound, 0 for base_only/no_change/free. */
  pct: number | null;
  /** The rate in a few words: "+25%", "+25% of non-US content", "applicable subheading", "No change", "15% total". */
  display: string;
  error: string | null;
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const SPECIFIC = String.raw`(?:\$\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s?¢)\s?\/\s?[\p{L}.\d ]+?`;

/** Parses the general-column rate of a Chapter 99 heading. */
export function parseRate(raw: string | null | undefined): ParsedRate {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  const ok = (kind: RateKind, pct: number | null, display: string): ParsedRate => ({ kind, pct, display, error: null });
  if (text === '') return ok('none', null, '');
  if (/^no change\.?$/i.test(text)) return ok('no_change', 0, 'No change');
  if (/^free\.?$/i.test(text)) return ok('free', 0, 'Free');
  const plus = new RegExp(
    String.raw`^the duty provided (?:for )?in ?the applicable subheading(?:s)?\s*(?:\+|plus)\s*(?:a duty of\s*)?${NUM}\s?%(.*)$`,
    'i',
  );
  const named = new RegExp(String.raw`^the duty provided in subheadings? [\d., or]+?\s*(?:\+|plus)\s*${NUM}\s?%$`, 'i');
  let m = plus.exec(text);
  if (m) {
    const pct = Number(m[1]);
    const rest = m[2]!.trim();
    if (rest === '' || rest === '.') return ok('plus_pct', pct, `+${pct}%`);
    const content = /^upon the value of the (non-u\.?s\.?|steel|aluminum|copper) content\.?$/i.exec(rest);
    if (content) {
      const what = /^non/i.test(content[1]!) ? 'non-US' : content[1]!.toLowerCase();
      return ok('plus_content_pct', pct, `+${pct}% of ${what} content`);
    }
    return { kind: 'unparsed', pct: null, display: text, error: `unrecognised text after "+${pct}%": "${rest}"` };
  }
  m = named.exec(text);
  if (m) return ok('plus_pct', Number(m[1]), `+${Number(m[1])}%`);
  if (/^the duty provided (?:for )?in ?the applicable subheading\.?$/i.test(text))
    return ok('base_only', 0, 'applicable subheading');
  m = new RegExp(String.raw`^${NUM}\s?%$`).exec(text);
  if (m) return ok('total_pct', Number(m[1]), `${Number(m[1])}% total`);
  if (new RegExp(String.raw`^${SPECIFIC}$`, 'u').test(text)) return ok('specific', null, text);
  m = new RegExp(String.raw`^${SPECIFIC}\s?\+\s?${NUM}\s?%$`, 'u').exec(text);
  if (m) return ok('compound', Number(m[1]), text);
  return { kind: 'unparsed', pct: null, display: text, error: `unrecognised rate expression "${text}"` };
}

/** Chapter 99 headings (9903.xx.xx) named in a text, in order of first appearance, without repeats. */
export function headingsIn(text: string): string[] {
  return [...new Set(text.match(/\b9903\.\d{2}\.\d{2}\b/g) ?? [])];
}

export interface RawFootnote {
  columns?: unknown;
  value?: unknown;
}

/** The Chapter 99 headings a row's footnotes on the general (column 1) rate name, sorted. */
export function footnoteHeadings(footnotes: unknown): string[] {
  if (!Array.isArray(footnotes)) return [];
  const out = new Set<string>();
  for (const f of footnotes as RawFootnote[]) {
    const cols = Array.isArray(f?.columns) ? (f.columns as unknown[]) : [];
    if (!cols.includes('general')) continue;
    if (typeof f.value === 'string') for (const h of headingsIn(f.value)) out.add(h);
  }
  return [...out].sort();
}

export interface HtsLine {
  /** As printed: "0101.21.00" (HTS8) or "0101.21.00.10" (HTS10 statistical line). */
  code: string;
  /** Number of digits: 4, 6, 8 or 10. */
  level: number;
  indent: number;
  description: string;
  general: string;
  units: string;
  /** Chapter 99 headings named by footnotes on the general rate, space-separated, sorted. */
  footnotes: string;
}

export interface HtsHeading {
  heading: string;
  description: string;
  general: string;
  rate: ParsedRate;
}

export interface ParseError {
  code: string;
  message: string;
}

export interface HtsRevisionRows {
  rows: number;
  lines: HtsLine[];
  headings: HtsHeading[];
  errors: ParseError[];
}

const CODE = /^\d{4}(?:\.\d{2}){0,3}$/;

/** Text without the export's inline markup (<i>, <il>, <sup>: it comes and goes between revisions) and runs of space. */
export function clean(value: unknown): string {
  return typeof value === 'string'
    ? value
        .replace(/<\/?[a-z]+[^>]*>/gi, '')
        .replace(/\s+/g, ' ')
        .trim()
    : '';
}

/** Reads the rows of one export. Rows without a number (indented sub-titles) carry no line and are skipped. */
export function readRevisionRows(json: unknown): HtsRevisionRows {
  if (!Array.isArray(json)) throw new Error('not an HTS export: expected a JSON list of rows with "htsno"');
  const lines: HtsLine[] = [];
  const headings: HtsHeading[] = [];
  const errors: ParseError[] = [];
  const seen = new Set<string>();
  for (const [i, r] of (json as Array<Record<string, unknown>>).entries()) {
    const code = typeof r?.htsno === 'string' ? r.htsno.trim() : '';
    if (code === '') continue;
    if (!CODE.test(code)) {
      errors.push({ code, message: `row ${i + 1}: unreadable HTS number "${code}"` });
      continue;
    }
    if (seen.has(code)) {
      errors.push({ code, message: `row ${i + 1}: ${code} appears again (the first row is kept)` });
      continue;
    }
    seen.add(code);
    const description = clean(r.description);
    const general = clean(r.general);
    if (code.startsWith('9903.')) {
      if (code.length !== 10) continue; // the 9903.xx sub-title rows
      const rate = parseRate(general);
      if (rate.error) errors.push({ code, message: rate.error });
      headings.push({ heading: code, description, general, rate });
      continue;
    }
    if (code.startsWith('99')) continue; // other Chapter 99 subchapters (temporary reductions, quotas)
    const units = Array.isArray(r.units) ? (r.units as unknown[]).filter((u) => typeof u === 'string').join(', ') : '';
    lines.push({
      code,
      level: code.replace(/\./g, '').length,
      indent: Number(r.indent ?? 0) || 0,
      description,
      general,
      units,
      footnotes: footnoteHeadings(r.footnotes).join(' '),
    });
  }
  return { rows: json.length, lines, headings, errors };
}

export interface HeadingReach {
  /** The text names China, Hong Kong or Macau. */
  china: boolean;
  /** ISO2 codes of the other countries the text names as origins. */
  named: string[];
  /** The text names no country: it reaches goods of every origin. */
  all: boolean;
}

/** Which origins a heading's text reaches: China/Hong Kong, named countries, or (naming none) all countries. */
export function headingReach(text: string, countries: ReadonlyMap<string, string>): HeadingReach {
  const china = /\b(China|Hong Kong|Macau)\b/.test(text);
  const named = new Set<string>();
  for (const [iso2, name] of countries) {
    if (iso2 === 'US' || iso2 === 'CN' || iso2 === 'HK' || iso2 === 'MO') continue;
    if (name.length >= 4 && text.includes(name)) named.add(iso2);
  }
  if (/\bEuropean Union\b/.test(text)) named.add('EU');
  // "articles the product of Cameroon or …": a country outside the shipped list is still a named origin
  for (const m of text.matchAll(/\bproducts? of (?:the )?([A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+)*)/g)) {
    const who = m[1]!;
    if (/^(China|Hong Kong|Macau|Chapter|Section|Subheading|Heading)\b/.test(who)) continue;
    if (![...named].some((iso2) => who.startsWith(countries.get(iso2) ?? '\u0000'))) named.add(`other:${who}`);
  }
  // column 2 countries (general note 3(b))
  if (/general note 3\(b\)/.test(text)) named.add('other:general note 3(b)');
  const anyCountry = /\b(?:products?|articles?|goods) (?:the product )?of (?:any|all) countr(?:y|ies)\b/i.test(text);
  return { china, named: [...named].sort(), all: !china && (anyCountry || named.size === 0) };
}

/** The heading's text says it no longer applies: a compiler's note "provision terminated/expired", or "through DATE". */
export function endDateIn(text: string): string | null {
  if (/\[Compiler's note: provision (?:terminated|expired|suspended)/i.test(text)) return '0000-00-00';
  const m =
    /\b(?:and )?through ([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(text) ??
    /entered for consumption[^.]*?before 12:01 a\.m\.[^.]*? on ([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(text);
  if (!m) return null;
  const d = isoDate(m[1]!);
  if (!d) return null;
  // "through" is inclusive: the heading ends the day after
  if (/through/.test(m[0])) {
    const next = new Date(`${d}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().slice(0, 10);
  }
  return d;
}

function isoDate(words: string): string | null {
  const m = /([A-Z][a-z]+) (\d{1,2}), (\d{4})/.exec(words);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  return month < 0 ? null : `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** Whether a heading reaches goods of an origin (ISO2). */
export function reaches(reach: HeadingReach, origin: string): boolean {
  if (origin === 'CN' || origin === 'HK' || origin === 'MO') return reach.china || reach.all;
  if (reach.all) return true;
  return reach.named.includes(origin);
}

/** "Effective with respect to entries on or after September 27, 2024" → 2024-09-27 (the heading's own start). */
export function startDateIn(text: string): string | null {
  const m = /on or after ([A-Z][a-z]+) (\d{1,2}), (\d{4})/.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  if (month < 0) return null;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
