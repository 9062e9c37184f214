// The Entries page in a real browser against the real server and data: upload the broker fixture, see the
// summary, the duty-by-layer chart (what it drew equals the API's totals) and download the priced lines.
// Screenshot: test-output/screenshots/entries-upload.png.
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/util/paths.js';
import { shot, browserSuite } from './harness.js';

const FIXTURE = projectPath('test', 'fixtures', 'entries', 'broker.csv');
// the server's entries cache, a fresh folder per run
const cache = mkdtempSync(join(tmpdir(), 'tradewar-e2e-entries-'));

browserSuite('Entries page in chromium', { serverEnv: { TRADEWAR_CACHE_DIR: cache } }, (e2e) => {
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('prices an uploaded entry file: summary, duty by layer, rejected rows, CSV download', async () => {
    await e2e.page.goto(`${e2e.server.url}/#/entries`);
    await e2e.page.getByTestId('entries-file').setInputFiles(FIXTURE);
    await e2e.page.waitForFunction(
      () => !!(document.querySelector('[data-testid="entries-layer-chart"]') as HTMLElement | null)?.dataset.series,
      undefined,
      { timeout: 120_000 },
    );
    const res = await fetch(`${e2e.server.url}/api/entries`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: readFileSync(FIXTURE, 'utf8'),
    });
    const answer = (await res.json()) as {
      summary: { totals: { refund_due_usd: number }; by_layer: Array<{ measure: string; duty_statutory_usd: number }> };
    };
    // the chart draws the API's dollars per layer: the struck-down IEEPA layer in the refundable series
    const drawn = JSON.parse(
      (await e2e.page.getByTestId('entries-layer-chart').getAttribute('data-series'))!,
    ) as Array<{
      name: string;
      data: number[];
    }>;
    const struck = drawn.find((s) => s.name === 'Struck down (refundable)')!;
    const ieepa = answer.summary.by_layer.find((l) => l.measure === 'us-ieepa-fentanyl-cn')!;
    expect(struck.data).toContain(ieepa.duty_statutory_usd);
    expect(await e2e.page.getByTestId('entries-refund').textContent()).toMatch(/\$450\.00/);
    expect(await e2e.page.getByTestId('entries-summary').textContent()).toMatch(/4 priced.*7 rejected of 11/);
    const table = await e2e.page.getByTestId('entries-lines').textContent();
    expect(table).toMatch(/country of origin "XX" is not an ISO 3166 alpha-2 code/);
    await e2e.page.screenshot({ path: shot('entries-upload'), fullPage: true });

    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.getByTestId('entries-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('broker-priced.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^row,entry_number,/);
    expect(csv).toMatch(/us-ieepa-fentanyl-cn:200/);
  });
});
