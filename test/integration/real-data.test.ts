// The engine on the shipped data and the baseline ledger: acceptance cases of the issues and invariants.
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { averageQuery, intervalPanelQuery, panelQuery, rateQuery } from '../../src/service/queries.js';
import { refundQuery } from '../../src/service/refund.js';
import { changesQuery } from '../../src/service/changes.js';
import { timeline } from '../../src/service/events.js';

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
});

describe('baseline ledger on the shipped data', () => {
  it('shows MFN, Section 301 and IEEPA layers with sources for a List 3 product on 2025-11-05', () => {
    const s = rateQuery(ctx, { product: '9403608040', origin: 'CN', dest: 'US', date: '2025-11-05' });
    const applied = Object.fromEntries(s.layers.filter((l) => l.applies).map((l) => [l.measure, l]));
    expect(s.base.measure).toBe('us-mfn');
    expect(applied['us-s301-list3']!.contribution_pct).toBe(25);
    expect(applied['us-ieepa-fentanyl-cn']!.contribution_pct).toBe(20);
    expect(applied['us-ieepa-reciprocal-cn']!.contribution_pct).toBe(10); // 34% less 24 suspended points
    for (const l of s.layers) expect(l.source).toMatch(/^https?:\/\//);
    expect(s.total_pct).toBe(s.base_pct + 55);
    expect(s.owed_total_pct).toBe(s.base_pct + 25); // IEEPA struck down on 2026-02-20
  });

  it('gives the duty in dollars on a customs value', () => {
    const s = rateQuery(ctx, { product: '9403608040', origin: 'CN', dest: 'US', date: '2025-11-05', value: 10_000 });
    expect(s.amounts).toEqual({
      value_usd: 10_000,
      base_usd: 0,
      layers_usd: { 'us-s301-list3': 2500, 'us-ieepa-fentanyl-cn': 2000, 'us-ieepa-reciprocal-cn': 1000 },
      total_usd: 5500,
      owed_usd: 2500,
    });
    expect(() =>
      rateQuery(ctx, { product: '9403608040', origin: 'CN', dest: 'US', date: '2025-11-05', value: 'abc' }),
    ).toThrow(/value "abc" is not an amount/);
  });

  it('reproduces PIIE within tolerance where the issue asks it (2017 weights)', async () => {
    const [us] = await averageQuery(ctx, { importer: 'US', exporter: 'CN', at: '2018-01-01', weights: '2017' });
    expect(Math.abs(us!.average_pct - 3.1)).toBeLessThanOrEqual(1);
    const [cn] = await averageQuery(ctx, { importer: 'CN', exporter: 'US', at: '2018-09-24', weights: '2017' });
    expect(Math.abs(cn!.average_pct - 18.3)).toBeLessThanOrEqual(1.5);
  });

  it('gives the same averages whether it reads intervals (many dates) or evaluates each date (few)', async () => {
    const few = await averageQuery(ctx, { importer: 'US', exporter: 'CN', at: '2019-06-01,2025-04-10', by: 'section' });
    const many = await averageQuery(ctx, {
      importer: 'US',
      exporter: 'CN',
      at: '2018-01-01,2019-06-01,2020-02-14,2025-04-10,2026-03-01',
      by: 'section',
    });
    expect(many.filter((p) => ['2019-06-01', '2025-04-10'].includes(p.date))).toEqual(few);
  });

  it('decomposes an average by authority into parts that add up', async () => {
    const [p] = await averageQuery(ctx, {
      importer: 'US',
      exporter: 'CN',
      at: '2025-05-14',
      weights: '2017',
      by: 'authority',
    });
    const sum = Object.values(p!.by as Record<string, number>).reduce((a, v) => a + v, 0);
    expect(sum).toBeCloseTo(p!.average_pct, 2);
    expect(p!.coverage_pct).toBe(100); // the fentanyl duty covered every product
  });

  it('keeps the panel invariants on every US line: total = base + additional, nothing negative', () => {
    const rows = panelQuery(ctx, { importer: 'US', exporter: 'CN', at: '2025-11-05' });
    expect(rows.length).toBeGreaterThan(19_000);
    for (const r of rows) {
      expect(r.total_pct).toBeCloseTo(r.base_pct + r.additional_pct, 6);
      expect(r.additional_pct).toBeGreaterThanOrEqual(0);
      expect(r.owed_total_pct).toBeLessThanOrEqual(r.total_pct + 1e-9);
    }
  });

  it('encodes the panel as contiguous intervals that agree with rate at each start', () => {
    const rows = intervalPanelQuery(ctx, { importer: 'CN', exporter: 'US' });
    const soy = rows.filter((r) => r.product === '1201901000');
    expect(soy[0]!.valid_from).toBe('2018-01-01');
    expect(soy[soy.length - 1]!.valid_until).toBe('2027-01-01');
    for (let i = 1; i < soy.length; i++) expect(soy[i]!.valid_from).toBe(soy[i - 1]!.valid_until);
    for (const r of soy)
      expect(r.total_pct).toBeCloseTo(
        rateQuery(ctx, { product: r.product, origin: 'US', dest: 'CN', date: r.valid_from }).total_pct,
        6,
      );
  });

  it('estimates the IEEPA refund over a period day by day', () => {
    // smartphones: Annex II keeps the reciprocal duty off; fentanyl 10% (28 days), 20% (251), 10% (106)
    const r = refundQuery(ctx, {
      product: '8517130000',
      origin: 'CN',
      from: '2025-02-04',
      to: '2026-02-23',
      value: 1_000_000,
    });
    expect(r.days).toBe(385);
    expect(r.refundable_usd).toBeCloseTo((1_000_000 * (28 * 10 + 251 * 20 + 106 * 10)) / (385 * 100), 0);
  });

  it('lists what is scheduled next, including the Announcement 46 lapse and the legacy-chip step', () => {
    const next = changesQuery(ctx, { upcoming: true, today: '2026-11-23' });
    const dated = next.map((e) => `${e.date} ${e.record}`);
    expect(dated).toContain('2026-11-27 cn-ec-ann46-art2-suspension');
    expect(dated).toContain('2027-06-23 us-s301-legacy-chips');
    const since = changesQuery(ctx, { since: '2026-11-01', today: '2026-11-23' });
    expect(since.some((e) => e.date === '2026-11-10' && e.kind === 'suspension_ends')).toBe(true);
  });

  it('carries every non-tariff instrument in the timeline', () => {
    const kinds = new Set(timeline(ctx.ledger, '2026-11-23').map((e) => e.instrument_kind));
    for (const k of ['export_control', 'entity_listing', 'port_fee', 'purchase_commitment', 'investigation', 'event'])
      expect(kinds).toContain(k);
  });
});

describe('partners outside the conflict', () => {
  it('accepts any ISO 3166 country and says what the ledger does not model', () => {
    const s = rateQuery(ctx, { product: '8517130000', origin: 'DE', dest: 'US', date: '2025-11-05' });
    expect(s.layers.filter((l) => l.applies)).toEqual([]);
    expect(s.notes.join(' ')).toMatch(/models the US–China conflict/);
    expect(() => rateQuery(ctx, { product: '8517130000', origin: 'XX', dest: 'US', date: '2025-11-05' })).toThrow(
      /unknown country XX/,
    );
  });
});
