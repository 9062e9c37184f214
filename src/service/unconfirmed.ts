// Figures that depend on an unconfirmed step or suspension end (ADR 82) say so and give the alternative: the same
// engine run over the ledger with that one assumption flipped by a one-operation scenario overlay. The cheap check
// comes first (does any measure behind the figure carry an unconfirmed item dated on or before it?); only then is
// the flipped context built, once per context and item, and the figure recomputed.
import { TradewarContext } from './context.js';
import { itemsFor, type UnconfirmedItem } from '../ledger/unconfirmed.js';
import { applyOverlay } from '../scenarios/overlay.js';
import { loadScenarioFile } from '../scenarios/load.js';
import { partnerMatches } from '../engine/evaluate.js';
import { evaluate } from '../engine/evaluate.js';
import { averagesAt, averageSeries, type RateKind } from '../trade/aggregate.js';
import type { ImporterRules } from '../engine/compile.js';
import type { AveragePoint, Stack, UnconfirmedBasis, UnconfirmedTotal } from '../contract/answers.js';
import { addDays } from '../util/dates.js';
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { projectPath } from '../util/paths.js';

const flipped = new WeakMap<TradewarContext, Map<string, TradewarContext>>();

/** The context with one unconfirmed item flipped (cached per context and item, like scenario contexts). */
export function alternativeContext(ctx: TradewarContext, item: UnconfirmedItem): TradewarContext {
  let perCtx = flipped.get(ctx);
  if (!perCtx) flipped.set(ctx, (perCtx = new Map()));
  const hit = perCtx.get(item.id);
  if (hit) return hit;
  const name = `unconfirmed-${item.id.replace(/[^a-z0-9]+/g, '-')}`;
  const ledger = applyOverlay(ctx.ledger, {
    scenario: {
      name,
      title: `${item.id} flipped: ${item.alternative}`,
      description: `The baseline ${item.assumption}; this overlay takes the other branch (${item.alternative}).`,
      sources: [item.source],
      operations: [item.operation],
    },
    source: null,
  });
  // one extend_suspension / cancel_step on a checked ledger: applyOverlay validated it, no full re-check needed
  const next = new TradewarContext(ledger, ctx.data, `${ctx.label}+${name}`);
  perCtx.set(item.id, next);
  return next;
}

let shipped: Map<string, string> | null = null;

/** A shipped scenario that takes an item's other branch (the same operation kind on the same record), if any. */
function scenarioFor(item: UnconfirmedItem): string | null {
  if (!shipped) {
    shipped = new Map();
    const dir = projectPath('scenarios');
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
      : [];
    for (const f of files) {
      try {
        const { scenario } = loadScenarioFile(join(dir, f));
        for (const op of scenario.operations) {
          const key =
            op.op === 'extend_suspension'
              ? `extend_suspension:${op.suspension}`
              : op.op === 'cancel_step'
                ? `cancel_step:${op.measure}@${op.date}`
                : null;
          if (key && !shipped.has(key)) shipped.set(key, scenario.name);
        }
      } catch {
        // a broken shipped scenario is reported by its own command, not here
      }
    }
  }
  const op = item.operation;
  const key =
    op.op === 'extend_suspension'
      ? `extend_suspension:${op.suspension}`
      : op.op === 'cancel_step'
        ? `cancel_step:${op.measure}@${op.date}`
        : '';
  return shipped.get(key) ?? null;
}

function basis(item: UnconfirmedItem): UnconfirmedBasis {
  return {
    id: item.id,
    assumption: item.assumption,
    alternative: item.alternative,
    confirm_by: item.confirm_by,
    scenario: scenarioFor(item),
  };
}

const differs = (a: number, b: number) => Math.abs(a - b) > 5e-5;

/** Measure ids that are priced for the importer on goods of `origin` at `date` (the cheap relevance check). */
function pricedMeasures(rules: ImporterRules, origin: string, date: string): Set<string> {
  const out = new Set<string>();
  for (const cm of rules.measures)
    if (cm.priced && cm.inForce && partnerMatches(rules, cm, origin, date)) out.add(cm.measure.id);
  return out;
}

/** The items a stack's total depends on, each with the flipped total; the stack is annotated in place. */
export function annotateStack(ctx: TradewarContext, stack: Stack): Stack {
  const layerMeasures = new Set(stack.layers.filter((l) => l.state !== 'not_in_force').map((l) => l.measure));
  const items = itemsFor(ctx.ledger, stack.date, (m) => layerMeasures.has(m)).filter((i) => i.statutory);
  if (!items.length) return stack;
  const out: UnconfirmedTotal[] = [];
  for (const item of items) {
    const alt = evaluate(alternativeContext(ctx, item).rules(stack.dest), stack.product, stack.origin, stack.date);
    if (differs(alt.total_pct, stack.total_pct)) out.push({ ...basis(item), alternative_total_pct: alt.total_pct });
  }
  if (out.length) stack.unconfirmed = out;
  return stack;
}

/** The items a line's total depends on (for search hits and other per-line answers). */
export function unconfirmedForLine(
  ctx: TradewarContext,
  importer: string,
  code: string,
  origin: string,
  date: string,
  total: number,
): UnconfirmedTotal[] {
  const rules = ctx.rules(importer);
  const measures = new Set(rules.candidatesOf(code).map((c) => c.cm.measure.id));
  const items = itemsFor(ctx.ledger, date, (m) => measures.has(m)).filter((i) => i.statutory);
  const out: UnconfirmedTotal[] = [];
  for (const item of items) {
    const alt = evaluate(alternativeContext(ctx, item).rules(importer), code, origin, date).total_pct;
    if (differs(alt, total)) out.push({ ...basis(item), alternative_total_pct: alt });
  }
  return out;
}

/**
 * The weights of the products an item can move (those with a candidate layer of one of its measures), and the
 * share of the total weight they hold. Only these products are evaluated on the flipped branch: the alternative
 * average is the headline plus their weighted change, so a narrow item (a few crane lines) costs a few lines.
 */
function affected(
  rules: ImporterRules,
  item: UnconfirmedItem,
  weights: Map<string, number>,
): { sub: Map<string, number>; share: number; all: boolean } {
  const sub = new Map<string, number>();
  let sw = 0;
  let swSub = 0;
  for (const [code, w] of weights) {
    if (!(w > 0)) continue;
    sw += w;
    if (rules.candidatesOf(code).some((c) => item.measures.includes(c.cm.measure.id))) {
      sub.set(code, w);
      swSub += w;
    }
  }
  return { sub, share: sw > 0 ? swSub / sw : 0, all: sub.size > 0 && swSub === sw };
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Average points at given dates: each point that depends on an item gets the average with it flipped. */
export function annotateAverages(
  ctx: TradewarContext,
  importer: string,
  exporter: string,
  points: AveragePoint[],
  weights: Map<string, number>,
  rate: RateKind,
): AveragePoint[] {
  if (!points.length) return points;
  const last = points.reduce((d, p) => (p.date > d ? p.date : d), points[0]!.date);
  const rules = ctx.rules(importer);
  const priced = pricedMeasures(rules, exporter, last);
  const items = itemsFor(ctx.ledger, last, (m) => priced.has(m)).filter((i) => i.statutory || rate === 'expected');
  for (const item of items) {
    const dates = [...new Set(points.filter((p) => p.date >= item.date).map((p) => p.date))];
    const { sub, share, all } = affected(rules, item, weights);
    if (!sub.size) continue;
    const altRules = alternativeContext(ctx, item).rules(importer);
    const alt = new Map(
      averagesAt(altRules, exporter, dates, sub, undefined, undefined, rate).map((a) => [a.date, a.average_pct]),
    );
    const before = all
      ? null
      : new Map(
          averagesAt(rules, exporter, dates, sub, undefined, undefined, rate).map((a) => [a.date, a.average_pct]),
        );
    for (const p of points) {
      const a = alt.get(p.date);
      if (a === undefined) continue;
      const v = before ? r4(p.average_pct + (a - before.get(p.date)!) * share) : a;
      if (differs(v, p.average_pct)) (p.unconfirmed ??= []).push({ ...basis(item), alternative_average_pct: v });
    }
  }
  return points;
}

/**
 * A step series: each point on or after an item's date that depends on it gets the flipped series' value at
 * its date (computed from the item's date only, over the products the item can move).
 */
export function annotateSeries(
  ctx: TradewarContext,
  importer: string,
  exporter: string,
  points: AveragePoint[],
  window: { from: string; until: string },
  weights: Map<string, number>,
  rate: RateKind,
): AveragePoint[] {
  const lastDay = addDays(window.until, -1);
  const rules = ctx.rules(importer);
  const priced = pricedMeasures(rules, exporter, lastDay);
  const items = itemsFor(ctx.ledger, lastDay, (m) => priced.has(m)).filter((i) => i.statutory || rate === 'expected');
  for (const item of items) {
    const from = item.date > window.from ? item.date : window.from;
    const { sub, share, all } = affected(rules, item, weights);
    if (!sub.size) continue;
    const sub1 = { from, until: window.until };
    const alt = averageSeries(alternativeContext(ctx, item).rules(importer), exporter, sub1, sub, undefined, rate);
    const before = all ? null : averageSeries(rules, exporter, sub1, sub, undefined, rate);
    let k = -1;
    let j = -1;
    for (const p of points) {
      if (p.date < from) continue;
      while (alt[k + 1] && alt[k + 1]!.date <= p.date) k++;
      const a = alt[k]?.average_pct;
      if (a === undefined) continue;
      let v = a;
      if (before) {
        while (before[j + 1] && before[j + 1]!.date <= p.date) j++;
        v = r4(p.average_pct + (a - (before[j]?.average_pct ?? a)) * share);
      }
      if (differs(v, p.average_pct)) (p.unconfirmed ??= []).push({ ...basis(item), alternative_average_pct: v });
    }
  }
  return points;
}

/** CSV / table columns of an average point: the unconfirmed ids and their alternatives, space-separated. */
export function averageColumns(p: AveragePoint): { unconfirmed: string; alternative_average_pct: string } {
  const u = p.unconfirmed ?? [];
  return {
    unconfirmed: u.map((x) => x.id).join(' '),
    alternative_average_pct: u.map((x) => x.alternative_average_pct).join(' '),
  };
}

/** CSV / table columns of a line's total: the unconfirmed ids and their alternatives, space-separated. */
export function totalColumns(u: UnconfirmedTotal[] | undefined): {
  unconfirmed: string;
  alternative_total_pct: string;
} {
  return {
    unconfirmed: (u ?? []).map((x) => x.id).join(' '),
    alternative_total_pct: (u ?? []).map((x) => x.alternative_total_pct).join(' '),
  };
}
