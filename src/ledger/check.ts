// Cross-checks that the schema alone cannot express: ids resolve, lists exist, dates are ordered.
import type { Ledger } from './ledger.js';
import { PRICED_KINDS } from './kinds.js';
import { checkLedgerDates } from './check-dates.js';
import { onlyCodeRepositories } from './primary-sources.js';
import { LedgerError, type LedgerIssue, type SourcePosition } from '../util/errors.js';

export interface CheckContext {
  /** Ids of the code lists shipped in data/ (code_lists.parquet). */
  knownLists: ReadonlySet<string>;
  /** Names of the base-rate tables shipped in data/. */
  knownBaseTables: ReadonlySet<string>;
  /** The shipped code lists' entries: with `products`, exclusive list sets are checked product by product. */
  lists?: ReadonlyMap<string, readonly DatedCode[]>;
  /** Product codes per importer (the universe the engine evaluates). */
  products?: ReadonlyMap<string, Iterable<string>>;
}

/** A list entry as the check needs it: a code prefix and the dates it is on the list ([from, until)). */
export interface DatedCode {
  code: string;
  from: string | null;
  until: string | null;
}

const overlaps = (a: DatedCode, b: DatedCode) =>
  (a.until === null || b.from === null || b.from < a.until) && (b.until === null || a.from === null || a.from < b.until);

/**
 * Products that two lists of an exclusive set reach at the same date: every product code of the importer is looked
 * up by its prefixes in the set's lists. Returns "code: list_a + list_b" strings, at most `limit`, and the count.
 */
export function exclusiveListConflicts(
  lists: readonly string[],
  entries: ReadonlyMap<string, readonly DatedCode[]>,
  products: Iterable<string>,
  limit = 5,
): { count: number; examples: string[] } {
  const byCode = new Map<string, Array<{ list: string; e: DatedCode }>>();
  for (const list of lists)
    for (const e of entries.get(list) ?? []) {
      let arr = byCode.get(e.code);
      if (!arr) byCode.set(e.code, (arr = []));
      arr.push({ list, e });
    }
  let count = 0;
  const examples: string[] = [];
  for (const code of products) {
    const hits: Array<{ list: string; e: DatedCode }> = [];
    for (let k = 2; k <= code.length; k++) hits.push(...(byCode.get(code.slice(0, k)) ?? []));
    let clash: string | null = null;
    for (let i = 0; i < hits.length && !clash; i++)
      for (let j = i + 1; j < hits.length && !clash; j++)
        if (hits[i]!.list !== hits[j]!.list && overlaps(hits[i]!.e, hits[j]!.e))
          clash = `${code}: ${hits[i]!.list} (${hits[i]!.e.code}) + ${hits[j]!.list} (${hits[j]!.e.code})`;
    if (clash) {
      count++;
      if (examples.length < limit) examples.push(clash);
    }
  }
  return { count, examples };
}

export function checkLedger(ledger: Ledger, ctx: CheckContext): LedgerIssue[] {
  const issues: LedgerIssue[] = [];
  const at = (key: string): SourcePosition =>
    ledger.positions.get(key) ?? ledger.positions.get(key.split('.')[0]!) ?? { file: '?', line: 1, column: 1 };
  const measureIds = new Set(ledger.measures.map((m) => m.id));
  const authorities = new Set(ledger.measures.map((m) => m.authority));
  const groupIds = new Set(ledger.groups.map((g) => g.id));
  const allIds = new Set([
    ...measureIds,
    ...ledger.instruments.keys(),
    ...ledger.suspensions.map((s) => s.id),
    ...ledger.events.map((e) => e.id),
    ...ledger.stacking.map((s) => s.id),
  ]);
  const needInstrument = (id: string, where: string) => {
    if (!ledger.instruments.has(id))
      issues.push({ ...at(where), message: `unknown instrument "${id}": declare it under instruments: in a ledger file` });
  };
  const checkPartners = (codes: string[], where: string) => {
    for (const c of codes)
      if (/^[a-z]/.test(c) && !groupIds.has(c))
        issues.push({ ...at(where), message: `unknown partner group "${c}": declare it under groups:` });
  };
  const checkProductRefs = (
    refs: { list?: string; from?: string; until?: string }[] | undefined,
    where: string,
  ) => {
    (refs ?? []).forEach((r, j) => {
      const key = `${where}.${j}`;
      if (r.list !== undefined && !ctx.knownLists.has(r.list))
        issues.push({
          ...at(key),
          message: `unknown product list "${r.list}": it is not in data/code_lists.parquet (rebuild with npm run data:build, or fix the id)`,
        });
      if (r.from && r.until && r.from >= r.until)
        issues.push({ ...at(key), message: `product entry dates out of order: from ${r.from} is not before until ${r.until}` });
    });
  };

  for (const i of ledger.instruments.values())
    if (onlyCodeRepositories(i))
      issues.push({
        ...at(i.id),
        message: `instrument "${i.id}" cites only a code repository (${i.url}): cite the primary legal text as url and keep the repository under also`,
      });
  for (const m of ledger.measures) {
    checkPartners([...m.targets.include, ...(m.targets.exclude ?? [])], `${m.id}.targets`);
    checkProductRefs(m.products?.include, `${m.id}.products.include`);
    checkProductRefs(m.products?.exclude, `${m.id}.products.exclude`);
    if (m.instrument === 'mfn') {
      if (!m.base_table) issues.push({ ...at(m.id), message: `mfn measure "${m.id}" needs base_table` });
      else if (!ctx.knownBaseTables.has(m.base_table))
        issues.push({ ...at(`${m.id}.base_table`), message: `unknown base table "${m.base_table}"` });
    } else if (PRICED_KINDS.has(m.instrument) && !m.products) {
      issues.push({ ...at(m.id), message: `priced measure "${m.id}" needs a products scope (use "all: true" for every product)` });
    }
    const included = new Set((m.products?.include ?? []).map((r) => r.list).filter(Boolean));
    let prev = '';
    m.schedule.forEach((step, j) => {
      const key = `${m.id}.schedule.${j}`;
      needInstrument(step.instrument, key);
      if (prev && step.date <= prev)
        issues.push({ ...at(key), message: `timeline dates out of order: ${step.date} does not come after ${prev}` });
      prev = step.date;
      for (const listId of Object.keys(step.rates ?? {}))
        if (!included.has(listId))
          issues.push({ ...at(key), message: `rates names list "${listId}", which is not in this measure's products.include` });
    });
  }
  for (const s of ledger.suspensions) {
    s.measures.forEach((id) => {
      if (!measureIds.has(id)) issues.push({ ...at(`${s.id}.measures`), message: `suspension "${s.id}" names unknown measure "${id}"` });
    });
    checkProductRefs(s.products?.include, `${s.id}.products`);
    let prevUntil: string | null = '';
    s.periods.forEach((p) => {
      needInstrument(p.instrument, `${s.id}.periods`);
      if (p.until !== null && p.from >= p.until)
        issues.push({ ...at(`${s.id}.periods`), message: `suspension period dates out of order: ${p.from} is not before ${p.until}` });
      if (prevUntil === null || (prevUntil && p.from < prevUntil))
        issues.push({ ...at(`${s.id}.periods`), message: `suspension periods overlap or are out of order at ${p.from}` });
      prevUntil = p.until;
    });
  }
  for (const r of ledger.stacking) {
    for (const [field, sel] of [['when', r.when], ['excludes', r.excludes]] as const) {
      for (const id of sel.measures ?? [])
        if (!measureIds.has(id)) issues.push({ ...at(`${r.id}.${field}`), message: `stacking rule names unknown measure "${id}"` });
      for (const a of sel.authorities ?? [])
        if (!authorities.has(a)) issues.push({ ...at(`${r.id}.${field}`), message: `stacking rule names unknown authority "${a}"` });
    }
    if (r.until && r.from >= r.until) issues.push({ ...at(r.id), message: `stacking rule dates out of order` });
  }
  for (const x of ledger.exclusiveLists) {
    for (const list of x.lists)
      if (!ctx.knownLists.has(list))
        issues.push({ ...at(`${x.id}.lists`), message: `exclusive list set "${x.id}" names unknown list "${list}"` });
    const products = ctx.products?.get(x.importer);
    if (!ctx.lists || !products) continue;
    const { count, examples } = exclusiveListConflicts(x.lists, ctx.lists, products);
    if (count)
      issues.push({
        ...at(x.id),
        message: `${count} products are on two lists of the exclusive set "${x.id}" at the same date (e.g. ${examples.join('; ')}): a product may carry one of them; fix the list data (npm run data:build) or the set`,
      });
  }
  for (const e of ledger.events) {
    for (const id of e.related ?? [])
      if (!allIds.has(id)) issues.push({ ...at(`${e.id}.related`), message: `event "${e.id}" relates to unknown record "${id}"` });
    if (e.end_date && e.end_date < e.date) issues.push({ ...at(e.id), message: 'event end_date before date' });
  }
  for (const c of ledger.commitments) {
    const m = ledger.measures.find((x) => x.id === c.measure);
    if (!m || m.instrument !== 'purchase_commitment')
      issues.push({ ...at(c.id), message: `commitment "${c.id}" names "${c.measure}", which is not a purchase_commitment measure` });
    const categoryIds = new Set(c.categories.map((k) => k.id));
    for (const k of c.categories) {
      for (const t of k.targets) needInstrument(t.instrument, c.id);
      if (k.targets.some((t) => t.above_baseline_usd !== undefined) && c.baseline_year === undefined)
        issues.push({ ...at(c.id), message: `commitment "${c.id}" has targets above a baseline but no baseline_year` });
      if ((k.coverage?.length ?? 0) > 0 && !c.coverage)
        issues.push({ ...at(c.id), message: `category "${k.id}" names coverage categories but the commitment has no coverage table` });
    }
    for (const t of c.totals ?? [])
      for (const id of t.of)
        if (!categoryIds.has(id)) issues.push({ ...at(c.id), message: `total "${t.id}" names unknown category "${id}"` });
  }
  issues.push(...checkLedgerDates(ledger)); // plausibility: typos that still make valid, ordered dates
  return issues;
}

export function assertLedgerValid(ledger: Ledger, ctx: CheckContext): void {
  const issues = checkLedger(ledger, ctx);
  if (issues.length) throw new LedgerError(issues);
}
