// The screening index: every name and alias of every party, normalised once, with blocking keys (word prefixes
// and suffixes, the joined letters' start, Han/Hangul characters, identifiers) so that a query is compared in full
// only with the few dozen names that share a key with it.
import { normalizeName, type NameForm } from '../names/normalize.js';
import type { Party } from '../lists/parties.js';
import { PackedNames } from '../names/packed.js';

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

/** 1 for a person, 2 for any other stated schema, 0 for none (such a party is compared with every query). */
export function personClass(schema: string): number {
  return schema === 'Other' ? 0 : schema === 'Person' ? 1 : 2;
}

function grow(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
}

export const normalizeId = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, '');

export class ScreeningIndex {
  readonly names: IndexedName[] = [];
  private readonly postings = new Map<string, number[]>();
  /** The postings packed: a key's number, its names at keyStart..keyStart+keyLength in `posted`, its weight. */
  private readonly keyOf = new Map<string, number>();
  private readonly keyStart: Int32Array;
  private readonly keyLength: Int32Array;
  private readonly keyWeight: Float64Array;
  private readonly posted: Int32Array;
  private touched: Int32Array = new Int32Array(1024);
  /** Word count of each name (a tie-breaker among candidates), kept flat for speed. */
  private readonly wordCounts: Uint8Array;
  /** Each name's party, and whether that party is a person (1), not (2) or of no stated schema (0), kept flat. */
  readonly partyOf: Int32Array;
  readonly personOf: Uint8Array;
  /** Each name's form, in an array of its own (the hot loop of screening reads nothing else of the entry). */
  readonly forms: NameForm[];
  /** The same forms packed into typed arrays (the fast score of tw-name-1). */
  readonly packed: PackedNames;
  private readonly ids = new Map<string, number[]>();
  private scratch = new Float64Array(0);
  /** Names by their order-insensitive comparable form: an exact match is always a candidate. */
  private readonly exact = new Map<string, number[]>();

  constructor(readonly parties: Party[]) {
    this.indexParties(parties);
    this.wordCounts = Uint8Array.from(this.names, (n) => Math.min(255, n.form.tokens.length));
    this.partyOf = Int32Array.from(this.names, (n) => n.party);
    this.personOf = Uint8Array.from(this.names, (n) => personClass(parties[n.party]!.schema));
    this.forms = this.names.map((n) => n.form);
    const size = this.postings.size;
    this.keyStart = new Int32Array(size);
    this.keyLength = new Int32Array(size);
    this.keyWeight = new Float64Array(size);
    let total = 0;
    for (const list of this.postings.values()) total += list.length;
    this.posted = new Int32Array(total);
    let k = 0;
    let at = 0;
    for (const [key, list] of this.postings) {
      this.keyOf.set(key, k);
      this.keyStart[k] = at;
      this.keyLength[k] = list.length;
      this.keyWeight[k] = 1 / Math.log2(2 + list.length);
      this.posted.set(list, at);
      at += list.length;
      k++;
    }
    this.postings.clear();
    this.packed = new PackedNames(this.forms);
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
    let touched = this.touched;
    let n = 0;
    for (const key of blockingKeys(form)) {
      const k = this.keyOf.get(key);
      if (k === undefined) continue;
      const length = this.keyLength[k]!;
      if (length > MAX_POSTING) continue;
      const w = this.keyWeight[k]!;
      const start = this.keyStart[k]!;
      if (touched.length < n + length) touched = this.touched = grow(touched, n + length);
      for (let x = start; x < start + length; x++) {
        const ni = this.posted[x]!;
        if (score[ni] === 0) touched[n++] = ni;
        score[ni] += w;
      }
    }
    // names of about the same length rank first among equals
    const words = form.tokens.length;
    for (let x = 0; x < n; x++) {
      const ni = touched[x]!;
      score[ni] += 0.01 / (1 + Math.abs(this.wordCounts[ni]! - words));
    }
    let out: number[];
    if (n > limit) {
      // keep the best `limit` (ties: first seen) with a small sorted buffer instead of sorting every touched name
      const top: number[] = [];
      for (let x = 0; x < n; x++) {
        const ni = touched[x]!;
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
    } else out = Array.from(touched.subarray(0, n));
    for (let x = 0; x < n; x++) score[touched[x]!] = 0;
    const same = this.exact.get(form.comparable);
    if (same) for (const ni of same) if (!out.includes(ni)) out.push(ni);
    return out;
  }

  /** Parties holding this identifier. */
  byIdentifier(value: string): number[] {
    return this.ids.get(normalizeId(value)) ?? [];
  }
}
