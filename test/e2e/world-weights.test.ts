// The dashboard's weights select offers PIIE's method (world weights) and draws the API's world-weighted series.
import { expect, it } from 'vitest';
import { shot, browserSuite } from './harness.js';

browserSuite('world weights on the dashboard', { viewport: { width: 1280, height: 900 } }, (e2e) => {
  it('switches the overview to world weights and draws that series', async () => {
    await e2e.page.goto(`${e2e.server.url}/#/overview`);
    await e2e.page.getByTestId('weights').selectOption('world');
    await e2e.page.waitForFunction(() => location.hash.includes('weights=world'), undefined, { timeout: 10_000 });
    const res = await fetch(
      `${e2e.server.url}/api/series?importer=US&exporter=CN&weights=world&from=2018-01-01&to=2026-12-31`,
    );
    const series = (await res.json()) as Array<{ date: string; average_pct: number }>;
    const target = series.find((p) => p.date === '2020-02-14')!;
    expect(target.average_pct).toBeGreaterThan(15);
    await e2e.page.waitForFunction(
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
    await e2e.page.screenshot({ path: shot('overview-world-weights'), fullPage: true });
  }, 150_000);
});
