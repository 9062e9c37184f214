// Benchmark section of the impact models: the 194-country GE solve (ILSS Case 1 on the mirror's replication data
// when present, and on the shipped world), then the PE model with 1,000 Monte Carlo draws on worker threads over
// US HTS10 × partners (no-deal-2025-11 over busan-truce on 2025-12-01), with Hauk's and a flat import demand, and the
// PE over a six-month window.
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openContext } from '../src/service/context.js';
import { contextForScenario } from '../src/service/scenarios.js';
import { DEFAULT_SOURCE } from '../src/service/impact.js';
import { runReplication } from '../src/impact/replications.js';
import { loadWorld, solveWorld, tariffMatrix } from '../src/impact/ge-world.js';
import { tariffCross } from '../src/impact/tariffs.js';
import { loadDemand, loadSigmas } from '../src/impact/elasticities.js';
import { runPe, workerCount } from '../src/impact/pe-run.js';
import { impactWindow } from '../src/service/impact-window.js';
import { benchImpactSectors } from './bench-impact-sectors.js';

const secs = (ms: number) => (ms / 1000).toFixed(2);
/** CPU seconds of the whole process (all threads) since `from`: on a shared machine, wall time includes waiting. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return ((u.user + u.system) / 1e6).toFixed(2);
};

export async function benchImpact(): Promise<void> {
  if (existsSync(join(DEFAULT_SOURCE, 'model', 'ilss-2025'))) {
    runReplication('ilss-2025-case1', DEFAULT_SOURCE); // warm-up (loads and calibrates)
    const cpu = process.cpuUsage();
    const r = runReplication('ilss-2025-case1', DEFAULT_SOURCE);
    const usa = r.countries.find((c) => c.iso3 === 'USA')!;
    console.log(
      `GE one-sector, 194 countries (ILSS Case 1, 582 unknowns): solve ${secs(r.solve_ms)} s wall, ${cpuSince(cpu)} s CPU; USA welfare ${usa.welfare_pct.toFixed(2)}% (published 1.13%)`,
    );
  }
  benchImpactSectors();
  const ctx = await openContext();
  const world = await loadWorld(ctx.data.dir);
  const t = tariffMatrix(world, { usOn: new Map([['CHN', 1.5]]), usDefault: 0.1, cnOnUs: 1.4 });
  solveWorld(world, t);
  const g0 = performance.now();
  const gc = process.cpuUsage();
  solveWorld(world, t);
  console.log(
    `GE one-sector, shipped 194-country world (US 150% on China, 10% on others; China 140%): solve ${secs(performance.now() - g0)} s wall, ${cpuSince(gc)} s CPU`,
  );

  const [a, b] = [await contextForScenario(ctx, 'no-deal-2025-11'), await contextForScenario(ctx, 'busan-truce')];
  const c0 = performance.now();
  const cross = await tariffCross({
    importer: 'US',
    date: '2025-12-01',
    baseline: b.rules('US'),
    scenario: a.rules('US'),
    data: ctx.data,
    weightSet: 'us_imports_2024',
    partners: (ctx.data.partners.get('US') ?? []).filter((p) => p !== 'US'),
  });
  console.log(
    `PE tariff cross-section from the engine (both scenarios): ${cross.products.length} HTS10 lines, ${cross.value.length} line × partner cells, ${cross.partners.length} partners in ${secs(performance.now() - c0)} s`,
  );
  const sigmas = await loadSigmas(ctx.data);
  const demandTable = await loadDemand(ctx.data);
  const bn = (x: number) => (x / 1e9).toFixed(1);
  for (const [label, demand] of [
    ['Hauk (2012) ε_m by NAICS', undefined],
    ['flat ε_m 1.3', 1.3],
  ] as const) {
    const p0 = performance.now();
    const pc = process.cpuUsage();
    const r = await runPe(cross, sigmas, { draws: 1000, seed: 1, supply: Infinity, demand, demandTable });
    const band = r.bands!['total.buyer_cost_usd']!;
    console.log(
      `PE with 1,000 draws (${label}) on ${workerCount(1000)} of ${availableParallelism()} threads: ${secs(performance.now() - p0)} s wall, ${cpuSince(pc)} s CPU; US buyers' cost $${bn(band.p50)}B [5–95%: ${bn(band.p5)}–${bn(band.p95)}]`,
    );
  }
  const w0 = performance.now();
  const wc = process.cpuUsage();
  const win = await impactWindow(ctx, 'no-deal-2025-11', 'busan-truce', '2025-10-01', '2026-03-31');
  const w1 = performance.now();
  const rw = await runPe(win.us, sigmas, { draws: 200, seed: 1, supply: Infinity, demandTable });
  const wb = rw.bands!['total.buyer_cost_usd']!;
  console.log(
    `PE over a window (2025-10-01..2026-03-31, ${win.intervals.length} intervals): tariffs ${secs(w1 - w0)} s, 200 draws ${secs(performance.now() - w1)} s wall, ${cpuSince(wc)} s CPU in all; US buyers' cost $${bn(wb.p50)}B a year [5–95%: ${bn(wb.p5)}–${bn(wb.p95)}]`,
  );
}
