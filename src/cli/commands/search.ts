// `tradewar search`: find tariff lines by words or a code prefix in both schedules, ranked, with each line's total.
import type { Command } from 'commander';
import { contextFor, formatOf, print } from '../options.js';
import { render, type Row } from '../format.js';
import { progressBar } from '../progress.js';
import { totalColumns } from '../../service/unconfirmed.js';

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description(
      "full-text search of both schedules' descriptions (synonyms such as soya/soybean, word stems, code prefixes), ranked, with each line's total on a date",
    )
    .argument('<text...>', 'words ("soybeans", "wooden furniture") or a code prefix ("8517.13")')
    .option('--importer <iso2>', 'only this schedule: US (HTS, goods from China) or CN (goods from the US)')
    .option('--date <date>', 'date of the totals, YYYY-MM-DD (default: today)')
    .option('--limit <n>', 'at most this many hits (1-200)', '20')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (text: string[], opts, cmd: Command) => {
      const { searchQuery } = await import('../../service/search.js');
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const bar = progressBar('indexing descriptions');
      const hits = searchQuery(
        ctx,
        { q: text.join(' '), importer: opts.importer, limit: opts.limit, date: opts.date },
        undefined,
        bar.update,
      );
      bar.stop();
      if (format === 'json') return print(JSON.stringify(hits, null, 2) + '\n');
      const span = (min: number | null, max: number | null) => (min !== null && min !== max ? `${min}-${max}` : max);
      // the expected rate (what a buyer pays on average) first where some hit's differs from the statutory total
      const anyExpected = hits.some((h) => h.expected_pct !== h.total_pct || h.min_expected_pct !== h.min_total_pct);
      const rows: Row[] = hits.map((h) => ({
        importer: h.importer,
        code: h.code,
        ...(anyExpected ? { expected_pct: span(h.min_expected_pct, h.expected_pct) } : {}),
        total_pct: span(h.min_total_pct, h.total_pct),
        from: h.origin,
        // ADR 82: the total with an unconfirmed step or suspension end flipped
        unconfirmed: (h.unconfirmed ?? [])
          .map((u) => `${u.alternative_total_pct}% ${u.alternative} (${u.id})`)
          .join('; '),
        description: h.description,
      }));
      const sources = [...new Set(hits.flatMap((h) => h.expected_sources))];
      if (format === 'csv')
        return print(
          render(
            hits.map(({ unconfirmed, ...h }) => ({ ...h, ...totalColumns(unconfirmed) })) as unknown as Row[],
            'csv',
          ),
        );
      if (hits.length === 0) return print(`No product matches "${text.join(' ')}".\n`);
      print(
        `Totals on ${hits[0]!.date}${opts.date ? '' : ' (today)'}${anyExpected ? ' (expected_pct: exclusions and exemptions priced by their shares; total_pct: statutory)' : ''}: US lines for goods from China, China's lines for goods from the US; a range for a code with several lines.\n\n${render(rows, 'table')}${sources.length ? `\nExclusions priced in expected_pct:\n${sources.map((x) => `  ${x}`).join('\n')}\n` : ''}`,
      );
    });
}
