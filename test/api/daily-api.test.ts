// /api/products through the full-text index (bounded, cached) and /api/rate for codes as people type them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';

let app: FastifyInstance;
const get = async (url: string) => {
  const res = await app.inject(url);
  return { status: res.statusCode, body: JSON.parse(res.body) };
};

beforeAll(async () => {
  app = await buildServer(await openContext(), { dashboardDir: false });
}, 120_000);
afterAll(() => app?.close());

describe('product search and codes on the API', () => {
  it('refuses a query of 50 one-letter words with a 400 naming q, without scanning anything', async () => {
    const q = Array.from({ length: 50 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('+');
    const { status, body } = await get(`/api/products?q=${q}`);
    expect(status).toBe(400);
    expect(body.field).toBe('q');
    expect(body.error).toMatch(/has 50 words: use at most 10/);
  });

  it('searches one schedule when asked, across spellings', async () => {
    const { status, body } = await get('/api/products?q=soybeans&importer=CN&limit=5');
    expect(status).toBe(200);
    expect(body.length).toBe(5);
    expect(body.every((h: { importer: string }) => h.importer === 'CN')).toBe(true);
    expect(body[0].description).toMatch(/Soya beans/);
    const us = (await get('/api/products?q=soya+beans&importer=US&limit=3')).body;
    expect(us[0].description).toMatch(/^Soybeans/);
  });

  it('answers a heading with its lines and a 2022-edition code asked of China through the concordance', async () => {
    const heading = (await get('/api/rate?product=9403.60.80&origin=CN&dest=US&date=2025-11-05')).body;
    expect(heading.query.kind).toBe('heading');
    expect(heading.lines.length).toBeGreaterThan(1);
    expect(heading.total_pct).toBe(heading.total_range_pct.max);
    const translated = (await get('/api/rate?product=8517.13&origin=US&dest=CN&date=2025-11-05')).body;
    expect(translated.query.translation).toMatchObject({ from_hs6: '851713', to_hs6: ['851712'] });
  });
});
