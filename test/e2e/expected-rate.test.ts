// The duty stack shows the statutory and the expected rate side by side (ADR 9), in a real browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboard } from '../../src/api/dashboard.js';
import { browserMissing, launchBrowser, shot, startServer, type RunningServer } from './harness.js';

const missing = browserMissing();

describe.skipIf(!!missing)('expected rate in the duty stack', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureDashboard((m) => console.log(m));
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 110_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows medicaments at 100% statutory and their expected rate from the API', async () => {
    const res = await fetch(`${server.url}/api/rate?product=3004909291&origin=CN&dest=US&date=2026-07-31`);
    const api = (await res.json()) as { total_pct: number; expected_pct: number };
    expect(api.total_pct).toBe(100);
    expect(api.expected_pct).toBeLessThan(api.total_pct);
    await page.goto(`${server.url}/#/product?code=3004909291&importer=US&date=2026-07-31`);
    const stack = page.getByTestId('duty-stack');
    await stack.waitFor({ timeout: 30_000 });
    expect(Number(await stack.getAttribute('data-total'))).toBeCloseTo(api.total_pct, 6);
    expect(Number(await stack.getAttribute('data-expected'))).toBeCloseTo(api.expected_pct, 6);
    expect(await page.getByTestId('stack-expected').textContent()).toContain('15.1');
    await page.screenshot({ path: shot('product-expected-rate'), fullPage: true });
  }, 90_000);
});
