// `tradewar start` (what `npm start` runs): the current US↔China averages and the latest and next events.
import type { Command } from 'commander';
import { contextFor, formatOf, print } from '../options.js';
import { parseDate } from '../../service/inputs.js';
import { toTable } from '../format.js';
import { addDays, todayIso } from '../../util/dates.js';

export function registerStartCommand(program: Command): void {
  program
    .command('summary')
    .description('current trade-weighted averages both ways, the latest events and what is scheduled next')
    .option('--date <date>', 'date to report, YYYY-MM-DD (default: today)')
    .option('--format <format>', 'table | json', 'table')
    .action(async (opts, cmd: Command) => {
      const { averageQuery } = await import('../../service/queries.js');
      const { timeline } = await import('../../service/events.js');
      const { assumedLapses } = await import('../../ledger/ledger.js');
      const format = formatOf(opts.format, ['table', 'json']);
      const ctx = await contextFor(cmd);
      const today = opts.date === undefined ? todayIso() : parseDate(opts.date, 'date');
      const rows = [];
      for (const [importer, exporter] of [
        ['US', 'CN'],
        ['CN', 'US'],
      ] as const) {
        for (const weights of ['2017', '2024']) {
          const [p] = await averageQuery(ctx, { importer, exporter, at: today, weights, by: 'authority' });
          rows.push({
            direction: `${importer} on goods from ${exporter}`,
            weights,
            average_pct: p!.average_pct,
            coverage_pct: p!.coverage_pct,
            by_authority: Object.entries(p!.by ?? {})
              .filter(([, v]) => (v as number) > 0.005)
              .map(([k, v]) => `${k} ${(v as number).toFixed(2)}`)
              .join(', '),
            // ADR 82: the average with each unconfirmed step or suspension end it rests on flipped
            unconfirmed: p!.unconfirmed ?? [],
          });
        }
      }
      const assumed = assumedLapses(ctx.ledger, today);
      const all = timeline(ctx.ledger, today);
      const recent = all.filter((e) => e.date <= today && e.date >= addDays(today, -400)).slice(-12);
      const next = all.filter((e) => e.date > today).slice(0, 10);
      if (format === 'json')
        return print(
          JSON.stringify(
            {
              date: today,
              date_is_today: opts.date === undefined,
              averages: rows,
              assumptions: assumed,
              latest_events: recent,
              scheduled_next: next,
            },
            null,
            2,
          ) + '\n',
        );
      const dateNote = opts.date === undefined ? ' (today; --date YYYY-MM-DD for another day)' : '';
      const tableRows = rows.map(({ unconfirmed, ...r }) => ({
        ...r,
        if_flipped: unconfirmed.map((u) => `${u.alternative_average_pct.toFixed(2)} (${u.id})`).join(', '),
      }));
      print(
        `tradewar — US↔China trade-weighted average tariffs on ${today}${dateNote}\n\n${toTable(tableRows, undefined, 90)}\n`,
      );
      const rests = new Map<string, string>();
      for (const r of rows)
        for (const u of r.unconfirmed)
          if (!rests.has(u.id))
            rests.set(
              u.id,
              `${r.direction}: ${r.average_pct.toFixed(1)}% ${u.assumption} · ${u.alternative_average_pct.toFixed(1)}% ${u.alternative}${u.scenario ? ` (--scenario ${u.scenario})` : ''}`,
            );
      if (rests.size)
        print(
          `Figures that rest on an unconfirmed step (if_flipped: the average on the other branch):\n${[...rests.values()].map((a) => `  - ${a}`).join('\n')}\n\n`,
        );
      if (assumed.length)
        print(
          `These figures assume scheduled ends that no source confirms:\n${assumed.map((a) => `  - ${a}`).join('\n')}\n\n`,
        );
      const show = (es: typeof all) =>
        toTable(
          es.map((e) => ({ date: e.date, side: e.side, kind: e.kind, record: e.record, detail: e.detail || e.title })),
          undefined,
          80,
        );
      print(`Latest events\n${show(recent)}\nScheduled next\n${show(next)}`);
    });
}
