// Every route the server registers and /openapi.json publishes: the core query routes of routes.ts plus each
// capability's own table (one import and one spread per capability, so features add routes without touching
// each other's files).
import { ROUTES, type RouteDef } from './routes.js';
import { COMMITMENTS_ROUTES } from './routes-commitments.js';
import { NEWS_ROUTES } from './routes-news.js';
import { CONTROLS_ROUTES } from './routes-controls.js';
import { IMPACT_ROUTES } from './routes-impact.js';
import { ENTRIES_ROUTES } from './routes-entries.js';
import { HTS_ROUTES } from './routes-hts.js';

export const ALL_ROUTES: RouteDef[] = [
  ...ROUTES,
  ...COMMITMENTS_ROUTES,
  ...NEWS_ROUTES,
  ...CONTROLS_ROUTES,
  ...IMPACT_ROUTES,
  ...ENTRIES_ROUTES,
  ...HTS_ROUTES,
];
