// The interval panel: for each product and partner, the half-open intervals [from, until) over which the
// duty stack is constant. Breakpoints come from the product's own candidates (schedule steps, list entry
// dates, exclusions, suspensions), the stacking rules and the base table, so each product is evaluated
// only where something can change. Partners that share a rule set are evaluated once (partner classes).
import type { ImporterRules } from './compile.js';
import { baseRate, evaluateCore, partnerMatches } from './evaluate.js';
import type { LayerContribution, PanelInterval } from '../contract/answers.js';
export type { LayerContribution, PanelInterval };

export interface Window {
  from: string;
  until: string; // exclusive
}

export const DEFAULT_WINDOW: Window = { from: '2018-01-01', until: '2027-01-01' };

export function breakpointsFor(rules: ImporterRules, code: string, origin: string, window: Window): string[] {
  const dates = new Set<string>([window.from]);
  const add = (d: string | null | undefined) => {
    if (d && d > window.from && d < window.until) dates.add(d);
  };
  const addRange = (r: { from: string | null; until: string | null }) => {
    add(r.from);
    add(r.until);
  };
  for (const cand of rules.candidatesOf(code)) {
    // a step that sets no rate (announced, a note) changes no stack; a ruling changes what is owed
    for (const s of cand.cm.measure.schedule)
      if (s.rate !== undefined || s.rates !== undefined || s.event === 'struck_down') add(s.date);
    cand.matches.forEach(addRange);
    cand.excludes.forEach(addRange);
    for (const { cs, matches } of cand.suspensions) {
      cs.suspension.periods.forEach((p) => addRange({ from: p.from, until: p.until }));
      (matches ?? []).forEach(addRange);
    }
  }
  for (const r of rules.stacking) addRange({ from: r.rule.from, until: r.rule.until ?? null });
  if (rules.base) {
    for (const s of rules.base.cm.measure.schedule) add(s.date);
    const key = code.slice(0, rules.base.table.keyLength);
    for (const row of rules.base.table.rows.get(key) ?? []) add(row.validFrom);
  }
  return [...dates].sort();
}

/** The stack of one product from one origin at one date, in compact form. */
export function stackAt(
  rules: ImporterRules,
  code: string,
  origin: string,
  date: string,
): Omit<PanelInterval, 'from' | 'until'> {
  const core = evaluateCore(rules, code, origin, date);
  const base = baseRate(rules, code, date).pct ?? 0;
  let additional = 0;
  let expected = 0;
  let owedAdditional = 0;
  const layers: LayerContribution[] = [];
  for (const l of core) {
    expected += l.expectedContribution;
    if (l.state !== 'applies' || l.contribution === 0) continue;
    const owed = l.cand.cm.struckDown === null;
    additional += l.contribution;
    if (owed) owedAdditional += l.contribution;
    layers.push({
      measure: l.cand.cm.measure.id,
      authority: l.cand.cm.measure.authority,
      pct: l.contribution,
      expected_pct: l.expectedContribution,
      owed,
    });
  }
  return { base, additional, total: base + additional, expected: base + expected, owed: base + owedAdditional, layers };
}

function sameStack(a: Omit<PanelInterval, 'from' | 'until'>, b: Omit<PanelInterval, 'from' | 'until'>): boolean {
  if (a.base !== b.base || a.total !== b.total || a.expected !== b.expected || a.layers.length !== b.layers.length)
    return false;
  for (let i = 0; i < a.layers.length; i++) {
    const x = a.layers[i]!;
    const y = b.layers[i]!;
    if (x.measure !== y.measure || x.pct !== y.pct) return false;
  }
  return true;
}

export function productIntervals(
  rules: ImporterRules,
  code: string,
  origin: string,
  window: Window = DEFAULT_WINDOW,
): PanelInterval[] {
  const points = breakpointsFor(rules, code, origin, window);
  const out: PanelInterval[] = [];
  for (let i = 0; i < points.length; i++) {
    const from = points[i]!;
    const until = points[i + 1] ?? window.until;
    const s = stackAt(rules, code, origin, from);
    const last = out[out.length - 1];
    if (last && sameStack(last, s)) last.until = until;
    else out.push({ from, until, ...s });
  }
  return out;
}

/**
 * Groups partners that no measure, suspension or stacking rule tells apart: each class is evaluated once.
 * The signature is which priced measures target the partner (group memberships are taken over the window).
 */
export function partnerClasses(
  rules: ImporterRules,
  partners: string[],
  window: Window = DEFAULT_WINDOW,
): Map<string, string[]> {
  const classes = new Map<string, string[]>();
  for (const p of partners) {
    const sig = rules.measures
      .filter((cm) => cm.priced)
      .map((cm) =>
        partnerMatches(rules, cm, p, window.from) || partnerMatches(rules, cm, p, window.until) ? '1' : '0',
      )
      .join('');
    let arr = classes.get(sig);
    if (!arr) classes.set(sig, (arr = []));
    arr.push(p);
  }
  return new Map([...classes.values()].map((members) => [members[0]!, members]));
}

export interface PanelRow {
  product: string;
  base_pct: number;
  additional_pct: number;
  total_pct: number;
  expected_pct: number;
  owed_total_pct: number;
  layers: string;
}

/** One row per product of the importer's current universe at one date (a cross-section of the panel). */
export function panelAt(rules: ImporterRules, origin: string, date: string, codes?: Iterable<string>): PanelRow[] {
  const rows: PanelRow[] = [];
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  for (const code of codes ?? panelUniverse(rules)) {
    const s = stackAt(rules, code, origin, date);
    rows.push({
      product: code,
      base_pct: r6(s.base),
      additional_pct: r6(s.additional),
      total_pct: r6(s.total),
      expected_pct: r6(s.expected),
      owed_total_pct: r6(s.owed),
      layers: s.layers.map((l) => `${l.measure}:${r6(l.pct)}`).join(';'),
    });
  }
  return rows;
}

/** The tariff lines the panel covers: the current national lines (US HTS10 of 2025; China's HS10). */
export function panelUniverse(rules: ImporterRules): string[] {
  const codes: string[] = [];
  for (const p of rules.universe.values()) if (p.level === 10 && p.vintage !== 'legacy') codes.push(p.code);
  return codes.sort();
}

export interface IntervalRow {
  importer: string;
  exporter: string;
  product: string;
  valid_from: string;
  valid_until: string;
  base_pct: number;
  additional_pct: number;
  total_pct: number;
  expected_pct: number;
  owed_total_pct: number;
  layers: string;
}

export interface IntervalPanel {
  importer: string;
  partners: string[];
  classes: Map<string, string[]>;
  products: number;
  /** Intervals per class representative and product, in product order. */
  byClass: Map<string, Array<{ product: string; intervals: PanelInterval[] }>>;
  rowCount: number;
}

/** The full interval panel: every current tariff line × every partner × every breakpoint in the window. */
export function buildIntervalPanel(
  rules: ImporterRules,
  partners: string[],
  window: Window = DEFAULT_WINDOW,
  onProgress?: (done: number, total: number) => void,
): IntervalPanel {
  const classes = partnerClasses(rules, partners, window);
  const codes = panelUniverse(rules);
  const byClass = new Map<string, Array<{ product: string; intervals: PanelInterval[] }>>();
  let rowCount = 0;
  let done = 0;
  const total = codes.length * classes.size;
  for (const [rep, members] of classes) {
    const list: Array<{ product: string; intervals: PanelInterval[] }> = [];
    for (const code of codes) {
      const intervals = productIntervals(rules, code, rep, window);
      list.push({ product: code, intervals });
      rowCount += intervals.length * members.length;
      if (onProgress && ++done % 5000 === 0) onProgress(done, total);
    }
    byClass.set(rep, list);
  }
  onProgress?.(total, total);
  return { importer: rules.importer, partners, classes, products: codes.length, byClass, rowCount };
}

/** Rows of the panel in ClickHouse order (importer, exporter, product, valid_from). */
export function* intervalRows(panel: IntervalPanel): Generator<IntervalRow> {
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const exporters = [...panel.classes]
    .flatMap(([rep, members]) => members.map((m) => [m, rep] as const))
    .sort((a, b) => a[0].localeCompare(b[0]));
  for (const [exporter, rep] of exporters)
    for (const { product, intervals } of panel.byClass.get(rep)!)
      for (const iv of intervals)
        yield {
          importer: panel.importer,
          exporter,
          product,
          valid_from: iv.from,
          valid_until: iv.until,
          base_pct: r6(iv.base),
          additional_pct: r6(iv.additional),
          total_pct: r6(iv.total),
          expected_pct: r6(iv.expected),
          owed_total_pct: r6(iv.owed),
          layers: iv.layers.map((l) => `${l.measure}:${r6(l.pct)}`).join(';'),
        };
}
