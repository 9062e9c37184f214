// The Impact page's multi-sector GE (Caliendo–Parro on the 1993 world) in a real browser against the real server:
// welfare by country, output by sector as grouped bars, the sector tariffs table, CSV export of the sector rows.
// Screenshot to test-output/screenshots/.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { browserSuite, drawnSeries as drawn, shot } from './harness.js';

browserSuite('Impact page, ge-sectors, in chromium', {}, (e2e) => {
  it('shows welfare by country and output by sector for no deal over the Busan truce, and exports the sectors', async () => {
    await e2e.page.goto(
      `${e2e.server.url}/#/impact?scenario=no-deal-2025-11&over=busan-truce&date=2025-12-01&model=ge-sectors`,
    );
    const countries = await drawn(e2e.page, 'impact-countries-chart', 1);
    const welfare = countries.find((s) => s.name === 'Welfare')!;
    expect(welfare.data.length).toBeGreaterThan(10);
    const output = await drawn(e2e.page, 'impact-sectors-output-chart', 2);
    expect(output.map((s) => s.name)).toEqual(['US output', 'China output']);
    expect(output[0]!.data.length).toBe(20);
    await expect(e2e.page.getByTestId('impact-us-welfare').textContent()).resolves.toMatch(/−/);
    await expect(e2e.page.getByTestId('impact-sectors-tariffs').textContent()).resolves.toMatch(/Communication/);
    await expect(e2e.page.getByTestId('impact-notes').textContent()).resolves.toMatch(/1993/);
    await e2e.page.screenshot({ path: shot('impact-ge-sectors'), fullPage: true });
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('impact-sectors-output').getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^sector,tariffs_from,us_on_cn_baseline_pct/);
    expect(csv.trim().split('\n').length).toBe(21);
  }, 200_000);
});
