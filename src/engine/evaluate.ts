// evaluate(product, origin, destination, date): the base rate, every candidate layer (measure, authority, rate,
// applies or not and why, source) and the total. Stacking comes from the ledger's rules.
import type { Candidate, CompiledMeasure, ImporterRules, ScopeMatch } from './compile.js';
import { rateAt } from './compile.js';
import { inInterval } from '../util/dates.js';
import type { BaseRateRow } from '../datasets/datasets.js';
import type { Layer, Stack } from '../contract/answers.js';
import type { StackingRule } from '../ledger/schema.js';
import { describeLayer, statusOnDate } from './explain.js';
import { endUnconfirmed } from '../ledger/unconfirmed.js';
export type { Layer, Stack };

export type LayerState =
  'applies' | 'not_yet' | 'ended' | 'not_in_force' | 'off_list' | 'excluded' | 'suspended' | 'stacked_out';

export interface LayerCore {
  cand: Candidate;
  state: LayerState;
  rate: number; // after suspension
  statutory: number; // before suspension
  contribution: number;
  step: number;
  match: ScopeMatch | null;
  excludedBy: ScopeMatch | null;
  suspendedBy: { id: string; from: string; until: string | null; instrument: string } | null;
  stackedBy: string | null;
  /** The stacking rule that took the layer out (or to the rest of the value), and the layer that triggered it. */
  stackedRule: StackingRule | null;
  stackedTrigger: LayerCore | null;
  /** Exclusions or suspensions that cover only some goods of the line, active on the date. */
  partial: ScopeMatch[];
  /** Share of the line's goods expected to pay this layer (ADR 9): measure's expected share × (1 − coverages). */
  expectedShare: number;
  /** contribution × expectedShare. */
  expectedContribution: number;
}

export interface BaseCore {
  pct: number | null;
  row: BaseRateRow | null;
  key: string | null;
  step: number;
}

export function partnerMatches(rules: ImporterRules, cm: CompiledMeasure, origin: string, date: string): boolean {
  // without partner groups the answer depends on the origin only: cache it on the compiled measure
  if (!cm.usesGroups) {
    const hit = cm.partnerCache.get(origin);
    if (hit !== undefined) return hit;
  }
  const inGroup = (code: string) => {
    const members = rules.groups.get(code);
    return members?.some((mb) => mb.code === origin && inInterval(date, mb.from, mb.until)) ?? false;
  };
  const hit = (set: Set<string>) => {
    if (set.has(origin)) return true;
    for (const c of set) if (/^[a-z]/.test(c) && inGroup(c)) return true;
    return false;
  };
  const result = !(cm.partnerExclude.size && hit(cm.partnerExclude)) && (cm.includesAll || hit(cm.partnerInclude));
  if (!cm.usesGroups) cm.partnerCache.set(origin, result);
  return result;
}

export function baseRate(rules: ImporterRules, code: string, date: string): BaseCore {
  const base = rules.base;
  if (!base) return { pct: null, row: null, key: null, step: -1 };
  const schedule = base.cm.measure.schedule;
  let step = -1;
  for (let i = 0; i < schedule.length; i++) if (schedule[i]!.date <= date) step = i;
  let key = code.slice(0, base.table.keyLength);
  let rows = base.table.rows.get(key);
  if (!rows && code.length < base.table.keyLength) {
    // a shorter code (e.g. a Chinese HS8): use its first national line
    for (const [k, r] of base.table.rows)
      if (k.startsWith(code)) {
        key = k;
        rows = r;
        break;
      }
  }
  if (!rows || rows.length === 0) return { pct: null, row: null, key: null, step };
  let i = 0;
  for (let j = 0; j < rows.length; j++) if (rows[j]!.validFrom <= date) i = j;
  const row = rows[i]!;
  return { pct: row.pct, row, key, step };
}

function activeMatch(matches: ScopeMatch[], date: string, partial = false): ScopeMatch | null {
  for (const m of matches) if (m.partial === partial && inInterval(date, m.from, m.until)) return m;
  return null;
}

/** The machine core: one state per candidate layer, no strings built. */
export function evaluateCore(rules: ImporterRules, code: string, origin: string, date: string): LayerCore[] {
  const out: LayerCore[] = [];
  let basePct: number | undefined;
  for (const cand of rules.candidatesOf(code)) {
    const cm = cand.cm;
    if (!partnerMatches(rules, cm, origin, date)) continue;
    const layer: LayerCore = {
      cand,
      state: 'applies',
      rate: 0,
      statutory: 0,
      contribution: 0,
      step: -1,
      match: null,
      excludedBy: null,
      suspendedBy: null,
      stackedBy: null,
      stackedRule: null,
      stackedTrigger: null,
      partial: [],
      expectedShare: 1,
      expectedContribution: 0,
    };
    out.push(layer);
    const match = activeMatch(cand.matches, date);
    layer.match = match ?? cand.matches[0]!;
    const { value, step } = rateAt(cm, layer.match.key, date);
    layer.step = step;
    const rate = match?.entryRate ?? value;
    if (rate === undefined) {
      layer.state = 'not_yet';
      continue;
    }
    if (rate === null) {
      layer.state = 'ended';
      continue;
    }
    layer.statutory = layer.rate = rate;
    if (!cm.inForce) {
      layer.state = 'not_in_force';
      continue;
    }
    if (!match) {
      layer.state = 'off_list';
      continue;
    }
    const partialExcl = activeMatch(cand.excludes, date, true);
    if (partialExcl) layer.partial.push(partialExcl);
    // suspensions first, so an excluded layer still shows the rate that would be payable on the date
    const excl = activeMatch(cand.excludes, date);
    for (const { cs, matches } of cand.suspensions) {
      const period = cs.suspension.periods.find((p) => inInterval(date, p.from, p.until));
      if (!period) continue;
      if (matches !== null && !activeMatch(matches, date)) {
        const part = activeMatch(matches, date, true);
        if (part) {
          const inst = rules.ledger.instruments.get(period.instrument);
          layer.partial.push({
            ...part,
            from: part.from ?? period.from,
            until: part.until ?? period.until,
            via: `${part.via} (suspension ${cs.suspension.id} until ${period.until ?? 'open'})`,
            suspension: {
              id: cs.suspension.id,
              title: cs.suspension.title,
              instrument: period.instrument,
              citation: inst?.citation ?? null,
              url: inst?.url ?? cs.suspension.sources[0]!,
            },
          });
        }
        continue;
      }
      const eff = cs.suspension.effect;
      const reduced =
        eff.kind === 'full'
          ? 0
          : eff.kind === 'reduce_by'
            ? Math.max(0, layer.rate - eff.points)
            : Math.min(layer.rate, eff.rate);
      layer.rate = reduced;
      layer.suspendedBy = {
        id: cs.suspension.id,
        from: period.from,
        until: period.until,
        instrument: period.instrument,
      };
      if (reduced === 0) layer.state = 'suspended';
    }
    if (excl) {
      layer.state = 'excluded';
      layer.excludedBy = excl;
      layer.partial = layer.partial.filter((p) => p === partialExcl);
      continue;
    }
    if (layer.state === 'applies') {
      if (cm.measure.rate_type === 'target_total') {
        // the rate is the total the measure brings the line to: add only what the base leaves
        basePct ??= baseRate(rules, code, date).pct ?? 0;
        layer.contribution = Math.max(0, layer.rate - basePct) * cand.share;
      } else layer.contribution = layer.rate * cand.share;
    }
  }
  // stacking rules: a rule whose `when` matches an applying layer switches off the layers its `excludes` match
  if (rules.stacking.length) {
    const applying = out.filter((l) => l.state === 'applies');
    for (const r of rules.stacking) {
      if (!inInterval(date, r.rule.from, r.rule.until ?? null)) continue;
      // of the layers that trigger the rule, the one covering the largest share of the value decides
      let trigger: LayerCore | undefined;
      for (const l of applying)
        if (r.whenMeasures.has(l.cand.cm.measure.id) || r.whenAuthorities.has(l.cand.cm.measure.authority))
          if (!trigger || l.cand.share > trigger.cand.share) trigger = l;
      if (!trigger) continue;
      for (const l of applying) {
        if (l === trigger || l.state !== 'applies') continue;
        const m = l.cand.cm.measure;
        if (!(r.exclMeasures.has(m.id) || r.exclAuthorities.has(m.authority))) continue;
        const covered = r.rule.on_share ? trigger.cand.share : 1;
        l.stackedRule = r.rule;
        l.stackedTrigger = trigger;
        l.stackedBy = `${r.rule.id} (${trigger.cand.cm.measure.id} applies${covered < 1 ? ` to ${Math.round(covered * 100)}% of the value` : ''})`;
        if (covered >= 1) {
          l.state = 'stacked_out';
          // goods of the line that do not pay the trigger (its expected share) still pay this layer on average
          l.expectedShare = 1 - (trigger.cand.cm.measure.expected?.share ?? 1);
          l.expectedContribution = l.contribution * l.expectedShare;
          l.contribution = 0;
        } else {
          l.contribution = l.contribution * (1 - covered);
        }
      }
    }
  }
  // expected rate (ADR 9): the share of the line's goods expected to pay each applying layer
  for (const l of out) {
    if (l.state !== 'applies') continue;
    let e = l.cand.cm.measure.expected?.share ?? 1;
    for (const p of l.partial) if (p.coverage !== null) e *= 1 - p.coverage;
    l.expectedShare = e;
    l.expectedContribution = l.contribution * e;
  }
  return out;
}

/** Where the expected share of a layer comes from, in words (null when it is 1 with nothing to say). */
function expectedSource(l: LayerCore): string | null {
  if (l.state === 'stacked_out')
    return l.expectedContribution > 0
      ? `stacked out only for the goods that pay the triggering measure: on average the layer still adds ${round(l.expectedContribution)} points (rule ${l.stackedBy})`
      : null;
  const parts: string[] = [];
  const exp = l.cand.cm.measure.expected;
  if (exp) parts.push(`${(exp.share * 100).toFixed(1)}% of the line's goods pay (${exp.source})`);
  for (const p of l.partial)
    if (p.coverage !== null)
      parts.push(
        `${p.via} covers an estimated ${(p.coverage * 100).toFixed(0)}% of the line (${p.coverageSource})` +
          (p.suspension
            ? `; exclusion: ${p.suspension.title}, ${p.suspension.citation ?? p.suspension.instrument} ${p.suspension.url}`
            : ''),
      );
  return parts.length ? parts.join('; ') : null;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function explainLayer(rules: ImporterRules, l: LayerCore, date: string): Layer {
  const m = l.cand.cm.measure;
  const step = l.step >= 0 ? m.schedule[l.step] : m.schedule[0];
  const instrument = step ? rules.ledger.instruments.get(step.instrument) : undefined;
  const contribution = round(l.contribution);
  return {
    measure: m.id,
    title: m.title,
    authority: m.authority,
    rate_pct: round(l.rate),
    statutory_rate_pct: round(l.statutory),
    share: round(l.cand.share),
    share_source: l.cand.shareSource,
    contribution_pct: contribution,
    expected_share: round(l.expectedShare),
    expected_source: expectedSource(l),
    expected_contribution_pct: round(l.expectedContribution),
    expected_exclusions:
      l.state === 'applies'
        ? l.partial.flatMap((p) =>
            p.suspension && p.coverage !== null
              ? [{ ...p.suspension, coverage: p.coverage, coverage_source: p.coverageSource }]
              : [],
          )
        : [],
    applies: l.state === 'applies',
    reason: describeLayer(rules, l, date),
    source: instrument?.url ?? m.sources[0]!,
    citation: instrument?.citation ?? m.legal_citation,
    instrument: instrument?.id ?? null,
    status: m.status,
    state: l.state,
    status_on_date: statusOnDate(l, date),
    owed_pct: l.cand.cm.struckDown ? 0 : contribution,
  };
}

export function evaluate(rules: ImporterRules, code: string, origin: string, date: string): Stack {
  const core = evaluateCore(rules, code, origin, date);
  const base = baseRate(rules, code, date);
  // layers that apply first (largest contribution first), then the others in ledger order
  const layers = core
    .map((l) => explainLayer(rules, l, date))
    .map((l, i) => ({ l, i }))
    .sort(
      (a, b) => Number(b.l.applies) - Number(a.l.applies) || b.l.contribution_pct - a.l.contribution_pct || a.i - b.i,
    )
    .map(({ l }) => l);
  const additional = layers.reduce((s, l) => s + l.contribution_pct, 0);
  const expectedAdditional = layers.reduce((s, l) => s + l.expected_contribution_pct, 0);
  const owed = layers.reduce((s, l) => s + l.owed_pct, 0);
  const basePct = base.pct ?? 0;
  const notes: string[] = [];
  if (base.pct === null) notes.push('no base (MFN) rate in the shipped table for this code: base counted as 0');
  if (base.row?.basis === 'specific_no_ave')
    notes.push('MFN is a specific duty with no ad valorem equivalent: only its ad valorem part is counted');
  for (const l of core) {
    if (l.state !== 'applies') continue;
    if (l.cand.cm.measure.status === 'unconfirmed')
      notes.push(`${l.cand.cm.measure.id} is unconfirmed: ${l.cand.cm.measure.status_note ?? 'see ledger'}`);
    // a suspension that was only scheduled to end: the stack assumes it did
    for (const { cs } of l.cand.suspensions) {
      const last = cs.suspension.periods[cs.suspension.periods.length - 1]!;
      if (endUnconfirmed(last) && last.until !== null && last.until <= date)
        notes.push(
          `${l.cand.cm.measure.id}: suspension ${cs.suspension.id} was scheduled to end on ${last.until}; whether it was extended is unconfirmed, and this stack assumes it ended`,
        );
    }
  }
  const baseCm = rules.base?.cm;
  const baseStep = baseCm && base.step >= 0 ? baseCm.measure.schedule[base.step] : undefined;
  const baseInstrument = baseStep ? rules.ledger.instruments.get(baseStep.instrument) : undefined;
  return {
    product: code,
    description: rules.universe.get(code)?.description ?? null,
    origin,
    dest: rules.importer,
    date,
    base_pct: round(basePct),
    base: {
      measure: baseCm?.measure.id ?? 'none',
      table: rules.base?.table.name ?? 'none',
      key: base.key,
      rate_text: base.row?.text ?? null,
      basis: base.row?.basis ?? null,
      note: base.row?.note ?? null,
      source: baseInstrument?.url ?? baseCm?.measure.sources[0] ?? '',
      found: base.pct !== null,
    },
    layers,
    additional_pct: round(additional),
    total_pct: round(basePct + additional),
    expected_pct: round(basePct + expectedAdditional),
    owed_total_pct: round(basePct + owed),
    notes,
  };
}
