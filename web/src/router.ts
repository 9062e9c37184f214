// Hash routing: #/page?key=value. Pages read and write their state in the hash so links can be shared.
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  params: URLSearchParams;
}

export function parseHash(hash = window.location.hash): Route {
  const h = hash.replace(/^#\/?/, '');
  const [path, query] = h.split('?');
  return { page: path || 'overview', params: new URLSearchParams(query ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const on = () => setRoute(parseHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function hrefFor(page: string, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${page}${s ? `?${s}` : ''}`;
}

/** Replaces the page's params in the hash (no new history entry). */
export function setParams(page: string, params: Record<string, string | undefined>): void {
  const next = hrefFor(page, params);
  if (window.location.hash !== next) window.history.replaceState(null, '', next);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
