// The duty stack shows the statutory and the expected rate side by side (ADR 9), in a real browser.
import { expect, it } from 'vitest';
import { shot, browserSuite } from './harness.js';

browserSuite('expected rate in the duty stack', { viewport: { width: 1280, height: 900 } }, (e2e) => {
  it('shows medicaments at 100% statutory and their expected rate from the API', async () => {
    const res = await fetch(`${e2e.server.url}/api/rate?product=3004909291&origin=CN&dest=US&date=2026-07-31`);
    const api = (await res.json()) as { total_pct: number; expected_pct: number };
    expect(api.total_pct).toBe(100);
    expect(api.expected_pct).toBeLessThan(api.total_pct);
    await e2e.page.goto(`${e2e.server.url}/#/product?code=3004909291&importer=US&date=2026-07-31`);
    const stack = e2e.page.getByTestId('duty-stack');
    await stack.waitFor({ timeout: 30_000 });
    expect(Number(await stack.getAttribute('data-total'))).toBeCloseTo(api.total_pct, 6);
    expect(Number(await stack.getAttribute('data-expected'))).toBeCloseTo(api.expected_pct, 6);
    expect(await e2e.page.getByTestId('stack-expected').textContent()).toContain('15.1');
    await e2e.page.screenshot({ path: shot('product-expected-rate'), fullPage: true });
  }, 90_000);
  it('shows US soybeans into China at 13% expected first, 40.5% statutory beside it, with the exclusion linked', async () => {
    const res = await fetch(`${e2e.server.url}/api/rate?product=1201901000&origin=US&dest=CN&date=2025-12-01`);
    const api = (await res.json()) as { total_pct: number; expected_pct: number };
    expect(api).toMatchObject({ total_pct: 40.5, expected_pct: 13 });
    await e2e.page.goto(`${e2e.server.url}/#/product?code=1201901000&importer=CN&date=2025-12-01`);
    // the page is navigated in place: wait for the soybean stack, not the medicaments one still on screen
    const rates = e2e.page.getByTestId('stack-rates').filter({ hasText: 'statutory 40.5' });
    await rates.waitFor({ timeout: 30_000 });
    const text = (await rates.textContent()) ?? '';
    expect(text).toContain('Expected 13');
    expect(text).toContain('statutory 40.5');
    expect(text.indexOf('Expected 13')).toBeLessThan(text.indexOf('statutory 40.5'));
    const link = e2e.page.getByTestId('stack-exclusions').locator('a').first();
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    await e2e.page.screenshot({ path: shot('product-expected-rate-soybeans'), fullPage: true });
  }, 90_000);
});
