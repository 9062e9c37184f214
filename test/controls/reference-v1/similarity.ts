// String distances for name parts: Damerau–Levenshtein (optimal string alignment, a transposition costs one
// edit) with an early exit, a typo budget that grows with length, and Jaro–Winkler for the comparison algorithm.

const rowA: number[] = [];
const rowB: number[] = [];
const rowC: number[] = [];

/** Edits (insert, delete, substitute, swap neighbours) from a to b; returns max + 1 as soon as it exceeds max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
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
