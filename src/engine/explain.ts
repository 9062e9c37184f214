// Why a layer of a duty stack applies or not on the date asked, in words a broker reads: the measure by name and
// Chapter 99 heading ("Section 301 List 3 (9903.88.03), in force since 2018-09-24"), the instruments and dates
// that decide it, never internal record ids. Also the layer's state on that date (a duty terminated later is
// in force on an earlier date).
import type { ImporterRules, ScopeMatch } from './compile.js';
import type { LayerCore } from './evaluate.js';
import type { Measure, ProductRef } from '../ledger/schema.js';

/** The layer's standing on the date asked (not the measure's status today). */
export type StatusOnDate =
  | 'in_force'
  | 'not_yet_in_force'
  | 'ended'
  | 'suspended'
  | 'struck_down'
  | 'unconfirmed'
  | 'threatened'
  | 'never_applied'
  | 'scheduled';

export function statusOnDate(l: LayerCore, date: string): StatusOnDate {
  const m = l.cand.cm.measure;
  if (!l.cand.cm.inForce) return m.status as StatusOnDate;
  if (l.state === 'not_yet') return m.status === 'scheduled' ? 'scheduled' : 'not_yet_in_force';
  if (l.state === 'ended') return 'ended';
  if (l.state === 'suspended') return 'suspended';
  if (l.cand.cm.struckDown && l.cand.cm.struckDown.date <= date) return 'struck_down';
  if (m.status === 'unconfirmed') return 'unconfirmed';
  return 'in_force';
}

// The words that depend on a ledger record only are worked out once per record: evaluate() explains every layer
// of every stack it answers, and the regular expressions below were a quarter of its time.
const memo = <K extends object>(f: (k: K) => string) => {
  const cache = new WeakMap<K, string>();
  return (k: K): string => {
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = f(k)));
    return v;
  };
};

/** A title without its asides in parentheses. */
const withoutAsides = (title: string) => title.replace(/\s*\([^)]*\)/g, '').trim();

/** A note's first sentence, without its full stop. */
const firstSentence = (note: string) => note.split(/(?<=\.)\s/)[0]!.replace(/\.$/, '');

/** "Section 301 List 3 (9903.88.03)": the measure's title without asides, with its Chapter 99 headings. */
export const measureName = memo((m: Measure): string => {
  const title = withoutAsides(m.title);
  const headings = [...new Set(m.legal_citation.match(/\b99\d\d\.\d\d\.\d\d\b/g) ?? [])];
  return headings.length ? `${title} (${headings.join(', ')})` : title;
});

const statusNoteWords = memo((m: Measure) => (m.status_note ? firstSentence(m.status_note) : ''));
const suspensionTitle = memo((s: { title: string }) => withoutAsides(s.title));
const ruleNoteWords = memo((r: { note?: string }) => (r.note ? firstSentence(r.note) : ''));

type Ledger = ImporterRules['ledger'];
type Suspension = Ledger['suspensions'][number];
const suspensionIndex = new WeakMap<Ledger, Map<string, Suspension>>();
function suspensionById(ledger: Ledger, id: string): Suspension | undefined {
  let index = suspensionIndex.get(ledger);
  if (!index) suspensionIndex.set(ledger, (index = new Map(ledger.suspensions.map((s) => [s.id, s]))));
  return index.get(id);
}

const citationOf = (rules: ImporterRules, instrumentId: string | undefined) =>
  (instrumentId && rules.ledger.instruments.get(instrumentId)?.citation) || null;

/** "Busan truce suspension, 2025-11-10 to 2026-11-10 (90 FR …)": what suspends a layer, or ''. */
function suspensionWords(rules: ImporterRules, l: LayerCore): string {
  if (!l.suspendedBy) return '';
  const by = citationOf(rules, l.suspendedBy.instrument);
  const suspension = suspensionById(rules.ledger, l.suspendedBy.id);
  const title = suspension ? suspensionTitle(suspension) : 'a suspension';
  return `${title}, ${span(l.suspendedBy.from, l.suspendedBy.until)}${by ? ` (${by})` : ''}`;
}

/** A list or prefix a product reference names, in words: its note's first clause, else the list id made readable. */
function refLabel(ref: ProductRef | undefined, fallback: string): string {
  const note = ref?.note?.split(/[;(]/)[0]?.trim();
  if (note) return note;
  if (ref?.list) return humanList(ref.list);
  if (ref?.prefix !== undefined) return `heading ${ref.prefix}`;
  return fallback;
}

/** us_s301_list3 → "list s301 list3"-free words: "Section 301 list 3"; otherwise the id with spaces. */
function humanList(id: string): string {
  return id
    .replace(/^(us|cn)_/, '')
    .replace(/^s(\d{3})_/, 'Section $1 ')
    .replace(/^s(\d{3})$/, 'Section $1')
    .replace(/list(\d+\w*)/, 'list $1')
    .replace(/_/g, ' ')
    .trim();
}

function dotted(code: string): string {
  if (code.length <= 4) return code;
  const parts = [code.slice(0, 4), code.slice(4, 6), code.slice(6, 8), code.slice(8, 10)].filter(Boolean);
  return parts.join('.');
}

/** How the product falls in scope, when it says more than "all products". */
function scopeWords(match: ScopeMatch | null): string | null {
  if (!match) return null;
  const list = /^list \S+ \((\d+)\)$/.exec(match.via);
  if (list) return `covers ${dotted(list[1]!)}`;
  const prefix = /^prefix (\d*)$/.exec(match.via);
  if (prefix) return prefix[1] ? `covers all of ${dotted(prefix[1])}` : null;
  return null;
}

const span = (from: string | null, until: string | null) =>
  from && until ? `${from} to ${until}` : from ? `from ${from}` : until ? `until ${until}` : 'with no end date';

/** The date the layer has applied to this product from: the measure's first rate, or the product's later entry. */
function inForceSince(l: LayerCore): string {
  const first = l.cand.cm.firstDate;
  const from = l.match?.from ?? null;
  return from && from > first ? from : first;
}

export function describeLayer(rules: ImporterRules, l: LayerCore, date: string): string {
  const m = l.cand.cm.measure;
  const name = measureName(m);
  const step = l.step >= 0 ? m.schedule[l.step] : undefined;
  switch (l.state) {
    case 'applies': {
      const since = inForceSince(l);
      const parts = [`${name}, in force since ${since}`];
      const scope = scopeWords(l.match);
      if (scope) parts[0] += ` (${scope})`;
      if (step?.date && step.date > since) parts.push(`${l.statutory}% since ${step.date}`);
      if (l.suspendedBy) parts.push(`${l.statutory}% less ${suspensionWords(rules, l)}: ${l.rate}% payable`);
      if (m.rate_type === 'target_total') parts.push(`brings the total duty to ${l.rate}% (base included)`);
      if (l.cand.share !== 1)
        parts.push(
          `on ${(l.cand.share * 100).toFixed(1)}% of the value (${l.cand.shareSource ?? m.basis?.label ?? 'content share'})`,
        );
      if (l.stackedBy) parts.push(`only on the rest of the value: ${stackWords(l)}`);
      if (l.cand.cm.struckDown && l.cand.cm.struckDown.date <= date)
        parts.push(`struck down on ${l.cand.cm.struckDown.date}: assessed, not owed`);
      else if (l.cand.cm.struckDown)
        parts.push(`later struck down (${l.cand.cm.struckDown.date}): assessed, refundable`);
      for (const p of l.partial) parts.push(`an exclusion may cover some goods of this line (${partialWords(l, p)})`);
      return parts.join('; ');
    }
    case 'not_yet':
      if (!l.cand.cm.inForce) return neverInForce(name, m);
      return `${name}: not yet in force on ${date}; first rate from ${l.cand.cm.firstDate}`;
    case 'ended': {
      const by = citationOf(rules, step?.instrument);
      return `${name}: ended on ${step?.date ?? 'an earlier date'}${by ? ` (${by})` : ''}${step?.note ? `; ${step.note}` : ''}`;
    }
    case 'not_in_force':
      return neverInForce(name, m);
    case 'off_list': {
      const label = refLabel(m.products?.include?.[l.match?.refIndex ?? -1], 'the list');
      const from = l.match?.from ?? null;
      if (from && from > date) return `${name}: this line is on ${label} only from ${from}`;
      return `${name}: this line was on ${label} only ${span(from, l.match?.until ?? null)}`;
    }
    case 'excluded': {
      const x = l.excludedBy;
      const label = refLabel(m.products?.exclude?.[x?.refIndex ?? -1], x?.via ?? 'an exclusion');
      const scope = scopeWords(x);
      const rate =
        l.rate !== l.statutory ? `${l.statutory}% less ${suspensionWords(rules, l)}: ${l.rate}%` : `${l.rate}%`;
      return `${name}: excluded by ${label}${scope ? `, which ${scope}` : ''} (${span(x?.from ?? null, x?.until ?? null)}); otherwise ${rate} payable`;
    }
    case 'suspended':
      return `${name}: suspended in full by ${suspensionWords(rules, l)}`;
    case 'stacked_out':
      return `${name}: does not stack: ${stackWords(l)}`;
  }
}

function stackWords(l: LayerCore): string {
  const trigger = l.stackedTrigger;
  const rule = l.stackedRule;
  const what = trigger ? measureName(trigger.cand.cm.measure) : 'another layer';
  const share = trigger && rule?.on_share && trigger.cand.share < 1;
  const note = rule ? ruleNoteWords(rule) : '';
  return `${what} applies${share ? ` to ${Math.round(trigger.cand.share * 100)}% of the value` : ''}${note ? ` (${note})` : ''}`;
}

function partialWords(l: LayerCore, p: ScopeMatch): string {
  // a suspension's entry indexes the suspension's products, not the measure's exclusions
  const ref = p.suspension ? undefined : l.cand.cm.measure.products?.exclude?.[p.refIndex];
  const scope = scopeWords(p);
  return `${refLabel(ref, p.via)}${scope ? `, ${scope}` : ''}, ${span(p.from, p.until)}`;
}

function neverInForce(name: string, m: Measure): string {
  const why = statusNoteWords(m);
  return `${name}: ${m.status.replace('_', ' ')}, never in force${why ? ` (${why})` : ''}`;
}
