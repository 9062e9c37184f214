// /api/hts/* over the real shipped HTS revisions and ledger (issue 19): the revisions, a revision's audit (the
// JSON of `tradewar hts audit --format json`), a line's Chapter 99 headings beside the ledger's layers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { auditJson, auditRevision, loadRevision } from '../../src/service/hts.js';

let app: FastifyInstance;
const get = async (url: string) => {
  const res = await app.inject(url);
  const json = /json/.test(String(res.headers['content-type']));
  return { status: res.statusCode, text: res.body, headers: res.headers, body: json ? JSON.parse(res.body) : null };
};

beforeAll(async () => {
  app = await buildServer(await openContext(), { dashboardDir: false });
}, 120_000);
afterAll(() => app?.close());

describe('/api/hts on the shipped data', () => {
  it('lists the 44 shipped revisions with their effective dates, oldest first', async () => {
    const { status, body } = await get('/api/hts/revisions');
    expect(status).toBe(200);
    expect(body).toHaveLength(44);
    expect(body[0]).toMatchObject({ revision: '2025_basic', effective_date: '2025-01-01', until: '2025-01-27' });
    expect(body.at(-1)).toMatchObject({ revision: '2026_rev_10', effective_date: '2026-06-08', until: null });
    const dates = body.map((r: { effective_date: string }) => r.effective_date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('answers the audit exactly as `hts audit --format json` lays it out', async () => {
    const { status, body } = await get('/api/hts/audit?revision=2026_rev_10&origin=CN');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['revision', 'date', 'headings', 'membership', 'parse_errors']);
    expect(Object.keys(body.membership)).toEqual(['lines_checked', 'mismatches', 'value_at_stake_usd', 'value_share']);
    expect(body).toMatchObject({ revision: '2026_rev_10', date: '2026-06-08', parse_errors: 0 });
    const ctx = await openContext();
    const direct = auditJson(await auditRevision(ctx, await loadRevision(ctx, '2026_rev_10'), { origin: 'CN' }));
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
    const statuses = new Set(body.headings.map((h: { status: string }) => h.status));
    for (const s of statuses)
      expect(['modelled', 'unmodelled', 'rate_mismatch', 'not_applicable', 'explained']).toContain(s);
    expect(body.headings.find((h: { heading: string }) => h.heading === '9903.88.01')).toMatchObject({
      status: 'modelled',
      ledger_ids: expect.arrayContaining(['us-s301-list1']),
    });
  }, 60_000);

  it('gives the audit headings as CSV, and the latest revision by default', async () => {
    const csv = await get('/api/hts/audit?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('heading,status,rate,ledger_ids,reason,text');
  }, 60_000);

  it('names a line’s section 301 heading from its footnote, agreeing with the ledger layer', async () => {
    const { status, body } = await get('/api/hts/line?product=8501.31.20.00&date=2026-06-08');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      product: '8501312000',
      origin: 'CN',
      revision: { revision: '2026_rev_10', effective_date: '2026-06-08' },
    });
    expect(body.headings).toEqual([
      expect.objectContaining({
        heading: '9903.88.01',
        rate: '+25%',
        rate_kind: 'plus_pct',
        rate_pct: 25,
        own: true,
        status: 'agree',
        ledger_ids: ['us-s301-list1'],
      }),
    ]);
    expect(body.ledger.find((l: { id: string }) => l.id === 'us-s301-list1')).toMatchObject({
      status: 'agree',
      rate_pct: 25,
      headings: ['9903.88.01'],
    });
  });

  it('shows IEEPA layers on the ledger side only (they apply by a Chapter 99 note, no footnote names them)', async () => {
    const { body } = await get('/api/hts/line?product=8501102000&date=2025-05-01');
    expect(body.revision.revision).toBe('2025_rev_13');
    expect(body.headings.map((h: { heading: string }) => h.heading)).toEqual(['9903.88.02']);
    const byId = Object.fromEntries(body.ledger.map((l: { id: string; status: string }) => [l.id, l.status]));
    expect(byId).toMatchObject({
      'us-s301-list2': 'agree',
      'us-ieepa-fentanyl-cn': 'ledger_only',
      'us-ieepa-reciprocal-cn': 'ledger_only',
    });
    expect(body.counts).toEqual({ agree: 1, schedule_only: 0, ledger_only: 2 });
    expect(body.agree).toBe(false);
  });

  it('smartphones: no footnote names a Chapter 99 heading in the 2026 revisions', async () => {
    const { status, body } = await get('/api/hts/line?product=8517130000&date=2026-06-08');
    expect(status).toBe(200);
    expect(body).toMatchObject({ product: '8517130000', description: 'Smartphones', general: 'Free', headings: [] });
  });

  it.each([
    ['/api/hts/line?product=8517130000&date=2024-06-01', 'date'],
    ['/api/hts/line?product=85171300&date=2026-06-08', 'product'],
    ['/api/hts/line?product=8517139999&date=2026-06-08', 'product'],
    ['/api/hts/audit?revision=2031_rev_1', 'revision'],
    ['/api/hts/audit?revision=..%2Fx.json', 'revision'],
  ])('%s → 400 naming %s', async (url, field) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body.field).toBe(field);
  });
});
