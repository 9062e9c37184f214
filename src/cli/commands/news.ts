// `tradewar news FILE`: statements of measures and events in an article, linked to the ledger; optionally a
// draft scenario overlay of what is new or contradicts the ledger.
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseChoice } from '../../service/inputs.js';
import { UserInputError } from '../../util/errors.js';
import { globalsOf, print } from '../options.js';
import { render } from '../format.js';
import { checkOutputPath, writeTextOutput } from '../output-file.js';

export function registerNewsCommands(program: Command): void {
  program
    .command('news')
    .description(
      'read an article (.txt, .html, .md): statements of measures and events, each linked to the ledger as known, new or contradicts',
    )
    .argument('<file>', 'the article: .txt, .html or .md')
    .option(
      '--published <date>',
      'publication date YYYY-MM-DD (default: a dated line of the article, else the file name)',
    )
    .option('--format <format>', 'table | json | yaml', 'table')
    .option(
      '--overlay <file.yaml>',
      'write a draft scenario overlay of the new and contradicting statements, for review',
    )
    .option('--url <url>', "the article's address, cited by the overlay (default: a canonical link in the HTML)")
    .action(
      async (
        file: string,
        opts: { published?: string; format?: string; overlay?: string; url?: string },
        cmd: Command,
      ) => {
        // loaded here, not at start-up, so `tradewar --help` stays fast
        const [
          { default: YAML },
          { loadLedger },
          { kindOf },
          { newsRows, readNews },
          { draftOverlay },
          { scenarioFileSchema },
          { applyOverlay },
        ] = await Promise.all([
          import('yaml'),
          import('../../ledger/load.js'),
          import('../../news/article.js'),
          import('../../news/news.js'),
          import('../../news/overlay.js'),
          import('../../scenarios/schema.js'),
          import('../../scenarios/overlay.js'),
        ]);
        const format = parseChoice(opts.format, 'format', ['table', 'json', 'yaml'] as const, 'table');
        if (!existsSync(file)) throw new UserInputError(`article ${file} not found`, 'file');
        if (opts.overlay) checkOutputPath(opts.overlay, 'overlay'); // before the work, not after
        const kind = kindOf(file);
        const { DEFAULT_LEDGER_DIR } = await import('../../service/context.js');
        const ledger = loadLedger(globalsOf(cmd).ledger ?? DEFAULT_LEDGER_DIR);
        const reading = readNews(readFileSync(file, 'utf8'), kind, ledger, {
          published: opts.published,
          fileName: basename(file),
        });
        if (opts.overlay) {
          const url = opts.url ?? reading.url;
          if (!url || !/^https?:\/\/\S+$/.test(url))
            throw new UserInputError('--overlay cites the article: pass --url with its http(s) address', 'url');
          const name = `news-${reading.published}-${basename(file)
            .replace(/\.[^.]+$/, '')
            .replace(/^\d{4}-\d{2}-\d{2}-?/, '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')}`
            .slice(0, 60)
            .replace(/-$/, '');
          const draft = draftOverlay(reading, url, name);
          const parsed = scenarioFileSchema.safeParse(draft);
          if (!parsed.success)
            throw new Error(`draft overlay does not fit the scenario schema: ${parsed.error.issues[0]?.message}`);
          applyOverlay(ledger, { scenario: parsed.data, source: null }); // the draft applies to the baseline
          await writeTextOutput(
            opts.overlay,
            `# Draft overlay written by tradewar news — review every item against a primary source.\n${YAML.stringify(draft, { lineWidth: 0 })}`,
            'overlay',
          );
          process.stderr.write(`wrote ${opts.overlay}: ${parsed.data.operations.length} operation(s)\n`);
        }
        if (format === 'json') print(JSON.stringify(reading, null, 2) + '\n');
        else if (format === 'yaml') print(YAML.stringify(reading, { lineWidth: 0 }));
        else {
          print(
            `published ${reading.published} (${reading.published_from}); ${reading.statements.length} statements\n`,
          );
          print(render(newsRows(reading), 'table'));
        }
      },
    );
}
