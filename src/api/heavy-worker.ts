// Entry of a worker process of worker-pool.ts: opens the same context as the server (ledger + data, verified
// against the manifest) once, then answers jobs with the same route table and `answer` as the event loop. It
// ends itself when the server goes away (the IPC channel closes), so a killed server leaves no worker behind.
import { openContext } from '../service/context.js';
import { UserInputError } from '../util/errors.js';
import { answer } from './answer.js';
import { ProductIndex } from './products.js';
import { ALL_ROUTES } from './route-table.js';
import type { RouteEnv } from './routes.js';
import {
  WORKER_INIT_ENV,
  type JobMessage,
  type SerializedError,
  type WorkerInit,
  type WorkerMessage,
} from './worker-pool.js';

function serialize(err: unknown): SerializedError {
  if (err instanceof UserInputError) {
    const extra: Record<string, unknown> = {};
    const suggestions = (err as UserInputError & { suggestions?: unknown }).suggestions;
    if (suggestions) extra.suggestions = suggestions;
    const httpStatus = (err as UserInputError & { httpStatus?: number }).httpStatus;
    if (httpStatus) extra.httpStatus = httpStatus;
    return { user: true, message: err.message, field: err.field, extra };
  }
  const statusCode = (err as { statusCode?: unknown } | null)?.statusCode;
  return {
    user: false,
    message: err instanceof Error ? err.message : String(err),
    ...(statusCode === 503 ? { statusCode } : {}),
  };
}

if (!process.send) throw new Error('heavy-worker runs as a child process of the server (worker-pool.ts)');
const send = (m: WorkerMessage) => process.send!(m);
const init = JSON.parse(process.env[WORKER_INIT_ENV] ?? '{}') as WorkerInit;
process.on('disconnect', () => process.exit(0));

try {
  const ctx = await openContext({ ledgerDir: init.ledgerDir, dataDir: init.dataDir });
  let products: ProductIndex | undefined;
  const env: RouteEnv = {
    ctx,
    get products() {
      return (products ??= new ProductIndex(ctx.data)); // built only if a job needs it
    },
    scenarioDir: init.scenarioDir,
    version: init.version,
  };
  const routes = new Map(ALL_ROUTES.map((r) => [r.operationId, r]));
  process.on('message', (msg: JobMessage) => {
    const route = routes.get(msg.operationId);
    if (!route) {
      send({ type: 'error', id: msg.id, error: { user: false, message: `no route ${msg.operationId}` } });
      return;
    }
    answer(route, env, msg.query, msg.body).then(
      (out) => send({ type: 'result', id: msg.id, out }),
      (err: unknown) => send({ type: 'error', id: msg.id, error: serialize(err) }),
    );
  });
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'init-error', error: serialize(err) });
}
