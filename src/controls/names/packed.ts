// Many name forms packed into flat typed arrays for the fast score of tw-name-1 in screening: every word and every
// whole-name string (comparable form, joined letters, numbers, native script, legal forms) is interned to an id, so
// that the hot loop compares integers and reads a few contiguous arrays instead of chasing each form's objects and
// strings through the heap. The score is the same number as algorithms.ts computes from the forms (a test compares
// them); only the memory layout differs.
import type { NameForm } from './normalize.js';
import { HISTOGRAM_BINS, letterCounts, letterMask } from './similarity.js';

/** Interns strings to dense ids; the empty string is always id 0. */
class Interner {
  private readonly ids = new Map<string, number>([['', 0]]);
  readonly text: string[] = [''];
  add(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.text.length;
      this.ids.set(s, id);
      this.text.push(s);
    }
    return id;
  }
  /** The id of a known string, or -1 (equal to no packed string). */
  find(s: string): number {
    return s === '' ? 0 : (this.ids.get(s) ?? -1);
  }
}

const isDigits = (s: string) => s.charCodeAt(0) <= 57 && /^\d+$/.test(s);

/** A query's ids in the packed dictionaries (-1 where the query has a string no packed name has). */
export interface PackedQuery {
  form: NameForm;
  tokens: number[];
  digits: number[];
  comparable: number;
  joined: number;
  joinedAll: number;
  forms: number;
  numbers: number;
  native: number;
  /**
   * Letter histograms (HISTOGRAM_BINS each) of the joined letters, of the joined letters with the legal forms,
   * then of each word.
   */
  counts: Uint16Array;
}

export class PackedNames {
  private readonly words = new Interner();
  private readonly strings = new Interner();
  // per word id
  readonly wordLength: Int32Array;
  readonly wordMask: Int32Array;
  readonly wordWeight: Float64Array;
  readonly wordDigits: Uint8Array;
  readonly wordFirst: Uint16Array;
  readonly wordCounts: Uint16Array;
  // per name: its words (start and count in `tokens`) and its whole-name strings as ids
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly tokens: Int32Array;
  readonly comparable: Int32Array;
  readonly joined: Int32Array;
  readonly joinedAll: Int32Array;
  readonly forms: Int32Array;
  readonly numbers: Int32Array;
  readonly native: Int32Array;
  readonly joinedLength: Int32Array;
  readonly joinedAllLength: Int32Array;
  readonly joinedMask: Int32Array;
  readonly joinedAllMask: Int32Array;
  /** Letter histograms of the joined letters (HISTOGRAM_BINS per name), for a lower bound of edit distances. */
  readonly joinedCounts: Uint16Array;
  readonly joinedAllCounts: Uint16Array;

  constructor(names: readonly NameForm[]) {
    const n = names.length;
    this.start = new Int32Array(n);
    this.count = new Int32Array(n);
    this.comparable = new Int32Array(n);
    this.joined = new Int32Array(n);
    this.joinedAll = new Int32Array(n);
    this.forms = new Int32Array(n);
    this.numbers = new Int32Array(n);
    this.native = new Int32Array(n);
    this.joinedLength = new Int32Array(n);
    this.joinedAllLength = new Int32Array(n);
    this.joinedMask = new Int32Array(n);
    this.joinedAllMask = new Int32Array(n);
    this.joinedCounts = new Uint16Array(n * HISTOGRAM_BINS);
    this.joinedAllCounts = new Uint16Array(n * HISTOGRAM_BINS);
    const flat: number[] = [];
    names.forEach((f, i) => {
      this.start[i] = flat.length;
      this.count[i] = f.tokens.length;
      for (const t of f.tokens) flat.push(this.words.add(t));
      this.comparable[i] = this.strings.add(f.comparable);
      this.joined[i] = this.strings.add(f.joined);
      this.joinedAll[i] = this.strings.add(f.joinedAll);
      this.forms[i] = this.strings.add(f.forms.join(' '));
      this.numbers[i] = this.strings.add(f.numbers);
      this.native[i] = this.strings.add(f.native);
      this.joinedLength[i] = f.joined.length;
      this.joinedAllLength[i] = f.joinedAll.length;
      this.joinedMask[i] = f.joinedMask;
      this.joinedAllMask[i] = f.joinedAllMask;
      letterCounts(f.joined, this.joinedCounts, i * HISTOGRAM_BINS);
      letterCounts(f.joinedAll, this.joinedAllCounts, i * HISTOGRAM_BINS);
    });
    this.tokens = Int32Array.from(flat);
    const words = this.words.text;
    this.wordLength = Int32Array.from(words, (w) => w.length);
    this.wordMask = Int32Array.from(words, letterMask);
    this.wordDigits = Uint8Array.from(words, (w) => (w !== '' && isDigits(w) ? 1 : 0));
    this.wordFirst = Uint16Array.from(words, (w) => w.charCodeAt(0) || 0);
    this.wordCounts = new Uint16Array(words.length * HISTOGRAM_BINS);
    words.forEach((w, k) => letterCounts(w, this.wordCounts, k * HISTOGRAM_BINS));
    // a word's weight depends on the word alone (normalize.ts tokenWeight); take it from the forms
    this.wordWeight = new Float64Array(words.length);
    for (const f of names) f.tokens.forEach((t, k) => (this.wordWeight[this.words.find(t)] = f.weights[k]!));
  }

  word(id: number): string {
    return this.words.text[id]!;
  }

  text(id: number): string {
    return this.strings.text[id]!;
  }

  query(form: NameForm): PackedQuery {
    const counts = new Uint16Array((2 + form.tokens.length) * HISTOGRAM_BINS);
    letterCounts(form.joined, counts, 0);
    letterCounts(form.joinedAll, counts, HISTOGRAM_BINS);
    const tokens: number[] = [];
    const digits: number[] = [];
    for (let k = 0; k < form.tokens.length; k++) {
      const t = form.tokens[k]!;
      letterCounts(t, counts, (2 + k) * HISTOGRAM_BINS);
      tokens.push(this.words.find(t));
      digits.push(isDigits(t) ? 1 : 0);
    }
    return {
      form,
      counts,
      tokens,
      digits,
      comparable: this.strings.find(form.comparable),
      joined: this.strings.find(form.joined),
      joinedAll: this.strings.find(form.joinedAll),
      forms: this.strings.find(form.forms.join(' ')),
      numbers: this.strings.find(form.numbers),
      native: this.strings.find(form.native),
    };
  }
}
