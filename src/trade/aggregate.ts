// Trade-weighted averages: Σ w·t / Σ w with fixed weights, by date, with decompositions by authority
// (layer contributions) and by HS section, and coverage (share of trade under any additional duty).
import type { ImporterRules } from '../engine/compile.js';
import { productIntervals, stackAt, type PanelInterval, type Window } from '../engine/panel.js';
import { addDays } from '../util/dates.js';
import { sectionOf } from '../codes/hs-sections.js';
import type { SectionFigure, AveragePoint } from '../contract/answers.js';
export type { SectionFigure, AveragePoint };

export type ByDimension = 'authority' | 'section';
/** Which rate is averaged: the statutory total (default) or the expected rate (ADR 9). */
export type RateKind = 'statutory' | 'expected';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

interface Accumulator {
  sw: number;
  swt: number;
  covered: number;
  byAuth: Map<string, number>;
  bySec: Map<string, { title: string; w: number; wt: number; cov: number }>;
}

type Stack = Omit<PanelInterval, 'from' | 'until'>;

/**
 * Averages at the given dates. With a few dates each product is evaluated at each date; with more, each
 * product's intervals are built once and read at every date, so the cost no longer grows with the dates.
 */
export function averagesAt(
  rules: ImporterRules,
  origin: string,
  dates: string[],
  weights: Map<string, number>,
  by?: ByDimension,
  onProgress?: (done: number, total: number) => void,
  rate: RateKind = 'statutory',
): AveragePoint[] {
  const sorted = [...new Set(dates)].sort();
  const acc: Accumulator[] = sorted.map(() => ({ sw: 0, swt: 0, covered: 0, byAuth: new Map(), bySec: new Map() }));
  const entries = [...weights].filter(([, w]) => w > 0);
  const viaIntervals = sorted.length > 3;
  const window = { from: sorted[0]!, until: addDays(sorted[sorted.length - 1]!, 1) };
  let done = 0;
  for (const [code, w] of entries) {
    const stacks: Stack[] = [];
    if (viaIntervals) {
      const ivs = productIntervals(rules, code, origin, window);
      let k = 0;
      for (const date of sorted) {
        while (ivs[k + 1] && ivs[k + 1]!.from <= date) k++;
        stacks.push(ivs[k]!);
      }
    } else for (const date of sorted) stacks.push(stackAt(rules, code, origin, date));
    const sec = by === 'section' ? sectionOf(code) : undefined;
    stacks.forEach((st, i) => add(acc[i]!, st, w, by, sec?.id ?? '?', sec?.title ?? 'unclassified', rate));
    if (onProgress && ++done % 2000 === 0) onProgress(done, entries.length);
  }
  onProgress?.(entries.length, entries.length);
  const points = sorted.map((date, i) => toPoint(date, acc[i]!, by));
  const byDate = new Map(points.map((p) => [p.date, p]));
  return dates.map((d) => byDate.get(d)!);
}

function add(
  a: Accumulator,
  s: Stack,
  w: number,
  by: ByDimension | undefined,
  secId: string,
  secTitle: string,
  rate: RateKind,
): void {
  const t = rate === 'expected' ? s.expected : s.total;
  a.sw += w;
  a.swt += w * t;
  if (s.additional > 0) a.covered += w;
  if (by === 'authority') {
    a.byAuth.set('mfn', (a.byAuth.get('mfn') ?? 0) + w * s.base);
    for (const l of s.layers) a.byAuth.set(l.authority, (a.byAuth.get(l.authority) ?? 0) + w * l.pct);
  } else if (by === 'section') {
    let sec = a.bySec.get(secId);
    if (!sec) a.bySec.set(secId, (sec = { title: secTitle, w: 0, wt: 0, cov: 0 }));
    sec.w += w;
    sec.wt += w * t;
    if (s.additional > 0) sec.cov += w;
  }
}

function toPoint(date: string, a: Accumulator, by: ByDimension | undefined): AveragePoint {
  const point: AveragePoint = {
    date,
    average_pct: r4(a.swt / a.sw),
    coverage_pct: r4((100 * a.covered) / a.sw),
    by: {},
  };
  if (by === 'authority') point.by = Object.fromEntries([...a.byAuth].sort().map(([k, v]) => [k, r4(v / a.sw)]));
  if (by === 'section')
    point.by = Object.fromEntries(
      [...a.bySec].map(([k, s]) => [
        k,
        {
          title: s.title,
          average_pct: r4(s.wt / s.w),
          coverage_pct: r4((100 * s.cov) / s.w),
          weight_share_pct: r4((100 * s.w) / a.sw),
        },
      ]),
    );
  return point;
}

/** Every date in [from, to] at which the average changes, with the average from that date. */
export function averageSeries(
  rules: ImporterRules,
  origin: string,
  window: Window,
  weights: Map<string, number>,
  onProgress?: (done: number, total: number) => void,
  rate: RateKind = 'statutory',
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
      const t = rate === 'expected' ? iv.expected : iv.total;
      bump(deltaT, iv.from, w * t);
      bump(deltaC, iv.from, iv.additional > 0 ? w : 0);
      if (iv.until < window.until) {
        bump(deltaT, iv.until, -w * t);
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
