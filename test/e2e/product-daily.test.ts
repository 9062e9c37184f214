// The product page as a broker uses it, in real Chromium: the search follows the chosen direction, and a 2025
// stack is badged by each layer's state on that date (a duty terminated in 2026 is not "terminated" in 2025).
// Screenshot: test-output/screenshots/product-2025.png.
import { expect, it } from 'vitest';
import { shot, browserSuite } from './harness.js';

browserSuite('product page in chromium', { serverArgs: ['--no-warm-up'], buildDashboard: false }, (e2e) => {
  it("searches the selected direction's schedule only", async () => {
    await e2e.page.goto(`${e2e.server.url}/#/product?importer=CN&date=2025-06-01`);
    await e2e.page.getByTestId('product-search').fill('soybeans');
    const hits = e2e.page.locator('[data-testid="product-hits"] button');
    await hits.first().waitFor({ timeout: 30_000 });
    const importers = await hits.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-importer')));
    expect(importers.length).toBeGreaterThan(2);
    expect(new Set(importers)).toEqual(new Set(['CN']));
    expect(await hits.first().textContent()).toMatch(/Soya beans/);
  }, 60_000);

  it('badges each layer by its state on the date asked and counts the next change from it', async () => {
    await e2e.page.goto(`${e2e.server.url}/#/product?importer=US&code=8517130000&date=2025-06-01&q=8517130000`);
    await e2e.page.reload();
    const stack = e2e.page.getByTestId('duty-stack');
    await stack.waitFor({ timeout: 60_000 });
    const fentanyl = e2e.page.locator('tr[data-measure="us-ieepa-fentanyl-cn"]');
    expect(await fentanyl.getAttribute('data-applies')).toBe('true');
    // terminated in 2026, in force on 2025-06-01: no badge
    expect(await fentanyl.locator('.tag').count()).toBe(0);
    expect(await stack.textContent()).not.toMatch(/Terminated/i);
    const next = e2e.page.getByTestId('next-changes');
    await next.locator('[data-testid="timeline-item"]').first().waitFor({ timeout: 30_000 });
    expect(await next.textContent()).toMatch(/after 2025-06-01/);
    expect(await next.textContent()).not.toMatch(/terminated/i);
    await e2e.page.waitForTimeout(300);
    await e2e.page.screenshot({ path: shot('product-2025'), fullPage: true });
  }, 90_000);

  it('shows every line of a heading with the range, and the highest line’s stack', async () => {
    await e2e.page.goto(`${e2e.server.url}/#/product?importer=US&code=9403.60.80&date=2025-11-05&q=9403.60.80`);
    await e2e.page.reload();
    const lines = e2e.page.getByTestId('stack-lines');
    await lines.waitFor({ timeout: 60_000 });
    const api = (await (
      await fetch(`${e2e.server.url}/api/rate?product=9403.60.80&origin=CN&dest=US&date=2025-11-05`)
    ).json()) as { lines: unknown[]; total_pct: number };
    expect(Number(await lines.getAttribute('data-lines'))).toBe(api.lines.length);
    expect(await lines.locator('tbody tr').count()).toBe(api.lines.length);
    expect(Number(await e2e.page.getByTestId('duty-stack').getAttribute('data-total'))).toBe(api.total_pct);
    await e2e.page.screenshot({ path: shot('product-heading-2025'), fullPage: true });
  }, 90_000);
});
