// Starts the real server (`tradewar serve`, compiled) on a free loopback port and drives Debian's chromium with
// playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ensureDashboard } from '../../src/api/dashboard.js';
import { BROWSER_SKIP_PREFIX } from './skip.js';
import { projectPath } from '../../src/util/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = projectPath('test-output', 'screenshots');

const underCi = () => !!process.env.CI && !['false', '0'].includes(process.env.CI.toLowerCase());

/** Why the browser tests cannot run here, or null. Under CI a missing browser is a failure, not a skip. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const msg = `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
  if (underCi()) throw new Error(`CI=${process.env.CI}: ${msg}`);
  return msg;
}

/** Registers one skipped test whose name says why, so the run's summary shows it (test/browser-skips-reporter.ts). */
export function announceSkip(reason: string): void {
  it.skip(`${BROWSER_SKIP_PREFIX}${reason}`, () => {});
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
  output: () => string;
}

/** Runs `tradewar serve --port 0` (extra args e.g. --data/--ledger) and waits for the URL it prints. */
export function startServer(
  extraArgs: string[] = [],
  timeoutMs = 90_000,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  // the real compiled command line, as `npm start` runs it (test/global-setup.ts builds dist/ first)
  const child: ChildProcess = spawn(
    process.execPath,
    [projectPath('bin', 'tradewar.js'), 'serve', '--port', '0', '--host', '127.0.0.1', ...extraArgs],
    {
      cwd: projectPath(),
      env: { ...process.env, PORT: '', HOST: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (buf: Buffer) => {
      out += buf.toString();
      const m = /dashboard: (http:\/\/[^\s/]+:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          output: () => out,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${out}`));
    });
  });
}

export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const shot = (name: string) => join(SCREENSHOTS, `${name}.png`);

/** What a browser suite's tests use; set before the first test runs. */
export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
}

export interface BrowserSuiteOptions {
  viewport?: { width: number; height: number };
  /** Extra arguments of `tradewar serve`. */
  serverArgs?: string[];
  /** Extra environment of the server process. */
  serverEnv?: Record<string, string>;
  /** Build web/dist first when stale (default true; a suite that needs no page content may skip it). */
  buildDashboard?: boolean;
  setupTimeoutMs?: number;
}

/**
 * A describe block run against the real server and one chromium page: builds the dashboard when stale, starts
 * `tradewar serve`, opens the page (page errors go to stderr), and closes both afterwards. When chromium is
 * missing outside CI the suite is skipped with a line in the run's summary; under CI it fails (browserMissing).
 */
export function browserSuite(name: string, opts: BrowserSuiteOptions, body: (s: BrowserSession) => void): void {
  const missing = browserMissing();
  if (missing) {
    announceSkip(`${name}: ${missing}`);
    return;
  }
  describe(name, () => {
    const session = {} as BrowserSession;
    beforeAll(async () => {
      if (opts.buildDashboard !== false) await ensureDashboard((m) => console.log(m));
      session.server = await startServer(opts.serverArgs ?? [], 90_000, opts.serverEnv ?? {});
      session.browser = await launchBrowser();
      session.page = await session.browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 1000 } });
      session.page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    }, opts.setupTimeoutMs ?? 110_000);
    afterAll(async () => {
      await session.browser?.close();
      await session.server?.stop();
    });
    body(session);
  });
}

/** A chart's drawn series, as the dashboard exposes them in its data-series attribute. */
export interface DrawnSeries {
  name: string;
  data: unknown[];
}

/** Waits until the chart `testId` has drawn at least `minSeries` non-empty series (named `name` if given). */
export async function drawnSeries(page: Page, testId: string, minSeries: number, name = ''): Promise<DrawnSeries[]> {
  await page.waitForFunction(
    ([id, n, want]) => {
      const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
      if (!el?.dataset.series) return false;
      const series = JSON.parse(el.dataset.series) as DrawnSeries[];
      return series.filter((s) => s.data.length > 0 && (!want || s.name === want)).length >= n;
    },
    [testId, minSeries, name] as const,
    { timeout: 150_000 },
  );
  return JSON.parse((await page.getByTestId(testId).getAttribute('data-series'))!) as DrawnSeries[];
}
