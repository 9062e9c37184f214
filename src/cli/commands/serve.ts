// `tradewar serve` (what `npm start` runs): builds the dashboard when stale, loads the ledger and data once,
// and serves the API and the dashboard on http://HOST:PORT (PORT default 8080, HOST default 127.0.0.1).
import type { Command } from 'commander';
import { Option } from 'commander';
import { contextFor, globalsOf, print } from '../options.js';
import { defaultPoolSize } from '../../api/worker-pool.js';
import { parseWholeNumber } from '../../service/inputs.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('HTTP API (/api/*, /openapi.json) and the web dashboard; builds the dashboard first when stale')
    .addOption(new Option('--port <port>', 'port to listen on').env('PORT').default('8080'))
    .addOption(
      new Option('--host <host>', 'interface: 127.0.0.1 (this machine) or 0.0.0.0 (all)')
        .env('HOST')
        .default('127.0.0.1'),
    )
    .option('--scenarios <dir>', 'scenario folder (default: the project scenarios/)')
    .option('--no-build', 'do not build the dashboard, even when stale')
    .option('--rebuild', 'rebuild the dashboard even when up to date')
    .option('--no-warm-up', "do not precompute the dashboard's first queries after starting")
    .option('--log', 'log every request')
    .option(
      '--workers <n>',
      'worker threads for the heavy routes (averages, series, panels, comparisons); 0: on the event loop',
      String(defaultPoolSize()),
    )
    .action(async (opts, cmd: Command) => {
      const port = parseWholeNumber(opts.port, 'port', 0, 65535);
      const say = (msg: string) => process.stderr.write(`tradewar: ${msg}\n`);
      const started = Date.now();
      // the server (Fastify) is loaded only when serving, so other commands start fast
      const { buildServer, warmUp } = await import('../../api/server.js');
      const { ensureDashboard } = await import('../../api/dashboard.js');
      if (opts.build) {
        try {
          await ensureDashboard(say, opts.rebuild === true);
        } catch (err) {
          say(`the dashboard could not be built (${(err as Error).message}); serving the API only`);
        }
      }
      say('loading the ledger and the shipped data…');
      const workers = parseWholeNumber(opts.workers, 'workers', 0, 16);
      const ctx = await contextFor(cmd);
      const app = await buildServer(ctx, {
        scenarioDir: opts.scenarios,
        workers,
        contextDirs: { ledgerDir: globalsOf(cmd).ledger, dataDir: globalsOf(cmd).data },
        logger: opts.log ? { level: 'info' } : { level: 'error' },
      });
      await app.listen({ port, host: opts.host });
      const addr = app.server.address();
      const actualPort = typeof addr === 'object' && addr ? addr.port : port;
      const shown = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
      say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      print(`tradewar dashboard: http://${shown}:${actualPort}/   API: http://${shown}:${actualPort}/openapi.json\n`);
      if (opts.warmUp) void warmUp(app, say).catch((err) => say(`warm-up failed: ${(err as Error).message}`));
      const stop = async () => {
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {}); // serve until stopped
    });
}
