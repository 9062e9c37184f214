// `tradewar serve` (what `npm start` runs): builds the dashboard when stale, loads the ledger and data once,
// and serves the API and the dashboard on http://HOST:PORT (PORT default 8080, HOST default 127.0.0.1).
import type { Command } from 'commander';
import { Option } from 'commander';
import { contextFor, globalsOf, print } from '../options.js';
import { defaultPoolSize } from '../../api/worker-pool.js';
import { parseWholeNumber } from '../../service/inputs.js';
import { createServer } from 'node:net';

/** Why the server cannot listen on host:port (in use, not allowed, no such address), or undefined when it can. */
export function portProblem(port: number, host: string): Promise<string | undefined> {
  if (port === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(listenProblem(err, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

function listenProblem(err: NodeJS.ErrnoException, port: number, host: string): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `port ${port} is in use: set PORT or pass --port (e.g. --port ${port === 8080 ? 8081 : 8080})`;
    case 'EACCES':
      return `port ${port} needs privileges on this machine: use a port above 1023 (set PORT or pass --port)`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on ${host}: this machine has no such address (set HOST or pass --host, e.g. 127.0.0.1)`;
    default:
      return `cannot listen on ${host}:${port}: ${err.message}`;
  }
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

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
    .addOption(
      new Option(
        '--cors <origins>',
        'browser origins allowed to call the API, comma-separated (e.g. https://a.example); default: same-origin only',
      ).env('TRADEWAR_CORS'),
    )
    .addOption(
      new Option(
        '--allow-host <names>',
        'host names to answer besides IP addresses, localhost and this machine (comma-separated); others get 421',
      ).env('TRADEWAR_ALLOW_HOSTS'),
    )
    .option(
      '--workers <n>',
      'worker processes for the heavy routes (averages, series, panels, comparisons, impact, entry files); 0: on the event loop',
      String(defaultPoolSize()),
    )
    .action(async (opts, cmd: Command) => {
      const port = parseWholeNumber(opts.port, 'port', 0, 65535);
      const say = (msg: string) => process.stderr.write(`tradewar: ${msg}\n`);
      const started = Date.now();
      const origins = { cors: list(opts.cors), allowedHosts: list(opts.allowHost) };
      const { normaliseOrigin } = await import('../../api/origin-guard.js');
      origins.cors.forEach(normaliseOrigin); // a malformed origin is bad input (exit 2) before anything starts
      const fail = (msg: string) => {
        say(msg);
        process.exit(1);
      };
      // a port in use is found before the dashboard build and the data load, not after them
      const problem = await portProblem(port, opts.host);
      if (problem) fail(problem);
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
        origins,
      });
      try {
        await app.listen({ port, host: opts.host });
      } catch (err) {
        // taken between the probe and now: the worker processes must not keep a server that cannot listen alive
        await app.close().catch(() => {});
        fail(listenProblem(err as NodeJS.ErrnoException, port, opts.host));
      }
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
