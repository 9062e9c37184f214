// POST /api/entries: an entry file (CSV text or JSON lines) priced line by line — the same job as
// `tradewar entries` — answered with the summary and the priced lines (JSON), or every line as CSV.
import { entriesUpload, type EntriesUploadAnswer } from '../service/entries.js';
import type { RouteDef } from './routes.js';
import { P, R } from './schemas.js';

/** Largest entry file the API accepts, bytes (TRADEWAR_ENTRIES_MAX_BYTES; default 10 MiB). */
export const ENTRIES_BODY_LIMIT = Number(process.env.TRADEWAR_ENTRIES_MAX_BYTES) || 10 * 1024 * 1024;

export const ENTRIES_ROUTES: RouteDef[] = [
  {
    url: '/api/entries',
    operationId: 'entries',
    tag: 'duties',
    method: 'POST',
    summary: 'Duty, owed duty and refund of every line of an entry file',
    description:
      'Body: the entry file as text/csv (header row first; columns matched by name with the usual ACE and broker aliases), or JSON: an array of entry lines or {"entries": [...]}. Each line gets its duty stack on its entry date (statutory and expected dollars per layer), the duty owed after court rulings and, with duty paid, the refund due. Bad lines come back with status "rejected" and a reason; strict=1 turns the first into a 400. The JSON answer carries the first `limit` lines; format=csv answers every line. Largest body: TRADEWAR_ENTRIES_MAX_BYTES (default 10 MiB).',
    params: {
      dest: { ...P.importer, default: 'US' },
      strict: P.flag('1 or true: answer 400 at the first bad line instead of pricing the others'),
      at: R.str("the date each line's refund path (cape, protest, court) is judged at, YYYY-MM-DD (default today)", {
        maxLength: 10,
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      }),
      limit: R.str('lines in the JSON answer, 0 to 100000 (default 1000)', { maxLength: 6, pattern: '^[0-9]+$' }),
    },
    response: R.ref('EntriesAnswer'),
    body: {
      description: 'entry lines: an array of objects (column name → value), or {"entries": [...]}',
      type: ['array', 'object'],
    },
    textBody: true,
    uploadToFile: true, // streamed to disk: the event loop never holds or parses the file
    heavy: true, // the panel build, the upload's parsing and the join run in a worker, under admission control
    bodyLimit: ENTRIES_BODY_LIMIT,
    csv: (a: EntriesUploadAnswer) => a.lines as never,
    handler: (ctx, q, _env, body) => entriesUpload(ctx, body, q),
  },
];
