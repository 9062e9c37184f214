// Applies a scenario overlay to the baseline ledger, producing a new ledger. Every operation is validated
// before any is applied; the baseline is never mutated.
import type { Ledger } from '../ledger/ledger.js';
import type { LegalInstrument, Measure, ScheduleStep } from '../ledger/schema.js';
import type { Operation, ScenarioFile } from './schema.js';
import type { YamlSource } from '../ledger/yaml-source.js';
import { LedgerError, type LedgerIssue } from '../util/errors.js';

export interface LoadedScenario {
  scenario: ScenarioFile;
  source: YamlSource | null;
  /** Position of each operation in the file's operations list (when invalid ones were left out). */
  opIndex?: number[];
  /** Schema problems of operations left out; reported together with the reference checks. */
  issues?: LedgerIssue[];
}

/** Rate of a key (list id, or undefined for the flat rate) after the steps strictly before `date`, at `date`. */
function valueAt(steps: ScheduleStep[], date: string, list?: string): number | null | undefined {
  let v: number | null | undefined;
  for (const s of steps) {
    if (s.date > date) break;
    if (list && s.rates && list in s.rates) v = s.rates[list];
    else if (s.rate !== undefined) v = s.rate;
  }
  return v;
}

function setsKey(s: ScheduleStep, list?: string): boolean {
  return list ? s.rate !== undefined || (s.rates !== undefined && list in s.rates) : s.rate !== undefined || s.rates !== undefined;
}

/**
 * Removes the effect of steps on a key inside [from, until) (or from `from` on), keeping their other effects.
 * For a list key, a flat step in range keeps its flat rate for the other lists and pins this list's rate.
 */
function clearKey(steps: ScheduleStep[], from: string, until: string | undefined, pinned: number | null, list?: string): ScheduleStep[] {
  return steps.map((s) => {
    const inRange = s.date >= from && (until === undefined || s.date < until);
    if (!inRange || !setsKey(s, list)) return s;
    if (!list) {
      const rest: ScheduleStep = { ...s };
      delete rest.rate;
      delete rest.rates;
      return { ...rest, event: s.event === 'effective' || s.event === 'rate_change' ? 'announced' : s.event, note: `${s.note ?? ''} (rate overridden by scenario)`.trim() };
    }
    return { ...s, rates: { ...(s.rates ?? {}), [list]: pinned } };
  });
}

function insertStep(steps: ScheduleStep[], step: ScheduleStep): ScheduleStep[] {
  const same = steps.findIndex((s) => s.date === step.date);
  if (same >= 0) {
    const merged = { ...steps[same]!, ...step, rates: step.rates ? { ...(steps[same]!.rates ?? {}), ...step.rates } : steps[same]!.rates };
    if (step.rate !== undefined) merged.rates = undefined;
    return steps.map((s, i) => (i === same ? merged : s));
  }
  return [...steps, step].sort((a, b) => a.date.localeCompare(b.date));
}

function setRate(m: Measure, op: Extract<Operation, { op: 'set' }>, instrument: string): Measure {
  const original = m.schedule;
  const restore = op.until ? valueAt(original, op.until, op.list) : undefined;
  let steps = clearKey(original, op.from, op.until, op.rate, op.list);
  const mk = (date: string, value: number | null, note: string): ScheduleStep =>
    op.list
      ? { date, event: 'rate_change', rates: { [op.list]: value }, instrument, note }
      : { date, event: value === null ? 'terminated' : 'rate_change', rate: value, instrument, note };
  steps = insertStep(steps, mk(op.from, op.rate, op.note ?? 'scenario'));
  if (op.until && restore !== undefined && !original.some((s) => s.date === op.until && setsKey(s, op.list)))
    steps = insertStep(steps, mk(op.until, restore, 'scenario range ends: baseline value restored'));
  return { ...m, schedule: steps };
}

export function scenarioInstrument(s: ScenarioFile): LegalInstrument {
  return {
    id: `scenario-${s.name}`,
    kind: 'statement',
    title: `tradewar scenario "${s.name}": ${s.title}`,
    citation: `scenario ${s.name} (assumption, not law)`,
    url: s.sources[0]!,
  };
}

export function applyOverlay(base: Ledger, loaded: LoadedScenario): Ledger {
  const { scenario, source } = loaded;
  const file = source?.file ?? `${scenario.name}.yaml`;
  const at = (k: number, field?: string) => {
    const i = loaded.opIndex?.[k] ?? k;
    return source ? source.positionOf(field ? ['operations', i, field] : ['operations', i]) : { file, line: 1, column: 1 };
  };
  const issues: LedgerIssue[] = [...(loaded.issues ?? [])];

  const ledger: Ledger = {
    ...base,
    instruments: new Map(base.instruments),
    measures: structuredClone(base.measures),
    suspensions: structuredClone(base.suspensions),
    stacking: structuredClone(base.stacking),
    events: structuredClone(base.events),
    groups: base.groups,
    exclusiveLists: base.exclusiveLists,
    unmodelled: base.unmodelled,
    positions: new Map(base.positions),
    files: [...base.files, file],
  };
  const inst = scenarioInstrument(scenario);
  ledger.instruments.set(inst.id, inst);
  const measures = () => new Map(ledger.measures.map((m, i) => [m.id, i]));

  // 1. validate every operation against the baseline plus the records earlier operations add
  const known = {
    measures: new Set(base.measures.map((m) => m.id)),
    suspensions: new Map(base.suspensions.map((s) => [s.id, s])),
    events: new Set(base.events.map((e) => e.id)),
    ids: new Set([...base.positions.keys()].filter((k) => !k.includes('.'))),
  };
  scenario.operations.forEach((op, i) => {
    const need = (cond: boolean, field: string, message: string) => {
      if (!cond) issues.push({ ...at(i, field), message });
    };
    switch (op.op) {
      case 'add':
        for (const rec of [...(op.instruments ?? []), ...(op.measures ?? []), ...(op.suspensions ?? []), ...(op.events ?? []), ...(op.stacking ?? [])]) {
          need(!known.ids.has(rec.id), 'op', `add: id "${rec.id}" already exists in the baseline`);
          known.ids.add(rec.id);
        }
        for (const m of op.measures ?? []) known.measures.add(m.id);
        for (const s of op.suspensions ?? []) known.suspensions.set(s.id, s);
        for (const e of op.events ?? []) known.events.add(e.id);
        break;
      case 'set':
        need(known.measures.has(op.measure), 'measure', `set: unknown measure "${op.measure}"`);
        if (op.until) need(op.until > op.from, 'until', `set: dates out of order: until ${op.until} is not after from ${op.from}`);
        break;
      case 'disable':
      case 'patch':
        need(known.measures.has(op.measure), 'measure', `${op.op}: unknown measure "${op.measure}"`);
        break;
      case 'cancel_step': {
        need(known.measures.has(op.measure), 'measure', `cancel_step: unknown measure "${op.measure}"`);
        const m = base.measures.find((x) => x.id === op.measure);
        if (m) need(m.schedule.some((s) => s.date === op.date), 'date', `cancel_step: measure "${op.measure}" has no step on ${op.date}`);
        break;
      }
      case 'cancel_event':
        need(known.events.has(op.event), 'event', `cancel_event: unknown event "${op.event}"`);
        break;
      case 'cancel_suspension':
        need(known.suspensions.has(op.suspension), 'suspension', `cancel_suspension: unknown suspension "${op.suspension}"`);
        break;
      case 'add_step':
        need(known.measures.has(op.measure), 'measure', `add_step: unknown measure "${op.measure}"`);
        break;
      case 'end_suspension':
      case 'extend_suspension': {
        const s = known.suspensions.get(op.suspension);
        need(s !== undefined, 'suspension', `${op.op}: unknown suspension "${op.suspension}"`);
        if (s && op.op === 'end_suspension')
          need(op.on > s.periods[0]!.from, 'on', `end_suspension: ${op.on} is not after the suspension starts (${s.periods[0]!.from})`);
        if (s && op.op === 'extend_suspension') {
          const last = s.periods[s.periods.length - 1]!;
          need(last.until !== null, 'suspension', 'extend_suspension: the suspension has no end date to extend');
          need(last.until === null || op.until > last.until, 'until', `extend_suspension: ${op.until} is not after the current end ${last.until}`);
        }
        break;
      }
    }
  });
  if (issues.length) throw new LedgerError(issues.sort((a, b) => a.line - b.line || a.column - b.column));

  // 2. apply in order
  scenario.operations.forEach((op, i) => {
    const pos = at(i);
    const idx = 'measure' in op ? measures().get(op.measure) : undefined;
    switch (op.op) {
      case 'add':
        for (const r of op.instruments ?? []) ledger.instruments.set(r.id, r);
        ledger.measures.push(...structuredClone(op.measures ?? []));
        ledger.suspensions.push(...structuredClone(op.suspensions ?? []));
        ledger.stacking.push(...structuredClone(op.stacking ?? []));
        ledger.events.push(...structuredClone(op.events ?? []));
        for (const r of [...(op.instruments ?? []), ...(op.measures ?? []), ...(op.suspensions ?? []), ...(op.events ?? []), ...(op.stacking ?? [])])
          ledger.positions.set(r.id, pos);
        break;
      case 'set':
        ledger.measures[idx!] = setRate(ledger.measures[idx!]!, op, inst.id);
        break;
      case 'disable':
        ledger.measures[idx!] = op.from
          ? setRate(ledger.measures[idx!]!, { op: 'set', measure: op.measure, from: op.from, rate: null, note: op.note ?? 'disabled by scenario' }, inst.id)
          : { ...ledger.measures[idx!]!, status: 'never_applied', status_note: op.note ?? `disabled by scenario ${scenario.name}` };
        break;
      case 'patch': {
        const m = ledger.measures[idx!]!;
        ledger.measures[idx!] = {
          ...m,
          status: op.status ?? m.status,
          status_note: op.status_note ?? m.status_note,
          basis: op.basis_share !== undefined ? { kind: 'content_share', share: op.basis_share, label: m.basis?.label, note: `share set by scenario ${scenario.name}` } : m.basis,
        };
        break;
      }
      case 'cancel_step': {
        const m = ledger.measures[idx!]!;
        ledger.measures[idx!] = { ...m, schedule: m.schedule.filter((s) => s.date !== op.date) };
        break;
      }
      case 'cancel_event':
        ledger.events = ledger.events.filter((e) => e.id !== op.event);
        break;
      case 'cancel_suspension':
        ledger.suspensions = ledger.suspensions.filter((x) => x.id !== op.suspension);
        ledger.events = ledger.events.map((e) => (e.related?.includes(op.suspension) ? { ...e, related: e.related.filter((r) => r !== op.suspension) } : e));
        break;
      case 'add_step': {
        const m = ledger.measures[idx!]!;
        ledger.measures[idx!] = {
          ...m,
          schedule: insertStep(m.schedule, { date: op.date, event: op.event, instrument: inst.id, note: op.note ?? `added by scenario ${scenario.name}` }),
        };
        break;
      }
      case 'end_suspension': {
        const s = ledger.suspensions.find((x) => x.id === op.suspension)!;
        s.periods = s.periods
          .filter((p) => p.from < op.on)
          .map((p) => (p.until === null || p.until > op.on ? { ...p, until: op.on, note: `ended by scenario ${scenario.name}` } : p));
        break;
      }
      case 'extend_suspension': {
        const s = ledger.suspensions.find((x) => x.id === op.suspension)!;
        const last = s.periods[s.periods.length - 1]!;
        s.periods = [...s.periods, { from: last.until!, until: op.until, instrument: inst.id, note: `extension assumed by scenario ${scenario.name}` }];
        break;
      }
    }
  });
  return ledger;
}
