// /api/hts: the official US schedule (USITC HTS revisions) as a second source of truth (issue 19, ADR 83) — the
// shipped revisions, a revision audited against the ledger, and one line's Chapter 99 headings beside its layers.
import type { RouteDef } from './routes.js';
import { P, R } from './schemas.js';
import { htsAuditSchema, htsAuditSummarySchema, htsLineSchema, htsRevisionsSchema } from './schemas-hts.js';
import {
  auditQuery,
  auditSummaryQuery,
  revisionsQuery,
  scheduleLine,
  type AuditJson,
  type AuditSummary,
  type RevisionListItem,
  type ScheduleLineAnswer,
} from '../service/hts.js';
import type { Row } from '../util/csv.js';

const revision = R.str('a shipped revision (2026_rev_10, 2025_basic) or latest', {
  maxLength: 20,
  pattern: '^[a-z0-9_]+$',
  default: 'latest',
  examples: ['2026_rev_10'],
});
const origin = { ...P.country('origin of the goods'), default: 'CN' };

export const HTS_ROUTES: RouteDef[] = [
  {
    url: '/api/hts/revisions',
    operationId: 'htsRevisions',
    tag: 'hts',
    summary: 'The shipped HTS revisions, oldest first, with their effective dates',
    description: 'Each audit status per revision: /api/hts/audit/summary (seconds: it audits every revision).',
    params: { format: P.format(['json', 'csv']) },
    cacheable: true,
    response: htsRevisionsSchema,
    csv: (r: RevisionListItem[]) => r as unknown as Row[],
    handler: (ctx) => revisionsQuery(ctx),
  },
  {
    url: '/api/hts/audit',
    operationId: 'htsAudit',
    tag: 'hts',
    summary: 'An HTS revision held against the ledger on its effective date (the JSON of `tradewar hts audit`)',
    description:
      'Chapter 99 headings modelled, unmodelled, at another rate or explained (ledger/us/hts-audit.yaml); line ' +
      "footnotes against the engine's layers, with the 2024 import value at stake. format=csv gives the headings.",
    params: { revision, origin, format: P.format(['json', 'csv']) },
    heavy: true, // reads the revision and evaluates every HTS10 line: seconds
    cacheable: true,
    response: htsAuditSchema,
    csv: (a: AuditJson) =>
      a.headings.map((h) => ({
        heading: h.heading,
        status: h.status,
        rate: h.rate,
        ledger_ids: h.ledger_ids.join(' '),
        reason: h.reason ?? '',
        text: h.text,
      })),
    handler: (ctx, q) => auditQuery(ctx, { revision: q.revision, origin: q.origin }),
  },
  {
    url: '/api/hts/audit/summary',
    operationId: 'htsAuditSummary',
    tag: 'hts',
    summary: 'Every shipped HTS revision audited for an origin: status counts and value at stake, one row each',
    params: { origin, format: P.format(['json', 'csv']) },
    heavy: true, // 44 audits: about 8 s
    cacheable: true,
    response: htsAuditSummarySchema,
    csv: (r: AuditSummary[]) => r as unknown as Row[],
    handler: (ctx, q) => auditSummaryQuery(ctx, { origin: q.origin }),
  },
  {
    url: '/api/hts/line',
    operationId: 'htsLine',
    tag: 'hts',
    summary: "The Chapter 99 headings the schedule names for a line on a date, beside the ledger's layers",
    description:
      'The revision in force on the date; the headings footnotes of the line (and of its parent lines) name, with ' +
      "their text and parsed rate; the ledger's layers that apply from the origin on that date; agree / schedule " +
      'only / ledger only. Headings that apply by a note of Chapter 99 rather than a footnote (IEEPA) show on the ' +
      'ledger side only.',
    params: {
      product: { ...P.product, description: 'HTS10 line (dots allowed)' },
      date: P.date('date'),
      origin,
      format: P.format(['json', 'csv']),
    },
    required: ['product', 'date'],
    cacheable: true,
    response: htsLineSchema,
    csv: (a: ScheduleLineAnswer) => [
      ...a.headings.map((h) => ({
        side: 'schedule',
        id: h.heading,
        status: h.status,
        rate: h.rate,
        ledger_ids: h.ledger_ids.join(' '),
        text: h.text,
      })),
      ...a.ledger.map((l) => ({
        side: 'ledger',
        id: l.id,
        status: l.status,
        rate: l.rate_pct === null ? '' : `${l.rate_pct}%`,
        ledger_ids: l.headings.join(' '),
        text: l.title,
      })),
    ],
    handler: (ctx, q) => scheduleLine(ctx, { product: q.product, date: q.date, origin: q.origin }),
  },
];
