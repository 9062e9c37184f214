// Compiles the ledger + shipped datasets into per-importer rules: dated rate timelines per measure and list,
// partner matchers, and for every product of the importer's universe its candidate measures (found through
// one prefix index over all code lists), exclusions and suspensions. Nothing here names an authority.
import type { Ledger } from '../ledger/ledger.js';
import type { Measure, ProductRef, StackingRule, Suspension } from '../ledger/schema.js';
import { PRICED_KINDS } from '../ledger/kinds.js';
import type { BaseTable, Datasets, ListEntry, Product } from '../datasets/datasets.js';
import { latestAtOrBefore } from './timeline.js';

export interface Timeline {
  dates: string[];
  /** undefined = not yet set; null = ended. */
  values: Array<number | null | undefined>;
  /** Index of the schedule step that set each value. */
  stepIndex: number[];
}

export interface CompiledSuspension {
  suspension: Suspension;
  /** null = every product of the measure; otherwise only products matching these refs. */
  productRefs: ProductRef[] | null;
}

export interface CompiledMeasure {
  index: number;
  measure: Measure;
  priced: boolean;
  /** Threatened or never-applied measures are carried but not priced in the baseline. */
  inForce: boolean;
  share: number;
  struckDown: { date: string; step: number } | null;
  firstDate: string;
  timelines: Map<string, Timeline>; // '*' = flat rate, else list id
  suspensions: CompiledSuspension[];
  partnerInclude: Set<string>;
  partnerExclude: Set<string>;
  includesAll: boolean;
  /** Whether the partner scope names groups (whose memberships are dated). */
  usesGroups: boolean;
  partnerCache: Map<string, boolean>;
}

/** One way a product falls in a measure's scope (or in an exclusion/suspension scope). */
export interface ScopeMatch {
  key: string; // list id or '*' for a prefix include
  refIndex: number;
  from: string | null;
  until: string | null;
  entryRate: number | null;
  via: string; // "list us_s301_list3 (8517)" or "prefix 8517"
  /** Covers only some goods of the line: reported, not applied. */
  partial: boolean;
  /** For a partial entry: estimated share of the line's goods it covers (expected rate only), or null. */
  coverage: number | null;
  coverageSource: string | null;
  /** For a partial entry of a suspension: the suspension, and the instrument of the period in force on the date. */
  suspension?: { id: string; title: string; instrument: string; citation: string | null; url: string };
}

export interface Candidate {
  cm: CompiledMeasure;
  /** Share of the value the rate applies to for this product (content-share bases), 1 = full value. */
  share: number;
  /** Where that share comes from (null for full value). */
  shareSource: string | null;
  matches: ScopeMatch[];
  excludes: ScopeMatch[];
  suspensions: Array<{ cs: CompiledSuspension; matches: ScopeMatch[] | null }>;
}

export interface CompiledStackingRule {
  rule: StackingRule;
  whenMeasures: Set<string>;
  whenAuthorities: Set<string>;
  exclMeasures: Set<string>;
  exclAuthorities: Set<string>;
}

export interface ImporterRules {
  importer: string;
  ledger: Ledger;
  data: Datasets;
  measures: CompiledMeasure[];
  base: { cm: CompiledMeasure; table: BaseTable } | null;
  stacking: CompiledStackingRule[];
  groups: Map<string, Array<{ code: string; from?: string; until?: string }>>;
  universe: Map<string, Product>;
  candidatesOf(code: string): Candidate[];
}

const PREFIX_KEY = '*';

function buildTimelines(m: Measure): Map<string, Timeline> {
  const keys = new Set<string>([PREFIX_KEY]);
  for (const ref of m.products?.include ?? []) if (ref.list) keys.add(ref.list);
  const out = new Map<string, Timeline>();
  for (const key of keys) {
    const t: Timeline = { dates: [], values: [], stepIndex: [] };
    let current: number | null | undefined = undefined;
    let setBy = -1;
    m.schedule.forEach((step, i) => {
      if (step.rates && key !== PREFIX_KEY && key in step.rates) {
        current = step.rates[key];
        setBy = i;
      } else if (step.rate !== undefined) {
        // a flat rate sets every key; a per-list step leaves prefix includes and other lists as they were
        current = step.rate;
        setBy = i;
      }
      t.dates.push(step.date);
      t.values.push(current);
      t.stepIndex.push(setBy);
    });
    out.set(key, t);
  }
  return out;
}

function compileMeasure(m: Measure, index: number, ledger: Ledger): CompiledMeasure {
  const struck = m.schedule.findIndex((s) => s.event === 'struck_down');
  const firstPriced = m.schedule.find((s) => s.rate !== undefined || s.rates !== undefined);
  return {
    index,
    measure: m,
    // a measure whose schedule never sets a percent (a specific duty carried only as amounts) is not priced
    priced:
      PRICED_KINDS.has(m.instrument) &&
      m.instrument !== 'mfn' &&
      m.schedule.some(
        (s) => typeof s.rate === 'number' || Object.values(s.rates ?? {}).some((v) => typeof v === 'number'),
      ),
    inForce: m.status !== 'threatened' && m.status !== 'never_applied',
    share: m.basis?.kind === 'content_share' ? (m.basis.share ?? 1) : 1,
    struckDown: struck >= 0 ? { date: m.schedule[struck]!.date, step: struck } : null,
    firstDate: firstPriced?.date ?? m.schedule[0]!.date,
    timelines: buildTimelines(m),
    suspensions: ledger.suspensions
      .filter((s) => s.measures.includes(m.id))
      .map((s) => ({
        suspension: s,
        productRefs: s.products?.all
          ? null
          : (s.products?.include?.map((r) =>
              r.partial && r.coverage === undefined && s.coverage !== undefined
                ? { ...r, coverage: s.coverage, coverage_source: s.coverage_source ?? `suspension ${s.id}` }
                : r,
            ) ?? null),
      })),
    partnerInclude: new Set(m.targets.include),
    partnerExclude: new Set(m.targets.exclude ?? []),
    includesAll: m.targets.include.includes('ALL'),
    usesGroups: [...m.targets.include, ...(m.targets.exclude ?? [])].some((c) => /^[a-z]/.test(c)),
    partnerCache: new Map(),
  };
}

/** Index of every list entry by its code (a prefix of the products it covers). */
function buildPrefixIndex(lists: Map<string, ListEntry[]>): Map<string, Array<{ list: string; entry: ListEntry }>> {
  const index = new Map<string, Array<{ list: string; entry: ListEntry }>>();
  for (const [list, entries] of lists)
    for (const entry of entries) {
      let arr = index.get(entry.code);
      if (!arr) index.set(entry.code, (arr = []));
      arr.push({ list, entry });
    }
  return index;
}

function laterOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return a > b ? a : b;
}
function earlierOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return a < b ? a : b;
}

export function compileImporter(ledger: Ledger, data: Datasets, importer: string): ImporterRules {
  const universe = data.products.get(importer) ?? new Map<string, Product>();
  const own = ledger.measures.filter((m) => m.imposer === importer);
  const measures = own.map((m, i) => compileMeasure(m, i, ledger));
  const baseCm = measures.find((cm) => cm.measure.instrument === 'mfn' && cm.measure.base_table);
  const baseTable = baseCm ? data.baseTables.get(baseCm.measure.base_table!) : undefined;
  const pricedMeasures = measures.filter((cm) => cm.priced);
  const prefixIndex = buildPrefixIndex(data.lists);

  const matchRefs = (
    code: string,
    refs: ProductRef[] | undefined,
    listHits: Map<string, ListEntry[]>,
  ): ScopeMatch[] => {
    const out: ScopeMatch[] = [];
    (refs ?? []).forEach((ref, refIndex) => {
      if (ref.prefix !== undefined) {
        if (code.startsWith(ref.prefix))
          out.push({
            key: PREFIX_KEY,
            refIndex,
            from: ref.from ?? null,
            until: ref.until ?? null,
            entryRate: null,
            via: `prefix ${ref.prefix}`,
            partial: ref.partial === true,
            coverage: ref.coverage ?? null,
            coverageSource: ref.coverage_source ?? null,
          });
      } else if (ref.list !== undefined) {
        for (const entry of listHits.get(ref.list) ?? []) {
          const from = laterOf(ref.from, entry.from);
          const until = earlierOf(ref.until, entry.until);
          if (from && until && from >= until) continue;
          out.push({
            key: ref.list,
            refIndex,
            from,
            until,
            entryRate: entry.ratePct,
            via: `list ${ref.list} (${entry.code})`,
            partial: ref.partial === true,
            coverage: ref.coverage ?? null,
            coverageSource: ref.coverage_source ?? null,
          });
        }
      }
    });
    return out;
  };

  /** The content share of a product for a measure: per line from the shipped table, else the ledger's share. */
  const contentShare = (cm: CompiledMeasure, code: string): { share: number; shareSource: string | null } => {
    const basis = cm.measure.basis;
    if (basis?.kind !== 'content_share') return { share: 1, shareSource: null };
    const fallback = `${basis.label ?? 'assumed content share'} ${Math.round(cm.share * 100)}%`;
    const table = basis.per_product ? data.contentShares?.get(basis.per_product) : undefined;
    if (!table || table.size === 0) return { share: cm.share, shareSource: fallback };
    let v = table.get(code);
    if (v === undefined && code.length < 10) {
      // a shorter code: the mean over its 10-digit lines in the table
      let sum = 0;
      let n = 0;
      for (const [k, x] of table)
        if (k.startsWith(code)) {
          sum += x;
          n++;
        }
      if (n > 0) v = sum / n;
    }
    if (v === undefined) return { share: cm.share, shareSource: `${fallback} (line not in the content table)` };
    return {
      share: v,
      shareSource: `${basis.per_product} content ${(v * 100).toFixed(1)}% of value (${basis.share_source ?? 'content_shares.parquet'})`,
    };
  };

  const cache = new Map<string, Candidate[]>();
  const candidatesOf = (code: string): Candidate[] => {
    const hit = cache.get(code);
    if (hit) return hit;
    const listHits = new Map<string, ListEntry[]>();
    for (let k = 2; k <= code.length; k++) {
      for (const { list, entry } of prefixIndex.get(code.slice(0, k)) ?? []) {
        let arr = listHits.get(list);
        if (!arr) listHits.set(list, (arr = []));
        arr.push(entry);
      }
    }
    const out: Candidate[] = [];
    for (const cm of pricedMeasures) {
      const scope = cm.measure.products;
      if (!scope) continue;
      const matches = scope.all
        ? [
            {
              key: PREFIX_KEY,
              refIndex: -1,
              from: null,
              until: null,
              entryRate: null,
              via: 'all products',
              partial: false,
              coverage: null,
              coverageSource: null,
            },
          ]
        : matchRefs(code, scope.include, listHits);
      if (matches.length === 0) continue;
      const excludes = matchRefs(code, scope.exclude, listHits);
      const suspensions = cm.suspensions
        .map((cs) => ({ cs, matches: cs.productRefs === null ? null : matchRefs(code, cs.productRefs, listHits) }))
        .filter((s) => s.matches === null || s.matches.length > 0);
      out.push({ cm, matches, excludes, suspensions, ...contentShare(cm, code) });
    }
    cache.set(code, out);
    return out;
  };

  const selector = (s: { measures?: string[]; authorities?: string[] }) => ({
    m: new Set(s.measures ?? []),
    a: new Set(s.authorities ?? []),
  });
  const stacking = ledger.stacking
    .filter((r) => r.importer === importer)
    .map((rule) => {
      const w = selector(rule.when);
      const e = selector(rule.excludes);
      return { rule, whenMeasures: w.m, whenAuthorities: w.a, exclMeasures: e.m, exclAuthorities: e.a };
    });

  return {
    importer,
    ledger,
    data,
    measures,
    base: baseCm && baseTable ? { cm: baseCm, table: baseTable } : null,
    stacking,
    groups: new Map(ledger.groups.map((g) => [g.id, g.members])),
    universe,
    candidatesOf,
  };
}

/** The rate of a compiled measure for a scope key on a date: undefined = not yet, null = ended. */
export function rateAt(
  cm: CompiledMeasure,
  key: string,
  date: string,
): { value: number | null | undefined; step: number } {
  const t = cm.timelines.get(key) ?? cm.timelines.get(PREFIX_KEY)!;
  const i = latestAtOrBefore(t.dates, date);
  if (i < 0) return { value: undefined, step: -1 };
  return { value: t.values[i], step: t.stepIndex[i]! };
}
