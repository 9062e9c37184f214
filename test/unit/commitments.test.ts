// The purchase-commitment tracker on the shipped data (Phase One against PIIE's reading; Busan soybeans) and
// on user files in official layouts (Census monthly exports, USDA export sales).
import { describe, expect, it } from 'vitest';
import { loadLedger } from '../../src/ledger/load.js';
import { commitmentReports, commitmentRows } from '../../src/commitments/commitments.js';
import { readActualsFile } from '../../src/commitments/user-files.js';
import { projectPath } from '../../src/util/paths.js';
import { UserInputError } from '../../src/util/errors.js';

const ledger = loadLedger(projectPath('ledger'));
const dataDir = projectPath('data');
const fixture = (f: string) => projectPath('test', 'fixtures', 'commitments', f);

describe('Phase One on the shipped data', async () => {
  const [p1] = await commitmentReports(ledger, dataDir, { name: 'phase-one' });
  const cat = (id: string) => p1!.categories.find((c) => c.category === id)!;

  it('has the contract shape and the categories of the issue', () => {
    expect(p1!.name).toBe('phase-one');
    expect(p1!.data_until).toBe('2021-12-31');
    expect(p1!.categories.map((c) => c.category)).toEqual([
      'goods',
      'manufactured',
      'agriculture',
      'energy',
      'services',
    ]);
    for (const c of p1!.categories)
      for (const k of ['category', 'target_usd', 'actual_usd', 'share_met_pct', 'by_year']) expect(c).toHaveProperty(k);
  });

  it('reproduces PIIE goods (about 60%) and agriculture (about 83%) within 3 points', () => {
    expect(Math.abs(cat('goods').share_met_pct! - 60)).toBeLessThanOrEqual(3);
    expect(Math.abs(cat('agriculture').share_met_pct! - 83)).toBeLessThanOrEqual(3);
    // energy was the weakest category (PIIE and Bloomberg: about a third)
    expect(cat('energy').share_met_pct!).toBeLessThan(45);
  });

  it('derives targets from the 2017 baseline in the same data plus the agreed increments', () => {
    const ag2020 = cat('agriculture').by_year[0]!;
    expect(ag2020.increment_usd).toBe(12.5e9);
    expect(ag2020.target_usd! - ag2020.baseline_usd!).toBeCloseTo(12.5e9, -3);
    // PIIE's 2017 US-export baseline for covered agriculture: USD 20.9bn
    expect(ag2020.baseline_usd! / 1e9).toBeGreaterThan(20.5);
    expect(ag2020.baseline_usd! / 1e9).toBeLessThan(21.5);
    const goods = cat('goods');
    expect(goods.target_usd).toBeCloseTo(
      ['manufactured', 'agriculture', 'energy'].reduce((a, id) => a + cat(id).target_usd!, 0),
      -3,
    );
  });

  it('states the services data gap instead of a number', () => {
    const s = cat('services');
    expect(s.target_usd).toBeNull();
    expect(s.actual_usd).toBeNull();
    expect(s.data_gap).toMatch(/services/i);
  });

  it('has months for 2020 from the monthly Census file, cumulative (December 2020 is incomplete there)', () => {
    const months = cat('agriculture').by_month;
    expect(months.map((m) => m.month)).toContain('2020-11');
    expect(months.map((m) => m.month)).not.toContain('2020-12');
    const nov = months.find((m) => m.month === '2020-11')!;
    expect(nov.cumulative_actual_usd! / 1e9).toBeGreaterThan(20);
    expect(nov.cumulative_target_usd! / cat('agriculture').by_year[0]!.target_usd!).toBeCloseTo(11 / 12, 5);
  });
});

describe('Busan soybeans', () => {
  it('compares 2025 shipments with the first 12 Mt and says the data are yearly', async () => {
    const [b] = await commitmentReports(ledger, dataDir, { name: 'busan-soybeans' });
    const soy = b!.categories.find((c) => c.category === 'soybeans')!;
    expect(soy.target_tonnes).toBe(12e6);
    expect(soy.actual_tonnes! / 1e6).toBeGreaterThan(5);
    expect(soy.actual_tonnes! / 1e6).toBeLessThan(12);
    expect(soy.by_year[0]!.note).toMatch(/outside the window/);
    expect(soy.by_year[1]!.actual_tonnes).toBeNull();
    expect(b!.data_until).toBe('2025-12-31');
  });

  it('uses a loaded Census monthly file for the window and says so', async () => {
    const [b] = await commitmentReports(ledger, dataDir, {
      name: 'busan-soybeans',
      actualsFiles: [fixture('census-exports-soybeans.csv')],
    });
    const soy = b!.categories.find((c) => c.category === 'soybeans')!;
    // Nov 2025 - Feb 2026, China only, HS6 rows only (HS10 not counted twice): 1 + 4 + 3 + 2 Mt
    expect(soy.by_year[0]!.actual_tonnes).toBe(10e6);
    expect(soy.by_year[0]!.source).toBe('census-file:census-exports-soybeans.csv');
    expect(b!.data_until).toBe('2026-02-28');
    // the months count in the first window and again in the 2026 window (the windows overlap)
    expect(soy.by_month.map((m) => `${m.window_from} ${m.month}`)).toEqual([
      '2025-10-30 2025-11',
      '2025-10-30 2025-12',
      '2025-10-30 2026-01',
      '2025-10-30 2026-02',
      '2026-01-01 2026-01',
      '2026-01-01 2026-02',
    ]);
    expect(b!.data_used.some((d) => d.source.startsWith('census-file:'))).toBe(true);
  });

  it('reads the Census API JSON answer the same way', async () => {
    const a = await readActualsFile(fixture('census-exports-soybeans.csv'));
    const j = await readActualsFile(fixture('census-exports-soybeans.json'));
    expect(j.rows.map((r) => [r.from, r.code, r.tonnes])).toEqual(a.rows.map((r) => [r.from, r.code, r.tonnes]));
  });

  it('reads USDA export sales: shipments and purchases by week', async () => {
    const [b] = await commitmentReports(ledger, dataDir, {
      name: 'busan-soybeans',
      actualsFiles: [fixture('usda-esr-soybeans.csv')],
    });
    const first = b!.categories.find((c) => c.category === 'soybeans')!.by_year[0]!;
    expect(first.actual_tonnes).toBe(750000); // China only: 0 + 250,000 + 500,000
    expect(first.purchases_tonnes).toBe(3.8e6);
    expect(first.source).toMatch(/^usda-esr-file:/);
  });

  it('refuses a file in neither layout with the columns it needs', async () => {
    await expect(readActualsFile(fixture('not-a-trade-file.csv'))).rejects.toThrow(/E_COMMODITY, ALL_VAL_MO/);
    await expect(readActualsFile(fixture('missing.csv'))).rejects.toBeInstanceOf(UserInputError);
  });

  it('refuses an unknown commitment name', async () => {
    await expect(commitmentReports(ledger, dataDir, { name: 'phase-two' })).rejects.toThrow(
      /unknown commitment "phase-two"/,
    );
  });
});

describe('rows for tables and CSV', () => {
  it('gives one row per category and window, months on request', async () => {
    const reports = await commitmentReports(ledger, dataDir, { name: 'phase-one' });
    const rows = commitmentRows(reports, { months: true });
    expect(rows.find((r) => r.category === 'goods' && r.period === '2020-2021')).toBeDefined();
    expect(rows.filter((r) => r.category === 'agriculture' && /^2020-\d\d$/.test(String(r.period)))).toHaveLength(11);
  });
});
