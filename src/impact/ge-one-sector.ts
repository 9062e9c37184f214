// One-sector general equilibrium in exact hat algebra with endogenous labour supply, flexible tariff incidence,
// non-tradable input shares and deficits that scale with world income: the model of Ignatenko, Lashkaripour,
// Macedoni and Simonovska (2025, JIE). Matrices are exporter-major: M[j*n + i] is exporter j → importer i.
// Unknowns (hats): wages ŵ, expenditure Ê, employment L̂ — 3n equations (market clearing with one equation
// replaced by the numeraire Σ(P̂−1)E = 0, income = expenditure, labour supply).
import { solveNewton, type NewtonResult } from './newton.js';

/** The calibrated baseline: trade shares, expenditure, income, transfers and non-tradable shares. */
export interface OneSectorBase {
  n: number;
  lambda: Float64Array; // λ_ji: share of exporter j in importer i's expenditure
  E: Float64Array; // expenditure
  Y: Float64Array; // income (GDP)
  T: Float64Array; // transfers E − Y (the deficit)
  nu: Float64Array; // ν_i
  X: Float64Array; // baseline flows incl. domestic sales
}

export interface OneSectorParams {
  eps: number; // trade elasticity ε
  kappa: number; // labour supply elasticity κ
  psi: number; // ψ, the scale-economies term in exporter prices
  phi: Float64Array; // φ_i = 1 + φ̃_i: tariff incidence on exporter prices, by importer
  rebate: 'income_tax' | 'lump_sum';
}

export interface OneSectorOutcome {
  wHat: Float64Array;
  eHat: Float64Array;
  lHat: Float64Array;
  pHat: Float64Array;
  welfarePct: Float64Array;
  deficitPct: Float64Array;
  exportsGdpPct: Float64Array;
  importsGdpPct: Float64Array;
  employmentPct: Float64Array;
  pricesPct: Float64Array;
  realWagePct: Float64Array;
  revenueShare: Float64Array; // tariff revenue / baseline expenditure
  flows: Float64Array; // counterfactual flows X'_ji (at exporter prices)
  worldTradePct: number;
  solve: Pick<NewtonResult, 'iterations' | 'jacobians' | 'residual'>;
}

/** ν for (non-US, US) so that the non-tradable share of absorption is 0.12 in the US and 0.26 abroad, as ILSS. */
export function solveNu(
  X: Float64Array,
  Y: Float64Array,
  n: number,
  us: number,
  targets = [0.12, 0.26],
): [number, number] {
  // aggregate to 2×2: index 0 = rest of world, 1 = US
  const A = [0, 0, 0, 0];
  const Ya = [0, 0];
  for (let j = 0; j < n; j++) {
    const a = j === us ? 1 : 0;
    Ya[a]! += Y[j]!;
    for (let i = 0; i < n; i++) A[a * 2 + (i === us ? 1 : 0)]! += X[j * n + i]!;
  }
  const f = (nu: Float64Array, out: Float64Array) => {
    const E = [0, 1].map((a) => {
      const exports = A[a * 2]! + A[a * 2 + 1]!;
      return Ya[a]! + (1 - nu[a]!) * (exports - (1 - nu[a]!) * exports);
    });
    const r11 = (E[0]! - A[2]!) / (E[0]! - A[2]! + A[1]!);
    const r22 = (E[1]! - A[1]!) / (E[1]! - A[1]! + A[2]!);
    out[0] = (1 - r11) * nu[1]! + r11 * nu[0]! - targets[0]!;
    out[1] = r22 * nu[1]! + (1 - r22) * nu[0]! - targets[1]!;
  };
  const r = solveNewton(f, Float64Array.from([0.1, 0.24]), { tolerance: 1e-13 });
  return [Math.max(0, r.x[0]!), Math.max(0, r.x[1]!)];
}

/**
 * Calibrate from raw bilateral flows (zero diagonal) and GDP: transfers from ν, domestic sales as the residual
 * of expenditure, then income and transfers recomputed from the completed matrix.
 */
export function calibrateOneSector(
  trade: Float64Array,
  gdp: Float64Array,
  n: number,
  us: number,
  nuPair: [number, number],
): OneSectorBase {
  const X = Float64Array.from(trade);
  const nu = new Float64Array(n).fill(nuPair[0]);
  nu[us] = nuPair[1];
  const imports = new Float64Array(n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) imports[i]! += X[j * n + i]!;
  for (let j = 0; j < n; j++) {
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += (1 - nu[i]!) * X[j * n + i]!;
    const t = (1 - nu[j]!) * (imports[j]! - weighted);
    X[j * n + j] = Math.max(0, gdp[j]! + t - imports[j]!);
  }
  const E = new Float64Array(n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) E[i]! += X[j * n + i]!;
  const Y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (1 - nu[i]!) * X[j * n + i]!;
    Y[j] = s + nu[j]! * E[j]!;
  }
  const T = new Float64Array(n);
  const lambda = new Float64Array(n * n);
  for (let i = 0; i < n; i++) T[i] = E[i]! - Y[i]!;
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) lambda[j * n + i] = E[i]! > 0 ? X[j * n + i]! / E[i]! : 0;
  return { n, lambda, E, Y, T, nu, X };
}

/** φ_i = offset + φ̃_i with φ̃ = (1+θ)/((1−ν)θ) − 1/θ − 1 and θ = ε/0.67 (offset 1 = complete incidence). */
export function incidence(nu: Float64Array, eps: number, offset = 1): Float64Array {
  const theta = eps / 0.67;
  return nu.map((v) => offset + (1 + theta) / ((1 - v) * theta) - 1 / theta - 1);
}

interface Work {
  a: Float64Array;
  S: Float64Array;
  P: Float64Array;
  rev: Float64Array;
  rowOut: Float64Array;
  colIn: Float64Array;
  share: Float64Array;
}

/** Solve for the counterfactual with tariffs t_ji (exporter-major, relative to a tariff-free baseline). */
export function solveOneSector(
  base: OneSectorBase,
  tariffs: Float64Array,
  p: OneSectorParams,
  x0?: Float64Array,
): OneSectorOutcome {
  const { n, lambda, E, Y, T, nu } = base;
  const { eps, kappa, psi, phi } = p;
  // constant parts: λ_ji (1+t_ji)^(−ε φ_i), and 1/(1+t), t/(1+t)
  const lb = new Float64Array(n * n);
  const inv1t = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const t = tariffs[k]!;
      lb[k] = lambda[k]! * Math.pow(1 + t, -eps * phi[i]!);
      inv1t[k] = 1 / (1 + t);
    }
  let sumY = 0;
  let sumE = 0;
  for (let i = 0; i < n; i++) {
    sumY += Y[i]!;
    sumE += E[i]!;
  }
  const w: Work = {
    a: new Float64Array(n),
    S: new Float64Array(n),
    P: new Float64Array(n),
    rev: new Float64Array(n),
    rowOut: new Float64Array(n),
    colIn: new Float64Array(n),
    share: new Float64Array(n * n),
  };

  // Shared evaluation: fills w.* from the unknowns; flows are λ'_ji E'_i/(1+t_ji).
  const evaluate = (x: Float64Array, keepShares: boolean) => {
    const { a, S, P, rev, rowOut, colIn, share } = w;
    for (let j = 0; j < n; j++) {
      const wj = Math.abs(x[j]!);
      const lj = Math.abs(x[2 * n + j]!);
      a[j] = Math.pow(wj / Math.pow(lj, psi), -eps);
    }
    S.fill(0);
    for (let j = 0; j < n; j++) {
      const aj = a[j]!;
      const row = j * n;
      for (let i = 0; i < n; i++) S[i]! += lb[row + i]! * aj;
    }
    for (let i = 0; i < n; i++) {
      const wi = Math.abs(x[i]!);
      const ei = Math.abs(x[n + i]!);
      P[i] = Math.pow(ei / wi, 1 - phi[i]!) * Math.pow(S[i]!, -1 / eps);
    }
    rev.fill(0);
    rowOut.fill(0);
    colIn.fill(0);
    for (let j = 0; j < n; j++) {
      const aj = a[j]!;
      const row = j * n;
      let out = 0;
      for (let i = 0; i < n; i++) {
        const k = row + i;
        const sh = (lb[k]! * aj) / S[i]!;
        if (keepShares) share[k] = sh;
        const enew = E[i]! * Math.abs(x[n + i]!);
        const flow = sh * enew * inv1t[k]!;
        rev[i]! += sh * enew - flow;
        out += (1 - nu[i]!) * flow;
        colIn[i]! += flow;
      }
      rowOut[j] = out;
    }
  };

  const residual = (x: Float64Array, out: Float64Array) => {
    evaluate(x, false);
    const { P, rev, rowOut, colIn } = w;
    let sumYnew = 0;
    for (let i = 0; i < n; i++) sumYnew += Math.abs(x[i]!) * Math.abs(x[2 * n + i]!) * Y[i]!;
    let numeraire = 0;
    for (let i = 0; i < n; i++) {
      const wi = Math.abs(x[i]!);
      const ei = Math.abs(x[n + i]!);
      const li = Math.abs(x[2 * n + i]!);
      const ynew = wi * li * Y[i]!;
      // market clearing, relative to income
      out[i] = (rowOut[i]! + nu[i]! * colIn[i]! - ynew) / Y[i]!;
      // income = expenditure, relative to expenditure
      out[n + i] = (rev[i]! + ynew + (T[i]! * sumYnew) / sumY - E[i]! * ei) / E[i]!;
      const tauHat = p.rebate === 'income_tax' ? 1 / (1 - rev[i]! / ynew) : 1;
      out[2 * n + i] = li - Math.pow((tauHat * wi) / P[i]!, kappa);
      numeraire += (P[i]! - 1) * E[i]!;
    }
    out[n - 1] = numeraire / sumE;
  };

  const start = x0 ?? new Float64Array(3 * n).fill(1);
  const sol = solveNewton(residual, start);
  const x = sol.x;
  evaluate(x, true);
  return outcome(base, p, tariffs, x, w, sol);
}

function outcome(
  base: OneSectorBase,
  p: OneSectorParams,
  tariffs: Float64Array,
  x: Float64Array,
  w: Work,
  sol: NewtonResult,
): OneSectorOutcome {
  const { n, E, Y, X } = base;
  const wHat = new Float64Array(n);
  const eHat = new Float64Array(n);
  const lHat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    wHat[i] = Math.abs(x[i]!);
    eHat[i] = Math.abs(x[n + i]!);
    lHat[i] = Math.abs(x[2 * n + i]!);
  }
  const pHat = Float64Array.from(w.P);
  const flows = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      flows[k] = (w.share[k]! * E[i]! * eHat[i]!) / (1 + tariffs[k]!);
    }
  const welfarePct = new Float64Array(n);
  const deficitPct = new Float64Array(n);
  const exportsGdpPct = new Float64Array(n);
  const importsGdpPct = new Float64Array(n);
  const employmentPct = new Float64Array(n);
  const pricesPct = new Float64Array(n);
  const realWagePct = new Float64Array(n);
  const revenueShare = new Float64Array(n);
  let trade0 = 0;
  let trade1 = 0;
  let y0 = 0;
  let y1 = 0;
  for (let i = 0; i < n; i++) {
    const ynew = wHat[i]! * lHat[i]! * Y[i]!;
    const tau = p.rebate === 'income_tax' ? w.rev[i]! / ynew : 0;
    const delta = E[i]! / (E[i]! - (p.kappa * (1 - tau) * Y[i]!) / (1 + p.kappa));
    welfarePct[i] = 100 * (delta * (eHat[i]! / pHat[i]!) + (1 - delta) * ((wHat[i]! * lHat[i]!) / pHat[i]!) - 1);
    let ex0 = 0;
    let ex1 = 0;
    let im0 = 0;
    let im1 = 0;
    let allIn0 = 0;
    let allIn1 = 0;
    let allOut0 = 0;
    let allOut1 = 0;
    for (let k = 0; k < n; k++) {
      allOut0 += X[i * n + k]!;
      allOut1 += flows[i * n + k]!;
      allIn0 += X[k * n + i]!;
      allIn1 += flows[k * n + i]!;
      if (k === i) continue;
      ex0 += X[i * n + k]!;
      ex1 += flows[i * n + k]!;
      im0 += X[k * n + i]!;
      im1 += flows[k * n + i]!;
      trade0 += X[k * n + i]!;
      trade1 += flows[k * n + i]! * (1 + tariffs[k * n + i]!);
    }
    const d0 = allIn0 - allOut0;
    const d1 = allIn1 - allOut1;
    deficitPct[i] = (100 * (d1 - d0)) / Math.abs(d0);
    exportsGdpPct[i] = 100 * (ex1 / ynew / (ex0 / Y[i]!) - 1);
    importsGdpPct[i] = 100 * (im1 / ynew / (im0 / Y[i]!) - 1);
    employmentPct[i] = 100 * (lHat[i]! - 1);
    pricesPct[i] = 100 * (pHat[i]! - 1);
    realWagePct[i] = 100 * (wHat[i]! / pHat[i]! - 1);
    revenueShare[i] = w.rev[i]! / E[i]!;
    y0 += Y[i]!;
    y1 += ynew;
  }
  return {
    wHat,
    eHat,
    lHat,
    pHat,
    welfarePct,
    deficitPct,
    exportsGdpPct,
    importsGdpPct,
    employmentPct,
    pricesPct,
    realWagePct,
    revenueShare,
    flows,
    worldTradePct: 100 * (trade1 / trade0 / (y1 / y0) - 1),
    solve: { iterations: sol.iterations, jacobians: sol.jacobians, residual: sol.residual },
  };
}

/** The ILSS unilaterally optimal uniform tariff for importer `us`: 1/((1 + δ ε) φ − 1). */
export function optimalUniformTariff(
  base: OneSectorBase,
  us: number,
  eps: number,
  phiUs: number,
  useIncome = false,
): number {
  const { n, X, nu, lambda, E, Y } = base;
  let num = 0;
  for (let i = 0; i < n; i++) {
    if (i === us) continue;
    num += X[us * n + i]! * (1 - nu[i]!) * (1 - lambda[us * n + i]!);
  }
  const scale = useIncome ? Y[us]! : E[us]!;
  const delta = num / ((1 - nu[us]!) * (scale - X[us * n + us]!));
  return 1 / ((1 + delta * eps) * phiUs - 1);
}
