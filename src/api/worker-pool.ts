// A fixed pool of worker processes for the expensive routes (averages over many dates, series, panels, scenario
// comparisons, impact, entry files, commitments): each worker opens the same context once (ledger + data, from
// the same folders) and answers jobs with the same route table, so the event loop stays free for light requests.
//
// Workers are child processes, not threads (ADR 80, second pass): a job that runs past `jobTimeoutMs` is
// answered 503 at once, and if its worker is still busy `hardKillMs` later the process is killed (SIGKILL) and
// replaced. Killing a process can never take the server down; terminating a worker *thread* while DuckDB worked
// in it aborted the whole server (`terminate called after throwing an instance of 'Napi::Error'`), which is why
// stuck threads used to be left running for minutes. A job waiting for a free worker waits at most
// `queueTimeoutMs`, then gets 503 with Retry-After — never silence.
//
// The worker's entry file is found next to this one with this file's own extension: heavy-worker.ts when the
// code runs as TypeScript (tsx, vitest), started through tsx's loader; heavy-worker.js once compiled.
import { fork, type ChildProcess } from 'node:child_process';
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

/** The environment variable carrying a worker's `WorkerInit` (JSON). */
export const WORKER_INIT_ENV = 'TRADEWAR_WORKER_INIT';

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
  /** HTTP status for errors that are neither bad input nor internal (e.g. 503 when a cache cannot be written). */
  statusCode?: number;
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

function spawn(entry: URL, init: WorkerInit): ChildProcess {
  // a TypeScript entry is loaded through tsx's loader (--import), a compiled one directly
  const execArgv = /\.[cm]?ts$/.test(entry.pathname)
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  return fork(fileURLToPath(entry), [], {
    execArgv,
    serialization: 'advanced', // structured clone: strings and objects of answers pass as they are
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [WORKER_INIT_ENV]: JSON.stringify(init) },
  });
}

export function toError(e: SerializedError): Error {
  if (e.user) return Object.assign(new UserInputError(e.message, e.field), e.extra ?? {});
  if (e.statusCode === 503) return new SaturatedError(e.message, 30);
  return new Error(e.message);
}

interface Job {
  msg: JobMessage;
  resolve: (out: CachedBody) => void;
  reject: (err: unknown) => void;
  /** Fires when the job has waited `queueTimeoutMs` for a worker. */
  queueTimer?: NodeJS.Timeout;
}

interface Slot {
  child: ChildProcess;
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
  /** …and its worker process is killed and replaced if still busy after this long (default 5 s). */
  hardKillMs?: number;
  /** Longest wait for a free worker before answering 503 (default 30 s). */
  queueTimeoutMs?: number;
  /** Override the entry (tests). */
  entry?: URL;
}

export class WorkerPool {
  readonly size: number;
  readonly jobTimeoutMs: number;
  readonly hardKillMs: number;
  readonly queueTimeoutMs: number;
  private readonly entry: URL;
  private readonly slots: Slot[] = [];
  private readonly pending: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Counters for tests and the benchmark. */
  readonly stats = { jobs: 0, timeouts: 0, kills: 0, restarts: 0, queueTimeouts: 0 };

  constructor(
    private readonly init: WorkerInit,
    opts: PoolOptions = {},
  ) {
    this.size = Math.max(1, opts.size ?? defaultPoolSize());
    this.jobTimeoutMs = opts.jobTimeoutMs ?? 30_000;
    this.hardKillMs = opts.hardKillMs ?? 5_000;
    this.queueTimeoutMs = opts.queueTimeoutMs ?? 30_000;
    this.entry = opts.entry ?? workerEntry();
  }

  /** Starts every worker and waits until each has loaded its context (a bad ledger or data fails here). */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.addWorker()));
  }

  /** Process ids of the workers (tests). */
  get pids(): number[] {
    return this.slots.map((s) => s.child.pid ?? -1);
  }

  private addWorker(): Promise<void> {
    const child = spawn(this.entry, this.init);
    const slot: Slot = { child, ready: false };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      child.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') {
          slot.ready = true;
          resolve();
          this.pump();
        } else if (m.type === 'init-error') {
          reject(toError(m.error));
          this.removeSlot(slot);
          child.kill('SIGKILL');
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
      child.on('error', (err) => {
        if (!slot.ready) reject(err);
        this.replace(slot, new Error(`worker failed: ${err.message}`));
      });
      child.on('exit', (code, signal) => {
        if (!slot.ready) reject(new Error(`worker exited while loading (${signal ?? `code ${code}`})`));
        this.replace(slot, new Error(`worker exited (${signal ?? `code ${code}`})`));
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
    if (slot.job && !slot.overdue) slot.job.reject(err);
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
      const job: Job = { msg: { type: 'job', id: this.nextId++, operationId, query, body }, resolve, reject };
      job.queueTimer = setTimeout(() => {
        const i = this.pending.indexOf(job);
        if (i < 0) return;
        this.pending.splice(i, 1);
        this.stats.queueTimeouts++;
        reject(
          new SaturatedError(
            `no worker was free for this expensive request within ${Math.round(this.queueTimeoutMs / 1000)} s: retry later`,
            Math.max(1, Math.ceil(this.hardKillMs / 1000)),
          ),
        );
      }, this.queueTimeoutMs);
      this.pending.push(job);
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!this.pending.length) return;
      if (!slot.ready || slot.job || !slot.child.connected) continue;
      const job = this.pending.shift()!;
      clearTimeout(job.queueTimer);
      slot.job = job;
      slot.timer = setTimeout(() => this.overdue(slot, job), this.jobTimeoutMs);
      slot.child.send(job.msg);
    }
  }

  /** A job past its time limit: answered 503 now; its worker is killed if it has not finished `hardKillMs` later. */
  private overdue(slot: Slot, job: Job): void {
    this.stats.timeouts++;
    slot.overdue = true;
    job.reject(
      new SaturatedError(
        `this request needed more than ${Math.round(this.jobTimeoutMs / 1000)} s of computation and was stopped: ask for fewer dates, fewer draws or a shorter period, or use the command line, which has no time limit`,
        Math.max(1, Math.ceil(this.hardKillMs / 1000)),
      ),
    );
    slot.killTimer = setTimeout(() => {
      if (slot.job !== job) return;
      this.stats.kills++;
      slot.child.kill('SIGKILL'); // 'exit' replaces it
    }, this.hardKillMs);
  }

  /** Stops the pool: waiting jobs are refused, running ones fail, every worker process is ended. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.pending.splice(0)) {
      clearTimeout(job.queueTimer);
      job.reject(new SaturatedError('the server is shutting down', 5));
    }
    await Promise.all(
      this.slots.splice(0).map((s) => {
        clearTimeout(s.timer);
        clearTimeout(s.killTimer);
        if (s.job && !s.overdue) s.job.reject(new SaturatedError('the server is shutting down', 5));
        if (s.child.exitCode !== null || s.child.signalCode !== null) return Promise.resolve();
        return new Promise<void>((resolve) => {
          s.child.once('exit', () => resolve());
          s.child.kill('SIGKILL');
        });
      }),
    );
  }
}
