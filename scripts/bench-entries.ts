// Benchmark of the entry-file batch (`tradewar entries`): generated entry files of 1 and 10 million lines
// (HTS10 × partner pairs drawn in proportion to US imports in 2024, entry dates 2018-01-01..2026-12-31, ACE
// column names), written as Parquet and CSV into a temporary folder (deleted at the end, never committed).
// Side by side, each in its own process (so peak RSS is that run's): the plain SQL range join of the file
// against the full US interval panel (every partner with trade data, as `panel --intervals --exporter ALL`), and
// the whole entries job (read, check, join, layers, refunds, write Parquet, summary) from Parquet and from CSV.
// DuckDB runs with 2 threads in both. The panel cache is warmed first (its cold build is timed separately).
// Each of the four runs is made `--repeat` times (default 3), in turn, and the table gives medians.
// Usage: npm run bench:entries [-- --sizes 1000000,10000000] [-- --repeat 3] [-- --keep DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { openContext } from '../src/service/context.js';
import { entriesQuery, originCodes } from '../src/service/entries.js';
import { entriesPanel } from '../src/entries/panel-cache.js';
import { DEFAULT_WINDOW } from '../src/engine/panel.js';
import { sqlString } from '../src/datasets/duckdb.js';
import { projectPath } from '../src/util/paths.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU seconds of this process (all threads) since `from`: on a shared machine less noisy than wall time. */
const cpuSecs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

async function duck() {
  const db = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
  return db.connect();
}

// ---- child runs: one measurement each, printed as one JSON line -------------------------------------------
if (process.argv[2] === '--child') {
  const [what, file, extra] = process.argv.slice(3) as [string, string, string];
  if (what === 'plain-write') {
    // the same join keeping its result: every joined row (the entry's cells and the interval's rates) written to
    // Parquet, as a job that produces output must; the aggregate-only join below never materialises its rows
    const conn = await duck();
    const c0 = process.cpuUsage();
    const t = performance.now();
    const out = `${file}.plain-out.parquet`;
    await conn.run(`COPY (SELECT e.*, p.valid_from, p.valid_until, p.base_pct, p.additional_pct, p.total_pct,
        p.owed_total_pct, round(e."Line Entered Value" * p.total_pct / 100, 2) AS duty_usd
      FROM read_parquet(${sqlString(file)}) e JOIN read_parquet(${sqlString(extra)}) p
        ON p.exporter = e."Country of Origin" AND p.product = e."HTS Number"
       AND e."Entry Date" >= p.valid_from AND e."Entry Date" < p.valid_until) TO ${sqlString(out)} (FORMAT parquet)`);
    const secs = (performance.now() - t) / 1000;
    const joined = Number(
      (await conn.runAndReadAll(`SELECT count(*)::BIGINT FROM read_parquet(${sqlString(out)})`)).getRows()[0]![0],
    );
    rmSync(out, { force: true });
    console.log(JSON.stringify({ secs, cpu: cpuSecs(c0), rss: mb(), joined }));
  } else if (what === 'plain') {
    const conn = await duck();
    const c0 = process.cpuUsage();
    const t = performance.now();
    const r =
      await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n, sum(e."Line Entered Value" * p.total_pct / 100) AS duty
      FROM read_parquet(${sqlString(file)}) e JOIN read_parquet(${sqlString(extra)}) p
        ON p.exporter = e."Country of Origin" AND p.product = e."HTS Number"
       AND e."Entry Date" >= p.valid_from AND e."Entry Date" < p.valid_until`);
    const secs = (performance.now() - t) / 1000;
    console.log(JSON.stringify({ secs, cpu: cpuSecs(c0), rss: mb(), joined: Number(r.getRows()[0]![0]) }));
  } else {
    const ctx = await openContext();
    const c0 = process.cpuUsage();
    const t = performance.now();
    const s = await entriesQuery(ctx, { file, out: extra, format: 'parquet' });
    const secs = (performance.now() - t) / 1000;
    console.log(
      JSON.stringify({
        secs,
        cpu: cpuSecs(c0),
        rss: mb(),
        accepted: s.accepted,
        rejected: s.rejected,
        cached: s.panel.cached,
      }),
    );
  }
  process.exit(0);
}

function child(what: string, file: string, extra: string): Record<string, number> {
  const r = spawnSync(
    process.execPath,
    [
      projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'),
      projectPath('scripts', 'bench-entries.ts'),
      '--child',
      what,
      file,
      extra,
    ],
    { encoding: 'utf8', cwd: projectPath() },
  );
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

// ---- the parent: panel, files, measurements ----------------------------------------------------------------
const sizes = (arg('--sizes') ?? '1000000,10000000').split(',').map(Number);
const repeat = Number(arg('--repeat') ?? 3);
if (!Number.isInteger(repeat) || repeat < 1)
  throw new Error(`--repeat ${arg('--repeat')}: give a whole number of rounds, 1 or more`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Medians of wall and CPU time, the largest peak RSS, the rest from the first run. */
const summarise = (xs: Array<Record<string, number>>): Record<string, number> => ({
  ...xs[0]!,
  secs: median(xs.map((x) => x.secs!)),
  cpu: median(xs.map((x) => x.cpu!)),
  rss: Math.max(...xs.map((x) => x.rss!)),
});
const keep = arg('--keep');
const dir = keep ?? mkdtempSync(join(tmpdir(), 'tradewar-bench-entries-'));
mkdirSync(dir, { recursive: true });
const ctx = await openContext();
const conn = await duck();

let t = performance.now();
const panel = await entriesPanel(conn, 'US', () => ctx.rules('US'), originCodes(ctx), {
  ledger: ctx.ledger,
  dataDir: ctx.data.dir,
  window: DEFAULT_WINDOW,
});
console.log(
  `entries panel (US, ${panel.intervalRows.toLocaleString('en-US')} interval rows over exporter classes): ${panel.cached ? 'read from cache' : 'built'} in ${((performance.now() - t) / 1000).toFixed(1)} s (${panel.dir})`,
);

// the full panel, one row set per partner with trade data, as `panel --intervals --exporter ALL` has it
const fullPanel = join(dir, 'panel-us-full.parquet');
const partners = (ctx.data.partners.get('US') ?? []).filter((p) => p !== 'US');
await conn.run(`COPY (
    SELECT 'US' AS importer, o.code AS exporter, p.product, p.valid_from, p.valid_until, p.base_pct,
           p.statutory_pct - p.base_pct AS additional_pct, p.statutory_pct AS total_pct, p.owed_pct AS owed_total_pct
    FROM read_parquet(${sqlString(panel.intervals)}) p
    JOIN read_parquet(${sqlString(panel.origins)}) o ON o.exporter = p.exporter
    WHERE o.code IN (${partners.map(sqlString).join(', ')})
    ORDER BY exporter, product, valid_from
  ) TO ${sqlString(fullPanel)} (FORMAT parquet, COMPRESSION zstd)`);
const fullRows = Number(
  (await conn.runAndReadAll(`SELECT count(*)::BIGINT FROM read_parquet(${sqlString(fullPanel)})`)).getRows()[0]![0],
);
console.log(`full US interval panel: ${partners.length} partners → ${fullRows.toLocaleString('en-US')} interval rows`);

// HTS10 × partner pairs in proportion to US imports in 2024 (current lines only); positions on [0, 1)
await conn.run(`CREATE TABLE pairs AS
  WITH w AS (
    SELECT exporter, code, sum(value_usd) AS w FROM read_parquet(${sqlString(join(ctx.data.dir, 'trade_weights.parquet'))})
    WHERE weight_set = 'us_imports_2024' AND exporter <> 'US' AND value_usd > 0
      AND code IN (SELECT code FROM read_parquet(${sqlString(join(ctx.data.dir, 'us_products.parquet'))})
                   WHERE level = 10 AND vintage <> 'legacy')
    GROUP BY ALL)
  SELECT exporter, code, (sum(w) OVER (ORDER BY exporter, code) - w) / sum(w) OVER () AS lo FROM w`);

const rows: string[] = [];
for (const n of sizes) {
  const label = n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`;
  const pq = join(dir, `entries-${label}.parquet`);
  const csv = join(dir, `entries-${label}.csv`);
  t = performance.now();
  const u = (salt: number) => `(hash(i * 7 + ${salt}) % 1000000007) / 1000000007.0`;
  await conn.run(`COPY (
      SELECT 'E' || lpad(CAST(i // 5 AS VARCHAR), 10, '0') AS "Entry Summary Number",
             CAST(i % 5 + 1 AS INTEGER) AS "Entry Summary Line Number",
             DATE '2018-01-01' + CAST(floor(${u(1)} * 3287) AS INTEGER) AS "Entry Date",
             p.code AS "HTS Number", p.exporter AS "Country of Origin",
             round(exp(4 + ${u(2)} * 8), 2) AS "Line Entered Value",
             CASE WHEN ${u(3)} < 0.5 THEN round(exp(4 + ${u(2)} * 8) * ${u(4)} * 0.3, 2) END AS "Line Duty Amount"
      FROM (SELECT i, ${u(0)} AS pos FROM range(${n}) r(i)) g
      ASOF JOIN pairs p ON g.pos >= p.lo
      ORDER BY i
    ) TO ${sqlString(pq)} (FORMAT parquet, COMPRESSION zstd)`);
  await conn.run(`COPY (SELECT * FROM read_parquet(${sqlString(pq)})) TO ${sqlString(csv)} (FORMAT csv, HEADER true)`);
  const size = (f: string) => `${(statSync(f).size / 1e6).toFixed(0)} MB`;
  console.log(
    `generated ${label} lines: ${size(pq)} Parquet, ${size(csv)} CSV in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  // the four runs in turn, `repeat` rounds: on a shared machine whose speed drifts, each ratio compares runs
  // made side by side; the table gives medians (wall and CPU) and the largest peak RSS
  const runs: Record<string, Array<Record<string, number>>> = { plain: [], plainWrite: [], fromPq: [], fromCsv: [] };
  for (let round = 0; round < repeat; round++) {
    runs.plain!.push(child('plain', pq, fullPanel));
    runs.plainWrite!.push(child('plain-write', pq, fullPanel));
    runs.fromPq!.push(child('job', pq, join(dir, `out-${label}-pq.parquet`)));
    runs.fromCsv!.push(child('job', csv, join(dir, `out-${label}-csv.parquet`)));
    rmSync(join(dir, `out-${label}-pq.parquet`), { force: true });
    rmSync(join(dir, `out-${label}-csv.parquet`), { force: true });
  }
  const [plain, plainWrite, fromPq, fromCsv] = [runs.plain!, runs.plainWrite!, runs.fromPq!, runs.fromCsv!].map(
    summarise,
  ) as [Record<string, number>, Record<string, number>, Record<string, number>, Record<string, number>];
  const spread = (xs: Array<Record<string, number>>) => xs.map((x) => x.secs!.toFixed(2)).join(', ');
  console.log(
    `${label} wall times by round: plain ${spread(runs.plain!)}; writing ${spread(runs.plainWrite!)}; job from Parquet ${spread(runs.fromPq!)}; job from CSV ${spread(runs.fromCsv!)}`,
  );
  const ratio = (x: Record<string, number>, base = plain) => (x.secs! / base.secs!).toFixed(2);
  const cell = (x: Record<string, number>) => `${x.secs!.toFixed(2)} s (CPU ${x.cpu!.toFixed(1)} s), ${x.rss} MB`;
  rows.push(
    `| ${label} | ${cell(plain)} | ${cell(plainWrite)} | ${cell(fromPq)} | ${ratio(fromPq)}× / ${ratio(fromPq, plainWrite)}× | ${cell(fromCsv)} | ${ratio(fromCsv)}× / ${ratio(fromCsv, plainWrite)}× | ${fromPq.accepted!.toLocaleString('en-US')} priced, ${fromPq.rejected!.toLocaleString('en-US')} rejected |`,
  );
  console.log(rows[rows.length - 1]);
}
console.log(
  '\n| lines | plain range join, aggregate only (Parquet) | plain range join writing its rows (Parquet) | entries job from Parquet | ratio to each join (target ≤ 2×) | entries job from CSV | ratio to each join (target ≤ 4×) | lines |',
);
console.log('|---|---|---|---|---:|---|---:|---|');
for (const r of rows) console.log(r);
console.log(
  `(median of ${repeat} interleaved runs: wall time inside the process after the ledger and data are loaded, CPU time of all its threads over the same span; largest peak RSS of those processes; DuckDB 2 threads; ratios are of median wall times)`,
);
if (!keep) rmSync(dir, { recursive: true, force: true });
