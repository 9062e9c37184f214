// A code shorter than the schedule's lines (HS8, HS6, a chapter) is expanded into its lines by every command that
// takes a code, as `rate` does: /api/rate/history, `tradewar changes` and /api/changes, `tradewar refund`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { historyQuery } from '../../src/service/history.js';
import { refundQuery } from '../../src/service/refund.js';
import { changesAnswer, changesQuery } from '../../src/service/changes.js';
import { rateQuery } from '../../src/service/queries.js';
import { productIntervals } from '../../src/engine/panel.js';
import { projectPath } from '../../src/util/paths.js';

const cli = (...args: string[]) => {
  const r = spawnSync(
    process.execPath,
    [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('src', 'cli', 'main.ts'), ...args],
    { encoding: 'utf8', cwd: projectPath() },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// HTS8 9403.60.80 (other wooden furniture): 4 HTS10 lines, one of which (…8093) pays a higher Section 301 rate
const HEADING = '9403.60.80';
let ctx: TradewarContext;
let app: FastifyInstance;
let lines: string[];
beforeAll(async () => {
  ctx = await openContext();
  app = await buildServer(ctx, { dashboardDir: false });
  lines = rateQuery(ctx, { product: HEADING, origin: 'CN', dest: 'US', date: '2025-11-05' }).lines!.map((l) => l.code);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('rate history of a shorter code', () => {
  it('gives every line its intervals, as the engine has them, and the highest line in full', () => {
    const h = historyQuery(ctx, { product: HEADING, origin: 'CN', dest: 'US' });
    expect(lines.length).toBeGreaterThan(1);
    expect(h.query).toMatchObject({ asked: HEADING, kind: 'heading', lines_count: lines.length });
    expect(h.lines!.map((l) => l.code)).toEqual(lines);
    const rules = ctx.rules('US');
    for (const l of h.lines!)
      expect(l.intervals.map((i) => [i.from, i.until, i.total])).toEqual(
        productIntervals(rules, l.code, 'CN').map((i) => [i.from, i.until, Math.round(i.total * 1e6) / 1e6]),
      );
    const peak = (code: string) => Math.max(...h.lines!.find((l) => l.code === code)!.intervals.map((i) => i.total));
    expect(Math.max(...lines.map(peak))).toBe(peak(h.product));
    expect(h.intervals.map((i) => i.total)).toEqual(
      h.lines!.find((l) => l.code === h.product)!.intervals.map((i) => i.total),
    );
    expect(h.notes![0]).toMatch(/94036080 is not a national tariff line of the US schedule: it covers 4 lines/);
  });

  it('answers a national line as before (no lines)', () => {
    const h = historyQuery(ctx, { product: '9403608093', origin: 'CN', dest: 'US' });
    expect(h.product).toBe('9403608093');
    expect(h.lines).toBeUndefined();
    expect(h.query).toBeUndefined();
  });

  it('over the API, as JSON and as CSV with a line column', async () => {
    const res = await app.inject({ url: `/api/rate/history?product=940360&origin=CN&dest=US` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.query.kind).toBe('heading');
    expect(body.lines.every((l: { code: string }) => l.code.startsWith('940360'))).toBe(true);
    const csv = await app.inject({ url: `/api/rate/history?product=94036080&origin=CN&dest=US&format=csv` });
    expect(csv.body.split('\n')[0]).toMatch(/^line,from,until,base_pct,additional_pct,total_pct,owed_pct/);
    expect(
      new Set(
        csv.body
          .trim()
          .split('\n')
          .slice(1)
          .map((r) => r.split(',')[0]),
      ),
    ).toEqual(new Set(lines));
  });
});

describe('refund of a shorter code', () => {
  it('estimates every line as if the whole value were entered under it, and shows the highest', () => {
    const input = { origin: 'CN', from: '2025-03-01', to: '2025-12-31', value: 100000 };
    const r = refundQuery(ctx, { ...input, product: HEADING });
    const each = lines.map((code) => refundQuery(ctx, { ...input, product: code }));
    expect(r.lines!.map((l) => [l.code, l.refundable_usd, l.assessed_total_usd, l.owed_total_usd])).toEqual(
      each.map((e) => [e.product, e.refundable_usd, e.assessed_total_usd, e.owed_total_usd]),
    );
    const max = Math.max(...each.map((e) => e.refundable_usd));
    const min = Math.min(...each.map((e) => e.refundable_usd));
    expect(r.refundable_range_usd).toEqual({ min, max });
    expect(r.refundable_usd).toBe(max);
    expect(r.query).toMatchObject({ asked: HEADING, kind: 'heading', shown: r.product });
    // the lines pay different Section 301 rates, so their refunds differ
    expect(min).toBeLessThan(max);
    expect(r.notes![0]).toMatch(/covers 4 lines; .* refund in question runs from \$[\d,.]+ to \$[\d,.]+/);
  });

  it('says in the table that the code was expanded', () => {
    const r = cli(
      'refund',
      '--product',
      '94036080',
      '--origin',
      'CN',
      '--from',
      '2025-03-01',
      '--to',
      '2025-12-31',
      '--value',
      '1000',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^94036080 is not a national tariff line of the US schedule: it covers 4 lines/);
    for (const l of lines) expect(r.out).toContain(l);
  });
});

describe('changes to a shorter code', () => {
  const input = { origin: 'CN', since: '2018-01-01', today: '2025-12-31' };
  it('lists the changes to any line under it, each naming the lines it concerns', () => {
    const all = changesQuery(ctx, { ...input, product: HEADING });
    const byLine = new Map(lines.map((l) => [l, changesQuery(ctx, { ...input, product: l })]));
    const key = (e: { date: string; record: string; kind: string }) => `${e.date} ${e.record} ${e.kind}`;
    const union = new Set([...byLine.values()].flatMap((es) => es.map(key)));
    expect(new Set(all.map(key))).toEqual(union);
    for (const e of all) expect(e.lines).toEqual(lines.filter((l) => byLine.get(l)!.some((x) => key(x) === key(e))));
    // a line's own query names no lines
    expect(byLine.get(lines[0]!)!.every((e) => e.lines === undefined)).toBe(true);
    // Section 301 changes that concern only some of the lines are among them
    expect(all.some((e) => e.lines!.length < lines.length)).toBe(true);
    expect(changesAnswer(ctx, { ...input, product: HEADING }).note).toMatch(/covers 4 lines/);
  });

  it('over the API and in the table', async () => {
    const res = await app.inject({ url: `/api/changes?product=94036080&origin=CN&since=2025-01-01&today=2025-12-31` });
    expect(res.statusCode).toBe(200);
    expect(res.json().every((e: { lines: string[] }) => e.lines.length > 0)).toBe(true);
    const t = cli(
      'changes',
      '--product',
      '94036080',
      '--origin',
      'CN',
      '--since',
      '2025-01-01',
      '--today',
      '2025-12-31',
    );
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^94036080 is not a national tariff line of the US schedule: it covers 4 lines/);
    expect(t.out).toMatch(/ 4 of 4 /);
  });
});
