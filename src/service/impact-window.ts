// The tariffs of a scenario pair over a window [from, to] for the PE model: the window is cut at every date on which
// any rule of either scenario can change a line's duty (the engine's breakpoints of each traded line, partner-group
// membership dates), each piece is priced once (the engine's cross-section on its first day), and consecutive pieces
// with the same tariffs both ways are merged. Each interval weighs its share of the window's days.
import type { ImporterRules } from '../engine/compile.js';
import { breakpointsFor } from '../engine/panel.js';
import { tariffCross, type TariffCross } from '../impact/tariffs.js';
import type { PeSegmentInput } from '../impact/pe-run.js';
import type { Datasets } from '../datasets/datasets.js';
import { addDays, daysBetween } from '../util/dates.js';
import type { TradewarContext } from './context.js';
import { contextForScenario } from './scenarios.js';

export interface WindowInterval {
  from: string;
  until: string; // exclusive
  days: number;
}

export interface WindowSegments {
  from: string;
  to: string; // inclusive
  intervals: WindowInterval[];
  days: number;
  us: PeSegmentInput[];
  cn: PeSegmentInput[];
  /** Day-weighted mean tariffs (the answer's tariff table). */
  mean: { us: TariffCross; cn: TariffCross };
}

export interface ImporterSide {
  importer: 'US' | 'CN';
  baseline: ImporterRules;
  scenario: ImporterRules;
  weightSet: string;
  partners: string[];
}

/**
 * Dates in (from, until) at which a rule of `rules` can change the duty of one of `codes`, each with the codes it
 * can change (null = every code: a partner group's membership changes).
 */
export function changeDates(
  rules: ImporterRules,
  codes: string[],
  from: string,
  until: string,
): Map<string, Set<string> | null> {
  const out = new Map<string, Set<string> | null>();
  const window = { from, until };
  for (const code of codes)
    for (const d of breakpointsFor(rules, code, '', window)) {
      if (d <= from) continue;
      let set = out.get(d);
      if (set === null) continue;
      if (!set) out.set(d, (set = new Set()));
      set.add(code);
    }
  for (const members of rules.groups.values())
    for (const m of members) for (const d of [m.from, m.until]) if (d && d > from && d < until) out.set(d, null);
  return out;
}

function sameTariffs(a: TariffCross, b: TariffCross): boolean {
  for (let k = 0; k < a.t0.length; k++) if (a.t0[k] !== b.t0[k] || a.t1[k] !== b.t1[k]) return false;
  return true;
}

/**
 * The window's intervals and the tariff cross-section of each, for both importers. `to` is inclusive.
 * Progress counts the intervals priced.
 */
export async function windowSegments(
  sides: [ImporterSide, ImporterSide],
  data: Datasets,
  from: string,
  to: string,
  progress?: (done: number, total: number) => void,
): Promise<WindowSegments> {
  const until = addDays(to, 1);
  const first = await Promise.all(
    sides.map((side) => tariffCross({ ...side, date: from, data, weightSet: side.weightSet, partners: side.partners })),
  );
  // per side: the dates each rule set can change something, with the codes it can change
  const changes = sides.map((side, i) => ({
    baseline: changeDates(side.baseline, first[i]!.products, from, until),
    scenario: changeDates(side.scenario, first[i]!.products, from, until),
  }));
  const dates = new Set<string>();
  for (const c of changes) for (const m of [c.baseline, c.scenario]) for (const d of m.keys()) dates.add(d);
  const starts = [from, ...[...dates].sort()];
  const empty = new Set<string>();
  let current = first;
  const pieces: Array<{ from: string; until: string; cross: TariffCross[] }> = [];
  for (let i = 0; i < starts.length; i++) {
    progress?.(i, starts.length);
    const start = starts[i]!;
    const end = starts[i + 1] ?? until;
    // lines no rule can change on this date keep the previous interval's rates
    const here =
      i === 0
        ? first
        : await Promise.all(
            sides.map((side, j) =>
              tariffCross({
                ...side,
                date: start,
                data,
                since: {
                  cross: current[j]!,
                  baseline: changes[j]!.baseline.has(start) ? changes[j]!.baseline.get(start)! : empty,
                  scenario: changes[j]!.scenario.has(start) ? changes[j]!.scenario.get(start)! : empty,
                },
              }),
            ),
          );
    current = here;
    const last = pieces[pieces.length - 1];
    if (last && last.cross.every((c, j) => sameTariffs(c, here[j]!))) last.until = end;
    else pieces.push({ from: start, until: end, cross: here });
  }
  progress?.(starts.length, starts.length);
  const days = daysBetween(from, until);
  const intervals = pieces.map((p) => ({ from: p.from, until: p.until, days: daysBetween(p.from, p.until) }));
  const seg = (j: number) => pieces.map((p, i) => ({ cross: p.cross[j]!, weight: intervals[i]!.days / days }));
  const us = seg(0);
  const cn = seg(1);
  return { from, to, intervals, days, us, cn, mean: { us: meanCross(us), cn: meanCross(cn) } };
}

/** The window's segments for a scenario over a baseline: US imports from its partners, China's imports from the US. */
export async function impactWindow(
  ctx: TradewarContext,
  scenario: string,
  baseline: string,
  from: string,
  to: string,
  progress?: (done: number, total: number) => void,
  scenarioDir?: string,
): Promise<WindowSegments> {
  const a = await contextForScenario(ctx, scenario, scenarioDir);
  const b = await contextForScenario(ctx, baseline, scenarioDir);
  const sides: [ImporterSide, ImporterSide] = [
    {
      importer: 'US',
      baseline: b.rules('US'),
      scenario: a.rules('US'),
      weightSet: 'us_imports_2024',
      partners: (ctx.data.partners.get('US') ?? []).filter((p) => p !== 'US'),
    },
    {
      importer: 'CN',
      baseline: b.rules('CN'),
      scenario: a.rules('CN'),
      weightSet: 'us_exports_cn_2024',
      partners: ['US'],
    },
  ];
  return windowSegments(sides, ctx.data, from, to, progress);
}

/** One cross-section with the day-weighted mean tariffs of the segments (for the tariff table of the answer). */
export function meanCross(segs: PeSegmentInput[]): TariffCross {
  const c = segs[0]!.cross;
  const t0 = new Float64Array(c.t0.length);
  const t1 = new Float64Array(c.t1.length);
  for (const { cross, weight } of segs)
    for (let k = 0; k < t0.length; k++) {
      t0[k] += weight * cross.t0[k]!;
      t1[k] += weight * cross.t1[k]!;
    }
  return { ...c, t0, t1 };
}
