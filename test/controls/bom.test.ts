// The BOM fixtures against China's export controls on their dates and scenarios (test/fixtures/controls/bom-expected.yaml).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { contextForScenario } from '../../src/service/scenarios.js';
import { bomQuery } from '../../src/service/controls.js';
import { parseBomCsv } from '../../src/controls/rules/bom.js';
import { projectPath } from '../../src/util/paths.js';
import { UserInputError } from '../../src/util/errors.js';

const dir = projectPath('test', 'fixtures', 'controls');
interface Expected {
  file: string;
  date: string;
  scenario?: string;
  licence_required: boolean;
  prohibited?: boolean;
  outcomes: Record<string, string>;
  why: string;
}
const cases = parse(readFileSync(`${dir}/bom-expected.yaml`, 'utf8')) as Expected[];

let ctx: TradewarContext;
beforeAll(async () => {
  ctx = await openContext();
});

describe('bill of materials fixtures', () => {
  it.each(cases.map((c) => [`${c.file} on ${c.date}${c.scenario ? ` (${c.scenario})` : ''}`, c] as const))(
    '%s',
    async (_label, c) => {
      const sc = await contextForScenario(ctx, c.scenario);
      const a = bomQuery(sc, { bom: readFileSync(`${dir}/${c.file}`, 'utf8'), date: c.date, file: c.file });
      expect(a.licence_required, c.why).toBe(c.licence_required);
      if (c.prohibited !== undefined) expect(a.prohibited, c.why).toBe(c.prohibited);
      for (const [measure, outcome] of Object.entries(c.outcomes))
        expect(a.rules.find((r) => r.measure === measure)?.outcome, `${measure}: ${c.why}`).toBe(outcome);
      for (const r of a.rules) if (r.triggered) expect(r.reasons.length).toBeGreaterThan(0);
    },
  );

  it('computes the extraterritorial content share: (3% + 1%) of a 60 magnet in a 1000 motor = 0.24%', () => {
    const a = bomQuery(ctx, { bom: readFileSync(`${dir}/bom-motor-de.json`, 'utf8'), date: '2026-12-01' });
    const no61 = a.rules.find((r) => r.measure === 'cn-ec-no61-extraterritorial')!;
    expect(no61.content_share_pct).toBeCloseTo(0.24, 6);
    // the annex's list of goods (Part 2) is not in our sources: the answer says the test was applied to any good
    expect(no61.reasons.some((r) => /Annex 1 Part 2.*check that the good is listed/.test(r))).toBe(true);
  });

  it('rejects a BOM without a finished good, naming the fix', () => {
    expect(() => parseBomCsv('hs,origin,value\n8505.11,CN,10\n')).toThrow(UserInputError);
    expect(() => parseBomCsv('hs,origin,value\n8505.11,CN,10\n')).toThrow(/role=finished/);
    expect(() => parseBomCsv('role,hs,origin,value\nfinished,8501,DEU,10\n')).toThrow(/ISO 3166/);
  });
});
