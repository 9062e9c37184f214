// Spreadsheet formula injection (issue 17, item 10): a text cell that starts with =, +, -, @, tab or CR is
// neutralised with a leading ' in every CSV the project writes: every API route with a CSV answer (taken from the
// route table, so a new CSV route is covered as soon as it is added), and the commands that write CSV.
// Numbers stay numbers: a JS number (-3.5) and text that is a plain decimal number ("-3.5") are written as is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { ALL_ROUTES } from '../../src/api/route-table.js';
import { answer } from '../../src/api/answer.js';
import type { RouteDef, RouteEnv } from '../../src/api/routes.js';
import { parseCsvRecords } from '../../src/controls/io/csv-read.js';
import { projectPath } from '../../src/util/paths.js';
import { makeDevProject } from './dev-fixture.js';
import { toCsv as dashboardCsv } from '../../web/src/csv.js';

const work = mkdtempSync(join(tmpdir(), 'tradewar-csv-injection-'));
let app: FastifyInstance;
let ctx: TradewarContext;
let project: Awaited<ReturnType<typeof makeDevProject>>;

beforeAll(async () => {
  process.env.TRADEWAR_CACHE_DIR = join(work, 'cache');
  project = await makeDevProject();
  ctx = await openContext({ dataDir: project.dataDir, ledgerDir: project.ledgerDir });
  app = await buildServer(ctx, { scenarioDir: project.scenarioDir, dashboardDir: false });
}, 120_000);
afterAll(async () => {
  await app?.close();
  delete process.env.TRADEWAR_CACHE_DIR;
  rmSync(work, { recursive: true, force: true });
});

const FORMULA = "=cmd|' /C calc'!A0";
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const PLAIN_NUMBER = /^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$/;

/** Cells a spreadsheet would run as a formula (none may be left in a CSV we write). */
function formulaCells(csv: string): string[] {
  return parseCsvRecords(csv)
    .flat()
    .filter((c) => TRIGGERS.includes(c[0] ?? '') && !PLAIN_NUMBER.test(c));
}

/** A request for every route with a CSV answer, by method and path (dev project of dev-fixture.ts). */
const REQUESTS: Record<string, { query?: string; payload?: string | object; contentType?: string }> = {
  'GET /api/rate': { query: 'product=8517130000&origin=CN&dest=US&date=2025-11-05' },
  'GET /api/rate/history': { query: 'product=8517130000&origin=CN&dest=US' },
  'GET /api/average': { query: 'importer=US&exporter=CN&at=2025-11-05,2026-01-01&by=authority' },
  'GET /api/series': { query: 'importer=CN&exporter=US&weights=2024' },
  'GET /api/panel': { query: 'importer=US&exporter=CN&at=2025-11-05' },
  'GET /api/events': { query: 'side=CN' },
  'GET /api/changes': { query: 'upcoming=1&today=2025-06-01' },
  'GET /api/products': { query: 'q=85' },
  'GET /api/scenarios/compare': { query: 'a=baseline&b=truce-lapses&at=2025-10-01' },
  'GET /api/commitments': {},
  'GET /api/hts/revisions': {},
  'GET /api/hts/audit': { query: 'revision=2026_rev_10' },
  'GET /api/hts/audit/summary': {},
  'GET /api/hts/line': { query: 'product=8501312000&date=2026-06-08' },
  'GET /api/screen': { query: 'name=Huawei%20Technologies&country=CN&date=2025-11-05' },
  'POST /api/screen': { payload: { name: 'Huawei Technologies', date: '2025-10-01' }, contentType: 'application/json' },
  'POST /api/screen/batch': {
    query: 'date=2025-10-01',
    payload: 'name,country\nHuawei Technologies Co. Ltd.,CN\n',
    contentType: 'text/csv',
  },
  'POST /api/bom': {
    query: 'date=2026-12-01',
    payload: 'role,id,hs,origin,value,element,share_pct\nfinished,,8501.32,DE,1000,,\nitem,magnet,8505.11,CN,60,Dy,3\n',
    contentType: 'text/csv',
  },
  'GET /api/controls': { query: 'product=8505.11&date=2026-12-01' },
  'GET /api/controls/timeline': {},
  'GET /api/impact': { query: 'scenario=truce-lapses&at=2025-10-01&draws=40' },
  'POST /api/news': {
    query: 'published=2025-10-11',
    payload: 'Trump said the US will impose an extra 100% tariff on all Chinese goods from November 1.',
    contentType: 'text/plain',
  },
  'POST /api/entries': {
    payload: 'Entry Date,HTS,Origin,Value\n2025-11-05,8517130000,CN,1000\n',
    contentType: 'text/csv',
  },
};

async function jsonAnswer(route: RouteDef): Promise<unknown> {
  const key = `${route.method ?? 'GET'} ${route.url}`;
  const r = REQUESTS[key];
  expect(r, `a request for the CSV route ${key} in REQUESTS`).toBeDefined();
  const res = await app.inject({
    method: route.method ?? 'GET',
    url: `${route.url}${r!.query ? `?${r!.query}` : ''}`,
    ...(r!.payload !== undefined ? { payload: r!.payload, headers: { 'content-type': r!.contentType! } } : {}),
  });
  expect(res.statusCode, `${key}: ${res.body}`).toBe(200);
  return JSON.parse(res.body);
}

/** Every text value of an answer, with a formula in front (numbers, booleans and keys as they are). */
function poisoned(v: unknown, i = { n: 0 }): unknown {
  if (typeof v === 'string') return `${['=', '+', '-', '@', '\t', '\r'][i.n++ % 6]}HYPERLINK("http://x")${v}`;
  if (Array.isArray(v)) return v.map((x) => poisoned(x, i));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poisoned(x, i)]));
  return v;
}

describe('spreadsheet formula injection', () => {
  it('no CSV answer or CSV file carries a cell a spreadsheet would run as a formula', async () => {
    // 1. every route of the table with a CSV answer, on its real answer with a formula in front of every text
    const csvRoutes = ALL_ROUTES.filter((r) => r.csv);
    expect(csvRoutes.length).toBeGreaterThanOrEqual(15);
    const env = { ctx } as RouteEnv;
    for (const route of csvRoutes) {
      const hostile = poisoned(await jsonAnswer(route));
      const out = await answer({ ...route, scenario: false, handler: () => hostile }, env, { format: 'csv' });
      const csv = String(out.body);
      expect(formulaCells(csv), `${route.method ?? 'GET'} ${route.url}`).toEqual([]);
      if (csv.includes('HYPERLINK')) expect(csv).toMatch(/'[=+\-@\t\r]HYPERLINK/);
    }

    // 2. end to end, hostile input coming back in CSV answers (entries, screen batch, news)
    const entries = await app.inject({
      method: 'POST',
      url: '/api/entries?format=csv',
      headers: { 'content-type': 'text/csv' },
      payload: `Entry Number,Entry Date,HTS,Origin,Value\n"${FORMULA}",2025-11-05,8517130000,CN,1000\n-3.5,2025-11-05,8517130000,@CN,-3.5\n`,
    });
    expect(entries.statusCode).toBe(200);
    expect(formulaCells(entries.body)).toEqual([]);
    expect(entries.body).toContain(`'${FORMULA}`);
    expect(entries.body).toMatch(/\n2,-3\.5,/); // a number stays a number
    expect(entries.body).toContain("'@CN");
    const batch = await app.inject({
      method: 'POST',
      url: '/api/screen/batch?format=csv&date=2025-10-01',
      headers: { 'content-type': 'text/csv' },
      payload: `name,country\n"+SUM(1,2)",CN\n"@HYPERLINK(""http://x"")",CN\n`,
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(formulaCells(batch.body)).toEqual([]);
    const news = await app.inject({
      method: 'POST',
      url: '/api/news?format=csv&published=2025-10-11',
      headers: { 'content-type': 'text/plain' },
      payload: '=1+1 Trump said the US will impose an extra 100% tariff on all Chinese goods from November 1.',
    });
    expect(news.statusCode, news.body).toBe(200);
    expect(formulaCells(news.body)).toEqual([]);

    // 3. the commands: entries (CSV written by DuckDB), screen --file, match-pairs
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [projectPath('bin', 'tradewar.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, TRADEWAR_CACHE_DIR: join(work, 'cache') },
      });
    const file = join(work, 'lines.csv');
    writeFileSync(
      file,
      `Entry Number,Entry Date,HTS Number,Country of Origin,Line Entered Value\n"${FORMULA}",2025-11-05,8517.13.0000,CN,1000\n-3.5,2025-11-05,8517.13.0000,"\tCN",1000\n"\t=1",2025-11-05,8517.13.0000,CN,-5\n`,
    );
    const out = join(work, 'priced.csv');
    const r = cli(['entries', file, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const priced = readFileSync(out, 'utf8');
    expect(formulaCells(priced)).toEqual([]);
    expect(priced).toContain(`'${FORMULA}`);
    expect(priced).toMatch(/\n2,-3\.5,/);
    expect(priced).toContain(',-5.0,'); // a negative customs value: a number, as is

    const parties = join(work, 'parties.csv');
    writeFileSync(parties, `name,country\n"=HYPERLINK(""http://x"")",CN\n"-2+3",CN\n`);
    const screened = cli(['screen', '--file', parties, '--format', 'csv', '--date', '2025-10-01']);
    expect(screened.status, screened.stderr).toBe(0);
    expect(formulaCells(screened.stdout)).toEqual([]);

    const pairs = join(work, 'pairs.csv');
    writeFileSync(pairs, `schema,name1,name2,is_match\nPerson,"=1+2",@foo,1\n`);
    const matched = cli(['match-pairs', pairs]);
    expect(matched.status, matched.stderr).toBe(0);
    expect(formulaCells(matched.stdout)).toEqual([]);
    expect(matched.stdout).toContain("'=1+2");

    // 4. the dashboard's CSV export (every chart and table)
    const exported = dashboardCsv([{ name: FORMULA, note: '@x', pct: -3.5, text_number: '-3.5' }]);
    expect(formulaCells(exported)).toEqual([]);
    expect(exported).toContain(`'${FORMULA}`);
    expect(exported).toMatch(/,-3\.5,-3\.5\n$/);
  }, 240_000);
});
