// Target against actual for a purchase commitment: by category and target window (year), by month where the
// data have months, and in total. Which data were used, and up to when, travels with every answer.
import type { Commitment, CommitmentCategory, CommitmentTarget } from '../ledger/schema.js';
import { addDays, daysBetween } from '../util/dates.js';
import type { ActualRow, ActualSet, ActualSource, CoverageTables } from './actuals.js';

export interface YearFigure {
  year: number;
  window_from: string;
  window_until: string;
  baseline_usd: number | null;
  increment_usd: number | null;
  target_usd: number | null;
  actual_usd: number | null;
  target_tonnes: number | null;
  actual_tonnes: number | null;
  /** Purchases contracted in the window (USDA export sales), where a loaded file records them. */
  purchases_tonnes: number | null;
  share_met_pct: number | null;
  source: string | null;
  target_status: string;
  note: string | null;
}

export interface MonthFigure {
  month: string;
  /** Start of the target window the month is counted in (windows may overlap). */
  window_from: string;
  actual_usd: number | null;
  actual_tonnes: number | null;
  cumulative_actual_usd: number | null;
  cumulative_actual_tonnes: number | null;
  /** The window's target spread evenly over its months (illustrative: targets are for whole windows). */
  cumulative_target_usd: number | null;
  cumulative_target_tonnes: number | null;
  source: string;
}

export interface CategoryFigure {
  category: string;
  title: string;
  target_usd: number | null;
  actual_usd: number | null;
  share_met_pct: number | null;
  target_tonnes?: number | null;
  actual_tonnes?: number | null;
  purchases_tonnes?: number | null;
  data_gap?: string;
  notes: string[];
  by_year: YearFigure[];
  by_month: MonthFigure[];
}

export interface CommitmentReport {
  name: string;
  title: string;
  status: string;
  unit: 'usd' | 'tonnes';
  baseline_year: number | null;
  data_until: string | null;
  data_used: Array<{ source: string; label: string; periods: string; until: string }>;
  method: string[];
  categories: CategoryFigure[];
}

const round = (x: number | null, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
const share = (a: number | null, t: number | null) =>
  a === null || t === null || t === 0 ? null : round((100 * a) / t);

/** Does this row's product belong to the category? */
function matcher(c: Commitment, k: CommitmentCategory, coverage: CoverageTables): (code: string) => boolean {
  const table = c.coverage ? coverage.get(c.coverage.table) : undefined;
  const keys = new Set(k.coverage ?? []);
  const prefixes = k.hs ?? [];
  return (code) =>
    (keys.size > 0 && table !== undefined && keys.has(table.get(code.slice(0, 6)) ?? table.get(code) ?? '')) ||
    prefixes.some((p) => code.startsWith(p));
}

interface WindowSum {
  usd: number | null;
  tonnes: number | null;
  purchases: number | null;
  source: ActualSource | null;
  coveredDays: number;
  outsideDays: number;
  lastUntil: string | null;
}

const overlap = (aFrom: string, aUntil: string, bFrom: string, bUntil: string) => {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const until = aUntil < bUntil ? aUntil : bUntil;
  return from < until ? daysBetween(from, until) : 0;
};

/**
 * Sums one category over a window from the best single source: a user's file that reaches into the window
 * first, then the source whose periods cover most of it, then periods that fit the window exactly, then the
 * shipped order (yearly before monthly, so that baseline and actuals come from one series).
 */
function sumWindow(
  rowsBySource: Map<string, ActualRow[]>,
  sources: ActualSource[],
  match: (code: string) => boolean,
  from: string,
  until: string,
): WindowSum {
  let best: WindowSum | null = null;
  let bestRank: number[] | null = null;
  sources.forEach((s, order) => {
    const all = rowsBySource.get(s.id) ?? [];
    // a user's file speaks only for the products it has (a soybean file says nothing about sorghum)
    if (s.user && !all.some((r) => match(r.code))) return;
    const periods = new Map<string, { from: string; until: string }>();
    for (const r of all) if (overlap(r.from, r.until, from, until) > 0) periods.set(`${r.from}/${r.until}`, r);
    if (!periods.size) return;
    let covered = 0;
    let outside = 0;
    let lastUntil = '';
    for (const p of periods.values()) {
      const o = overlap(p.from, p.until, from, until);
      covered += o;
      outside += daysBetween(p.from, p.until) - o;
      if (p.until > lastUntil) lastUntil = p.until;
    }
    let usd: number | null = null;
    let tonnes: number | null = null;
    let purchases: number | null = null;
    let tonnesMissing = false;
    for (const r of all) {
      if (overlap(r.from, r.until, from, until) === 0 || !match(r.code)) continue;
      if (r.valueUsd !== null) usd = (usd ?? 0) + r.valueUsd;
      if (r.tonnes !== null) tonnes = (tonnes ?? 0) + r.tonnes;
      else if ((r.valueUsd ?? 0) > 0) tonnesMissing = true;
      if (r.salesTonnes != null) purchases = (purchases ?? 0) + r.salesTonnes;
    }
    // a source that covers the window and has no row of the category records no exports of it
    if (!s.user) {
      usd ??= 0;
      tonnes ??= all.some((r) => r.tonnes !== null) ? 0 : null;
    }
    if (tonnesMissing) tonnes = null; // a partial weight would understate the tonnes
    const rank = [s.user ? 0 : 1, -covered, outside, order];
    if (!bestRank || lexLess(rank, bestRank)) {
      bestRank = rank;
      best = { usd, tonnes, purchases, source: s, coveredDays: covered, outsideDays: outside, lastUntil };
    }
  });
  return (
    best ?? { usd: null, tonnes: null, purchases: null, source: null, coveredDays: 0, outsideDays: 0, lastUntil: null }
  );
}

function yearsBetween(from: string, until: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); `${y}-01-01` < until; y++) out.push(y);
  return out;
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

function yearOf(t: CommitmentTarget): number {
  return Number(t.from.slice(0, 4));
}

function monthsOf(from: string, until: string): string[] {
  const out: string[] = [];
  let d = `${from.slice(0, 7)}-01`;
  while (d < until) {
    out.push(d.slice(0, 7));
    const [y, m] = d.split('-').map(Number) as [number, number];
    d = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  }
  return out;
}

/** Monthly figures over the commitment's windows, from the sources that have months (or weeks, by week end). */
function monthly(
  c: Commitment,
  k: CommitmentCategory,
  set: ActualSet,
  match: (code: string) => boolean,
  years: YearFigure[],
): MonthFigure[] {
  const fine = set.sources.filter((s) => s.granularity !== 'year');
  const windows = years.filter((y) => y.target_usd !== null || y.target_tonnes !== null);
  if (!windows.length) return [];
  const byMonth = new Map<string, { usd: number | null; tonnes: number | null; source: string }>();
  for (const s of fine) {
    for (const r of set.rows) {
      if (r.source !== s.id || !match(r.code)) continue;
      const month = addDays(r.until, -1).slice(0, 7);
      const w = windows.find(
        (y) => `${month}-01` >= y.window_from.slice(0, 7) + '-01' && `${month}-01` < y.window_until,
      );
      if (!w) continue;
      const prior = byMonth.get(month);
      if (prior && prior.source !== s.id) continue; // an earlier (preferred) source has this month
      const cur = prior ?? { usd: null, tonnes: null, source: s.id };
      if (r.valueUsd !== null) cur.usd = (cur.usd ?? 0) + r.valueUsd;
      if (r.tonnes !== null) cur.tonnes = (cur.tonnes ?? 0) + r.tonnes;
      byMonth.set(month, cur);
    }
  }
  const out: MonthFigure[] = [];
  for (const w of windows) {
    const months = monthsOf(w.window_from, w.window_until);
    let cu: number | null = null;
    let ct: number | null = null;
    months.forEach((m, i) => {
      const f = byMonth.get(m);
      if (!f) return;
      if (f.usd !== null) cu = (cu ?? 0) + f.usd;
      if (f.tonnes !== null) ct = (ct ?? 0) + f.tonnes;
      const frac = (i + 1) / months.length;
      out.push({
        month: m,
        window_from: w.window_from,
        actual_usd: f.usd,
        actual_tonnes: f.tonnes,
        cumulative_actual_usd: cu,
        cumulative_actual_tonnes: ct,
        cumulative_target_usd: w.target_usd === null ? null : w.target_usd * frac,
        cumulative_target_tonnes: w.target_tonnes === null ? null : w.target_tonnes * frac,
        source: f.source,
      });
    });
  }
  void c;
  return out.sort((a, b) => a.window_from.localeCompare(b.window_from) || a.month.localeCompare(b.month));
}

function categoryFigure(
  c: Commitment,
  k: CommitmentCategory,
  set: ActualSet,
  rowsBySource: Map<string, ActualRow[]>,
  coverage: CoverageTables,
  used: Map<string, { source: ActualSource; periods: Set<string>; until: string }>,
): CategoryFigure {
  const match = matcher(c, k, coverage);
  const notes: string[] = [];
  const note = (s: WindowSum, from: string, until: string) => {
    if (!s.source) return;
    const u = used.get(s.source.id) ?? { source: s.source, periods: new Set<string>(), until: '' };
    u.periods.add(`${from}..${addDays(until, -1)}`);
    if (s.lastUntil && s.lastUntil > u.until) u.until = s.lastUntil;
    used.set(s.source.id, u);
  };
  const measured = k.data_gap === undefined;
  const baseline =
    measured && c.baseline_year !== undefined
      ? sumWindow(rowsBySource, set.sources, match, `${c.baseline_year}-01-01`, `${c.baseline_year + 1}-01-01`)
      : null;
  if (baseline) note(baseline, `${c.baseline_year}-01-01`, `${c.baseline_year! + 1}-01-01`);
  // a category without stated targets (purchases "to resume") is followed by calendar year over the commitment's span
  const span = c.categories.flatMap((x) => x.targets);
  const windows: CommitmentTarget[] = k.targets.length
    ? k.targets
    : span.length
      ? yearsBetween(
          span.map((t) => t.from).sort()[0]!,
          span
            .map((t) => t.until)
            .sort()
            .at(-1)!,
        ).map((y) => ({
          from: `${y}-01-01`,
          until: `${y + 1}-01-01`,
          instrument: span[0]!.instrument,
        }))
      : [];
  const years: YearFigure[] = windows.map((t) => {
    const s = measured ? sumWindow(rowsBySource, set.sources, match, t.from, t.until) : null;
    if (s) note(s, t.from, t.until);
    const windowDays = daysBetween(t.from, t.until);
    const partial = s?.source && s.coveredDays < windowDays;
    const approx = s?.source && s.outsideDays > 0;
    const notesHere = [
      partial ? `data cover ${s!.coveredDays} of the window's ${windowDays} days` : null,
      approx
        ? `the data's periods reach ${s!.outsideDays} days outside the window (${s!.source!.granularity}ly data)`
        : null,
      t.note ?? null,
    ].filter(Boolean);
    const baseUsd = t.above_baseline_usd !== undefined ? (baseline?.usd ?? null) : null;
    const target_usd =
      t.above_baseline_usd !== undefined ? (baseUsd === null ? null : baseUsd + t.above_baseline_usd) : (t.usd ?? null);
    const target_tonnes = t.tonnes ?? null;
    const actual_usd = s?.source ? s.usd : null;
    const actual_tonnes = s?.source && c.unit === 'tonnes' ? s.tonnes : null;
    return {
      year: yearOf(t),
      window_from: t.from,
      window_until: t.until,
      baseline_usd: baseUsd,
      increment_usd: t.above_baseline_usd ?? null,
      target_usd,
      actual_usd,
      target_tonnes,
      actual_tonnes,
      purchases_tonnes: s?.source ? s.purchases : null,
      share_met_pct: target_tonnes !== null ? share(actual_tonnes, target_tonnes) : share(actual_usd, target_usd),
      source: s?.source?.id ?? null,
      target_status: t.status ?? c.status,
      note: notesHere.length ? notesHere.join('; ') : null,
    };
  });
  // totals over the windows that have data
  const withData = years.filter((y) => y.source !== null);
  const sum = (f: (y: YearFigure) => number | null) =>
    withData.length && withData.every((y) => f(y) !== null) ? withData.reduce((a, y) => a + f(y)!, 0) : null;
  const skipped = years.filter((y) => y.source === null && (y.target_usd !== null || y.target_tonnes !== null));
  if (skipped.length && measured)
    notes.push(
      `no data yet for ${skipped.map((y) => `${y.window_from}..${addDays(y.window_until, -1)}`).join(', ')}: totals cover the windows with data`,
    );
  if (k.data_gap) notes.push(k.data_gap);
  if (k.note) notes.push(k.note);
  if (!k.targets.length) notes.push('no target volume or value stated: actuals only');
  const tonnesUnit = c.unit === 'tonnes';
  const target_usd = tonnesUnit ? null : sum((y) => y.target_usd);
  const actual_usd = sum((y) => y.actual_usd);
  const fig: CategoryFigure = {
    category: k.id,
    title: k.title,
    target_usd,
    actual_usd,
    share_met_pct: tonnesUnit ? null : share(actual_usd, target_usd),
    notes,
    by_year: years,
    by_month: measured ? monthly(c, k, set, match, years) : [],
  };
  if (k.data_gap) fig.data_gap = k.data_gap;
  if (tonnesUnit) {
    fig.target_tonnes = sum((y) => y.target_tonnes);
    fig.actual_tonnes = sum((y) => y.actual_tonnes);
    fig.purchases_tonnes = sum((y) => y.purchases_tonnes);
    fig.share_met_pct = share(fig.actual_tonnes, fig.target_tonnes);
  }
  return fig;
}

function totalFigure(id: string, title: string, members: CategoryFigure[]): CategoryFigure {
  const add = (vals: Array<number | null>) =>
    vals.every((v) => v !== null) ? vals.reduce((a, v) => a! + v!, 0) : null;
  const first = members[0]!;
  const by_year: YearFigure[] = first.by_year.map((y, i) => {
    const ys = members.map((m) => m.by_year[i]!);
    const target_usd = add(ys.map((v) => v.target_usd));
    const actual_usd = add(ys.map((v) => v.actual_usd));
    return {
      ...y,
      baseline_usd: add(ys.map((v) => v.baseline_usd)),
      increment_usd: add(ys.map((v) => v.increment_usd)),
      target_usd,
      actual_usd,
      purchases_tonnes: null,
      share_met_pct: share(actual_usd, target_usd),
      source: [...new Set(ys.map((v) => v.source))].join(' + '),
      note: null,
    };
  });
  const months = new Map<string, MonthFigure>();
  for (const m of members)
    for (const f of m.by_month) {
      const key = `${f.window_from}/${f.month}`;
      const cur = months.get(key);
      if (!cur) months.set(key, { ...f });
      else
        months.set(key, {
          ...cur,
          actual_usd: add([cur.actual_usd, f.actual_usd]),
          cumulative_actual_usd: add([cur.cumulative_actual_usd, f.cumulative_actual_usd]),
          cumulative_target_usd: add([cur.cumulative_target_usd, f.cumulative_target_usd]),
        });
    }
  const target_usd = add(members.map((m) => m.target_usd));
  const actual_usd = add(members.map((m) => m.actual_usd));
  return {
    category: id,
    title,
    target_usd,
    actual_usd,
    share_met_pct: share(actual_usd, target_usd),
    notes: [`sum of ${members.map((m) => m.category).join(', ')}`],
    by_year,
    by_month: [...months.values()].sort(
      (a, b) => a.window_from.localeCompare(b.window_from) || a.month.localeCompare(b.month),
    ),
  };
}

export function trackCommitment(c: Commitment, set: ActualSet, coverage: CoverageTables): CommitmentReport {
  const rowsBySource = new Map<string, ActualRow[]>();
  for (const r of set.rows) {
    let l = rowsBySource.get(r.source);
    if (!l) rowsBySource.set(r.source, (l = []));
    l.push(r);
  }
  const used = new Map<string, { source: ActualSource; periods: Set<string>; until: string }>();
  const figures = c.categories.map((k) => categoryFigure(c, k, set, rowsBySource, coverage, used));
  const totals = (c.totals ?? []).map((t) =>
    totalFigure(
      t.id,
      t.title,
      t.of.map((id) => figures.find((f) => f.category === id)!),
    ),
  );
  const data_used = [...used.values()].map((u) => ({
    source: u.source.id,
    label: u.source.label,
    periods: [...u.periods].sort().join(', '),
    until: addDays(u.until, -1),
  }));
  const data_until = data_used.length
    ? data_used
        .map((d) => d.until)
        .sort()
        .at(-1)!
    : null;
  const method = [
    c.unit === 'usd'
      ? `target per window = the category's ${c.baseline_year ?? ''} value in the same data + the agreed increment; share met = actual / target`
      : 'share met = tonnes shipped in the window / tonnes committed',
    'actuals are US-reported exports to China (shipments); a window uses the one source that covers most of it (a loaded file first)',
  ];
  if (c.note) method.push(c.note);
  if (c.coverage)
    method.push(`product coverage: ${c.coverage.citation}${c.coverage.note ? `. ${c.coverage.note}` : ''}`);
  return {
    name: c.id,
    title: c.title,
    status: c.status,
    unit: c.unit,
    baseline_year: c.baseline_year ?? null,
    data_until,
    data_used,
    method,
    categories: [...totals, ...figures],
  };
}
