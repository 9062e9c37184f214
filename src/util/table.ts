// Lookup tables keyed by what a user typed (words, codes, type names) are Maps, never object literals: a plain
// object answers "constructor", "toString" or "__proto__" with Object.prototype's members, which then flow on
// as if they were entries (a 500, or a silently wrong answer). `tableOf` keeps the literal's readable layout.

/** A Map of an object literal's own entries. */
export function tableOf<V>(entries: { readonly [key: string]: V }): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}
