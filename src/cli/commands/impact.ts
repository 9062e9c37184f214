// `tradewar impact` (a scenario's effect on trade, prices, revenue and welfare) and `tradewar impact replicate`
// (published model reproductions on the replication data of the raw mirror).
import type { Command } from 'commander';
import { formatOf, globalsOf, print } from '../options.js';
import { render, type Row } from '../format.js';
import { progressBar } from '../progress.js';
import { DEFAULT_SOURCE } from '../../impact/default-source.js';

const round = (x: number | undefined, d = 3) => (x === undefined ? undefined : Math.round(x * 10 ** d) / 10 ** d);

export function registerImpactCommands(program: Command): void {
  const impact = program
    .command('impact')
    .description(
      'what a scenario does to trade, prices, revenue and welfare: product-level PE or country-level GE (see also `impact replicate`)',
    )
    .option('--scenario <name>', 'the scenario to measure (name or overlay YAML path)')
    .option('--over <name>', 'the scenario it is compared with', 'baseline')
    .option('--at <date>', 'the date, YYYY-MM-DD')
    .option('--from <date>', 'PE over a window: first day (with --to; instead of --at)')
    .option('--to <date>', 'PE over a window: last day, inclusive (amounts annualised; window totals listed too)')
    .option(
      '--model <model>',
      'pe (product by product) | ge (country by country, 194 countries) | ge-sectors (Caliendo–Parro 31 economies × 40 sectors, 1993 data)',
      'pe',
    )
    .option('--draws <n>', 'Monte Carlo draws over the elasticities (0 = point estimate only)', '0')
    .option('--seed <n>', 'random seed for the draws', '1')
    .option('--top <n>', 'products to list (by the size of the import change)', '25')
    .option(
      '--supply <elasticity>',
      'PE export supply elasticity; inf = flat foreign supply (full pass-through)',
      'inf',
    )
    .option('--source <dir>', 'ge-sectors: raw data mirror holding model/caliendo-parro-2015', DEFAULT_SOURCE)
    .option(
      '--demand <elasticity>',
      'PE import demand elasticity: hauk (Hauk 2012 by NAICS industry for US lines, else 1.3) or one number for every line',
      'hauk',
    )
    .option('--format <format>', 'table | csv | json', 'table')
    .action(async (opts, cmd: Command) => {
      const [{ openContext }, { impactQuery }] = await Promise.all([
        import('../../service/context.js'),
        import('../../service/impact.js'),
      ]);
      const format = formatOf(opts.format);
      // the scenario is applied by the model (over the baseline context), not globally
      const g = globalsOf(cmd);
      const ctx = await openContext({ ledgerDir: g.ledger, dataDir: g.data });
      const bar = progressBar('impact');
      const res = await impactQuery(
        ctx,
        {
          scenario: opts.scenario,
          over: opts.over,
          at: opts.at,
          from: opts.from,
          to: opts.to,
          model: opts.model,
          draws: opts.draws,
          seed: opts.seed,
          top: opts.top,
          supply: opts.supply,
          source: opts.source,
          demand: opts.demand,
        },
        bar.update,
      );
      bar.stop();
      if (format === 'json') return print(JSON.stringify(res, null, 2) + '\n');
      const countries: Row[] = res.countries.map((c) => {
        const row: Row = {};
        for (const [k, v] of Object.entries(c)) row[k] = typeof v === 'number' ? round(v, 4) : v;
        return row;
      });
      if (format === 'csv') {
        print(render(res.products?.length ? (res.products as unknown as Row[]) : countries, 'csv'));
        return;
      }
      const w = res.window;
      print(
        `${res.model.toUpperCase()}: ${res.scenario} over ${res.baseline} ${w ? `from ${w.from} to ${w.to} (${w.days} days; annualised)` : `at ${res.date}`}\n\n`,
      );
      print(render(countries, 'table'));
      if (res.sectors?.length) {
        print('\nBy sector (Caliendo–Parro tradable sectors; tariffs fed and outcomes, %):\n');
        print(render(res.sectors as unknown as Row[], 'table'));
      }
      if (w) {
        print(`\nIntervals of constant tariffs (until = exclusive):\n`);
        print(render(w.intervals as unknown as Row[], 'table'));
        print(`\nTotals over the window (${w.days} days):\n`);
        print(
          render(
            w.countries.map((c) => {
              const row: Row = {};
              for (const [k, v] of Object.entries(c)) row[k] = typeof v === 'number' ? round(v, 4) : v;
              return row;
            }),
            'table',
          ),
        );
      }
      if (res.sections?.length) {
        print('\nBy HS section (US imports):\n');
        print(render(res.sections as unknown as Row[], 'table'));
      }
      if (res.products?.length) {
        print('\nLargest product changes:\n');
        print(render(res.products as unknown as Row[], 'table'));
      }
      if (res.bands) {
        print('\nBands (5 / 50 / 95 percentiles):\n');
        print(
          render(
            Object.entries(res.bands).map(([k, b]) => ({ aggregate: k, p5: b.p5, p50: b.p50, p95: b.p95 })),
            'table',
          ),
        );
      }
      for (const note of res.notes ?? []) print(`\nnote: ${note}`);
      print('\n');
    });

  impact
    .command('replicate')
    .description('run a published model reproduction on the replication data of the raw mirror')
    .argument('[name]', 'replication name (see --list)')
    .option('--list', 'list the replications')
    .option('--source <dir>', 'raw data mirror holding model/', DEFAULT_SOURCE)
    .option('--format <format>', 'table | json (default table)')
    .action(async (name: string | undefined, opts, cmd: Command) => {
      const { listReplications, replicate } = await import('../../service/impact.js');
      // `impact` has a --format of its own, which commander fills when the option follows the subcommand too
      const format = formatOf(opts.format ?? (cmd.parent?.opts().format as string | undefined), ['table', 'json']);
      if (opts.list || !name) {
        if (format === 'json') return print(JSON.stringify(listReplications(), null, 2) + '\n');
        return print(render(listReplications() as unknown as Row[], 'table'));
      }
      const bar = progressBar(`replicate ${name}`);
      bar.update(0, 1);
      // `impact` has a --source of its own too (for ge-sectors), which commander may fill instead
      const parentSource = cmd.parent?.opts().source as string | undefined;
      const r = replicate(name, opts.source !== DEFAULT_SOURCE ? opts.source : (parentSource ?? DEFAULT_SOURCE));
      bar.update(1, 1);
      bar.stop();
      if (format === 'json') return print(JSON.stringify(r, null, 2) + '\n');
      print(`${r.name}: ${r.title}\n`);
      print(
        `settings: ${Object.entries(r.settings)
          .map(([k, v]) => `${k}=${typeof v === 'number' ? round(v, 4) : v}`)
          .join(', ')}\n\n`,
      );
      const show = new Set(['USA', 'CHN', 'CAN', 'MEX', 'EU', 'NON_US']);
      if (r.published.length) {
        print('Against the published figures:\n');
        print(
          render(
            r.published.map((p) => {
              const got = r.countries.find((c) => c.iso3 === p.iso3)?.[p.field];
              return {
                iso3: p.iso3,
                field: p.field,
                published: p.value,
                computed: round(got, p.decimals + 2),
                as_printed: got === undefined ? undefined : Number(got.toFixed(p.decimals)),
                match: got !== undefined && Number(got.toFixed(p.decimals)) === p.value,
              };
            }),
            'table',
          ),
        );
        print('\n');
      }
      print(
        render(
          r.countries
            .filter((c) => show.has(c.iso3))
            .map((c) => {
              const row: Row = {};
              for (const [k, v] of Object.entries(c)) row[k] = typeof v === 'number' ? round(v) : v;
              return row;
            }),
          'table',
        ),
      );
      const countries = r.countries.filter((c) => c.iso3 !== 'EU' && c.iso3 !== 'NON_US').length;
      print(`\n(${countries} countries; all of them with --format json; solved in ${Math.round(r.solve_ms)} ms)\n`);
    });
}
