// /api/impact over a window: from/to instead of at, the window in the answer (declared in the OpenAPI schema, so
// the serializer keeps it), and 400 {error, field} for a bad window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildServer(await openContext(), { dashboardDir: false });
}, 180_000);

afterAll(async () => {
  await app?.close();
});

describe('/api/impact over a window', () => {
  it('answers with annualised rows and the window', async () => {
    const res = await app.inject(
      '/api/impact?scenario=no-deal-2025-11&over=busan-truce&from=2025-12-01&to=2025-12-10&top=1&demand=hauk',
    );
    expect(res.statusCode).toBe(200);
    const j = res.json();
    expect(j.window.days).toBe(10);
    expect(j.window.intervals).toHaveLength(1);
    expect(j.window.countries.find((c: { iso3: string }) => c.iso3 === 'USA').buyer_cost_usd).toBeGreaterThan(0);
    expect(j.parameters.demand).toMatch(/Hauk/);
  }, 120_000);

  it.each([
    ['scenario=busan-truce&from=2025-11-01', 'to'],
    ['scenario=busan-truce&at=2025-11-01&from=2025-11-01&to=2025-11-02', 'at'],
    ['scenario=busan-truce', 'at'],
    ['scenario=busan-truce&at=2025-11-01&demand=0', 'demand'],
  ])('400 {error, field} for %s', async (qs, field) => {
    const res = await app.inject(`/api/impact?${qs}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field });
  });
});
