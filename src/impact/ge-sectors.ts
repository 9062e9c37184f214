// The multi-sector model of Caliendo and Parro (2015) in exact hat algebra: Ricardian (Eaton–Kortum) sectors with
// sectoral trade elasticities θ^j, input–output links (Cobb–Douglas over value added and sectoral composites),
// tariffs whose revenue is rebated to the importing country, and given deficits. Arrays are sector-major:
// bilateral ones at (s*n + importer)*n + exporter, sectoral ones at s*n + country.
//
// Calibration follows the steps of the authors' code (see docs/adr/0011-impact-models.md): flows valued before
// tariffs, expenditure = flows × (1 + tariff), domestic sales = gross output − exports (gross output raised to
// exports where it falls short), final-demand shares α from expenditure net of intermediate demand over income
// (value added + tariff revenue + deficit), clipped at zero and normalised.
// Solution: for a wage guess, sectoral prices and unit costs are iterated to a fixed point, trade shares follow,
// expenditure solves its linear system by fixed-point sweeps, and wages move with each country's trade imbalance
// (ŵ ← ŵ(1 − v·imbalance/VA)), normalised so that world value added is unchanged (the numeraire), until every
// imbalance is below 10⁻¹⁰ of value added.
import type { CpData } from './cp-data.js';

export interface CpBase {
  n: number;
  J: number;
  iso3: string[];
  sectors: string[];
  tradable: number;
  pi: Float64Array; // share of exporter i in importer n's spending on sector s (tariff-inclusive)
  tau: Float64Array; // the data's tariffs (fractions)
  X: Float64Array; // expenditure by sector and country (tariff-inclusive)
  VA: Float64Array; // value added (w L) by country
  D: Float64Array; // deficits of the data (imports − exports, before tariffs)
  alpha: Float64Array; // final-demand shares
  gammaVA: Float64Array; // value-added shares γ_n^j
  gammaIO: Float64Array; // (n*J + k)*J + j: cost share of input k in sector j of country n
  theta: Float64Array; // θ^j
}

export function calibrateCp(d: CpData): CpBase {
  const { n: N, j: J } = d;
  const T = 20;
  const NN = N * N;
  const tau = new Float64Array(J * NN);
  const xb = new Float64Array(J * NN); // expenditure flows, tariff-inclusive
  for (let k = 0; k < T * NN; k++) {
    tau[k] = d.tariffs1993[k]! / 100;
    xb[k] = d.xbilat[k]! * 1000 * (1 + tau[k]!);
  }
  // gross output at least the exports; domestic sales on the diagonal
  const GO = Float64Array.from(d.GO);
  for (let s = 0; s < J; s++)
    for (let i = 0; i < N; i++) {
      let exports = 0;
      for (let m = 0; m < N; m++) exports += xb[(s * N + m) * N + i]! / (1 + tau[(s * N + m) * N + i]!);
      const k = s * N + i;
      if (GO[k]! < exports) GO[k] = exports;
      xb[(s * N + i) * N + i] = GO[k]! - exports;
    }
  const X = new Float64Array(J * N);
  const pi = new Float64Array(J * NN);
  for (let s = 0; s < J; s++)
    for (let m = 0; m < N; m++) {
      const row = (s * N + m) * N;
      let sum = 0;
      for (let i = 0; i < N; i++) sum += xb[row + i]!;
      X[s * N + m] = sum;
      for (let i = 0; i < N; i++) pi[row + i] = sum > 0 ? xb[row + i]! / sum : i === m ? 1 : 0;
    }
  // output (before tariffs) and imports by sector; deficits; tariff revenue
  const Y = new Float64Array(J * N);
  const D = new Float64Array(N);
  const R = new Float64Array(N);
  for (let s = 0; s < J; s++)
    for (let m = 0; m < N; m++)
      for (let i = 0; i < N; i++) {
        const k = (s * N + m) * N + i;
        const v = xb[k]! / (1 + tau[k]!);
        Y[s * N + i] += v;
        D[m] += v;
        D[i] -= v;
        R[m] += v * tau[k]!;
      }
  const VA = new Float64Array(N);
  for (let s = 0; s < J; s++) for (let m = 0; m < N; m++) VA[m] += GO[s * N + m]! * d.B[s * N + m]!;
  const gammaIO = new Float64Array(N * J * J);
  for (let m = 0; m < N; m++)
    for (let k = 0; k < J; k++)
      for (let s = 0; s < J; s++) gammaIO[(m * J + k) * J + s] = d.IO[(m * J + k) * J + s]! * (1 - d.B[s * N + m]!);
  const alpha = new Float64Array(J * N);
  for (let m = 0; m < N; m++) {
    const income = VA[m]! + R[m]! + D[m]!;
    let sum = 0;
    for (let k = 0; k < J; k++) {
      let intermediate = 0;
      for (let s = 0; s < J; s++) intermediate += gammaIO[(m * J + k) * J + s]! * Y[s * N + m]!;
      const a = Math.max(0, (X[k * N + m]! - intermediate) / income);
      alpha[k * N + m] = a;
      sum += a;
    }
    for (let k = 0; k < J; k++) alpha[k * N + m] /= sum;
  }
  return {
    n: N,
    J,
    iso3: d.iso3,
    sectors: d.sectors,
    tradable: T,
    pi,
    tau,
    X,
    VA,
    D,
    alpha,
    gammaVA: Float64Array.from(d.B),
    gammaIO,
    theta: Float64Array.from(d.theta),
  };
}

export interface CpSolution {
  tau: Float64Array;
  D: Float64Array;
  wHat: Float64Array;
  cHat: Float64Array; // unit cost, s*n + country
  pHat: Float64Array; // sectoral price index, s*n + country
  pi: Float64Array;
  X: Float64Array;
  income: Float64Array; // w L + tariff revenue + deficit
  priceIndex: Float64Array; // Π_j P̂_j^α (consumer prices, hat)
  iterations: number;
  imbalance: number; // max |trade balance residual| / value added
}

export interface CpSolveOptions {
  /** Initial step of the wage update (the authors use 0.2–0.5); halved whenever the imbalance grows. */
  step?: number;
  tol?: number;
  maxIterations?: number;
  /** Start from another solution (wages, prices, expenditure). */
  start?: CpSolution;
}

/**
 * Solve for the equilibrium with tariffs `tau1` and deficits `D` (levels, the data's units), relative to the
 * calibrated data (hats against the data's 1993 tariffs).
 */
export function solveCp(base: CpBase, tau1: Float64Array, D: Float64Array, opts: CpSolveOptions = {}): CpSolution {
  const { n: N, J, theta, gammaVA, gammaIO, alpha, VA } = base;
  const NN = N * N;
  let step = opts.step ?? 0.5;
  const tol = opts.tol ?? 1e-10;
  const maxIt = opts.maxIterations ?? 20000;
  // A = π κ̂^{−θ}: constant for the solve
  const A = new Float64Array(J * NN);
  for (let s = 0; s < J; s++)
    for (let k = s * NN; k < (s + 1) * NN; k++) {
      const p = base.pi[k]!;
      A[k] = p === 0 ? 0 : p * Math.pow((1 + tau1[k]!) / (1 + base.tau[k]!), -theta[s]!);
    }
  const w = opts.start ? Float64Array.from(opts.start.wHat) : new Float64Array(N).fill(1);
  const lnP = new Float64Array(J * N);
  if (opts.start) for (let k = 0; k < J * N; k++) lnP[k] = Math.log(opts.start.pHat[k]!);
  const lnc = new Float64Array(J * N);
  const cPow = new Float64Array(J * N); // ĉ^{−θ}
  const S = new Float64Array(J * N); // Σ_i A ĉ_i^{−θ} = P̂^{−θ}
  const pi1 = new Float64Array(J * NN);
  const pit = new Float64Array(J * NN); // π' / (1 + τ')
  const F = new Float64Array(J * N);
  const X = opts.start ? Float64Array.from(opts.start.X) : Float64Array.from(base.X);
  const Yout = new Float64Array(J * N);
  const income = new Float64Array(N);
  const res = new Float64Array(N);
  const totalVA = VA.reduce((a, b) => a + b, 0);
  let it = 0;
  let imbalance = Infinity;
  let previous = Infinity;
  const wGood = Float64Array.from(w);
  const lnPGood = Float64Array.from(lnP);
  const XGood = Float64Array.from(X);
  const resGood = new Float64Array(N);
  // inner fixed points are solved only as tightly as the outer imbalance needs
  let inner = 1e-6;

  const prices = () => {
    for (let sweep = 0; sweep < 5000; sweep++) {
      for (let i = 0; i < N; i++) {
        const lw = Math.log(w[i]!);
        const g = i * J * J;
        for (let s = 0; s < J; s++) {
          let v = gammaVA[s * N + i]! * lw;
          for (let k = 0; k < J; k++) v += gammaIO[g + k * J + s]! * lnP[k * N + i]!;
          lnc[s * N + i] = v;
          cPow[s * N + i] = Math.exp(-theta[s]! * v);
        }
      }
      let change = 0;
      for (let s = 0; s < J; s++)
        for (let m = 0; m < N; m++) {
          const row = (s * N + m) * N;
          let sum = 0;
          for (let i = 0; i < N; i++) {
            const a = A[row + i]!;
            if (a !== 0) sum += a * cPow[s * N + i]!;
          }
          S[s * N + m] = sum;
          const lp = -Math.log(sum) / theta[s]!;
          change = Math.max(change, Math.abs(lp - lnP[s * N + m]!));
          lnP[s * N + m] = lp;
        }
      if (!(change >= inner)) break; // converged (or NaN: the wage loop backs off)
    }
  };

  const expenditure = () => {
    for (let s = 0; s < J; s++)
      for (let m = 0; m < N; m++) {
        const row = (s * N + m) * N;
        let f = 0;
        for (let i = 0; i < N; i++) {
          const k = row + i;
          const p = A[k]! === 0 ? 0 : (A[k]! * cPow[s * N + i]!) / S[s * N + m]!;
          pi1[k] = p;
          pit[k] = p / (1 + tau1[k]!);
          f += pit[k]!;
        }
        F[s * N + m] = f;
      }
    for (let sweep = 0; sweep < 10000; sweep++) {
      Yout.fill(0);
      for (let s = 0; s < J; s++)
        for (let m = 0; m < N; m++) {
          const x = X[s * N + m]!;
          const row = (s * N + m) * N;
          for (let i = 0; i < N; i++) Yout[s * N + i] += pit[row + i]! * x;
        }
      let change = 0;
      let scale = 0;
      for (let m = 0; m < N; m++) {
        let rev = 0;
        for (let s = 0; s < J; s++) rev += X[s * N + m]! * (1 - F[s * N + m]!);
        const inc = w[m]! * VA[m]! + rev + D[m]!;
        income[m] = inc;
        const g = m * J * J;
        for (let k = 0; k < J; k++) {
          let v = alpha[k * N + m]! * inc;
          for (let s = 0; s < J; s++) v += gammaIO[g + k * J + s]! * Yout[s * N + m]!;
          change = Math.max(change, Math.abs(v - X[k * N + m]!));
          scale = Math.max(scale, v);
          X[k * N + m] = v;
        }
      }
      if (!(change > inner * 0.1 * scale)) break;
    }
  };

  while (it < maxIt) {
    it++;
    prices();
    expenditure();
    res.fill(0);
    for (let s = 0; s < J; s++)
      for (let m = 0; m < N; m++) {
        const x = X[s * N + m]!;
        const row = (s * N + m) * N;
        for (let i = 0; i < N; i++) {
          if (i === m) continue;
          const v = pit[row + i]! * x;
          res[m] += v; // imports of m
          res[i] -= v; // exports of i
        }
      }
    imbalance = 0;
    for (let m = 0; m < N; m++) {
      res[m] -= D[m]!;
      imbalance = Math.max(imbalance, Math.abs(res[m]!) / VA[m]!);
    }
    if (imbalance < tol && inner <= 1e-13) break;
    if (!(imbalance <= previous * 1.05)) {
      // the update overshot (trade reacts strongly where θ is high): back to the last wages that improved, with
      // half the step; the inner states restart from there
      step /= 2;
      if (step < 1e-4) break;
      w.set(wGood);
      lnP.set(lnPGood);
      X.set(XGood);
      res.set(resGood);
    } else {
      previous = imbalance;
      wGood.set(w);
      lnPGood.set(lnP);
      XGood.set(X);
      resGood.set(res);
      inner = Math.max(1e-13, Math.min(1e-6, imbalance * 1e-3));
    }
    let gdp = 0;
    for (let m = 0; m < N; m++) {
      w[m] = w[m]! * (1 - (step * res[m]!) / VA[m]!);
      gdp += w[m]! * VA[m]!;
    }
    for (let m = 0; m < N; m++) w[m] = (w[m]! * totalVA) / gdp;
  }
  if (!(imbalance < tol))
    throw new Error(
      `the multi-sector GE did not converge: largest trade imbalance ${imbalance.toExponential(2)} of value added after ${it} wage iterations`,
    );
  const cHat = lnc.map(Math.exp);
  const pHat = lnP.map(Math.exp);
  const priceIndex = new Float64Array(N);
  for (let m = 0; m < N; m++) {
    let lp = 0;
    for (let s = 0; s < J; s++) lp += alpha[s * N + m]! * lnP[s * N + m]!;
    priceIndex[m] = Math.exp(lp);
  }
  return { tau: tau1, D, wHat: w, cHat, pHat, pi: pi1, X, income, priceIndex, iterations: it, imbalance };
}

/** Flows before tariffs: (s*n + importer)*n + exporter. */
export function cpFlows(base: CpBase, sol: CpSolution): Float64Array {
  const { n: N, J } = base;
  const out = new Float64Array(J * N * N);
  for (let s = 0; s < J; s++)
    for (let m = 0; m < N; m++) {
      const x = sol.X[s * N + m]!;
      const row = (s * N + m) * N;
      for (let i = 0; i < N; i++) out[row + i] = (sol.pi[row + i]! * x) / (1 + sol.tau[row + i]!);
    }
  return out;
}

export interface CpComparison {
  /** CP's welfare measure: terms of trade + volume of trade, in % of baseline income. */
  welfarePct: Float64Array;
  termsOfTradePct: Float64Array;
  volumeOfTradePct: Float64Array;
  /** Exact change of real income I/P (income over the consumer price index), %. */
  realIncomePct: Float64Array;
  realWagePct: Float64Array;
  pricesPct: Float64Array;
  exportsPct: Float64Array;
  importsPct: Float64Array;
  /** Bilateral flows before tariffs, baseline and counterfactual. */
  flowsB: Float64Array;
  flowsA: Float64Array;
}

/**
 * Counterfactual `a` against baseline `b` (both solved from the same data): CP's decomposition of the welfare
 * change into terms of trade, Σ_j Σ_i (E_ni ĉ_n − M_ni ĉ_i changes), and volume of trade, Σ_j Σ_i τ_ni M_ni
 * (M̂_ni − ĉ_i), both at baseline flows and over baseline income, with discrete changes (x̂ − 1) in place of
 * d ln x as their code; plus the exact real-income and real-wage changes.
 */
export function compareCp(base: CpBase, a: CpSolution, b: CpSolution): CpComparison {
  const { n: N, J } = base;
  const fa = cpFlows(base, a);
  const fb = cpFlows(base, b);
  const tot = new Float64Array(N);
  const vot = new Float64Array(N);
  const exA = new Float64Array(N);
  const exB = new Float64Array(N);
  const imA = new Float64Array(N);
  const imB = new Float64Array(N);
  for (let s = 0; s < J; s++)
    for (let m = 0; m < N; m++) {
      const row = (s * N + m) * N;
      for (let i = 0; i < N; i++) {
        if (i === m) continue;
        const k = row + i;
        const mb = fb[k]!;
        if (mb === 0) continue;
        const ci = a.cHat[s * N + i]! / b.cHat[s * N + i]! - 1;
        // m imports mb from i: a rise in i's unit cost is a loss to m (import price) and a gain to i (export price)
        tot[m] -= mb * ci;
        tot[i] += mb * ci;
        vot[m] += b.tau[k]! * mb * (fa[k]! / mb - 1 - ci);
        imA[m] += fa[k]!;
        imB[m] += mb;
        exA[i] += fa[k]!;
        exB[i] += mb;
      }
    }
  const pct = (x: number, y: number) => 100 * (x / y - 1);
  const out: CpComparison = {
    welfarePct: new Float64Array(N),
    termsOfTradePct: new Float64Array(N),
    volumeOfTradePct: new Float64Array(N),
    realIncomePct: new Float64Array(N),
    realWagePct: new Float64Array(N),
    pricesPct: new Float64Array(N),
    exportsPct: new Float64Array(N),
    importsPct: new Float64Array(N),
    flowsA: fa,
    flowsB: fb,
  };
  for (let m = 0; m < N; m++) {
    const I = b.income[m]!;
    out.termsOfTradePct[m] = (100 * tot[m]!) / I;
    out.volumeOfTradePct[m] = (100 * vot[m]!) / I;
    out.welfarePct[m] = out.termsOfTradePct[m]! + out.volumeOfTradePct[m]!;
    const p = a.priceIndex[m]! / b.priceIndex[m]!;
    out.realIncomePct[m] = pct(a.income[m]! / p, I);
    out.realWagePct[m] = pct(a.wHat[m]! / p, b.wHat[m]!);
    out.pricesPct[m] = 100 * (p - 1);
    out.exportsPct[m] = pct(exA[m]!, exB[m]!);
    out.importsPct[m] = pct(imA[m]!, imB[m]!);
  }
  return out;
}
