// Scores the article reader against the hand labels of test/fixtures/news/labels.yaml (the two articles of
// ../shared/reference/news/, read in place): precision and recall of statements, and how many of the found
// labelled statements are linked right (status and ledger id).   npx tsx scripts/news-eval.ts [--table]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { loadLedger } from '../src/ledger/load.js';
import type { Ledger } from '../src/ledger/ledger.js';
import { readNews, type NewsStatement } from '../src/news/news.js';
import { projectPath } from '../src/util/paths.js';

interface Label {
  evidence: string;
  instrument: string;
  status: string;
  ids: string[];
}
interface LabelledArticle {
  file: string;
  published: string;
  statements: Label[];
}

export interface ArticleScore {
  file: string;
  found: number;
  labelled: number;
  matched: number;
  linkedRight: number;
  rows: Array<{ statement: NewsStatement; label: Label | null; linkRight: boolean | null }>;
  missed: Label[];
}

const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').toLowerCase();

export function scoreArticle(a: LabelledArticle, ledger: Ledger): ArticleScore {
  const text = readFileSync(projectPath('..', 'shared', 'reference', 'news', a.file), 'utf8');
  const reading = readNews(text, 'txt', ledger, { published: a.published });
  const used = new Set<number>();
  const rows = reading.statements.map((s) => {
    const i = a.statements.findIndex(
      (l, j) => !used.has(j) && l.instrument === s.instrument && norm(s.sentence).includes(norm(l.evidence)),
    );
    if (i < 0) return { statement: s, label: null, linkRight: null };
    used.add(i);
    const l = a.statements[i]!;
    const linkRight = s.status === l.status && (l.ids.length === 0 ? !s.ledger_id : l.ids.includes(s.ledger_id ?? ''));
    return { statement: s, label: l, linkRight };
  });
  return {
    file: a.file,
    found: rows.length,
    labelled: a.statements.length,
    matched: used.size,
    linkedRight: rows.filter((r) => r.linkRight).length,
    rows,
    missed: a.statements.filter((_, j) => !used.has(j)),
  };
}

export function scoreAll(ledger = loadLedger(projectPath('ledger'))): ArticleScore[] {
  const labels = YAML.parse(readFileSync(projectPath('test', 'fixtures', 'news', 'labels.yaml'), 'utf8'), {
    merge: true,
  }) as {
    articles: LabelledArticle[];
  };
  return labels.articles.map((a) => scoreArticle(a, ledger));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scores = scoreAll();
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : 'n/a');
  for (const s of scores) {
    console.log(`\n${s.file}: ${s.found} statements found, ${s.labelled} labelled, ${s.matched} matched`);
    if (process.argv.includes('--table')) {
      console.log('| # | found: actor action instrument | status | ledger id | label | link right |');
      console.log('|---|---|---|---|---|---|');
      s.rows.forEach((r, i) =>
        console.log(
          `| ${i + 1} | ${r.statement.actor ?? '—'} ${r.statement.action} ${r.statement.instrument}${r.statement.rate_pct !== undefined ? ` ${r.statement.rate_pct}%` : ''}: "${r.statement.sentence.slice(0, 70)}${r.statement.sentence.length > 70 ? '…' : ''}" | ${r.statement.status} | ${r.statement.ledger_id ?? '—'} | ${r.label ? 'labelled' : 'not labelled (false positive)'} | ${r.linkRight === null ? '—' : r.linkRight ? 'yes' : 'no'} |`,
        ),
      );
      for (const m of s.missed)
        console.log(`| – | MISSED: ${m.instrument}: "${m.evidence}" | | ${m.ids.join(' / ') || '—'} | labelled | — |`);
    }
  }
  const t = scores.reduce(
    (a, s) => ({ f: a.f + s.found, l: a.l + s.labelled, m: a.m + s.matched, r: a.r + s.linkedRight }),
    { f: 0, l: 0, m: 0, r: 0 },
  );
  console.log(
    `\ntotal: precision ${pct(t.m, t.f)}% (${t.m}/${t.f}), recall ${pct(t.m, t.l)}% (${t.m}/${t.l}), linked right ${pct(t.r, t.m)}% of matched (${t.r}/${t.m})`,
  );
}
