// GEPPML (Anderson, Larch and Yotov 2018): structural gravity estimated by PPML with exporter and importer fixed
// effects, then general-equilibrium counterfactuals from re-estimated fixed effects — conditional (trade costs
// change, output and expenditure do not) and full endowment (factory-gate prices adjust until they settle). The
// steps follow the authors' Stata code (the reference importer's fixed effect is 0; σ = 7).
import { luDecompose, luSolve } from './newton.js';

export interface GravityData {
  countries: string[];
  reference: number; // index of the reference importer
  exporter: Int32Array;
  importer: Int32Array;
  trade: Float64Array;
  covariates: Float64Array[]; // one column per covariate
  covariateNames: string[];
}

export interface PpmlFit {
  beta: Float64Array; // covariate coefficients
  expFe: Float64Array; // exp(exporter fixed effect)
  impFe: Float64Array; // exp(importer fixed effect), 1 for the reference
  mu: Float64Array; // fitted trade
  iterations: number;
}

/**
 * Poisson pseudo-maximum likelihood by Newton (IRLS) with exporter and importer dummies (the reference importer's
 * left out) plus covariates, and an optional offset.
 */
export function ppml(
  d: GravityData,
  y: Float64Array,
  covariates: Float64Array[],
  offset?: Float64Array,
  start?: Float64Array,
): PpmlFit {
  const n = y.length;
  const N = d.countries.length;
  const K = covariates.length;
  const P = K + N + (N - 1);
  const impCol = (j: number) => (j === d.reference ? -1 : K + N + (j < d.reference ? j : j - 1));
  const eta = new Float64Array(n);
  const theta = start ? Float64Array.from(start) : new Float64Array(P);
  // a start that puts every fitted value at the data's scale: exporter effects at log mean flows
  if (!start) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += y[r]!;
    mean /= n;
    for (let i = 0; i < N; i++) theta[K + i] = Math.log(mean);
  }
  const H = new Float64Array(P * P);
  const g = new Float64Array(P);
  const step = new Float64Array(P);
  const linear = (th: Float64Array, out: Float64Array) => {
    for (let r = 0; r < n; r++) {
      let e = offset ? offset[r]! : 0;
      for (let k = 0; k < K; k++) e += th[k]! * covariates[k]![r]!;
      e += th[K + d.exporter[r]!]!;
      const c = impCol(d.importer[r]!);
      if (c >= 0) e += th[c]!;
      out[r] = e;
    }
  };
  const deviance = (et: Float64Array) => {
    let s = 0;
    for (let r = 0; r < n; r++) {
      const mu = Math.exp(et[r]!);
      s += mu - y[r]! * et[r]!;
    }
    return s;
  };
  linear(theta, eta);
  let dev = deviance(eta);
  let iterations = 0;
  const cols = new Int32Array(K + 2);
  const vals = new Float64Array(K + 2);
  for (; iterations < 200; iterations++) {
    H.fill(0);
    g.fill(0);
    for (let r = 0; r < n; r++) {
      const mu = Math.exp(eta[r]!);
      const res = y[r]! - mu;
      let m = 0;
      for (let k = 0; k < K; k++) {
        cols[m] = k;
        vals[m++] = covariates[k]![r]!;
      }
      cols[m] = K + d.exporter[r]!;
      vals[m++] = 1;
      const c = impCol(d.importer[r]!);
      if (c >= 0) {
        cols[m] = c;
        vals[m++] = 1;
      }
      for (let a = 0; a < m; a++) {
        g[cols[a]!]! += vals[a]! * res;
        for (let b = 0; b < m; b++) H[cols[a]! * P + cols[b]!]! += mu * vals[a]! * vals[b]!;
      }
    }
    const piv = luDecompose(H, P);
    luSolve(H, piv, g, step);
    // Newton step on the Poisson likelihood, halved until the deviance falls
    let t = 1;
    const trial = new Float64Array(P);
    const etaTrial = new Float64Array(n);
    let accepted = false;
    for (let back = 0; back < 40; back++) {
      for (let k = 0; k < P; k++) trial[k] = theta[k]! + t * step[k]!;
      linear(trial, etaTrial);
      const dt = deviance(etaTrial);
      if (dt <= dev + 1e-12 * Math.abs(dev)) {
        const change = Math.abs(dev - dt) / Math.max(1, Math.abs(dt));
        theta.set(trial);
        eta.set(etaTrial);
        dev = dt;
        accepted = true;
        if (change < 1e-15) iterations = 1000;
        break;
      }
      t /= 2;
    }
    if (!accepted || iterations >= 1000) break;
  }
  const beta = theta.slice(0, K);
  const expFe = new Float64Array(N);
  const impFe = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    expFe[i] = Math.exp(theta[K + i]!);
    const c = impCol(i);
    impFe[i] = c >= 0 ? Math.exp(theta[c]!) : 1;
  }
  const mu = eta.map(Math.exp);
  return { beta, expFe, impFe, mu, iterations: Math.min(iterations, 200) };
}

export interface GeppmlResult {
  beta: Record<string, number>;
  countries: string[];
  rGdpFullPct: Float64Array;
  rGdpCndlPct: Float64Array;
  omrFullPct: Float64Array;
  imrFullPct: Float64Array;
  totalExportsFullPct: Float64Array;
  factoryGatePricePct: Float64Array;
  iterations: number;
}

/** The border-removal counterfactual of ALY (2018): every international border dummy set to 0. */
export function geppmlBorderRemoval(d: GravityData, sigma = 7, tol = 0.001): GeppmlResult {
  const N = d.countries.length;
  const n = d.trade.length;
  const R = d.reference;
  const byExp = (v: Float64Array) => {
    const out = new Float64Array(N);
    for (let r = 0; r < n; r++) out[d.exporter[r]!]! += v[r]!;
    return out;
  };
  const byImp = (v: Float64Array) => {
    const out = new Float64Array(N);
    for (let r = 0; r < n; r++) out[d.importer[r]!]! += v[r]!;
    return out;
  };
  const output = byExp(d.trade);
  const expndr = byImp(d.trade);
  const eR = expndr[R]!;
  const inv = 1 / (1 - sigma);
  // 1. baseline gravity
  const base = ppml(d, d.trade, d.covariates);
  const b = base.beta;
  const border = d.covariateNames.indexOf('BRDR');
  const lnT1 = new Float64Array(n);
  const tCtrf = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let k = 0; k < d.covariates.length; k++) if (k !== border) s += b[k]! * d.covariates[k]![r]!;
    // the diagonal keeps its baseline costs (its border dummy is 0 anyway)
    if (d.exporter[r] === d.importer[r]) s += b[border]! * d.covariates[border]![r]!;
    lnT1[r] = s;
    tCtrf[r] = Math.exp(s);
  }
  const imrB = expndr.map((e, j) => e / (base.impFe[j]! * eR));
  const rGdpB = output.map((y, i) => y / Math.pow(imrB[i]!, inv));
  const omrB = output.map((y, i) => (y * eR) / base.expFe[i]!);
  const expB = new Float64Array(N);
  for (let r = 0; r < n; r++) if (d.exporter[r] !== d.importer[r]) expB[d.exporter[r]!]! += base.mu[r]!;
  // 2. conditional: fixed effects only, counterfactual costs as offset
  const cndl = ppml(d, d.trade, [], lnT1);
  const imrC = expndr.map((e, j) => e / (cndl.impFe[j]! * eR));
  const rGdpC = output.map((y, i) => y / Math.pow(imrC[i]!, inv));
  // 3. full endowment, as the authors iterate
  const phi = expndr.map((e, i) => e / output[i]!);
  let fesPrev = cndl.expFe;
  let pExp = fesPrev.map((f, i) => Math.pow(f / base.expFe[i]!, inv));
  let eRPrev = phi[R]! * output[R]!;
  let omrPrev = output.map((y, i) => (y * eRPrev) / fesPrev[i]!);
  let imrPrev = phi.map((p, j) => (p * output[j]!) / (cndl.impFe[j]! * eRPrev));
  let omrCh = new Float64Array(N).fill(1);
  let imrCh = new Float64Array(N).fill(1);
  let pred = cndl.mu;
  let pExpPrev = new Float64Array(N); // p_full_exp_0 = 0
  let fit = cndl;
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    const tradeK = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const i = d.exporter[r]!;
      const j = d.importer[r]!;
      tradeK[r] = (pred[r]! * pExp[i]! * pExp[j]!) / (omrCh[i]! * imrCh[j]!);
    }
    fit = ppml(d, tradeK, [], lnT1);
    pred = fit.mu;
    const outK = byExp(pred);
    const eRK = byImp(pred)[R]!;
    const pNext = fit.expFe.map((f, i) => Math.pow(f / fesPrev[i]! / (eRK / eRPrev), inv));
    const omrK = outK.map((y, i) => y / fit.expFe[i]!);
    const expK = phi.map((p, j) => p * outK[j]!);
    const imrK = expK.map((e, j) => e / (fit.impFe[j]! * eRK));
    omrCh = omrK.map((o, i) => o / omrPrev[i]!);
    imrCh = imrK.map((m, j) => m / imrPrev[j]!);
    omrPrev = omrK;
    imrPrev = imrK;
    fesPrev = fit.expFe;
    eRPrev = eRK;
    // the authors test the change between the two previous price updates (one step behind the newest)
    const diff = pExp.map((p, i) => p - pExpPrev[i]!);
    pExpPrev = pExp;
    pExp = pNext;
    const mean = diff.reduce((a, v) => a + v, 0) / N;
    const sd = Math.sqrt(diff.reduce((a, v) => a + (v - mean) ** 2, 0) / (N - 1));
    if (sd <= tol && Math.abs(Math.max(...diff)) <= tol) break;
  }
  // 4. full-endowment indexes
  const outF = byExp(pred);
  const eRF = phi[R]! * outF[R]!;
  const pFull = fit.expFe.map((f, i) => Math.pow(f / base.expFe[i]! / (eRF / eR), inv));
  const outputFull = pFull.map((p, i) => p * output[i]!);
  const expndrF = phi.map((p, j) => p * outF[j]!);
  const omrF = outputFull.map((y, i) => (y * eRF) / fit.expFe[i]!);
  const imrF = expndrF.map((e, j) => e / (fit.impFe[j]! * eRF));
  const rGdpF = outputFull.map((y, i) => y / Math.pow(imrF[i]!, inv));
  const expFull = phi.map((p, j) => p * outputFull[j]!);
  const totF = new Float64Array(N);
  for (let r = 0; r < n; r++) {
    const i = d.exporter[r]!;
    const j = d.importer[r]!;
    if (i !== j) totF[i]! += (outputFull[i]! * expFull[j]! * tCtrf[r]!) / (imrF[j]! * omrF[i]!);
  }
  const pct = (a: Float64Array, z: Float64Array) => a.map((v, i) => 100 * (v / z[i]! - 1));
  return {
    beta: Object.fromEntries(d.covariateNames.map((c, k) => [c, b[k]!])),
    countries: d.countries,
    rGdpFullPct: pct(rGdpF, rGdpB),
    rGdpCndlPct: pct(rGdpC, rGdpB),
    omrFullPct: pct(omrF, omrB),
    imrFullPct: pct(imrF, imrB),
    totalExportsFullPct: pct(totF, expB),
    factoryGatePricePct: pFull.map((p) => 100 * (p - 1)),
    iterations,
  };
}
