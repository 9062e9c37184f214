// Partial equilibrium, product by product, in exact hat form. For one importer and one product g with suppliers c:
//   buyers' price of c:      p̂_c = x̂_c · (1+t1_c)/(1+t0_c)          (x̂_c: change in c's world price)
//   import price index:      P̂ = [Σ_c s_c p̂_c^(1−σ)]^(1/(1−σ))     (s_c: duty-inclusive spending shares; CES σ)
//   import quantity:         Q̂ = P̂^(−ε_m)                           (ε_m: import demand elasticity, > 0)
//   supplier quantity:       q̂_c = (p̂_c/P̂)^(−σ) · Q̂
//   export supply:           x̂_c = q̂_c^(1/ε_x)  (ε_x = ∞: x̂ = 1, full pass-through to buyers)
// Outputs per line: import value at world prices M1 = M0 x̂ q̂, split into creation M0(x̂ Q̂ − 1) and diversion
// M0 x̂ (q̂ − Q̂); per product: buyers' cost E0 (P̂^(1−ε_m) − 1)/(1−ε_m) (the exact loss of buyers' surplus under
// constant-elasticity demand), tariff revenue change Σ t1 M1 − Σ t0 M0, foreign producer surplus
// M0 (x̂^(1+ε_x) − 1)/(1+ε_x), and deadweight loss = buyers' cost − revenue change − foreign surplus change.

export interface PeMarkets {
  start: Int32Array; // CSR over products
  value: Float64Array; // M0 per line (world prices)
  t0: Float64Array;
  t1: Float64Array;
}

export interface PeElasticities {
  sigma: Float64Array; // per product (σ > 0, σ ≠ 1 handled)
  demand: Float64Array; // per product ε_m > 0
  supply: number; // ε_x; Infinity = flat foreign supply
}

export interface PeLineOut {
  value1: Float64Array;
  creation: Float64Array;
  diversion: Float64Array;
  worldPrice: Float64Array; // x̂ − 1
}

export interface PeProductOut {
  priceIndex: Float64Array; // P̂ − 1
  buyerCost: Float64Array;
  revenueChange: Float64Array;
  foreignSurplus: Float64Array;
  deadweight: Float64Array;
}

export function allocateLines(nnz: number): PeLineOut {
  return {
    value1: new Float64Array(nnz),
    creation: new Float64Array(nnz),
    diversion: new Float64Array(nnz),
    worldPrice: new Float64Array(nnz),
  };
}

export function allocateProducts(n: number): PeProductOut {
  return {
    priceIndex: new Float64Array(n),
    buyerCost: new Float64Array(n),
    revenueChange: new Float64Array(n),
    foreignSurplus: new Float64Array(n),
    deadweight: new Float64Array(n),
  };
}

/** CES index of relative prices with shares s: [Σ s p^(1−σ)]^(1/(1−σ)); the geometric mean at σ = 1. */
function ces(s: Float64Array, p: Float64Array, from: number, to: number, sigma: number): number {
  if (Math.abs(sigma - 1) < 1e-9) {
    let l = 0;
    for (let k = from; k < to; k++) l += s[k]! * Math.log(p[k]!);
    return Math.exp(l);
  }
  let acc = 0;
  for (let k = from; k < to; k++) acc += p[k] === 1 ? s[k]! : s[k]! * Math.pow(p[k]!, 1 - sigma);
  return Math.pow(acc, 1 / (1 - sigma));
}

/** Buyers' surplus loss from a price index change P̂ on spending E0 with demand elasticity ε. */
export function buyerLoss(E0: number, pHat: number, eps: number): number {
  if (Math.abs(eps - 1) < 1e-9) return E0 * Math.log(pHat);
  return (E0 * (Math.pow(pHat, 1 - eps) - 1)) / (1 - eps);
}

/** Products whose tariff changes for at least one supplier: the others are left exactly as they were. */
export function changedProducts(m: PeMarkets): Int32Array {
  const out: number[] = [];
  for (let g = 0; g + 1 < m.start.length; g++)
    for (let k = m.start[g]!; k < m.start[g + 1]!; k++)
      if (m.t1[k] !== m.t0[k]) {
        out.push(g);
        break;
      }
  return Int32Array.from(out);
}

/**
 * Solve every product market (or only the `active` ones: the caller then keeps the others' outputs at rest). Scratch arrays (share, tauHat, pHat, qHat, xHat) are per line and reused across
 * calls by passing the same `work`.
 */
export function solvePe(
  m: PeMarkets,
  e: PeElasticities,
  lines: PeLineOut,
  products: PeProductOut,
  work = allocateWork(m.value.length, m.start.length - 1),
  active?: Int32Array,
): void {
  const nProducts = active ? active.length : m.start.length - 1;
  const { share, tauHat, pHat, qHat, xHat } = work;
  const finite = Number.isFinite(e.supply);
  for (let a = 0; a < nProducts; a++) {
    const g = active ? active[a]! : a;
    const from = m.start[g]!;
    const to = m.start[g + 1]!;
    // spending shares and tariff factors do not depend on the elasticities: computed once per work area
    if (!work.prepared[g]) {
      let total = 0;
      for (let k = from; k < to; k++) total += m.value[k]! * (1 + m.t0[k]!);
      work.spend[g] = total;
      for (let k = from; k < to; k++) {
        share[k] = total > 0 ? (m.value[k]! * (1 + m.t0[k]!)) / total : 0;
        tauHat[k] = (1 + m.t1[k]!) / (1 + m.t0[k]!);
      }
      work.prepared[g] = 1;
    }
    const E0 = work.spend[g]!;
    if (E0 <= 0) continue;
    if (finite) for (let k = from; k < to; k++) xHat[k] = 1;
    const sigma = e.sigma[g]!;
    const eps = e.demand[g]!;
    let P = 1;
    let Q = 1;
    // step size that keeps the fixed point contracting when substitution is strong relative to supply
    const damp = finite ? 1 / (1 + (sigma + eps) / e.supply) : 1;
    // flat supply: one pass; finite supply: damped fixed point on log world prices
    for (let it = 0; it < (finite ? 2000 : 1); it++) {
      if (finite) for (let k = from; k < to; k++) pHat[k] = xHat[k]! * tauHat[k]!;
      else for (let k = from; k < to; k++) pHat[k] = tauHat[k]!;
      P = ces(share, pHat, from, to, sigma);
      Q = Math.pow(P, -eps);
      let moved = 0;
      // suppliers whose buyers' price does not move share one quantity change
      const qUnmoved = Math.pow(P, sigma) * Q;
      for (let k = from; k < to; k++) {
        qHat[k] = pHat[k] === 1 ? qUnmoved : Math.pow(pHat[k]! / P, -sigma) * Q;
        if (finite) {
          const target = Math.log(qHat[k]!) / e.supply;
          const cur = Math.log(xHat[k]!);
          const next = cur + damp * (target - cur);
          moved = Math.max(moved, Math.abs(next - cur));
          xHat[k] = Math.exp(next);
        }
      }
      if (finite && moved < 1e-13) break;
    }
    let rev = 0;
    let ps = 0;
    for (let k = from; k < to; k++) {
      const M0 = m.value[k]!;
      const x = finite ? xHat[k]! : 1;
      const M1 = M0 * x * qHat[k]!;
      lines.value1[k] = M1;
      lines.creation[k] = M0 * (x * Q - 1);
      lines.diversion[k] = M0 * x * (qHat[k]! - Q);
      lines.worldPrice[k] = x - 1;
      rev += m.t1[k]! * M1 - m.t0[k]! * M0;
      if (finite) ps += (M0 * (Math.pow(xHat[k]!, 1 + e.supply) - 1)) / (1 + e.supply);
    }
    const cost = buyerLoss(E0, P, eps);
    products.priceIndex[g] = P - 1;
    products.buyerCost[g] = cost;
    products.revenueChange[g] = rev;
    products.foreignSurplus[g] = ps;
    products.deadweight[g] = cost - rev - ps;
  }
}

export interface PeWork {
  prepared: Uint8Array; // per product: share and tauHat filled
  spend: Float64Array; // per product: duty-inclusive spending E0
  share: Float64Array;
  tauHat: Float64Array;
  pHat: Float64Array;
  qHat: Float64Array;
  xHat: Float64Array;
}

export function allocateWork(nnz: number, products: number): PeWork {
  return {
    prepared: new Uint8Array(products),
    spend: new Float64Array(products),
    share: new Float64Array(nnz),
    tauHat: new Float64Array(nnz),
    pHat: new Float64Array(nnz),
    qHat: new Float64Array(nnz),
    xHat: new Float64Array(nnz),
  };
}
