// Calls to the tradewar API. Errors carry the server's message and the field at fault.
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | boolean | undefined | null>;

export function apiUrl(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

const memo = new Map<string, Promise<unknown>>();

/** Tries for an answer the server is too busy to compute yet (503 + Retry-After: its heavy work is at capacity). */
const BUSY_TRIES = 6;

async function fetchPatiently(url: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (res.status !== 503 || attempt >= BUSY_TRIES) return res;
    const wait = Math.min(10, Math.max(1, Number(res.headers.get('retry-after')) || attempt));
    await new Promise((r) => setTimeout(r, wait * 1000));
  }
}

export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const url = apiUrl(path, params);
  let p = memo.get(url) as Promise<T> | undefined;
  if (!p) {
    p = fetchPatiently(url).then(async (res) => {
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const b = body as { error?: string; field?: string } | null;
        throw new ApiError(b?.error ?? `${res.status} ${res.statusText}`, res.status, b?.field, body);
      }
      return body as T;
    });
    memo.set(url, p);
    p.catch(() => memo.delete(url));
    if (memo.size > 300) memo.delete(memo.keys().next().value!);
  }
  return p;
}
