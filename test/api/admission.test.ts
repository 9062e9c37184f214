// Heavy work off the event loop and under admission control: the worker pool answers exactly what the event
// loop would (errors included), a saturated server answers 503 with Retry-After, a job past its time limit is
// stopped and its worker replaced; response headers (CSP, referrer policy, caching of hashed assets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { Admission, SaturatedError } from '../../src/api/admission.js';
import { workerEntry } from '../../src/api/worker-pool.js';
import { isHashedAsset } from '../../src/api/headers.js';

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
}, 180_000);

describe('admission', () => {
  it('admits up to maxActive, queues up to maxQueued, refuses the rest with a Retry-After', async () => {
    const a = new Admission({ maxActive: 1, maxQueued: 1, queueTimeoutMs: 10_000 });
    let release!: () => void;
    const first = a.run(() => new Promise<string>((r) => (release = () => r('first'))));
    const second = a.run(async () => 'second');
    const third = a.run(async () => 'third');
    await expect(third).rejects.toBeInstanceOf(SaturatedError);
    await expect(third).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
    release();
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
    expect(a.stats).toMatchObject({ admitted: 2, queued: 1, refused: 1 });
    expect(a.running).toBe(0);
  });

  it('a waiter that waits too long gets 503 instead of hanging', async () => {
    const a = new Admission({ maxActive: 1, maxQueued: 4, queueTimeoutMs: 50 });
    let release!: () => void;
    const first = a.run(() => new Promise<void>((r) => (release = r)));
    await expect(a.run(async () => 1)).rejects.toThrow(/no capacity .* within/);
    release();
    await first;
  });

  it('the worker entry keeps this module’s extension (.ts under tsx and vitest, .js compiled)', () => {
    expect(workerEntry().pathname).toMatch(/\/src\/api\/heavy-worker\.ts$/);
    expect(workerEntry('file:///app/dist/src/api/worker-pool.js').pathname).toBe('/app/dist/src/api/heavy-worker.js');
  });
});

describe('server with a worker pool', () => {
  let pooled: FastifyInstance;
  let inline: FastifyInstance;
  beforeAll(async () => {
    [pooled, inline] = await Promise.all([
      buildServer(ctx, { dashboardDir: false, workers: 1 }),
      buildServer(ctx, { dashboardDir: false }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await pooled?.close();
    await inline?.close();
  });

  it.each([
    '/api/average?importer=US&exporter=CN&at=2019-06-01,2025-05-14&by=authority',
    '/api/average?importer=CN&exporter=US&at=2025-05-14&format=csv',
    '/api/scenarios/compare?b=no-deal-2025-11&at=2026-01-01',
    '/api/rate?product=8517130000&origin=CN&dest=US&date=2026-01-01&scenario=no-deal-2025-11',
    '/api/average?importer=US&exporter=CN&at=2019-06-01&weights=1999',
    '/api/rate?product=9999999999&origin=CN&dest=US&date=2025-01-01&scenario=no-deal-2025-11',
  ])('answers %s exactly as the event loop does', async (url) => {
    const [a, b] = await Promise.all([pooled.inject(url), inline.inject(url)]);
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.headers['content-type']).toBe(b.headers['content-type']);
    expect(a.body).toBe(b.body);
  });

  it('ran those in the worker', () => {
    expect(pooled.heavyWork.pool?.stats.jobs).toBeGreaterThanOrEqual(5);
  });
});

describe('saturation and time limits', () => {
  it('answers 503 with Retry-After when more heavy requests arrive than it admits', async () => {
    const app = await buildServer(ctx, { dashboardDir: false, admission: { maxActive: 1, maxQueued: 0 } });
    const urls = ['2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01'].map(
      (d) => `/api/average?importer=US&exporter=CN&at=${d}&by=section`,
    );
    const res = await Promise.all(urls.map((u) => app.inject(u)));
    const busy = res.filter((r) => r.statusCode === 503);
    expect(res.some((r) => r.statusCode === 200)).toBe(true);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(r.body).error).toMatch(/busy/);
    }
    // light routes are never held back
    expect((await app.inject('/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05')).statusCode).toBe(200);
    await app.close();
  });

  it('answers 503 for a job past its time limit, and the worker serves the next job', async () => {
    const app = await buildServer(ctx, {
      dashboardDir: false,
      workers: 1,
      pool: { jobTimeoutMs: 1, hardKillMs: 120_000 },
    });
    const res = await app.inject('/api/series?importer=US&exporter=CN&weights=2024');
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body).error).toMatch(/was stopped/);
    expect(res.headers['retry-after']).toBeDefined();
    const pool = app.heavyWork.pool!;
    expect(pool.stats.timeouts).toBe(1);
    // the late answer is dropped; the same worker takes the next job once it is done (no kill needed)
    const next = await app.inject('/api/average?importer=CN&exporter=US&at=2020-01-01');
    expect(next.statusCode).toBe(503); // the same 1 ms limit
    expect(pool.stats).toMatchObject({ jobs: 2, timeouts: 2 });
    expect(pool.stats).toMatchObject({ kills: 0, restarts: 0 });
    await app.close();
  }, 180_000);
});

describe('response headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'tradewar-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>t</title><script type="module" src="/assets/index-Ab12Cd34.js"></script>',
    );
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
    app = await buildServer(ctx, { dashboardDir: dist });
  });
  afterAll(() => app?.close());

  it('the page: CSP with frame-ancestors, no-referrer, revalidated', async () => {
    const r = await app.inject('/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it("the page revalidated (304) keeps the dashboard's CSP: the browser merges a 304's headers into its copy", async () => {
    const first = await app.inject('/');
    const etag = first.headers.etag as string | undefined;
    const lastModified = first.headers['last-modified'] as string | undefined;
    expect(etag ?? lastModified).toBeDefined();
    const r = await app.inject({
      url: '/',
      headers: etag ? { 'if-none-match': etag } : { 'if-modified-since': lastModified! },
    });
    expect(r.statusCode).toBe(304);
    expect(r.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('hashed assets: immutable for a year', async () => {
    const r = await app.inject('/assets/index-Ab12Cd34.js');
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(isHashedAsset('/assets/index-Ab12Cd34.js')).toBe(true);
    expect(isHashedAsset('/favicon.ico')).toBe(false);
  });

  it('API answers: no CORS header by default, nosniff, a CSP that loads nothing; /api/meta computed once per day', async () => {
    const r = await app.inject('/api/meta');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const again = await app.inject('/api/meta');
    expect(again.body).toBe(r.body);
  });
});
