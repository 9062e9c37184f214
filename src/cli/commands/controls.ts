// screen, match-pairs, bom, controls: export controls as questions (src/service/controls.ts).
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { contextFor, formatOf, print } from '../options.js';
import { render, toTable, type Row } from '../format.js';
import { progressBar } from '../progress.js';
import type { ProductControls, ScreenResult } from '../../service/controls.js';
import { ALGORITHM_IDS } from '../../controls/names/algorithm-ids.js';
import type { BomAnswer } from '../../controls/rules/bom.js';
import { parseDate } from '../../service/inputs.js';
import { UserInputError } from '../../util/errors.js';
import { checkOutputPath, writeTextOutput } from '../output-file.js';

function readInput(file: string, what: string): string {
  if (!existsSync(file)) throw new UserInputError(`${what} ${file} does not exist: give the path of a file`);
  return readFileSync(file, 'utf8');
}

function screenText(r: ScreenResult): string {
  const head = `Screening "${r.query.name}"${r.query.country ? ` (${r.query.country})` : ''} on ${r.date} — ${r.algorithm}, threshold ${r.threshold}\n`;
  const rows: Row[] = r.hits.map((h) => ({
    score: h.score,
    list: h.list,
    name: h.name,
    matched: h.matched_name === h.name ? '' : h.matched_name,
    country: h.country,
    added: h.date_added ?? '',
    listed_on_date: h.listed_on_date === null ? '?' : h.listed_on_date,
    why: h.features.map((f) => `${f.feature} ${f.contribution > 0 ? '+' : ''}${f.contribution}`).join(', '),
  }));
  const detail = r.hits
    .slice(0, 5)
    .map(
      (h) =>
        `  ${h.party_id}: ${h.features.map((f) => `${f.feature}=${f.value}×${f.weight}→${f.contribution}${f.detail ? ` [${f.detail}]` : ''}`).join('; ')}${h.citation ? ` — ${h.citation}` : ''}${h.addresses.length ? ` — address: ${h.addresses.join(' | ')}` : ''}`,
    )
    .join('\n');
  const aff = r.affiliates
    ? `\nAffiliates Rule${r.affiliates.rule ? ` (${r.affiliates.rule.citation}) on ${r.date}: ${r.affiliates.rule.state.replace(/_/g, ' ')} — ${r.affiliates.rule.reason}` : ': not in the ledger in use'}\n  ${r.affiliates.reason}\n`
    : '';
  return `${head}${rows.length ? toTable(rows, undefined, 50) : '(no hit at or above the threshold)\n'}${detail ? `\nExplanations:\n${detail}\n` : ''}${aff}`;
}

function bomText(a: BomAnswer): string {
  const head = [
    `${a.finished_good.description || 'Finished good'} (HS ${a.finished_good.hs}, made in ${a.finished_good.made_in}, value ${a.finished_good.value})${a.destination ? ` → ${a.destination}` : ''} on ${a.date}${a.scenario !== 'baseline' ? ` [scenario ${a.scenario}]` : ''}`,
    `${a.licence_required ? 'LICENCE REQUIRED' : 'No licence required'}: ${a.summary}`,
    '',
  ].join('\n');
  const rows: Row[] = a.rules.map((r) => ({
    measure: r.measure,
    state: r.state,
    triggered: r.triggered,
    outcome: r.outcome,
    items: r.items.join(' '),
  }));
  const reasons = a.rules
    .filter((r) => r.reasons.length)
    .map((r) => `- ${r.measure} (${r.citation}; ${r.state_reason}):\n${r.reasons.map((x) => `    ${x}`).join('\n')}`)
    .join('\n');
  return `${head}${toTable(rows, undefined, 60)}\nWhy:\n${reasons}\n`;
}

export function productControlsText(c: ProductControls): string {
  const lines = c.measures.map(
    (m) => `  ${m.imposer} ${m.measure} [${m.via}]: ${m.state.replace(/_/g, ' ')} — ${m.reason} (${m.citation})`,
  );
  const rel = c.reliance
    ? `  US imports ${c.reliance.year} of HS ${c.reliance.hs6}: $${c.reliance.us_imports_usd.toLocaleString('en-US')}, from China ${c.reliance.china_share_pct}% (top: ${c.reliance.top_partners.map((p) => `${p.partner} ${p.share_pct}%`).join(', ')})`
    : '';
  const usgs = c.usgs
    ? `  USGS (rare earths): US net import reliance ${c.usgs.net_import_reliance_pct.map((x) => `${x.year} ${x.value}%`).join(', ')}; China ${c.usgs.china_share_world_mine_production_pct}% of world mine output ${c.usgs.year}`
    : '';
  if (!lines.length && !rel) return '';
  return [
    `Export controls reaching ${c.product} on ${c.date}:`,
    ...(lines.length ? lines : ['  (none in the ledger)']),
    rel,
    usgs,
  ]
    .filter(Boolean)
    .join('\n');
}

export function registerControlsCommands(program: Command): void {
  program
    .command('screen')
    .description(
      'screen a party against the restricted-party lists (BIS Entity List, MEU, DPL, OFAC SDN, NS-CMIC, DoD 1260H), each hit explained; with --ownership, the 50% Affiliates Rule',
    )
    .argument('[name]', 'party name, e.g. "Huawei Technologies Co., Ltd."')
    .option('--country <iso2>', 'country of the party (a differing list country lowers the score)')
    .option(
      '--date <date>',
      'screening date, YYYY-MM-DD (default today): entries added later are marked, the Affiliates Rule is dated',
    )
    .option('--schema <schema>', 'Person | Company | Organization | LegalEntity | Vessel')
    .option('--id <identifier...>', 'identifiers (registration, tax, USCC, IMO…): a shared one counts heavily')
    .option('--address <text>', 'address of the party')
    .option('--algorithm <id>', `matching algorithm: ${ALGORITHM_IDS.join(' | ')}`)
    .option('--threshold <t>', "lowest score reported, 0..1 (default: the algorithm's threshold)")
    .option('--limit <n>', 'most hits shown', '25')
    .option(
      '--lists <path>',
      "screen against a newer download instead: CSL JSON/CSV, FollowTheMoney JSON lines, OFAC's legacy sdn.csv (add.csv and alt.csv beside it are read too), a CSV of your own list (name, list, country, date_added, source), or a folder of them",
    )
    .option(
      '--ownership <file>',
      'ownership CSV (owner, owned, share, from, until): report 50% Affiliates Rule coverage',
    )
    .option(
      '--file <parties.csv>',
      'batch: screen every row of a CSV (columns name[, country, schema, identifiers, address])',
    )
    .option('--out <file>', 'batch: write the results to a file')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--scenario <name>', 'scenario name or overlay YAML (dates of the Affiliates Rule)')
    .action(async (name: string | undefined, opts, cmd: Command) => {
      const { screenBatch, screenQuery } = await import('../../service/controls.js');
      const { algorithmOf, parseThreshold } = await import('../../controls/screening/screen.js');
      const { parseCsv } = await import('../../controls/io/csv-read.js');
      const format = formatOf(opts.format);
      algorithmOf(opts.algorithm);
      parseThreshold(opts.threshold, 0);
      if (opts.date) parseDate(opts.date, 'date');
      if (opts.country && !/^[A-Za-z]{2}$/.test(opts.country))
        throw new UserInputError(`country "${opts.country}" is not an ISO 3166 alpha-2 code (e.g. CN)`, 'country');
      if (!name && !opts.file)
        throw new UserInputError('give a name to screen, or --file parties.csv for a batch', 'name');
      if (opts.out) checkOutputPath(opts.out); // before the work, not after
      const ctx = await contextFor(cmd);
      if (opts.file) {
        const rows = parseCsv(readInput(opts.file, 'parties file'), ['name'], opts.file).map((r) => r.values);
        const bar = progressBar('screen');
        const out = await screenBatch(ctx, rows, { ...opts, identifiers: undefined }, bar.update);
        bar.stop();
        const text = render(out as unknown as Row[], format);
        if (opts.out) {
          await writeTextOutput(opts.out, text);
          process.stderr.write(
            `screened ${out.length} parties, ${out.filter((r) => r.hits > 0).length} with hits; wrote ${opts.out}\n`,
          );
        } else print(text);
        return;
      }
      const ownership = opts.ownership ? readInput(opts.ownership, 'ownership file') : undefined;
      const r = await screenQuery(ctx, { ...opts, name, identifiers: opts.id, ownership });
      const text =
        format === 'json'
          ? JSON.stringify(r, null, 2) + '\n'
          : format === 'csv'
            ? render(
                r.hits.map((h) => ({
                  ...h,
                  features: h.features.map((f) => `${f.feature}:${f.contribution}`).join(';'),
                  programs: h.programs.join(' '),
                  addresses: h.addresses.join(' | '),
                })) as unknown as Row[],
                'csv',
              )
            : screenText(r);
      if (opts.out) await writeTextOutput(opts.out, text);
      else print(text);
    });

  program
    .command('match-pairs')
    .description(
      'score labelled name pairs (columns schema,name1,name2[,is_match]); writes score and is_match, prints precision, recall and F1 when labelled',
    )
    .argument('<file>', 'CSV of name pairs')
    .option('--out <file>', 'write the scored pairs here (default: standard output, metrics on standard error)')
    .option('--algorithm <id>', `matching algorithm: ${ALGORITHM_IDS.join(' | ')}`)
    .option('--threshold <t>', "score at which a pair is a match, 0..1 (default: the algorithm's, chosen on cases-dev)")
    .action(async (file: string, opts) => {
      const { algorithmOf, parseThreshold } = await import('../../controls/screening/screen.js');
      const { evaluatePairs, pairsToCsv, scorePairs } = await import('../../controls/names/pairs.js');
      const { parseCsvRecords } = await import('../../controls/io/csv-read.js');
      const algorithm = algorithmOf(opts.algorithm);
      const threshold = parseThreshold(opts.threshold, algorithm.threshold);
      if (opts.out) checkOutputPath(opts.out); // before the work, not after
      const text = readInput(file, 'pairs file');
      const header = (parseCsvRecords(text.split(/\r?\n/, 1)[0] ?? '')[0] ?? []).map((h) => h.trim().toLowerCase());
      const pairs = scorePairs(text, algorithm, threshold);
      const csv = pairsToCsv(pairs, header);
      const metrics = evaluatePairs(pairs);
      const report =
        `${algorithm.id} at threshold ${threshold}: ${pairs.length} pairs\n` +
        (metrics.length ? toTable(metrics as unknown as Row[]) : 'no is_match labels: no precision/recall\n');
      if (opts.out) {
        await writeTextOutput(opts.out, csv);
        print(report);
      } else {
        print(csv);
        process.stderr.write(report);
      }
    });

  program
    .command('bom')
    .description(
      "test a bill of materials against China's export controls on a date: is a Chinese licence needed, and why, under each rule",
    )
    .argument(
      '<file>',
      'bill of materials: .csv (role,id,description,hs,origin,value,element,share_pct,content_value,chinese_origin) or .json',
    )
    .requiredOption('--date <date>', 'date of the export, YYYY-MM-DD')
    .option('--destination <iso2>', 'where the finished good is exported to')
    .option('--format <format>', 'table | json', 'table')
    .option('--scenario <name>', 'scenario name (e.g. extension-2027) or overlay YAML')
    .action(async (file: string, opts, cmd: Command) => {
      const { bomQuery } = await import('../../service/controls.js');
      const format = formatOf(opts.format, ['table', 'json']);
      parseDate(opts.date, 'date');
      const text = readInput(file, 'bill of materials');
      const ctx = await contextFor(cmd);
      const a = bomQuery(ctx, { bom: text, date: opts.date, destination: opts.destination, file });
      print(format === 'json' ? JSON.stringify(a, null, 2) + '\n' : bomText(a));
    });

  program
    .command('controls')
    .description(
      'export controls reaching a product on a date with US import reliance on China; or the controls timeline',
    )
    .option('--product <code>', 'HS/HTS code, e.g. 8505.11, 2846, 8112.92')
    .option('--date <date>', 'date, YYYY-MM-DD (with --product)')
    .option('--timeline', 'every export-control measure of both sides with its states over time')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--scenario <name>', 'scenario name or overlay YAML')
    .action(async (opts, cmd: Command) => {
      const { controlsForProduct, controlsTimeline } = await import('../../service/controls.js');
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      if (opts.timeline) {
        const rows = controlsTimeline(ctx);
        if (format === 'json') print(JSON.stringify(rows, null, 2) + '\n');
        else
          print(
            render(
              rows.flatMap((r) =>
                r.segments.map((s) => ({
                  imposer: r.imposer,
                  measure: r.measure,
                  from: s.from,
                  until: s.until ?? '',
                  state: s.state,
                })),
              ),
              format,
            ),
          );
        return;
      }
      if (!opts.product) throw new UserInputError('give --product CODE (with --date) or --timeline', 'product');
      const date = parseDate(opts.date, 'date');
      const c = await controlsForProduct(ctx, opts.product, date);
      if (format === 'json') print(JSON.stringify(c, null, 2) + '\n');
      else if (format === 'csv') print(render(c.measures as unknown as Row[], 'csv'));
      else print((productControlsText(c) || `No export control in the ledger reaches ${c.product}.`) + '\n');
    });
}
