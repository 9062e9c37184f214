// Benchmark lines for the multi-sector GE (Caliendo–Parro, 31 × 40 with input–output links) on the mirror's
// replication data: the NAFTA reproduction's two solves, and one US–China solve warm-started from a baseline.
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { DEFAULT_SOURCE } from '../src/impact/default-source.js';
import { cpDir } from '../src/impact/cp-data.js';
import { runCpNafta } from '../src/impact/cp-nafta.js';
import { cpModel, usChinaTariffMatrix } from '../src/impact/ge-sectors-world.js';
import { solveCp } from '../src/impact/ge-sectors.js';

const secs = (ms: number) => (ms / 1000).toFixed(2);
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return ((u.user + u.system) / 1e6).toFixed(2);
};

export function benchImpactSectors(): void {
  if (!existsSync(cpDir(DEFAULT_SOURCE))) return;
  runCpNafta(DEFAULT_SOURCE); // warm-up
  const cpu = process.cpuUsage();
  const r = runCpNafta(DEFAULT_SOURCE);
  const mex = r.countries.find((c) => c.iso3 === 'MEX')!;
  console.log(
    `GE multi-sector, 31 × 40 (CP NAFTA: baseline + counterfactual, ${r.settings.baseline_iterations} + ${r.settings.counterfactual_iterations} wage iterations): ${secs(r.solve_ms)} s wall, ${cpuSince(cpu)} s CPU; MEX welfare ${mex.welfare_pct.toFixed(2)}% (published 1.31%)`,
  );
  const m = cpModel(DEFAULT_SOURCE);
  const D0 = new Float64Array(m.base.n);
  const flat = (v: number) => new Float64Array(20).fill(v);
  const b = solveCp(m.base, usChinaTariffMatrix(m, { usOnCn: flat(0.35), cnOnUs: flat(0.3) }), D0);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const a = solveCp(m.base, usChinaTariffMatrix(m, { usOnCn: flat(1.5), cnOnUs: flat(1.4) }), D0, { start: b });
  console.log(
    `GE multi-sector US–China solve (35% → 150% / 30% → 140% in every sector, warm start): ${secs(performance.now() - t0)} s wall, ${cpuSince(c0)} s CPU, ${a.iterations} wage iterations`,
  );
}
