// Input edges of issue 17 (items 5, 12 and 13): words that name Object.prototype's members, publication dates
// outside the supported range, entry-file rows with shifted columns, and numbers written in other notations
// than plain decimals. Each must end in a clean answer or a clear refusal (exit 2 / HTTP 400 naming the field),
// never a 500 and never a silently different figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { entriesQuery } from '../../src/service/entries.js';
import { queryRows, sqlString } from '../../src/datasets/duckdb.js';
import { projectPath } from '../../src/util/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'tradewar-input-edges-'));
let ctx: TradewarContext;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await openContext();
  app = await buildServer(ctx, { dashboardDir: false });
}, 180_000);
afterAll(async () => {
  await app?.close();
  rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('src', 'cli', 'main.ts'), ...args],
    { encoding: 'utf8', cwd: projectPath() },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ARTICLE =
  'The United States will impose a 100% tariff on Chinese goods from November 1, 2025, the White House said in a statement on Friday.';
const PROTOTYPE_WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const RATE_ON_2025_11_05 = 'rate --product 8517130000 --origin CN --dest US --date 2025-11-05'.split(' ');

describe('item 5: no unhandled 500 from a word or a date', () => {
  it('words that name Object.prototype members are plain words on every route that takes words, never a 500', async () => {
    const post = (url: string, payload: string, type = 'application/json') =>
      app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });
    const failures: string[] = [];
    for (const w of PROTOTYPE_WORDS) {
      const e = encodeURIComponent(w);
      const answers = {
        [`products ${w}`]: await app.inject(`/api/products?q=${e}`),
        [`products "${w} soybeans"`]: await app.inject(`/api/products?q=${e}%20soybeans`),
        [`events kind ${w}`]: await app.inject(`/api/events?kind=${e}`),
        [`average weights ${w}`]: await app.inject(`/api/average?importer=US&exporter=CN&at=2025-11-05&weights=${e}`),
        [`rate origin ${w}`]: await app.inject(`/api/rate?product=8517130000&origin=${e}&dest=US&date=2025-11-05`),
        [`screen ${w}`]: await app.inject(`/api/screen?name=${e}%201st%20Co%20Ltd&id=${e}&address=${e}`),
        [`screen POST ${w}`]: await post(
          '/api/screen',
          JSON.stringify({ name: `${w} 2nd Co Ltd`, schema: w, identifiers: [w], address: w }),
        ),
        [`screen batch ${w}`]: await post('/api/screen/batch', `name,schema,${w}\n${w},${w},${w}\n`, 'text/csv'),
        [`news ${w}`]: await post('/api/news?published=2025-10-27', `${ARTICLE} ${w} ${w}.`, 'text/plain'),
        [`entries ${w}`]: await post(
          '/api/entries',
          `entry date,hts,origin,value,${w}\n2025-11-05,8517130000,${w},1000,${w}\n`,
          'text/csv',
        ),
      };
      for (const [label, res] of Object.entries(answers))
        if (res.statusCode >= 500) failures.push(`${res.statusCode} ${label}: ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    // the word that used to crash the product search now simply finds nothing special
    const res = await app.inject('/api/products?q=constructor');
    expect(res.statusCode).toBe(200);
    expect(Array.isArray(JSON.parse(res.body))).toBe(true);
  });

  it('a publication date outside 1900-01-01..2100-12-31 is refused like every other date (API 400, CLI exit 2), never a 500', async () => {
    for (const d of ['9999-12-31', '0050-01-01', '2101-01-01']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/news?published=${d}`,
        payload: ARTICLE,
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.statusCode, d).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({
        field: 'published',
        error: expect.stringMatching(/outside the supported range 1900-01-01\.\.2100-12-31/),
      });
    }
    // a date in the text outside the range is no date of a statement (it once crashed the linking)
    const inText = await app.inject({
      method: 'POST',
      url: '/api/news?published=2025-10-27',
      payload: ARTICLE.replace('November 1, 2025', '0050-01-01'),
      headers: { 'content-type': 'text/plain' },
    });
    expect(inText.statusCode).toBe(200);
    const article = join(tmp, 'article.txt');
    writeFileSync(article, ARTICLE);
    const r = cli(['news', article, '--published', '9999-12-31']);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('tradewar: published 9999-12-31 is outside the supported range 1900-01-01..2100-12-31');
  });
});

describe('item 12: shifted columns in an entry file', () => {
  const HEADER = 'entry date,hts,origin,value,duty paid\n';
  const ROWS = [
    '2025-11-05,8517130000,CN,"$1,000.00",0', // 1: fine
    '2025-11-05,8517130000,CN,$1,000.00,0', // 2: an unquoted thousands comma shifts the duty paid
    '2025-11-05,8517130000,CN,1000', // 3: one cell short
    '2025-11-05,8517130000,CN,1000,', // 4: fine (an empty last cell)
    '2025-11-05,8517130000,CN,1,000,000.00,0,0,0,0', // 5: far too many
  ];

  it('a row with more or fewer cells than the header is rejected with its row number and reason, never priced; in = out', async () => {
    const file = join(tmp, 'shifted.csv');
    writeFileSync(file, HEADER + ROWS.join('\n') + '\n');
    const out = join(tmp, 'shifted-out.parquet');
    const s = await entriesQuery(ctx, { file, out, format: 'parquet' });
    expect(s).toMatchObject({ rows: 5, accepted: 2, rejected: 3 });
    expect(s.rejected_rows).toEqual([
      { row: 2, reason: expect.stringMatching(/^6 cells for 5 columns: quote amounts that contain commas/) },
      { row: 3, reason: expect.stringMatching(/^4 cells for 5 columns: the row is cut short/) },
      { row: 5, reason: expect.stringMatching(/^9 or more cells for 5 columns/) },
    ]);
    const lines = await queryRows<{ row: number; status: string }>(
      `SELECT "row"::INTEGER AS "row", status FROM read_parquet(${sqlString(out)})`,
    );
    expect(lines.map((l) => `${l.row}:${l.status}`)).toEqual([
      '1:ok',
      '2:rejected',
      '3:rejected',
      '4:ok',
      '5:rejected',
    ]);

    // the API, CSV body: the same rows rejected for the same reasons
    const res = await app.inject({
      method: 'POST',
      url: '/api/entries',
      payload: HEADER + ROWS.join('\n') + '\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as { lines: Array<{ row: number; status: string; reason: string | null }> };
    expect(body.lines.map((l) => [l.row, l.status])).toEqual([
      [1, 'ok'],
      [2, 'rejected'],
      [3, 'rejected'],
      [4, 'ok'],
      [5, 'rejected'],
    ]);
    expect(body.lines[1]!.reason).toMatch(/^6 cells for 5 columns/);

    // --strict stops at the first such row, exit 2, naming it
    const r = cli(['entries', file, '--out', join(tmp, 'strict.csv'), '--strict']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/row 2: 6 cells for 5 columns: quote amounts that contain commas/);
    const strict = await app.inject({
      method: 'POST',
      url: '/api/entries?strict=1',
      payload: HEADER + ROWS.join('\n') + '\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(strict.statusCode).toBe(400);
    expect(JSON.parse(strict.body).error).toMatch(/row 2: 6 cells for 5 columns/);
  });
});

describe('item 13: numbers are plain decimals, amounts under $10 trillion', () => {
  it('0x10, 1e3, Infinity are refused with the field named (API 400, CLI exit 2), never read as another number', async () => {
    const refused: Array<[string, string]> = [
      ['/api/impact?scenario=busan-truce&at=2025-12-01&supply=0x10', 'supply'],
      ['/api/impact?scenario=busan-truce&at=2025-12-01&demand=0x10', 'demand'],
      ['/api/impact?scenario=busan-truce&at=2025-12-01&demand=Infinity', 'demand'],
      ['/api/impact?scenario=busan-truce&at=2025-12-01&draws=0x10', 'draws'],
      ['/api/impact?scenario=busan-truce&at=2025-12-01&top=1e1', 'top'],
      ['/api/products?q=soybeans&limit=0b11', 'limit'],
      ['/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05&value=99999999999999999999', 'value'],
      ['/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05&value=10000000000000', 'value'],
    ];
    for (const [url, field] of refused) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      const body = JSON.parse(res.body);
      expect(body.field, url).toBe(field);
    }
    const big = JSON.parse(
      (await app.inject('/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05&value=99999999999999999999'))
        .body,
    );
    expect(big.error).toMatch(/value 99999999999999999999 is \$10 trillion or more/);
    const hex = JSON.parse((await app.inject(refused[0]![0])).body);
    expect(hex.error).toMatch(/supply "0x10" is not a positive number .*plain decimal/);
    // plain decimals still work, up to just under the bound
    const ok = await app.inject(
      '/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05&value=9999999999999.99',
    );
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body).amounts.value_usd).toBe(9999999999999.99);
    expect((await app.inject('/api/products?q=soybeans&limit=5')).statusCode).toBe(200);

    for (const [args, message] of [
      [['impact', '--scenario', 'busan-truce', '--at', '2025-12-01', '--supply', '0x10'], /supply "0x10"/],
      [['impact', '--scenario', 'busan-truce', '--at', '2025-12-01', '--demand', '0x10'], /demand "0x10"/],
      [RATE_ON_2025_11_05.concat('--value', '1e13'), /value "1e13"/],
      [
        RATE_ON_2025_11_05.concat('--value', '99999999999999999999'),
        /value 99999999999999999999 is \$10 trillion or more/,
      ],
    ] as Array<[string[], RegExp]>) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
