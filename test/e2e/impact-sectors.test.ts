// The Impact page's multi-sector GE (Caliendo–Parro on the 1993 world) in a real browser against the real server:
// welfare by country, output by sector as grouped bars, the sector tariffs table, CSV export of the sector rows.
// Screenshot to test-output/screenshots/.
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

async function drawn(page: Page, testId: string, minSeries: number): Promise<Drawn[]> {
  await page.waitForFunction(
    ([id, n]) => {
      const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
      if (!el?.dataset.series) return false;
      return (JSON.parse(el.dataset.series) as Drawn[]).filter((s) => s.data.length > 0).length >= n;
    },
    [testId, minSeries] as const,
    { timeout: 150_000 },
  );
  return JSON.parse((await page.getByTestId(testId).getAttribute('data-series'))!) as Drawn[];
}

describe.skipIf(!!missing)('Impact page, ge-sectors, in chromium', () => {
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

  it('shows welfare by country and output by sector for no deal over the Busan truce, and exports the sectors', async () => {
    await page.goto(
      `${server.url}/#/impact?scenario=no-deal-2025-11&over=busan-truce&date=2025-12-01&model=ge-sectors`,
    );
    const countries = await drawn(page, 'impact-countries-chart', 1);
    const welfare = countries.find((s) => s.name === 'Welfare')!;
    expect(welfare.data.length).toBeGreaterThan(10);
    const output = await drawn(page, 'impact-sectors-output-chart', 2);
    expect(output.map((s) => s.name)).toEqual(['US output', 'China output']);
    expect(output[0]!.data.length).toBe(20);
    await expect(page.getByTestId('impact-us-welfare').textContent()).resolves.toMatch(/−/);
    await expect(page.getByTestId('impact-sectors-tariffs').textContent()).resolves.toMatch(/Communication/);
    await expect(page.getByTestId('impact-notes').textContent()).resolves.toMatch(/1993/);
    await page.screenshot({ path: shot('impact-ge-sectors'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('impact-sectors-output').getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^sector,tariffs_from,us_on_cn_baseline_pct/);
    expect(csv.trim().split('\n').length).toBe(21);
  }, 200_000);
});
