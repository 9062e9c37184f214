// Name-matching algorithms, versioned: a name never changes meaning, so a result stored with its algorithm id
// can be reproduced later. Each comparison returns its score and the features that fired, with the value of
// each feature, its weight and what it contributed (score = the best feature; see docs/adr/0010-name-matching.md).
import { normalizeName, type NameForm, type NameSchema } from './normalize.js';
import {
  HISTOGRAM_BINS,
  differentPartsBound,
  differentPartsSimilarity,
  editsBound,
  jaroWinkler,
  partSimilarity,
  partSimilarityBound,
  similarityBoundForEdits,
} from './similarity.js';
import type { PackedNames, PackedQuery } from './packed.js';

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
  /** The same score for the packed name `ni` (optional: screening uses it when present). */
  scorePacked?(names: PackedNames, query: PackedQuery, ni: number, floor?: number): number;
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

/** Greedy one-to-one alignment of words by similarity, whatever their order, with the pairs and the words left. */
export function alignTokens(q: NameForm, c: NameForm, explain = true): Alignment {
  if (!explain) return { score: alignScore(q, c, null), pairs: [], unmatchedQuery: [], unmatchedCandidate: [] };
  const al: Alignment = { score: 0, pairs: [], unmatchedQuery: [], unmatchedCandidate: [] };
  al.score = alignScore(q, c, al);
  return al;
}

/** Room in the scratch arrays for nq × nc word pairs. */
function reserve(nq: number, nc: number): void {
  if (simOf.length < nq * nc) {
    const size = 2 * nq * nc;
    simOf = new Float64Array(size);
    qOf = new Int32Array(size);
    cOf = new Int32Array(size);
    order = new Int32Array(size);
  }
  if (usedQ.length < nq) usedQ = new Uint8Array(2 * nq);
  if (usedC.length < nc) {
    usedC = new Uint8Array(2 * nc);
    cWeight = new Float64Array(2 * nc);
    cLong = new Uint8Array(2 * nc);
  }
}

// The entry's word weights and whether each word is longer than 2 letters, for the greedy pass.
let cWeight = new Float64Array(16);
let cLong = new Uint8Array(16);

/** The alignment's score; the pairs and unmatched words go into `explained` when given. */
function alignScore(q: NameForm, c: NameForm, explained: Alignment | null): number {
  const nq = q.tokens.length;
  const nc = c.tokens.length;
  reserve(nq, nc);
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
  for (let j = 0; j < nc; j++) {
    cWeight[j] = c.weights[j]!;
    cLong[j] = c.tokens[j]!.length > 2 ? 1 : 0;
  }
  return greedyScore(q, nc, count, explained ? { al: explained, c } : null);
}

/** The same alignment score for the packed name `ni` (the query's words looked up in the packed dictionary). */
function packedAlignScore(p: PackedNames, pq: PackedQuery, ni: number): number {
  const q = pq.form;
  const nq = q.tokens.length;
  const start = p.start[ni]!;
  const nc = p.count[ni]!;
  reserve(nq, nc);
  let count = 0;
  for (let i = 0; i < nq; i++) {
    const a = q.tokens[i]!;
    const id = pq.tokens[i]!;
    const ma = q.masks[i]!;
    const da = pq.digits[i] === 1;
    const first = a.charCodeAt(0);
    for (let j = 0; j < nc; j++) {
      const w = p.tokens[start + j]!;
      const lb = p.wordLength[w]!;
      let s =
        id === w
          ? 1
          : differentPartsSimilarity(
              a,
              ma,
              da,
              p.word(w),
              lb,
              p.wordMask[w]!,
              p.wordDigits[w] === 1,
              pq.counts,
              (i + 2) * HISTOGRAM_BINS,
              p.wordCounts,
              w * HISTOGRAM_BINS,
            );
      if (s === 0 && (a.length === 1 || lb === 1) && first === p.wordFirst[w]) s = 0.7;
      if (s > 0) {
        simOf[count] = s;
        qOf[count] = i;
        cOf[count] = j;
        count++;
      }
    }
  }
  for (let j = 0; j < nc; j++) {
    const w = p.tokens[start + j]!;
    cWeight[j] = p.wordWeight[w]!;
    cLong[j] = p.wordLength[w]! > 2 ? 1 : 0;
  }
  return greedyScore(q, nc, count, null);
}

/**
 * The greedy pass over the `count` scored word pairs in the scratch arrays: best pairs first, each word used once;
 * matched weight against the weight left unmatched on either side, a substitution on both sides penalised.
 */
function greedyScore(q: NameForm, nc: number, count: number, explained: { al: Alignment; c: NameForm } | null): number {
  const nq = q.tokens.length;
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
  let num = 0;
  let den = 0;
  for (let k = 0; k < count; k++) {
    const x = order[k]!;
    const i = qOf[x]!;
    const j = cOf[x]!;
    if (usedQ[i] || usedC[j]) continue;
    usedQ[i] = usedC[j] = 1;
    const s = simOf[x]!;
    const w = q.weights[i]! + cWeight[j]!;
    num += s * w;
    den += w;
    if (explained) explained.al.pairs.push([q.tokens[i]!, explained.c.tokens[j]!, r4(s)]);
  }
  let uq = 0;
  let uc = 0;
  let substantiveQ = false;
  let substantiveC = false;
  for (let i = 0; i < nq; i++)
    if (!usedQ[i]) {
      if (explained) explained.al.unmatchedQuery.push(q.tokens[i]!);
      if (q.tokens[i]!.length > 2) substantiveQ = true;
      uq += q.weights[i]!;
    }
  for (let j = 0; j < nc; j++)
    if (!usedC[j]) {
      if (explained) explained.al.unmatchedCandidate.push(explained.c.tokens[j]!);
      if (cLong[j]) substantiveC = true;
      uc += cWeight[j]!;
    }
  den += uq * UNMATCHED_QUERY + uc * UNMATCHED_CANDIDATE;
  let score = den > 0 ? num / den : 0;
  if (substantiveQ && substantiveC) score *= SUBSTITUTION;
  return score;
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
    const aligned = alignScore(q, c, null);
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

/** twName1Score for the packed name `ni`: the same arithmetic on interned ids, lengths and masks. */
function twName1PackedScore(p: PackedNames, pq: PackedQuery, ni: number, floor = 0): number {
  const q = pq.form;
  let score: number;
  if (q.comparable !== '' && pq.comparable === p.comparable[ni])
    score = pq.joinedAll === p.joinedAll[ni] || pq.forms === p.forms[ni] ? 1 : 0.97;
  else {
    const aligned = packedAlignScore(p, pq, ni);
    score = aligned > 0 ? r4(aligned) : 0;
    const sameJoined = pq.joinedAll === p.joinedAll[ni] || pq.joined === p.joined[ni];
    if (sameJoined) score = Math.max(score, r4(0.95));
    else if (q.tokens.length !== p.count[ni]) {
      const ja = q.joined.length;
      const jb = p.joinedLength[ni]!;
      const aa = q.joinedAll.length;
      const ab = p.joinedAllLength[ni]!;
      // bounds of the similarity without an edit distance: lengths and letter sets first, then letter counts
      const cheap = Math.max(
        ja === 0 || jb === 0 ? 0 : differentPartsBound(ja, jb, q.joinedMask, p.joinedMask[ni]!),
        aa === 0 || ab === 0 ? 0 : differentPartsBound(aa, ab, q.joinedAllMask, p.joinedAllMask[ni]!),
      );
      const cheapContribution = cheap > 0 ? r4(cheap * 0.95) : 0;
      if (cheapContribution > score) {
        if (cheapContribution < floor) return 0; // the qualifiers below only lower it
        const at = ni * HISTOGRAM_BINS;
        const counted = Math.max(
          ja === 0 || jb === 0 ? 0 : similarityBoundForEdits(ja, jb, editsBound(pq.counts, 0, p.joinedCounts, at)),
          aa === 0 || ab === 0
            ? 0
            : similarityBoundForEdits(aa, ab, editsBound(pq.counts, HISTOGRAM_BINS, p.joinedAllCounts, at)),
        );
        const countedContribution = counted > 0 ? r4(counted * 0.95) : 0;
        if (countedContribution > score) {
          if (countedContribution < floor) return 0;
          const joined = Math.max(
            joinedSimilarity(q.joined, p.text(p.joined[ni]!), q.joinedMask, p.joinedMask[ni]!),
            joinedSimilarity(q.joinedAll, p.text(p.joinedAll[ni]!), q.joinedAllMask, p.joinedAllMask[ni]!),
          );
          if (joined > 0) score = Math.max(score, r4(joined * 0.95));
        }
      }
    }
  }
  if (score > 0 && pq.numbers !== p.numbers[ni]) score *= NUMBER_MISMATCH;
  const native = p.native[ni]!;
  if (q.native !== '' && native !== 0 && pq.native !== native && pq.joined !== p.joined[ni])
    score = Math.min(score, NATIVE_MISMATCH_CAP);
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
  scorePacked: twName1PackedScore,
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
