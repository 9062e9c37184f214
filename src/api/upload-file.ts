// Large uploads (entry files) go straight from the socket to a temporary file: the event loop only moves bytes,
// never builds a 10 MiB string or parses JSON, and the worker that prices the file reads it from disk. The
// handler receives `{ upload_file, media }`; the file is removed once the answer has been sent.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UploadedFile } from '../service/entries.js';
import { fsFailure, UnwritableFolderError } from '../util/fs-errors.js';

/** The error Fastify raises for a body over the limit (errors.ts answers it 413 after draining the rest). */
function tooLarge(): Error {
  return Object.assign(new Error('request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
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
      let bytes = 0;
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done(bytes > limit ? tooLarge() : null, chunk);
        },
      });
      try {
        await pipeline(payload, count, createWriteStream(file));
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
