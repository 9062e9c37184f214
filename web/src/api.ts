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

export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  const url = apiUrl(path, params);
  let p = memo.get(url) as Promise<T> | undefined;
  if (!p) {
    p = fetch(url, { headers: { accept: 'application/json' } }).then(async (res) => {
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
