// The article reader: the two articles of ../shared/reference/news/ read in place against our hand labels,
// short snippets of the moves the issue names (all found and linked), new and contradicting statements, HTML and
// Markdown input, and the draft overlay (valid against the scenario schema, applicable to the baseline).
import { describe, expect, it } from 'vitest';
import { loadLedger } from '../../src/ledger/load.js';
import { readNews } from '../../src/news/news.js';
import { draftOverlay } from '../../src/news/overlay.js';
import { scenarioFileSchema } from '../../src/scenarios/schema.js';
import { applyOverlay } from '../../src/scenarios/overlay.js';
import { projectPath } from '../../src/util/paths.js';
import { scoreAll } from '../../scripts/news-eval.js';

const ledger = loadLedger(projectPath('ledger'));
const read = (text: string, published: string) => readNews(text, 'txt', ledger, { published }).statements;

describe('the two reference articles against the hand labels', () => {
  const scores = scoreAll(ledger);
  const total = scores.reduce(
    (a, s) => ({
      found: a.found + s.found,
      labelled: a.labelled + s.labelled,
      matched: a.matched + s.matched,
      right: a.right + s.linkedRight,
    }),
    { found: 0, labelled: 0, matched: 0, right: 0 },
  );
  it('finds the labelled statements (precision and recall at least 90%)', () => {
    expect(total.labelled).toBeGreaterThanOrEqual(50);
    expect(total.matched / total.found).toBeGreaterThanOrEqual(0.9);
    expect(total.matched / total.labelled).toBeGreaterThanOrEqual(0.9);
  });
  it('links at least 70% of the found statements to the right ledger record', () => {
    expect(total.right / total.matched).toBeGreaterThanOrEqual(0.7);
  });
  it('strips the page furniture and finds the publication date in the text', () => {
    const text = `Some headline\n\nPost Published By: Somebody\nUpdated : 25 October 2025, 9:28 AM IST\ngoogle-preferred\n\nTop economic officials from both countries will meet in Kuala Lumpur, Malaysia, on Saturday, October 25.\n\nLeave a Reply\n`;
    const r = readNews(text, 'txt', ledger);
    expect(r.published).toBe('2025-10-25');
    expect(r.published_from).toBe('article');
    expect(r.paragraphs_kept).toBe(1);
    expect(r.statements[0]).toMatchObject({
      instrument: 'talks',
      status: 'known',
      ledger_id: 'ev-2025-10-26-kuala-lumpur',
    });
  });
});

describe('snippets: the moves of autumn 2025 are found and linked', () => {
  it.each([
    [
      '2025-10-11',
      'Trump said on Friday that the US will impose an extra 100% tariff on all Chinese goods from November 1.',
      'tariff',
      'threaten',
      'us-ieepa-threat-100pct-2025',
    ],
    [
      '2025-10-10',
      "China's Ministry of Commerce imposed sweeping export controls on rare earths on October 9, reaching foreign-made products with Chinese rare-earth content.",
      'export control',
      'impose',
      /^cn-ec-no(55|56|57|58|61|62)-/,
    ],
    [
      '2025-10-01',
      'In September, the US Commerce Department expanded its entity list blacklist to cover subsidiaries at least 50% owned by listed Chinese companies.',
      'entity listing',
      'impose',
      'us-ec-affiliates-rule',
    ],
    [
      '2025-11-01',
      'China agreed to buy 12 million tonnes of US soybeans by the end of the year, the White House said.',
      'purchase',
      'agree',
      'cn-purchase-busan-soybeans',
    ],
    [
      '2025-11-05',
      'The US cut the fentanyl tariff on Chinese goods from 20% to 10% under the deal reached by the two leaders.',
      'tariff',
      'lift',
      'us-ieepa-fentanyl-cn',
    ],
    [
      '2025-10-25',
      "USTR opened a Section 301 investigation into China's compliance with the Phase One agreement on Friday.",
      'tariff',
      'investigate',
      'us-s301-inv-phase-one',
    ],
    [
      '2025-10-27',
      'US and Chinese negotiators held talks in Kuala Lumpur on October 25 and 26 and reached a preliminary consensus.',
      'talks',
      'meet',
      'ev-2025-10-26-kuala-lumpur',
    ],
    [
      '2025-10-27',
      'Trump is set to meet Xi Jinping in South Korea on Thursday, October 30, the White House said.',
      'talks',
      'meet',
      'ev-2025-10-30-busan',
    ],
  ])('%s: %s', (published, text, instrument, action, id) => {
    const s = read(text, published).find((x) => x.instrument === instrument);
    expect(s, `a ${instrument} statement`).toBeDefined();
    expect(s!.action).toBe(action);
    expect(s!.status).toBe('known');
    if (typeof id === 'string') expect(s!.ledger_id).toBe(id);
    else expect(s!.ledger_id).toMatch(id);
    expect(s!.reason).toMatch(/^matches /);
  });

  it('resolves dates relative to the publication date', () => {
    const s = read(
      'Trump said on Friday that the US will impose an extra 100% tariff on all Chinese goods from November 1.',
      '2025-10-11',
    )[0]!;
    expect(s.rate_pct).toBe(100);
    expect(s.dates.map((d) => d.date)).toContain('2025-11-01');
    const m = read(
      'Top officials will meet the Chinese side next week to prepare the summit with Xi.',
      '2025-10-25',
    )[0]!;
    expect(m.dates[0]).toMatchObject({ date: '2025-11-01', relative: true, approximate: true });
  });
});

describe('contradicts and new', () => {
  it('flags a rate the ledger does not have', () => {
    const s = read(
      'The US imposed a 50% tariff on all Chinese goods from November 1, according to the report.',
      '2025-11-02',
    )[0]!;
    expect(s).toMatchObject({ status: 'contradicts', ledger_id: 'us-ieepa-threat-100pct-2025' });
    expect(s.reason).toMatch(/^rate: the article says 50%.*100%/);
  });
  it('flags a date the ledger does not have', () => {
    const s = read('Trump will meet Xi Jinping in Busan on November 12, officials said on Sunday.', '2025-10-26')[0]!;
    expect(s).toMatchObject({ status: 'contradicts', ledger_id: 'ev-2025-10-30-busan' });
    expect(s.reason).toMatch(/^date: .*2025-11-12.*2025-10-30/);
  });
  it('flags a status the ledger does not have (imposed vs threatened)', () => {
    const s = read(
      'The US imposed the extra 100% tariff on Chinese goods on November 1, the report said.',
      '2025-11-02',
    )[0]!;
    expect(s).toMatchObject({ status: 'contradicts', ledger_id: 'us-ieepa-threat-100pct-2025' });
    expect(s.reason).toMatch(/^status: .*threatened/);
  });
  it('says new when nothing in the ledger matches', () => {
    const a = read(
      'China will impose a 25% tariff on US aircraft parts from March 1, 2026, the commerce ministry said.',
      '2026-02-01',
    )[0]!;
    expect(a).toMatchObject({ status: 'new', actor: 'CN', instrument: 'tariff', rate_pct: 25 });
    expect(a.ledger_id).toBeUndefined();
    const t = read(
      'The US and China will hold talks in Geneva next month, officials from both countries said.',
      '2026-06-01',
    )[0]!;
    expect(t).toMatchObject({ status: 'new', actor: 'both', instrument: 'talks' });
  });
});

describe('input forms and the draft overlay', () => {
  it('reads HTML (with the canonical link) and Markdown the same as text', () => {
    const html = `<html><head><link rel="canonical" href="https://news.example.org/a/1"></head><body><nav>Home | World</nav>
      <article><h1>Tariffs</h1><p>Trump said on Friday that the US will impose an extra <b>100%</b> tariff on all Chinese goods from November 1.</p></article>
      <footer>Subscribe to our newsletter for more stories every day.</footer></body></html>`;
    const h = readNews(html, 'html', ledger, { published: '2025-10-11' });
    expect(h.url).toBe('https://news.example.org/a/1');
    expect(h.statements).toHaveLength(1);
    expect(h.statements[0]).toMatchObject({ ledger_id: 'us-ieepa-threat-100pct-2025', rate_pct: 100 });
    const md = readNews(
      '# Tariffs\n\nTrump said on Friday that the US will impose an extra **100%** tariff on all [Chinese goods](https://x.org) from November 1.\n',
      'md',
      ledger,
      { published: '2025-10-11' },
    );
    expect(md.statements[0]).toMatchObject({ ledger_id: 'us-ieepa-threat-100pct-2025', rate_pct: 100 });
  });

  it('refuses an article without a publication date', () => {
    expect(() =>
      readNews('Trump will impose an extra 100% tariff on all Chinese goods from November 1.', 'txt', ledger),
    ).toThrow(/--published/);
  });

  it('drafts an overlay of new and contradicting statements that fits the scenario schema and applies', () => {
    const text = [
      'China will impose a 25% tariff on US aircraft parts from March 1, 2026, the commerce ministry said.',
      'The US and China will hold talks in Geneva next month, officials from both countries said.',
      'The US imposed a 50% tariff on all Chinese goods from November 1, according to the report.',
    ].join('\n\n');
    const reading = readNews(text, 'txt', ledger, { published: '2026-02-01' });
    const draft = draftOverlay(reading, 'https://news.example.org/a/2', 'news-draft-test');
    const parsed = scenarioFileSchema.safeParse(draft);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const ops = parsed.data!.operations.map((o) => o.op);
    expect(ops[0]).toBe('add');
    expect(ops).toContain('set');
    const patched = applyOverlay(ledger, { scenario: parsed.data!, source: null });
    expect(patched.measures.some((m) => m.authority === 'news_draft' && m.status === 'threatened')).toBe(true);
    expect(patched.events.some((e) => e.status === 'unconfirmed' && e.kind === 'talks')).toBe(true);
  });
});
