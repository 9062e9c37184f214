// Name-matching algorithms, versioned: a name never changes meaning, so a result stored with its algorithm id
// can be reproduced later. Each comparison returns its score and the features that fired, with the value of
// each feature, its weight and what it contributed (score = the best feature; see docs/adr/0010-name-matching.md).
import { normalizeName, type NameForm, type NameSchema } from './normalize.js';
import { jaroWinkler, partSimilarity } from './similarity.js';

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

/** Greedy one-to-one alignment of words by similarity, whatever their order. */
export function alignTokens(q: NameForm, c: NameForm, explain = true): Alignment {
  const nq = q.tokens.length;
  const nc = c.tokens.length;
  const cand: number[] = []; // flattened [similarity, i, j] triples
  for (let i = 0; i < nq; i++)
    for (let j = 0; j < nc; j++) {
      const a = q.tokens[i]!;
      const b = c.tokens[j]!;
      let s = a === b ? 1 : partSimilarity(a, b, q.masks[i], c.masks[j]);
      // an initial stands for a word that starts with it
      if (s === 0 && (a.length === 1 || b.length === 1) && a[0] === b[0]) s = 0.7;
      if (s > 0) cand.push(s, i, j);
    }
  const order = Array.from({ length: cand.length / 3 }, (_, k) => k * 3);
  order.sort((x, y) => cand[y]! - cand[x]! || cand[x + 1]! - cand[y + 1]! || cand[x + 2]! - cand[y + 2]!);
  const usedQ = new Array<boolean>(nq).fill(false);
  const usedC = new Array<boolean>(nc).fill(false);
  const pairs: Array<[string, string, number]> = [];
  let num = 0;
  let den = 0;
  for (const k of order) {
    const s = cand[k]!;
    const i = cand[k + 1]!;
    const j = cand[k + 2]!;
    if (usedQ[i] || usedC[j]) continue;
    usedQ[i] = usedC[j] = true;
    const w = q.weights[i]! + c.weights[j]!;
    num += s * w;
    den += w;
    if (explain) pairs.push([q.tokens[i]!, c.tokens[j]!, r4(s)]);
  }
  const unmatchedQuery: string[] = [];
  const unmatchedCandidate: string[] = [];
  let uq = 0;
  let uc = 0;
  for (let i = 0; i < nq; i++)
    if (!usedQ[i]) {
      unmatchedQuery.push(q.tokens[i]!);
      uq += q.weights[i]!;
    }
  for (let j = 0; j < nc; j++)
    if (!usedC[j]) {
      unmatchedCandidate.push(c.tokens[j]!);
      uc += c.weights[j]!;
    }
  den += uq * UNMATCHED_QUERY + uc * UNMATCHED_CANDIDATE;
  let score = den > 0 ? num / den : 0;
  const substantive = (ts: string[]) => ts.some((t) => t.length > 2);
  if (substantive(unmatchedQuery) && substantive(unmatchedCandidate)) score *= SUBSTITUTION;
  return { score, pairs, unmatchedQuery, unmatchedCandidate };
}

function joinedSimilarity(a: string, b: string, maskA: number, maskB: number): number {
  if (a === '' || b === '') return 0;
  return partSimilarity(a, b, maskA, maskB);
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
      const same = q.joinedAll === c.joinedAll || q.forms.join(' ') === c.forms.join(' ');
      features.push({
        feature: 'literal',
        value: same ? 1 : 0.97,
        weight: 1,
        contribution: same ? 1 : 0.97,
        detail: explain
          ? `${q.comparable}${same ? '' : ` (forms ${q.forms.join(' ') || '-'} vs ${c.forms.join(' ') || '-'})`}`
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
      // joined letters only where words may have been merged or split (different word counts)
      const joined =
        q.joinedAll === c.joinedAll || q.joined === c.joined
          ? 1
          : q.tokens.length !== c.tokens.length
            ? Math.max(
                joinedSimilarity(q.joined, c.joined, q.joinedMask, c.joinedMask),
                joinedSimilarity(q.joinedAll, c.joinedAll, q.joinedAllMask, c.joinedAllMask),
              )
            : 0;
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
    if (q.native && c.native && q.native !== c.native && q.joined !== c.joined) {
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
