// The Impact page's PE over a window in a real browser against the real server: the period switch puts from/to in
// the address, the intervals of constant tariffs are drawn as bars (their days add up to the window), the totals
// over the window are listed and exported, and all of it agrees with /api/impact for the same window.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ImpactAnswer } from '../../src/contract/impact.js';
import { browserSuite, drawnSeries as drawn, shot } from './harness.js';

browserSuite('Impact page over a window in chromium', {}, (e2e) => {
  it('prices no deal over the Busan truce from 2025-11-01 for three months, interval by interval', async () => {
    await e2e.page.goto(
      `${e2e.server.url}/#/impact?scenario=no-deal-2025-11&over=busan-truce&date=2025-11-01&model=pe`,
    );
    await e2e.page.getByTestId('impact-period').selectOption('window');
    // the default window: three months from the date, the last day inclusive
    await expect(e2e.page.getByTestId('impact-from').inputValue()).resolves.toBe('2025-11-01');
    await expect(e2e.page.getByTestId('impact-to').inputValue()).resolves.toBe('2026-01-31');
    expect(await e2e.page.evaluate(() => location.hash)).toMatch(
      /from=2025-11-01.*to=2026-01-31|to=2026-01-31.*from=2025-11-01/,
    );

    const api = (await (
      await fetch(
        `${e2e.server.url}/api/impact?scenario=no-deal-2025-11&over=busan-truce&from=2025-11-01&to=2026-01-31&top=200`,
      )
    ).json()) as ImpactAnswer;
    const w = api.window!;
    expect(w.days).toBe(92);

    const [days] = await drawn(e2e.page, 'impact-window-chart', 1);
    const drawnDays = days!.data.map((d) => (typeof d === 'number' ? d : (d as { value: number }).value));
    expect(drawnDays).toEqual(w.intervals.map((i) => i.days));
    expect(drawnDays.reduce((a, b) => a + b, 0)).toBe(92);
    expect(drawnDays.length).toBeGreaterThan(2); // the truce dates of 2025-11-10 cut the window

    // totals over the window: China's lost sales to the US are listed, as the API sums them
    const totals = e2e.page.getByTestId('impact-window-totals');
    await expect(totals.textContent()).resolves.toMatch(/CHN/);
    await e2e.page.screenshot({ path: shot('impact-window'), fullPage: true });
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      totals.getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    const header = csv[0]!.split(',');
    const chn = csv.find((l) => l.startsWith('CHN,'))!.split(',');
    const apiChn = w.countries.find((c) => c.iso3 === 'CHN')!;
    expect(Number(chn[header.indexOf('export_change_usd')])).toBe(apiChn.export_change_usd);
    expect(apiChn.export_change_usd!).toBeLessThan(0);

    // back to a date: the window's card goes, the date picker returns
    await e2e.page.getByTestId('impact-period').selectOption('date');
    await e2e.page.getByTestId('impact-date').waitFor();
    expect(await e2e.page.getByTestId('impact-window-intervals').count()).toBe(0);
  }, 300_000);
});
