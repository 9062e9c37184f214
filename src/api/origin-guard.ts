// Who may talk to the server from a browser. A local server is reachable from every page the user opens, so:
// - Host: a request must name this server — an IP address, `localhost`, this machine's name, or a name given
//   with `--allow-host`; any other name is answered 421. This defeats DNS rebinding, where a hostile page's
//   own domain is made to resolve to 127.0.0.1 and its requests arrive with that domain as Host.
// - Origin: the API answers same-origin requests (the dashboard) and the origins given with `--cors`, and no
//   others: no `Access-Control-Allow-Origin` by default; a cross-site request to /api/* (an Origin that is
//   neither this server nor allowed, or `Sec-Fetch-Site: cross-site` from a browser) is refused with 403 before
//   any work is done, so a page cannot start heavy jobs on the user's server by firing requests it cannot
//   read. A top-level navigation (a link the user clicks) is let through: the user sees what it opens.
// - OPTIONS (CORS preflight): 204 with the allowed methods and headers for an allowed origin, 403 otherwise.
import { hostname as machineName } from 'node:os';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UserInputError } from '../util/errors.js';

export interface OriginPolicy {
  /** Origins (scheme://host[:port]) allowed to call the API from a browser, or '*' for any. */
  cors?: readonly string[];
  /** Host names accepted besides IP addresses, localhost and this machine's name. */
  allowedHosts?: readonly string[];
}

const API_PATH = /^\/(api\/|openapi\.json$|healthz$)/;

/** `https://a.example:8443/` → `https://a.example:8443`; refuses anything that is not an http(s) origin. */
export function normaliseOrigin(origin: string): string {
  if (origin === '*') return origin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new UserInputError(`--cors "${origin}" is not an origin: write it as https://host[:port]`, 'cors');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.replace(/\/$/, '') !== '')
    throw new UserInputError(`--cors "${origin}" is not an origin: write it as https://host[:port]`, 'cors');
  return url.origin;
}

/** The host name of a Host header, without its port and brackets, lower-case; undefined when malformed. */
export function hostOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header.trim());
  if (!m) return undefined;
  return m[1]!.replace(/^\[|\]$/g, '').toLowerCase();
}

export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  const host = hostOf(header);
  if (host === undefined) return false;
  if (isIP(host)) return true; // an address names no domain that could be rebound
  return host === 'localhost' || host.endsWith('.localhost') || allowed.has(host);
}

export function installOriginGuard(app: FastifyInstance, policy: OriginPolicy = {}): void {
  const hosts = new Set(
    [machineName(), ...(policy.allowedHosts ?? [])].map((h) => h.trim().toLowerCase()).filter(Boolean),
  );
  const cors = new Set((policy.cors ?? []).map(normaliseOrigin));
  const anyOrigin = cors.has('*');
  const originAllowed = (origin: string) => anyOrigin || cors.has(origin);
  const selfOrigin = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? ''}`;

  const refuse = (reply: FastifyReply, code: number, error: string) =>
    reply.code(code).type('application/json; charset=utf-8').send({ error });

  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(req.headers.host, hosts))
      return refuse(
        reply,
        421,
        `this server does not answer to the host "${String(req.headers.host ?? '').slice(0, 100)}": start it with --allow-host NAME (or TRADEWAR_ALLOW_HOSTS) to serve that name`,
      );
    const path = req.url.split('?')[0] ?? '/';
    if (!API_PATH.test(path)) return;
    const origin = req.headers.origin;
    const crossOrigin = origin !== undefined && origin !== 'null' ? origin !== selfOrigin(req) : origin === 'null';
    if (req.method === 'OPTIONS') {
      if (origin && origin !== 'null' && originAllowed(origin)) {
        reply
          .code(204)
          .header('access-control-allow-origin', anyOrigin ? '*' : origin)
          .header('access-control-allow-methods', 'GET, POST, OPTIONS')
          .header(
            'access-control-allow-headers',
            String(req.headers['access-control-request-headers'] ?? 'content-type').slice(0, 200),
          )
          .header('access-control-max-age', '600')
          .header('vary', 'Origin');
        return reply.send();
      }
      if (!crossOrigin) return reply.code(204).header('allow', 'GET, POST, OPTIONS').send();
      return refuse(reply, 403, corsMessage(origin!));
    }
    if (crossOrigin) {
      if (!originAllowed(origin!)) return refuse(reply, 403, corsMessage(origin!));
      reply.header('access-control-allow-origin', anyOrigin ? '*' : origin!).header('vary', 'Origin');
      return;
    }
    // no Origin header: a browser still says where the request comes from
    const site = req.headers['sec-fetch-site'];
    const navigation = req.headers['sec-fetch-mode'] === 'navigate' && req.method === 'GET';
    if ((site === 'cross-site' || site === 'same-site') && !navigation && !anyOrigin)
      return refuse(reply, 403, 'cross-site requests to the API are refused: call it from the dashboard or a client');
  });
}

function corsMessage(origin: string): string {
  return `requests from the origin ${origin.slice(0, 100)} are not allowed: start the server with --cors ${origin.slice(0, 100)} (or TRADEWAR_CORS) to allow it`;
}
