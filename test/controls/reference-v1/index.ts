// The screening index: every name and alias of every party, normalised once, with blocking keys (word prefixes
// and suffixes, the joined letters' start, Han/Hangul characters, identifiers) so that a query is compared in full
// only with the few dozen names that share a key with it.
import { normalizeName, type NameForm } from './normalize.js';
import type { Party } from '../../../src/controls/lists/parties.js';

export interface IndexedName {
  party: number;
  name: string;
  form: NameForm;
  alias: boolean;
}

/** Keys shared by more names than this say little (a common word's prefix) and are skipped at query time. */
const MAX_POSTING = 250;
/** Names compared in full per query. */
export const CANDIDATES_PER_QUERY = 16;

export function blockingKeys(form: NameForm): string[] {
  const keys = new Set<string>();
  for (const t of form.tokens) {
    if (t.length <= 3) {
      keys.add(`w:${t}`);
      continue;
    }
    keys.add(`p:${t.slice(0, 3)}`);
    keys.add(`s:${t.slice(-3)}`);
  }
  if (form.joined.length >= 4) keys.add(`j:${form.joined.slice(0, 4)}`);
  for (const ch of form.native) keys.add(`n:${ch}`);
  return [...keys];
}

export const normalizeId = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, '');

export class ScreeningIndex {
  readonly names: IndexedName[] = [];
  private readonly postings = new Map<string, number[]>();
  /** Word count of each name (a tie-breaker among candidates), kept flat for speed. */
  private readonly wordCounts: Uint8Array;
  private readonly ids = new Map<string, number[]>();
  private scratch = new Float64Array(0);
  /** Names by their order-insensitive comparable form: an exact match is always a candidate. */
  private readonly exact = new Map<string, number[]>();

  constructor(readonly parties: Party[]) {
    this.indexParties(parties);
    this.wordCounts = Uint8Array.from(this.names, (n) => Math.min(255, n.form.tokens.length));
  }

  private indexParties(parties: Party[]): void {
    parties.forEach((p, pi) => {
      const seen = new Set<string>();
      [p.name, ...p.aliases].forEach((name, k) => {
        if (!name || seen.has(name)) return;
        seen.add(name);
        const form = normalizeName(name, p.schema);
        if (form.tokens.length === 0 && form.native === '') return;
        const ni = this.names.length;
        this.names.push({ party: pi, name, form, alias: k > 0 });
        let same = this.exact.get(form.comparable);
        if (!same) this.exact.set(form.comparable, (same = []));
        same.push(ni);
        for (const key of blockingKeys(form)) {
          let list = this.postings.get(key);
          if (!list) this.postings.set(key, (list = []));
          list.push(ni);
        }
      });
      for (const id of p.identifiers) {
        const v = normalizeId(id.value);
        if (v.length < 5) continue;
        let list = this.ids.get(v);
        if (!list) this.ids.set(v, (list = []));
        list.push(pi);
      }
    });
  }

  /** Names worth comparing with the query: those sharing the most (and rarest) keys. */
  candidates(form: NameForm, limit = CANDIDATES_PER_QUERY): number[] {
    if (this.scratch.length !== this.names.length) this.scratch = new Float64Array(this.names.length);
    const score = this.scratch;
    const touched: number[] = [];
    for (const key of blockingKeys(form)) {
      const list = this.postings.get(key);
      if (!list || list.length > MAX_POSTING) continue;
      const w = 1 / Math.log2(2 + list.length);
      for (let k = 0; k < list.length; k++) {
        const ni = list[k]!;
        if (score[ni] === 0) touched.push(ni);
        score[ni] += w;
      }
    }
    // names of about the same length rank first among equals
    for (const ni of touched) score[ni] += 0.01 / (1 + Math.abs(this.wordCounts[ni]! - form.tokens.length));
    let out = touched;
    if (touched.length > limit) {
      // keep the best `limit` (ties: first seen) with a small sorted buffer instead of sorting every touched name
      const top: number[] = [];
      for (const ni of touched) {
        const v = score[ni]!;
        if (top.length === limit && v <= score[top[limit - 1]!]!) continue;
        let k = top.length === limit ? limit - 1 : top.length;
        while (k > 0 && score[top[k - 1]!]! < v) {
          top[k] = top[k - 1]!;
          k--;
        }
        top[k] = ni;
      }
      out = top;
    }
    for (const ni of touched) score[ni] = 0;
    const same = this.exact.get(form.comparable);
    if (same) for (const ni of same) if (!out.includes(ni)) out.push(ni);
    return out;
  }

  /** Parties holding this identifier. */
  byIdentifier(value: string): number[] {
    return this.ids.get(normalizeId(value)) ?? [];
  }
}
