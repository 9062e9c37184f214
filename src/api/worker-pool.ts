// A fixed pool of worker threads for the expensive routes (averages over many dates, series, panels, scenario
// comparisons): each worker loads the same context once (ledger + data, from the same folders) and answers
// jobs with the same route table, so the event loop stays free for light requests. A job that runs past
// `jobTimeoutMs` is answered 503 at once; its worker may finish it (the answer is dropped) within
// `hardKillMs`, after which the worker is terminated and replaced. (Terminating a worker while DuckDB works in
// it aborts the whole process, so a worker is only killed when it is stuck, not merely slow; a job spends
// milliseconds in DuckDB and the rest in plain JavaScript.) A worker that dies is replaced.
//
// The worker's entry file is found next to this one with this file's own extension: heavy-worker.ts when the
// code runs as TypeScript (tsx, vitest), heavy-worker.js once compiled to JavaScript. TypeScript entries are
// started through tsx's loader (registered inside the worker), compiled ones directly.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UserInputError } from '../util/errors.js';
import { SaturatedError } from './admission.js';
import type { CachedBody } from './cache.js';
import type { Query } from './routes.js';

/** What each worker needs to open the same context as the server. */
export interface WorkerInit {
  ledgerDir?: string;
  dataDir?: string;
  scenarioDir?: string;
  version: string;
}

export interface JobMessage {
  type: 'job';
  id: number;
  operationId: string;
  query: Query;
  body?: unknown;
}

export interface SerializedError {
  user: boolean;
  message: string;
  field?: string;
  extra?: Record<string, unknown>;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: SerializedError }
  | { type: 'result'; id: number; out: CachedBody }
  | { type: 'error'; id: number; error: SerializedError };

/** Default pool size: one core stays with the event loop; at least 1, at most 4 workers. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/** heavy-worker.ts or heavy-worker.js, beside this module. */
export function workerEntry(moduleUrl = import.meta.url): URL {
  const ext = extname(fileURLToPath(moduleUrl)) || '.js';
  return new URL(`./heavy-worker${ext}`, moduleUrl);
}

function spawn(entry: URL, init: WorkerInit): Worker {
  if (!/\.[cm]?ts$/.test(entry.pathname)) return new Worker(entry, { workerData: init });
  // TypeScript entry: register tsx's ESM loader inside the worker, then import the entry through it
  // (the ESM build of tsx/esm/api: what `import 'tsx/esm/api'` resolves to; the eval'd boot script is CommonJS)
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

export function toError(e: SerializedError): Error {
  if (!e.user) return new Error(e.message);
  return Object.assign(new UserInputError(e.message, e.field), e.extra ?? {});
}

interface Job {
  msg: JobMessage;
  resolve: (out: CachedBody) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** The job was answered 503 for taking too long; its result will be dropped. */
  overdue?: boolean;
  killTimer?: NodeJS.Timeout;
}

export interface PoolOptions {
  size?: number;
  /** A job running longer is answered 503 (default 30 s)… */
  jobTimeoutMs?: number;
  /** …and its worker is terminated and replaced if still busy after this long (default 4 × jobTimeoutMs). */
  hardKillMs?: number;
  /** Override the entry (tests). */
  entry?: URL;
}

export class WorkerPool {
  readonly size: number;
  readonly jobTimeoutMs: number;
  readonly hardKillMs: number;
  private readonly entry: URL;
  private readonly slots: Slot[] = [];
  private readonly pending: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Counters for tests and the benchmark. */
  readonly stats = { jobs: 0, timeouts: 0, kills: 0, restarts: 0 };

  constructor(
    private readonly init: WorkerInit,
    opts: PoolOptions = {},
  ) {
    this.size = Math.max(1, opts.size ?? defaultPoolSize());
    this.jobTimeoutMs = opts.jobTimeoutMs ?? 30_000;
    this.hardKillMs = opts.hardKillMs ?? 4 * this.jobTimeoutMs;
    this.entry = opts.entry ?? workerEntry();
  }

  /** Starts every worker and waits until each has loaded its context (a bad ledger or data fails here). */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.addWorker()));
  }

  private addWorker(): Promise<void> {
    const worker = spawn(this.entry, this.init);
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          slot.ready = true;
          resolve();
          this.pump();
        } else if (m.type === 'init-error') {
          reject(toError(m.error));
          this.removeSlot(slot);
          void worker.terminate();
        } else if (m.type === 'result' || m.type === 'error') {
          const job = slot.job;
          if (!job || job.msg.id !== m.id) return;
          clearTimeout(slot.timer);
          clearTimeout(slot.killTimer);
          slot.job = undefined;
          if (slot.overdue)
            slot.overdue = false; // already answered 503: drop the late answer
          else if (m.type === 'result') job.resolve(m.out);
          else job.reject(toError(m.error));
          this.pump();
        }
      });
      worker.on('error', (err) => {
        if (!slot.ready) reject(err);
        this.replace(slot, new Error(`worker failed: ${err.message}`));
      });
      worker.on('exit', () => {
        if (!slot.ready) reject(new Error('worker exited while loading'));
        this.replace(slot, new Error('worker exited'));
      });
    });
  }

  private removeSlot(slot: Slot): boolean {
    const i = this.slots.indexOf(slot);
    if (i < 0) return false;
    this.slots.splice(i, 1);
    return true;
  }

  /** Drops a failed or stopped worker (failing its job with `err`) and starts another. */
  private replace(slot: Slot, err: unknown): void {
    if (!this.removeSlot(slot)) return;
    clearTimeout(slot.timer);
    clearTimeout(slot.killTimer);
    slot.job?.reject(err);
    slot.job = undefined;
    if (this.closed || !slot.ready) return;
    this.stats.restarts++;
    this.addWorker().catch(() => {
      /* a replacement that cannot start leaves the pool smaller; jobs still run on the others */
    });
  }

  /** Runs one route's answer in a worker. */
  run(operationId: string, query: Query, body?: unknown): Promise<CachedBody> {
    if (this.closed) return Promise.reject(new Error('worker pool closed'));
    this.stats.jobs++;
    return new Promise<CachedBody>((resolve, reject) => {
      this.pending.push({ msg: { type: 'job', id: this.nextId++, operationId, query, body }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!this.pending.length) return;
      if (!slot.ready || slot.job) continue;
      const job = this.pending.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        this.stats.timeouts++;
        slot.overdue = true;
        job.reject(
          new SaturatedError(
            `this request needed more than ${Math.round(this.jobTimeoutMs / 1000)} s of computation and was stopped: ask for fewer dates or a shorter period`,
            5,
          ),
        );
        slot.killTimer = setTimeout(() => {
          this.stats.kills++;
          this.replace(slot, new Error('worker stuck'));
          void slot.worker.terminate();
        }, this.hardKillMs);
      }, this.jobTimeoutMs);
      slot.worker.postMessage(job.msg);
    }
  }

  /** Stops the pool: waiting jobs are refused; running ones may finish (up to `graceMs`) before the workers end. */
  async close(graceMs = 10_000): Promise<void> {
    this.closed = true;
    for (const job of this.pending.splice(0)) job.reject(new Error('server closing'));
    const until = Date.now() + graceMs;
    // (a worker still loading or answering is given time: terminating one inside DuckDB aborts the process)
    while (this.slots.some((s) => s.job || !s.ready) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        clearTimeout(s.timer);
        clearTimeout(s.killTimer);
        return s.worker.terminate();
      }),
    );
  }
}
