// Restricted parties: one shape for every list, loaded from the shipped table (data/controls_parties.parquet) or
// from a user's newer download (--lists FILE|DIR): the trade.gov Consolidated Screening List as JSON or CSV,
// OpenSanctions FollowTheMoney JSON lines, OFAC's legacy sdn.csv (with add.csv, alt.csv beside it), or a table in
// the shipped layout (Parquet/CSV).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { queryRows, sqlString } from '../../datasets/duckdb.js';
import { UserInputError } from '../../util/errors.js';
import { tableOf } from '../../util/table.js';
import { parseCsv, parseCsvRecords } from '../io/csv-read.js';
import type { NameSchema } from '../names/normalize.js';
import { isLegacySdn, parseSdnLegacy } from './ofac-legacy.js';

export interface Identifier {
  type: string;
  value: string;
}

export interface Party {
  id: string;
  /** Short list id (bis-entity-list, ofac-sdn, …) or the source's own code (EL, SDN…). */
  list: string;
  schema: NameSchema;
  name: string;
  aliases: string[];
  /** ISO 3166 alpha-2, or '' when unknown. */
  country: string;
  addresses: string[];
  identifiers: Identifier[];
  programs: string[];
  citation: string;
  /** When the party was put on the list (YYYY-MM-DD), null when the source does not say. */
  date_added: string | null;
  notes: string;
}

export interface ListInfo {
  list: string;
  name: string;
  agency: string;
  snapshot: string;
  snapshot_date: string;
  source_url: string;
  affiliates_rule: boolean;
  entries: number;
}

export interface PartySet {
  parties: Party[];
  lists: ListInfo[];
  /** Where they came from (file or folder), for the answer's provenance. */
  source: string;
}

const SCHEMAS = new Set(['Person', 'Company', 'Organization', 'LegalEntity', 'Vessel']);
const schemaOf = (s: string | undefined): NameSchema => (s && SCHEMAS.has(s) ? (s as NameSchema) : 'Other');
const isoDate = (s: unknown): string | null => {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(s ?? ''));
  return m ? m[1]! : null;
};
const jsonArray = <T>(s: unknown): T[] => {
  if (Array.isArray(s)) return s as T[];
  if (typeof s !== 'string' || s === '') return [];
  try {
    const v = JSON.parse(s) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
};

/** The lists shipped in data/ (built by `npm run data:build`). */
export async function loadShippedParties(dataDir: string): Promise<PartySet> {
  const file = join(dataDir, 'controls_parties.parquet');
  if (!existsSync(file))
    throw new UserInputError(`${file} is missing: run \`npm run data:build\` or point --lists at a list download`);
  const rows = await queryRows<Record<string, string>>(`SELECT * FROM read_parquet(${sqlString(file)})`);
  const lists = await queryRows<ListInfo>(
    `SELECT * FROM read_parquet(${sqlString(join(dataDir, 'controls_lists.parquet'))}) ORDER BY list`,
  );
  return {
    parties: rows.map(fromShippedRow),
    lists: lists.map((l) => ({
      ...l,
      affiliates_rule: String(l.affiliates_rule) === 'true',
      entries: Number(l.entries),
    })),
    source: file,
  };
}

function fromShippedRow(r: Record<string, string>): Party {
  return {
    id: r.entry_id!,
    list: r.list!,
    schema: schemaOf(r.schema),
    name: r.name!,
    aliases: jsonArray<string>(r.aliases),
    country: r.country ?? '',
    addresses: r.addresses ? [r.addresses] : [],
    identifiers: jsonArray<Identifier>(r.identifiers),
    programs: r.programs ? r.programs.split(/\s+/).filter(Boolean) : [],
    citation: r.citation ?? '',
    date_added: isoDate(r.date_added),
    notes: r.notes ?? '',
  };
}

// ---- trade.gov Consolidated Screening List --------------------------------------------------------------------

/** "Entity List (EL) - Bureau of Industry and Security" → EL. */
export function cslSourceCode(source: string): string {
  const m = /\(([A-Z0-9]{2,6})\)/.exec(source);
  return m ? m[1]! : source.trim();
}

/** Keyed by the `type` of a user's list file: a Map (util/table.ts). */
const CSL_TYPES: ReadonlyMap<string, NameSchema> = tableOf({
  Entity: 'Company',
  Individual: 'Person',
  Vessel: 'Vessel',
  Aircraft: 'Other',
});

interface CslJsonEntry {
  id?: string;
  _id?: string;
  source?: string;
  entity_number?: string | number;
  type?: string;
  programs?: string[];
  name?: string;
  addresses?: Array<{ address?: string; city?: string; state?: string; postal_code?: string; country?: string }>;
  federal_register_notice?: string;
  start_date?: string;
  alt_names?: string[];
  nationalities?: string[];
  citizenships?: string[];
  ids?: Array<{ type?: string; number?: string; country?: string }>;
  remarks?: string;
}

function fromCslEntry(e: CslJsonEntry, k: number): Party {
  const addresses = (e.addresses ?? []).map((a) =>
    [a.address, a.city, a.state, a.postal_code, a.country].filter((x) => x && x !== '').join(', '),
  );
  const countries = [
    ...(e.addresses ?? []).map((a) => a.country ?? ''),
    ...(e.nationalities ?? []),
    ...(e.citizenships ?? []),
  ].filter((c) => /^[A-Z]{2}$/.test(c));
  return {
    id: `csl:${e.id ?? e._id ?? e.entity_number ?? k + 1}`,
    list: cslSourceCode(e.source ?? 'CSL'),
    schema: CSL_TYPES.get(e.type ?? '') ?? 'Other',
    name: (e.name ?? '').trim(),
    aliases: (e.alt_names ?? []).map((a) => a.trim()).filter(Boolean),
    country: countries[0] ?? '',
    addresses,
    identifiers: (e.ids ?? [])
      .filter((i) => i.number)
      .map((i) => ({ type: (i.type ?? 'id').toLowerCase(), value: String(i.number) })),
    programs: e.programs ?? [],
    citation: e.federal_register_notice ?? '',
    date_added: isoDate(e.start_date),
    notes: e.remarks ?? '',
  };
}

/** The CSL as the API serves it in JSON: `{results: [...]}` (search) or a bare array. */
export function parseCslJson(text: string, what = 'the CSL JSON file'): Party[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserInputError(`${what} is not valid JSON (${(err as Error).message}): give the CSL JSON download`);
  }
  const entries = Array.isArray(doc) ? doc : (doc as { results?: unknown }).results;
  if (!Array.isArray(entries))
    throw new UserInputError(`${what} has no "results" array: give the CSL JSON download (consolidated.json)`);
  return (entries as CslJsonEntry[]).filter((e) => e.name).map(fromCslEntry);
}

/** The CSL CSV: arrays are written joined with "; ", addresses as "street, city, state, postal, CC". */
export function parseCslCsv(text: string, what = 'the CSL CSV file'): Party[] {
  const rows = parseCsv(text, ['source', 'name'], what);
  const split = (s: string | undefined) =>
    (s ?? '')
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean);
  return rows
    .filter((r) => r.values.name)
    .map(({ values: v }, k) => {
      const addresses = split(v.addresses);
      const countries = [
        ...addresses.map((a) => a.split(',').pop()!.trim()),
        ...split(v.nationalities),
        ...split(v.citizenships),
      ];
      const ids = split(v.ids).map((s) => {
        const [type, value] = s.split(',').map((x) => x.trim());
        return value ? { type: (type ?? 'id').toLowerCase(), value } : { type: 'id', value: type ?? '' };
      });
      return {
        id: `csl:${v._id || v.entity_number || k + 1}`,
        list: cslSourceCode(v.source ?? 'CSL'),
        schema: CSL_TYPES.get(v.type ?? '') ?? 'Other',
        name: v.name!,
        aliases: split(v.alt_names),
        country: countries.find((c) => /^[A-Z]{2}$/.test(c)) ?? '',
        addresses,
        identifiers: ids.filter((i) => i.value),
        programs: split(v.programs),
        citation: v.federal_register_notice ?? '',
        date_added: isoDate(v.start_date),
        notes: v.remarks ?? '',
      };
    });
}

// ---- a user's own list -----------------------------------------------------------------------------------------

/**
 * A list a user keeps (e.g. China's Unreliable Entity List, which tradewar does not ship): columns name, list,
 * country, date_added, source; optional schema and aliases ("; "-separated). Every row is checked: a bad date or
 * country code stops with the line to fix.
 */
export function parseUserListCsv(text: string, what = 'the list file'): Party[] {
  const rows = parseCsv(text, ['name', 'list'], what);
  return rows.map(({ line, values: v }) => {
    const at = `${what} line ${line}`;
    if (!v.name) throw new UserInputError(`${at}: the name is empty: give the listed party's name`, 'lists');
    if (!v.list) throw new UserInputError(`${at}: the list is empty: name the list (e.g. cn-uel)`, 'lists');
    const country = (v.country ?? '').toUpperCase();
    if (country && !/^[A-Z]{2}$/.test(country))
      throw new UserInputError(`${at}: country "${v.country}" is not a two-letter ISO code (e.g. US)`, 'lists');
    const date = v.date_added ?? '';
    if (date && !(/^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(date))))
      throw new UserInputError(`${at}: date_added "${date}" is not a date YYYY-MM-DD (e.g. 2025-02-04)`, 'lists');
    return {
      id: `${v.list}:${line - 1}`,
      list: v.list,
      schema: v.schema ? schemaOf(v.schema) : 'Other',
      name: v.name,
      aliases: (v.aliases ?? '')
        .split(';')
        .map((a) => a.trim())
        .filter(Boolean),
      country,
      addresses: [],
      identifiers: [],
      programs: [],
      citation: v.source ?? '',
      date_added: date || null,
      notes: '',
    };
  });
}

// ---- OpenSanctions FollowTheMoney ------------------------------------------------------------------------------

const FTM_IDS = [
  'registrationNumber',
  'taxNumber',
  'innCode',
  'ogrnCode',
  'leiCode',
  'swiftBic',
  'imoNumber',
  'idNumber',
  'passportNumber',
  'uniqueEntityId',
];

/** OpenSanctions entities, one FollowTheMoney JSON object a line; only Thing entities with a name are kept. */
export function parseFtmJsonl(text: string, what = 'the FollowTheMoney file'): Party[] {
  const out: Party[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let e: {
      id?: string;
      schema?: string;
      properties?: Record<string, string[]>;
      datasets?: string[];
      first_seen?: string;
    };
    try {
      e = JSON.parse(line);
    } catch {
      throw new UserInputError(`${what} line ${i + 1} is not JSON: give FollowTheMoney JSON lines (entities.ftm.json)`);
    }
    const p = e.properties ?? {};
    const names = p.name ?? [];
    if (
      !names.length ||
      !e.schema ||
      [
        'Address',
        'Ownership',
        'Sanction',
        'Identification',
        'Family',
        'Associate',
        'Directorship',
        'Membership',
        'Occupancy',
        'Position',
      ].includes(e.schema)
    )
      return;
    out.push({
      id: `ftm:${e.id ?? i + 1}`,
      list: (e.datasets ?? ['opensanctions'])[0]!,
      schema: schemaOf(e.schema === 'Organization' ? 'Organization' : e.schema),
      name: names[0]!,
      aliases: [...names.slice(1), ...(p.alias ?? []), ...(p.previousName ?? []), ...(p.weakAlias ?? [])],
      country: ((p.country ?? p.jurisdiction ?? p.nationality ?? [])[0] ?? '').toUpperCase().slice(0, 2),
      addresses: p.address ?? [],
      identifiers: FTM_IDS.flatMap((k) => (p[k] ?? []).map((value) => ({ type: k, value }))),
      programs: p.program ?? p.topics ?? [],
      citation: (p.sourceUrl ?? [])[0] ?? '',
      date_added: isoDate((p.createdAt ?? [])[0] ?? e.first_seen),
      notes: (p.notes ?? []).join(' '),
    });
  });
  return out;
}

// ---- --lists FILE|DIR ----------------------------------------------------------------------------------------------

async function partiesFromFile(file: string): Promise<Party[]> {
  const name = basename(file).toLowerCase();
  const ext = extname(name);
  if (ext === '.parquet') {
    const rows = await queryRows<Record<string, string>>(`SELECT * FROM read_parquet(${sqlString(file)})`);
    return rows.map(fromShippedRow);
  }
  const text = readFileSync(file, 'utf8');
  if (name.endsWith('.jsonl') || name.endsWith('.ftm.json') || name.endsWith('.ndjson'))
    return parseFtmJsonl(text, file);
  if (ext === '.json') {
    // one FtM entity per line also ends in .json: tell it from the CSL by its first character
    const first = text.trimStart()[0];
    if (first === '{' && text.trimStart().split('\n', 2).length > 1 && !text.includes('"results"'))
      return parseFtmJsonl(text, file);
    return parseCslJson(text, file);
  }
  if (ext === '.csv') {
    // OFAC's legacy sdn.csv, with add.csv, alt.csv and sdn_comments.csv from the same folder when there
    if (isLegacySdn(text)) {
      const beside = (f: string) => {
        const p = join(dirname(file), f);
        return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
      };
      return parseSdnLegacy({
        sdn: text,
        add: beside('add.csv'),
        alt: beside('alt.csv'),
        comments: beside('sdn_comments.csv'),
      });
    }
    const head = text.slice(0, 400).toLowerCase();
    if (head.includes('entry_id') && head.includes('date_added'))
      return parseCsv(text, ['entry_id', 'name'], file).map((r) => fromShippedRow(r.values));
    const header = (parseCsvRecords(text.slice(0, 2000))[0] ?? []).map((h) => h.trim().toLowerCase());
    if (header.includes('name') && header.includes('list')) return parseUserListCsv(text, file);
    return parseCslCsv(text, file);
  }
  throw new UserInputError(
    `cannot read ${file}: --lists takes a CSL download (.json/.csv), FollowTheMoney JSON lines (.jsonl/.ftm.json), OFAC's legacy sdn.csv, a CSV of your own list (name, list, country, date_added, source) or a .parquet table`,
    'lists',
  );
}

const LEGACY_SDN_COMPANIONS = new Set(['add.csv', 'alt.csv', 'sdn_comments.csv']);

/** A user's list download: one file, or every readable file of a folder. */
export async function loadPartiesFrom(path: string): Promise<PartySet> {
  if (!existsSync(path))
    throw new UserInputError(`--lists ${path} does not exist: give a list file or a folder`, 'lists');
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => /\.(json|jsonl|ndjson|csv|parquet)$/i.test(f))
        // the legacy SDN's companion files are read with its sdn.csv
        .filter((f, _, all) => !(all.includes('sdn.csv') && LEGACY_SDN_COMPANIONS.has(f.toLowerCase())))
        .sort()
        .map((f) => join(path, f))
    : [path];
  if (files.length === 0)
    throw new UserInputError(`--lists ${path} holds no .json, .jsonl, .csv or .parquet file`, 'lists');
  const parties = (await Promise.all(files.map(partiesFromFile))).flat();
  if (parties.length === 0) throw new UserInputError(`--lists ${path}: no party with a name was found`, 'lists');
  const counts = new Map<string, number>();
  for (const p of parties) counts.set(p.list, (counts.get(p.list) ?? 0) + 1);
  const lists: ListInfo[] = [...counts.entries()].sort().map(([list, entries]) => ({
    list,
    name: list,
    agency: '',
    snapshot: `user file ${basename(path)}`,
    snapshot_date: '',
    source_url: '',
    affiliates_rule: ['EL', 'MEU', 'SDN', 'bis-entity-list', 'bis-meu', 'ofac-sdn'].includes(list),
    entries,
  }));
  return { parties, lists, source: path };
}
