// `tradewar hts audit|diff`: the official schedule (USITC HTS revisions, data/hts_*.parquet or a user's newer
// export) held against the ledger on a revision's effective date — Chapter 99 headings modelled or not, list
// membership by line footnotes against the engine's layers, heading rates against the ledger's — and two revisions
// compared in words.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import type { TradewarContext } from './context.js';
import { DEFAULT_LEDGER_DIR } from './context.js';
import { queryRows, sqlString } from '../datasets/duckdb.js';
import { loadWeights } from '../datasets/datasets.js';
import { evaluateCore, partnerMatches } from '../engine/evaluate.js';
import { rateAt, type CompiledMeasure } from '../engine/compile.js';
import {
  endDateIn,
  headingReach,
  reaches,
  readRevisionRows,
  startDateIn,
  type ParsedRate,
  type RateKind,
} from '../hts/parse.js';
import { citedHeadings, headingOfListId, patternCovers, type HeadingPattern } from '../hts/citations.js';
import { UserInputError } from '../util/errors.js';
import { parseDate } from './inputs.js';
import type {
  AuditHeading,
  AuditJson,
  AuditMismatch,
  AuditSummary,
  HeadingStatus,
  LineAgreement,
  LineHeading,
  LineLedgerRecord,
  RevisionListItem,
  ScheduleLineAnswer,
} from '../contract/hts.js';
export type {
  AuditHeading,
  AuditJson,
  AuditMismatch,
  AuditSummary,
  HeadingStatus,
  LineAgreement,
  LineHeading,
  LineLedgerRecord,
  RevisionListItem,
  ScheduleLineAnswer,
};

export interface RevisionInfo {
  seq: number;
  revision: string;
  file: string;
  effective_date: string;
  parse_errors: number;
}

export interface HeadingRow {
  heading: string;
  description: string;
  general: string;
  rate: ParsedRate;
}

export interface LineRow {
  /** Digits only: 0101210010. */
  code: string;
  level: number;
  description: string;
  general: string;
  /** Chapter 99 headings named by the general-rate footnotes, sorted. */
  footnotes: string[];
}

export interface Revision {
  revision: string;
  date: string;
  lines: LineRow[];
  headings: HeadingRow[];
  parseErrors: number;
}

// ---------------------------------------------------------------------------------------------- loading

interface Tables {
  revisions: RevisionInfo[];
  lines: Array<LineRow & { first_seq: number; last_seq: number }>;
  headings: Array<HeadingRow & { first_seq: number; last_seq: number }>;
}

const tablesByDir = new Map<string, Promise<Tables>>();

function tables(ctx: TradewarContext): Promise<Tables> {
  const dir = ctx.data.dir;
  let t = tablesByDir.get(dir);
  if (!t) tablesByDir.set(dir, (t = readTables(dir)));
  return t;
}

async function readTables(dir: string): Promise<Tables> {
  const file = (name: string) => {
    const p = join(dir, name);
    if (!existsSync(p)) throw new UserInputError(`missing dataset ${p}: run "npm run data:build" or pass --data DIR`);
    return sqlString(p);
  };
  const [revisions, lines, headings] = await Promise.all([
    queryRows<RevisionInfo>(
      `select seq, revision, file, effective_date, parse_errors from ${file('hts_revisions.parquet')} order by seq`,
    ),
    queryRows<{
      code: string;
      level: number;
      description: string;
      general: string;
      footnotes: string;
      first_seq: number;
      last_seq: number;
    }>(
      `select code, level, description, general, footnotes, first_seq, last_seq from ${file('hts_lines.parquet')} order by code, first_seq`,
    ),
    queryRows<{
      heading: string;
      description: string;
      general: string;
      rate_kind: string;
      rate_pct: number | null;
      rate: string;
      parse_error: string | null;
      first_seq: number;
      last_seq: number;
    }>(
      `select heading, description, general, rate_kind, rate_pct, rate, parse_error, first_seq, last_seq from ${file('hts_headings.parquet')} order by heading, first_seq`,
    ),
  ]);
  return {
    revisions,
    lines: lines.map((l) => ({ ...l, footnotes: l.footnotes ? l.footnotes.split(' ') : [] })),
    headings: headings.map((h) => ({
      heading: h.heading,
      description: h.description,
      general: h.general,
      rate: { kind: h.rate_kind as RateKind, pct: h.rate_pct, display: h.rate, error: h.parse_error },
      first_seq: h.first_seq,
      last_seq: h.last_seq,
    })),
  };
}

export async function listRevisions(ctx: TradewarContext): Promise<RevisionInfo[]> {
  return (await tables(ctx)).revisions;
}

function normaliseName(name: string): string {
  return name.replace(/^hts_/, '').replace(/\.json(\.gz)?$/, '');
}

/**
 * A revision by name (2026_rev_10, hts_2026_rev_10, "latest") from the shipped tables, or a USITC JSON export
 * (.json or .json.gz) a user hands in; a file's date is `date` (default: today).
 */
export async function loadRevision(ctx: TradewarContext, spec: string | undefined, date?: string): Promise<Revision> {
  const t = await tables(ctx);
  const wanted = spec ?? 'latest';
  if (/\.json(\.gz)?$/i.test(wanted)) return readRevisionFile(wanted, date);
  const info =
    wanted === 'latest'
      ? t.revisions[t.revisions.length - 1]
      : t.revisions.find((r) => r.revision === normaliseName(wanted));
  if (!info)
    throw new UserInputError(
      `unknown HTS revision "${wanted}": one of ${t.revisions[0]?.revision} … ${t.revisions[t.revisions.length - 1]?.revision} (tradewar hts audit --all lists them), "latest", or a USITC JSON export FILE.json`,
    );
  return revisionFromTables(t, info, date);
}

function revisionFromTables(t: Tables, info: RevisionInfo, date?: string): Revision {
  const live = <T extends { first_seq: number; last_seq: number }>(r: T) =>
    r.first_seq <= info.seq && r.last_seq >= info.seq;
  return {
    revision: info.revision,
    date: date ? parseDate(date, 'date') : info.effective_date,
    lines: t.lines.filter(live),
    headings: t.headings.filter(live),
    parseErrors: info.parse_errors,
  };
}

function readRevisionFile(file: string, date?: string): Revision {
  if (!existsSync(file)) throw new UserInputError(`HTS export not found: ${file}`);
  let json: unknown;
  try {
    const raw = readFileSync(file);
    json = JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
  } catch (e) {
    throw new UserInputError(`${file} is not a readable JSON export: ${(e as Error).message}`);
  }
  let rows;
  try {
    rows = readRevisionRows(json);
  } catch (e) {
    throw new UserInputError(`${file}: ${(e as Error).message}`);
  }
  return {
    revision: normaliseName(basename(file)),
    date: parseDate(date, 'date'),
    lines: rows.lines.map((l) => ({
      code: l.code.replace(/\./g, ''),
      level: l.level,
      description: l.description,
      general: l.general,
      footnotes: l.footnotes ? l.footnotes.split(' ') : [],
    })),
    headings: rows.headings,
    parseErrors: rows.errors.length,
  };
}

// ---------------------------------------------------------------------------------------------- explanations

export interface Explanations {
  /** A heading, a range (9903.04.15-9903.04.55) or a group (9903.52) → reason. */
  headings: Array<{ key: string; patterns: HeadingPattern[]; reason: string; from?: string; until?: string }>;
  /** HTS4/6/8/10 digits (a line and every line under it) → reason. */
  lines: Map<string, { reason: string; from?: string; until?: string }>;
}

const within = (e: { from?: string; until?: string }, date: string) =>
  (!e.from || date >= e.from) && (!e.until || date < e.until);

/** The reviewed reason for a heading on a date (an explanation may hold only from/until a date). */
export function headingExplanation(ex: Explanations, heading: string, date: string): string | undefined {
  return ex.headings.find((e) => within(e, date) && e.patterns.some((p) => patternCovers(p, heading)))?.reason;
}

function lineExplanation(ex: Explanations, code: string, date: string): string | undefined {
  for (const k of [10, 8, 6, 4]) {
    const e = ex.lines.get(code.slice(0, k));
    if (e && within(e, date)) return e.reason;
  }
  return undefined;
}

export const EXPLANATIONS_FILE = 'us/hts-audit.yaml';

/** ledger/us/hts-audit.yaml: reviewed reasons for headings (9903.xx.xx) and lines (HTS8/HTS10 digits). */
export function loadExplanations(ledgerDir = DEFAULT_LEDGER_DIR): Explanations {
  const out: Explanations = { headings: [], lines: new Map() };
  const file = join(ledgerDir, EXPLANATIONS_FILE);
  if (!existsSync(file)) return out;
  const doc = parseYaml(readFileSync(file, 'utf8')) as { explanations?: unknown } | null;
  const list = doc?.explanations ?? [];
  if (!Array.isArray(list)) throw new UserInputError(`${file}: "explanations" must be a list`);
  for (const [i, e] of (list as Array<Record<string, unknown>>).entries()) {
    const reason = typeof e?.reason === 'string' ? e.reason.trim() : '';
    if (reason.length < 10) throw new UserInputError(`${file}: explanation ${i + 1} needs a reason (10+ characters)`);
    const when: { from?: string; until?: string } = {};
    for (const k of ['from', 'until'] as const) {
      const v = e[k] instanceof Date ? (e[k] as Date).toISOString().slice(0, 10) : e[k];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
        throw new UserInputError(`${file}: explanation ${i + 1}: "${k}" must be a date YYYY-MM-DD`);
      when[k] = v;
    }
    if (typeof e.heading === 'number')
      throw new UserInputError(
        `${file}: explanation ${i + 1}: heading ${e.heading} was read as a number: quote it ("${e.heading}")`,
      );
    const patterns = typeof e.heading === 'string' ? citedHeadings(e.heading) : [];
    if (patterns.length) out.headings.push({ key: String(e.heading), patterns, reason, ...when });
    else if (typeof e.line === 'string' && /^\d{4}(\d{2}){0,3}$/.test(e.line.replace(/\./g, '')))
      out.lines.set(e.line.replace(/\./g, ''), { reason, ...when });
    else
      throw new UserInputError(
        `${file}: explanation ${i + 1} needs "heading: 9903.xx.xx" (or a range or group) or "line: HTS4-HTS10 digits"`,
      );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- audit

export interface AuditAnswer {
  revision: string;
  date: string;
  origin: string;
  headings: AuditHeading[];
  membership: {
    lines_checked: number;
    mismatches: AuditMismatch[];
    explained_lines: number;
    value_at_stake_usd: number;
    value_share: number;
  };
  parse_errors: number;
}

/** A ledger record that cites Chapter 99 headings: a measure, or a suspension (an exclusion heading). */
interface MeasureHeadings {
  id: string;
  kind: 'measure' | 'suspension';
  /** The measure, or the measures a suspension suspends. */
  cms: CompiledMeasure[];
  patterns: HeadingPattern[];
  /** list id → the heading it names (us_s301_review_9903_91_07). */
  listHeadings: Map<string, string>;
}

function measureHeadings(ctx: TradewarContext): MeasureHeadings[] {
  const out: MeasureHeadings[] = [];
  const rules = ctx.rules('US');
  const byId = new Map(rules.measures.map((cm) => [cm.measure.id, cm]));
  for (const cm of rules.measures) {
    const m = cm.measure;
    const patterns = citedHeadings(`${m.legal_citation} ${m.title}`);
    const listHeadings = new Map<string, string>();
    for (const ref of m.products?.include ?? []) {
      const h = ref.list ? headingOfListId(ref.list) : null;
      if (ref.list && h) listHeadings.set(ref.list, h);
    }
    for (const h of listHeadings.values()) patterns.push({ from: h, to: h });
    if (patterns.length) out.push({ id: m.id, kind: 'measure', cms: [cm], patterns, listHeadings });
  }
  for (const s of ctx.ledger.suspensions) {
    const cms = s.measures.map((id) => byId.get(id)).filter((cm): cm is CompiledMeasure => cm !== undefined);
    const patterns = citedHeadings(s.title);
    if (cms.length && patterns.length)
      out.push({ id: s.id, kind: 'suspension', cms, patterns, listHeadings: new Map() });
  }
  return out;
}

const ADDS = new Set<RateKind>(['plus_pct', 'plus_content_pct']);
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The ledger's rate(s) through a heading on a date: the list naming it, else every timeline of the measure. */
function ledgerRates(mh: MeasureHeadings, heading: string, date: string): number[] {
  const keys = [...mh.listHeadings].filter(([, h]) => h === heading).map(([k]) => k);
  const out = new Set<number>();
  if (mh.kind !== 'measure') return [];
  const cm = mh.cms[0]!;
  for (const k of keys.length ? keys : [...cm.timelines.keys()]) {
    const v = rateAt(cm, k, date).value;
    if (typeof v === 'number') out.add(round(v));
  }
  return [...out].sort((a, b) => a - b);
}

export interface AuditOptions {
  origin?: string;
  explanations?: Explanations;
  /** 2024 US imports from the origin by HTS10 (loaded when absent). */
  weights?: Map<string, number>;
}

export async function auditWeights(ctx: TradewarContext, origin: string): Promise<Map<string, number>> {
  return loadWeights(ctx.data, 'us_imports_2024', 'US', origin);
}

export async function auditRevision(
  ctx: TradewarContext,
  rev: Revision,
  opts: AuditOptions = {},
): Promise<AuditAnswer> {
  const origin = (opts.origin ?? 'CN').toUpperCase();
  if (!ctx.data.countries.has(origin) && origin !== 'CN')
    throw new UserInputError(`unknown origin "${origin}": an ISO2 code such as CN`);
  const explanations = opts.explanations ?? loadExplanations();
  const weights = opts.weights ?? (await auditWeights(ctx, origin));
  const rules = ctx.rules('US');
  const date = rev.date;
  const countryNames = new Map([...ctx.data.countries.values()].map((c) => [c.iso2, c.name]));
  const mhs = measureHeadings(ctx);

  // headings of the revision that reach the origin, and the measures citing each (that reach the origin on the date)
  const byHeading = new Map<string, HeadingRow>(rev.headings.map((h) => [h.heading, h]));
  const reachCache = new Map<string, boolean>();
  const reachesOrigin = (h: string) => {
    let v = reachCache.get(h);
    if (v === undefined) {
      const row = byHeading.get(h);
      const end = row ? endDateIn(row.description) : null;
      v = row ? reaches(headingReach(row.description, countryNames), origin) && !(end && end <= date) : false;
      reachCache.set(h, v);
    }
    return v;
  };
  const citing = new Map<string, MeasureHeadings[]>();
  const citingAny = new Map<string, MeasureHeadings[]>();
  for (const h of rev.headings) {
    const all = mhs.filter((mh) => mh.patterns.some((p) => patternCovers(p, h.heading)));
    citingAny.set(h.heading, all);
    citing.set(
      h.heading,
      all.filter((mh) => mh.cms.some((cm) => partnerMatches(rules, cm, origin, date))),
    );
  }

  const headings: AuditHeading[] = [];
  for (const h of rev.headings) {
    const base = { heading: h.heading, text: h.description, rate: h.rate.display || h.general };
    const starts = startDateIn(h.description);
    if (starts && starts > date && reachesOrigin(h.heading)) {
      headings.push({ ...base, ledger_ids: [], status: 'not_applicable', reason: `its text starts it on ${starts}` });
      continue;
    }
    if (!reachesOrigin(h.heading)) {
      const end = endDateIn(h.description);
      const reason =
        end && end <= date
          ? end === '0000-00-00'
            ? "the compiler's note says the provision ended"
            : `the text ends it before ${end}`
          : `text does not reach goods of ${origin}`;
      headings.push({ ...base, ledger_ids: [], status: 'not_applicable', reason });
      continue;
    }
    const cs = citing.get(h.heading) ?? [];
    const ids = cs.map((c) => c.id);
    let status: HeadingStatus = 'modelled';
    let reason: string | null = null;
    if (cs.length === 0) {
      status = 'unmodelled';
      const any = citingAny.get(h.heading) ?? [];
      reason = any.length
        ? `cited by ${any.map((c) => c.id).join(', ')}, which do not reach ${origin} on ${date}`
        : 'no ledger measure cites this heading';
    } else if (ADDS.has(h.rate.kind) && h.rate.pct !== null) {
      const rates = [...new Set(cs.flatMap((c) => ledgerRates(c, h.heading, date)))];
      const start = startDateIn(h.description);
      if (rates.includes(round(h.rate.pct))) reason = null;
      else if (rates.length === 0 && start && start > date) reason = `the heading's text starts it on ${start}`;
      else if (rates.length === 0) {
        status = 'rate_mismatch';
        reason = `schedule ${h.rate.display}; the ledger has no rate in force on ${date}`;
      } else {
        status = 'rate_mismatch';
        reason = `schedule ${h.rate.display}; ledger ${rates.map((r) => `${r}%`).join(' / ')}`;
      }
    }
    if (status !== 'modelled') {
      const why = headingExplanation(explanations, h.heading, date);
      if (why) {
        status = 'explained';
        reason = `${why} (audit: ${reason})`;
      }
    }
    headings.push({ ...base, ledger_ids: ids, status, reason });
  }

  // membership: footnotes (own and ancestors') against the engine's layers
  const footnotesOf = new Map<string, string[]>();
  for (const l of rev.lines) if (l.footnotes.length) footnotesOf.set(l.code, l.footnotes);
  const footnoted = new Set<string>(); // measures that footnotes express
  const named = (code: string): string[] => {
    const out = new Set<string>();
    for (const k of [4, 6, 8, 10]) for (const h of footnotesOf.get(code.slice(0, k)) ?? []) out.add(h);
    return [...out].filter((h) => byHeading.has(h) && reachesOrigin(h)).sort();
  };
  for (const hs of footnotesOf.values())
    for (const h of hs)
      if (reachesOrigin(h)) for (const c of citing.get(h) ?? []) if (c.kind === 'measure') footnoted.add(c.id);

  const mismatches: AuditMismatch[] = [];
  let checked = 0;
  let explainedLines = 0;
  let total = 0;
  let atStake = 0;
  for (const l of rev.lines) {
    if (l.level !== 10) continue;
    checked++;
    const value = weights.get(l.code) ?? 0;
    total += value;
    const hs = named(l.code);
    const inScope = new Set<string>();
    const applying = new Set<string>();
    for (const layer of evaluateCore(rules, l.code, origin, date)) {
      const id = layer.cand.cm.measure.id;
      if (layer.state === 'applies' || layer.state === 'stacked_out' || layer.state === 'excluded') inScope.add(id);
      if (layer.state === 'applies') applying.add(id);
    }
    // a footnote on the line itself names a heading that applies to it; footnotes inherited from the HTS8 (or
    // shorter) parent may cover only some of its statistical lines (U.S. note 20(g) names goods within a subheading),
    // so of those at least one must be in the ledger's scope
    const expected = new Set<string>();
    const own = new Set(footnotesOf.get(l.code) ?? []);
    let missingOwn = false;
    let inherited = 0;
    let inheritedHit = 0;
    for (const h of hs) {
      const row = byHeading.get(h)!;
      const cs = (citing.get(h) ?? []).filter((c) => c.kind === 'measure').map((c) => c.id);
      cs.forEach((id) => expected.add(id));
      if (!ADDS.has(row.rate.kind) || cs.length === 0) continue;
      // a heading that starts later than the date by its own text is not yet owed
      const start = startDateIn(row.description);
      if (start && start > date) continue;
      const hit = cs.some((id) => inScope.has(id));
      if (own.has(h)) missingOwn ||= !hit;
      else {
        inherited++;
        if (hit) inheritedHit++;
      }
    }
    const missing = missingOwn || (inherited > 0 && inheritedHit === 0);
    const extra = [...applying].filter((id) => footnoted.has(id) && !expected.has(id));
    if (!missing && extra.length === 0) continue;
    if (lineExplanation(explanations, l.code, date)) {
      explainedLines++;
      continue;
    }
    atStake += value;
    mismatches.push({
      line: l.code,
      hts_headings: hs,
      ledger_ids: [...inScope].filter((id) => footnoted.has(id) || expected.has(id)).sort(),
      value_usd: Math.round(value),
    });
  }
  mismatches.sort((a, b) => b.value_usd - a.value_usd || a.line.localeCompare(b.line));
  return {
    revision: rev.revision,
    date,
    origin,
    headings,
    membership: {
      lines_checked: checked,
      mismatches,
      explained_lines: explainedLines,
      value_at_stake_usd: Math.round(atStake),
      value_share: total > 0 ? Math.round((atStake / total) * 1e6) / 1e6 : 0,
    },
    parse_errors: rev.parseErrors,
  };
}

export function summarise(a: AuditAnswer): AuditSummary {
  const n = (s: HeadingStatus) => a.headings.filter((h) => h.status === s).length;
  return {
    revision: a.revision,
    date: a.date,
    headings_reaching: a.headings.filter((h) => h.status !== 'not_applicable').length,
    modelled: n('modelled'),
    unmodelled: n('unmodelled'),
    rate_mismatch: n('rate_mismatch'),
    explained: n('explained'),
    lines_checked: a.membership.lines_checked,
    mismatches: a.membership.mismatches.length,
    value_at_stake_usd: a.membership.value_at_stake_usd,
    value_share: a.membership.value_share,
    parse_errors: a.parse_errors,
  };
}

/** Every shipped revision in turn (one summary each), reporting progress. */
export async function auditAll(
  ctx: TradewarContext,
  opts: AuditOptions = {},
  progress?: (done: number, total: number) => void,
): Promise<AuditSummary[]> {
  const t = await tables(ctx);
  const origin = (opts.origin ?? 'CN').toUpperCase();
  const shared: AuditOptions = {
    origin,
    explanations: opts.explanations ?? loadExplanations(),
    weights: opts.weights ?? (await auditWeights(ctx, origin)),
  };
  const out: AuditSummary[] = [];
  for (const [i, info] of t.revisions.entries()) {
    progress?.(i, t.revisions.length);
    out.push(summarise(await auditRevision(ctx, revisionFromTables(t, info), shared)));
  }
  progress?.(t.revisions.length, t.revisions.length);
  return out;
}

// ---------------------------------------------------------------------------------------------- diff

export interface DiffEntry {
  kind: 'heading' | 'line';
  code: string;
  change: 'added' | 'removed' | 'changed';
  /** In words, the way the USITC change record reads. */
  text: string;
}

export interface DiffAnswer {
  from: { revision: string; date: string };
  to: { revision: string; date: string };
  headings: { added: number; removed: number; changed: number };
  lines: { added: number; removed: number; changed: number };
  changes: DiffEntry[];
}

/** Dotted HTS form: 0101210010 → 0101.21.00.10. */
export function dotted(code: string): string {
  return [code.slice(0, 4), code.slice(4, 6), code.slice(6, 8), code.slice(8, 10)].filter(Boolean).join('.');
}

const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function diffRevisions(a: Revision, b: Revision): DiffAnswer {
  const changes: DiffEntry[] = [];
  const count = { heading: { added: 0, removed: 0, changed: 0 }, line: { added: 0, removed: 0, changed: 0 } };
  const push = (e: DiffEntry) => {
    count[e.kind][e.change]++;
    changes.push(e);
  };
  const ha = new Map(a.headings.map((h) => [h.heading, h]));
  const hb = new Map(b.headings.map((h) => [h.heading, h]));
  for (const code of [...new Set([...ha.keys(), ...hb.keys()])].sort()) {
    const x = ha.get(code);
    const y = hb.get(code);
    const rate = (h: HeadingRow) => h.rate.display || h.general || 'no rate printed';
    if (!x && y)
      push({ kind: 'heading', code, change: 'added', text: `${code} added: ${clip(y.description)}, ${rate(y)}` });
    else if (x && !y) push({ kind: 'heading', code, change: 'removed', text: `${code} removed (was ${rate(x)})` });
    else if (x && y) {
      const parts: string[] = [];
      if (x.general !== y.general) parts.push(`rate ${rate(x)} → ${rate(y)}`);
      if (x.description !== y.description) parts.push(`text now: ${clip(y.description)}`);
      if (parts.length) push({ kind: 'heading', code, change: 'changed', text: `${code}: ${parts.join('; ')}` });
    }
  }
  const la = new Map(a.lines.map((l) => [l.code, l]));
  const lb = new Map(b.lines.map((l) => [l.code, l]));
  for (const code of [...new Set([...la.keys(), ...lb.keys()])].sort()) {
    const x = la.get(code);
    const y = lb.get(code);
    const d = dotted(code);
    if (!x && y)
      push({
        kind: 'line',
        code: d,
        change: 'added',
        text: `${d} added: ${clip(y.description, 80)}${y.general ? `, ${y.general}` : ''}${y.footnotes.length ? ` (see ${y.footnotes.join(', ')})` : ''}`,
      });
    else if (x && !y)
      push({ kind: 'line', code: d, change: 'removed', text: `${d} removed: ${clip(x.description, 80)}` });
    else if (x && y) {
      const parts: string[] = [];
      for (const h of x.footnotes) if (!y.footnotes.includes(h)) parts.push(`footnote ${h} removed`);
      for (const h of y.footnotes) if (!x.footnotes.includes(h)) parts.push(`footnote ${h} added`);
      if (x.general !== y.general) parts.push(`general rate ${x.general || '(none)'} → ${y.general || '(none)'}`);
      if (x.description !== y.description) parts.push(`description now: ${clip(y.description, 80)}`);
      if (parts.length) push({ kind: 'line', code: d, change: 'changed', text: `${d}: ${parts.join('; ')}` });
    }
  }
  return {
    from: { revision: a.revision, date: a.date },
    to: { revision: b.revision, date: b.date },
    headings: count.heading,
    lines: count.line,
    changes,
  };
}

// ---------------------------------------------------------------------------------------------- API / dashboard

export function auditJson(a: AuditAnswer): AuditJson {
  const { explained_lines: _e, ...membership } = a.membership;
  return { revision: a.revision, date: a.date, headings: a.headings, membership, parse_errors: a.parse_errors };
}

/** GET /api/hts/audit: a shipped revision (default latest) held against the ledger on its effective date. */
export async function auditQuery(ctx: TradewarContext, q: { revision?: string; origin?: string }): Promise<AuditJson> {
  if (q.revision && /[/\\]|\.json/i.test(q.revision))
    throw new UserInputError('revision: a shipped revision name (2026_rev_10, 2025_basic) or latest', 'revision');
  const origin = (q.origin ?? 'CN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(origin)) throw new UserInputError(`origin "${q.origin}": an ISO2 code such as CN`, 'origin');
  let rev: Revision;
  try {
    rev = await loadRevision(ctx, q.revision || 'latest');
  } catch (e) {
    if (e instanceof UserInputError) throw new UserInputError(e.message, 'revision');
    throw e;
  }
  return auditJson(await auditRevision(ctx, rev, { origin }));
}

/** GET /api/hts/revisions: the shipped revisions, oldest first, each with the date it took effect. */
export async function revisionsQuery(ctx: TradewarContext): Promise<RevisionListItem[]> {
  const revs = await listRevisions(ctx);
  return revs.map((r, i) => ({
    revision: r.revision,
    effective_date: r.effective_date,
    until: revs[i + 1]?.effective_date ?? null,
    parse_errors: r.parse_errors,
  }));
}

/** GET /api/hts/audit/summary: every shipped revision audited for an origin, one summary each (seconds). */
export async function auditSummaryQuery(ctx: TradewarContext, q: { origin?: string }): Promise<AuditSummary[]> {
  const origin = (q.origin ?? 'CN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(origin)) throw new UserInputError(`origin "${q.origin}": an ISO2 code such as CN`, 'origin');
  return auditAll(ctx, { origin });
}

const patternText = (p: HeadingPattern) =>
  'prefix' in p ? `${p.prefix} (group)` : p.from === p.to ? p.from : `${p.from}-${p.to}`;

/**
 * GET /api/hts/line: the Chapter 99 headings the schedule in force on a date names for a line (its own footnotes
 * and its parents'), with their text and parsed rate, beside the ledger's layers that apply from the origin.
 */
export async function scheduleLine(
  ctx: TradewarContext,
  q: { product?: string; date?: string; origin?: string },
): Promise<ScheduleLineAnswer> {
  const date = parseDate(q.date, 'date');
  const origin = (q.origin ?? 'CN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(origin)) throw new UserInputError(`origin "${q.origin}": an ISO2 code such as CN`, 'origin');
  const code = (q.product ?? '').replace(/[.\s]/g, '');
  if (!/^\d{10}$/.test(code))
    throw new UserInputError(`product "${q.product ?? ''}": an HTS10 line, 10 digits (8517130000)`, 'product');
  const t = await tables(ctx);
  const info = [...t.revisions].reverse().find((r) => r.effective_date <= date);
  if (!info)
    throw new UserInputError(
      `no shipped HTS revision is in force on ${date}: the first took effect on ${t.revisions[0]?.effective_date}`,
      'date',
    );
  const rev = revisionFromTables(t, info, date);
  const line = rev.lines.find((l) => l.code === code);
  if (!line) throw new UserInputError(`product ${code} is not a line of HTS ${rev.revision}`, 'product');
  const byHeading = new Map(rev.headings.map((h) => [h.heading, h]));
  const countryNames = new Map([...ctx.data.countries.values()].map((c) => [c.iso2, c.name]));
  const footnotes = new Map(rev.lines.filter((l) => l.footnotes.length).map((l) => [l.code, l.footnotes]));
  const own = new Set(line.footnotes);
  const named = new Set<string>();
  for (const k of [4, 6, 8, 10]) for (const h of footnotes.get(code.slice(0, k)) ?? []) named.add(h);

  // the ledger's side: layers that apply to the line on the date, and suspensions in effect on them
  const rules = ctx.rules('US');
  const layers = evaluateCore(rules, code, origin, date);
  const mhs = new Map(measureHeadings(ctx).map((mh) => [mh.id, mh]));
  const records: Array<Omit<LineLedgerRecord, 'headings' | 'status'>> = [];
  for (const l of layers) {
    const m = l.cand.cm.measure;
    if (l.state === 'applies')
      records.push({
        id: m.id,
        kind: 'measure',
        title: m.title,
        rate_pct: round(l.contribution),
        cites: (mhs.get(m.id)?.patterns ?? []).map(patternText),
      });
    const s = l.suspendedBy;
    if (s && (l.state === 'suspended' || l.state === 'excluded') && !records.some((r) => r.id === s.id)) {
      const susp = ctx.ledger.suspensions.find((x) => x.id === s.id);
      records.push({
        id: s.id,
        kind: 'suspension',
        title: susp?.title ?? s.id,
        rate_pct: null,
        cites: (mhs.get(s.id)?.patterns ?? []).map(patternText),
      });
    }
  }
  const covers = (id: string, h: string) => mhs.get(id)?.patterns.some((p) => patternCovers(p, h)) ?? false;

  const headings: LineHeading[] = [...named].sort().map((h) => {
    const row = byHeading.get(h);
    const end = row ? endDateIn(row.description) : null;
    const start = row ? startDateIn(row.description) : null;
    const reachesOrigin = row
      ? reaches(headingReach(row.description, countryNames), origin) &&
        !(end && end <= date) &&
        !(start && start > date)
      : false;
    const ids = records.filter((r) => covers(r.id, h)).map((r) => r.id);
    return {
      heading: h,
      text: row?.description ?? '(heading not in this revision)',
      rate: row ? row.rate.display || row.general : '',
      rate_kind: row?.rate.kind ?? ('unparsed' as RateKind),
      rate_pct: row?.rate.pct ?? null,
      own: own.has(h),
      reaches_origin: reachesOrigin,
      ledger_ids: ids,
      status: !reachesOrigin ? 'not_for_origin' : ids.length ? 'agree' : 'schedule_only',
    };
  });
  const reachingNamed = headings.filter((h) => h.reaches_origin).map((h) => h.heading);
  const ledger: LineLedgerRecord[] = records.map((r) => {
    const hs = reachingNamed.filter((h) => covers(r.id, h));
    return { ...r, headings: hs, status: hs.length ? 'agree' : 'ledger_only' };
  });
  const counts = {
    agree: headings.filter((h) => h.status === 'agree').length,
    schedule_only: headings.filter((h) => h.status === 'schedule_only').length,
    ledger_only: ledger.filter((r) => r.status === 'ledger_only').length,
  };
  return {
    product: code,
    description: line.description,
    date,
    origin,
    revision: { revision: info.revision, effective_date: info.effective_date },
    general: line.general,
    headings,
    ledger,
    counts,
    agree: counts.schedule_only === 0 && counts.ledger_only === 0,
  };
}
