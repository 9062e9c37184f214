// Every route the server registers and /openapi.json publishes: the core query routes of routes.ts plus each
// capability's own table (one import and one spread per capability, so features add routes without touching
// each other's files).
import { ROUTES, type RouteDef } from './routes.js';
import { ENTRIES_ROUTES } from './routes-entries.js';

export const ALL_ROUTES: RouteDef[] = [...ROUTES, ...ENTRIES_ROUTES];
