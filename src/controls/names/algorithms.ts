// Name-matching algorithms, versioned: a name never changes meaning, so a result stored with its algorithm id
// can be reproduced later. Each comparison returns its score and the features that fired, with the value of
// each feature, its weight and what it contributed (score = the best feature; see docs/adr/0010-name-matching.md).
import { normalizeName, type NameForm, type NameSchema } from './normalize.js';
import { jaroWinkler, partSimilarity, partSimilarityBound } from './similarity.js';

export interface Feature {
  feature: string;
  /** The feature's own measurement, 0..1 (or the modifier for qualifiers). */
  value: number;
  weight: number;
  /** What it adds to the score: value × weight for the best name feature, the modifier for qualifiers. */
  contribution: number;
  detail?: string;
}

export interface NameComparison {
  score: number;
  features: Feature[];
}

export interface NameAlgorithm {
  id: string;
  description: string;
  /** The threshold at which a pair counts as a match, chosen on cases-dev (docs/adr/0010-name-matching.md). */
  threshold: number;
  /** With explain false, only the score is exact: feature details are left out (the fast path of screening). */
  compare(query: NameForm, candidate: NameForm, explain?: boolean): NameComparison;
  /**
   * The score alone, equal to compare(...).score whenever that is ≥ floor (default 0: always): the fast path of
   * screening, which builds no features and may stop early, with some value below floor, for a pair that cannot
   * reach it.
   */
  score(query: NameForm, candidate: NameForm, floor?: number): number;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Unmatched candidate words (a longer official name) count this much of their weight against the score. */
const UNMATCHED_CANDIDATE = 0.3;
/** Unmatched query words (the query says something the entry does not) count more. */
const UNMATCHED_QUERY = 0.45;
/** A content word replaced by another on both sides (Chad for China, Gas for Oil) multiplies the score. */
const SUBSTITUTION = 0.65;
/** When both names are written in Han or Hangul and their characters differ, the score is capped here. */
const NATIVE_MISMATCH_CAP = 0.55;

/** A number (digits or a Roman numeral) on one side that the other does not have multiplies the score. */
const NUMBER_MISMATCH = 0.8;

interface Alignment {
  score: number;
  pairs: Array<[string, string, number]>;
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
}

// Scratch space of the alignment, reused from call to call (a comparison allocates nothing when not explained).
let simOf = new Float64Array(64);
let qOf = new Int32Array(64);
let cOf = new Int32Array(64);
let order = new Int32Array(64);
let usedQ = new Uint8Array(16);
let usedC = new Uint8Array(16);

/** Candidate k before candidate l: higher similarity first, then the query's word order, then the entry's. */
const before = (k: number, l: number) => simOf[l]! - simOf[k]! || qOf[k]! - qOf[l]! || cOf[k]! - cOf[l]!;

/** Greedy one-to-one alignment of words by similarity, whatever their order; pairs and lists only if explained. */
export function alignTokens(q: NameForm, c: NameForm, explain = true): Alignment {
  const nq = q.tokens.length;
  const nc = c.tokens.length;
  if (simOf.length < nq * nc) {
    const size = 2 * nq * nc;
    simOf = new Float64Array(size);
    qOf = new Int32Array(size);
    cOf = new Int32Array(size);
    order = new Int32Array(size);
  }
  if (usedQ.length < nq) usedQ = new Uint8Array(2 * nq);
  if (usedC.length < nc) usedC = new Uint8Array(2 * nc);
  let count = 0;
  for (let i = 0; i < nq; i++) {
    const a = q.tokens[i]!;
    const ma = q.masks[i];
    for (let j = 0; j < nc; j++) {
      const b = c.tokens[j]!;
      let s = a === b ? 1 : partSimilarity(a, b, ma, c.masks[j]);
      // an initial stands for a word that starts with it
      if (s === 0 && (a.length === 1 || b.length === 1) && a.charCodeAt(0) === b.charCodeAt(0)) s = 0.7;
      if (s > 0) {
        simOf[count] = s;
        qOf[count] = i;
        cOf[count] = j;
        count++;
      }
    }
  }
  for (let k = 0; k < count; k++) order[k] = k;
  if (count <= 24) {
    for (let k = 1; k < count; k++) {
      const x = order[k]!;
      let l = k;
      while (l > 0 && before(x, order[l - 1]!) < 0) {
        order[l] = order[l - 1]!;
        l--;
      }
      order[l] = x;
    }
  } else order.subarray(0, count).sort(before);
  usedQ.fill(0, 0, nq);
  usedC.fill(0, 0, nc);
  const pairs: Array<[string, string, number]> = [];
  let num = 0;
  let den = 0;
  for (let k = 0; k < count; k++) {
    const x = order[k]!;
    const i = qOf[x]!;
    const j = cOf[x]!;
    if (usedQ[i] || usedC[j]) continue;
    usedQ[i] = usedC[j] = 1;
    const s = simOf[x]!;
    const w = q.weights[i]! + c.weights[j]!;
    num += s * w;
    den += w;
    if (explain) pairs.push([q.tokens[i]!, c.tokens[j]!, r4(s)]);
  }
  const unmatchedQuery: string[] = [];
  const unmatchedCandidate: string[] = [];
  let uq = 0;
  let uc = 0;
  let substantiveQ = false;
  let substantiveC = false;
  for (let i = 0; i < nq; i++)
    if (!usedQ[i]) {
      if (explain) unmatchedQuery.push(q.tokens[i]!);
      if (q.tokens[i]!.length > 2) substantiveQ = true;
      uq += q.weights[i]!;
    }
  for (let j = 0; j < nc; j++)
    if (!usedC[j]) {
      if (explain) unmatchedCandidate.push(c.tokens[j]!);
      if (c.tokens[j]!.length > 2) substantiveC = true;
      uc += c.weights[j]!;
    }
  den += uq * UNMATCHED_QUERY + uc * UNMATCHED_CANDIDATE;
  let score = den > 0 ? num / den : 0;
  if (substantiveQ && substantiveC) score *= SUBSTITUTION;
  return { score, pairs, unmatchedQuery, unmatchedCandidate };
}

function joinedSimilarity(a: string, b: string, maskA: number, maskB: number): number {
  if (a === '' || b === '') return 0;
  return partSimilarity(a, b, maskA, maskB);
}

/** Literal equality's value: 1 when the legal forms agree too, 0.97 when only they differ. */
const literalValue = (q: NameForm, c: NameForm) =>
  q.joinedAll === c.joinedAll || q.forms.join(' ') === c.forms.join(' ') ? 1 : 0.97;

/** The joined-letters similarity, compared only where words may have been merged or split (word counts differ). */
function joinedLetters(q: NameForm, c: NameForm): number {
  if (q.joinedAll === c.joinedAll || q.joined === c.joined) return 1;
  if (q.tokens.length === c.tokens.length) return 0;
  return Math.max(
    joinedSimilarity(q.joined, c.joined, q.joinedMask, c.joinedMask),
    joinedSimilarity(q.joinedAll, c.joinedAll, q.joinedAllMask, c.joinedAllMask),
  );
}

/** An upper bound of joinedLetters(q, c) without an edit distance. */
function joinedLettersBound(q: NameForm, c: NameForm): number {
  if (q.joinedAll === c.joinedAll || q.joined === c.joined) return 1;
  if (q.tokens.length === c.tokens.length) return 0;
  return Math.max(
    joinedBound(q.joined, c.joined, q.joinedMask, c.joinedMask),
    joinedBound(q.joinedAll, c.joinedAll, q.joinedAllMask, c.joinedAllMask),
  );
}

function joinedBound(a: string, b: string, maskA: number, maskB: number): number {
  return a === '' || b === '' ? 0 : partSimilarityBound(a, b, maskA, maskB);
}

/** Whether Han/Hangul spellings differ (the score is then capped). */
const nativeDiffers = (q: NameForm, c: NameForm) =>
  q.native !== '' && c.native !== '' && q.native !== c.native && q.joined !== c.joined;

function twName1Score(q: NameForm, c: NameForm, floor = 0): number {
  let score: number;
  if (q.comparable !== '' && q.comparable === c.comparable) score = literalValue(q, c);
  else {
    const aligned = alignTokens(q, c, false).score;
    score = aligned > 0 ? r4(aligned) : 0;
    // the joined letters' edit distance only where it could raise the score, and the score could reach floor
    const bound = joinedLettersBound(q, c);
    const boundContribution = bound > 0 ? r4(bound * 0.95) : 0;
    if (boundContribution > score) {
      if (boundContribution < floor) return 0; // the qualifiers below only lower it
      const joined = joinedLetters(q, c);
      if (joined > 0) score = Math.max(score, r4(joined * 0.95));
    }
  }
  if (score > 0 && q.numbers !== c.numbers) score *= NUMBER_MISMATCH;
  if (nativeDiffers(q, c)) score = Math.min(score, NATIVE_MISMATCH_CAP);
  return r4(score);
}

const twName1: NameAlgorithm = {
  id: 'tw-name-1',
  description:
    'Normalised names (NFKC, transliteration, Han → pinyin, legal forms set apart); best of: literal equality of ' +
    'the order-insensitive form, weighted word alignment with a typo budget (substitutions penalised), and the ' +
    'joined-letters comparison (SiemensAG = Siemens AG); Han/Hangul spellings that differ cap the score.',
  threshold: 0.66,
  compare(q, c, explain = true) {
    const features: Feature[] = [];
    if (q.comparable !== '' && q.comparable === c.comparable) {
      // the same words; legal forms and generic words (Co., Ltd., Technology...) differ only a little
      const value = literalValue(q, c);
      features.push({
        feature: 'literal',
        value,
        weight: 1,
        contribution: value,
        detail: explain
          ? `${q.comparable}${value === 1 ? '' : ` (forms ${q.forms.join(' ') || '-'} vs ${c.forms.join(' ') || '-'})`}`
          : undefined,
      });
    } else {
      const al = alignTokens(q, c, explain);
      if (al.score > 0)
        features.push({
          feature: 'word_alignment',
          value: r4(al.score),
          weight: 1,
          contribution: r4(al.score),
          detail: !explain
            ? undefined
            : al.pairs.map(([a, b, s]) => (a === b ? a : `${a}~${b} ${s}`)).join(', ') +
              (al.unmatchedQuery.length ? `; query only: ${al.unmatchedQuery.join(' ')}` : '') +
              (al.unmatchedCandidate.length ? `; entry only: ${al.unmatchedCandidate.join(' ')}` : ''),
        });
      const joined = joinedLetters(q, c);
      if (joined > 0)
        features.push({
          feature: 'joined_letters',
          value: r4(joined),
          weight: 0.95,
          contribution: r4(joined * 0.95),
          detail: explain ? `${q.joined} ~ ${c.joined}` : undefined,
        });
    }
    let score = Math.max(0, ...features.map((f) => f.contribution));
    if (score > 0 && q.numbers !== c.numbers) {
      features.push({
        feature: 'number_mismatch',
        value: 1,
        weight: NUMBER_MISMATCH,
        contribution: r4(score * (NUMBER_MISMATCH - 1)),
        detail: `${q.numbers || '(none)'} ≠ ${c.numbers || '(none)'}`,
      });
      score *= NUMBER_MISMATCH;
    }
    if (nativeDiffers(q, c)) {
      const capped = Math.min(score, NATIVE_MISMATCH_CAP);
      features.push({
        feature: 'native_script_differs',
        value: 1,
        weight: 1,
        contribution: r4(capped - score),
        detail: `${q.native} ≠ ${c.native}`,
      });
      score = capped;
    }
    return { score: r4(score), features };
  },
  score: twName1Score,
};

const twLiteral1: NameAlgorithm = {
  id: 'tw-literal-1',
  description: 'Exact equality of the normalised, order-insensitive name (legal forms set apart); 1 or 0.',
  threshold: 1,
  compare(q, c) {
    const hit = q.comparable !== '' && q.comparable === c.comparable;
    return {
      score: hit ? 1 : 0,
      features: hit ? [{ feature: 'literal', value: 1, weight: 1, contribution: 1, detail: q.comparable }] : [],
    };
  },
  score: (q, c) => (q.comparable !== '' && q.comparable === c.comparable ? 1 : 0),
};

const twJaro1: NameAlgorithm = {
  id: 'tw-jaro-1',
  description:
    'Jaro–Winkler of the normalised order-insensitive names, and the mean best per-word Jaro–Winkler (OFAC-style); the larger.',
  threshold: 0.92,
  compare(q, c) {
    const whole = jaroWinkler(q.comparable, c.comparable);
    const words = q.tokens.filter((t) => t.length > 2);
    const perWord = words.length
      ? words.reduce((s, t) => {
          const best = Math.max(0, ...c.tokens.map((u) => jaroWinkler(t, u)));
          return s + (best < 0.5 ? 0 : best);
        }, 0) / words.length
      : 0;
    const features: Feature[] = [
      { feature: 'jaro_winkler_whole', value: r4(whole), weight: 1, contribution: r4(whole) },
      { feature: 'jaro_winkler_words', value: r4(perWord), weight: 1, contribution: r4(perWord) },
    ];
    return { score: r4(Math.max(whole, perWord)), features };
  },
  score(q, c) {
    return this.compare(q, c).score;
  },
};

export const ALGORITHMS: ReadonlyMap<string, NameAlgorithm> = new Map(
  [twName1, twLiteral1, twJaro1].map((a) => [a.id, a]),
);
export const DEFAULT_ALGORITHM = twName1.id;

export function compareNames(
  name1: string,
  name2: string,
  schema: NameSchema,
  algorithm: NameAlgorithm,
): NameComparison {
  return algorithm.compare(normalizeName(name1, schema), normalizeName(name2, schema));
}
