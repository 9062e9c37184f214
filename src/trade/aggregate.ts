// Trade-weighted averages: Σ w·t / Σ w with fixed weights, by date, with decompositions by authority
// (layer contributions) and by HS section, and coverage (share of trade under any additional duty).
import type { ImporterRules } from '../engine/compile.js';
import { productIntervals, stackAt, type Window } from '../engine/panel.js';
import { sectionOf } from '../codes/hs-sections.js';
import type { SectionFigure, AveragePoint } from '../contract/answers.js';
export type { SectionFigure, AveragePoint };

export type ByDimension = 'authority' | 'section';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Averages at the given dates (each product evaluated at each date). */
export function averagesAt(
  rules: ImporterRules,
  origin: string,
  dates: string[],
  weights: Map<string, number>,
  by?: ByDimension,
  onProgress?: (done: number, total: number) => void,
): AveragePoint[] {
  const out: AveragePoint[] = [];
  const entries = [...weights].filter(([, w]) => w > 0);
  let done = 0;
  const total = entries.length * dates.length;
  for (const date of dates) {
    let sw = 0;
    let swt = 0;
    let covered = 0;
    const byAuth = new Map<string, number>();
    const bySec = new Map<string, { title: string; w: number; wt: number; cov: number }>();
    for (const [code, w] of entries) {
      const s = stackAt(rules, code, origin, date);
      sw += w;
      swt += w * s.total;
      if (s.additional > 0) covered += w;
      if (by === 'authority') {
        byAuth.set('mfn', (byAuth.get('mfn') ?? 0) + w * s.base);
        for (const l of s.layers) byAuth.set(l.authority, (byAuth.get(l.authority) ?? 0) + w * l.pct);
      } else if (by === 'section') {
        const sec = sectionOf(code);
        const key = sec?.id ?? '?';
        let acc = bySec.get(key);
        if (!acc) bySec.set(key, (acc = { title: sec?.title ?? 'unclassified', w: 0, wt: 0, cov: 0 }));
        acc.w += w;
        acc.wt += w * s.total;
        if (s.additional > 0) acc.cov += w;
      }
      if (onProgress && ++done % 2000 === 0) onProgress(done, total);
    }
    const point: AveragePoint = { date, average_pct: r4(swt / sw), coverage_pct: r4((100 * covered) / sw) };
    if (by === 'authority') point.by = Object.fromEntries([...byAuth].sort().map(([k, v]) => [k, r4(v / sw)]));
    if (by === 'section')
      point.by = Object.fromEntries(
        [...bySec].map(([k, a]) => [
          k,
          {
            title: a.title,
            average_pct: r4(a.wt / a.w),
            coverage_pct: r4((100 * a.cov) / a.w),
            weight_share_pct: r4((100 * a.w) / sw),
          },
        ]),
      );
    out.push(point);
  }
  onProgress?.(total, total);
  return out;
}

/** Every date in [from, to] at which the average changes, with the average from that date. */
export function averageSeries(
  rules: ImporterRules,
  origin: string,
  window: Window,
  weights: Map<string, number>,
  onProgress?: (done: number, total: number) => void,
): AveragePoint[] {
  const deltaT = new Map<string, number>();
  const deltaC = new Map<string, number>();
  const bump = (m: Map<string, number>, d: string, v: number) => m.set(d, (m.get(d) ?? 0) + v);
  let sw = 0;
  const entries = [...weights].filter(([, w]) => w > 0);
  let done = 0;
  for (const [code, w] of entries) {
    sw += w;
    for (const iv of productIntervals(rules, code, origin, window)) {
      bump(deltaT, iv.from, w * iv.total);
      bump(deltaC, iv.from, iv.additional > 0 ? w : 0);
      if (iv.until < window.until) {
        bump(deltaT, iv.until, -w * iv.total);
        bump(deltaC, iv.until, iv.additional > 0 ? -w : 0);
      }
    }
    if (onProgress && ++done % 2000 === 0) onProgress(done, entries.length);
  }
  onProgress?.(entries.length, entries.length);
  const dates = [...new Set([...deltaT.keys(), ...deltaC.keys()])].sort();
  const out: AveragePoint[] = [];
  let t = 0;
  let c = 0;
  for (const d of dates) {
    t += deltaT.get(d) ?? 0;
    c += deltaC.get(d) ?? 0;
    const point = { date: d, average_pct: r4(t / sw), coverage_pct: r4((100 * c) / sw) };
    const prev = out[out.length - 1];
    if (prev && prev.average_pct === point.average_pct && prev.coverage_pct === point.coverage_pct) continue;
    out.push(point);
  }
  return out;
}
