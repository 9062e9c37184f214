// Product search over both tariff schedules: a code prefix ("8517", "8517.13") or words of the descriptions,
// through a full-text index (MiniSearch, BM25 ranking) built once. Queries are bounded (length, word count)
// and answers are cached by the normalised query, so no request can make the search scan everything.
import MiniSearch, { type Query } from 'minisearch';
import type { Datasets } from '../datasets/datasets.js';
import type { ProductHit } from '../contract/answers.js';
import { UserInputError } from '../util/errors.js';
import { ALTERNATIVES, termsOf, words } from './terms.js';

export const MAX_QUERY_CHARS = 100;
export const MAX_QUERY_WORDS = 10;
const CACHE_ENTRIES = 1000;

interface Doc {
  id: number;
  description: string;
}

interface Entry extends ProductHit {
  /** Current national line (not a legacy code kept for old lists). */
  current: boolean;
}

/** A search, normalised: what the cache is keyed on. */
export interface NormalisedQuery {
  kind: 'code' | 'words';
  /** Digits of a code query, or the words of a word query (lower case, in order). */
  text: string;
  words: string[];
}

/** Checks and normalises a query; throws a UserInputError naming the bound it breaks. */
export function normaliseQuery(raw: string, field = 'q'): NormalisedQuery {
  const text = raw.trim();
  if (text.length > MAX_QUERY_CHARS)
    throw new UserInputError(
      `${field} is ${text.length} characters long: use at most ${MAX_QUERY_CHARS} (a code or a few words)`,
      field,
    );
  if (/^[\d.\s-]+$/.test(text) && /\d/.test(text)) {
    const digits = text.replace(/[.\s-]/g, '');
    return { kind: 'code', text: digits, words: [digits] };
  }
  const ws = words(text);
  if (ws.length > MAX_QUERY_WORDS)
    throw new UserInputError(
      `${field} has ${ws.length} words: use at most ${MAX_QUERY_WORDS} (e.g. "soya beans", "smartphones")`,
      field,
    );
  return { kind: 'words', text: ws.join(' '), words: ws };
}

export class ProductIndex {
  private readonly entries: Entry[] = [];
  /** Per importer, entries sorted by code (for code prefixes). */
  private readonly byCode = new Map<string, Entry[]>();
  private readonly index: MiniSearch<Doc>;
  private readonly cache = new Map<string, ProductHit[]>();

  /** `progress` hears (documents indexed, total) while the index is built (a second or two for both schedules). */
  constructor(
    data: Datasets,
    importers: readonly string[] = ['US', 'CN'],
    progress?: (done: number, total: number) => void,
  ) {
    for (const importer of importers) {
      const list: Entry[] = [];
      for (const p of data.products.get(importer)?.values() ?? [])
        list.push({
          importer,
          code: p.code,
          level: p.level,
          description: p.description ?? '',
          current: p.vintage !== 'legacy',
        });
      list.sort((a, b) => a.code.localeCompare(b.code));
      this.byCode.set(importer, list);
      this.entries.push(...list);
    }
    this.index = new MiniSearch<Doc>({
      fields: ['description'],
      tokenize: (text) => words(text),
      processTerm: (term) => termsOf(term),
    });
    const docs = this.entries.map((e, id) => ({ id, description: e.description }));
    for (let i = 0; i < docs.length; i += 4000) {
      this.index.addAll(docs.slice(i, i + 4000));
      progress?.(Math.min(i + 4000, docs.length), docs.length);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Hits for `q` (a code prefix or words), best first; `importer` limits to one schedule. */
  search(q: string, importer?: string, limit = 50): ProductHit[] {
    const nq = normaliseQuery(q);
    if (!nq.text) return [];
    const key = `${importer ?? '*'}|${limit}|${nq.kind}|${nq.text}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const answer = nq.kind === 'code' ? this.byCodePrefix(nq.text, importer, limit) : this.byWords(nq, importer, limit);
    this.cache.set(key, answer);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return answer;
  }

  private byCodePrefix(digits: string, importer: string | undefined, limit: number): ProductHit[] {
    const hits: Entry[] = [];
    for (const [imp, list] of this.byCode) {
      if (importer && imp !== importer) continue;
      // binary search for the first code ≥ the prefix, then walk while it matches
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]!.code < digits) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < list.length && list[i]!.code.startsWith(digits); i++) hits.push(list[i]!);
    }
    // the code itself first, then national lines (level 10), then shorter headings, each in code order
    hits.sort(
      (a, b) =>
        Number(b.code === digits) - Number(a.code === digits) ||
        Number(b.current) - Number(a.current) ||
        Number(b.level === 10) - Number(a.level === 10) ||
        a.code.localeCompare(b.code) ||
        a.importer.localeCompare(b.importer),
    );
    return hits.slice(0, limit).map(strip);
  }

  private byWords(nq: NormalisedQuery, importer: string | undefined, limit: number): ProductHit[] {
    const last = nq.words.length - 1;
    // every word must match (AND); a word matches itself, its stem, a longer word when it is the last one typed
    // (prefix), a close spelling when long, or an everyday alternative the schedules do not use
    const perWord: Query[] = nq.words.flatMap((w, i): Query[] => {
      if (termsOf(w).length === 0) return []; // stop word
      const own: Query = { queries: [w], prefix: i === last && w.length >= 3, fuzzy: w.length >= 6 ? 0.2 : false };
      const alternatives = (ALTERNATIVES.get(w) ?? []).map((alt): Query => ({
        combineWith: 'AND',
        queries: [alt.join(' ')],
      }));
      return [alternatives.length ? { combineWith: 'OR', queries: [own, ...alternatives] } : own];
    });
    if (perWord.length === 0) return [];
    const results = this.index.search(
      { combineWith: 'AND', queries: perWord },
      {
        filter: importer ? (r) => this.entries[r.id as number]!.importer === importer : undefined,
        boostDocument: (id) => {
          const e = this.entries[id as number]!;
          return (e.current ? 1 : 0.7) * (e.level === 10 ? 1.15 : 1);
        },
      },
    );
    return results.slice(0, limit).map((r) => strip(this.entries[r.id as number]!));
  }
}

const strip = ({ current: _current, ...hit }: Entry): ProductHit => hit;
