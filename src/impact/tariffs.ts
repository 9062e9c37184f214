// The tariff change a model is fed: for one importer at one date, every tariff line × supplier with trade in the
// shipped weights, with the assessed total rate under the baseline and under the scenario — read from the engine
// (stackAt per partner class, so partners no measure tells apart are evaluated once per line).
import type { ImporterRules } from '../engine/compile.js';
import { partnerClasses, stackAt } from '../engine/panel.js';
import { loadWeights, type Datasets } from '../datasets/datasets.js';
import { addDays } from '../util/dates.js';

/** Lines grouped by product (CSR): entries start[g]..start[g+1] are product g's suppliers. */
export interface TariffCross {
  importer: string;
  date: string;
  weightSet: string;
  partners: string[]; // ISO2 (EU = the EU aggregate of the US import file)
  products: string[];
  start: Int32Array;
  partner: Int32Array; // index into partners
  value: Float64Array; // trade value, USD (customs value)
  t0: Float64Array; // baseline total rate, fraction
  t1: Float64Array; // scenario total rate, fraction
}

export interface TariffCrossInput {
  importer: string;
  date: string;
  baseline: ImporterRules;
  scenario: ImporterRules;
  data: Datasets;
  weightSet: string;
  partners: string[];
  /** The baseline's date when it differs from the scenario's (e.g. before/after comparisons on one ledger). */
  baselineDate?: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * A cross-section of the same lines at an earlier date: only the codes listed are priced again (per side; null =
   * every code), the others keep its rates — for the intervals of a window, where most lines do not change.
   */
  since?: { cross: TariffCross; baseline: Set<string> | null; scenario: Set<string> | null };
}

export async function tariffCross(input: TariffCrossInput): Promise<TariffCross> {
  const { importer, date, baseline, scenario, data, weightSet, partners } = input;
  const dateB = input.baselineDate ?? date;
  const repOf = (rules: ImporterRules, on: string) => {
    const window = { from: on, until: addDays(on, 1) };
    const rep = new Map<string, string>();
    for (const [r, members] of partnerClasses(rules, partners, window)) for (const m of members) rep.set(m, r);
    return rep;
  };
  const repB = repOf(baseline, dateB);
  const repA = repOf(scenario, date);
  const memo = new Map<string, number>();
  const rate = (rules: ImporterRules, tag: string, rep: string, code: string) => {
    const key = `${tag}|${rep}|${code}`;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = stackAt(rules, code, rep, tag === 'b' ? dateB : date).total / 100));
    return v;
  };
  const weights = await Promise.all(partners.map((p) => loadWeights(data, weightSet, importer, p)));
  const byCode = new Map<string, Array<[number, number]>>();
  weights.forEach((w, pi) => {
    for (const [code, v] of w) {
      if (!(v > 0) || !data.products.get(importer)?.has(code)) continue;
      let arr = byCode.get(code);
      if (!arr) byCode.set(code, (arr = []));
      arr.push([pi, v]);
    }
  });
  const products = [...byCode.keys()].sort();
  const nnz = products.reduce((s, c) => s + byCode.get(c)!.length, 0);
  const out: TariffCross = {
    importer,
    date,
    weightSet,
    partners,
    products,
    start: new Int32Array(products.length + 1),
    partner: new Int32Array(nnz),
    value: new Float64Array(nnz),
    t0: new Float64Array(nnz),
    t1: new Float64Array(nnz),
  };
  const since = input.since;
  if (since && (since.cross.value.length !== nnz || since.cross.products.length !== products.length))
    throw new Error('tariffCross: the earlier cross-section has other lines');
  let k = 0;
  for (let g = 0; g < products.length; g++) {
    const code = products[g]!;
    out.start[g] = k;
    const again0 = !since || !since.baseline || since.baseline.has(code);
    const again1 = !since || !since.scenario || since.scenario.has(code);
    for (const [pi, v] of byCode.get(code)!) {
      const p = partners[pi]!;
      out.partner[k] = pi;
      out.value[k] = v;
      out.t0[k] = again0 ? rate(baseline, 'b', repB.get(p)!, code) : since!.cross.t0[k]!;
      out.t1[k] = again1 ? rate(scenario, 'a', repA.get(p)!, code) : since!.cross.t1[k]!;
      k++;
    }
    if (g % 500 === 0) {
      input.onProgress?.(g, products.length);
      // long sweeps yield to the event loop, so a server stays responsive and progress bars redraw
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  out.start[products.length] = k;
  input.onProgress?.(products.length, products.length);
  return out;
}

/** Trade-weighted average rates by supplier (fractions): [baseline, scenario] per partner. */
export function averageBySupplier(
  cross: TariffCross,
): Array<{ partner: string; trade: number; t0: number; t1: number }> {
  const acc = cross.partners.map((partner) => ({ partner, trade: 0, t0: 0, t1: 0 }));
  for (let k = 0; k < cross.value.length; k++) {
    const a = acc[cross.partner[k]!]!;
    const v = cross.value[k]!;
    a.trade += v;
    a.t0 += v * cross.t0[k]!;
    a.t1 += v * cross.t1[k]!;
  }
  return acc.map((a) => ({ ...a, t0: a.trade ? a.t0 / a.trade : 0, t1: a.trade ? a.t1 / a.trade : 0 }));
}
