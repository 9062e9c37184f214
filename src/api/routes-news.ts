// /api/news: read an article (POST its text) into statements linked to the ledger.
import { readNews, type NewsReading } from '../news/news.js';
import { newsRows } from '../news/news.js';
import { UserInputError } from '../util/errors.js';
import type { RouteDef } from './routes.js';
import { P, type JsonSchema } from './schemas.js';

const statement: JsonSchema = {
  type: 'object',
  required: ['sentence', 'actor', 'action', 'instrument', 'dates', 'products', 'countries', 'status', 'reason'],
  properties: {
    sentence: { type: 'string', description: 'the evidence: the sentence (or clause) of the article' },
    actor: { type: ['string', 'null'], enum: ['US', 'CN', 'both', null] },
    action: {
      type: 'string',
      enum: ['impose', 'threaten', 'suspend', 'extend', 'lift', 'agree', 'meet', 'investigate'],
    },
    instrument: {
      type: 'string',
      enum: ['tariff', 'export control', 'entity listing', 'port fee', 'purchase', 'talks'],
    },
    rate_pct: { type: 'number' },
    dates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['text', 'date', 'relative', 'approximate'],
        properties: {
          text: { type: 'string' },
          date: { type: 'string' },
          until: { type: 'string' },
          relative: { type: 'boolean', description: 'resolved against the publication date' },
          approximate: { type: 'boolean', description: 'only the month or week is known' },
        },
      },
    },
    products: { type: 'array', items: { type: 'string' } },
    countries: { type: 'array', items: { type: 'string' } },
    conditional: { type: 'boolean' },
    status: { type: 'string', enum: ['known', 'new', 'contradicts'] },
    ledger_id: { type: 'string', description: 'the matching ledger record' },
    reason: { type: 'string' },
  },
};

export const newsSchema: JsonSchema = {
  type: 'object',
  required: ['published', 'statements'],
  properties: {
    published: { type: 'string' },
    published_from: { type: 'string' },
    url: { type: ['string', 'null'] },
    paragraphs_kept: { type: 'integer' },
    lines_dropped: { type: 'integer' },
    statements: { type: 'array', items: statement },
  },
};

export const NEWS_ROUTES: RouteDef[] = [
  {
    url: '/api/news',
    method: 'POST',
    operationId: 'news',
    tag: 'news',
    summary: 'Read an article: statements of measures and events, linked to the ledger (known / new / contradicts)',
    description:
      'POST the article as text/plain (text, Markdown or HTML, told by `kind`). The publication date comes from `published`, else from a dated line of the article.',
    params: {
      published: P.date('publication date'),
      kind: { type: 'string', enum: ['txt', 'md', 'html'], default: 'txt', description: 'what the text is' },
      format: P.format(['json', 'csv']),
    },
    textBody: true,
    bodyLimit: 2_000_000,
    response: newsSchema,
    csv: (r: NewsReading) => newsRows(r),
    handler: (ctx, q, _env, body) => {
      if (typeof body !== 'string')
        throw new UserInputError('send the article as text/plain in the request body', 'body');
      return readNews(body, (q.kind as 'txt' | 'md' | 'html') ?? 'txt', ctx.ledger, { published: q.published });
    },
  },
];
