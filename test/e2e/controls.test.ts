// The Controls page in a real browser against the real server and shipped lists: screen a name, test the
// sample bill of materials, draw the controls timeline of both sides; the product page shows the controls
// reaching magnets. Screenshots go to test-output/screenshots/controls-*.png.
import { expect, it } from 'vitest';
import { shot, browserSuite } from './harness.js';

browserSuite(
  'Controls page in chromium',
  { viewport: { width: 1360, height: 1000 }, setupTimeoutMs: 170_000 },
  (e2e) => {
    it('screens a Chinese name written in Han characters and explains the hits', async () => {
      await e2e.page.goto(`${e2e.server.url}/#/controls?date=2025-11-05`);
      await e2e.page.getByTestId('screen-name').fill('华为技术有限公司');
      await e2e.page.getByTestId('screen-go').click();
      const table = e2e.page.getByTestId('screen-hits');
      await table.waitFor({ timeout: 90_000 });
      const text = await table.innerText();
      expect(text).toContain('Huawei Technologies Co., Ltd.');
      expect(text).toContain('bis-entity-list');
      expect(text).toMatch(/literal \+(1|0\.97)/);
      await e2e.page.getByTestId('screen-card').screenshot({ path: shot('controls-screen') });
    }, 120_000);

    it('tests the sample bill of materials on 2026-12-01: licence required under No. 18 and No. 61', async () => {
      await e2e.page.getByTestId('controls-date').fill('2026-12-01');
      await e2e.page.getByTestId('controls-date').press('Enter');
      await e2e.page.getByTestId('bom-go').click();
      const answer = e2e.page.getByTestId('bom-answer');
      await answer.waitFor({ timeout: 60_000 });
      const text = await answer.innerText();
      expect(text).toContain('Licence required');
      expect(text).toContain('MOFCOM/GAC Ann. 2025 No. 18');
      expect(text).toContain('MOFCOM Ann. 2025 No. 61');
      await e2e.page.getByTestId('bom-card').screenshot({ path: shot('controls-bom') });
    }, 90_000);

    it('draws the controls timeline of both sides with suspended segments', async () => {
      await e2e.page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="controls-timeline"]') as HTMLElement | null;
          return !!el?.dataset.series && JSON.parse(el.dataset.series).length > 5;
        },
        undefined,
        { timeout: 60_000 },
      );
      const drawn = JSON.parse(
        (await e2e.page.getByTestId('controls-timeline').getAttribute('data-series'))!,
      ) as Array<{
        name: string;
        data: Array<[string, string]>;
      }>;
      const names = new Set(drawn.map((s) => s.name));
      expect(names).toContain('Suspended');
      expect(names).toContain('In force');
      const rows = new Set(drawn.flatMap((s) => s.data.map((d) => d[1])));
      expect([...rows].some((r) => r.startsWith('US · us-ec-affiliates-rule'))).toBe(true);
      expect([...rows].some((r) => r.startsWith('CN · cn-ec-no61-extraterritorial'))).toBe(true);
      await e2e.page.screenshot({ path: shot('controls-page'), fullPage: true });
    }, 90_000);

    it('shows the controls reaching NdFeB magnets and US reliance on China on the product page', async () => {
      await e2e.page.goto(`${e2e.server.url}/#/product?code=8505110070&importer=US&date=2026-12-01`);
      const card = e2e.page.getByTestId('product-controls');
      await card.waitFor({ timeout: 90_000 });
      const text = await card.innerText();
      expect(text).toContain('MOFCOM/GAC Ann. 2025 No. 18');
      expect(text).toMatch(/of which China \d+(\.\d)?%/);
      await card.screenshot({ path: shot('controls-product-magnets') });
    }, 120_000);
  },
);
