// Normalising and checking product codes typed by people ("8517.13.00.00", "8517 13 0000").
import { UserInputError } from '../util/errors.js';

export function normaliseCode(raw: string): string {
  return raw.replace(/[.\s-]/g, '');
}

/** Up to `count` codes of the universe nearest to `code`: longest shared prefix, then numeric distance. */
export function nearestCodes(code: string, universe: Iterable<string>, count = 5): string[] {
  const scored: Array<{ c: string; shared: number; dist: number }> = [];
  const target = Number(code.padEnd(10, '0').slice(0, 10));
  for (const c of universe) {
    let shared = 0;
    while (shared < c.length && shared < code.length && c[shared] === code[shared]) shared++;
    scored.push({ c, shared, dist: Math.abs(Number(c.padEnd(10, '0').slice(0, 10)) - target) });
  }
  scored.sort((a, b) => b.shared - a.shared || a.dist - b.dist || a.c.localeCompare(b.c));
  return scored.slice(0, count).map((s) => s.c);
}

export function requireKnownProduct(raw: string, universe: Map<string, unknown>, importer: string): string {
  const code = normaliseCode(raw);
  if (!/^\d{2,10}$/.test(code))
    throw new UserInputError(`product "${raw}" is not a tariff code: give 2 to 10 digits, e.g. 8517130000`, 'product');
  if (universe.has(code)) return code;
  const near = nearestCodes(code, universe.keys());
  throw new UserInputError(
    `unknown product code ${code} for importer ${importer}; nearest valid codes: ${near.join(', ')}`,
    'product',
  );
}
