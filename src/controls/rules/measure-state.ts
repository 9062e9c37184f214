// The state of an export-control measure on a date, read from the ledger (so scenario overlays apply): in force,
// suspended (by which record, until when), not yet effective, only announced, threatened, or ended — and the
// segments of that state over time for the controls timeline.
import type { Ledger } from '../../ledger/ledger.js';
import type { Measure } from '../../ledger/schema.js';
import { endUnconfirmed } from '../../ledger/unconfirmed.js';

export type ControlState = 'in_force' | 'suspended' | 'not_yet_effective' | 'announced_only' | 'threatened' | 'ended';

export interface SuspensionRef {
  id: string;
  title: string;
  from: string;
  until: string | null;
  citation: string;
  source: string;
  /** The end was only scheduled (no source confirms it came or was extended). */
  expected_end: boolean;
}

export interface MeasureState {
  measure: string;
  title: string;
  imposer: string;
  citation: string;
  source: string;
  state: ControlState;
  in_force: boolean;
  /** When the measure (or its prong) took effect, if it has by then or is scheduled to. */
  effective: string | null;
  suspension: SuspensionRef | null;
  /** One sentence: why this state on this date. */
  reason: string;
}

const STARTS = new Set(['effective', 'rate_change', 'resumed']);
const ENDS = new Set(['terminated', 'struck_down']);

function effectiveDates(m: Measure, appliesFrom?: string): string[] {
  const dates = m.schedule.filter((s) => STARTS.has(s.event) && !s.expected && s.rate !== null).map((s) => s.date);
  if (!appliesFrom) return dates;
  const later = dates.map((d) => (d < appliesFrom ? appliesFrom : d));
  return [...new Set(later)].sort();
}

function endDate(m: Measure): string | null {
  const s = m.schedule.find((x) => ENDS.has(x.event) || x.rate === null);
  return s ? s.date : null;
}

export function suspensionOn(ledger: Ledger, measureId: string, date: string): SuspensionRef | null {
  for (const s of ledger.suspensions) {
    if (!s.measures.includes(measureId) || s.effect.kind !== 'full') continue;
    for (const p of s.periods)
      if (p.from <= date && (p.until === null || date < p.until)) {
        const inst = ledger.instruments.get(p.instrument);
        return {
          id: s.id,
          title: s.title,
          from: p.from,
          until: p.until,
          citation: inst?.citation ?? p.instrument,
          source: inst?.url ?? s.sources[0]!,
          expected_end: endUnconfirmed(p),
        };
      }
  }
  return null;
}

export function measureStateOn(ledger: Ledger, m: Measure, date: string, appliesFrom?: string): MeasureState {
  const firstStep = m.schedule[0]!;
  const inst = ledger.instruments.get(firstStep.instrument);
  const base = {
    measure: m.id,
    title: m.title,
    imposer: m.imposer,
    citation: m.legal_citation,
    source: inst?.url ?? m.sources[0]!,
  };
  const eff = effectiveDates(m, appliesFrom);
  const started = eff.filter((d) => d <= date);
  const effective = started.length ? started[started.length - 1]! : (eff[0] ?? null);
  const ended = endDate(m);
  if (m.status === 'threatened' || m.status === 'never_applied')
    return {
      ...base,
      state: 'threatened',
      in_force: false,
      effective: null,
      suspension: null,
      reason: `${m.status === 'threatened' ? 'threatened' : 'never applied'}: ${m.status_note ?? 'no implementing act'}`,
    };
  if (ended && ended <= date)
    return { ...base, state: 'ended', in_force: false, effective, suspension: null, reason: `ended on ${ended}` };
  if (started.length === 0) {
    const announced = m.schedule.find((s) => s.event === 'announced' && s.date <= date);
    const susp = suspensionOn(ledger, m.id, date);
    if (eff.length)
      return {
        ...base,
        state: 'not_yet_effective',
        in_force: false,
        effective: eff[0]!,
        suspension: susp,
        reason: `not yet effective: takes effect on ${eff[0]}${appliesFrom ? ' (this prong)' : ''}`,
      };
    return {
      ...base,
      state: announced ? 'announced_only' : 'not_yet_effective',
      in_force: false,
      effective: null,
      suspension: susp,
      reason: announced
        ? `announced on ${announced.date}; no effective date in the ledger${m.status_note ? ` (${m.status_note})` : ''}`
        : 'not yet announced on this date',
    };
  }
  const susp = suspensionOn(ledger, m.id, date);
  if (susp)
    return {
      ...base,
      state: 'suspended',
      in_force: false,
      effective,
      suspension: susp,
      reason: `effective ${effective}, suspended from ${susp.from} until ${susp.until ?? 'further notice'} by ${susp.citation}${susp.expected_end ? ' (scheduled end; whether it was extended is unconfirmed)' : ''}`,
    };
  const past = ledger.suspensions
    .filter((s) => s.measures.includes(m.id))
    .flatMap((s) => s.periods)
    .filter((p) => p.until !== null && p.until <= date)
    .sort((a, b) => (a.until! < b.until! ? 1 : -1))[0];
  return {
    ...base,
    state: 'in_force',
    in_force: true,
    effective,
    suspension: null,
    reason: `in force since ${effective}${past ? `; its suspension ended on ${past.until}${past.expected_end ? ' (scheduled end, assumed — an extension is unconfirmed)' : ''}` : ''}`,
  };
}

export interface StateSegment {
  from: string;
  until: string | null;
  state: ControlState;
  reason: string;
}

/** The measure's state as segments [from, until) from its first date to the open future. */
export function stateSegments(ledger: Ledger, m: Measure, appliesFrom?: string): StateSegment[] {
  const dates = new Set<string>();
  for (const s of m.schedule) dates.add(s.date);
  if (appliesFrom) dates.add(appliesFrom);
  for (const s of ledger.suspensions)
    if (s.measures.includes(m.id))
      for (const p of s.periods) {
        dates.add(p.from);
        if (p.until) dates.add(p.until);
      }
  const sorted = [...dates].sort();
  const out: StateSegment[] = [];
  for (const d of sorted) {
    const st = measureStateOn(ledger, m, d, appliesFrom);
    const last = out[out.length - 1];
    if (last && last.state === st.state) continue;
    if (last) last.until = d;
    out.push({ from: d, until: null, state: st.state, reason: st.reason });
  }
  return out;
}
