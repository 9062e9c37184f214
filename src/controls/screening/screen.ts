// Screens one party (name, optional country, identifiers, schema) against every list: candidates from the index,
// names compared with the chosen algorithm, then qualifiers — an identifier in common counts heavily, a country
// that differs lowers the score, an entry added after the screening date is set apart. Every hit explains itself.
import { ALGORITHMS, DEFAULT_ALGORITHM, type Feature, type NameAlgorithm } from '../names/algorithms.js';
import { normalizeName, type NameSchema } from '../names/normalize.js';
import type { Party } from '../lists/parties.js';
import { normalizeId, personClass, type ScreeningIndex } from './index.js';
import { UserInputError } from '../../util/errors.js';
import { plainDecimal } from '../../util/numbers.js';

export interface ScreenQuery {
  name: string;
  country?: string;
  schema?: NameSchema;
  identifiers?: string[];
  address?: string;
  /** Screening date: entries added later are reported as not yet listed. */
  date?: string;
}

export interface ScreenOptions {
  algorithm?: string;
  threshold?: number | string;
  /** Most hits returned. */
  limit?: number;
}

export interface ScreenHit {
  party_id: string;
  list: string;
  name: string;
  matched_name: string;
  schema: string;
  country: string;
  score: number;
  /** Whether the entry was on its list at the screening date (null when the list does not say when it was added). */
  listed_on_date: boolean | null;
  date_added: string | null;
  citation: string;
  programs: string[];
  addresses: string[];
  features: Feature[];
}

export interface ScreenAnswer {
  query: ScreenQuery;
  algorithm: string;
  threshold: number;
  hits: ScreenHit[];
}

/** A shared identifier (registration, tax, USCC, IMO…) is near-conclusive. */
const IDENTIFIER_SCORE = 0.95;
const COUNTRY_MISMATCH = -0.1;
const COUNTRY_MATCH = 0.02;
const ADDRESS_OVERLAP = 0.05;
/** Keeps the early cut-off of name comparisons clear of the rounding of scores to 4 decimals. */
const FLOOR_MARGIN = 0.001;

export function algorithmOf(id: string | undefined): NameAlgorithm {
  const a = ALGORITHMS.get(id ?? DEFAULT_ALGORITHM);
  if (!a)
    throw new UserInputError(
      `unknown algorithm "${id}": choose one of ${[...ALGORITHMS.keys()].join(', ')}`,
      'algorithm',
    );
  return a;
}

export function parseThreshold(value: string | number | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const t = plainDecimal(value);
  if (t === undefined || t < 0 || t > 1)
    throw new UserInputError(`threshold "${value}" is not a number between 0 and 1 (e.g. 0.7)`, 'threshold');
  return t;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function addressWords(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4),
  );
}

export function screenParty(index: ScreeningIndex, query: ScreenQuery, opts: ScreenOptions = {}): ScreenAnswer {
  const algorithm = algorithmOf(opts.algorithm);
  const threshold = parseThreshold(opts.threshold, algorithm.threshold);
  const name = (query.name ?? '').trim();
  if (name === '' && !(query.identifiers ?? []).length)
    throw new UserInputError('missing name: give the party name to screen (or an identifier)', 'name');
  const schema = query.schema ?? 'Other';
  const q = normalizeName(name, schema === 'Other' ? 'Company' : schema);
  const ids = (query.identifiers ?? []).map((v) => v.trim()).filter(Boolean);
  const country = query.country?.trim().toUpperCase();
  // A name scoring below this cannot become a hit even with every qualifier in its favour (a margin for the
  // rounding to 4 decimals); with identifiers, every name score is exact (it shapes the identifier's contribution).
  const floor = ids.length
    ? 0
    : threshold - (country ? COUNTRY_MATCH : 0) - (query.address ? ADDRESS_OVERLAP : 0) - FLOOR_MARGIN;
  // per party: its best name score (the fast score only; the hits are explained below) and identifiers in common
  const best = new Map<number, Best>();
  const wanted = personClass(schema);
  const packed = algorithm.scorePacked ? index.packed.query(q) : null;
  if (name !== '')
    for (const ni of index.candidates(q)) {
      // a person is not compared with a company (a party of no stated schema with either)
      const person = index.personOf[ni]!;
      if (wanted !== 0 && person !== 0 && person !== wanted) continue;
      const score = packed
        ? algorithm.scorePacked!(index.packed, packed, ni, floor)
        : algorithm.score(q, index.forms[ni]!, floor);
      const pi = index.partyOf[ni]!;
      const prev = best.get(pi);
      if (!prev) best.set(pi, { score, ni, byName: true, identifiers: [] });
      else if (score > prev.score) {
        prev.score = score;
        prev.ni = ni;
      }
    }
  for (const id of ids)
    for (const pi of index.byIdentifier(id)) {
      const prev = best.get(pi);
      const feature: Feature = {
        feature: 'identifier',
        value: 1,
        weight: IDENTIFIER_SCORE,
        contribution: IDENTIFIER_SCORE,
        detail: normalizeId(id),
      };
      if (!prev) {
        const ni = index.names.findIndex((n) => n.party === pi);
        best.set(pi, { score: IDENTIFIER_SCORE, ni, byName: false, identifiers: [feature] });
      } else {
        prev.identifiers.push({ ...feature, contribution: r4(Math.max(0, IDENTIFIER_SCORE - prev.score)) });
        prev.score = Math.max(prev.score, IDENTIFIER_SCORE);
      }
    }
  const qAddress = query.address ? addressWords(query.address) : null;
  const hits: ScreenHit[] = [];
  for (const [pi, b] of best) {
    const party: Party = index.parties[pi]!;
    let score = b.score;
    const features: Feature[] = [];
    if (country && party.country) {
      const delta = party.country === country ? COUNTRY_MATCH : COUNTRY_MISMATCH;
      features.push({
        feature: party.country === country ? 'country_match' : 'country_mismatch',
        value: 1,
        weight: delta,
        contribution: delta,
        detail: `${country} vs ${party.country}`,
      });
      score += delta;
    }
    if (qAddress && party.addresses.length) {
      const words = addressWords(party.addresses.join(' '));
      const common = [...qAddress].filter((w) => words.has(w));
      if (common.length >= 2) {
        features.push({
          feature: 'address_overlap',
          value: r4(common.length / qAddress.size),
          weight: ADDRESS_OVERLAP,
          contribution: ADDRESS_OVERLAP,
          detail: common.slice(0, 6).join(' '),
        });
        score += ADDRESS_OVERLAP;
      }
    }
    score = r4(Math.min(1, Math.max(0, score)));
    if (score < threshold) continue;
    // explain the hit in full (the candidate pass only scored): the name's features, identifiers, qualifiers
    const explained = b.byName ? algorithm.compare(q, index.names[b.ni]!.form, true).features : [];
    features.unshift(...explained, ...b.identifiers);
    const listed = query.date && party.date_added ? party.date_added <= query.date : null;
    hits.push({
      party_id: party.id,
      list: party.list,
      name: party.name,
      matched_name: b.ni >= 0 ? index.names[b.ni]!.name : party.name,
      schema: party.schema,
      country: party.country,
      score,
      listed_on_date: listed,
      date_added: party.date_added,
      citation: party.citation,
      programs: party.programs,
      addresses: party.addresses,
      features,
    });
  }
  // among equal scores, the entry spelt exactly as the query (letters and digits) comes first
  const asQuery = spelt(name);
  const ranked = hits.map((hit) => ({ hit, other: spelt(hit.matched_name) === asQuery ? 0 : 1 }));
  ranked.sort(byRank);
  return {
    query: { ...query, name },
    algorithm: algorithm.id,
    threshold,
    hits: ranked.slice(0, opts.limit ?? 25).map((r) => r.hit),
  };
}

interface Best {
  score: number;
  ni: number;
  /** Whether a name of the party was compared (else only an identifier found it). */
  byName: boolean;
  identifiers: Feature[];
}

const spelt = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function byRank(a: { hit: ScreenHit; other: number }, b: { hit: ScreenHit; other: number }): number {
  return b.hit.score - a.hit.score || a.other - b.other || a.hit.party_id.localeCompare(b.hit.party_id);
}
