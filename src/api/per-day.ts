// Answers that depend only on the server's context and today's date (e.g. /api/meta, which lists the scenario
// files): computed once per server and day instead of on every request.
const memo = new WeakMap<object, Map<string, { day: string; value: Promise<unknown> }>>();

export function oncePerDay<T>(owner: object, key: string, today: string, compute: () => Promise<T>): Promise<T> {
  let byKey = memo.get(owner);
  if (!byKey) memo.set(owner, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && hit.day === today) return hit.value as Promise<T>;
  const value = compute();
  byKey.set(key, { day: today, value });
  value.catch(() => byKey.delete(key)); // a failure is retried on the next request
  return value;
}
