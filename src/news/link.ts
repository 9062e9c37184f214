// Links a statement to the ledger: `known` (a measure, suspension or event matches; its id), `new` (nothing
// matches), `contradicts` (a record matches but the ledger says otherwise: rate, date or status), each with the
// reason. Matching is explained: kind and side must fit; topics shared, dates near and rates equal add up.
import type { Ledger } from '../ledger/ledger.js';
import type { InstrumentKind } from '../ledger/schema.js';
import { addDays, daysBetween } from '../util/dates.js';
import { TOPICS, type Instrument } from './lexicon.js';
import type { Statement } from './extract.js';

export type LinkStatus = 'known' | 'new' | 'contradicts';

export interface Link {
  status: LinkStatus;
  ledger_id?: string;
  reason: string;
}

interface Candidate {
  id: string;
  what: 'measure' | 'suspension' | 'event';
  side: 'US' | 'CN' | 'both';
  kinds: Set<string>;
  text: string;
  dates: string[];
  /** Dates at which the thing starts or was scheduled to (effective / expected steps, event days). */
  startDates: string[];
  rates: number[];
  status: string;
  threatened: boolean;
}

const KINDS_FOR: Record<Instrument, InstrumentKind[]> = {
  tariff: ['ad_valorem', 'specific'],
  'export control': ['export_control'],
  'entity listing': ['entity_listing', 'export_control'],
  'port fee': ['port_fee'],
  purchase: ['purchase_commitment'],
  talks: [],
};

const EVENT_KINDS_FOR_TALKS = new Set(['talks', 'summit', 'truce', 'agreement']);

function candidates(ledger: Ledger): Candidate[] {
  const out: Candidate[] = [];
  const byId = new Map(ledger.measures.map((m) => [m.id, m]));
  for (const m of ledger.measures) {
    const steps = m.schedule;
    out.push({
      id: m.id,
      what: 'measure',
      side: m.imposer === 'US' ? 'US' : m.imposer === 'CN' ? 'CN' : 'both',
      kinds: new Set([m.instrument]),
      text: [
        m.title,
        m.status_note,
        m.note,
        m.legal_citation,
        ...steps.map((s) => s.note),
        ...steps.flatMap((s) => (s.amounts ?? []).map((a) => `${a.unit} ${a.note ?? ''}`)),
      ]
        .filter(Boolean)
        .join(' '),
      dates: steps.map((s) => s.date),
      startDates: steps.filter((s) => s.event === 'effective' || s.event === 'expected').map((s) => s.date),
      rates: steps
        .flatMap((s) => [s.rate, ...Object.values(s.rates ?? {})])
        .filter((r): r is number => typeof r === 'number'),
      status: m.status,
      threatened: m.status === 'threatened' || m.status === 'never_applied',
    });
  }
  for (const s of ledger.suspensions) {
    const first = byId.get(s.measures[0]!);
    out.push({
      id: s.id,
      what: 'suspension',
      side: first?.imposer === 'US' ? 'US' : first?.imposer === 'CN' ? 'CN' : 'both',
      kinds: new Set(s.measures.map((id) => byId.get(id)?.instrument ?? '').filter(Boolean)),
      text: [s.title, s.note, ...s.periods.map((p) => p.note)].filter(Boolean).join(' '),
      dates: s.periods.flatMap((p) => [p.from, ...(p.until ? [p.until] : [])]),
      startDates: s.periods.map((p) => p.from),
      rates: [],
      status: s.status ?? 'in_force',
      threatened: false,
    });
  }
  for (const e of ledger.events)
    out.push({
      id: e.id,
      what: 'event',
      side: e.side,
      kinds: new Set([`event:${e.kind}`]),
      text: [e.title, e.summary].filter(Boolean).join(' '),
      // a multi-day event (talks over a weekend) spans its days; a truce period is not a date of the event
      dates: [e.date, ...(e.end_date && daysBetween(e.date, e.end_date) <= 7 ? [e.end_date] : [])],
      startDates: [e.date],
      rates: [],
      status: e.status ?? 'in_force',
      threatened: e.kind === 'threat',
    });
  return out;
}

const topicsOf = (text: string) => new Set(TOPICS.filter(([, re]) => re.test(text)).map(([t]) => t));

function kindFits(s: Statement, c: Candidate, published: string): boolean {
  // something said to have been imposed already existed when the article was written
  if (s.action === 'impose' && !s.conditional && !c.dates.some((d) => d <= published)) return false;
  if (s.action === 'investigate') return c.kinds.has('investigation');
  if (s.instrument === 'purchase')
    return (
      c.kinds.has('purchase_commitment') || [...c.kinds].some((k) => k === 'event:agreement' || k === 'event:truce')
    );
  if (s.instrument === 'talks' || s.action === 'meet' || s.action === 'agree')
    return [...c.kinds].some((k) => k.startsWith('event:') && EVENT_KINDS_FOR_TALKS.has(k.slice(6)));
  const kinds = KINDS_FOR[s.instrument];
  if (s.action === 'threaten' && c.kinds.has('event:threat')) return true;
  if ((s.action === 'suspend' || s.action === 'extend' || s.action === 'lift') && c.what === 'suspension')
    return kinds.some((k) => c.kinds.has(k));
  return c.what === 'measure' && kinds.some((k) => c.kinds.has(k));
}

const sideFits = (s: Statement, c: Candidate) =>
  s.actor === null || s.actor === 'both' || c.side === 'both' || s.actor === c.side;

/** Days between a statement date (or range) and the nearest of the record's dates. */
function nearestDays(s: Statement, dates: string[]): number | null {
  let best: number | null = null;
  for (const d of s.dates)
    for (const r of dates) {
      const lo = d.date;
      const hi = d.until ?? (d.approximate ? (/week/i.test(d.text) ? addDays(d.date, 7) : endOfMonth(d.date)) : d.date);
      const gap = r < lo ? daysBetween(r, lo) : r > hi ? daysBetween(hi, r) : 0;
      if (best === null || gap < best) best = gap;
    }
  return best;
}

function endOfMonth(d: string): string {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

/** Topics that identify talks and meetings (places, people, agreements) rather than what was discussed. */
const TALK_TOPICS = new Set([
  'kuala lumpur',
  'busan',
  'geneva',
  'london',
  'truce',
  'phase one',
  'fentanyl',
  'soybean',
  'rare earth',
]);

const nearest = (dates: string[], day: string) => Math.min(...dates.map((d) => Math.abs(daysBetween(d, day))));

interface Scored {
  c: Candidate;
  score: number;
  topics: string[];
  days: number | null;
}

function score(s: Statement, c: Candidate, published: string): Scored {
  const st = topicsOf(`${s.clause}`);
  const ct = topicsOf(c.text);
  const topics = [...st].filter((t) => ct.has(t) && (c.what !== 'event' || TALK_TOPICS.has(t)));
  const days = nearestDays(s, c.dates);
  let sc = topics.length * 3;
  if (days !== null) sc += days <= 3 ? 3 : days <= 15 ? 2 : days <= 45 ? 1 : 0;
  if (s.rate_pct !== undefined && c.rates.includes(s.rate_pct)) sc += 2;
  // recency: records dated within a year before the article (or scheduled after it) are likelier subjects
  const recent = c.dates.some((d) => d <= addDays(published, 60) && d >= addDays(published, -365));
  if (recent) sc += 1;
  if (c.dates.some((d) => Math.abs(daysBetween(d, published)) <= 30)) sc += 1;
  if (c.what === 'measure' && s.instrument !== 'talks') sc += 1;
  if (s.actor !== null && s.actor !== 'both' && s.actor === c.side) sc += 1;
  return { c, score: sc, topics, days };
}

export function linkStatement(s: Statement, ledger: Ledger, published: string, pool = candidates(ledger)): Link {
  const fits = pool.filter((c) => kindFits(s, c, published) && sideFits(s, c));
  const scored = fits
    .map((c) => score(s, c, published))
    .sort((a, b) => b.score - a.score || a.c.id.localeCompare(b.c.id));
  // a rate alone does not identify a record; an event months away from the statement's dates is another event
  const best = scored.find(
    (x) =>
      (x.topics.length > 0 || (x.days !== null && x.days <= 15)) &&
      !(x.c.what === 'event' && x.days !== null && x.days > 60),
  );
  if (!best && s.instrument === 'talks' && s.dates.length === 0) {
    // "the talks were constructive": talks the ledger dates within a week of the article
    const near = scored
      .filter((x) => x.c.dates.some((d) => Math.abs(daysBetween(d, published)) <= 7))
      .sort((a, b) => nearest(a.c.dates, published) - nearest(b.c.dates, published) || a.c.id.localeCompare(b.c.id))[0];
    if (near)
      return {
        status: 'known',
        ledger_id: near.c.id,
        reason: `talks named without place or date: the ledger's talks nearest the publication date (${near.c.id}, ${near.c.dates.join('/')})`,
      };
  }
  if (!best) {
    const generic = fits.filter(
      (c) => c.dates.some((d) => d <= published) && s.products.every((p) => p === 'all Chinese goods'),
    );
    if (generic.length && s.dates.length === 0 && s.rate_pct === undefined)
      return {
        status: 'known',
        reason:
          `general statement: ${generic.length} ${s.actor ?? ''} ${s.instrument} record(s) in the ledger before ${published} (e.g. ${generic
            .slice(0, 3)
            .map((g) => g.id)
            .join(', ')}); no single one is named`.replace(/\s+/g, ' '),
      };
    return {
      status: 'new',
      reason: fits.length
        ? `no ${s.instrument} record shares a topic, a date or the rate with this statement`
        : `no ledger record of this kind (${s.action} ${s.instrument}${s.actor ? ` by ${s.actor}` : ''})`,
    };
  }
  const c = best.c;
  const why = [
    best.topics.length ? `topics ${best.topics.join(', ')}` : null,
    best.days !== null && best.days <= 15 ? `dates within ${best.days} days` : null,
    s.rate_pct !== undefined && c.rates.includes(s.rate_pct) ? `rate ${s.rate_pct}%` : null,
  ]
    .filter(Boolean)
    .join('; ');
  // contradictions: the ledger says otherwise
  if (s.rate_pct !== undefined && c.rates.length && !c.rates.includes(s.rate_pct) && s.instrument === 'tariff')
    return {
      status: 'contradicts',
      ledger_id: c.id,
      reason: `rate: the article says ${s.rate_pct}%, the ledger's ${c.id} has ${[...new Set(c.rates)].join('%, ')}% (${why})`,
    };
  const exact = s.dates.filter((d) => !d.approximate && !d.until);
  if (exact.length && c.startDates.length && (s.instrument !== 'talks' || c.what === 'event')) {
    const gap = Math.min(...exact.flatMap((d) => c.dates.map((r) => Math.abs(daysBetween(r, d.date)))));
    const eventRange =
      c.what === 'event' && c.dates.length === 2 && exact.some((d) => d.date >= c.dates[0]! && d.date <= c.dates[1]!);
    const tolerance = c.what === 'event' ? 1 : 3;
    if (gap > tolerance && !eventRange && best.topics.length > 0)
      return {
        status: 'contradicts',
        ledger_id: c.id,
        reason: `date: the article says ${exact.map((d) => d.date).join(', ')}, the ledger's ${c.id} has ${c.dates.join(', ')} (${why})`,
      };
  }
  if (s.definite && s.action === 'impose' && c.threatened && s.instrument === 'tariff')
    return {
      status: 'contradicts',
      ledger_id: c.id,
      reason: `status: the article says it was imposed, the ledger's ${c.id} is ${c.status} (${why})`,
    };
  if (
    s.action === 'threaten' &&
    c.what === 'measure' &&
    c.status === 'in_force' &&
    !c.threatened &&
    c.dates.every((d) => d < published) &&
    best.topics.length === 0
  )
    return {
      status: 'known',
      ledger_id: c.id,
      reason: `matches ${c.what} ${c.id} (${why}); the ledger has it in force`,
    };
  return { status: 'known', ledger_id: c.id, reason: `matches ${c.what} ${c.id} (${why})` };
}

export function linkStatements(statements: Statement[], ledger: Ledger, published: string): Link[] {
  const pool = candidates(ledger);
  return statements.map((s) => linkStatement(s, ledger, published, pool));
}
