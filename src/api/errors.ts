// What clients see when something goes wrong: 400 {error, field} for input they can fix, 404 JSON for unknown
// routes, 503 {error, retry_after_s} with Retry-After when heavy work is at capacity, 500 {error: 'internal error'} for anything else (details go to the server log, never to the client).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UserInputError } from '../util/errors.js';
import { SaturatedError } from './admission.js';
import { clipMessage } from '../util/clip.js';
import type { ProductHit } from './products.js';

export interface ErrorBody {
  error: string;
  field?: string;
  suggestions?: ProductHit[];
}

interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A schema validation failure in words, naming the parameter. */
export function describeValidation(
  errors: AjvError[],
  query: Record<string, unknown>,
  schema?: { properties?: Record<string, { description?: string }> },
): ErrorBody {
  const e = errors[0]!;
  const field =
    (e.params.missingProperty as string | undefined) ??
    (e.params.additionalProperty as string | undefined) ??
    e.instancePath.replace(/^\//, '').split('/')[0] ??
    '';
  const value = query[field];
  const hint = schema?.properties?.[field]?.description;
  switch (e.keyword) {
    case 'required':
      return { error: `missing ${field}${hint ? `: ${hint}` : ''}`, field };
    case 'additionalProperties': {
      const known = Object.keys(schema?.properties ?? {});
      return { error: `unknown parameter ${field}; this route takes: ${known.join(', ') || 'no parameters'}`, field };
    }
    case 'enum':
      return {
        error: `${field} "${String(value)}" is not one of: ${(e.params.allowedValues as unknown[]).map(String).filter(Boolean).join(', ')}`,
        field,
      };
    case 'maxLength':
      return { error: `${field} is too long (at most ${String(e.params.limit)} characters)`, field };
    default:
      return {
        error: `${field} "${String(value)}" is not valid${hint ? `: ${hint}` : ` (${e.message ?? e.keyword})`}`,
        field,
      };
  }
}

/** Bytes of an oversized body read and dropped before the 413 goes out (beyond that the connection is cut). */
export const OVERSIZED_DRAIN_BYTES = 256 * 1024 * 1024;

/**
 * 413 for a body over the route's limit. The client may still be sending it: answering and closing at once
 * resets the connection under its feet (the client sees "connection reset", not the 413, unless it sent
 * `Expect: 100-continue`). So the rest of the body is read and dropped (up to OVERSIZED_DRAIN_BYTES, within the
 * request time limit) and the 413 goes out after it, with the connection closed.
 */
async function tooLarge(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const limit = req.routeOptions.bodyLimit;
  const body = {
    error: `the request body is larger than this route accepts (${limit ? `${limit.toLocaleString('en-US')} bytes` : 'its limit'}): send a smaller file or split it`,
  };
  const raw = req.raw;
  if (!raw.readableEnded && !raw.destroyed) {
    let drained = 0;
    await new Promise<void>((resolve) => {
      const done = () => {
        raw.off('data', onData);
        resolve();
      };
      const onData = (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > OVERSIZED_DRAIN_BYTES) {
          done();
          raw.destroy();
        }
      };
      raw.on('data', onData);
      raw.once('end', done);
      raw.once('close', done);
      raw.once('error', done);
      raw.resume();
    });
  }
  return reply.code(413).header('connection', 'close').type('application/json; charset=utf-8').send(body);
}

export function installErrorHandlers(app: FastifyInstance, log: (err: unknown, req: FastifyRequest) => void): void {
  app.setErrorHandler((err: FastifyError | UserInputError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof UserInputError) {
      const body: ErrorBody = { error: clipMessage(err.message) };
      if (err.field) body.field = err.field;
      const suggestions = (err as UserInputError & { suggestions?: ProductHit[] }).suggestions;
      if (suggestions) body.suggestions = suggestions;
      // 503 for a setup the operator must fix (an unwritable cache or temporary folder: UnwritableFolderError)
      const status = (err as UserInputError & { httpStatus?: number }).httpStatus ?? 400;
      return reply.code(status).type('application/json; charset=utf-8').send(body);
    }
    if (err instanceof SaturatedError)
      return reply
        .code(503)
        .header('retry-after', String(err.retryAfterSeconds))
        .send({ error: err.message, retry_after_s: err.retryAfterSeconds });
    const fe = err as FastifyError & { validation?: AjvError[] };
    if (fe.validation) {
      const schema = req.routeOptions.schema?.querystring as
        { properties?: Record<string, { description?: string }> } | undefined;
      const body = describeValidation(fe.validation, (req.query ?? {}) as Record<string, unknown>, schema);
      return reply.code(400).send({ ...body, error: clipMessage(body.error) });
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return tooLarge(req, reply);
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500)
      return reply.code(fe.statusCode).send({ error: clipMessage(fe.message) });
    log(err, req);
    return reply.code(500).send({ error: 'internal error' });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    reply.code(404).send({ error: `not found: ${req.method} ${path}; see /openapi.json for the routes` });
  });
}
