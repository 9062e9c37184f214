// OFAC's legacy SDN download: sdn.csv (no header: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
// Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks; "-0-" for empty), and beside it, when present, add.csv
// (ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks), alt.csv (ent_num, alt_num,
// alt_type, alt_name, alt_remarks) and sdn_comments.csv (ent_num, remarks continued). One Party per entry, with
// its addresses and alternate names attached, identifiers and nationality read from the remarks, and the date it
// was listed when the remarks give one ("Listing Date (EO 14024 Directive 2): 24 Feb 2022"). Used by the data
// build (scripts/data-build/controls-lists.ts) and by --lists for a newer download.
import { parseCsvRecords } from '../io/csv-read.js';
import type { Identifier, Party } from './parties.js';
import { MONTH_NUMBERS as MONTHS } from '../../util/dates.js';

export const COUNTRY_ALIASES: Record<string, string> = {
  russia: 'RU',
  iran: 'IR',
  'hong kong': 'HK',
  taiwan: 'TW',
  'korea, north': 'KP',
  'north korea': 'KP',
  'korea, south': 'KR',
  'south korea': 'KR',
  burma: 'MM',
  myanmar: 'MM',
  syria: 'SY',
  uae: 'AE',
  'united arab emirates': 'AE',
  turkey: 'TR',
  turkiye: 'TR',
  'czech republic': 'CZ',
  macau: 'MO',
  macao: 'MO',
  'united kingdom': 'GB',
  'great britain': 'GB',
  england: 'GB',
  vietnam: 'VN',
  'viet nam': 'VN',
  laos: 'LA',
  'the netherlands': 'NL',
  netherlands: 'NL',
  'cote d ivoire': 'CI',
  "cote d'ivoire": 'CI',
  'ivory coast': 'CI',
  'west bank': 'PS',
  gaza: 'PS',
  palestine: 'PS',
  'democratic republic of the congo': 'CD',
  'congo, democratic republic of the': 'CD',
  'republic of the congo': 'CG',
  'bosnia and herzegovina': 'BA',
  'united states': 'US',
  usa: 'US',
  palestinian: 'PS',
  'crimea region of ukraine': 'UA',
  'north macedonia, the republic of': 'MK',
  'trinidad and tobago': 'TT',
  'cabo verde': 'CV',
  'the gambia': 'GM',
  'saint kitts and nevis': 'KN',
};

/** Country names (English, as Intl knows them, and the lists' own spellings) → ISO alpha-2. */
export function countryIndex(): Map<string, string> {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const m = new Map<string, string>();
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) m.set(name.toLowerCase(), code);
    }
  for (const [k, v] of Object.entries(COUNTRY_ALIASES)) m.set(k, v);
  return m;
}
const ID_PATTERNS: Array<[string, RegExp]> = [
  ['uscc', /(?:Unified Social Credit Code \(USCC\)|USCC:?)\s*([0-9A-Z]{18})/g],
  ['registration', /Registration (?:ID|Number)\s+([0-9A-Z-]{5,})/g],
  ['tax_id', /Tax ID No\.\s+([0-9A-Z-]{5,})/g],
  ['passport', /Passport\s+([0-9A-Z]{5,})/g],
  ['national_id', /National ID No\.\s+([0-9A-Z-]{5,})/g],
  ['imo', /IMO\s+(\d{7})/g],
  ['swift_bic', /SWIFT\/BIC\s+([A-Z0-9]{8,11})/g],
  ['lei', /LEI\s+([A-Z0-9]{20})/g],
];

/** Identifiers written in a remark or note (USCC, registration, tax, passport, IMO, SWIFT/BIC, LEI). */
export function identifiersIn(text: string | null): Identifier[] {
  if (!text) return [];
  const out: Identifier[] = [];
  for (const [type, re] of ID_PATTERNS) for (const m of text.matchAll(re)) out.push({ type, value: m[1]! });
  return out;
}

export interface SdnRemarks {
  aliases: string[];
  /** The nationality or citizenship as written ('' when none). */
  nationality: string;
  /** The earliest listing date the remarks give (YYYY-MM-DD), null when none. */
  listed: string | null;
  /** What the date is, as the remarks say it ("Listing Date (EO 14024 Directive 2)"). */
  listedAs: string;
}

/** Aliases, nationality and listing date from an SDN entry's remarks. */
export function sdnRemarks(remarks: string): SdnRemarks {
  const aliases = [...remarks.matchAll(/[afn]\.k\.a\.,? '([^']+)'/g)].map((m) => m[1]!.trim());
  const nat = /(?:nationality|Nationality|citizen)\s+([A-Z][A-Za-z ,.'-]+?)(?:;|\.|$)/.exec(remarks);
  let listed: string | null = null;
  let listedAs = '';
  for (const m of remarks.matchAll(/(Listing Date(?: \([^)]*\))?):\s*(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})/g)) {
    const month = MONTHS.get(m[3]!.toLowerCase());
    if (!month) continue;
    const iso = `${m[4]}-${month}-${m[2]!.padStart(2, '0')}`;
    if (listed === null || iso < listed) {
      listed = iso;
      listedAs = m[1]!;
    }
  }
  return { aliases, nationality: nat ? nat[1]!.trim() : '', listed, listedAs };
}

export interface LegacySdnFiles {
  /** The text of each file (sdn.csv is required; the others are attached when given). */
  sdn: string;
  add?: string;
  alt?: string;
  comments?: string;
}

const value = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return t === '-0-' ? '' : t;
};

function byEntry(text: string | undefined): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  if (!text) return out;
  for (const r of parseCsvRecords(text)) {
    const ent = value(r[0]);
    if (!/^\d+$/.test(ent)) continue;
    let l = out.get(ent);
    if (!l) out.set(ent, (l = []));
    l.push(r.map(value));
  }
  return out;
}

/** Whether a text looks like OFAC's legacy sdn.csv: no header, a numeric ent_num and 12 columns. */
export function isLegacySdn(text: string): boolean {
  const first = parseCsvRecords(text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? '')[0] ?? [];
  return first.length === 12 && /^\d+$/.test(value(first[0]));
}

export function parseSdnLegacy(files: LegacySdnFiles, countries = countryIndex()): Party[] {
  const addresses = byEntry(files.add);
  const alts = byEntry(files.alt);
  const comments = byEntry(files.comments);
  const out: Party[] = [];
  for (const r of parseCsvRecords(files.sdn)) {
    const v = r.map(value);
    const [ent, name, type, program] = v;
    if (!ent || !/^\d+$/.test(ent) || !name) continue;
    const remarks = [v[11] ?? '', ...(comments.get(ent) ?? []).map((c) => c[1] ?? '')].filter(Boolean).join(' ');
    const rm = sdnRemarks(remarks);
    const places = (addresses.get(ent) ?? []).map(([, , street, city, country]) => ({
      text: [street, city, country].filter(Boolean).join(', '),
      country: country ?? '',
    }));
    const altNames = (alts.get(ent) ?? []).map((a) => a[3] ?? '').filter(Boolean);
    const country =
      (rm.nationality ? countries.get(rm.nationality.toLowerCase()) : undefined) ??
      places.map((p) => countries.get(p.country.toLowerCase())).find(Boolean) ??
      '';
    out.push({
      id: `ofac-sdn:${ent}`,
      list: 'ofac-sdn',
      schema:
        type === 'individual' ? 'Person' : type === 'vessel' ? 'Vessel' : type === 'aircraft' ? 'Other' : 'Company',
      name,
      aliases: [...new Set([...rm.aliases, ...altNames])],
      country,
      addresses: places.map((p) => p.text).filter(Boolean),
      identifiers: identifiersIn(remarks),
      programs: (program ?? '').replace(/[[\]]/g, ' ').split(/\s+/).filter(Boolean),
      citation: rm.listed ? `OFAC SDN remarks: ${rm.listedAs}` : '',
      date_added: rm.listed,
      notes: remarks,
    });
  }
  return out;
}
