// A draft scenario overlay of what an article says that the ledger does not: `new` statements become added
// measures (status threatened or unconfirmed) or events; `contradicts` statements become the change the
// article implies (a rate set from a date, a status patch, a dated step). A person reviews it; nothing enters
// the ledger by itself. The shape is the scenario file of src/scenarios/schema.ts.
import type { NewsReading, NewsStatement } from './news.js';

type Json = Record<string, unknown>;

const KIND_OF: Record<string, string> = {
  tariff: 'ad_valorem',
  'export control': 'export_control',
  'entity listing': 'entity_listing',
  'port fee': 'port_fee',
  purchase: 'purchase_commitment',
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');

const other = (side: string | null) => (side === 'US' ? 'CN' : side === 'CN' ? 'US' : 'ALL');
const firstDate = (s: NewsStatement, fallback: string) =>
  s.dates.find((d) => !d.approximate)?.date ?? s.dates[0]?.date ?? fallback;
const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function draftOverlay(reading: NewsReading, url: string, name: string): Json {
  const articleId = `news-article-${reading.published}`;
  const instrument = {
    id: articleId,
    kind: 'press_report',
    title: `News article of ${reading.published} (read by tradewar news)`,
    citation: `press report, ${reading.published}`,
    published: reading.published,
    url,
  };
  const operations: Json[] = [];
  const measures: Json[] = [];
  const events: Json[] = [];
  reading.statements.forEach((s, i) => {
    const id = `news-${reading.published}-${i + 1}-${slug(`${s.action} ${s.instrument}`)}`;
    const date = firstDate(s, reading.published);
    const note = `article: "${short(s.sentence)}" — ${s.reason}`;
    if (s.status === 'new') {
      if (s.instrument === 'talks' || s.action === 'meet' || s.action === 'agree' || !KIND_OF[s.instrument]) {
        events.push({
          id,
          date,
          kind: s.action === 'agree' ? 'agreement' : 'talks',
          side: s.actor ?? 'both',
          title: short(s.sentence, 200),
          summary: note,
          sources: [url],
          status: 'unconfirmed',
        });
        return;
      }
      const imposer = s.actor === 'US' || s.actor === 'CN' ? s.actor : 'US';
      const threatened = s.action === 'threaten' || s.conditional;
      const step: Json = {
        date,
        event: threatened ? 'expected' : 'effective',
        instrument: articleId,
        note: short(s.sentence),
      };
      if (threatened) step.expected = true;
      if (s.instrument === 'tariff' && s.rate_pct !== undefined) step.rate = s.rate_pct;
      const m: Json = {
        id,
        title: short(
          `${s.actor ?? 'Unnamed'} ${s.action} ${s.instrument}${s.rate_pct !== undefined ? ` ${s.rate_pct}%` : ''} (article of ${reading.published})`,
          120,
        ),
        imposer,
        targets: { include: [other(imposer)] },
        instrument: KIND_OF[s.instrument],
        authority: 'news_draft',
        legal_citation: `reported in the article of ${reading.published}; legal instrument not yet identified`,
        sources: [url],
        status: threatened ? 'threatened' : 'unconfirmed',
        status_note: note,
        schedule: [step],
      };
      if (s.instrument === 'tariff') m.products = { all: true };
      measures.push(m);
      return;
    }
    if (s.status === 'contradicts' && s.ledger_id) {
      if (/^rate:/.test(s.reason) && s.rate_pct !== undefined)
        operations.push({ op: 'set', measure: s.ledger_id, from: date, rate: s.rate_pct, note });
      else if (/^status:/.test(s.reason))
        operations.push({ op: 'patch', measure: s.ledger_id, status: 'in_force', status_note: note });
      else if (/^date:/.test(s.reason) && !s.ledger_id.startsWith('ev-'))
        operations.push({
          op: 'add_step',
          measure: s.ledger_id,
          date,
          event: s.action === 'threaten' ? 'expected' : 'effective',
          note,
        });
      else if (/^date:/.test(s.reason))
        events.push({
          id,
          date,
          kind: 'talks',
          side: s.actor ?? 'both',
          title: short(`As reported ${reading.published}: ${s.sentence}`, 200),
          summary: note,
          sources: [url],
          status: 'unconfirmed',
          related: [s.ledger_id],
        });
    }
  });
  if (measures.length || events.length)
    operations.unshift({
      op: 'add',
      instruments: [instrument],
      ...(measures.length ? { measures } : {}),
      ...(events.length ? { events } : {}),
      note: 'statements the ledger has no record of',
    });
  else if (operations.length)
    operations.unshift({ op: 'add', instruments: [instrument], note: 'the article, cited by the changes below' });
  const counts = reading.statements.reduce<Record<string, number>>(
    (a, s) => ((a[s.status] = (a[s.status] ?? 0) + 1), a),
    {},
  );
  return {
    name,
    title: `Draft from the article of ${reading.published} — for review`,
    description: `Statements of the article the ledger does not hold (${counts.new ?? 0} new) or holds otherwise (${counts.contradicts ?? 0} contradicting), drafted by tradewar news for a person to check against primary sources before anything enters the ledger.`,
    assumptions: [
      'Every added record is unconfirmed or threatened until a primary source (Federal Register, proclamation, MOFCOM announcement) confirms it.',
    ],
    sources: [url],
    operations,
  };
}
