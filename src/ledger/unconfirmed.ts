// The ledger's unconfirmed items (ADR 82): suspension ends and schedule steps that no source confirms. Each one
// names the measures whose rates it moves, the date from which figures depend on it, the assumption the baseline
// makes, what would confirm it, and the scenario operation that flips the assumption (the alternative branch).
import type { Ledger } from './ledger.js';
import type { Suspension } from './schema.js';
import type { Operation } from '../scenarios/schema.js';

export interface UnconfirmedItem {
  /** The suspension id (suspension end) or `measure@date` (schedule step). */
  id: string;
  kind: 'suspension_end' | 'step';
  /** Figures on or after this date depend on the item. */
  date: string;
  /** Measures whose rates the item moves. */
  measures: string[];
  /** What the baseline assumes: "assumes the … lapsed on 2026-11-10 (unconfirmed)". */
  assumption: string;
  /** The other branch in words: "if it was extended to 2027-11-10". */
  alternative: string;
  /** What would confirm it. */
  confirm_by: string;
  /** The scenario operation that flips the assumption. */
  operation: Operation;
  /**
   * Whether flipping it can move a statutory total: false for a suspension whose product entries are all partial
   * (they move the expected rate only, ADR 9), so statutory figures skip it without computing the alternative.
   */
  statutory: boolean;
  /** A source URL of the record (the flipped branch's scenario instrument cites it). */
  source: string;
}

type Period = Suspension['periods'][number];

/** Whether a suspension period's end is scheduled but unconfirmed (`confirmed: false`, or the older `expected_end`). */
export function endUnconfirmed(p: Period): boolean {
  return p.until !== null && (p.confirmed === false || p.expected_end === true);
}

/** The period a suspension lapses at without confirmation (its last), or null. */
export function unconfirmedEnd(s: Suspension): Period | null {
  const last = s.periods[s.periods.length - 1];
  return last && endUnconfirmed(last) ? last : null;
}

const GENERIC_CONFIRM = 'a text extending the suspension, or one confirming that it ended';

/** The title in lower case without its asides: "the suspension of 24 of China's 34 points on US goods". */
function named(title: string): string {
  const t = title.replace(/\s*\([^)]*\)/g, '').trim();
  return /^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
}

const oneYearLater = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;

const memo = new WeakMap<Ledger, UnconfirmedItem[]>();

/** Every unconfirmed suspension end and step of the ledger (computed once per ledger). */
export function unconfirmedItems(ledger: Ledger): UnconfirmedItem[] {
  const hit = memo.get(ledger);
  if (hit) return hit;
  const out: UnconfirmedItem[] = [];
  for (const s of ledger.suspensions) {
    const end = unconfirmedEnd(s);
    if (!end) continue;
    const until = end.until!;
    const extended = oneYearLater(until);
    out.push({
      id: s.id,
      kind: 'suspension_end',
      date: until,
      measures: s.measures,
      assumption: `assumes the ${named(s.title)} lapsed on ${until} (unconfirmed)`,
      alternative: `if it was extended (to ${extended})`,
      confirm_by: end.confirm_by ?? GENERIC_CONFIRM,
      operation: { op: 'extend_suspension', suspension: s.id, until: extended },
      statutory: s.products?.all === true || (s.products?.include ?? [{ partial: false }]).some((r) => !r.partial),
      source: s.sources[0]!,
    });
  }
  for (const m of ledger.measures)
    for (const step of m.schedule) {
      if (step.confirmed !== false) continue;
      out.push({
        id: `${m.id}@${step.date}`,
        kind: 'step',
        date: step.date,
        measures: [m.id],
        assumption: `assumes the ${step.event.replace('_', ' ')} of ${m.id} on ${step.date} happened (unconfirmed)`,
        alternative: 'if it did not happen',
        confirm_by: step.confirm_by ?? 'a text confirming the step',
        operation: { op: 'cancel_step', measure: m.id, date: step.date },
        statutory: true,
        source: m.sources[0]!,
      });
    }
  out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  memo.set(ledger, out);
  return out;
}

/** Items figures on `date` may depend on through any of `measures` (the cheap check before an alternative). */
export function itemsFor(ledger: Ledger, date: string, measures: (id: string) => boolean): UnconfirmedItem[] {
  return unconfirmedItems(ledger).filter((i) => i.date <= date && i.measures.some(measures));
}
