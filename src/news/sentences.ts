// Sentence and clause splitting for news prose: a sentence ends at . ! ? (and a closing quote) followed by a
// capital or an opening quote, except after common abbreviations; a sentence reporting two moves ("After the
// US expanded its blacklist ..., Beijing retaliated with ...") is cut into clauses, each with its own actor.
import { ACTION_WORDS, ACTOR_WORDS, INSTRUMENT_WORDS } from './lexicon.js';

const ABBREVIATIONS =
  /\b(U\.S|U\.K|Mr|Mrs|Ms|Dr|No|Nos|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|vs|etc|Inc|Corp|Ltd|Co|Gov|Sen|Rep|e\.g|i\.e)\.$/;

export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["”’)]?(?=\s+["“‘(]?[A-Z0-9])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(paragraph))) {
    const end = m.index + m[0].length;
    const candidate = paragraph.slice(start, end);
    if (ABBREVIATIONS.test(candidate.slice(0, m.index - start + 1))) continue;
    out.push(candidate.trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

const hasAction = (s: string) => ACTION_WORDS.some(([, re]) => re.test(s));
const hasInstrument = (s: string) => INSTRUMENT_WORDS.some(([, re]) => re.test(s));
const hasActor = (s: string) => ACTOR_WORDS.some((a) => a.re.test(s));

/**
 * Clauses that each report a move (an actor, an action and an instrument). Split points: ", " and "; " and
 * " while " / " as " / " and "; a part lacking one of the three stays with its neighbour.
 */
export function splitClauses(sentence: string): string[] {
  const parts = sentence.split(/(?<=[,;])\s+|\s+(?=(?:while|whereas|and then|but)\s)/);
  if (parts.length < 2) return [sentence];
  const complete = (s: string) => hasAction(s) && hasInstrument(s) && hasActor(s);
  const clauses: string[] = [];
  let cur = '';
  for (const p of parts) {
    const next = cur ? `${cur} ${p}` : p;
    if (cur && complete(cur) && complete(p)) {
      clauses.push(cur);
      cur = p;
    } else cur = next;
  }
  if (cur) clauses.push(cur);
  // merge a trailing part without a move into the previous clause
  return clauses.length > 1 && clauses.every(complete) ? clauses : [sentence];
}
