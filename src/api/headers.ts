// Response headers every answer carries: no MIME sniffing, no referrer sent to the source links the dashboard
// opens, a Content-Security-Policy (the dashboard loads only its own scripts and may not be framed by other
// sites; API answers load nothing), and caching by what a file is — Vite's hashed assets never change, so they
// are immutable for a year; the page itself is revalidated on every visit so a rebuild shows at once. CORS headers
// are origin-guard.ts's: none unless an origin is allowed.
//
// Cache-Control is set here in onSend, after @fastify/static has written its own (its default `max-age=0`
// used to override the immutable header the static plugin's setHeaders asked for, because the plugin applies
// its own headers after calling setHeaders).
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and ECharts set element styles from script (CSSOM, allowed); the inline allowance covers style attributes
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** For JSON, CSV and error answers: nothing to load, no framing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** A file Vite named by content hash: /assets/index-3f9a1c2b.js, /assets/Overview-DqW1x_9Z.css. */
export function isHashedAsset(path: string): boolean {
  return /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path);
}

export function installResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0] ?? '/';
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    const type = String(reply.getHeader('content-type') ?? '');
    const isApi = path.startsWith('/api/') || path === '/openapi.json' || path === '/healthz';
    // by path, not by content type: a 304 for the page carries no content type, and the browser merges the 304's
    // headers into its cached page — an API policy there blocked the dashboard's own scripts after a reload
    if (!isApi || type.startsWith('text/html')) {
      reply.header('content-security-policy', DASHBOARD_CSP);
      reply.header('x-frame-options', 'DENY');
    } else reply.header('content-security-policy', API_CSP);
    if (!isApi && reply.statusCode === 200) reply.header('cache-control', isHashedAsset(path) ? IMMUTABLE : REVALIDATE);
    return payload;
  });
}
