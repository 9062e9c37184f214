// Golden cases (cases.yaml): each states the layers that apply and the total for a product, origin,
// destination, date and optional scenario, with the reason the figures are right.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { openContext, type TradewarContext } from '../../src/service/context.js';
import { contextForScenario } from '../../src/service/scenarios.js';
import { rateQuery } from '../../src/service/queries.js';
import { projectPath } from '../../src/util/paths.js';

const goldenCase = z
  .object({
    name: z.string(),
    product: z.string(),
    origin: z.string(),
    dest: z.string(),
    date: z.string(),
    scenario: z.string().optional(),
    layers: z.record(z.string(), z.number()),
    total: z.number(),
    owed: z.number().optional(),
    /** The expected rate (ADR 9); when given, checked like the total. */
    expected: z.number().optional(),
    /** Expected contribution of each applying layer (ADR 9, 81); when given, checked exactly like `layers`. */
    expected_layers: z.record(z.string(), z.number()).optional(),
    /** Words each named layer's reason (or expected source) must contain. */
    reasons: z.record(z.string(), z.string()).optional(),
    tolerance: z.number().default(1e-6),
    why: z.string(),
  })
  .strict();
const cases = z.array(goldenCase).parse(parse(readFileSync(projectPath('test', 'golden', 'cases.yaml'), 'utf8')));

let base: TradewarContext;
beforeAll(async () => {
  base = await openContext();
});

describe('golden cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const ctx = await contextForScenario(base, c.scenario);
    const s = rateQuery(ctx, c);
    const applied = Object.fromEntries(s.layers.filter((l) => l.applies).map((l) => [l.measure, l.contribution_pct]));
    expect(applied).toEqual(c.layers);
    expect(Math.abs(s.total_pct - c.total)).toBeLessThanOrEqual(c.tolerance);
    if (c.owed !== undefined) expect(Math.abs(s.owed_total_pct - c.owed)).toBeLessThanOrEqual(c.tolerance);
    if (c.expected !== undefined) expect(Math.abs(s.expected_pct - c.expected)).toBeLessThanOrEqual(c.tolerance);
    if (c.expected_layers)
      expect(
        Object.fromEntries(s.layers.filter((l) => l.applies).map((l) => [l.measure, l.expected_contribution_pct])),
      ).toEqual(c.expected_layers);
    for (const [measure, words] of Object.entries(c.reasons ?? {})) {
      const l = s.layers.find((x) => x.measure === measure);
      expect(`${l?.reason ?? ''} ${l?.expected_source ?? ''}`).toContain(words);
    }
  });
});
