// The one folder every cache lives under (the context snapshot, the entries panel): TRADEWAR_CACHE_DIR, else
// $XDG_CACHE_HOME/tradewar, else ~/.cache/tradewar. TRADEWAR_CACHE is a deprecated alias of TRADEWAR_CACHE_DIR,
// read when the latter is unset; either set to `off` (or `0`) turns the caches off (the entries panel, which a run
// needs all the same, is then built under the temporary folder).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const CACHE_VARIABLE = 'TRADEWAR_CACHE_DIR';

const isOff = (v: string) => v === 'off' || v === '0';

/** The cache folder set in the environment: a path, null when caching is off, undefined when not set. */
export function configuredCacheRoot(env: NodeJS.ProcessEnv = process.env): string | null | undefined {
  const values = [env.TRADEWAR_CACHE_DIR, env.TRADEWAR_CACHE]; // TRADEWAR_CACHE: deprecated alias
  if (values.some((v) => v && isOff(v))) return null;
  const value = values.find(Boolean);
  return value ? resolve(value) : undefined;
}

/** The cache folder (null when caching is off). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = configuredCacheRoot(env);
  if (configured !== undefined) return configured;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tradewar');
}
