// Which requests count as heavy work (admission control, worker pool): routes marked `heavy`, and any route
// asked about a scenario other than the baseline (opening a scenario compiles its rules, ~1 s the first time).
import type { Query, RouteDef } from './routes.js';

export function isHeavy(route: RouteDef, q: Query): boolean {
  if (route.heavy) return true;
  return route.scenario === true && q.scenario !== undefined && q.scenario !== '' && q.scenario !== 'baseline';
}
