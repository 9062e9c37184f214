// ADR 82 on the shipped ledger and data: the unconfirmed suspension ends are marked, and every figure that rests on
// one says so with the figure on the other branch — the same engine with that one assumption flipped.
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { averageQuery, rateQuery, seriesQuery } from '../../src/service/queries.js';
import { searchQuery } from '../../src/service/search.js';
import { contextForScenario } from '../../src/service/scenarios.js';
import { unconfirmedItems } from '../../src/ledger/unconfirmed.js';
import { assumedLapses } from '../../src/ledger/ledger.js';

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
}, 120_000);

const UNCONFIRMED_ENDS = [
  'cn-2025-reciprocal-24pt',
  'cn-afsl-hanwha-suspension',
  'cn-ec-ann46-art2-suspension',
  'cn-ec-oct-2025-suspension',
  'cn-market-based-exclusions',
  'cn-port-fees-suspension-2025',
  'cn-uel-busan-suspension',
  'us-ec-affiliates-rule-suspension',
  'us-s301-exclusions-164',
  'us-s301-exclusions-solar-equipment-14',
  'us-s301-maritime-suspension-2025',
];

describe('unconfirmed steps and suspension ends (ADR 82)', () => {
  it('marks the ten one-year Busan suspension ends, the end of the market-based exclusions and the two expiry events, each with what would confirm it', () => {
    const items = unconfirmedItems(ctx.ledger);
    expect(items.map((i) => i.id).sort()).toEqual(UNCONFIRMED_ENDS);
    for (const i of items) {
      expect(i.kind).toBe('suspension_end');
      expect(i.confirm_by.length).toBeGreaterThan(20);
      expect(i.operation.op).toBe('extend_suspension');
    }
    expect(items.find((i) => i.id === 'cn-2025-reciprocal-24pt')).toMatchObject({
      date: '2026-11-10',
      confirm_by: expect.stringContaining('税委会公告2025年第10号'),
    });
    expect(items.find((i) => i.id === 'cn-ec-ann46-art2-suspension')!.date).toBe('2026-11-27');
    const events = ctx.ledger.events.filter((e) => e.confirmed === false).map((e) => e.id);
    expect(events.sort()).toEqual(['ev-2026-11-10-busan-expiry', 'ev-2026-11-27-ann46-revival']);
    expect(assumedLapses(ctx.ledger, '2026-12-01').length).toBe(10);
  });

  it('China on US goods, 2026-12-01: 54% says it assumes the 24-point lapse, 30% if it was extended', async () => {
    const [p] = await averageQuery(ctx, { importer: 'CN', exporter: 'US', at: '2026-12-01' });
    expect(p!.average_pct).toBeCloseTo(53.98, 1);
    expect(p!.unconfirmed).toHaveLength(1);
    const u = p!.unconfirmed![0]!;
    expect(u).toMatchObject({
      id: 'cn-2025-reciprocal-24pt',
      scenario: 'extension-2027',
      assumption: expect.stringMatching(/lapsed on 2026-11-10 \(unconfirmed\)/),
      alternative: 'if it was extended (to 2027-11-10)',
    });
    expect(u.alternative_average_pct).toBeCloseTo(29.98, 1);
    expect(p!.average_pct - u.alternative_average_pct).toBeGreaterThan(20);
    // the alternative is the engine over the ledger with the suspension extended: the extension-2027 scenario agrees
    const ext = await contextForScenario(ctx, 'extension-2027');
    const [q] = await averageQuery(ext, { importer: 'CN', exporter: 'US', at: '2026-12-01' });
    expect(u.alternative_average_pct).toBeCloseTo(q!.average_pct, 3);
    // on that branch nothing rests on an unconfirmed end any more
    expect(q!.unconfirmed).toBeUndefined();
  }, 60_000);

  it('says nothing before the first unconfirmed end, and per date when several are asked', async () => {
    const points = await averageQuery(ctx, { importer: 'CN', exporter: 'US', at: '2026-06-01,2026-11-09,2026-11-10' });
    expect(points[0]!.unconfirmed).toBeUndefined();
    expect(points[1]!.unconfirmed).toBeUndefined();
    expect(points[2]!.unconfirmed?.[0]?.id).toBe('cn-2025-reciprocal-24pt');
  }, 60_000);

  it('US on Chinese goods: the crane/chassis suspension moves the statutory average; partial exclusions only the expected', async () => {
    const [p] = await averageQuery(ctx, { importer: 'US', exporter: 'CN', at: '2026-12-01' });
    const ids = (p!.unconfirmed ?? []).map((u) => u.id);
    expect(ids).toContain('us-s301-maritime-suspension-2025');
    expect(ids).not.toContain('us-s301-exclusions-164');
    const ext = await contextForScenario(ctx, 'extension-2027');
    const u = p!.unconfirmed!.find((x) => x.id === 'us-s301-maritime-suspension-2025')!;
    expect(u.alternative_average_pct).toBeLessThan(p!.average_pct);
    const [e] = await averageQuery(ctx, { importer: 'US', exporter: 'CN', at: '2026-12-01', rate: 'expected' });
    expect((e!.unconfirmed ?? []).map((x) => x.id)).toContain('us-s301-exclusions-164');
    // extension-2027 flips every US item; only the crane/chassis one moves the statutory average, so they agree
    const [q] = await averageQuery(ext, { importer: 'US', exporter: 'CN', at: '2026-12-01' });
    expect(q!.average_pct).toBeCloseTo(u.alternative_average_pct, 3);
  }, 60_000);

  it('the series carries the alternative from the first unconfirmed point on', async () => {
    const points = await seriesQuery(ctx, { importer: 'CN', exporter: 'US', from: '2026-01-01', to: '2026-12-31' });
    const first = points.findIndex((p) => (p.unconfirmed?.length ?? 0) > 0);
    expect(points[first]!.date).toBe('2026-11-10');
    expect(points.slice(0, first).every((p) => p.unconfirmed === undefined)).toBe(true);
    const u = points[first]!.unconfirmed![0]!;
    expect(u.id).toBe('cn-2025-reciprocal-24pt');
    expect(u.alternative_average_pct).toBeCloseTo(points[first - 1]!.average_pct, 1);
  }, 60_000);

  it('a duty stack and a search hit carry the total on the other branch', async () => {
    const stack = rateQuery(ctx, { product: '1201901000', origin: 'US', dest: 'CN', date: '2026-12-01' });
    expect(stack.unconfirmed).toHaveLength(1);
    expect(stack.unconfirmed![0]).toMatchObject({ id: 'cn-2025-reciprocal-24pt', alternative_total_pct: 40.5 });
    expect(stack.total_pct).toBe(64.5);
    const before = rateQuery(ctx, { product: '1201901000', origin: 'US', dest: 'CN', date: '2026-11-09' });
    expect(before.unconfirmed).toBeUndefined();
    const hits = searchQuery(ctx, { q: '1201901000', importer: 'CN', date: '2026-12-01', limit: 1 });
    expect(hits[0]!.unconfirmed?.[0]).toMatchObject({ id: 'cn-2025-reciprocal-24pt', alternative_total_pct: 40.5 });
  }, 60_000);
});
