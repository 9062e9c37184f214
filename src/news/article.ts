// An article as plain paragraphs: HTML converted with html-to-text, Markdown marks dropped, page furniture
// (bylines, share buttons, "Published :" stamps, headlines of other stories, comment forms) removed. The
// publication date comes from the caller, else from a dated line of the article, else from a YYYY-MM-DD file name.
import { convert } from 'html-to-text';
import * as chrono from 'chrono-node';
import { isDateInRange } from '../util/dates.js';
import { UserInputError } from '../util/errors.js';
import { parseDate } from '../service/inputs.js';

export type ArticleKind = 'txt' | 'html' | 'md';

export interface Article {
  paragraphs: string[];
  published: string | null;
  /** Where the publication date came from. */
  published_from: 'given' | 'article' | 'file name' | null;
  url: string | null;
  dropped: number;
}

const BOILERPLATE = [
  /^(post )?published\b/i,
  /^(last )?updated\b/i,
  /^written by\b/i,
  /^by [A-Z][\w.]+( [A-Z][\w.]+)*\s*$/,
  /^location\s*:/i,
  /^(image|photo|picture) (courtesy|credit)/i,
  /^avatar photo$/i,
  /^leave a (reply|comment)/i,
  /your email address will not be published/i,
  /^(share|tweet|follow us|subscribe|advertisement|read more|also read|related)\b/i,
  /^google-preferred$/i,
  /^•/,
];

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'header', format: 'skip' },
      { selector: 'footer', format: 'skip' },
      { selector: 'aside', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'form', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  });
}

function markdownToText(md: string): string {
  return md
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]{1,3}([^*_`]+)[*_`]{1,3}/g, '$1')
    .replace(/^>\s?/gm, '');
}

/** A paragraph that reads as prose: ends like a sentence and has at least eight words. */
function isProse(p: string): boolean {
  return /[.!?]["”’)]?$/.test(p) && p.split(/\s+/).length >= 8;
}

function dateOfLine(lines: string[]): string | null {
  for (const l of lines) {
    if (!/^\s*[•-]?\s*(post )?(published|updated|last updated)\b/i.test(l) && !/^\s*[•-]?\s*\w+ \d{1,2}, \d{4}/.test(l))
      continue;
    const r = chrono.parse(l, new Date(Date.UTC(2000, 0, 1)))[0];
    if (r && r.start.isCertain('year') && r.start.isCertain('day')) {
      const d = r.start.date();
      const iso = `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      if (isDateInRange(iso)) return iso;
    }
  }
  return null;
}

export function kindOf(file: string): ArticleKind {
  if (/\.html?$/i.test(file)) return 'html';
  if (/\.(md|markdown)$/i.test(file)) return 'md';
  if (/\.txt$/i.test(file)) return 'txt';
  throw new UserInputError(`article ${file}: give a .txt, .html or .md file`, 'file');
}

export function readArticle(
  raw: string,
  kind: ArticleKind,
  opts: { published?: string; fileName?: string } = {},
): Article {
  // a given date obeys the rule of every date (YYYY-MM-DD within 1900..2100); one read from the text or the
  // file name outside that range is not taken for the publication date
  const given = opts.published === undefined ? undefined : parseDate(opts.published, 'published');
  const looksHtml = kind === 'html' || /^\s*<(!doctype|html|body|article|div|p)\b/i.test(raw);
  const canonical = looksHtml
    ? /<link[^>]+rel=["']canonical["'][^>]+href=["'](https?:[^"']+)["']/i.exec(raw)?.[1]
    : undefined;
  const text = looksHtml ? htmlToText(raw) : kind === 'md' ? markdownToText(raw) : raw;
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const paragraphs: string[] = [];
  let dropped = 0;
  for (const l of lines) {
    if (BOILERPLATE.some((re) => re.test(l)) || !isProse(l) || paragraphs.includes(l)) dropped++;
    else paragraphs.push(l);
  }
  let published: string | null = given ?? null;
  let from: Article['published_from'] = published ? 'given' : null;
  if (!published) {
    published = dateOfLine(lines);
    if (published) from = 'article';
  }
  if (!published && opts.fileName) {
    const m = /(\d{4}-\d{2}-\d{2})/.exec(opts.fileName);
    if (m && isDateInRange(m[1]!)) {
      published = m[1]!;
      from = 'file name';
    }
  }
  const url =
    canonical ?? /\bhttps?:\/\/\S+/.exec(lines.find((l) => /^(source|url|link)\s*:/i.test(l)) ?? '')?.[0] ?? null;
  return { paragraphs, published, published_from: from, url, dropped };
}
