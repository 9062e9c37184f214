// Scenario arithmetic on real products of the shipped data and the baseline ledger.
import { beforeAll, describe, expect, it } from 'vitest';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { compareScenarios, contextForScenario, listScenarios } from '../../src/service/scenarios.js';
import { evaluate } from '../../src/engine/evaluate.js';

let base: TradewarContext;
beforeAll(async () => {
  base = await openContext();
});

async function stack(scenario: string, dest: string, product: string, origin: string, date: string) {
  const ctx = await contextForScenario(base, scenario);
  return evaluate(ctx.rules(dest), product, origin, date);
}
const contrib = (s: Awaited<ReturnType<typeof stack>>, measure: string) =>
  s.layers.filter((l) => l.measure === measure && l.applies).reduce((a, l) => a + l.contribution_pct, 0);

describe('shipped scenarios', () => {
  it('lists the five scenarios of the issue', async () => {
    const names = (await listScenarios()).map((s) => s.name);
    for (const n of ['busan-truce', 'no-deal-2025-11', 'lapse-2026-11-10', 'extension-2027', 'ieepa-upheld'])
      expect(names).toContain(n);
  });

  it('no-deal-2025-11 adds 100% + the 24 suspended points + the uncut fentanyl duty on a US line', async () => {
    const a = await stack('busan-truce', 'US', '9503000073', 'CN', '2025-12-01');
    const b = await stack('no-deal-2025-11', 'US', '9503000073', 'CN', '2025-12-01');
    expect(contrib(a, 'us-ieepa-fentanyl-cn')).toBe(10);
    expect(contrib(b, 'us-ieepa-fentanyl-cn')).toBe(20);
    expect(contrib(a, 'us-ieepa-reciprocal-cn')).toBe(10);
    expect(contrib(b, 'us-ieepa-reciprocal-cn')).toBe(34);
    expect(contrib(b, 'us-ieepa-threat-100pct-2025')).toBe(100);
    expect(b.total_pct - a.total_pct).toBe(100 + 10 + 24);
    // the threatened 100% falls with the ruling: assessed, not owed
    expect(b.total_pct - b.owed_total_pct).toBe(20 + 34 + 100);
  });

  it("no-deal-2025-11 keeps China's farm tariff and suspension, and adds the assumed 100% counter-duty", async () => {
    const a = await stack('busan-truce', 'CN', '1201901000', 'US', '2025-12-01');
    const b = await stack('no-deal-2025-11', 'CN', '1201901000', 'US', '2025-12-01');
    expect(contrib(b, 'cn-2025-03-10-farm') - contrib(a, 'cn-2025-03-10-farm')).toBe(10);
    expect(contrib(b, 'cn-2025-reciprocal') - contrib(a, 'cn-2025-reciprocal')).toBe(24);
    expect(contrib(b, 'cn-scenario-counter-100pct')).toBe(100);
    expect(b.total_pct - a.total_pct).toBe(134);
  });

  it('ieepa-upheld keeps the IEEPA duties after 2026-02-24 and drops Section 122', async () => {
    const a = await stack('busan-truce', 'US', '9503000073', 'CN', '2026-03-02');
    const b = await stack('ieepa-upheld', 'US', '9503000073', 'CN', '2026-03-02');
    expect(contrib(a, 'us-ieepa-fentanyl-cn') + contrib(a, 'us-ieepa-reciprocal-cn')).toBe(0);
    expect(contrib(b, 'us-ieepa-fentanyl-cn') + contrib(b, 'us-ieepa-reciprocal-cn')).toBe(20);
    expect(contrib(b, 'us-s122-surcharge-2026')).toBe(0);
    expect(b.total_pct - a.total_pct).toBe(20 - contrib(a, 'us-s122-surcharge-2026'));
    expect(b.owed_total_pct).toBe(b.total_pct); // no ruling in this scenario
  });

  it('extension-2027 keeps China at 10% after 2026-11-10 where the lapse returns it to 34%', async () => {
    const lapse = await stack('lapse-2026-11-10', 'CN', '1201901000', 'US', '2026-12-01');
    const ext = await stack('extension-2027', 'CN', '1201901000', 'US', '2026-12-01');
    const truce = await stack('busan-truce', 'CN', '1201901000', 'US', '2026-12-01');
    expect(contrib(lapse, 'cn-2025-reciprocal')).toBe(34);
    expect(contrib(ext, 'cn-2025-reciprocal')).toBe(10);
    expect(truce.total_pct).toBe(lapse.total_pct); // the baseline follows the scheduled lapse
  });

  it('compare gives both directions and the difference', async () => {
    const cmp = await compareScenarios(base, { a: 'busan-truce', b: 'no-deal-2025-11', at: '2025-12-01' });
    expect(cmp.rows.map((r) => `${r.importer}<${r.exporter}`)).toEqual(['US<CN', 'CN<US']);
    for (const r of cmp.rows) {
      expect(r.diff_pp).toBeCloseTo(r.b_pct - r.a_pct, 3);
      expect(r.diff_pp).toBeGreaterThan(100);
    }
    expect(cmp.by_section.length).toBeGreaterThanOrEqual(40);
  });
});
