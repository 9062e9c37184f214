// `impact --model ge-sectors`: the engine's US–China tariffs by Caliendo–Parro sector through the multi-sector model
// on the authors' 1993 world (read in place from the raw mirror): the HS → sector mapping, a zero change giving zero,
// the signs of the no-deal scenario over the Busan truce, and the API answer.
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { impactQuery, type ImpactAnswer } from '../../src/service/impact.js';
import { buildServer } from '../../src/api/server.js';
import { cpSectorOfHs } from '../../src/impact/cp-sectors.js';
import { CP_SECTORS } from '../../src/impact/cp-data.js';
import { compareCp, solveCp } from '../../src/impact/ge-sectors.js';
import { cpModel, usChinaTariffMatrix } from '../../src/impact/ge-sectors-world.js';
import { projectPath } from '../../src/util/paths.js';

const SOURCE = projectPath('..', 'shared', 'data');
const sector = (code: string) => {
  const s = cpSectorOfHs(code);
  return s === undefined ? undefined : CP_SECTORS[s];
};

describe('HS → Caliendo–Parro sector', () => {
  it.each([
    ['0101210010', 'Agriculture'],
    ['0201100000', 'Food'],
    ['2709002000', 'Mining'],
    ['2710124500', 'Petroleum'],
    ['3004909290', 'Chemicals'],
    ['6110202079', 'Textile'],
    ['6403990000', 'Textile'],
    ['7208510030', 'Basic metals'],
    ['7318150000', 'Metal products'],
    ['7616999000', 'Metal products'],
    ['8471300100', 'Office'],
    ['8473301180', 'Office'],
    ['8429520000', 'Machinery n.e.c.'],
    ['8517130000', 'Communication'],
    ['8542310000', 'Communication'],
    ['8504400000', 'Electrical'],
    ['8703800000', 'Auto'],
    ['8711600000', 'Other transport'],
    ['8802400000', 'Other transport'],
    ['9018900000', 'Medical'],
    ['9403600000', 'Other manufacturing'],
    ['9503000090', 'Other manufacturing'],
    ['7113190000', 'Other manufacturing'],
  ])('%s → %s', (code, name) => {
    expect(sector(code)).toBe(name);
  });

  it('leaves chapters 98–99 (special provisions) unmapped', () => {
    expect(cpSectorOfHs('9801001000')).toBeUndefined();
    expect(cpSectorOfHs('9903880100')).toBeUndefined();
  });

  it('maps every HS chapter 01–97 except the reserved 77 to one of the 20 tradable sectors', () => {
    for (let c = 1; c <= 97; c++) {
      if (c === 77) continue;
      const s = cpSectorOfHs(`${String(c).padStart(2, '0')}0100`);
      expect(s, `chapter ${c}`).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(20);
    }
  });
});

describe('the multi-sector model on US–China tariffs', () => {
  it('a solve reached from elsewhere gives the same equilibrium: the same tariffs compare as zero', () => {
    const m = cpModel(SOURCE);
    const flat = (v: number) => new Float64Array(20).fill(v);
    const D0 = new Float64Array(m.base.n);
    const tau = usChinaTariffMatrix(m, { usOnCn: flat(0.3), cnOnUs: flat(0.25) });
    const other = solveCp(m.base, usChinaTariffMatrix(m, { usOnCn: flat(1), cnOnUs: flat(1) }), D0);
    const a = solveCp(m.base, tau, D0);
    const b = solveCp(m.base, tau, D0, { start: other });
    const r = compareCp(m.base, a, b);
    for (let i = 0; i < m.base.n; i++) {
      expect(Math.abs(r.realIncomePct[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(r.welfarePct[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(r.pricesPct[i]!)).toBeLessThan(1e-6);
    }
  }, 60_000);
});

describe('impact --model ge-sectors on the real ledger', () => {
  let ctx: TradewarContext;
  let noDeal: ImpactAnswer;
  beforeAll(async () => {
    ctx = await openContext();
    noDeal = await impactQuery(ctx, {
      scenario: 'no-deal-2025-11',
      over: 'busan-truce',
      at: '2025-12-01',
      model: 'ge-sectors',
    });
  }, 300_000);

  it('a scenario over itself gives zero everywhere', async () => {
    const r = await impactQuery(ctx, {
      scenario: 'busan-truce',
      over: 'busan-truce',
      at: '2025-12-01',
      model: 'ge-sectors',
    });
    expect(r.countries.length).toBe(32); // 31 economies and NON_US
    for (const c of r.countries) {
      expect(Math.abs(c.welfare_pct), c.iso3).toBeLessThan(1e-9);
      expect(Math.abs(c.prices_pct!), c.iso3).toBeLessThan(1e-9);
      expect(Math.abs(c.real_wage_pct!), c.iso3).toBeLessThan(1e-9);
    }
    for (const s of r.sectors!) expect(s.us_on_cn_scenario_pct).toBe(s.us_on_cn_baseline_pct);
  }, 300_000);

  it('no deal over the Busan truce: both lose, China more (in % of income); US–China trade falls in every sector', () => {
    const row = (iso3: string) => noDeal.countries.find((c) => c.iso3 === iso3)!;
    expect(noDeal.model).toBe('ge-sectors');
    expect(row('USA').welfare_pct).toBeLessThan(0);
    expect(row('CHN').welfare_pct).toBeLessThan(row('USA').welfare_pct);
    expect(row('CHN').real_wage_pct!).toBeLessThan(0);
    expect(row('USA').real_wage_pct!).toBeLessThan(0);
    expect(noDeal.sectors!.length).toBe(20);
    for (const s of noDeal.sectors!) {
      expect(s.tariffs_from, s.sector).toBe('engine');
      expect(s.us_on_cn_scenario_pct, s.sector).toBeGreaterThan(s.us_on_cn_baseline_pct);
      expect(s.cn_on_us_scenario_pct, s.sector).toBeGreaterThan(s.cn_on_us_baseline_pct);
      expect(s.us_imports_from_cn_pct, s.sector).toBeLessThan(0);
      expect(s.cn_imports_from_us_pct, s.sector).toBeLessThan(0);
    }
    expect(noDeal.notes[0]).toMatch(/DATA VINTAGE.*1993/);
  });

  it('/api/impact?model=ge-sectors answers the same shape; a bad model is a 400 naming the field', async () => {
    const app = await buildServer(ctx, { dashboardDir: false });
    try {
      const ok = await app.inject(
        '/api/impact?scenario=no-deal-2025-11&over=busan-truce&at=2025-12-01&model=ge-sectors',
      );
      expect(ok.statusCode).toBe(200);
      const body = ok.json() as ImpactAnswer;
      expect(body.model).toBe('ge-sectors');
      expect(body.sectors!.length).toBe(20);
      expect(body.countries.find((c) => c.iso3 === 'USA')!.welfare_pct).toBeCloseTo(
        noDeal.countries.find((c) => c.iso3 === 'USA')!.welfare_pct,
        8,
      );
      const bad = await app.inject('/api/impact?scenario=no-deal-2025-11&at=2025-12-01&model=ge-sector');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().field).toBe('model');
    } finally {
      await app.close();
    }
  }, 300_000);
});
