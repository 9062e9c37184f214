// Turns a name into comparable parts: Unicode NFKC, Han words to English and Han names to pinyin (pinyin-pro),
// other scripts to ASCII (any-ascii), lower case, punctuation removed, digits inside words read as letters
// (Ig0r → igor), ordinals spelled out, company legal forms recognised in many languages and set apart, titles
// dropped from person names. Each part keeps a weight so long distinctive words count more than "and".
import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import { HAN_TERMS, LEGAL_FORMS, ORDINALS, STOPWORDS, TITLES } from './legal-forms.js';
import { editDistance, letterMask, maskBound } from './similarity.js';

export type NameSchema = 'Person' | 'Company' | 'Organization' | 'LegalEntity' | 'Vessel' | 'Other';

export interface NameForm {
  raw: string;
  /** Content words in order (legal forms and titles removed). */
  tokens: string[];
  /** Weight of each content word: longer words more, stopwords little. */
  weights: number[];
  /** Letter masks of the words and of the joined forms (a quick lower bound of edit distances). */
  masks: number[];
  joinedMask: number;
  joinedAllMask: number;
  /** Canonical legal forms found (ltd, gmbh, jsc...). */
  forms: string[];
  /** Content words joined without spaces, and the same with the forms. */
  joined: string;
  joinedAll: string;
  /** Content words sorted and joined with one space: the order-insensitive comparable form. */
  comparable: string;
  /** Numbers in the name (digits, Roman numerals), sorted and joined: they must agree. */
  numbers: string;
  /** Han or Hangul characters of the name (legal forms removed), compared as written when both sides have them. */
  native: string;
  /** Whether the written name was (partly) transliterated from another script. */
  transliterated: boolean;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const HANGUL = /[\uac00-\ud7af]/;
const NATIVE_CHARS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;
const NON_ASCII = /[^ -~\t\n\r]/;
const NUMBER = /^(\d+|ii|iii|iv|vi|vii|viii|ix|xi|xii)$/;

/** Legal-form phrases as token arrays, longest first, with their canonical symbol. */
const FORM_PHRASES: Array<{ words: string[]; symbol: string }> = Object.entries(LEGAL_FORMS)
  .flatMap(([symbol, phrases]) => phrases.map((p) => ({ words: p.split(' '), symbol })))
  .sort((a, b) => b.words.length - a.words.length || b.words.join('').length - a.words.join('').length);
const FORM_WORDS = new Map<string, string>();
/** Multi-word form phrases by their first word, longest first. */
const FORM_PHRASES_BY_FIRST = new Map<string, Array<{ words: string[]; symbol: string }>>();
for (const f of FORM_PHRASES) {
  if (f.words.length === 1) FORM_WORDS.set(f.words[0]!, f.symbol);
  else {
    let l = FORM_PHRASES_BY_FIRST.get(f.words[0]!);
    if (!l) FORM_PHRASES_BY_FIRST.set(f.words[0]!, (l = []));
    l.push(f);
  }
}
/** Long single-word forms also recognised with a typo ("Aktiengeselschaft"). */
const LONG_FORM_WORDS = [...FORM_WORDS.entries()]
  .filter(([w]) => w.length >= 9)
  .map(([form, symbol]) => ({ form, symbol, mask: letterMask(form) }));

function hanToPinyin(run: string, person: boolean): string {
  const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true }) as string[];
  // a person's name: family name apart, given name joined (习近平 → xi jinping); otherwise one word per run
  if (person && syllables.length >= 2 && syllables.length <= 4)
    return ` ${syllables[0]} ${syllables.slice(1).join('')} `;
  return ` ${syllables.join('')} `;
}

const CONFUSABLE: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b' };

const DIGIT = /\d/;

function cleanToken(t: string): string {
  if (!DIGIT.test(t)) return t;
  const ordinal = ORDINALS.get(t);
  if (ordinal) return ordinal;
  if (/[a-z]/.test(t)) return t.replace(/[0134578]/g, (d) => CONFUSABLE[d]!);
  return t;
}

const cache = new Map<string, NameForm>();

export function normalizeName(raw: string, schema: NameSchema = 'Other'): NameForm {
  const key = `${schema}\u0000${raw}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const form = buildForm(raw, schema);
  if (cache.size > 200_000) cache.clear();
  cache.set(key, form);
  return form;
}

function buildForm(raw: string, schema: NameSchema): NameForm {
  const person = schema === 'Person';
  let s = raw.normalize('NFKC');
  let hanRest = s;
  if (HAN.test(s)) {
    for (const [term, en] of HAN_TERMS) {
      s = s.replaceAll(term, en);
      hanRest = hanRest.replaceAll(term, ' ');
    }
  }
  const native = (hanRest.match(NATIVE_CHARS) ?? []).join('');
  const transliterated = NON_ASCII.test(s.replace(/[\u00c0-\u024f]/g, ''));
  if (HAN.test(s)) s = s.replace(HAN_RUN, (run) => hanToPinyin(run, person));
  // Hangul syllables keep their blocks apart (김정은 → gim jeongeun) like Han names
  if (HANGUL.test(s) && person)
    s = s.replace(/[\uac00-\ud7af]+/g, (run) =>
      run.length >= 2 && run.length <= 4 ? ` ${anyAscii(run[0]!)} ${anyAscii(run.slice(1))} ` : anyAscii(run),
    );
  s = (NON_ASCII.test(s) ? anyAscii(s) : s).toLowerCase();
  s = s
    .replace(/&/g, ' and ')
    .replace(/['`\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  let words = s === '' ? [] : s.split(' ').map(cleanToken);
  if (person) words = words.filter((w) => !TITLES.has(w));
  const tokens: string[] = [];
  const forms: string[] = [];
  if (!person && schema !== 'Vessel') {
    for (let i = 0; i < words.length;) {
      const phrase = FORM_PHRASES_BY_FIRST.get(words[i]!)?.find(
        (f) => i + f.words.length <= words.length && f.words.every((w, k) => words[i + k] === w),
      );
      if (phrase) {
        forms.push(phrase.symbol);
        i += phrase.words.length;
        continue;
      }
      const w = words[i]!;
      const single = FORM_WORDS.get(w) ?? fuzzyForm(w);
      // a form word is only a form when the name has other words (a firm called "Group" stays "group")
      if (single && words.length > 1) forms.push(single);
      else tokens.push(w);
      i++;
    }
  } else tokens.push(...words);
  const weights = tokens.map(tokenWeight);
  const joined = tokens.join('');
  const joinedAll = words.join('');
  return {
    raw,
    tokens,
    weights,
    masks: tokens.map(letterMask),
    joinedMask: letterMask(joined),
    joinedAllMask: letterMask(joinedAll),
    forms,
    joined,
    joinedAll,
    comparable: [...tokens].sort().join(' '),
    numbers: tokens
      .filter((t) => NUMBER.test(t))
      .sort()
      .join(' '),
    native,
    transliterated,
  };
}

function fuzzyForm(w: string): string | undefined {
  if (w.length < 9) return undefined;
  const mask = letterMask(w);
  for (const { form, symbol, mask: formMask } of LONG_FORM_WORDS)
    if (Math.abs(form.length - w.length) <= 2 && maskBound(mask, formMask) <= 2 && editDistance(form, w, 2) <= 2)
      return symbol;
  return undefined;
}

export function tokenWeight(t: string): number {
  if (STOPWORDS.has(t)) return 0.3;
  if (/^\d+$/.test(t)) return 2;
  return Math.min(t.length, 10);
}
