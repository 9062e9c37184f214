// `npm run bench:api`: the API under load on loopback — the real server (`tradewar serve`) in its own process. autocannon, 100 connections, 20,000 requests each against
// /api/rate and /api/average with fixed realistic queries (rotating over a set of products and dates); reports
// p50/p99 latency, throughput and the server's RSS before and after, as a markdown table for the README.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectPath } from '../src/util/paths.js';
import { floodScenario, heavyClientScenario } from './bench-api-heavy.js';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 20_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2_000);

const PRODUCTS = [
  '8517130000',
  '8471300100',
  '8708999900',
  '9503000090',
  '6110202079',
  '8541430010',
  '7308909590',
  '9401710031',
];
const DATES = [
  '2018-09-24',
  '2019-06-15',
  '2020-02-14',
  '2023-06-01',
  '2025-02-04',
  '2025-04-10',
  '2025-05-14',
  '2025-11-05',
  '2026-03-01',
];

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

/** Resident memory of a process in bytes (Linux /proc; ps elsewhere). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* not Linux */
  }
  return NaN;
}

async function startServer(args: string[]): Promise<{ base: string; pid: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      projectPath('bin', 'tradewar.js'), // the compiled server, as `npm start` runs it (npm run build first)
      'serve',
      '--no-build',
      '--no-warm-up',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      ...args,
    ],
    {
      cwd: projectPath(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '', HOST: '' },
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const on = (b: Buffer) => {
      out += b.toString();
      const m = /dashboard: (http:\/\/[^\s/]+:\d+)\//.exec(out);
      if (m) resolve({ base: m[1]!, pid: child.pid!, stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

async function main() {
  // optional --data DIR --ledger DIR (default: the project's shipped data and ledger)
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const server = await startServer(args);
  const { base } = server;
  const search = async (q: string) =>
    ((await (await fetch(`${base}/api/products?q=${q}&importer=US`)).json()) as Array<{ code: string; level: number }>)
      .filter((h) => h.level === 10)
      .map((h) => h.code);
  const known = new Set((await Promise.all(PRODUCTS.map((p) => search(p)))).flat());
  let codes = PRODUCTS.filter((p) => known.has(p));
  if (codes.length < 4) codes = [...codes, ...(await search('85'))].slice(0, 8);
  const rateUrls = codes.flatMap((c) => DATES.map((d) => `/api/rate?product=${c}&origin=CN&dest=US&date=${d}`));
  const avgUrls = [
    ...DATES.map((d) => `/api/average?importer=US&exporter=CN&at=${d}`),
    ...DATES.map((d) => `/api/average?importer=CN&exporter=US&at=${d}&weights=2024`),
  ];
  const rows: string[] = [];
  const rssStart = rssOf(server.pid);
  for (const [label, urls] of [
    ['/api/rate', rateUrls],
    ['/api/average', avgUrls],
  ] as const) {
    // one request per distinct URL first, so the run measures the steady state (each answer is computed once)
    const t0 = Date.now();
    for (const u of urls) await fetch(base + u).then((r) => r.arrayBuffer());
    const warm = Date.now() - t0;
    // a short warm-up at full concurrency (JIT, sockets), not counted
    let w = 0;
    await autocannon({
      url: base,
      connections: CONNECTIONS,
      amount: WARMUP,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: urls[w++ % urls.length]! }) }],
    });
    const rssBefore = rssOf(server.pid);
    let i = 0;
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      amount: AMOUNT,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: urls[i++ % urls.length]! }) }],
    });
    const rssAfter = rssOf(server.pid);
    const non2xx = result.non2xx + result.errors;
    rows.push(
      `| \`${label}\` (${urls.length} distinct queries) | ${result.requests.total.toLocaleString('en-US')} | ${CONNECTIONS} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${Math.round(result.requests.average).toLocaleString('en-US')} | ${non2xx} | ${mb(rssBefore)} → ${mb(rssAfter)} | ${(warm / urls.length).toFixed(0)} ms |`,
    );
    process.stderr.write(`${label}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${non2xx} errors\n`);
  }
  // issue 8: /api/rate at 50 connections while another client loops the heaviest routes (target p99 < 50 ms)
  const heavy = await heavyClientScenario(base, rateUrls, () => rssOf(server.pid));
  rows.push(heavy.row);
  const flood = await floodScenario(base, () => rssOf(server.pid));
  server.stop();
  const heading = [
    `API benchmark — \`npm run bench:api\` (autocannon on loopback, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch})`,
    '',
    '| route | requests | connections | p50 | p99 | req/s | errors | server RSS before → after | first answer (uncached, mean) |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  process.stdout.write(
    `${[...heading, ...rows].join('\n')}\n\nServer RSS at start of the runs: ${mb(rssStart)}. Each route: every distinct query once (uncached), ${WARMUP.toLocaleString('en-US')} warm-up requests (not counted), then the measured run. Answers are cached per query (the server's ledger and data never change while it runs).\n\n${flood}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`bench-api: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
