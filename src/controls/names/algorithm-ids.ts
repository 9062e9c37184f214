// The ids of the name-matching algorithms (algorithms.ts), in its order: a module of its own, without the
// transliteration libraries, so `tradewar controls --help` can list them without loading those.
export const ALGORITHM_IDS = ['tw-name-1', 'tw-literal-1', 'tw-jaro-1'] as const;
