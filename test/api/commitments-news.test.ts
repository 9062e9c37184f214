// /api/commitments and /api/news over the real ledger and shipped data (server.inject, no listening).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildServer(await openContext(), { dashboardDir: false });
}, 120_000);
afterAll(() => app?.close());

describe('/api/commitments', () => {
  it('answers Phase One and Busan with targets, actuals and the data used', async () => {
    const res = await app.inject('/api/commitments');
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as Array<{
      name: string;
      data_until: string;
      categories: Array<{ category: string; share_met_pct: number | null }>;
    }>;
    expect(body.map((r) => r.name)).toEqual(['phase-one', 'busan-soybeans']);
    const goods = body[0]!.categories.find((c) => c.category === 'goods')!;
    expect(goods.share_met_pct).toBeGreaterThan(55);
    expect(goods.share_met_pct).toBeLessThan(65);
  });
  it('exports CSV rows with months', async () => {
    const res = await app.inject('/api/commitments?name=phase-one&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.split('\n')[0]).toBe(
      'name,category,period,target_usd_bn,actual_usd_bn,target_mt,actual_mt,share_met_pct,note',
    );
    expect(res.body).toMatch(/\nphase-one,agriculture,2020-06,/);
  });
  it('refuses an unknown name with 400 naming the field', async () => {
    const res = await app.inject('/api/commitments?name=phase-two');
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ field: 'name' });
  });
});

describe('/api/news', () => {
  const post = (payload: string, query: string) =>
    app.inject({ method: 'POST', url: `/api/news?${query}`, headers: { 'content-type': 'text/plain' }, payload });
  it('reads a posted article into linked statements', async () => {
    const res = await post(
      'US and Chinese negotiators held talks in Kuala Lumpur on October 25 and 26.\n\nTrump warned that the US will impose an extra 100% tariff on Chinese goods from November 1.',
      'published=2025-10-27',
    );
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(body.published).toBe('2025-10-27');
    expect(body.statements.map((s: { ledger_id?: string }) => s.ledger_id)).toEqual([
      'ev-2025-10-26-kuala-lumpur',
      'us-ieepa-threat-100pct-2025',
    ]);
  });
  it('says what is missing: no date → 400 naming published', async () => {
    const res = await post(
      'Trump warned that the US will impose an extra 100% tariff on Chinese goods from November 1.',
      'kind=txt',
    );
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ field: 'published' });
  });
});
