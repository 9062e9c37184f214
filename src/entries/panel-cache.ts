// The interval panel the entry batch joins against, as Parquet in a cache folder keyed by a hash of the ledger,
// the shipped data and this file's format version: built once (a few seconds for the US), then read by every
// run. Three files:
//   intervals.parquet  exporter class × product × [valid_from, valid_until) → rates and the id of its layer set,
//                      and (ADR 82) the unconfirmed items the statutory total rests on with the totals if flipped
//                      (intervals are split where that changes; NULL on the rest)
//   layer_sets.parquet layer set id → the list of layers (measure, authority, rate, expected rate, owed); a few
//                      thousand distinct stacks for the US, against ~0.6 M intervals, so the join carries an
//                      integer and the lists are attached after it from this small table. Id 0 has no layers
//                      (NULL): unpriced lines point at it, so every line finds exactly one set.
//   origins.parquet    every ISO 3166 origin, as written (CN, cn) → the code and its exporter class (partners
//                      that no rule tells apart share a class)
// Origins outside the trade-data partners are classed the same way as partners, so they get the panel of the
// partners no ledger rule tells apart from them (for the US: MFN plus measures that name all partners).
// Building is safe to run concurrently: each build writes into its own temporary folder (named by process id
// and a random suffix, removed by a later run if its process was killed) that is renamed into place whole;
// jobs of one process share one build, and a job of another process that loses the rename uses the winner's.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImporterRules } from '../engine/compile.js';
import { buildIntervalPanel, productIntervals, type IntervalPanel, type Window } from '../engine/panel.js';
import { struckDownLayers } from '../engine/refunds.js';
import type { LayerContribution } from '../contract/answers.js';
import type { Ledger } from '../ledger/ledger.js';
import { sqlString } from '../datasets/duckdb.js';
import { CACHE_VARIABLE, cacheRoot, configuredCacheRoot } from '../util/cache-root.js';
import { fsFailure, UnwritableFolderError } from '../util/fs-errors.js';
import { removeStaleTemporaries } from '../util/stale-temp.js';

/** Bump when the columns of the cached panel change, so old caches are not read. */
const PANEL_FORMAT = 6;

// Expected rates (ADR 9): each layer's own expected contribution from the engine. The line's expected total is
// the interval's, which also counts what a stacked-out layer still adds on average for the goods that do not pay
// its trigger (such a layer has no row of its own here, so the per-layer expected columns can sum to less).
export function expectedPctOf(layer: LayerContribution): number {
  return layer.expected_pct ?? layer.pct;
}
export const EXPECTED_EQUALS_STATUTORY = false;

/** An unconfirmed item (ADR 82) and the importer's rules with it flipped. */
export interface PanelAlternative {
  id: string;
  /** The first date the item can matter. */
  date: string;
  measures: string[];
  rules: ImporterRules;
}

export interface PanelFiles {
  dir: string;
  intervals: string;
  layerSets: string;
  origins: string;
  key: string;
  /** True when the panel was read from the cache, false when this run built it. */
  cached: boolean;
  intervalRows: number;
}

/** Where the panels of a project's data are cached (src/util/cache-root.ts). Data without a manifest (test and
 * development projects) caches under the temp folder unless TRADEWAR_CACHE_DIR is set, and so does a run with
 * the caches off (the panel is needed all the same). */
function panelRoot(dataDir: string): string {
  const configured = existsSync(join(dataDir, 'manifest.json')) ? cacheRoot() : configuredCacheRoot();
  return configured ?? join(tmpdir(), 'tradewar-cache');
}

/** Creates the panel's cache folder, or says which folder cannot be written, why, and how to move it. */
function ensureCacheFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UnwritableFolderError('the cache folder', dir, fsFailure(err) ?? String(err), CACHE_VARIABLE);
  }
}

/** Temporary build folders: <importer>-<key>.tmp-<pid>-<hex>. */
const STALE_BUILD = /^[a-z]+-[0-9a-f]+\.tmp-(\d+)(?:-[0-9a-f]+)?$/; // without the suffix: older versions

/** Builds in flight in this process, by cache folder: a second job for the same panel waits for the first. */
const building = new Map<string, Promise<PanelFiles>>();

/** A hash of everything the panel depends on: ledger records, the shipped data's manifest, importer, window,
 * the countries an entry may name. */
export function panelKey(
  ledger: Ledger,
  dataDir: string,
  importer: string,
  window: Window,
  origins: readonly string[],
): string {
  const h = createHash('sha256');
  h.update(`format ${PANEL_FORMAT} ${importer} ${window.from} ${window.until} ${origins.join(',')}\n`);
  const replacer = (_k: string, v: unknown) => (v instanceof Map ? [...v.entries()] : v);
  const { positions: _positions, files: _files, ...records } = ledger;
  h.update(JSON.stringify(records, replacer));
  const manifest = join(dataDir, 'manifest.json');
  if (existsSync(manifest)) h.update(readFileSync(manifest));
  // no manifest (test and development projects): the files themselves, so equal data shares one panel
  else
    for (const f of readdirSync(dataDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)))
      if (f.isFile()) h.update(`${f.name}\n`).update(readFileSync(join(dataDir, f.name)));
  return h.digest('hex').slice(0, 16);
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The panel for an importer over a window, from the cache or built now (and cached). */
export async function entriesPanel(
  conn: DuckDBConnection,
  importer: string,
  rules: () => ImporterRules,
  origins: readonly string[],
  opts: {
    ledger: Ledger;
    dataDir: string;
    window: Window;
    cacheDir?: string;
    onProgress?: (d: number, t: number) => void;
    alternatives?: () => PanelAlternative[];
  },
): Promise<PanelFiles> {
  const key = panelKey(opts.ledger, opts.dataDir, importer, opts.window, origins);
  const root = opts.cacheDir ? resolve(opts.cacheDir) : panelRoot(opts.dataDir);
  const dir = join(root, 'entries-panel', `${importer.toLowerCase()}-${key}`);
  const files = {
    dir,
    key,
    intervals: join(dir, 'intervals.parquet'),
    layerSets: join(dir, 'layer_sets.parquet'),
    origins: join(dir, 'origins.parquet'),
  };
  const complete = () => existsSync(files.intervals) && existsSync(files.layerSets) && existsSync(files.origins);
  if (!complete()) {
    const inFlight = building.get(dir);
    if (inFlight) return { ...(await inFlight), cached: true };
    const build = buildPanel(conn, importer, rules, origins, files, opts)
      .catch((err: unknown) => {
        const why = err instanceof UnwritableFolderError ? undefined : fsFailure(err);
        if (why === undefined) throw err;
        throw new UnwritableFolderError('the cache folder', dirname(dir), why, CACHE_VARIABLE);
      })
      .finally(() => building.delete(dir));
    building.set(dir, build);
    return build;
  }
  const n = await conn.runAndReadAll(`SELECT count(*)::BIGINT FROM read_parquet(${sqlString(files.intervals)})`);
  return { ...files, cached: true, intervalRows: Number(n.getRows()[0]![0]) };
}

type PanelPaths = Omit<PanelFiles, 'cached' | 'intervalRows'>;

/** Builds the panel into a temporary folder beside its cache folder, then renames it into place. */
async function buildPanel(
  conn: DuckDBConnection,
  importer: string,
  rules: () => ImporterRules,
  origins: readonly string[],
  files: PanelPaths,
  opts: { window: Window; onProgress?: (d: number, t: number) => void; alternatives?: () => PanelAlternative[] },
): Promise<PanelFiles> {
  const { dir } = files;
  const parent = dirname(dir);
  ensureCacheFolder(parent);
  removeStaleTemporaries(parent, STALE_BUILD);
  const partners = origins.filter((o) => o !== importer);
  const panel = buildIntervalPanel(rules(), partners, opts.window, opts.onProgress);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = `${dir}.tmp-${suffix}`;
  ensureCacheFolder(tmp);
  const t = `entries_panel_${suffix.replace('-', '_')}`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${t}_iv (id INTEGER, exporter VARCHAR, product VARCHAR,
    valid_from VARCHAR, valid_until VARCHAR, base_pct DOUBLE, statutory_pct DOUBLE, expected_pct DOUBLE,
    owed_pct DOUBLE, refundable_pct DOUBLE, unconfirmed VARCHAR, alternative_total_pct VARCHAR)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${t}_ly (id INTEGER, pos INTEGER, measure VARCHAR,
    authority VARCHAR, rate_pct DOUBLE, expected_pct DOUBLE, owed BOOLEAN)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${t}_or (origin VARCHAR, exporter VARCHAR)`);
  try {
    const iv = await conn.createAppender(`${t}_iv`);
    const ly = await conn.createAppender(`${t}_ly`);
    let id = 0;
    const stretches = stretchesByLine(unconfirmedStretches(panel, opts.alternatives?.() ?? [], opts.window));
    for (const [rep, list] of panel.byClass)
      for (const { product, intervals } of list)
        for (const whole of intervals)
          for (const i of splitByStretches(whole, stretches.get(`${rep}|${product}`))) {
            id++;
            const expected = i.expected;
            iv.appendInteger(id);
            iv.appendVarchar(rep);
            iv.appendVarchar(product);
            iv.appendVarchar(i.from);
            iv.appendVarchar(i.until);
            iv.appendDouble(r6(i.base));
            iv.appendDouble(r6(i.total));
            iv.appendDouble(r6(expected));
            iv.appendDouble(r6(i.owed));
            iv.appendDouble(r6(struckDownLayers(i.layers).pct));
            if (i.unconfirmed) {
              iv.appendVarchar(i.unconfirmed);
              iv.appendVarchar(i.alternatives!);
            } else {
              iv.appendNull();
              iv.appendNull();
            }
            iv.endRow();
            i.layers.forEach((l, pos) => {
              ly.appendInteger(id);
              ly.appendInteger(pos);
              ly.appendVarchar(l.measure);
              ly.appendVarchar(l.authority);
              ly.appendDouble(r6(l.pct));
              ly.appendDouble(r6(expectedPctOf(l)));
              ly.appendBoolean(l.owed);
              ly.endRow();
            });
          }
    iv.closeSync();
    ly.closeSync();
    const or = await conn.createAppender(`${t}_or`);
    for (const [rep, members] of panel.classes)
      for (const m of members) {
        or.appendVarchar(m);
        or.appendVarchar(rep);
        or.endRow();
      }
    or.closeSync();
    // each interval's layers as one list; equal lists share a layer set (numbered in order of first use)
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${t}_st AS
        SELECT i.id, coalesce(list({'measure': l.measure, 'authority': l.authority, 'rate_pct': l.rate_pct,
                              'expected_pct': l.expected_pct, 'owed': l.owed} ORDER BY l.pos)
                          FILTER (WHERE l.measure IS NOT NULL), []) AS layers
        FROM ${t}_iv i LEFT JOIN ${t}_ly l USING (id)
        GROUP BY i.id`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${t}_ls AS
        SELECT CAST(row_number() OVER (ORDER BY first_id) AS INTEGER) AS layer_set, layers
        FROM (SELECT layers, min(id) AS first_id FROM ${t}_st GROUP BY layers)`);
    await conn.run(`COPY (
        SELECT i.exporter, i.product, i.valid_from::DATE AS valid_from, i.valid_until::DATE AS valid_until,
               i.base_pct, i.statutory_pct, i.expected_pct, i.owed_pct, i.refundable_pct, s.layer_set,
               i.unconfirmed, i.alternative_total_pct
        FROM ${t}_iv i JOIN ${t}_st st USING (id) JOIN ${t}_ls s ON s.layers = st.layers
        ORDER BY i.exporter, i.product, valid_from
      ) TO ${sqlString(join(tmp, 'intervals.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
    await conn.run(`COPY (
        SELECT 0 AS layer_set, NULL AS layers UNION ALL SELECT layer_set, layers FROM ${t}_ls ORDER BY layer_set
      ) TO ${sqlString(join(tmp, 'layer_sets.parquet'))} (FORMAT parquet, COMPRESSION zstd)`);
    await conn.run(
      `COPY (SELECT origin AS code, origin AS iso, exporter FROM ${t}_or
        UNION ALL SELECT lower(origin), origin, exporter FROM ${t}_or ORDER BY code)
        TO ${sqlString(join(tmp, 'origins.parquet'))} (FORMAT parquet)`,
    );
    const n = await conn.runAndReadAll(`SELECT count(*)::BIGINT FROM ${t}_iv`);
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // another process cached the same panel meanwhile (the folder exists, not empty): use theirs
      if (!existsSync(files.intervals)) throw err;
    }
    return { ...files, cached: false, intervalRows: Number(n.getRows()[0]![0]) };
  } finally {
    for (const s of ['iv', 'ly', 'st', 'ls', 'or']) await conn.run(`DROP TABLE IF EXISTS ${t}_${s}`);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * ADR 82: the stretches of the panel whose statutory total rests on an unconfirmed item — for each item, each
 * exporter class and each product the item can move (a candidate layer of one of its measures), the pieces of
 * the baseline's intervals from the item's date on where the flipped rules give another total.
 */
export function* unconfirmedStretches(
  panel: IntervalPanel,
  alternatives: PanelAlternative[],
  window: Window,
): Generator<{ exporter: string; product: string; from: string; until: string; id: string; total: number }> {
  for (const alt of alternatives) {
    if (alt.date >= window.until) continue;
    const from0 = alt.date > window.from ? alt.date : window.from;
    const measures = new Set(alt.measures);
    for (const [rep, list] of panel.byClass)
      for (const { product, intervals } of list) {
        if (!alt.rules.candidatesOf(product).some((c) => measures.has(c.cm.measure.id))) continue;
        const flipped = productIntervals(alt.rules, product, rep, { from: from0, until: window.until });
        let k = 0;
        for (const iv of intervals) {
          if (iv.until <= from0) continue;
          while (k < flipped.length && flipped[k]!.until <= iv.from) k++;
          for (let j = k; j < flipped.length && flipped[j]!.from < iv.until; j++) {
            const a = flipped[j]!;
            const from = [iv.from, a.from, from0].sort()[2]!;
            const until = iv.until < a.until ? iv.until : a.until;
            if (from < until && Math.abs(a.total - iv.total) > 5e-5)
              yield { exporter: rep, product, from, until, id: alt.id, total: a.total };
          }
        }
      }
  }
}

interface Stretch {
  from: string;
  until: string;
  id: string;
  total: number;
}

function stretchesByLine(all: Iterable<Stretch & { exporter: string; product: string }>): Map<string, Stretch[]> {
  const out = new Map<string, Stretch[]>();
  for (const r of all) {
    const key = `${r.exporter}|${r.product}`;
    let arr = out.get(key);
    if (!arr) out.set(key, (arr = []));
    arr.push(r);
  }
  return out;
}

/**
 * An interval cut where the set of unconfirmed stretches covering it changes: each piece with the ids covering it
 * (space-separated, by id) and the flipped totals in the same order; the interval itself when none touches it.
 */
export function splitByStretches<T extends { from: string; until: string }>(
  iv: T,
  stretches: Stretch[] | undefined,
): Array<T & { unconfirmed?: string; alternatives?: string }> {
  const touching = (stretches ?? []).filter((s) => s.from < iv.until && s.until > iv.from);
  if (!touching.length) return [iv];
  const cuts = [
    ...new Set(
      [iv.from, iv.until, ...touching.flatMap((s) => [s.from, s.until])].filter((d) => d >= iv.from && d <= iv.until),
    ),
  ].sort();
  const out: Array<T & { unconfirmed?: string; alternatives?: string }> = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k]!;
    const until = cuts[k + 1]!;
    const on = touching.filter((s) => s.from <= from && s.until >= until).sort((a, b) => a.id.localeCompare(b.id));
    out.push(
      on.length
        ? {
            ...iv,
            from,
            until,
            unconfirmed: on.map((s) => s.id).join(' '),
            alternatives: on.map((s) => String(r6(s.total))).join(' '),
          }
        : { ...iv, from, until },
    );
  }
  return out;
}
