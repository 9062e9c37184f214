// The Schedule page and the Product page's "Schedule (HTS)" card in real Chromium (issue 19): the 44 shipped HTS
// revisions with their audit for China, one revision's headings filtered by status, and a line's footnoted
// Chapter 99 heading agreeing with the ledger's layer. Screenshots: test-output/screenshots/schedule*.png.
import { expect, it } from 'vitest';
import { shot, browserSuite } from './harness.js';

browserSuite('schedule page in chromium', { serverArgs: ['--no-warm-up'] }, (e2e) => {
  it('lists the 44 revisions with their effective dates and audit counts, charted', async () => {
    await e2e.page.goto(`${e2e.server.url}/#/schedule`);
    const rows = e2e.page.locator('[data-testid="hts-revisions"] tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(44);
    expect(await rows.first().textContent()).toMatch(/2025 Basic Edition/);
    // the audit of every revision fills the counts in (a heavy request: seconds)
    await e2e.page.waitForFunction(
      () => !document.querySelector('[data-testid="hts-revisions"]')?.textContent?.includes('…'),
      undefined,
      { timeout: 90_000 },
    );
    const last = await rows.last().textContent();
    expect(last).toMatch(/2026 Revision 10/);
    expect(last).toMatch(/June 8, 2026|8 June 2026|Jun 8, 2026/);
    expect(last).toMatch(/\d+\.\d{2}%/);
    const chart = e2e.page.locator('[data-testid="schedule-chart"] .chart');
    await chart.waitFor({ timeout: 30_000 });
    await e2e.page.waitForFunction(() => document.querySelector('[data-testid="schedule-chart"] .chart[data-ready]'));
    const series = JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as Array<{
      name: string;
      data: number[];
    }>;
    expect(series.map((s) => s.name)).toEqual(['modelled', 'explained', 'unmodelled', 'rate mismatch']);
    expect(series[0]!.data).toHaveLength(44);
    await e2e.page.screenshot({ path: shot('schedule'), fullPage: true });
  }, 150_000);

  it('opens a revision’s audit and filters its headings by status', async () => {
    await e2e.page.locator('[data-testid="hts-revisions"] tbody tr').last().locator('a').click();
    const table = e2e.page.locator('[data-testid="audit-table"]');
    await table.waitFor({ timeout: 60_000 });
    expect(await e2e.page.locator('h1').textContent()).toMatch(/HTS 2026 Revision 10/);
    await e2e.page.getByTestId('audit-status').selectOption('modelled');
    await e2e.page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid="audit-table"] tbody tr')).every((tr) =>
        tr.textContent?.includes('modelled'),
      ),
    );
    expect(await table.textContent()).toMatch(/9903\.88\.01/);
    expect(await table.textContent()).not.toMatch(/unmodelled/);
    await e2e.page.screenshot({ path: shot('schedule-audit'), fullPage: true });
  }, 90_000);

  it('shows the product card: the footnoted 301 heading agrees with the ledger’s layer', async () => {
    await e2e.page.goto(`${e2e.server.url}/#/product?importer=US&code=8501312000&date=2026-06-08&q=8501312000`);
    await e2e.page.reload();
    const card = e2e.page.getByTestId('schedule-card');
    const heading = card.locator('[data-testid="schedule-headings"] li');
    await heading.first().waitFor({ timeout: 60_000 });
    expect(await heading.count()).toBe(1);
    expect(await heading.first().getAttribute('data-status')).toBe('agree');
    expect(await heading.first().textContent()).toMatch(/9903\.88\.01.*\+25%/);
    const ledger = card.locator('[data-testid="schedule-ledger"] li');
    expect(await ledger.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/agree/)]));
    expect(await card.textContent()).toMatch(/HTS 2026 Revision 10/);
    await e2e.page.screenshot({ path: shot('schedule-product-card'), fullPage: true });
  }, 90_000);
});
