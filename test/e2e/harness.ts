// Starts the real server (`tradewar serve`, compiled) on a free loopback port and drives Debian's chromium with
// playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { it } from 'vitest';
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
export function startServer(extraArgs: string[] = [], timeoutMs = 90_000): Promise<RunningServer> {
  // the real compiled command line, as `npm start` runs it (test/global-setup.ts builds dist/ first)
  const child: ChildProcess = spawn(
    process.execPath,
    [projectPath('bin', 'tradewar.js'), 'serve', '--port', '0', '--host', '127.0.0.1', ...extraArgs],
    {
      cwd: projectPath(),
      env: { ...process.env, PORT: '', HOST: '' },
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
