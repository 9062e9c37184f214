// Numbers typed by people (command-line options, API query parameters) are plain decimals: digits, an optional
// leading minus and an optional fraction (10000, 0.7, -1, 2.5). JavaScript's Number() also reads 0x10, 0o20,
// 0b10000, 1e6, Infinity and ' ' (as 16, 16, 16, 1000000, Infinity and 0), so it never sees a user's text
// unchecked: a typo or a trick is refused, not read as another number. Exponents are refused too (write
// 1000000, not 1e6): no amount, count or elasticity here needs one.

/** A plain decimal: optional minus, digits, optional fraction. Nothing else (no sign +, no spaces inside). */
export const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** Largest money amount accepted anywhere (an entry line's value or duty, a customs value): $10 trillion, excluded. */
export const MAX_USD = 10_000_000_000_000;
export const MAX_USD_TEXT = '$10 trillion';

/** The number a user wrote, or undefined when it is not a plain decimal (surrounding spaces are ignored). */
export function plainDecimal(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = value.trim();
  if (!PLAIN_DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
