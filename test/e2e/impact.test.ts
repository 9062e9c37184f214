// The Impact page in a real browser against the real server and data: PE with Monte Carlo bands drawn as error
// bars (who gains, by section), CSV export, then the GE model by country. Screenshots to test-output/screenshots/.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { browserSuite, drawnSeries as drawn, shot } from './harness.js';

browserSuite('Impact page in chromium', {}, (e2e) => {
  it('shows who gains and who loses in PE with 5–95% bands as error bars, and exports CSV', async () => {
    await e2e.page.goto(
      `${e2e.server.url}/#/impact?scenario=no-deal-2025-11&over=busan-truce&date=2025-12-01&model=pe&draws=200`,
    );
    const countries = await drawn(e2e.page, 'impact-countries-chart', 2);
    const bars = countries.find((s) => s.name === 'Sales change')!;
    const whiskers = countries.find((s) => s.name === '5–95% band')!;
    expect(bars.data.length).toBeGreaterThan(5);
    expect(whiskers.data.length).toBe(bars.data.length);
    // China loses sales to the US: the largest bar is negative
    const values = bars.data.map((d) => (d as { value: number }).value);
    expect(Math.min(...values)).toBeLessThan(0);
    expect(Math.max(...values)).toBeGreaterThan(0);
    const sections = await drawn(e2e.page, 'impact-sections-chart', 2);
    expect(sections[0]!.data.length).toBeGreaterThan(5);
    await expect(e2e.page.getByTestId('impact-us-welfare').textContent()).resolves.toMatch(/−/);
    await e2e.page.screenshot({ path: shot('impact-pe'), fullPage: true });
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('impact-countries').getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/iso3,welfare_pct/);
    expect(csv).toMatch(/\nCHN,/);
  }, 200_000);

  it('switches to the GE model: welfare by country with the EU and non-US averages', async () => {
    await e2e.page.getByTestId('impact-model').selectOption('ge');
    const countries = await drawn(e2e.page, 'impact-countries-chart', 1, 'Welfare');
    const welfare = countries.find((s) => s.name === 'Welfare')!;
    expect(welfare.data.length).toBeGreaterThan(10); // 18 movers + the EU and non-US averages
    await expect(e2e.page.getByTestId('impact-tariffs').textContent()).resolves.toMatch(/CHN/);
    await e2e.page.screenshot({ path: shot('impact-ge'), fullPage: true });
  }, 200_000);
});
