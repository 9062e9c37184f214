// GEPPML (Anderson–Larch–Yotov 2018) border removal on the authors' sample, read in place from the raw mirror:
// the PPML gravity coefficients and every country's conditional and full-endowment indexes against the Stata run.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReplication, GEPPML_COEFFICIENTS } from '../../src/impact/replications.js';
import { projectPath } from '../../src/util/paths.js';

const SOURCE = projectPath('..', 'shared', 'data');

describe('GEPPML border removal', () => {
  let r: ReturnType<typeof runReplication>;
  beforeAll(() => {
    r = runReplication('geppml-borders', SOURCE);
  }, 120_000);

  it('estimates the published gravity coefficients (to 1e-5)', () => {
    expect(r.settings.beta_LN_DIST as number).toBeCloseTo(GEPPML_COEFFICIENTS.LN_DIST, 5);
    expect(r.settings.beta_CNTG as number).toBeCloseTo(GEPPML_COEFFICIENTS.CNTG, 5);
    expect(r.settings.beta_BRDR as number).toBeCloseTo(GEPPML_COEFFICIENTS.BRDR, 5);
  });

  it("matches the authors' Stata indexes for all 41 countries (real GDP, exports, prices to 0.001 pp)", () => {
    const lines = readFileSync(join(SOURCE, 'model', 'geppml-aly2018', 'stata_results_all_indexes_geppml.csv'), 'utf8')
      .trim()
      .split(/\r?\n/);
    const head = lines[0]!.split(',');
    const col = (name: string) => head.indexOf(name);
    expect(lines.length - 1).toBe(41);
    for (const line of lines.slice(1)) {
      const c = line.split(',');
      const iso3 = c[0] === 'ZZZ' ? 'DEU' : c[0]!;
      const row = r.countries.find((x) => x.iso3 === iso3)!;
      expect(Math.abs(row.welfare_pct - Number(c[col('rGDP_full_ch')])), iso3).toBeLessThan(1e-3);
      expect(Math.abs(row.real_gdp_conditional_pct! - Number(c[col('rGDP_cndl_ch')])), iso3).toBeLessThan(1e-3);
      expect(Math.abs(row.exports_pct! - Number(c[col('tot_exp_full_ch')])), iso3).toBeLessThan(1e-2);
      expect(Math.abs(row.factory_price_pct! - 100 * (Number(c[col('p_full')]) - 1)), iso3).toBeLessThan(1e-3);
    }
    for (const p of r.published) expect(Number(row(p.iso3).toFixed(p.decimals))).toBe(p.value);
    function row(iso3: string) {
      return r.countries.find((x) => x.iso3 === iso3)!.welfare_pct;
    }
  });
});
