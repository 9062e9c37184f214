// How one route answers one query: its handler over the baseline or a scenario's context, the result as JSON
// or CSV. The server runs it on the event loop for light routes and in a worker (worker-pool.ts) for heavy ones;
// both run this same function over the same context, so the answers are the same.
import { nearestCodes, normaliseCode } from '../codes/product-codes.js';
import { toCsv, type Row } from '../util/csv.js';
import { UserInputError } from '../util/errors.js';
import { scenarioContext, type Query, type RouteDef, type RouteEnv } from './routes.js';
import type { CachedBody } from './cache.js';
import type { ProductHit } from './products.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** An unknown product code: attach the nearest valid codes with their descriptions. */
function withSuggestions(err: unknown, env: RouteEnv, q: Query): unknown {
  if (
    !(err instanceof UserInputError) ||
    err.field !== 'product' ||
    !q.product ||
    !/^unknown product/.test(err.message)
  )
    return err;
  const dest = (q.dest ?? 'US').toUpperCase();
  const universe = env.ctx.data.products.get(dest);
  if (!universe) return err;
  const suggestions: ProductHit[] = nearestCodes(normaliseCode(q.product), universe.keys()).map((code) => {
    const p = universe.get(code)!;
    return { importer: dest, code, level: p.level, description: p.description ?? '' };
  });
  return Object.assign(err, { suggestions });
}

export async function answer(route: RouteDef, env: RouteEnv, q: Query, body?: unknown): Promise<CachedBody> {
  const ctx = route.scenario ? await scenarioContext(env, q.scenario) : env.ctx;
  try {
    const result = await route.handler(ctx, q, env, body);
    if (q.format === 'csv' && route.csv)
      return { body: toCsv(route.csv(result as never) as Row[]), contentType: CSV_TYPE };
    return { body: JSON.stringify(result), contentType: JSON_TYPE };
  } catch (err) {
    throw withSuggestions(err, env, q);
  }
}
