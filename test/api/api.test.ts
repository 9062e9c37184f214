// The API over the real shipped data and ledger (server.inject, no listening).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { ALL_ROUTES as ROUTES } from '../../src/api/route-table.js';

let app: FastifyInstance;
const get = async (url: string) => {
  const res = await app.inject(url);
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers };
};

beforeAll(async () => {
  app = await buildServer(await openContext(), { dashboardDir: false });
}, 120_000);
afterAll(() => app?.close());

describe('API on the shipped data', () => {
  it('gives the duty stack of smartphones from China on 2025-11-05, layer by layer', async () => {
    const { status, body } = await get('/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05');
    expect(status).toBe(200);
    expect(body).toMatchObject({ product: '8517130000', origin: 'CN', dest: 'US', date: '2025-11-05' });
    expect(body.layers.length).toBeGreaterThan(0);
    for (const l of body.layers) {
      expect(l.source).toMatch(/^https?:\/\//);
      expect(l.citation).toEqual(expect.any(String));
    }
    const sum = body.layers.reduce((s: number, l: { contribution_pct: number }) => s + l.contribution_pct, 0);
    expect(body.total_pct).toBeCloseTo(body.base_pct + sum, 4);
  });

  it('rejects a bad date with a 400 naming the field', async () => {
    const { status, body } = await get('/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-31');
    expect(status).toBe(400);
    expect(body.field).toBe('date');
    expect(body.error).toMatch(/YYYY-MM-DD/);
  });

  it('rejects an unknown product with the nearest valid codes', async () => {
    const { status, body } = await get('/api/rate?product=8517139999&origin=CN&dest=US&date=2025-11-05');
    expect(status).toBe(400);
    expect(body.field).toBe('product');
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions[0].code).toMatch(/^8517/);
  });

  it('lists every route in /openapi.json', async () => {
    const { status, body } = await get('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const paths = Object.keys(body.paths);
    for (const r of ROUTES) expect(paths).toContain(r.url);
    for (const p of [
      '/api/rate',
      '/api/average',
      '/api/series',
      '/api/panel',
      '/api/events',
      '/api/products',
      '/api/scenarios',
      '/api/scenarios/compare',
      '/api/changes',
      '/api/meta',
      '/healthz',
      '/openapi.json',
    ])
      expect(paths).toContain(p);
  });

  it('agrees between the series and the average on a date', async () => {
    const series = (await get('/api/series?importer=US&exporter=CN')).body as Array<{
      date: string;
      average_pct: number;
    }>;
    expect(series.length).toBeGreaterThan(3);
    const date = '2025-11-05';
    const inForce = series.filter((p) => p.date <= date).pop()!;
    const avg = (await get(`/api/average?importer=US&exporter=CN&at=${date}`)).body[0];
    expect(avg.average_pct).toBeCloseTo(inForce.average_pct, 3);
  });

  it('finds products by words in both schedules', async () => {
    const { body } = await get('/api/products?q=soya%20beans');
    expect(body.length).toBeGreaterThan(0);
    expect(body.some((h: { importer: string; code: string }) => h.importer === 'CN' && h.code.startsWith('1201'))).toBe(
      true,
    );
  });

  it('states how current the ledger is', async () => {
    const { body } = await get('/api/meta');
    expect(body.ledger_as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.ledger_as_of <= body.today).toBe(true);
    expect(body.weights.map((w: { name: string }) => w.name)).toEqual(['2017', '2024', 'world']);
  });

  it('averages with the PIIE-method world weights', async () => {
    const { body } = await get('/api/average?importer=US&exporter=CN&at=2020-02-14&weights=world');
    expect(body[0].average_pct).toBeGreaterThan(15);
    expect(body[0].coverage_pct).toBeGreaterThan(50);
  });
  it("prices China's market-based exclusions in the expected rate and the expected average (ADR 81)", async () => {
    const soy = (await get('/api/rate?product=1201901000&origin=US&dest=CN&date=2025-12-01')).body;
    expect(soy.total_pct).toBe(40.5);
    expect(soy.expected_pct).toBe(13);
    const s = (await get('/api/average?importer=CN&exporter=US&at=2025-12-01')).body[0];
    const e = (await get('/api/average?importer=CN&exporter=US&at=2025-12-01&rate=expected')).body[0];
    expect(e.average_pct).toBeLessThan(s.average_pct - 0.5);
    expect(e.coverage_pct).toBe(s.coverage_pct);
  });
});
