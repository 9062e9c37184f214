// The Commitments page and the Events page's article reader in a real browser against the real server and data.
// Screenshots go to test-output/screenshots/.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/util/paths.js';
import { shot, browserSuite } from './harness.js';

interface Drawn {
  name: string;
  data: Array<[string | number, number | null] | number | null>;
}

browserSuite('commitments and news in chromium', {}, (e2e) => {
  const drawn = async (testId: string): Promise<Drawn[]> => {
    await e2e.page.waitForFunction(
      (id) => {
        const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
        return (
          !!el?.dataset.series && JSON.parse(el.dataset.series).some((s: { data: unknown[] }) => s.data.length > 0)
        );
      },
      testId,
      { timeout: 60_000 },
    );
    return JSON.parse((await e2e.page.getByTestId(testId).getAttribute('data-series'))!) as Drawn[];
  };

  it('draws Phase One cumulative target vs actual, shares met and the soybean tracker from the API', async () => {
    const api = (await (await fetch(`${e2e.server.url}/api/commitments`)).json()) as Array<{
      name: string;
      categories: Array<{ category: string; target_usd: number; actual_usd: number; share_met_pct: number }>;
    }>;
    const goods = api[0]!.categories.find((c) => c.category === 'goods')!;
    await e2e.page.goto(`${e2e.server.url}/#/commitments`);
    const cumulative = await drawn('commitments-cumulative-chart');
    const target = cumulative.find((s) => s.name.startsWith('Target'))!;
    const actual = cumulative.find((s) => s.name.startsWith('Actual'))!;
    const lastTarget = target.data.at(-1) as [string, number];
    const lastActual = actual.data.at(-1) as [string, number];
    expect(lastTarget[0]).toBe('2021-12-31');
    expect(lastTarget[1]).toBeCloseTo(goods.target_usd / 1e9, 1);
    expect(lastActual[1]).toBeCloseTo(goods.actual_usd / 1e9, 1);
    const share = await drawn('commitments-share-chart');
    expect(share.find((s) => s.name === '2020-21')!.data[0]).toBe(goods.share_met_pct);
    const soy = await drawn('commitments-soybeans-chart');
    expect(soy.map((s) => s.name)).toEqual(['Committed', 'Shipped (US exports to China)']);
    expect(soy[0]!.data[0]).toBe(12);
    await expect(e2e.page.getByTestId('commitments-headline').textContent()).resolves.toMatch(
      /agriculture 8\d(\.\d)?%/,
    );
    await e2e.page.screenshot({ path: shot('commitments'), fullPage: true });
    // another category, and the CSV export of what is drawn
    await e2e.page.getByTestId('commitments-category').selectOption('agriculture');
    await e2e.page.waitForFunction(() => location.hash.includes('category=agriculture'));
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('commitments-cumulative').getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('date,target_usd_bn,actual_usd_bn,basis');
    expect(csv).toMatch(/\n2021-12-31,73\.\d+,61\.\d+,/);
  }, 90_000);

  it('reads a pasted article on the Events page into linked statements', async () => {
    const article = readFileSync(
      projectPath('..', 'shared', 'reference', 'news', '2025-10-26-rna-us-china-trade-talks.txt'),
      'utf8',
    );
    await e2e.page.goto(`${e2e.server.url}/#/events`);
    await e2e.page.getByTestId('news-text').fill(article);
    await e2e.page.getByTestId('news-read').click();
    const table = e2e.page.getByTestId('news-statements');
    await table.waitFor({ timeout: 30_000 });
    const text = (await table.textContent())!;
    expect(text).toContain('ev-2025-10-26-kuala-lumpur');
    expect(text).toContain('us-ieepa-threat-100pct-2025');
    expect(text).toContain('us-ec-affiliates-rule');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(20);
    await e2e.page.getByTestId('news-panel').screenshot({ path: shot('events-news-panel') });
  }, 60_000);
});
