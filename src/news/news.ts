// Entry point of the article reader: text → statements → links to the ledger, in the answer's JSON shape.
import type { Ledger } from '../ledger/ledger.js';
import { UserInputError } from '../util/errors.js';
import { readArticle, type ArticleKind } from './article.js';
import { extractStatements, type StatementDate } from './extract.js';
import { linkStatements, type LinkStatus } from './link.js';

export interface NewsStatement {
  sentence: string;
  actor: 'US' | 'CN' | 'both' | null;
  action: string;
  instrument: string;
  rate_pct?: number;
  dates: StatementDate[];
  products: string[];
  countries: string[];
  conditional: boolean;
  status: LinkStatus;
  ledger_id?: string;
  reason: string;
}

export interface NewsReading {
  published: string;
  published_from: string;
  url: string | null;
  paragraphs_kept: number;
  lines_dropped: number;
  statements: NewsStatement[];
}

export function readNews(
  raw: string,
  kind: ArticleKind,
  ledger: Ledger,
  opts: { published?: string; fileName?: string } = {},
): NewsReading {
  if (!raw.trim()) throw new UserInputError('the article is empty: give its text', 'text');
  const article = readArticle(raw, kind, opts);
  if (!article.published)
    throw new UserInputError(
      'no publication date found in the article: pass --published YYYY-MM-DD (API: ?published=)',
      'published',
    );
  const found = extractStatements(article.paragraphs, article.published);
  const links = linkStatements(found, ledger, article.published);
  return {
    published: article.published,
    published_from: article.published_from ?? 'given',
    url: article.url,
    paragraphs_kept: article.paragraphs.length,
    lines_dropped: article.dropped,
    statements: found.map((s, i) => {
      const l = links[i]!;
      const out: NewsStatement = {
        sentence: s.clause === s.sentence ? s.sentence : s.clause,
        actor: s.actor,
        action: s.action,
        instrument: s.instrument,
        dates: s.dates,
        products: s.products,
        countries: s.countries,
        conditional: s.conditional,
        status: l.status,
        reason: l.reason,
      };
      if (s.rate_pct !== undefined) out.rate_pct = s.rate_pct;
      if (l.ledger_id) out.ledger_id = l.ledger_id;
      return out;
    }),
  };
}

export function newsRows(r: NewsReading): Record<string, unknown>[] {
  return r.statements.map((s) => ({
    status: s.status,
    ledger_id: s.ledger_id ?? '',
    actor: s.actor ?? '',
    action: s.action,
    instrument: s.instrument,
    rate_pct: s.rate_pct ?? null,
    dates: s.dates.map((d) => `${d.date}${d.until ? `..${d.until}` : ''}`).join(' '),
    products: s.products.join(', '),
    sentence: s.sentence,
  }));
}
