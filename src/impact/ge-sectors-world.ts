// The Caliendo–Parro multi-sector model applied to a US–China tariff scenario of the engine: the authors' 31 × 40
// world of 1993 (read in place from the raw mirror; no licence, not shipped), balanced trade as in their NAFTA
// exercise, every pair at its 1993 tariff except the US on China and China on the US in the 20 tradable sectors,
// which take the engine's trade-weighted averages by sector (HS → sector: cp-sectors.ts). Baseline and scenario
// are both solved from the same data and the scenario is reported relative to the baseline.
import { loadCpData, type CpData } from './cp-data.js';
import { calibrateCp, compareCp, solveCp, type CpBase, type CpComparison, type CpSolution } from './ge-sectors.js';

export interface CpModel {
  data: CpData;
  base: CpBase;
  us: number;
  cn: number;
}

const models = new Map<string, CpModel>();

export function cpModel(source: string): CpModel {
  let m = models.get(source);
  if (!m) {
    const data = loadCpData(source);
    const base = calibrateCp(data);
    m = { data, base, us: base.iso3.indexOf('USA'), cn: base.iso3.indexOf('CHN') };
    models.set(source, m);
  }
  return m;
}

/** Rates by CP tradable sector (fractions); NaN keeps the data's 1993 rate for that sector. */
export interface UsChinaSectorTariffs {
  usOnCn: Float64Array;
  cnOnUs: Float64Array;
}

export function usChinaTariffMatrix(m: CpModel, t: UsChinaSectorTariffs): Float64Array {
  const { base, us, cn } = m;
  const N = base.n;
  const tau = Float64Array.from(base.tau);
  for (let s = 0; s < base.tradable; s++) {
    if (Number.isFinite(t.usOnCn[s]!)) tau[(s * N + us) * N + cn] = t.usOnCn[s]!;
    if (Number.isFinite(t.cnOnUs[s]!)) tau[(s * N + cn) * N + us] = t.cnOnUs[s]!;
  }
  return tau;
}

const solved = new Map<string, CpSolution>();

/** Solve with balanced trade (cached by source and tariffs: a baseline is often reused). */
export function solveUsChina(m: CpModel, source: string, t: UsChinaSectorTariffs, start?: CpSolution): CpSolution {
  const key = `${source}|${Array.from(t.usOnCn).join(',')}|${Array.from(t.cnOnUs).join(',')}`;
  const hit = solved.get(key);
  if (hit) return hit;
  const sol = solveCp(m.base, usChinaTariffMatrix(m, t), new Float64Array(m.base.n), { start });
  if (solved.size > 32) solved.delete(solved.keys().next().value!);
  solved.set(key, sol);
  return sol;
}

export interface SectorOutcome {
  usImportsFromCnPct: number;
  cnImportsFromUsPct: number;
  usOutputPct: number;
  cnOutputPct: number;
}

/** Per tradable sector: bilateral US–China flows and the two countries' gross output, scenario over baseline. */
export function sectorOutcomes(m: CpModel, cmp: CpComparison): SectorOutcome[] {
  const { base, us, cn } = m;
  const N = base.n;
  const pct = (a: number, b: number) => (b > 0 ? 100 * (a / b - 1) : 0);
  const out: SectorOutcome[] = [];
  for (let s = 0; s < base.tradable; s++) {
    const output = (f: Float64Array, i: number) => {
      let y = 0;
      for (let k = 0; k < N; k++) y += f[(s * N + k) * N + i]!;
      return y;
    };
    out.push({
      usImportsFromCnPct: pct(cmp.flowsA[(s * N + us) * N + cn]!, cmp.flowsB[(s * N + us) * N + cn]!),
      cnImportsFromUsPct: pct(cmp.flowsA[(s * N + cn) * N + us]!, cmp.flowsB[(s * N + cn) * N + us]!),
      usOutputPct: pct(output(cmp.flowsA, us), output(cmp.flowsB, us)),
      cnOutputPct: pct(output(cmp.flowsA, cn), output(cmp.flowsB, cn)),
    });
  }
  return out;
}

export { compareCp };
