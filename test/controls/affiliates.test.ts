// The 50% Affiliates Rule on the ownership fixture: chains, splits, aggregation, cycles and dated stakes; then
// through the service with the real lists and the rule's dates from the ledger (baseline and extension-2027).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { affiliatesCoverage, entityKey, parseOwnershipCsv } from '../../src/controls/ownership/affiliates.js';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { contextForScenario } from '../../src/service/scenarios.js';
import { screenQuery } from '../../src/service/controls.js';
import { projectPath } from '../../src/util/paths.js';

const text = readFileSync(projectPath('test', 'fixtures', 'controls', 'ownership.csv'), 'utf8');
const edges = parseOwnershipCsv(text);
const listed = new Map([[entityKey('Huawei Technologies Co. Ltd.'), 'bis-entity-list']]);
const covered = (date: string) => {
  const c = affiliatesCoverage(edges, listed, date);
  return (name: string) => c.get(entityKey(name))?.covered ?? false;
};

describe('affiliates coverage (BIS FAQ aggregation)', () => {
  const on = covered('2025-10-01');
  it('follows a chain: X 50% → A, A 50% → B covers B', () => {
    expect(on('Quorvant Alpha Ltd')).toBe(true);
    expect(on('Quorvant Beta Ltd')).toBe(true);
  });
  it('aggregates split stakes of covered owners: 25% + 25% covers', () => {
    expect(on('Veltrix Three Ltd')).toBe(true);
  });
  it('adds a listed owner’s direct stake and a covered intermediary’s in full: 10% + 40%', () => {
    expect(on('Nembrook Beta GmbH')).toBe(true);
    const c = affiliatesCoverage(edges, listed, '2025-10-01').get(entityKey('Nembrook Beta GmbH'))!;
    expect(c.total_share).toBe(50);
    expect(c.stakes.map((s) => s.basis).sort()).toEqual(['covered', 'listed']);
  });
  it('stops below the threshold (49%) and at uncovered intermediaries, even in a cycle', () => {
    expect(on('Ostravel Minor SRO')).toBe(false);
    expect(on('Cyclotrem Pi Ltd')).toBe(false);
    expect(on('Cyclotrem Rho Ltd')).toBe(false);
    expect(on('Cyclotrem Sigma Ltd')).toBe(true);
    expect(on('Cyclotrem Tau Ltd')).toBe(true);
    expect(on('Plainfield Sub LLC')).toBe(false);
  });
  it('honours the stakes’ dates', () => {
    expect(covered('2025-10-01')('Datumvale Corp')).toBe(true);
    expect(covered('2025-10-20')('Datumvale Corp')).toBe(false);
    expect(covered('2024-06-01')('Datumvale Corp')).toBe(false);
  });
});

describe('screen with an ownership file (real lists, ledger dates)', () => {
  let ctx: TradewarContext;
  beforeAll(async () => {
    ctx = await openContext();
  });
  const aff = async (c: TradewarContext, name: string, date: string) =>
    (await screenQuery(c, { name, date, ownership: text })).affiliates!;

  it('covers Quorvant Beta while the rule is in force (2025-10-01), with owners and stakes', async () => {
    const a = await aff(ctx, 'Quorvant Beta Ltd', '2025-10-01');
    expect(a.rule?.state).toBe('in_force');
    expect(a.covered_by_ownership).toBe(true);
    expect(a.applies).toBe(true);
    expect(a.stakes).toEqual([{ owner: 'Quorvant Alpha Ltd', share: 50, basis: 'covered' }]);
  });
  it('is not applied before 2025-09-29 nor during the suspension 2025-11-10 .. 2026-11-09', async () => {
    expect((await aff(ctx, 'Quorvant Beta Ltd', '2025-09-28')).applies).toBe(false);
    const s = await aff(ctx, 'Quorvant Beta Ltd', '2026-03-01');
    expect(s.rule?.state).toBe('suspended');
    expect(s.covered_by_ownership).toBe(true);
    expect(s.applies).toBe(false);
    expect(s.reason).toMatch(/would be covered/);
  });
  it('applies again after 2026-11-10 in the baseline, not under extension-2027', async () => {
    expect((await aff(ctx, 'Quorvant Beta Ltd', '2026-12-01')).applies).toBe(true);
    const ext = await contextForScenario(ctx, 'extension-2027');
    expect((await aff(ext, 'Quorvant Beta Ltd', '2026-12-01')).rule?.state).toBe('suspended');
  });
});
