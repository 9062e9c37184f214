// A dense Newton solver for square nonlinear systems F(x) = 0 on typed arrays: forward-difference Jacobian,
// LU with partial pivoting, backtracking on the residual norm. The Jacobian is refreshed only when a step fails to
// cut the residual by half (chord steps are cheap: one O(n²) back-substitution each).

export type Residual = (x: Float64Array, out: Float64Array) => void;

export interface NewtonOptions {
  tolerance?: number; // max |F_k| at the solution
  maxIterations?: number;
  step?: number; // relative finite-difference step
}

export interface NewtonResult {
  x: Float64Array;
  residual: number;
  iterations: number;
  jacobians: number;
}

export class NoConvergenceError extends Error {
  constructor(residual: number, iterations: number) {
    super(
      `the equilibrium solver did not converge (max residual ${residual.toExponential(2)} after ${iterations} steps)`,
    );
    this.name = 'NoConvergenceError';
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let k = 0; k < v.length; k++) {
    const a = Math.abs(v[k]!);
    if (a > m || Number.isNaN(a)) m = Number.isNaN(a) ? Infinity : a;
  }
  return m;
}

/** Jacobian by forward differences, row-major J[r*n + c] = ∂F_r/∂x_c. */
function jacobian(f: Residual, x: Float64Array, fx: Float64Array, h: number, J: Float64Array): void {
  const n = x.length;
  const fp = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const keep = x[c]!;
    const d = h * Math.max(1, Math.abs(keep));
    x[c] = keep + d;
    f(x, fp);
    x[c] = keep;
    for (let r = 0; r < n; r++) J[r * n + c] = (fp[r]! - fx[r]!) / d;
  }
}

/** In-place LU with partial pivoting; returns the pivot order. */
export function luDecompose(A: Float64Array, n: number): Int32Array {
  const piv = new Int32Array(n);
  for (let k = 0; k < n; k++) piv[k] = k;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(A[k * n + k]!);
    for (let r = k + 1; r < n; r++) {
      const v = Math.abs(A[r * n + k]!);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    if (best === 0) throw new Error('singular Jacobian in the equilibrium solver');
    if (p !== k) {
      for (let c = 0; c < n; c++) {
        const t = A[k * n + c]!;
        A[k * n + c] = A[p * n + c]!;
        A[p * n + c] = t;
      }
      const t = piv[k]!;
      piv[k] = piv[p]!;
      piv[p] = t;
    }
    const akk = A[k * n + k]!;
    const pivotRow = A.subarray(k * n + k + 1, k * n + n);
    const len = n - k - 1;
    for (let r = k + 1; r < n; r++) {
      const m = A[r * n + k]! / akk;
      if (m === 0) continue;
      A[r * n + k] = m;
      const row = A.subarray(r * n + k + 1, r * n + n);
      for (let c = 0; c < len; c++) row[c] = row[c]! - m * pivotRow[c]!;
    }
  }
  return piv;
}

export function luSolve(LU: Float64Array, piv: Int32Array, b: Float64Array, out: Float64Array): void {
  const n = b.length;
  for (let r = 0; r < n; r++) out[r] = b[piv[r]!]!;
  for (let r = 0; r < n; r++) {
    let s = out[r]!;
    const row = r * n;
    for (let c = 0; c < r; c++) s -= LU[row + c]! * out[c]!;
    out[r] = s;
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = out[r]!;
    const row = r * n;
    for (let c = r + 1; c < n; c++) s -= LU[row + c]! * out[c]!;
    out[r] = s / LU[row + r]!;
  }
}

export function solveNewton(f: Residual, x0: Float64Array, opts: NewtonOptions = {}): NewtonResult {
  const tol = opts.tolerance ?? 1e-11;
  const maxIt = opts.maxIterations ?? 200;
  const h = opts.step ?? 1e-7;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const fx = new Float64Array(n);
  const trial = new Float64Array(n);
  const ft = new Float64Array(n);
  const dx = new Float64Array(n);
  const J = new Float64Array(n * n);
  f(x, fx);
  let norm = maxAbs(fx);
  let piv: Int32Array | null = null;
  let jacobians = 0;
  let fresh = false;
  for (let it = 0; it < maxIt; it++) {
    if (norm < tol) return { x, residual: norm, iterations: it, jacobians };
    if (!piv) {
      jacobian(f, x, fx, h, J);
      piv = luDecompose(J, n);
      jacobians++;
      fresh = true;
    }
    luSolve(J, piv, fx, dx);
    let t = 1;
    let accepted = false;
    for (let back = 0; back < 30; back++) {
      for (let k = 0; k < n; k++) trial[k] = x[k]! - t * dx[k]!;
      f(trial, ft);
      const nt = maxAbs(ft);
      if (nt < norm * (1 - 1e-4 * t) || nt < tol) {
        const ratio = nt / norm;
        x.set(trial);
        fx.set(ft);
        norm = nt;
        accepted = true;
        // a slow chord step means the Jacobian is stale: refresh it next time
        if (ratio > 0.5) piv = null;
        fresh = false;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      if (fresh) throw new NoConvergenceError(norm, it);
      piv = null;
    }
  }
  if (norm < tol) return { x, residual: norm, iterations: maxIt, jacobians };
  throw new NoConvergenceError(norm, maxIt);
}
