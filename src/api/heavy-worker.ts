// Entry of a worker thread of worker-pool.ts: opens the same context as the server (ledger + data, verified
// against the manifest) once, then answers jobs with the same route table and `answer` as the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openContext } from '../service/context.js';
import { UserInputError } from '../util/errors.js';
import { answer } from './answer.js';
import { ProductIndex } from './products.js';
import { ALL_ROUTES } from './route-table.js';
import type { RouteEnv } from './routes.js';
import type { JobMessage, SerializedError, WorkerInit, WorkerMessage } from './worker-pool.js';

function serialize(err: unknown): SerializedError {
  if (err instanceof UserInputError) {
    const extra: Record<string, unknown> = {};
    const suggestions = (err as UserInputError & { suggestions?: unknown }).suggestions;
    if (suggestions) extra.suggestions = suggestions;
    const httpStatus = (err as UserInputError & { httpStatus?: number }).httpStatus;
    if (httpStatus) extra.httpStatus = httpStatus;
    return { user: true, message: err.message, field: err.field, extra };
  }
  return { user: false, message: err instanceof Error ? err.message : String(err) };
}

const port = parentPort!;
const send = (m: WorkerMessage) => port.postMessage(m);
const init = workerData as WorkerInit;

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
  port.on('message', (msg: JobMessage) => {
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
