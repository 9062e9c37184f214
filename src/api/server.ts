// The HTTP server: the API routes of routes.ts over one loaded context, /openapi.json, /healthz and the built
// dashboard (web/dist) at /. `buildServer` does not listen, so tests can use `server.inject`.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TradewarContext } from '../service/context.js';
import { ledgerAsOf } from '../ledger/ledger.js';
import { todayIso } from '../util/dates.js';
import { projectPath } from '../util/paths.js';
import { type Query, type RouteEnv } from './routes.js';
import { ALL_ROUTES } from './route-table.js';
import { openApiDocument, querySchema } from './openapi.js';
import { installErrorHandlers } from './errors.js';
import { installResponseHeaders } from './headers.js';
import { installDecimalParams } from './decimal-params.js';
import { AnswerCache, type CachedBody } from './cache.js';
import { ProductIndex } from './products.js';
import { answer, CSV_TYPE, JSON_TYPE } from './answer.js';
import { Admission, closeSilentConnections, SERVER_TIMEOUTS, type AdmissionOptions } from './admission.js';
import { WorkerPool, type PoolOptions } from './worker-pool.js';
import { isHeavy } from './heavy.js';
import { uploadsToFiles } from './upload-file.js';
import { installOriginGuard, type OriginPolicy } from './origin-guard.js';

export const DASHBOARD_DIR = projectPath('web', 'dist');

export interface ServerOptions {
  /** Folder of scenario overlays (default: the project's scenarios/). */
  scenarioDir?: string;
  /** Built dashboard to serve at / (default web/dist; false: none). */
  dashboardDir?: string | false;
  /** Fastify logger setting (default off). */
  logger?: FastifyServerOptions['logger'];
  /** Bytes of answers kept in memory (default 64 MiB). */
  cacheBytes?: number;
  /**
   * Worker threads for the heavy routes (0 or absent: they run on the event loop, still under admission
   * control). Workers open the same context from `contextDirs`.
   */
  workers?: number;
  /** The folders `ctx` was opened from, for the workers (default: the project's ledger/ and ctx.data.dir). */
  contextDirs?: { ledgerDir?: string; dataDir?: string };
  /** Worker pool settings (job timeout). */
  pool?: Omit<PoolOptions, 'size'>;
  /** Limits on heavy work at once and waiting (default: one slot per worker, 8 waiting per slot). */
  admission?: AdmissionOptions;
  /** Browser origins allowed to call the API (default none: same-origin only), and extra host names served. */
  origins?: OriginPolicy;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function cacheKey(url: string, q: Query): string {
  return `${url}?${Object.keys(q)
    .sort()
    .map((k) => `${k}=${String(q[k])}`)
    .join('&')}`;
}

export async function buildServer(ctx: TradewarContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ...SERVER_TIMEOUTS,
    // unknown parameters are reported (not silently dropped); defaults are filled in so equal queries share a cache key
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: true,
        useDefaults: true,
        allErrors: false,
        allowUnionTypes: true,
      },
    },
  });
  const env: RouteEnv = {
    ctx,
    products: new ProductIndex(ctx.data),
    scenarioDir: options.scenarioDir,
    version: packageVersion(),
  };
  const cache = new AnswerCache(options.cacheBytes);
  const pool = options.workers
    ? new WorkerPool(
        {
          ledgerDir: options.contextDirs?.ledgerDir,
          dataDir: options.contextDirs?.dataDir ?? ctx.data.dir,
          scenarioDir: options.scenarioDir,
          version: env.version,
        },
        { ...options.pool, size: options.workers },
      )
    : undefined;
  if (pool) {
    await pool.start();
    app.addHook('onClose', () => pool.close());
  }
  const admission = new Admission({ maxActive: pool?.size ?? 1, ...options.admission });
  app.decorate('heavyWork', { admission, pool });
  // Heavy routes wait for a slot (or get 503) and run in a worker when there is a pool; light ones run at once.
  const compute = (route: (typeof ALL_ROUTES)[number], q: Query, body?: unknown) =>
    isHeavy(route, q)
      ? admission.run(() => (pool ? pool.run(route.operationId, q, body) : answer(route, env, q, body)))
      : answer(route, env, q, body);
  installErrorHandlers(app, (err, req) => req.log.error({ err }, 'internal error'));
  app.decorate('answerCache', cache);

  closeSilentConnections(app.server, (mark) =>
    app.addHook('onRequest', async (req) => {
      mark(req.raw.socket);
    }),
  );
  installDecimalParams(app); // numbers in query strings are plain decimals (no 0x10, 1e3, Infinity)
  installOriginGuard(app, options.origins); // Host checked (421), cross-site API calls refused unless allowed
  installResponseHeaders(app); // nosniff, referrer policy, CSP, caching of static files

  // POST routes that take text (CSV files, articles) get the body as a string; JSON bodies are parsed as usual.
  app.addContentTypeParser(['text/plain', 'text/csv'], { parseAs: 'string' }, (_req, text, done) => done(null, text));

  for (const route of ALL_ROUTES) {
    const reply200 = (reply: FastifyReply, out: CachedBody) => {
      reply.type(out.contentType);
      if (out.contentType === CSV_TYPE)
        reply.header('content-disposition', `attachment; filename="${route.operationId}.csv"`);
      return reply.send(out.body);
    };
    if (route.method === 'POST') {
      const schema = {
        querystring: querySchema(route),
        ...(route.body && !route.textBody ? { body: route.body } : {}),
      };
      const register = (scope: FastifyInstance) =>
        scope.post(
          route.url,
          { schema, ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}) },
          async (req, reply) => reply200(reply, await compute(route, req.query as Query, req.body)),
        );
      if (!route.uploadToFile) register(app);
      else
        // in a scope of its own, the body goes to a temporary file the worker reads (upload-file.ts)
        await app.register(async (scope) => {
          uploadsToFiles(scope, route.bodyLimit ?? 1024 * 1024);
          register(scope);
        });
      continue;
    }
    app.get(route.url, { schema: { querystring: querySchema(route) } }, async (req, reply) => {
      const q = req.query as Query;
      const out = route.cacheable
        ? await cache.get(cacheKey(route.url, q), () => compute(route, q))
        : await compute(route, q);
      return reply200(reply, out);
    });
  }

  const openapi = JSON.stringify(openApiDocument(env.version));
  app.get('/openapi.json', async (_req, reply) => reply.type(JSON_TYPE).send(openapi));
  app.get('/healthz', async () => ({ ok: true, ledger_as_of: ledgerAsOf(ctx.ledger, todayIso()) }));

  const dashboard = options.dashboardDir === undefined ? DASHBOARD_DIR : options.dashboardDir;
  if (dashboard && existsSync(join(dashboard, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: dashboard,
      prefix: '/',
      wildcard: true,
      cacheControl: false, // Cache-Control comes from installResponseHeaders (immutable hashed assets)
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><title>tradewar</title><p>The dashboard is not built: run <code>npm run web:build</code> (or <code>npm start</code>). The API is at <a href="/openapi.json">/openapi.json</a>.</p>',
        ),
    );
  }
  return app;
}

/** The dashboard's first queries (overview series both ways, both weights; today's figures), computed once in
 * the background after the server starts listening so the first visitor does not wait for them. */
export async function warmUp(app: FastifyInstance, say: (msg: string) => void = () => {}): Promise<void> {
  const started = Date.now();
  const today = todayIso();
  const urls: string[] = [];
  for (const weights of ['2017', '2024'])
    for (const [importer, exporter] of [
      ['US', 'CN'],
      ['CN', 'US'],
    ]) {
      urls.push(
        `/api/series?importer=${importer}&exporter=${exporter}&weights=${weights}&from=2018-01-01&to=2026-12-31`,
      );
      urls.push(`/api/average?importer=${importer}&exporter=${exporter}&at=${today}&weights=${weights}&by=authority`);
    }
  for (const url of urls) {
    await new Promise((r) => setImmediate(r)); // let waiting requests in between
    const res = await app.inject(url);
    if (res.statusCode !== 200) say(`warm-up ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  say(`warmed up ${urls.length} queries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

declare module 'fastify' {
  interface FastifyInstance {
    answerCache: AnswerCache;
    heavyWork: { admission: Admission; pool?: WorkerPool };
  }
}
