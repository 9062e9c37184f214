// The dashboard in a real browser (Debian's chromium via playwright-core) against the real server and data.
// Screenshots of every page go to test-output/screenshots/ (git-ignored).
import { expect, it } from 'vitest';
import { shot, browserSuite } from './harness.js';

interface Drawn {
  name: string;
  data: Array<[string, number]>;
  dashed?: boolean;
}

browserSuite(
  'dashboard in chromium',
  {
    viewport: { width: 1280, height: 900 },
    serverArgs: process.env.TRADEWAR_E2E_ARGS ? process.env.TRADEWAR_E2E_ARGS.split(' ') : [],
  },
  (e2e) => {
    const api = async <T>(path: string): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${e2e.server.url}${path}`);
      return { status: res.status, body: (await res.json()) as T };
    };

    it('draws the real averages both ways on the overview', async () => {
      await e2e.page.goto(`${e2e.server.url}/#/overview`);
      const chart = e2e.page.getByTestId('overview-chart');
      await e2e.page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="overview-chart"]') as HTMLElement | null;
          return (
            !!el?.dataset.series &&
            // both directions drawn (the event markers alone do not count)
            JSON.parse(el.dataset.series).filter(
              (s: { name: string; data: unknown[] }) =>
                s.name !== 'Events' && !s.name.endsWith('(unconfirmed)') && s.data.length > 0,
            ).length >= 2
          );
        },
        undefined,
        { timeout: 60_000 },
      );
      const drawn = JSON.parse((await chart.getAttribute('data-series'))!) as Drawn[];
      for (const [importer, exporter, name] of [
        ['US', 'CN', 'US tariffs on Chinese goods'],
        ['CN', 'US', 'China’s tariffs on US goods'],
      ]) {
        const series = (
          await api<Array<{ date: string; average_pct: number; unconfirmed?: unknown[] }>>(
            `/api/series?importer=${importer}&exporter=${exporter}&weights=2017&from=2018-01-01&to=2026-12-31`,
          )
        ).body;
        const solid = drawn.find((s) => s.name === name)!;
        expect(solid, name).toBeDefined();
        // from its first point resting on an unconfirmed step or suspension end the line goes on dashed (ADR 82)
        const dashed = drawn.find((s) => s.name === `${name} (unconfirmed)`);
        const line = { data: [...solid.data, ...(dashed?.data ?? [])] };
        expect(series.length).toBeGreaterThan(2);
        // every point of the API's series is drawn at its date with its value
        for (const p of series) expect(line.data).toContainEqual([p.date, p.average_pct]);
        expect(Math.max(...line.data.map((d) => d[1]))).toBeGreaterThan(5);
        const first = series.find((p) => (p.unconfirmed?.length ?? 0) > 0);
        if (first) {
          expect(dashed?.dashed, `${name} dashed part`).toBe(true);
          expect(dashed!.data).toContainEqual([first.date, first.average_pct]);
          expect(solid.data.every(([d]) => d <= first.date)).toBe(true);
        } else expect(dashed).toBeUndefined();
      }
      expect(await e2e.page.getByTestId('freshness').textContent()).toMatch(/Ledger as of/);
      // the ledger's talks, truces, rulings and threats are marked on the time axis
      const events = (await api<Array<{ kind: string }>>('/api/events?kind=event')).body.filter((e) =>
        ['talks', 'truce', 'agreement', 'ruling', 'threat', 'summit', 'expiry'].includes(e.kind),
      );
      const markers = drawn.find((s) => s.name === 'Events');
      expect(markers?.data.length ?? 0).toBe(events.length);
      await e2e.page.screenshot({ path: shot('overview'), fullPage: true });
    }, 90_000);

    it('says beside the headline what it assumes, with the other branch one click away (ADR 82)', async () => {
      const meta = (await api<{ today: string }>('/api/meta')).body;
      const avg = (
        await api<Array<{ average_pct: number; unconfirmed?: Array<{ alternative_average_pct: number }> }>>(
          `/api/average?importer=CN&exporter=US&at=${meta.today}&weights=2017&by=authority`,
        )
      ).body[0]!;
      await e2e.page.goto(`${e2e.server.url}/#/overview`);
      const head = e2e.page.getByTestId('headline-CN');
      await e2e.page.waitForFunction(
        () => !document.querySelector('[data-testid="headline-CN"] .h-value')?.textContent?.includes('…'),
        undefined,
        { timeout: 60_000 },
      );
      const note = e2e.page.getByTestId('headline-CN-unconfirmed');
      if (!avg.unconfirmed?.length) {
        expect(await note.count()).toBe(0);
        return;
      }
      const text = (await note.first().textContent())!;
      expect(text).toContain(`${avg.average_pct.toFixed(1)}%`);
      expect(text).toMatch(/lapsed on \d{4}-\d{2}-\d{2} \(unconfirmed\)/);
      expect(text).toContain(`${avg.unconfirmed[0]!.alternative_average_pct.toFixed(1)}% if it was extended`);
      expect(await head.textContent()).toContain(text);
      // the other branch: one click overlays the extension-2027 scenario on the chart
      await note.first().getByRole('link', { name: 'show that branch' }).click();
      await e2e.page.waitForFunction(() => location.hash.includes('scenario=extension-2027'), undefined, {
        timeout: 10_000,
      });
      await e2e.page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="overview-chart"]') as HTMLElement | null;
          return (
            !!el?.dataset.series &&
            JSON.parse(el.dataset.series).some((s: { name: string }) => s.name.endsWith('— extension-2027'))
          );
        },
        undefined,
        { timeout: 60_000 },
      );
      await e2e.page.screenshot({ path: shot('overview-unconfirmed'), fullPage: true });
    }, 90_000);

    it('finds a product by words and shows its correct duty stack', async () => {
      await e2e.page.goto(`${e2e.server.url}/#/product?date=2025-11-05`);
      await e2e.page.getByTestId('product-search').fill('8517.13');
      const hit = e2e.page.locator('[data-testid="product-hits"] button[data-code="8517130000"][data-importer="US"]');
      await hit.waitFor({ timeout: 20_000 });
      await hit.click();
      const stack = e2e.page.getByTestId('duty-stack');
      await stack.waitFor({ timeout: 30_000 });
      const expected = (
        await api<{ total_pct: number; layers: Array<{ measure: string; applies: boolean }> }>(
          '/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05',
        )
      ).body;
      expect(Number(await stack.getAttribute('data-total'))).toBeCloseTo(expected.total_pct, 6);
      const shownApplying = await e2e.page
        .locator('[data-testid="duty-stack"] tr[data-applies="true"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-measure')));
      expect(shownApplying.sort()).toEqual(
        expected.layers
          .filter((l) => l.applies)
          .map((l) => l.measure)
          .sort(),
      );
      // a customs value turns the stack into dollars, as the API computes them
      await e2e.page.getByTestId('product-value').fill('10000');
      const amounts = e2e.page.getByTestId('stack-amounts');
      await amounts.waitFor({ timeout: 30_000 });
      const withValue = (
        await api<{ amounts: { total_usd: number } }>(
          '/api/rate?product=8517130000&origin=CN&dest=US&date=2025-11-05&value=10000',
        )
      ).body;
      expect(await amounts.textContent()).toContain(
        new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(withValue.amounts.total_usd),
      );
      await e2e.page.getByTestId('product-chart').waitFor();
      await e2e.page.waitForTimeout(300);
      await e2e.page.screenshot({ path: shot('product'), fullPage: true });
    }, 60_000);

    it('compares two scenarios and shows different numbers', async () => {
      const scenarios = (await api<Array<{ name: string }>>('/api/scenarios')).body;
      expect(scenarios.length, 'at least one shipped scenario').toBeGreaterThan(0);
      const date = '2026-12-01';
      let chosen: string | undefined;
      for (const s of scenarios) {
        const cmp = (
          await api<{ rows: Array<{ diff_pp: number }> }>(`/api/scenarios/compare?a=baseline&b=${s.name}&at=${date}`)
        ).body;
        if (cmp.rows.some((r) => Math.abs(r.diff_pp) > 0.01)) {
          chosen = s.name;
          break;
        }
      }
      expect(chosen, 'a scenario that differs from the baseline').toBeDefined();
      await e2e.page.goto(`${e2e.server.url}/#/scenarios?a=baseline&b=${chosen}&date=${date}`);
      const table = e2e.page.getByTestId('compare-table');
      await table.waitFor({ timeout: 60_000 });
      const cells = await table
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));
      expect(cells.length).toBe(2);
      expect(cells.some((c) => c[1] !== c[2])).toBe(true);
      expect(cells.some((c) => !/±0\.0/.test(c[3]!))).toBe(true);
      await e2e.page.getByTestId('paths-chart').waitFor();
      await e2e.page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid="paths-chart"]') as HTMLElement | null;
          return !!el?.dataset.series && JSON.parse(el.dataset.series).length === 4;
        },
        undefined,
        { timeout: 60_000 },
      );
      await e2e.page.screenshot({ path: shot('scenarios'), fullPage: true });
    }, 120_000);

    it('shows the breakdown and the events timeline', async () => {
      await e2e.page.goto(`${e2e.server.url}/#/breakdown?date=2025-11-05`);
      await e2e.page.getByTestId('section-table').waitFor({ timeout: 60_000 });
      const sections = (
        await api<Array<{ by: Record<string, unknown> }>>(
          '/api/average?importer=US&exporter=CN&at=2025-11-05&by=section&weights=2017',
        )
      ).body[0]!.by;
      await e2e.page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="section-table"] tbody tr').length === n,
        Object.keys(sections).length,
        { timeout: 30_000 },
      );
      expect(Object.keys(sections).length).toBeGreaterThan(0);
      // the authority chart draws exactly the API's decomposition, largest first
      const byAuthority = (
        await api<Array<{ by: Record<string, number> }>>(
          '/api/average?importer=US&exporter=CN&at=2025-11-05&by=authority&weights=2017',
        )
      ).body[0]!.by;
      const expected = Object.values(byAuthority)
        .filter((v) => v > 0.0001)
        .sort((a, b) => b - a);
      await e2e.page.waitForFunction(
        (n) => {
          const drawn = document.querySelector('[data-testid="authority-chart"]')?.getAttribute('data-series');
          return !!drawn && (JSON.parse(drawn) as Array<{ data: unknown[] }>)[0]?.data.length === n;
        },
        expected.length,
        { timeout: 30_000 },
      );
      const drawn = JSON.parse((await e2e.page.getByTestId('authority-chart').getAttribute('data-series'))!) as Array<{
        data: number[];
      }>;
      expect(drawn[0]!.data).toEqual(expected);
      await e2e.page.screenshot({ path: shot('breakdown'), fullPage: true });
      await e2e.page.goto(`${e2e.server.url}/#/events`);
      await e2e.page.getByTestId('timeline-item').first().waitFor({ timeout: 30_000 });
      const all = await e2e.page.getByTestId('timeline-item').count();
      await e2e.page.getByTestId('events-side').selectOption('CN');
      await e2e.page.waitForTimeout(200);
      const cn = await e2e.page.getByTestId('timeline-item').count();
      expect(cn).toBeGreaterThan(0);
      expect(cn).toBeLessThan(all);
      await e2e.page.screenshot({ path: shot('events') });
    }, 90_000);

    it('works on a phone-sized screen', async () => {
      const phone = await e2e.browser.newPage({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      await phone.goto(`${e2e.server.url}/#/overview`);
      await phone.waitForFunction(
        () =>
          (document.querySelector('[data-testid="overview-chart"]') as HTMLElement | null)?.dataset.ready === 'true',
        undefined,
        { timeout: 60_000 },
      );
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await phone.screenshot({ path: shot('overview-phone'), fullPage: true });
      await phone.close();
    }, 60_000);

    it('answers bad API input with a 400 naming the field', async () => {
      const res = await api<{ error: string; field: string }>(
        '/api/rate?product=8517130000&origin=CN&dest=US&date=yesterday',
      );
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('date');
      const nf = await fetch(`${e2e.server.url}/api/nope`);
      expect(nf.status).toBe(404);
    });
  },
);
