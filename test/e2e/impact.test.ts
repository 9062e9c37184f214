// The Impact page in a real browser against the real server and data: PE with Monte Carlo bands drawn as error
// bars (who gains, by section), CSV export, then the GE model by country. Screenshots to test-output/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { ensureDashboard } from '../../src/api/dashboard.js';
import { browserMissing, launchBrowser, shot, startServer, type RunningServer } from './harness.js';

const missing = browserMissing();
if (missing) console.warn(`skipping browser tests: ${missing}`);

interface Drawn {
  name: string;
  data: unknown[];
}

async function drawn(page: Page, testId: string, minSeries: number, name = ''): Promise<Drawn[]> {
  await page.waitForFunction(
    ([id, n, want]) => {
      const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
      if (!el?.dataset.series) return false;
      const series = JSON.parse(el.dataset.series) as Drawn[];
      return series.filter((s) => s.data.length > 0 && (!want || s.name === want)).length >= n;
    },
    [testId, minSeries, name] as const,
    { timeout: 150_000 },
  );
  return JSON.parse((await page.getByTestId(testId).getAttribute('data-series'))!) as Drawn[];
}

describe.skipIf(!!missing)('Impact page in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureDashboard((m) => console.log(m));
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  }, 110_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows who gains and who loses in PE with 5–95% bands as error bars, and exports CSV', async () => {
    await page.goto(
      `${server.url}/#/impact?scenario=no-deal-2025-11&over=busan-truce&date=2025-12-01&model=pe&draws=200`,
    );
    const countries = await drawn(page, 'impact-countries-chart', 2);
    const bars = countries.find((s) => s.name === 'Sales change')!;
    const whiskers = countries.find((s) => s.name === '5–95% band')!;
    expect(bars.data.length).toBeGreaterThan(5);
    expect(whiskers.data.length).toBe(bars.data.length);
    // China loses sales to the US: the largest bar is negative
    const values = bars.data.map((d) => (d as { value: number }).value);
    expect(Math.min(...values)).toBeLessThan(0);
    expect(Math.max(...values)).toBeGreaterThan(0);
    const sections = await drawn(page, 'impact-sections-chart', 2);
    expect(sections[0]!.data.length).toBeGreaterThan(5);
    await expect(page.getByTestId('impact-us-welfare').textContent()).resolves.toMatch(/−/);
    await page.screenshot({ path: shot('impact-pe'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('impact-countries').getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/iso3,welfare_pct/);
    expect(csv).toMatch(/\nCHN,/);
  }, 200_000);

  it('switches to the GE model: welfare by country with the EU and non-US averages', async () => {
    await page.getByTestId('impact-model').selectOption('ge');
    const countries = await drawn(page, 'impact-countries-chart', 1, 'Welfare');
    const welfare = countries.find((s) => s.name === 'Welfare')!;
    expect(welfare.data.length).toBeGreaterThan(10); // 18 movers + the EU and non-US averages
    await expect(page.getByTestId('impact-tariffs').textContent()).resolves.toMatch(/CHN/);
    await page.screenshot({ path: shot('impact-ge'), fullPage: true });
  }, 200_000);
});
