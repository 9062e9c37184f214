// The dashboard's weights select offers PIIE's method (world weights) and draws the API's world-weighted series.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureDashboard } from '../../src/api/dashboard.js';
import { browserMissing, launchBrowser, shot, startServer, type RunningServer } from './harness.js';

const missing = browserMissing();

describe.skipIf(!!missing)('world weights on the dashboard', () => {
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

  it('switches the overview to world weights and draws that series', async () => {
    await page.goto(`${server.url}/#/overview`);
    await page.getByTestId('weights').selectOption('world');
    await page.waitForFunction(() => location.hash.includes('weights=world'), undefined, { timeout: 10_000 });
    const res = await fetch(
      `${server.url}/api/series?importer=US&exporter=CN&weights=world&from=2018-01-01&to=2026-12-31`,
    );
    const series = (await res.json()) as Array<{ date: string; average_pct: number }>;
    const target = series.find((p) => p.date === '2020-02-14')!;
    expect(target.average_pct).toBeGreaterThan(15);
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector('[data-testid="overview-chart"]') as HTMLElement | null;
        if (!el?.dataset.series) return false;
        const drawn = JSON.parse(el.dataset.series) as Array<{ name: string; data: Array<[string, number]> }>;
        const us = drawn.find((s) => s.name === 'US tariffs on Chinese goods');
        return !!us?.data.some((d) => d[0] === want.date && d[1] === want.average_pct);
      },
      target,
      { timeout: 90_000 },
    );
    await page.screenshot({ path: shot('overview-world-weights'), fullPage: true });
  }, 150_000);
});
