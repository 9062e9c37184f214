// /api/impact: what a scenario does to trade, prices, revenue and welfare (PE product by product with Monte Carlo
// bands, or GE country by country), over the engine's tariffs both ways.
import type { RouteDef } from './routes.js';
import { P, R } from './schemas.js';
import { impactQuery, type ImpactAnswer } from '../service/impact.js';
import type { Row } from '../util/csv.js';

export const IMPACT_ROUTES: RouteDef[] = [
  {
    url: '/api/impact',
    operationId: 'impact',
    tag: 'impact',
    summary: 'Impact of a scenario over another at a date: trade, diversion, prices, revenue, welfare by country',
    description:
      'model=pe: product-level partial equilibrium (CES between suppliers with Broda–Weinstein σ, import demand by ' +
      'NAICS industry from Hauk (2012), else 1.3, ' +
      'flat or finite export supply) on US imports (HTS10 × partners, 2024) and China’s imports from the US, with ' +
      'optional seeded Monte Carlo draws giving 5/50/95 bands on every aggregate. model=ge: the one-sector GE model of ' +
      'ILSS (2025) on 194 countries, fed the engine’s trade-weighted averages by direction. model=ge-sectors: the ' +
      'Caliendo–Parro (2015) multi-sector model (31 economies × 40 sectors with input–output links, 1993 data read from ' +
      'the raw mirror) fed the engine’s US–China averages by CP sector and direction; adds `sectors`. ' +
      'PE over a window (from, to instead of at): each interval of constant tariffs priced, amounts annualised, ' +
      'totals over the window in `window`. format=csv gives the country rows.',
    params: {
      scenario: { ...P.scenario, description: 'scenario to measure (see /api/scenarios)' },
      over: { ...P.scenario, description: 'scenario it is compared with' },
      at: P.date('date of the tariffs (or give from and to: PE over a window)'),
      from: P.date('PE over a window: first day (with to; instead of at)'),
      to: P.date('PE over a window: last day, inclusive; amounts annualised, window totals in `window`'),
      model: R.str('pe | ge | ge-sectors', { enum: ['pe', 'ge', 'ge-sectors'], default: 'pe' }),
      draws: { type: 'integer', minimum: 0, maximum: 2000, default: 0, description: 'Monte Carlo draws (PE)' },
      seed: { type: 'integer', minimum: 0, maximum: 2147483647, default: 1, description: 'seed of the draws' },
      top: { type: 'integer', minimum: 0, maximum: 1000, default: 25, description: 'product lines to list' },
      supply: R.str('PE export supply elasticity, or inf (flat supply, full pass-through)', {
        maxLength: 12,
        default: 'inf',
      }),
      demand: R.str('PE import demand elasticity: hauk (Hauk 2012 by NAICS industry, else 1.3) or one number', {
        maxLength: 12,
        default: 'hauk',
      }),
      format: P.format(['json', 'csv']),
    },
    required: ['scenario'],
    heavy: true, // PE draws, windows and GE solves take seconds: a worker process, under admission control
    cacheable: true,
    response: R.ref('ImpactAnswer'),
    csv: (a: ImpactAnswer) => a.countries as unknown as Row[],
    handler: (ctx, q, env) =>
      impactQuery(
        ctx,
        {
          scenario: q.scenario,
          over: q.over,
          at: q.at,
          from: q.from,
          to: q.to,
          model: q.model,
          draws: q.draws,
          seed: q.seed,
          top: q.top,
          supply: q.supply,
          demand: q.demand,
        },
        undefined,
        env.scenarioDir,
      ),
  },
];
