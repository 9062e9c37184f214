// Issue 17, "the server stays up and answers": each test is named after the failure it prevents and runs a real
// server (worker processes, a listening socket) on the shipped data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { projectPath } from '../../src/util/paths.js';

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
}, 180_000);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Base URL of a listening server. */
async function listening(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

/** Polls /healthz while `work` runs; returns the slowest answer in ms. */
async function slowestHealthz(base: string, work: Promise<unknown>): Promise<{ worst: number; polls: number }> {
  let done = false;
  void work.finally(() => (done = true));
  let worst = 0;
  let polls = 0;
  while (!done) {
    const t = performance.now();
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    await r.text();
    worst = Math.max(worst, performance.now() - t);
    polls++;
    await new Promise((r) => setTimeout(r, 50));
  }
  await work;
  return { worst, polls };
}

describe('1. a long heavy job cannot kill the server', () => {
  it('a job past its limit is answered 503 and its worker process killed and replaced; the server lives on', async () => {
    const app = await buildServer(ctx, {
      dashboardDir: false,
      workers: 1,
      pool: { jobTimeoutMs: 5_000, hardKillMs: 300 }, // the next job, on a fresh worker, must fit in the limit too
    });
    const pool = app.heavyWork.pool!;
    const [firstPid] = pool.pids;
    // the request of the report: a four-year window with 2000 draws (minutes of work)
    const res = await app.inject(
      '/api/impact?scenario=no-deal-2025-11&over=busan-truce&from=2022-01-02&to=2026-12-31&draws=2000',
    );
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(JSON.parse(res.body).error).toMatch(/more than 5 s .*command line/);
    // the stuck worker is killed (not the server) and a fresh one answers the next job
    await expect.poll(() => pool.stats.kills, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => pool.pids.length === 1 && pool.pids[0] !== firstPid, { timeout: 20_000 }).toBe(true);
    expect(isAlive(firstPid!)).toBe(false);
    const next = await app.inject('/api/average?importer=CN&exporter=US&at=2020-01-01');
    expect(next.statusCode).toBe(200);
    expect(pool.stats.restarts).toBe(1);
    await app.close();
    expect(pool.pids).toEqual([]);
  }, 120_000);
});

describe('2. queued heavy requests always get an answer', () => {
  it('a request waiting behind an overdue job gets 503 with Retry-After when no worker frees up in time', async () => {
    const app = await buildServer(ctx, {
      dashboardDir: false,
      workers: 1,
      pool: { jobTimeoutMs: 1_000, hardKillMs: 60_000, queueTimeoutMs: 1_500 },
    });
    const stuck = app.inject(
      '/api/impact?scenario=no-deal-2025-11&over=busan-truce&from=2022-01-02&to=2026-12-31&draws=2000',
    );
    await new Promise((r) => setTimeout(r, 1_200)); // the first job is now past its limit, its worker still busy
    const t = performance.now();
    const queued = await app.inject('/api/average?importer=US&exporter=CN&at=2024-01-01');
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(queued.statusCode).toBe(503);
    expect(Number(queued.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(queued.body).error).toMatch(/no worker was free .* within 2 s/);
    expect((await stuck).statusCode).toBe(503);
    await app.close();
  }, 120_000);

  it('a request queued behind a job that is killed is answered by the replacement worker', async () => {
    const app = await buildServer(ctx, {
      dashboardDir: false,
      workers: 1,
      pool: { jobTimeoutMs: 4_000, hardKillMs: 200 }, // the queued job, on a fresh worker, must fit in the limit too
    });
    const stuck = app.inject(
      '/api/impact?scenario=no-deal-2025-11&over=busan-truce&from=2022-01-02&to=2026-12-31&draws=2000',
    );
    await new Promise((r) => setTimeout(r, 100));
    const queued = await app.inject('/api/average?importer=CN&exporter=US&at=2020-01-01');
    expect((await stuck).statusCode).toBe(503);
    expect(queued.statusCode).toBe(200);
    await app.close();
  }, 120_000);
});

describe('3. entries and commitments work never blocks the event loop', () => {
  const cache = mkdtempSync(join(tmpdir(), 'tradewar-healthz-'));
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    process.env.TRADEWAR_CACHE_DIR = cache; // an empty panel cache: the first entries job builds the panel
    app = await buildServer(ctx, { dashboardDir: false, workers: 1, admission: { maxQueued: 3 } });
    base = await listening(app);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    delete process.env.TRADEWAR_CACHE_DIR;
    rmSync(cache, { recursive: true, force: true });
  });

  it('/healthz answers within 1 s while a cold entries panel is built', async () => {
    const post = fetch(`${base}/api/entries`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'Entry Date,HTS Number,Country of Origin,Line Entered Value\n2025-11-05,8517130000,CN,1000\n',
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { lines_total: number } }));
    const { worst, polls } = await slowestHealthz(base, post);
    const answer = await post;
    expect(answer.status).toBe(200);
    expect(answer.body.lines_total).toBe(1);
    expect(polls).toBeGreaterThan(3);
    expect(worst).toBeLessThan(1_000);
  }, 180_000);

  it('/healthz answers within 1 s during 16 concurrent 10 MB uploads (the rest wait or get 503)', async () => {
    // the uploads come from another process, so this one only measures the server
    const client = `
      const line = '2025-11-05,8517130000,CN,1000.00\\n';
      const csv = 'Entry Date,HTS Number,Country of Origin,Line Entered Value\\n' + line.repeat(Math.floor(10e6 / line.length));
      const post = () => fetch(process.argv[1] + '/api/entries?limit=0', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })
        .then(async (r) => { await r.arrayBuffer(); return r.status; });
      Promise.all(Array.from({ length: 16 }, post)).then((s) => console.log(JSON.stringify(s)));`;
    const child = spawn(process.execPath, ['-e', client, base], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const uploads = new Promise<number[]>((resolve, reject) =>
      child.once('exit', (code) =>
        code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`client exit ${code}`)),
      ),
    );
    const { worst } = await slowestHealthz(base, uploads);
    const statuses = await uploads;
    expect(statuses).toHaveLength(16);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(worst).toBeLessThan(1_000);
  }, 300_000);

  it('/healthz answers within 1 s during the first /api/commitments', async () => {
    const first = fetch(`${base}/api/commitments`).then((r) => r.status);
    const { worst } = await slowestHealthz(base, first);
    expect(await first).toBe(200);
    expect(worst).toBeLessThan(1_000);
  }, 120_000);
});

describe('6. a port in use', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => taken.close(() => r())));

  it('`serve` on a port in use exits 1 within 2 s, saying so, instead of hanging', async () => {
    const t = performance.now();
    const child = spawn(
      process.execPath,
      [projectPath('bin', 'tradewar.js'), 'serve', '--port', String(port), '--no-build', '--no-warm-up'],
      { cwd: projectPath(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 10_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(1);
    expect(performance.now() - t).toBeLessThan(2_000);
    expect(err).toContain(`port ${port} is in use: set PORT or pass --port`);
    expect(err).not.toMatch(/internal error|EADDRINUSE/);
  }, 30_000);
});

describe('7. oversized bodies and idle connections', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = await buildServer(ctx, { dashboardDir: false });
    base = await listening(app);
  }, 60_000);
  afterAll(() => app?.close());

  /** POSTs `size` bytes in 64 KiB pieces, as a client streaming a file does (no Expect header). */
  function streamPost(path: string, size: number, headers: Record<string, string | number>) {
    const url = new URL(`${base}${path}`);
    const body = Buffer.alloc(size, 'a');
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (r) => {
        let text = '';
        r.on('data', (d: Buffer) => (text += d.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body: text }));
      });
      req.on('error', reject); // ECONNRESET / EPIPE before the fix
      let at = 0;
      const pump = () => {
        while (at < body.length) {
          const ok = req.write(body.subarray(at, at + 65_536));
          at += 65_536;
          if (!ok) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  }

  it('a body over the limit gets 413 with a JSON error, not a connection reset (no Expect header)', async () => {
    const size = 8 * 1024 * 1024; // /api/news takes 2 MB
    const res = await streamPost('/api/news', size, { 'content-type': 'text/plain', 'content-length': size });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error).toMatch(/larger than this route accepts \(2,000,000 bytes\)/);
    // an entry file streamed without a length (chunked) is cut at 10 MiB on the stream, and still answered 413
    const chunked = await streamPost('/api/entries', 11 * 1024 * 1024, { 'content-type': 'text/csv' });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error).toMatch(/larger than this route accepts/);
  }, 60_000);

  it('a connection that sends nothing is closed after the documented 30 s, not 45–60 s', async () => {
    const url = new URL(base);
    const t = performance.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const s = connect(Number(url.port), url.hostname);
      s.on('error', () => {});
      s.on('close', () => resolve(performance.now() - t));
    });
    expect(closedAfter).toBeGreaterThan(29_000);
    expect(closedAfter).toBeLessThan(32_500);
  }, 60_000);
});

describe('14. browser-facing defaults', () => {
  let plain: FastifyInstance;
  let allowing: FastifyInstance;
  beforeAll(async () => {
    [plain, allowing] = await Promise.all([
      buildServer(ctx, { dashboardDir: false }),
      buildServer(ctx, {
        dashboardDir: false,
        origins: { cors: ['https://a.example'], allowedHosts: ['tradewar.lan'] },
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await plain?.close();
    await allowing?.close();
  });
  const rate = '/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05';

  it('a foreign Host (DNS rebinding) gets 421; addresses, localhost and configured names are served', async () => {
    const evil = await plain.inject({ url: rate, headers: { host: 'evil.example.com' } });
    expect(evil.statusCode).toBe(421);
    expect(JSON.parse(evil.body).error).toMatch(/--allow-host/);
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', '10.1.2.3'])
      expect((await plain.inject({ url: rate, headers: { host } })).statusCode).toBe(200);
    expect((await plain.inject({ url: '/', headers: { host: 'evil.example.com' } })).statusCode).toBe(421);
    expect((await allowing.inject({ url: rate, headers: { host: 'tradewar.lan:8080' } })).statusCode).toBe(200);
  });

  it('no CORS header by default, and a cross-site page cannot drive the API', async () => {
    const same = await plain.inject({ url: rate, headers: { origin: 'http://localhost:80' } });
    expect(same.statusCode).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
    const cross = await plain.inject({ url: rate, headers: { origin: 'https://evil.example' } });
    expect(cross.statusCode).toBe(403);
    expect(JSON.parse(cross.body).error).toMatch(/--cors https:\/\/evil\.example/);
    // a no-cors request (an <img> or a form) carries no Origin but says it is cross-site
    const fired = await plain.inject({
      url: '/api/impact?scenario=no-deal-2025-11',
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    });
    expect(fired.statusCode).toBe(403);
    const post = await plain.inject({
      method: 'POST',
      url: '/api/news',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(post.statusCode).toBe(403);
  });

  it('OPTIONS: 204 with the CORS headers for an allowed origin, 403 for another, 204 without an origin', async () => {
    const ok = await allowing.inject({
      method: 'OPTIONS',
      url: '/api/rate',
      headers: { origin: 'https://a.example', 'access-control-request-method': 'GET' },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://a.example');
    expect(ok.headers['access-control-allow-methods']).toMatch(/GET/);
    const no = await allowing.inject({ method: 'OPTIONS', url: '/api/rate', headers: { origin: 'https://b.example' } });
    expect(no.statusCode).toBe(403);
    expect((await plain.inject({ method: 'OPTIONS', url: '/api/rate' })).statusCode).toBe(204);
    const get = await allowing.inject({ url: rate, headers: { origin: 'https://a.example' } });
    expect(get.statusCode).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe('https://a.example');
    expect(get.headers.vary).toMatch(/Origin/);
  });
});
