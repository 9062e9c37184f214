// String distances for name parts: Damerau–Levenshtein (optimal string alignment, a transposition costs one
// edit) with an early exit, a typo budget that grows with length, and Jaro–Winkler for the comparison algorithm.

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Edits (insert, delete, substitute, swap neighbours) from a to b; any answer above max is max + 1 or more. Only
 * the band of cells within max of the diagonal is computed (a path leaving it costs more than max), in reused
 * typed rows, and the computation stops as soon as a whole row exceeds max.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  if (rowA.length <= m) {
    const size = 2 * (m + 1);
    rowA = new Int32Array(size);
    rowB = new Int32Array(size);
    rowC = new Int32Array(size);
  }
  const band = Math.min(max, Math.max(n, m));
  /** Stands for any cell outside the band: more than every distance of these strings. */
  const far = n + m + 1;
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  const top = Math.min(m, band);
  for (let j = 0; j <= top; j++) prev[j] = j;
  if (top < m) prev[top + 1] = far;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur[lo - 1] = lo === 1 ? i : far;
    let rowMin = lo === 1 ? i : far;
    const ai = a.charCodeAt(i - 1);
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ai === bj ? 0 : 1);
      const up = prev[j]! + 1;
      if (up < v) v = up;
      const left = cur[j - 1]! + 1;
      if (left < v) v = left;
      if (j > 1 && ai === b.charCodeAt(j - 2) && ai1 === bj) {
        const swap = prev2[j - 2]! + 1;
        if (swap < v) v = swap;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < m) cur[hi + 1] = far;
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/** Typos a word of this length may carry and still be the same word. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return Math.floor(length / 4);
}

/** The set of letters and digits in a word as a bit mask (a-z → bits 0-25, 0-9 → 26-31 folded). */
export function letterMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) m |= 1 << (c - 97);
    else if (c >= 48 && c <= 57) m |= 1 << (26 + ((c - 48) % 6));
  }
  return m;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A lower bound of the edit distance: one edit adds or removes at most two letters from the set. */
export function maskBound(a: number, b: number): number {
  return Math.ceil(popcount(a ^ b) / 2);
}

const isDigits = (s: string) => s.charCodeAt(0) <= 57 && /^\d+$/.test(s);

/**
 * Similarity of two name parts in [0, 1]: 1 when equal; 1 − 1.5·d/len while the edit count d stays within the
 * typo budget; 0 beyond it (two different words, not a misspelling).
 */
export function partSimilarity(a: string, b: string, maskA?: number, maskB?: number): number {
  if (a === b) return 1;
  const len = Math.max(a.length, b.length);
  if (isDigits(a) || isDigits(b)) return 0;
  const budget = typoBudget(Math.min(a.length, b.length) + (len > 5 ? 1 : 0));
  if (budget === 0) return 0;
  if (maskA !== undefined && maskB !== undefined && maskBound(maskA, maskB) > budget) return 0;
  const d = editDistance(a, b, budget);
  if (d > budget) return 0;
  return Math.max(0, 1 - (1.5 * d) / len);
}

/**
 * An upper bound of partSimilarity(a, b) in O(1): the edit count is at least the length difference and at least
 * the letter-set bound, so the similarity is at most what that many edits would leave (0 beyond the budget).
 */
export function partSimilarityBound(a: string, b: string, maskA: number, maskB: number): number {
  if (a === b) return 1;
  return differentPartsBound(a.length, b.length, maskA, maskB);
}

/** partSimilarityBound of two different words known by their lengths and letter masks only. */
export function differentPartsBound(lengthA: number, lengthB: number, maskA: number, maskB: number): number {
  const len = Math.max(lengthA, lengthB);
  const budget = typoBudget(Math.min(lengthA, lengthB) + (len > 5 ? 1 : 0));
  const lower = Math.max(Math.abs(lengthA - lengthB), maskBound(maskA, maskB));
  if (budget === 0 || lower > budget) return 0;
  return Math.max(0, 1 - (1.5 * lower) / len);
}

/** Letters and digits counted (a-z → 0-25, 0-9 → 26-35) into `into` at `at`: a histogram for editsBound. */
export const HISTOGRAM_BINS = 36;
export function letterCounts(s: string, into: Uint16Array, at: number): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) into[at + c - 97]!++;
    else if (c >= 48 && c <= 57) into[at + 26 + c - 48]!++;
  }
}

/**
 * A lower bound of the edit distance from two letter histograms: an edit adds at most one letter and removes at
 * most one, so it takes at least as many edits as letters are missing on either side (stronger than maskBound and
 * than the length difference).
 */
export function editsBound(a: Uint16Array, atA: number, b: Uint16Array, atB: number): number {
  let more = 0;
  let fewer = 0;
  for (let k = 0; k < HISTOGRAM_BINS; k++) {
    const d = a[atA + k]! - b[atB + k]!;
    if (d > 0) more += d;
    else fewer -= d;
  }
  return more > fewer ? more : fewer;
}

/** An upper bound of partSimilarity of two different words of these lengths that need at least `edits` edits. */
export function similarityBoundForEdits(lengthA: number, lengthB: number, edits: number): number {
  const len = Math.max(lengthA, lengthB);
  const budget = typoBudget(Math.min(lengthA, lengthB) + (len > 5 ? 1 : 0));
  if (budget === 0 || edits > budget) return 0;
  return Math.max(0, 1 - (1.5 * edits) / len);
}

/**
 * partSimilarity of two different words, the second known by its length, letter mask and whether it is all
 * digits (from packed arrays), both by their letter histograms: its text is only read for an edit distance that
 * the cheap tests did not rule out.
 */
export function differentPartsSimilarity(
  a: string,
  maskA: number,
  digitsA: boolean,
  b: string,
  lengthB: number,
  maskB: number,
  digitsB: boolean,
  countsA: Uint16Array,
  atA: number,
  countsB: Uint16Array,
  atB: number,
): number {
  const len = Math.max(a.length, lengthB);
  if (digitsA || digitsB) return 0;
  const budget = typoBudget(Math.min(a.length, lengthB) + (len > 5 ? 1 : 0));
  if (budget === 0) return 0;
  if (maskBound(maskA, maskB) > budget || Math.abs(a.length - lengthB) > budget) return 0;
  if (editsBound(countsA, atA, countsB, atB) > budget) return 0;
  const d = editDistance(a, b, budget);
  if (d > budget) return 0;
  return Math.max(0, 1 - (1.5 * d) / len);
}

/** Jaro–Winkler similarity (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(n, m) / 2) - 1);
  const aMatch = new Array<boolean>(n).fill(false);
  const bMatch = new Array<boolean>(m).fill(false);
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(m - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (bMatch[j] || a[i] !== b[j]) continue;
      aMatch[i] = bMatch[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  const jaro = (matches / n + matches / m + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < n && prefix < m && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}
