// Statements of measures and events in article prose: per clause and instrument mentioned, the action, the
// actor, the rate, the product scope words, the countries and the dates (absolute, or relative to the
// publication date: "from November 1", "next week"), with the sentence as evidence.
import * as chrono from 'chrono-node';
import { isDateInRange } from '../util/dates.js';
import {
  ACTION_WORDS,
  ACTOR_WORDS,
  CONDITIONAL,
  COUNTRY_WORDS,
  INSTRUMENT_WORDS,
  PRODUCT_WORDS,
  type Action,
  type Instrument,
} from './lexicon.js';
import { splitClauses, splitSentences } from './sentences.js';

export interface StatementDate {
  text: string;
  date: string;
  /** End of a range ("from May to September"). */
  until?: string;
  /** Relative to the publication date ("next week", "on Thursday"). */
  relative: boolean;
  /** Only the month (or week) is known, not the day. */
  approximate: boolean;
}

export interface Statement {
  sentence: string;
  clause: string;
  actor: 'US' | 'CN' | 'both' | null;
  action: Action;
  instrument: Instrument;
  rate_pct?: number;
  dates: StatementDate[];
  products: string[];
  countries: string[];
  /** Conditional or prospective wording (if, could, will, likely...). */
  conditional: boolean;
  /** Wording that says the move happened (imposed, took effect...), as opposed to announced or planned. */
  definite: boolean;
}

const DEFINITE =
  /\b(imposed|took effect|came into (force|effect)|in effect|began collecting|slapped|levied|added|expanded|tightened|retaliated|held|concluded|met|signed|agreed|suspended|extended|lifted)\b/i;
const RELATIVE =
  /\b(next|last|this|coming|later|tomorrow|yesterday|today|ago|week|weekend|(mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;
const TARGET_BEFORE = /(\b(on|to|against|from|towards?|into|at|for|of)\s+|[-–])$/i;

const iso = (d: Date) =>
  `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function findAll(re: RegExp, text: string): Array<{ index: number; text: string }> {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: Array<{ index: number; text: string }> = [];
  let m: RegExpExecArray | null;
  while ((m = g.exec(text))) {
    out.push({ index: m.index, text: m[0] });
    if (m[0].length === 0) g.lastIndex++;
  }
  return out;
}

export function datesIn(clause: string, published: string): StatementDate[] {
  const ref = new Date(`${published}T12:00:00`);
  const prospective = CONDITIONAL.test(clause);
  const back = chrono.parse(clause, ref);
  const fwd = chrono.parse(clause, ref, { forwardDate: true });
  const out: StatementDate[] = [];
  back.forEach((r, i) => {
    const relative = RELATIVE.test(r.text) && !r.start.isCertain('month');
    const pick = relative && prospective && fwd[i] && fwd[i]!.index === r.index ? fwd[i]! : r;
    if (!pick.start.isCertain('month') && !relative && !/\b\d{4}\b/.test(pick.text)) return; // e.g. a bare weekday in past prose
    if (!isDateInRange(iso(pick.start.date()))) return; // "in 9999", "0050-01-01": no date a measure takes effect on
    const d: StatementDate = {
      text: pick.text.replace(/[,.]$/, ''),
      date: iso(pick.start.date()),
      relative: relative || RELATIVE.test(pick.text),
      approximate:
        /\bweek\b/i.test(pick.text) ||
        (!pick.start.isCertain('day') && !/(mon|tues|wednes|thurs|fri|satur|sun)day/i.test(pick.text)),
    };
    if (pick.end && isDateInRange(iso(pick.end.date()))) d.until = iso(pick.end.date());
    out.push(d);
  });
  return out;
}

function actorFor(clause: string, at: number): Statement['actor'] {
  const mentions: Array<{ index: number; side: 'US' | 'CN' | 'both' }> = [];
  const both = findAll(ACTOR_WORDS.find((a) => a.side === 'both')!.re, clause);
  const insideBoth = (i: number) => both.some((b) => i >= b.index && i < b.index + b.text.length);
  for (const a of ACTOR_WORDS)
    for (const m of findAll(a.re, clause)) {
      if (a.side !== 'both' && insideBoth(m.index)) continue;
      if (a.side !== 'both' && TARGET_BEFORE.test(clause.slice(0, m.index))) continue;
      if (a.side !== 'both' && /^[-–]/.test(clause.slice(m.index + m.text.length))) continue; // "US-China talks"
      mentions.push({ index: m.index, side: a.side });
    }
  // possessives name the owner of the measure: "China's rare earth controls", "U.S. technology export curbs"
  for (const m of findAll(/\bChina['’]s\b/, clause)) mentions.push({ index: m.index, side: 'CN' });
  for (const m of findAll(/\b(U\.S\.|US|American)(?= (technology|export|tariffs?|chip))/, clause))
    mentions.push({ index: m.index, side: 'US' });
  for (const m of findAll(/\bChinese (purchases|buying|imports of US)/, clause))
    mentions.push({ index: m.index, side: 'CN' });
  const before = mentions.filter((m) => m.index <= at).sort((a, b) => b.index - a.index);
  if (before.length) return before[0]!.side;
  const after = mentions.sort((a, b) => a.index - b.index);
  return after[0]?.side ?? null;
}

function actionFor(clause: string, instrument: Instrument, at: number): Action | null {
  const found: Array<{ action: Action; index: number }> = [];
  for (const [action, re] of ACTION_WORDS) for (const m of findAll(re, clause)) found.push({ action, index: m.index });
  if (!found.length) return instrument === 'talks' ? 'meet' : null;
  // an investigation or a threat colours the whole clause
  if (found.some((f) => f.action === 'investigate') && instrument !== 'talks') return 'investigate';
  if (found.some((f) => f.action === 'threaten') && instrument === 'tariff') return 'threaten';
  if (instrument === 'purchase' && /\b(resum|promis|commit|pledg|agree)/i.test(clause)) return 'agree';
  if (instrument === 'talks') {
    const talkish = found.filter((f) => ['meet', 'agree', 'suspend', 'extend'].includes(f.action));
    const nearest = talkish.sort((a, b) => Math.abs(a.index - at) - Math.abs(b.index - at))[0];
    return nearest?.action === 'agree' && !/\bmeet|talks|summit/i.test(clause.slice(Math.max(0, at - 5), at + 12))
      ? 'agree'
      : 'meet';
  }
  const candidates = found.filter((f) => f.action !== 'meet');
  if (!candidates.length) return null;
  if (
    candidates.some((f) => f.action === 'threaten' && f.index <= at && at - f.index <= 60) &&
    instrument === 'export control'
  )
    return 'threaten';
  // the nearest action word before the instrument, else after it
  const before = candidates.filter((f) => f.index <= at).sort((a, b) => b.index - a.index)[0];
  const chosen = before ?? candidates.sort((a, b) => a.index - b.index)[0]!;
  if (chosen.action === 'impose' && CONDITIONAL.test(clause) && instrument === 'tariff') return 'threaten';
  return chosen.action;
}

function rateIn(clause: string): number | undefined {
  const m = /(\d{1,4}(?:\.\d+)?)\s*(%|percent\b|per cent\b)/i.exec(clause);
  return m ? Number(m[1]) : undefined;
}

export function extractStatements(paragraphs: string[], published: string): Statement[] {
  const out: Statement[] = [];
  for (const p of paragraphs)
    for (const sentence of splitSentences(p))
      for (const clause of splitClauses(sentence)) {
        const seen = new Set<Instrument>();
        const mentions = INSTRUMENT_WORDS.flatMap(([instrument, re]) =>
          findAll(re, clause).map((m) => ({ instrument, index: m.index, text: m.text })),
        ).sort((a, b) => a.index - b.index);
        // a mention inside a more specific one ("export controls on rare earth" vs "talks") is kept once
        for (const m of mentions) {
          if (seen.has(m.instrument)) continue;
          if (
            m.instrument === 'purchase' &&
            /^soybeans?$/i.test(m.text) &&
            !/\b(purchas|buy|bought|import)/i.test(clause)
          )
            continue;
          if (
            m.instrument !== 'talks' &&
            /\b(discuss(ed|ing)?|agenda includes|talked about|cover(ed)?)\b[^.;]{0,50}$/i.test(clause.slice(0, m.index))
          )
            continue; // tariffs or controls as a topic of talks: the talks are the statement
          // a measure described without a verb ("Beijing's restrictions on rare earth exports") is one in place
          const action =
            actionFor(clause, m.instrument, m.index) ??
            (m.instrument !== 'talks' && /\b(China|Beijing|US|U\.S\.|Washington)['’]s\b/.test(clause)
              ? 'impose'
              : null);
          if (!action) continue;
          seen.add(m.instrument);
          const s: Statement = {
            sentence,
            clause,
            actor: actorFor(clause, m.index),
            action,
            instrument: m.instrument,
            dates: datesIn(clause, published),
            products: PRODUCT_WORDS.filter(([, re]) => re.test(clause)).map(([w]) => w),
            countries: COUNTRY_WORDS.filter(([, re]) => re.test(clause)).map(([c]) => c),
            conditional: CONDITIONAL.test(clause),
            definite: DEFINITE.test(clause) && !CONDITIONAL.test(clause),
          };
          const rate = m.instrument === 'tariff' ? rateIn(clause) : undefined;
          if (rate !== undefined) s.rate_pct = rate;
          out.push(s);
        }
      }
  return out;
}
