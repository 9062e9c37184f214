// rate, average, series, panel, events: the questions, printed as table, CSV or JSON.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { contextFor, formatOf, print } from '../options.js';
import { render, toTable, type Row } from '../format.js';
import { progressBar } from '../progress.js';
import { averageQuery, intervalPanelQuery, panelQuery, rateQuery, seriesQuery } from '../../service/queries.js';
import { timeline, timelineBetween } from '../../service/events.js';
import { parseChoice, parseDate, scopeCaveat } from '../../service/inputs.js';
import type { Stack } from '../../engine/evaluate.js';
import type { AveragePoint, SectionFigure } from '../../trade/aggregate.js';
import { todayIso } from '../../util/dates.js';
import { writeParquet } from '../../datasets/write-parquet.js';
import { UserInputError } from '../../util/errors.js';
import { controlsForProduct, listEvents, withListEvents } from '../../service/controls.js';
import { productControlsText } from './controls.js';

/** Says on stderr when a pair lies outside what the ledger models (stdout stays clean for pipes). */
function warnScope(importer: string, exporter: string): void {
  const caveat = scopeCaveat(String(importer).toUpperCase(), String(exporter).toUpperCase());
  if (caveat) process.stderr.write(`tradewar: note: ${caveat}\n`);
}

function amountsLine(s: Stack): string {
  const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const a = s.amounts!;
  const parts = [
    `base ${usd.format(a.base_usd)}`,
    ...Object.entries(a.layers_usd).map(([m, v]) => `${m} ${usd.format(v)}`),
  ];
  return `On a customs value of ${usd.format(a.value_usd)}: duty ${usd.format(a.total_usd)} (${parts.join(' + ')}); owed after rulings ${usd.format(a.owed_usd)}`;
}

function stackTable(s: Stack): string {
  const head = [
    `${s.product}${s.description ? ` — ${s.description}` : ''}`,
    `${s.origin} → ${s.dest} on ${s.date}`,
    `Base (MFN): ${s.base_pct}%${s.base.rate_text ? ` (${s.base.rate_text})` : ''} [${s.base.measure}, ${s.base.table} ${s.base.key ?? 'n/a'}] ${s.base.source}`,
    '',
  ].join('\n');
  const rows: Row[] = s.layers.map((l) => ({
    measure: l.measure,
    authority: l.authority,
    rate_pct: l.rate_pct,
    applies: l.applies,
    adds_pct: l.contribution_pct,
    reason: l.reason,
    source: l.source,
  }));
  const tail = [
    '',
    `Total: ${s.total_pct}% (base ${s.base_pct}% + additional ${s.additional_pct}%)`,
    s.owed_total_pct !== s.total_pct ? `Owed after court rulings: ${s.owed_total_pct}% (assessed ${s.total_pct}%)` : '',
    ...(s.amounts ? [amountsLine(s)] : []),
    ...s.notes.map((n) => `Note: ${n}`),
  ]
    .filter((x) => x !== '')
    .join('\n');
  return `${head}\n${toTable(rows, undefined, 70)}${tail}\n`;
}

function flattenAverages(points: AveragePoint[], by?: string): Row[] {
  if (by === 'section')
    return points.flatMap((p) =>
      Object.entries(p.by ?? {}).map(([section, f]) => {
        const fig = f as SectionFigure;
        return {
          date: p.date,
          section,
          title: fig.title,
          average_pct: fig.average_pct,
          coverage_pct: fig.coverage_pct,
          weight_share_pct: fig.weight_share_pct,
        };
      }),
    );
  return points.map((p) => ({
    date: p.date,
    average_pct: p.average_pct,
    coverage_pct: p.coverage_pct,
    ...Object.fromEntries(Object.entries(p.by ?? {}).map(([k, v]) => [`${k}_pct`, v])),
  }));
}

export function registerQueryCommands(program: Command): void {
  program
    .command('rate')
    .description('duty stack of one product on one date: base, every candidate layer with its source, total')
    .requiredOption('--product <code>', 'tariff code of the importer (US HTS10/HTS8, China HS10), dots allowed')
    .requiredOption('--origin <iso2>', 'country of origin, ISO 3166 alpha-2 (e.g. CN)')
    .requiredOption('--dest <iso2>', 'importing country: US or CN')
    .requiredOption('--date <date>', 'entry date, YYYY-MM-DD')
    .option('--value <usd>', 'customs value in USD: also show the duty in dollars, layer by layer')
    .option('--format <format>', 'table | json', 'table')
    .option('--scenario <name>', 'scenario name (see scenario list) or path to your own overlay YAML')
    .action(async (opts, cmd: Command) => {
      const format = formatOf(opts.format, ['table', 'json']);
      const ctx = await contextFor(cmd);
      const stack = rateQuery(ctx, opts);
      const controls = await controlsForProduct(ctx, stack.product, stack.date);
      const controlsText = productControlsText(controls);
      print(
        format === 'json'
          ? JSON.stringify({ ...stack, controls }, null, 2) + '\n'
          : stackTable(stack) + (controlsText ? `\n${controlsText}\n` : ''),
      );
    });

  program
    .command('average')
    .description('trade-weighted average tariff of an importer on an exporter at given dates')
    .requiredOption('--importer <iso2>', 'US or CN')
    .requiredOption('--exporter <iso2>', 'partner, ISO 3166 alpha-2')
    .requiredOption('--at <dates>', 'comma-separated dates, YYYY-MM-DD')
    .option('--weights <name>', '2017 | 2024 | a weight set name', '2017')
    .option('--by <dimension>', 'authority | section')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--scenario <name>', 'scenario name (see scenario list) or path to your own overlay YAML')
    .action(async (opts, cmd: Command) => {
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const bar = progressBar('average');
      const points = await averageQuery(ctx, opts, bar.update);
      bar.stop();
      warnScope(opts.importer, opts.exporter);
      print(
        format === 'json' ? JSON.stringify(points, null, 2) + '\n' : render(flattenAverages(points, opts.by), format),
      );
    });

  program
    .command('series')
    .description('every date at which the trade-weighted average changes')
    .requiredOption('--importer <iso2>', 'US or CN')
    .requiredOption('--exporter <iso2>', 'partner, ISO 3166 alpha-2')
    .option('--from <date>', 'first date, YYYY-MM-DD', '2018-01-01')
    .option('--to <date>', 'last date, YYYY-MM-DD', '2026-12-31')
    .option('--weights <name>', '2017 | 2024 | a weight set name', '2017')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--scenario <name>', 'scenario name (see scenario list) or path to your own overlay YAML')
    .action(async (opts, cmd: Command) => {
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const bar = progressBar('series');
      const points = await seriesQuery(ctx, opts, bar.update);
      bar.stop();
      warnScope(opts.importer, opts.exporter);
      print(render(points as unknown as Row[], format));
    });

  program
    .command('panel')
    .description(
      'one row per tariff line of the importer on a date (base, additional, total, layers); with --intervals, the interval-encoded panel',
    )
    .requiredOption('--importer <iso2>', 'US or CN')
    .requiredOption(
      '--exporter <iso2>',
      'partner, ISO 3166 alpha-2 (ALL with --intervals: every partner with trade data)',
    )
    .option('--at <date>', 'date, YYYY-MM-DD (required without --intervals)')
    .option('--intervals', 'every line × partner × [valid_from, valid_until) over --from..--to instead of one date')
    .option('--from <date>', 'with --intervals: first date', '2018-01-01')
    .option('--to <date>', 'with --intervals: last date', '2026-12-31')
    .option('--format <format>', 'csv | json | parquet', 'csv')
    .option('--out <file>', 'write to a file instead of standard output (required for parquet)')
    .option('--scenario <name>', 'scenario name (see scenario list) or path to your own overlay YAML')
    .action(async (opts, cmd: Command) => {
      const format = parseChoice(opts.format, 'format', ['csv', 'json', 'parquet'] as const, 'csv');
      if (!opts.intervals && !opts.at) throw new UserInputError('missing --at DATE (or use --intervals)', 'at');
      const ctx = await contextFor(cmd);
      const bar = progressBar('panel');
      const rows = opts.intervals ? intervalPanelQuery(ctx, opts, bar.update) : panelQuery(ctx, opts);
      bar.stop();
      if (format === 'parquet') {
        if (!opts.out) throw new UserInputError('--format parquet needs --out FILE', 'out');
        await writeParquet(rows as unknown as Row[], opts.out);
        process.stderr.write(`wrote ${rows.length} rows to ${opts.out}\n`);
        return;
      }
      const text = render(rows as unknown as Row[], format);
      if (opts.out) {
        writeFileSync(opts.out, text);
        process.stderr.write(`wrote ${rows.length} rows to ${opts.out}\n`);
      } else print(text);
    });

  program
    .command('events')
    .description('dated timeline of every measure step, suspension and talk in the ledger')
    .option('--from <date>', 'first date, YYYY-MM-DD')
    .option('--to <date>', 'last date, YYYY-MM-DD')
    .option('--side <side>', 'US | CN | both')
    .option('--kind <kind>', 'instrument kind (ad_valorem, export_control, ...) or "event"')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (opts, cmd: Command) => {
      const format = formatOf(opts.format);
      const from = opts.from ? parseDate(opts.from, 'from') : undefined;
      const to = opts.to ? parseDate(opts.to, 'to') : undefined;
      const ctx = await contextFor(cmd);
      const lists = !opts.kind || opts.kind === 'entity_listing' ? await listEvents(ctx) : [];
      let entries = timelineBetween(withListEvents(timeline(ctx.ledger, todayIso()), lists), from, to);
      if (opts.side) entries = entries.filter((e) => e.side === opts.side || e.side === 'both');
      if (opts.kind) entries = entries.filter((e) => e.instrument_kind === opts.kind);
      if (format === 'json') print(JSON.stringify(entries, null, 2) + '\n');
      else
        print(
          render(
            entries.map((e) => ({
              date: e.date,
              side: e.side,
              kind: e.kind,
              type: e.instrument_kind,
              record: e.record,
              title: e.title,
              detail: e.detail,
              source: e.sources[0],
            })),
            format,
          ),
        );
    });
}
