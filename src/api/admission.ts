// Admission control for expensive routes: at most `maxActive` heavy computations at once, at most `maxQueued`
// waiting (each for at most `queueTimeoutMs`); anything beyond is answered 503 with Retry-After at once instead
// of piling up. Light routes (a single rate, the events list, cached answers) never wait here, so they stay
// fast while a client loops the heaviest routes. Also the server's socket timeouts.

/** Node/Fastify socket limits: a slow or idle client cannot hold a connection or a half-sent request forever. */
export const SERVER_TIMEOUTS = {
  /** The whole request (headers and body) must arrive within this many ms (slowloris). */
  requestTimeout: 30_000,
  /** A socket with no activity at all is closed after this many ms (longer than the heaviest answer may take). */
  connectionTimeout: 120_000,
  /** An idle keep-alive connection is closed after this many ms. */
  keepAliveTimeout: 10_000,
  // Node checks the request limit on a timer (default every 30 s, so a slow request lived up to 60 s): every second.
  http: { headersTimeout: 30_000, connectionsCheckingInterval: 1_000 },
} as const;

/** A connection that has not sent a whole request head this long after it opened is closed (ms). */
export const FIRST_REQUEST_MS = SERVER_TIMEOUTS.requestTimeout;

const hadRequest = new WeakSet<object>();

/**
 * Closes connections that send no request within `ms` of opening. Node's own limits leave a connection that
 * never sends a byte to the 120 s inactivity timeout (measured: still open after 60 s), which let a client
 * hold sockets far longer than the documented 30 s.
 */
export function closeSilentConnections(
  server: import('node:http').Server,
  onRequest: (hook: (socket: object) => void) => void,
  ms = FIRST_REQUEST_MS,
): void {
  onRequest((socket) => hadRequest.add(socket));
  server.on('connection', (socket: import('node:net').Socket) => {
    const timer = setTimeout(() => {
      if (!hadRequest.has(socket)) socket.destroy();
    }, ms);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}

export interface AdmissionOptions {
  /** Heavy computations running at once (default: the worker pool's size, or 1 on the event loop). */
  maxActive?: number;
  /** Heavy requests allowed to wait for a free slot; more are refused with 503 (default 8 per slot). */
  maxQueued?: number;
  /** Longest wait for a slot before answering 503 (default 30 s). */
  queueTimeoutMs?: number;
}

/** The server is at capacity for heavy work: HTTP 503 with Retry-After. */
export class SaturatedError extends Error {
  readonly statusCode = 503;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'SaturatedError';
  }
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

export class Admission {
  readonly maxActive: number;
  readonly maxQueued: number;
  readonly queueTimeoutMs: number;
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Counters for tests and the benchmark. */
  readonly stats = { admitted: 0, queued: 0, refused: 0, timedOut: 0 };

  constructor(opts: AdmissionOptions = {}) {
    this.maxActive = Math.max(1, opts.maxActive ?? 1);
    this.maxQueued = Math.max(0, opts.maxQueued ?? 8 * this.maxActive);
    this.queueTimeoutMs = opts.queueTimeoutMs ?? 30_000;
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `job` when a slot is free; throws SaturatedError when the queue is full or the wait too long. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await job();
    } finally {
      this.release();
    }
  }

  private retryAfter(): number {
    return Math.max(1, Math.ceil((this.queue.length + 1) / this.maxActive));
  }

  private acquire(): Promise<void> {
    if (this.active < this.maxActive) {
      this.active++;
      this.stats.admitted++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.maxQueued) {
      this.stats.refused++;
      return Promise.reject(
        new SaturatedError(
          `the server is busy with ${this.active + this.queue.length} expensive requests: retry in a few seconds`,
          this.retryAfter(),
        ),
      );
    }
    this.stats.queued++;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          this.stats.timedOut++;
          reject(
            new SaturatedError(
              `no capacity for this expensive request within ${Math.round(this.queueTimeoutMs / 1000)} s: retry later`,
              this.retryAfter(),
            ),
          );
        }, this.queueTimeoutMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) {
      this.stats.admitted++;
      next.start(); // the slot passes straight to the next waiter
    } else this.active--;
  }
}
