// rate, average, series, panel, events: the questions, printed as table, CSV or JSON.
import type { Command } from 'commander';
import { contextFor, formatOf, print } from '../options.js';
import { render, toTable, type Row } from '../format.js';
import { progressBar } from '../progress.js';
import { parseChoice, scopeCaveat } from '../../service/inputs.js';
import type { Stack } from '../../engine/evaluate.js';
import type { AveragePoint, SectionFigure } from '../../trade/aggregate.js';
import { UserInputError } from '../../util/errors.js';
import { checkOutputPath, writeOutputAtomically, writeTextOutput } from '../output-file.js';
import { averageColumns } from '../../service/unconfirmed.js';

/** Under a table of averages: each figure that rests on an unconfirmed step or end, with the other branch. */
export function unconfirmedAverageLines(points: AveragePoint[], when: 'on' | 'from' = 'on'): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const p of points)
    for (const u of p.unconfirmed ?? []) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      lines.push(
        `Unconfirmed: ${when} ${p.date} the average ${u.assumption}: ${p.average_pct.toFixed(1)}%; ${u.alternative_average_pct.toFixed(1)}% ${u.alternative}. Confirmed by ${u.confirm_by}.${u.scenario ? ` Other branch: --scenario ${u.scenario}.` : ''}`,
      );
    }
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

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

/** Lines (or headings) a shorter or translated code covers, with the range of their totals. */
function linesBlock(s: Stack): string {
  if (!s.query || !s.lines) return '';
  const range = s.total_range_pct!;
  const t = s.query.translation;
  const head = t
    ? `${s.query.asked} is an ${t.from_edition} code; the ${s.dest} schedule follows ${t.to_edition}: ${t.from_hs6} → ${t.to_hs6.join(', ')} (WCO correlation)`
    : `${s.query.asked} is not a national tariff line of the ${s.dest} schedule`;
  const anyExpected = s.lines.some((l) => l.expected_pct !== l.total_pct);
  const exp = s.lines.map((l) => l.expected_pct);
  const [emin, emax] = [Math.min(...exp), Math.max(...exp)];
  const span =
    (anyExpected ? `expected ${emin === emax ? `${emin}%` : `${emin}% to ${emax}%`}, statutory ` : '') +
    (range.min === range.max ? `all pay ${range.min}%` : `totals from ${range.min}% to ${range.max}%`);
  const rows: Row[] = s.headings
    ? s.headings.map((h) => ({
        heading: h.code,
        lines: h.lines,
        min_total_pct: h.min_total_pct,
        max_total_pct: h.max_total_pct,
        description: h.description,
      }))
    : s.lines.map((l) => ({
        line: l.code,
        base_pct: l.base_pct,
        additional_pct: l.additional_pct,
        // the expected rate first where it differs from the statutory one (ADR 81)
        ...(anyExpected ? { expected_pct: l.expected_pct } : {}),
        total_pct: l.total_pct,
        description: l.description,
      }));
  return [
    `${head}: it covers ${s.query.lines_count} lines, ${span}${s.headings ? ` (by heading; --format json lists every line)` : ''}.`,
    '',
    toTable(rows, undefined, 80).trimEnd(),
    '',
    `Stack of ${s.product}${range.min === range.max ? '' : ', the highest of these lines'}:`,
    '',
  ].join('\n');
}

function stackTable(s: Stack, dateNote: string, next: string | null): string {
  const head = [
    linesBlock(s),
    `${s.product}${s.description ? ` — ${s.description}` : ''}`,
    `${s.origin} → ${s.dest} on ${s.date}${dateNote}`,
    ...(s.expected_pct !== s.total_pct
      ? [`Rate: expected ${s.expected_pct}% (what the line pays on average) · statutory ${s.total_pct}%`]
      : []),
    `Base (MFN): ${s.base_pct}%${s.base.rate_text ? ` (${s.base.rate_text})` : ''} [${s.base.measure}, ${s.base.table} ${s.base.key ?? 'n/a'}] ${s.base.source}`,
    '',
  ]
    .filter((x, i) => i > 0 || x !== '')
    .join('\n');
  const rows: Row[] = s.layers.map((l) => ({
    measure: l.measure,
    authority: l.authority,
    rate_pct: l.rate_pct,
    applies: l.applies,
    adds_pct: l.contribution_pct,
    on_date: l.status_on_date.replaceAll('_', ' '),
    expected_pct: l.expected_contribution_pct,
    source: l.source,
  }));
  const reasons = s.layers.map((l) => `  ${l.measure}: ${l.reason}`);
  const tail = [
    '',
    // where they differ the expected rate comes first (what a buyer pays on average), then the statutory rate
    ...(s.expected_pct !== s.total_pct
      ? [
          `Expected: ${s.expected_pct}% on average (exclusions and exemptions priced by their shares, ADR 9/81: ${s.layers
            .filter((l) => l.expected_source)
            .map((l) => `${l.measure}: ${l.expected_source}`)
            .join('; ')})`,
          `Statutory: ${s.total_pct}% (base ${s.base_pct}% + additional ${s.additional_pct}%), for goods with no exclusion or exemption`,
        ]
      : [`Total: ${s.total_pct}% (base ${s.base_pct}% + additional ${s.additional_pct}%)`]),
    s.owed_total_pct !== s.total_pct ? `Owed after court rulings: ${s.owed_total_pct}% (assessed ${s.total_pct}%)` : '',
    ...(s.amounts ? [amountsLine(s)] : []),
    ...s.notes.filter((n) => !s.query || n !== s.notes[0]).map((n) => `Note: ${n}`),
    ...(s.unconfirmed ?? []).map(
      (u) =>
        `Unconfirmed: the total ${u.assumption}: ${s.total_pct}%; ${u.alternative_total_pct}% ${u.alternative}. Confirmed by ${u.confirm_by}.${u.scenario ? ` Other branch: --scenario ${u.scenario}.` : ''}`,
    ),
    next ? `Next change after ${s.date}: ${next}` : `No change to this stack is scheduled after ${s.date}.`,
  ]
    .filter((x) => x !== '')
    .join('\n');
  return `${head}\n${toTable(rows, undefined, 70)}\nWhy:\n${reasons.join('\n')}\n${tail}\n`;
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
    ...averageColumns(p),
  }));
}

export function registerQueryCommands(program: Command): void {
  program
    .command('rate')
    .description('duty stack of one product on one date: base, every candidate layer with its source, total')
    .requiredOption(
      '--product <code>',
      'tariff code, 2 to 10 digits, dots allowed: a national line (US HTS10, China HS10), or a shorter code (every line under it), or an HS code of another edition',
    )
    .requiredOption('--origin <iso2>', 'country of origin, ISO 3166 alpha-2 (e.g. CN)')
    .requiredOption('--dest <iso2>', 'importing country: US or CN')
    .option('--date <date>', 'entry date, YYYY-MM-DD (default: today)')
    .option('--value <usd>', 'customs value in USD: also show the duty in dollars, layer by layer')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--scenario <name>', 'scenario name (see scenario list) or path to your own overlay YAML')
    .action(async (opts, cmd: Command) => {
      // the controls card reads 2024 trade through DuckDB: start it (native load, instance) while the context opens
      const duckReady = import('../../datasets/duckdb.js').then((m) => m.duckdb());
      duckReady.catch(() => {}); // a failure surfaces where the controls are read
      const { rateQuery } = await import('../../service/queries.js');
      const { changesQuery } = await import('../../service/changes.js');
      const { stackRows } = await import('../../service/stack-rows.js');
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const stack = rateQuery(ctx, opts);
      const [{ controlsForProduct }, { productControlsText }] = await Promise.all([
        import('../../service/product-controls.js'),
        import('./controls.js'),
      ]);
      const controls = await controlsForProduct(ctx, stack.product, stack.date);
      if (format === 'json') return print(JSON.stringify({ ...stack, controls }, null, 2) + '\n');
      if (format === 'csv') return print(render(stackRows(stack), 'csv'));
      const next = changesQuery(ctx, {
        upcoming: true,
        product: stack.product,
        dest: stack.dest,
        origin: stack.origin,
        today: stack.date,
      })[0];
      const dateNote = opts.date === undefined ? ' (today; --date YYYY-MM-DD for another day)' : '';
      print(
        stackTable(
          stack,
          dateNote,
          next ? `${next.date} ${next.title}${next.detail ? ` — ${next.detail}` : ''}` : null,
        ) + (productControlsText(controls) ? `\n${productControlsText(controls)}\n` : ''),
      );
    });

  program
    .command('average')
    .description('trade-weighted average tariff of an importer on an exporter at given dates')
    .requiredOption('--importer <iso2>', 'US or CN')
    .requiredOption('--exporter <iso2>', 'partner, ISO 3166 alpha-2')
    .requiredOption('--at <dates>', 'comma-separated dates, YYYY-MM-DD')
    .option('--weights <name>', '2017 | 2024 | world (PIIE method) | a weight set name', '2017')
    .option('--by <dimension>', 'authority | section')
    .option('--rate <kind>', 'statutory | expected (partial exclusions and exemptions priced, ADR 9)', 'statutory')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--scenario <name>', 'scenario name (see scenario list) or path to your own overlay YAML')
    .action(async (opts, cmd: Command) => {
      const { averageQuery } = await import('../../service/queries.js');
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const bar = progressBar('average');
      const points = await averageQuery(ctx, opts, bar.update);
      bar.stop();
      warnScope(opts.importer, opts.exporter);
      print(
        format === 'json'
          ? JSON.stringify(points, null, 2) + '\n'
          : render(flattenAverages(points, opts.by), format) +
              (format === 'table' ? unconfirmedAverageLines(points) : ''),
      );
    });

  program
    .command('series')
    .description('every date at which the trade-weighted average changes')
    .requiredOption('--importer <iso2>', 'US or CN')
    .requiredOption('--exporter <iso2>', 'partner, ISO 3166 alpha-2')
    .option('--from <date>', 'first date, YYYY-MM-DD', '2018-01-01')
    .option('--to <date>', 'last date, YYYY-MM-DD', '2026-12-31')
    .option('--weights <name>', '2017 | 2024 | world (PIIE method) | a weight set name', '2017')
    .option('--rate <kind>', 'statutory | expected (partial exclusions and exemptions priced, ADR 9)', 'statutory')
    .option('--format <format>', 'table | csv | json', 'table')
    .option('--scenario <name>', 'scenario name (see scenario list) or path to your own overlay YAML')
    .action(async (opts, cmd: Command) => {
      const { seriesQuery } = await import('../../service/queries.js');
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const bar = progressBar('series');
      const points = await seriesQuery(ctx, opts, bar.update);
      bar.stop();
      warnScope(opts.importer, opts.exporter);
      if (format === 'json') return print(JSON.stringify(points, null, 2) + '\n');
      const rows: Row[] = points.map((p) => ({
        date: p.date,
        average_pct: p.average_pct,
        coverage_pct: p.coverage_pct,
        ...averageColumns(p),
      }));
      print(render(rows, format) + (format === 'table' ? unconfirmedAverageLines(points, 'from') : ''));
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
      const { intervalPanelQuery, panelQuery } = await import('../../service/queries.js');
      const { writeParquet } = await import('../../datasets/write-parquet.js');
      const format = parseChoice(opts.format, 'format', ['csv', 'json', 'parquet'] as const, 'csv');
      if (!opts.intervals && !opts.at) throw new UserInputError('missing --at DATE (or use --intervals)', 'at');
      if (opts.out) checkOutputPath(opts.out); // before the work, not after
      const ctx = await contextFor(cmd);
      const bar = progressBar('panel');
      const rows = opts.intervals ? intervalPanelQuery(ctx, opts, bar.update) : panelQuery(ctx, opts);
      bar.stop();
      if (format === 'parquet') {
        if (!opts.out) throw new UserInputError('--format parquet needs --out FILE', 'out');
        await writeOutputAtomically(opts.out, (tmp) => writeParquet(rows as unknown as Row[], tmp));
        process.stderr.write(`wrote ${rows.length} rows to ${opts.out}\n`);
        return;
      }
      const text = render(rows as unknown as Row[], format);
      if (opts.out) {
        await writeTextOutput(opts.out, text);
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
      const { eventsQuery } = await import('../../service/events-query.js');
      const format = formatOf(opts.format);
      const ctx = await contextFor(cmd);
      const entries = await eventsQuery(ctx, opts);
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
