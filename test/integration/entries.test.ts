// The entry-file batch on the shipped data: hand-checked duty, owed duty and refunds on real lines, column
// aliases, bad rows, --strict, every output format, the Parquet input, the panel cache, and POST /api/entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { entriesQuery } from '../../src/service/entries.js';
import { refundQuery } from '../../src/service/refund.js';
import { buildServer } from '../../src/api/server.js';
import { queryRows, sqlString } from '../../src/datasets/duckdb.js';
import { matchColumns } from '../../src/entries/columns.js';
import { keepFileOrder } from '../../src/entries/run.js';
import { projectPath } from '../../src/util/paths.js';

const FIXTURES = projectPath('test', 'fixtures', 'entries');
const work = mkdtempSync(join(tmpdir(), 'tradewar-entries-test-'));
const cacheDir = join(work, 'cache');
let ctx: TradewarContext;
let app: FastifyInstance;

function cli(args: string[]) {
  const r = spawnSync(
    process.execPath,
    [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('src', 'cli', 'main.ts'), ...args],
    { encoding: 'utf8', cwd: projectPath(), env: { ...process.env, TRADEWAR_CACHE_DIR: cacheDir } },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Line {
  row: number;
  status: string;
  reason: string | null;
  hts: string;
  origin: string;
  entry_date: string;
  statutory_pct: number;
  duty_base_usd: number;
  duty_statutory_usd: number;
  duty_expected_usd: number;
  duty_owed_usd: number;
  refundable_usd: number;
  difference_usd: number | null;
  refund_due_usd: number | null;
  layers: Array<{ measure: string; owed: boolean; duty_statutory_usd: number; duty_expected_usd: number }>;
}

beforeAll(async () => {
  process.env.TRADEWAR_CACHE_DIR = cacheDir;
  ctx = await openContext();
  app = await buildServer(ctx, { dashboardDir: false });
}, 180_000);
afterAll(async () => {
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('column names', () => {
  it('matches ACE and broker headers case-insensitively, preferring the most specific name', () => {
    const m = matchColumns([
      'Entry Summary Number',
      'Line Number',
      'ENTRY DATE',
      'HTS Number',
      'country_of_origin',
      'Line Entered Value',
      'Line Duty Amount',
      'Date',
    ]);
    expect(Object.fromEntries(m)).toEqual({
      entry_number: 'Entry Summary Number',
      line_number: 'Line Number',
      entry_date: 'ENTRY DATE',
      hts: 'HTS Number',
      origin: 'country_of_origin',
      value: 'Line Entered Value',
      duty_paid: 'Line Duty Amount',
    });
  });

  it('names the missing column and the names it would take', () => {
    expect(() => matchColumns(['Entry Date', 'HTS', 'Value'])).toThrow(
      /no column for the country of origin: name one "country of origin".*its columns are: Entry Date, HTS, Value/,
    );
    expect(() => matchColumns(['Entry Date', 'HTS', 'origin', 'Origin', 'Value'])).toThrow(/2 columns named like/);
  });
});

describe('tradewar entries on the shipped data', () => {
  let lines: Line[];
  let summary: Awaited<ReturnType<typeof entriesQuery>>;

  beforeAll(async () => {
    const out = join(work, 'broker.json');
    summary = await entriesQuery(ctx, { file: join(FIXTURES, 'broker.csv'), out, format: 'json', cacheDir });
    lines = JSON.parse(readFileSync(out, 'utf8')) as Line[];
  }, 300_000);

  it('prices smartphones from China before and after the 2026-02-20 ruling, with the refund due (hand-checked)', () => {
    // 2025-11-05: IEEPA fentanyl 20% on $1,000 = $200 assessed, struck down: owed $0, $200 paid → $200 refund
    expect(lines[0]).toMatchObject({
      row: 1,
      status: 'ok',
      hts: '8517130000',
      origin: 'CN',
      statutory_pct: 20,
      duty_statutory_usd: 200,
      duty_expected_usd: 200,
      duty_owed_usd: 0,
      refundable_usd: 200,
      difference_usd: 200,
      refund_due_usd: 200,
    });
    expect(lines[0]!.layers).toEqual([
      expect.objectContaining({ measure: 'us-ieepa-fentanyl-cn', owed: false, duty_statutory_usd: 200 }),
    ]);
    // 2026-02-23: after the ruling, before collection stopped (2026-02-24): 10% on $2,500 = $250 assessed and
    // refundable; $500 paid − $0 owed = $500 difference, but only the $250 of struck-down duty is refundable
    expect(lines[2]).toMatchObject({
      duty_statutory_usd: 250,
      duty_owed_usd: 0,
      refundable_usd: 250,
      difference_usd: 500,
      refund_due_usd: 250,
    });
    // 2026-03-01 (written 03/01/2026, origin "cn"): IEEPA collection ended, the Section 122 surcharge excludes
    // smartphones: nothing assessed, nothing to refund
    expect(lines[1]).toMatchObject({
      entry_date: '2026-03-01',
      origin: 'CN',
      duty_statutory_usd: 0,
      refund_due_usd: 0,
    });
    // from Germany: none of the China measures; no duty paid given → no refund computed
    expect(lines[3]).toMatchObject({ origin: 'DE', duty_statutory_usd: 0, refund_due_usd: null });
  });

  it('reports each bad row with its row number and reason, and prices the rest', () => {
    const rejected = lines.filter((l) => l.status === 'rejected').map((l) => [l.row, l.reason]);
    expect(rejected).toEqual([
      [5, expect.stringMatching(/entry date "2025-13-45" is not a date/)],
      [6, expect.stringMatching(/HTS code 1234567890 is not a line of the US tariff schedule/)],
      [7, expect.stringMatching(/country of origin "XX" is not an ISO 3166/)],
      [8, expect.stringMatching(/customs value "-5" is not an amount/)],
      [9, expect.stringMatching(/entry date 2017-06-01 is outside the modelled period/)],
      [10, expect.stringMatching(/HTS code "8517.13" is not a 10-digit statistical line/)],
      // a decimal comma is not read as a thousands separator (1000,00 is not $100,000)
      [11, expect.stringMatching(/customs value "1000,00" is not an amount/)],
    ]);
    expect(summary).toMatchObject({ rows: 11, accepted: 4, rejected: 7, with_duty_paid: 3 });
    expect(summary.rejected_rows.map((r) => r.row)).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });

  it('sums the summary by layer from the lines', () => {
    expect(summary.totals).toMatchObject({
      value_usd: 5500,
      duty_statutory_usd: 450,
      duty_owed_usd: 0,
      refundable_usd: 450,
      duty_paid_usd: 700,
      refund_due_usd: 450,
    });
    expect(summary.by_layer).toEqual([
      expect.objectContaining({ measure: 'base', duty_statutory_usd: 0, lines: 4 }),
      expect.objectContaining({ measure: 'us-ieepa-fentanyl-cn', owed: false, lines: 2, refundable_usd: 450 }),
    ]);
    // expected duty comes from the engine (ADR 9); nothing on these smartphone lines is partly excluded
    expect(summary.expected_equals_statutory).toBe(false);
    expect(summary.totals.duty_expected_usd).toBe(450);
  });

  it('prices a line as `rate` does and refunds as `refund` does over the same day', async () => {
    const r = refundQuery(ctx, {
      product: '8517130000',
      origin: 'CN',
      from: '2026-02-23',
      to: '2026-02-23',
      value: 2500,
    });
    expect(r.refundable_usd).toBe(lines[2]!.refundable_usd);
    expect(r.assessed_total_usd).toBe(lines[2]!.duty_statutory_usd);
    expect(r.owed_total_usd).toBe(lines[2]!.duty_owed_usd);
  });

  it('names the refund path of each line from its liquidation date, as `refund` does (issue 18)', async () => {
    const file = join(work, 'liquidated.csv');
    writeFileSync(
      file,
      [
        'Entry Date,HTS Number,Country of Origin,Line Entered Value,Duty Paid,Liquidation Date',
        '2025-11-05,8517130000,CN,1000,200,',
        '2025-11-05,8517130000,CN,1000,200,2026-04-01',
        '2025-11-05,8517130000,CN,1000,200,2026-01-15',
        '2025-11-05,8517130000,CN,1000,200,2025-10-01',
        '2025-11-05,8517130000,DE,1000,0,',
      ].join('\n') + '\n',
    );
    const out = join(work, 'liquidated.json');
    const s = await entriesQuery(ctx, { file, out, format: 'json', at: '2026-06-01', cacheDir });
    const got = (JSON.parse(readFileSync(out, 'utf8')) as Array<{ refund_path: string | null }>).map(
      (l) => l.refund_path,
    );
    // unliquidated and 61 days: CAPE; 137 days: protest; 243 days: final, court order; no struck-down duty: none
    expect(got).toEqual(['cape', 'cape', 'protest', 'court', null]);
    expect(s.refund_as_of).toBe('2026-06-01');
    expect(s.by_refund_path).toEqual([
      { path: 'cape', lines: 2, refundable_usd: 400, refund_due_usd: 400 },
      { path: 'protest', lines: 1, refundable_usd: 200, refund_due_usd: 200 },
      { path: 'court', lines: 1, refundable_usd: 200, refund_due_usd: 200 },
    ]);
    for (const [liquidation, path] of [
      [undefined, 'cape'],
      ['2026-01-15', 'protest'],
      ['2025-10-01', 'court'],
    ] as const) {
      const r = refundQuery(ctx, {
        product: '8517130000',
        origin: 'CN',
        from: '2025-06-02',
        to: '2025-06-02',
        value: 1000,
        liquidation,
        at: '2026-06-01',
      });
      expect(r.refund_path.path).toBe(path);
    }
  });

  it('reads a typed Parquet file (numeric HTS that lost its leading 0, lower-case origin) and writes Parquet', async () => {
    const out = join(work, 'ace.parquet');
    const s = await entriesQuery(ctx, { file: join(FIXTURES, 'ace-lines.parquet'), out, format: 'parquet', cacheDir });
    expect(s.panel.cached).toBe(true);
    const rows = await queryRows<Record<string, unknown>>(
      `SELECT "row", hts, origin, status, reason, duty_base_usd, duty_statutory_usd, duty_owed_usd, refundable_usd,
         refund_due_usd, CAST(len(layers) AS INTEGER) AS layers FROM read_parquet(${sqlString(out)}) ORDER BY "row"`,
    );
    // 8708.29.51.60 (vehicle body parts) from China on 2025-11-05, $10,000: base 2.5% = $250, Section 232 $2,500,
    // Section 301 List 3 $2,500, IEEPA fentanyl 20% $2,000 → $7,250 assessed, $5,250 owed, $2,000 refundable
    expect(rows[0]).toMatchObject({
      hts: '8708295160',
      origin: 'CN',
      duty_base_usd: 250,
      duty_statutory_usd: 7250,
      duty_owed_usd: 5250,
      refundable_usd: 2000,
      refund_due_usd: 2000,
      layers: 3,
    });
    // entered on the day of the ruling: still assessed (10%), all refundable
    expect(rows[1]).toMatchObject({ duty_statutory_usd: 300, refundable_usd: 300, refund_due_usd: 300 });
    // a 9-digit code is a 10-digit line whose leading 0 was lost; Mexico gets the panel of its exporter class
    expect(rows[2]).toMatchObject({ hts: '0101210010', origin: 'MX', status: 'ok' });
    expect(rows[3]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/"ZZ" is not an ISO 3166/) });
  });

  it('names the unconfirmed suspension end a line rests on, with the total if it was extended (ADR 82)', async () => {
    const file = join(work, 'cranes.csv');
    writeFileSync(file, 'Entry Date,HTS,Origin,Value\n2026-12-01,8426190000,CN,1000\n2026-11-01,8426190000,CN,1000\n');
    const out = join(work, 'cranes.json');
    await entriesQuery(ctx, { file, out, format: 'json', cacheDir });
    const [after, before] = JSON.parse(readFileSync(out, 'utf8')) as Array<
      Line & { unconfirmed: string | null; alternative_total_pct: string | null }
    >;
    expect(after).toMatchObject({ unconfirmed: 'us-s301-maritime-suspension-2025', statutory_pct: 137.5 });
    expect(Number(after!.alternative_total_pct)).toBe(37.5);
    expect(before).toMatchObject({ unconfirmed: null, alternative_total_pct: null, statutory_pct: 37.5 });
  }, 300_000);

  it('stops at the first bad row with --strict (exit 2, one line, no output file)', () => {
    const out = join(work, 'strict.csv');
    const r = cli(['entries', join(FIXTURES, 'broker.csv'), '--out', out, '--strict']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^tradewar: row 5: entry date "2025-13-45" is not a date.*--strict/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(() => readFileSync(out)).toThrow();
  });

  it('writes CSV with the layers as text and prints the summary', () => {
    const out = join(work, 'lines.csv');
    const r = cli(['entries', join(FIXTURES, 'broker.csv'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/11 rows — 4 priced, 7 rejected/);
    expect(r.out).toMatch(/refund due \$450\.00/);
    expect(r.out).toMatch(/row 6: HTS code 1234567890/);
    const csv = readFileSync(out, 'utf8').split('\n');
    expect(csv[0]).toMatch(/^row,entry_number,line_number,entry_date,hts,origin,value_usd,/);
    expect(csv[0]).toMatch(/duty_statutory_usd,duty_expected_usd,duty_owed_usd,refundable_usd,/);
    expect(csv[1]).toMatch(/^1,ABC-1234567-8,1,2025-11-05,8517130000,CN,.*us-ieepa-fentanyl-cn:200/);
  });

  it('rejects what cannot be an entry file with exit 2', () => {
    expect(cli(['entries', join(FIXTURES, 'missing.csv')]).err).toMatch(/no such entry file/);
    const r = cli(['entries', join(FIXTURES, 'broker.csv'), '--format', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--format parquet needs --out FILE/);
  });
});

describe('money', () => {
  it('writes dollars as exact cents and rejects an amount no entry line can have, without stopping the file', async () => {
    // $333.33 at 20% = $66.666 → $66.67 (half away from zero as round() does); three lines sum to exactly
    // $200.02, not a float near it; a value of $1e14 or a duty paid of $1e20 is a typo, not an entry line
    const file = join(work, 'money.csv');
    writeFileSync(
      file,
      [
        'Entry Date,HTS Number,Country of Origin,Line Entered Value,Duty Paid',
        '2025-11-05,8517.13.0000,CN,333.33,66.67',
        '2025-11-05,8517.13.0000,CN,333.33,',
        '2025-11-05,8517.13.0000,CN,333.38,',
        '2025-11-05,8517.13.0000,CN,100000000000000,',
        '2025-11-05,8517.13.0000,CN,1000,100000000000000000000',
      ].join('\n'),
    );
    const out = join(work, 'money.parquet');
    const s = await entriesQuery(ctx, { file, out, format: 'parquet', cacheDir });
    const rows = await queryRows<{ row: number; d: string; t: string; l: string; reason: string | null }>(
      `SELECT "row"::INTEGER AS "row", CAST(duty_statutory_usd AS VARCHAR) AS d, typeof(duty_statutory_usd) AS t,
         typeof(layers[1].duty_statutory_usd) AS l, reason FROM read_parquet(${sqlString(out)}) ORDER BY "row"`,
    );
    expect(rows.slice(0, 3).map((r) => [r.d, r.t, r.l])).toEqual([
      ['66.67', 'DECIMAL(18,2)', 'DECIMAL(18,2)'],
      ['66.67', 'DECIMAL(18,2)', 'DECIMAL(18,2)'],
      ['66.68', 'DECIMAL(18,2)', 'DECIMAL(18,2)'],
    ]);
    expect(s.totals.duty_statutory_usd).toBe(200.02);
    expect(rows[3]!.reason).toMatch(/customs value "100000000000000" is \$10 trillion or more/);
    expect(rows[4]!.reason).toMatch(/duty paid "100000000000000000000" is \$10 trillion or more/);
    expect(s).toMatchObject({ accepted: 3, rejected: 2 });
  });
});

describe("a column named like the reader's row numbers", () => {
  it('prices a CSV and a Parquet file that have a file_row_number column, numbering the rows itself', async () => {
    const csv = join(work, 'frn.csv');
    writeFileSync(
      csv,
      'Entry Date,HTS Number,Country of Origin,Line Entered Value,File_Row_Number\n' +
        '2025-11-05,8517.13.0000,CN,1000,7\n2025-11-05,8517.13.0000,XX,1000,3\n',
    );
    const pq = join(work, 'frn.parquet');
    await queryRows(`COPY (SELECT * FROM read_csv(${sqlString(csv)})) TO ${sqlString(pq)} (FORMAT parquet)`);
    for (const file of [csv, pq]) {
      const out = join(work, 'frn-out.parquet');
      const s = await entriesQuery(ctx, { file, out, format: 'parquet', cacheDir });
      expect(s).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
      expect(s.rejected_rows).toEqual([{ row: 2, reason: expect.stringMatching(/country of origin "XX"/) }]);
      const [first] = await queryRows<{ row: number; d: number }>(
        `SELECT "row"::INTEGER AS "row", duty_statutory_usd::DOUBLE AS d FROM read_parquet(${sqlString(out)}) LIMIT 1`,
      );
      expect(first).toEqual({ row: 1, d: 200 });
    }
  });
});

describe('file order', () => {
  it('keeps the file order over several row groups, with rejected rows between priced ones', async () => {
    // 150,000 lines (2 Parquet row groups and ~75 input vectors): real HTS10 lines × partners × 2025 dates;
    // every 97th line has a code that is no line and every 89th an origin that is no country
    const file = join(work, 'order.csv');
    const products = sqlString(projectPath('data', 'us_products.parquet'));
    await queryRows(`COPY (
        WITH codes AS (SELECT list(code ORDER BY code) AS c FROM read_parquet(${products})
                       WHERE level = 10 AND vintage <> 'legacy')
        SELECT DATE '2025-01-01' + CAST(i % 365 AS INTEGER) AS "Entry Date",
               CASE WHEN i % 97 = 0 THEN '0000000001' ELSE c[(i * 7919) % len(c) + 1] END AS "HTS Number",
               CASE WHEN i % 89 = 0 THEN 'XX' ELSE ['CN', 'DE', 'MX', 'VN', 'JP'][i % 5 + 1] END AS "Country of Origin",
               100 + i % 1000 AS "Line Entered Value"
        FROM range(150000) r(i), codes
        ORDER BY i
      ) TO ${sqlString(file)} (FORMAT csv, HEADER true)`);
    const out = join(work, 'order.parquet');
    const s = await entriesQuery(ctx, { file, out, format: 'parquet', cacheDir });
    const [check] = await queryRows<{ n: number; breaks: number; first: number; last: number; rejected: number }>(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE "row" <> file_row_number + 1)::INTEGER AS breaks,
         min("row")::INTEGER AS first, max("row")::INTEGER AS last,
         count(*) FILTER (WHERE status = 'rejected')::INTEGER AS rejected
       FROM read_parquet(${sqlString(out)}, file_row_number = true)`,
    );
    expect(check).toEqual({ n: 150000, breaks: 0, first: 1, last: 150000, rejected: s.rejected });
    // rows 1, 90, 98 (i = 0, 89, 97) are rejected for their origin (checked before the code), origin and code
    expect(s.rejected_rows.slice(0, 3)).toEqual([
      { row: 1, reason: expect.stringMatching(/country of origin "XX"/) },
      { row: 90, reason: expect.stringMatching(/country of origin "XX"/) },
      { row: 98, reason: expect.stringMatching(/HTS code 0000000001 is not a line/) },
    ]);
    // exactly the bad lines: i divisible by 97 or by 89 (1,547 + 1,686 − 18 divisible by both)
    expect(s.rejected).toBe(1547 + 1686 - 18);
  }, 300_000);

  it('sorts a written file by row only when it is out of order', async () => {
    const file = join(work, 'shuffled.parquet');
    await queryRows(
      `COPY (SELECT * FROM (VALUES (2, 'b'), (1, 'a'), (3, 'c')) t("row", x)) TO ${sqlString(file)} (FORMAT parquet)`,
    );
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    expect(await keepFileOrder(conn, file)).toBe(false);
    const rows = await queryRows<{ row: number; x: string }>(
      `SELECT CAST("row" AS INTEGER) AS "row", x FROM read_parquet(${sqlString(file)})`,
    );
    expect(rows.map((r) => r.x)).toEqual(['a', 'b', 'c']);
    expect(await keepFileOrder(conn, file)).toBe(true);
    conn.closeSync();
  });
});

describe('POST /api/entries', () => {
  const post = async (payload: string | object, contentType: string, query = '') => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/entries${query}`,
      headers: { 'content-type': contentType },
      payload,
    });
    return {
      status: res.statusCode,
      body: String(res.headers['content-type']).includes('json') ? JSON.parse(res.body) : res.body,
    };
  };

  it('prices a CSV body and answers the summary and the lines', async () => {
    const { status, body } = await post(readFileSync(join(FIXTURES, 'broker.csv'), 'utf8'), 'text/csv');
    expect(status).toBe(200);
    expect(body.summary).toMatchObject({ rows: 11, accepted: 4, rejected: 7, file: 'upload', out: '' });
    expect(body.summary.totals.refund_due_usd).toBe(450);
    expect(body.lines_total).toBe(11);
    expect(body.lines[0]).toMatchObject({ row: 1, duty_statutory_usd: 200, refund_due_usd: 200 });
  });

  it('prices a JSON body and answers every line as CSV', async () => {
    const entries = [
      {
        'Entry Date': '2025-11-05',
        'HTS Number': '8517.13.0000',
        'Country of Origin': 'CN',
        'Line Entered Value': 1000,
      },
    ];
    const { status, body } = await post({ entries }, 'application/json', '?format=csv');
    expect(status).toBe(200);
    expect(body).toMatch(/^row,/);
    expect(body).toMatch(/us-ieepa-fentanyl-cn:200/);
  });

  it.each([
    ['', 'text/csv', '', /body is empty/, 'body'],
    [{ rows: [] }, 'application/json', '', /array of entry lines/, 'body'],
    [[1, 2], 'application/json', '', /entry line 1 of the body is not an object/, 'body'],
    ['Date,Code\n2025-01-01,1\n', 'text/csv', '', /no column for the HTS code/, 'hts'],
    [readFileSync(join(FIXTURES, 'broker.csv'), 'utf8'), 'text/csv', '?strict=1', /row 5: entry date/, 'file'],
    ['Entry Date,HTS,Origin,Value\n2025-11-05,8517130000,CN,1\n', 'text/csv', '?limit=x', /limit/, 'limit'],
  ])('answers 400 for a bad body %#', async (payload, type, query, message, field) => {
    const { status, body } = await post(payload, type, query);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
    expect(body.field).toBe(field);
  });
});
