// Large uploads (entry files) go straight from the socket to a temporary file: the event loop only moves bytes,
// never builds a 10 MiB string or parses JSON, and the worker that prices the file reads it from disk. The
// handler receives `{ upload_file, media }`; the file is removed once the answer has been sent.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UploadedFile } from '../service/entries.js';
import { fsFailure, UnwritableFolderError } from '../util/fs-errors.js';

/** The error Fastify raises for a body over the limit (errors.ts answers it 413 after draining the rest). */
function tooLarge(): Error {
  return Object.assign(new Error('request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
}

/**
 * Copies the request body to `file`, at most `limit` bytes. Over the limit it stops reading but leaves the request
 * open (not destroyed, as stream.pipeline would), so the 413 handler can drain the rest and the client reads the
 * answer instead of a reset connection.
 */
function copyToFile(payload: IncomingMessage, file: string, limit: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    let bytes = 0;
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      payload.off('data', onData);
      payload.pause();
      out.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return fail(tooLarge());
      if (!out.write(chunk)) {
        payload.pause();
        out.once('drain', () => payload.resume());
      }
    };
    payload.on('data', onData);
    payload.once('end', () => failed || out.end());
    payload.once('error', fail);
    out.once('error', fail);
    out.once('finish', () => failed || resolve());
  });
}

/** In `scope`, text/csv, text/plain and application/json bodies are written to a temporary file. */
export function uploadsToFiles(scope: FastifyInstance, limit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    ['text/csv', 'text/plain', 'application/json'],
    async (req: FastifyRequest, payload: IncomingMessage) => {
      if (Number(req.headers['content-length']) > limit) throw tooLarge();
      const media = /json/i.test(req.headers['content-type'] ?? '') ? 'json' : 'csv';
      const file = join(tmpdir(), `tradewar-upload-${process.pid}-${randomUUID()}.${media}`);
      try {
        await copyToFile(payload, file, limit);
      } catch (err) {
        await rm(file, { force: true }).catch(() => {}); // (none was made when the folder is unusable)
        const why = (err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? undefined : fsFailure(err);
        // the temporary folder cannot be written: 503 naming it and TMPDIR
        throw why ? new UnwritableFolderError('the temporary folder', tmpdir(), why, 'TMPDIR') : err;
      }
      const body: UploadedFile = { upload_file: file, media };
      return body;
    },
  );
  scope.addHook('onResponse', async (req) => {
    const file = (req.body as Partial<UploadedFile> | undefined)?.upload_file;
    if (typeof file === 'string') await rm(file, { force: true }).catch(() => {});
  });
}
