// How words of product descriptions and of queries become index terms: lower case without accents, spelling
// variants folded to one form (soybean → soya bean, aluminium → aluminum), then the Porter stem (beans → bean).
// Index and query go through the same steps, so "soybeans", "soya beans" and "Soybeans," meet.
import { stemmer } from 'stemmer';
import { tableOf } from '../util/table.js';

// Both tables are keyed by a user's words: Maps, so "constructor" or "__proto__" finds nothing (an object
// literal would hand back Object.prototype's members).

/** Spelling variants of the same thing, folded at index and query time: word → the words it stands for. */
const VARIANTS: ReadonlyMap<string, string[]> = tableOf({
  soybean: ['soya', 'bean'],
  soybeans: ['soya', 'bean'],
  soy: ['soya'],
  aluminium: ['aluminum'],
  colour: ['color'],
  coloured: ['colored'],
  fibre: ['fiber'],
  fibres: ['fiber'],
  tyre: ['tire'],
  tyres: ['tire'],
  sulphur: ['sulfur'],
  sulphate: ['sulfate'],
  sulphates: ['sulfate'],
  jewellery: ['jewelry'],
  mould: ['mold'],
  moulds: ['mold'],
  moulded: ['molded'],
  centre: ['center'],
  grey: ['gray'],
  vapour: ['vapor'],
  catalogue: ['catalog'],
  programme: ['program'],
  cellphone: ['cellular'],
  cellphones: ['cellular'],
});

/** Everyday words the tariff schedules do not use, tried as alternatives at query time: word → other words. */
export const ALTERNATIVES: ReadonlyMap<string, string[][]> = tableOf({
  smartphone: [['cellular'], ['telephone']],
  smartphones: [['cellular'], ['telephone']],
  mobile: [['cellular']],
  laptop: [['portable', 'data', 'processing']],
  laptops: [['portable', 'data', 'processing']],
  computer: [['data', 'processing']],
  computers: [['data', 'processing']],
  pork: [['swine']],
  beef: [['bovine']],
  chicken: [['gallus']],
  chickens: [['gallus']],
  chips: [['integrated', 'circuit']],
  semiconductor: [['semiconductor'], ['integrated', 'circuit']],
  car: [['motor', 'car']],
  cars: [['motor', 'car']],
  ev: [['electric', 'motor', 'vehicle']],
  evs: [['electric', 'motor', 'vehicle']],
});

const STOP = new Set(['a', 'an', 'and', 'of', 'or', 'the', 'for', 'with', 'in', 'on', 'to', 'by', 'other', 'than']);

/** Splits text into words (letters and digits; dots inside numbers kept out). */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const memo = new Map<string, string[]>();

/** The index terms of one word (none for a stop word). Memoised: the schedules use some 20,000 distinct words
 * about a million times. */
export function termsOf(word: string): string[] {
  let terms = memo.get(word);
  if (!terms) {
    terms = STOP.has(word) ? [] : (VARIANTS.get(word) ?? [word]).map((w) => (/^\p{L}+$/u.test(w) ? stemmer(w) : w));
    if (memo.size < 200_000) memo.set(word, terms);
  }
  return terms;
}
