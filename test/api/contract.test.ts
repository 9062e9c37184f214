// The API's contract on a small project built on disk: every route answers what /openapi.json says it does,
// bad input is a 400 naming the field, unknown routes a 404, failures a 500 without details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { ALL_ROUTES as ROUTES } from '../../src/api/route-table.js';
import { makeDevProject } from './dev-fixture.js';

let app: FastifyInstance;
let project: Awaited<ReturnType<typeof makeDevProject>>;
let doc: {
  paths: Record<
    string,
    Record<
      'get' | 'post',
      {
        parameters: Array<{ name: string }>;
        responses: Record<string, { content: Record<string, { schema: object }> }>;
      }
    >
  >;
  components: { schemas: Record<string, object> };
};

beforeAll(async () => {
  project = await makeDevProject();
  const ctx = await openContext({ dataDir: project.dataDir, ledgerDir: project.ledgerDir });
  app = await buildServer(ctx, { scenarioDir: project.scenarioDir, dashboardDir: false });
  doc = JSON.parse((await app.inject('/openapi.json')).body);
}, 60_000);
afterAll(() => app?.close());

/** POST routes: an example body (JSON object or text) and its content type. */
const POST_EXAMPLES: Record<string, { payload: string | object; contentType: string; query?: string }> = {
  '/api/news': {
    payload: 'Trump said the US will impose an extra 100% tariff on all Chinese goods from November 1.',
    contentType: 'text/plain',
    query: 'published=2025-10-11',
  },
  '/api/screen': {
    payload: {
      name: 'Huawei Technologies Co., Ltd.',
      country: 'CN',
      date: '2025-10-01',
      ownership: 'owner,owned,share,from,until\n"Huawei Technologies Co., Ltd.",Quorvant Alpha Ltd,60,,\n',
    },
    contentType: 'application/json',
  },
  '/api/screen/batch': {
    payload: 'name,country\nHuawei Technologies Co. Ltd.,CN\n',
    contentType: 'text/csv',
    query: 'date=2025-10-01',
  },
  '/api/bom': {
    payload: 'role,id,hs,origin,value,element,share_pct\nfinished,,8501.32,DE,1000,,\nitem,magnet,8505.11,CN,60,Dy,3\n',
    contentType: 'text/csv',
    query: 'date=2026-12-01',
  },
  '/api/entries': { payload: 'Entry Date,HTS,Origin,Value\n2025-11-05,0101210000,CN,1000\n', contentType: 'text/csv' },
};

const EXAMPLES: Record<string, string> = {
  '/api/commitments': '',
  '/api/rate': 'product=8517.13.00.00&origin=CN&dest=US&date=2025-11-05',
  '/api/rate/history': 'product=8517130000&origin=CN&dest=US',
  '/api/average': 'importer=US&exporter=CN&at=2025-11-05,2026-01-01&by=authority',
  '/api/series': 'importer=CN&exporter=US&weights=2024',
  '/api/panel': 'importer=US&exporter=CN&at=2025-11-05',
  '/api/events': 'side=CN',
  '/api/changes': 'upcoming=1&today=2025-06-01',
  '/api/products': 'q=85',
  '/api/scenarios': '',
  '/api/scenarios/compare': 'a=baseline&b=truce-lapses&at=2025-10-01',
  '/api/meta': '',
  '/api/screen': 'name=Huawei%20Technologies%20Co.%2C%20Ltd.&country=CN&date=2025-11-05',
  '/api/controls': 'product=8505.11&date=2026-12-01',
  '/api/controls/timeline': '',
  '/api/impact': 'scenario=truce-lapses&at=2025-10-01&draws=40',
  '/api/hts/revisions': '',
  '/api/hts/audit': 'revision=2026_rev_10&origin=CN',
  '/api/hts/audit/summary': 'origin=CN',
  '/api/hts/line': 'product=8517.13.00.00&date=2026-06-08',
};

describe('API contract', () => {
  it('answers every route as its OpenAPI schema says', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    for (const route of ROUTES) {
      const method = route.method === 'POST' ? 'post' : 'get';
      let res;
      if (method === 'post') {
        const ex = POST_EXAMPLES[route.url];
        expect(ex, `POST example for ${route.url}`).toBeDefined();
        res = await app.inject({
          method: 'POST',
          url: `${route.url}${ex!.query ? `?${ex!.query}` : ''}`,
          headers: { 'content-type': ex!.contentType },
          payload: ex!.payload,
        });
      } else {
        const qs = EXAMPLES[route.url];
        expect(qs, `example for ${route.url}`).toBeDefined();
        res = await app.inject(`${route.url}${qs ? `?${qs}` : ''}`);
      }
      expect(res.statusCode, `${route.url}: ${res.body}`).toBe(200);
      const schema = JSON.parse(
        JSON.stringify(doc.paths[route.url]![method].responses['200']!.content['application/json']!.schema).replaceAll(
          '"#/components',
          '"doc#/components',
        ),
      );
      const validate = ajv.compile(schema);
      const ok = validate(JSON.parse(res.body));
      expect(ok, `${route.url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('documents every query parameter Fastify accepts', () => {
    for (const route of ROUTES) {
      const names = doc.paths[route.url]![route.method === 'POST' ? 'post' : 'get'].parameters.map((p) => p.name);
      for (const p of Object.keys(route.params)) expect(names).toContain(p);
      expect(names).toContain('format');
      if (route.scenario) expect(names).toContain('scenario');
    }
  });

  it('answers CSV where the route offers it', async () => {
    const res = await app.inject('/api/series?importer=US&exporter=CN&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    // ADR 82 extended the columns: the unconfirmed items a point rests on and the averages on the other branch
    expect(res.body.split('\n')[0]).toBe('date,average_pct,coverage_pct,unconfirmed,alternative_average_pct');
  });

  it('says which figures rest on an unconfirmed suspension end, with the other branch (ADR 82)', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const check = (url: string, body: unknown) => {
      const schema = JSON.parse(
        JSON.stringify(doc.paths[url]!.get.responses['200']!.content['application/json']!.schema).replaceAll(
          '"#/components',
          '"doc#/components',
        ),
      );
      const validate = ajv.compile(schema);
      expect(validate(body), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    };
    const avg = JSON.parse((await app.inject('/api/average?importer=CN&exporter=US&at=2026-06-01,2026-12-01')).body);
    check('/api/average', avg);
    expect(avg[0].unconfirmed).toBeUndefined();
    expect(avg[1].unconfirmed).toEqual([
      expect.objectContaining({
        id: 'cn-pause',
        assumption: expect.stringContaining('lapsed on 2026-11-10 (unconfirmed)'),
        confirm_by: 'a Tariff Commission notice extending the pause',
        scenario: null,
      }),
    ]);
    expect(avg[1].unconfirmed[0].alternative_average_pct).toBeCloseTo(avg[1].average_pct - 5, 3);
    const series = JSON.parse((await app.inject('/api/series?importer=CN&exporter=US')).body);
    check('/api/series', series);
    expect(series.find((p: { unconfirmed?: unknown[] }) => p.unconfirmed)?.date).toBe('2026-11-10');
    const rate = JSON.parse((await app.inject('/api/rate?product=1201900000&origin=US&dest=CN&date=2026-12-01')).body);
    check('/api/rate', rate);
    expect(rate.unconfirmed[0]).toMatchObject({ id: 'cn-pause', alternative_total_pct: rate.total_pct - 5 });
    const csv = (await app.inject('/api/average?importer=CN&exporter=US&at=2026-12-01&format=csv')).body.split('\n');
    expect(csv[0]).toBe('date,average_pct,coverage_pct,unconfirmed,alternative_average_pct');
    expect(csv[1]).toMatch(/,cn-pause,/);
  });

  it('runs a query over a scenario', async () => {
    const base = JSON.parse((await app.inject('/api/average?importer=CN&exporter=US&at=2025-10-01')).body);
    const scn = JSON.parse(
      (await app.inject('/api/average?importer=CN&exporter=US&at=2025-10-01&scenario=truce-lapses')).body,
    );
    expect(scn[0].average_pct - base[0].average_pct).toBeCloseTo(24, 4);
  });

  it.each([
    ['/api/rate?product=8517130000&origin=CN&dest=US&date=2025-02-30', 'date'],
    ['/api/rate?product=8517130000&origin=CN&dest=US', 'date'],
    ['/api/rate?product=8517130000&origin=CHN&dest=US&date=2025-01-01', 'origin'],
    ['/api/rate?product=8517130000&origin=CN&dest=DE&date=2025-01-01', 'dest'],
    ['/api/rate?product=8517130000&origin=CN&dest=US&date=2025-01-01&colour=red', 'colour'],
    ['/api/average?importer=US&exporter=CN&at=2025-01-01&by=planet', 'by'],
    ['/api/average?importer=US&exporter=CN&at=2025-01-01&weights=1999', 'weights'],
    ['/api/series?importer=US&exporter=CN&from=2026-01-01&to=2025-01-01', 'to'],
    ['/api/series?importer=US&exporter=CN&scenario=../../etc/passwd', 'scenario'],
    ['/api/series?importer=US&exporter=CN&scenario=no-such-thing', 'scenario'],
    ['/api/series?importer=US&exporter=CN&format=xml', 'format'],
    ['/api/changes', 'since'],
    ['/api/products?q=85&limit=500', 'limit'],
    ['/api/scenarios/compare?a=baseline&b=nope&at=2025-01-01', 'scenario'],
  ])('%s → 400 naming %s', async (url, field) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.field).toBe(field);
    expect(body.error).toEqual(expect.any(String));
    expect(body.error).not.toMatch(/at .*\.ts:\d+/);
  });

  it('suggests the nearest codes for an unknown product', async () => {
    const res = await app.inject('/api/rate?product=85171399&origin=CN&dest=US&date=2025-11-05');
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.field).toBe('product');
    expect(body.suggestions[0]).toMatchObject({ code: '8517130000', description: 'Smartphones' });
  });

  it('answers 404 JSON for an unknown route and 500 without details for a failure', async () => {
    const nf = await app.inject('/api/nothing');
    expect(nf.statusCode).toBe(404);
    expect(JSON.parse(nf.body).error).toMatch(/not found/);
    const ctx = await openContext({ dataDir: project.dataDir, ledgerDir: project.ledgerDir });
    ctx.rules = () => {
      throw new Error('secret detail /etc/passwd');
    };
    const broken = await buildServer(ctx, { dashboardDir: false });
    const boom = await broken.inject('/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05');
    expect(boom.statusCode).toBe(500);
    expect(JSON.parse(boom.body)).toEqual({ error: 'internal error' });
    await broken.close();
  });

  it('caches repeated queries and serves /healthz', async () => {
    const before = app.answerCache.hits;
    await app.inject('/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05');
    await app.inject('/api/rate?date=2025-11-05&dest=US&origin=CN&product=8517130000');
    expect(app.answerCache.hits).toBeGreaterThan(before);
    const h = await app.inject('/healthz');
    expect(JSON.parse(h.body)).toMatchObject({ ok: true });
  });

  it('finds products by words and by code prefix', async () => {
    const words = JSON.parse((await app.inject('/api/products?q=soya%20beans')).body);
    expect(words[0]).toMatchObject({ importer: 'CN', code: '1201900000' });
    const code = JSON.parse((await app.inject('/api/products?q=8517.13&importer=US')).body);
    expect(code.map((h: { code: string }) => h.code)).toEqual(['8517130000']);
  });
});
