// Export controls as questions: screen a party (with the Affiliates Rule on an ownership file), test a bill of
// materials against China's rules, the controls reaching a product with US import reliance on China, the
// controls timeline and the lists' dated additions. Used by cli/ and api/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TradewarContext } from './context.js';
import { loadPartiesFrom, loadShippedParties, type ListInfo, type PartySet } from '../controls/lists/parties.js';
import { ScreeningIndex } from '../controls/screening/index.js';
import {
  algorithmOf,
  screenParty,
  type ScreenAnswer,
  type ScreenHit,
  type ScreenQuery,
} from '../controls/screening/screen.js';
import {
  affiliatesCoverage,
  entityKey,
  parseOwnershipCsv,
  type OwnershipEdge,
  type Stake,
} from '../controls/ownership/affiliates.js';
import {
  measureStateOn,
  stateSegments,
  type MeasureState,
  type StateSegment,
} from '../controls/rules/measure-state.js';
import { evaluateBom, parseBom, bomFromObject, type Bom, type BomAnswer } from '../controls/rules/bom.js';
import { schemaOf } from '../controls/names/pairs.js';
import { normalizeName } from '../controls/names/normalize.js';
import { queryRows, sqlString } from '../datasets/duckdb.js';
import { parseDate, parseWholeNumber } from './inputs.js';
import { UserInputError } from '../util/errors.js';
import { todayIso } from '../util/dates.js';
import type { TimelineEntry } from '../contract/answers.js';
import { memoAsync as cached } from '../util/memo.js';

// ---- lists and index (loaded once per source) ---------------------------------------------------------------------

interface Loaded {
  set: PartySet;
  index: ScreeningIndex;
}
const sets = new Map<string, Promise<PartySet>>();
const indexes = new Map<string, Promise<Loaded>>();

/** The parties of the shipped lists, or of a user's download (--lists FILE|DIR). */
export function partySetFor(ctx: TradewarContext, listsPath?: string): Promise<PartySet> {
  const key = listsPath ? `file:${listsPath}` : `data:${ctx.data.dir}`;
  return cached(sets, key, () => (listsPath ? loadPartiesFrom(listsPath) : loadShippedParties(ctx.data.dir)));
}

/** The parties and their screening index (built once per list source). */
export function listsFor(ctx: TradewarContext, listsPath?: string): Promise<Loaded> {
  const key = listsPath ? `file:${listsPath}` : `data:${ctx.data.dir}`;
  return cached(indexes, key, async () => {
    const set = await partySetFor(ctx, listsPath);
    return { set, index: new ScreeningIndex(set.parties) };
  });
}

// ---- screening ------------------------------------------------------------------------------------------------------

export interface ScreenInput {
  name?: string;
  country?: string;
  date?: string;
  schema?: string;
  identifiers?: string | string[];
  address?: string;
  algorithm?: string;
  threshold?: string | number;
  limit?: string | number;
  lists?: string;
  /** Ownership CSV text (owner, owned, share, from, until). */
  ownership?: string;
}

export interface AffiliatesAnswer {
  /** The rule's state on the date (null when the ledger in use has no Affiliates Rule measure). */
  rule: MeasureState | null;
  entity: string | null;
  /** Listed parties (and covered intermediaries) own ≥ the threshold on the date. */
  covered_by_ownership: boolean;
  /** Covered and the rule is in force on the date. */
  applies: boolean;
  total_share: number;
  threshold_pct: number;
  stakes: Stake[];
  reason: string;
}

export interface ScreenResult extends ScreenAnswer {
  date: string;
  lists: ListInfo[];
  affiliates: AffiliatesAnswer | null;
}

function parseSchema(v: string | undefined): ScreenQuery['schema'] {
  if (!v) return undefined;
  const s = schemaOf(v);
  if (s === 'Other' && v.toLowerCase() !== 'other')
    throw new UserInputError(
      `schema "${v}" is not one of Person, Company, Organization, LegalEntity, Vessel`,
      'schema',
    );
  return s;
}

function parseCountryCode(v: string | undefined, field = 'country'): string | undefined {
  if (!v) return undefined;
  const s = v.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(s))
    throw new UserInputError(`${field} "${v}" is not an ISO 3166 alpha-2 code (e.g. CN)`, field);
  return s;
}

function idsOf(v: string | string[] | undefined): string[] {
  if (!v) return [];
  return (Array.isArray(v) ? v : v.split(/[;,]/)).map((x) => x.trim()).filter(Boolean);
}

export function affiliatesMeasure(ctx: TradewarContext) {
  return ctx.ledger.measures.find((m) => m.instrument === 'export_control' && m.control?.kind === 'affiliates');
}

/** Owners in the ownership file that are on a list counting for the rule, on the date. */
function listedOwners(
  l: Loaded,
  edges: OwnershipEdge[],
  date: string,
  lists: string[],
  sdnPrograms: string[],
): Map<string, string> {
  const out = new Map<string, string>();
  const names = new Map<string, string>();
  for (const e of edges) {
    names.set(entityKey(e.owner), e.owner);
    names.set(entityKey(e.owned), e.owned);
  }
  for (const [key, name] of names) {
    const hits = screenParty(l.index, { name, date }, { threshold: 0.9, limit: 10 }).hits;
    const hit = hits.find((h) => {
      if (!lists.includes(h.list)) return false;
      if (h.listed_on_date === false) return false;
      if (h.list === 'ofac-sdn' || h.list === 'SDN')
        return sdnPrograms.length === 0 || h.programs.some((p) => sdnPrograms.includes(p));
      return true;
    });
    if (hit) out.set(key, `${hit.list}: ${hit.name}`);
  }
  return out;
}

export function affiliatesFor(
  ctx: TradewarContext,
  l: Loaded,
  name: string,
  edges: OwnershipEdge[],
  date: string,
): AffiliatesAnswer {
  const m = affiliatesMeasure(ctx);
  const scope = m?.control;
  const rule = m ? measureStateOn(ctx.ledger, m, date, scope?.applies_from) : null;
  const threshold = scope?.threshold_pct ?? 50;
  const lists = scope?.lists ?? l.set.lists.filter((x) => x.affiliates_rule).map((x) => x.list);
  const listed = listedOwners(l, edges, date, lists, scope?.sdn_programs ?? []);
  const coverage = affiliatesCoverage(edges, listed, date, threshold);
  let cov = coverage.get(entityKey(name));
  if (!cov) {
    // the screened name may be written differently in the ownership file
    const algo = algorithmOf(undefined);
    for (const c of coverage.values())
      if (algo.compare(normalizeForOwnership(name), normalizeForOwnership(c.entity)).score >= 0.9) {
        cov = c;
        break;
      }
  }
  if (!cov)
    return {
      rule,
      entity: null,
      covered_by_ownership: false,
      applies: false,
      total_share: 0,
      threshold_pct: threshold,
      stakes: [],
      reason: `${name} is not an owned entity in the ownership file on ${date}`,
    };
  const stakesText = cov.stakes
    .map((s) => `${s.owner} ${s.share}% (${s.basis === 'listed' ? s.list : 'covered by the rule'})`)
    .join(' + ');
  const applies = cov.covered && rule !== null && rule.in_force;
  const ruleText = !rule
    ? 'but the ledger in use has no Affiliates Rule measure, so no date applies'
    : rule.in_force
      ? `covered by the Affiliates Rule on ${date} (${m!.legal_citation})`
      : `would be covered, but on ${date} the rule is ${rule.state.replace(/_/g, ' ')} — ${rule.reason}`;
  return {
    rule,
    entity: cov.entity,
    covered_by_ownership: cov.covered,
    applies,
    total_share: cov.total_share,
    threshold_pct: threshold,
    stakes: cov.stakes,
    reason: cov.covered
      ? `${cov.entity} is ${cov.total_share}% owned by listed or covered parties (${stakesText}) ≥ ${threshold}%: ${ruleText}`
      : `${cov.entity} is ${cov.total_share}% owned by listed or covered parties${stakesText ? ` (${stakesText})` : ''}, below ${threshold}%: not covered`,
  };
}

const normalizeForOwnership = (s: string) => normalizeName(s, 'Company');

export async function screenQuery(ctx: TradewarContext, input: ScreenInput): Promise<ScreenResult> {
  const date = input.date ? parseDate(input.date, 'date') : todayIso();
  const l = await listsFor(ctx, input.lists);
  const limit = input.limit === undefined || input.limit === '' ? 25 : parseWholeNumber(input.limit, 'limit', 1, 500);
  const answer = screenParty(
    l.index,
    {
      name: input.name ?? '',
      country: parseCountryCode(input.country),
      schema: parseSchema(input.schema),
      identifiers: idsOf(input.identifiers),
      address: input.address,
      date,
    },
    { algorithm: input.algorithm, threshold: input.threshold, limit },
  );
  const affiliates = input.ownership
    ? affiliatesFor(ctx, l, input.name ?? '', parseOwnershipCsv(input.ownership), date)
    : null;
  return { ...answer, date, lists: l.set.lists, affiliates };
}

export interface BatchRow {
  row: number;
  name: string;
  country: string;
  hits: number;
  best_score: number | null;
  best_list: string;
  best_name: string;
  best_party_id: string;
  listed_on_date: boolean | null;
  explanation: string;
}

/** Screens a CSV of parties (columns name[, country, schema, identifiers, address]). */
export async function screenBatch(
  ctx: TradewarContext,
  rows: Array<Record<string, string>>,
  opts: ScreenInput,
  progress?: (done: number, total: number) => void,
): Promise<BatchRow[]> {
  const date = opts.date ? parseDate(opts.date, 'date') : todayIso();
  const l = await listsFor(ctx, opts.lists);
  const out: BatchRow[] = [];
  rows.forEach((r, k) => {
    const a = screenParty(
      l.index,
      {
        name: r.name ?? '',
        country: parseCountryCode(r.country || opts.country),
        schema: parseSchema(r.schema || opts.schema),
        identifiers: idsOf(r.identifiers),
        address: r.address,
        date,
      },
      { algorithm: opts.algorithm, threshold: opts.threshold, limit: 5 },
    );
    const best: ScreenHit | undefined = a.hits[0];
    out.push({
      row: k + 1,
      name: r.name ?? '',
      country: r.country ?? '',
      hits: a.hits.length,
      best_score: best?.score ?? null,
      best_list: best?.list ?? '',
      best_name: best?.name ?? '',
      best_party_id: best?.party_id ?? '',
      listed_on_date: best?.listed_on_date ?? null,
      explanation: best ? best.features.map((f) => `${f.feature} ${f.contribution}`).join('; ') : '',
    });
    if (progress && (k % 200 === 0 || k === rows.length - 1)) progress(k + 1, rows.length);
  });
  return out;
}

// ---- bill of materials -----------------------------------------------------------------------------------------

export function bomQuery(
  ctx: TradewarContext,
  input: { bom: string | Record<string, unknown>; date?: string; destination?: string; file?: string },
): BomAnswer {
  const date = parseDate(input.date, 'date');
  const destination = parseCountryCode(input.destination, 'destination');
  const bom: Bom = typeof input.bom === 'string' ? parseBom(input.bom, input.file) : bomFromObject(input.bom);
  return evaluateBom(ctx.ledger, bom, date, ctx.label, destination);
}

// ---- the product link: service/product-controls.ts (kept light: `rate` loads it without the screening code) -------

export {
  controlsForProduct,
  type ProductControl,
  type ProductControls,
  type Reliance,
  type UsgsFigures,
} from './product-controls.js';

// ---- timeline and list events ------------------------------------------------------------------------------------

export interface ControlTimelineRow {
  measure: string;
  title: string;
  imposer: string;
  kind: string;
  citation: string;
  source: string;
  segments: StateSegment[];
}

/** Every export-control measure of both sides with its states over time (suspensions as their own segments). */
export function controlsTimeline(ctx: TradewarContext): ControlTimelineRow[] {
  return ctx.ledger.measures
    .filter((m) => m.instrument === 'export_control')
    .map((m) => {
      const st = measureStateOn(ctx.ledger, m, m.schedule[0]!.date);
      return {
        measure: m.id,
        title: m.title,
        imposer: m.imposer,
        kind: m.control?.kind ?? 'export_control',
        citation: m.legal_citation,
        source: st.source,
        segments: stateSegments(ctx.ledger, m, m.control?.applies_from),
      };
    })
    .sort(
      (a, b) =>
        a.imposer.localeCompare(b.imposer) || (a.segments[0]?.from ?? '').localeCompare(b.segments[0]?.from ?? ''),
    );
}

/** The lists' additions by date (entries added per list and date since `from`) and each list's snapshot, as timeline entries. */
export async function listEvents(ctx: TradewarContext, from = '2018-01-01'): Promise<TimelineEntry[]> {
  // the lists are optional for the timeline: a data folder without them gives the ledger's events only
  const file = join(ctx.data.dir, 'controls_parties.parquet');
  if (!existsSync(file)) return [];
  return cached(listEventsCache, ctx.data.dir, () => readListEvents(ctx.data.dir, file, from));
}

const listEventsCache = new Map<string, Promise<TimelineEntry[]>>();

async function readListEvents(dir: string, file: string, from: string): Promise<TimelineEntry[]> {
  const today = todayIso();
  // one aggregate query: additions per list and date, with a few names and the first citation
  const groups = await queryRows<{
    list: string;
    date: string;
    n: number;
    cn: number;
    names: string;
    citation: string;
  }>(
    `SELECT list, date_added AS date, count(*)::INTEGER AS n,
            count(*) FILTER (WHERE country IN ('CN', 'HK'))::INTEGER AS cn,
            string_agg(name, '; ' ORDER BY entry_id) AS names, min(citation) AS citation
     FROM read_parquet(${sqlString(file)}) WHERE date_added >= ${sqlString(from)} GROUP BY list, date_added ORDER BY date_added, list`,
  );
  const lists = await queryRows<ListInfo>(
    `SELECT * FROM read_parquet(${sqlString(join(dir, 'controls_lists.parquet'))}) ORDER BY list`,
  );
  const info = new Map(lists.map((x) => [x.list, x]));
  const out: TimelineEntry[] = groups.map((g) => {
    const names = g.names.split('; ');
    return {
      date: g.date,
      side: 'US',
      kind: 'listed',
      instrument_kind: 'entity_listing',
      record: `list:${g.list}:${g.date}`,
      title: `${info.get(g.list)?.name ?? g.list}: ${g.n} entr${g.n === 1 ? 'y' : 'ies'} added${g.cn ? ` (${g.cn} in China/Hong Kong)` : ''}`,
      detail: `${names.slice(0, 3).join('; ')}${g.n > 3 ? '; …' : ''}${g.citation ? ` — ${g.citation.split(';')[0]}` : ''}`,
      status: 'in_force',
      scheduled: g.date > today,
      sources: [info.get(g.list)?.source_url || 'https://www.trade.gov/consolidated-screening-list'],
    };
  });
  for (const x of lists)
    if (x.snapshot_date)
      out.push({
        date: x.snapshot_date,
        side: 'US',
        kind: 'list_snapshot',
        instrument_kind: 'entity_listing',
        record: `list:${x.list}`,
        title: `${x.name}: snapshot held by tradewar (${Number(x.entries)} entries)`,
        detail: x.snapshot,
        status: 'in_force',
        scheduled: false,
        sources: [x.source_url],
      });
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.record.localeCompare(b.record));
}

/** The ledger timeline with the lists' dated additions merged in, in date order. */
export function withListEvents(entries: TimelineEntry[], lists: TimelineEntry[]): TimelineEntry[] {
  return [...entries, ...lists].sort((a, b) => a.date.localeCompare(b.date) || a.record.localeCompare(b.record));
}
