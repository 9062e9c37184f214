// Scenarios for the command line and the API: list them, open a context with one applied, compare two.
import type { TradewarContext } from './context.js';
import { loadScenarioFile, resolveScenarioFile, scenarioNames } from '../scenarios/load.js';
import { applyOverlay } from '../scenarios/overlay.js';
import { describeOperation } from '../scenarios/describe.js';
import { parseDates } from './inputs.js';
import { resolveWeights, weightsFor } from '../trade/weights.js';
import { averagesAt, type SectionFigure } from '../trade/aggregate.js';
import { projectPath } from '../util/paths.js';
import type { ScenarioSummary, ComparisonRow, Comparison } from '../contract/answers.js';
export type { ScenarioSummary, ComparisonRow, Comparison };

export const SCENARIO_DIR = projectPath('scenarios');
export const BASELINE = 'baseline';

export async function listScenarios(_ctx?: TradewarContext, dir = SCENARIO_DIR): Promise<ScenarioSummary[]> {
  return scenarioNames(dir).map((n) => showScenario(n, dir));
}

export function showScenario(nameOrPath: string, dir = SCENARIO_DIR): ScenarioSummary {
  const file = resolveScenarioFile(nameOrPath, dir);
  const { scenario } = loadScenarioFile(file);
  return {
    name: scenario.name,
    title: scenario.title,
    description: scenario.description,
    assumptions: scenario.assumptions ?? [],
    operations: scenario.operations.map(describeOperation),
    sources: scenario.sources,
    file,
  };
}

const cache = new WeakMap<TradewarContext, Map<string, TradewarContext>>();

export async function contextForScenario(
  ctx: TradewarContext,
  name?: string,
  dir = SCENARIO_DIR,
): Promise<TradewarContext> {
  if (name === undefined || name === '' || name === BASELINE) return ctx;
  let perCtx = cache.get(ctx);
  if (!perCtx) cache.set(ctx, (perCtx = new Map()));
  const hit = perCtx.get(name);
  if (hit) return hit;
  const loaded = loadScenarioFile(resolveScenarioFile(name, dir));
  const next = ctx.withLedger(applyOverlay(ctx.ledger, loaded), loaded.scenario.name);
  perCtx.set(name, next);
  return next;
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export async function compareScenarios(
  ctx: TradewarContext,
  input: { a?: string; b?: string; at?: string; weights?: string },
  dir = SCENARIO_DIR,
  progress?: (done: number, total: number) => void,
): Promise<Comparison> {
  const a = input.a ?? BASELINE;
  const b = input.b ?? BASELINE;
  const dates = parseDates(input.at, 'at');
  const weightsName = input.weights ?? '2017';
  const [ctxA, ctxB] = [await contextForScenario(ctx, a, dir), await contextForScenario(ctx, b, dir)];
  const out: Comparison = { a, b, weights: weightsName, rows: [], by_section: [] };
  for (const [importer, exporter] of [
    ['US', 'CN'],
    ['CN', 'US'],
  ] as const) {
    const w = await weightsFor(ctx.data, resolveWeights(ctx.data, weightsName, importer, exporter));
    const step = importer === 'US' ? 0 : 2;
    const report = (k: number) => (done: number, total: number) => progress?.((step + k) * total + done, 4 * total);
    const pa = averagesAt(ctxA.rules(importer), exporter, dates, w, 'section', report(0));
    const pb = averagesAt(ctxB.rules(importer), exporter, dates, w, 'section', report(1));
    pa.forEach((p, i) => {
      const q = pb[i]!;
      out.rows.push({
        date: p.date,
        importer,
        exporter,
        a_pct: p.average_pct,
        b_pct: q.average_pct,
        diff_pp: r4(q.average_pct - p.average_pct),
      });
      for (const [section, f] of Object.entries(p.by ?? {})) {
        const fa = f as SectionFigure;
        const fb = (q.by?.[section] ?? fa) as SectionFigure;
        out.by_section.push({
          date: p.date,
          importer,
          exporter,
          section,
          title: fa.title,
          a_pct: fa.average_pct,
          b_pct: fb.average_pct,
          diff_pp: r4(fb.average_pct - fa.average_pct),
        });
      }
    });
  }
  return out;
}
