// The heavy-client scenario of `npm run bench:api`: while autocannon measures /api/rate at 50 connections,
// another client loops the heaviest routes (scenario comparisons, series, panels, averages over many dates),
// each request a query not seen before so no cached answer helps. Bounded: the heavy loops stop when the
// measured run ends (and after at most HEAVY_MAX requests). Loopback only. Reports /api/rate's latency, what
// the heavy client got (answers, 503 with Retry-After, other), and the server's peak RSS.
import autocannon from 'autocannon';

export interface HeavyReport {
  row: string;
  p99: number;
}

const HEAVY_LOOPS = Number(process.env.BENCH_HEAVY_LOOPS ?? 4);
const HEAVY_MAX = Number(process.env.BENCH_HEAVY_MAX ?? 2_000);
/** Length of the measured run, seconds. */
const HEAVY_SECONDS = Number(process.env.BENCH_HEAVY_SECONDS ?? 20);

/** A date 2018-01-01 + n days (n varies so every heavy query is new). */
function dateAt(n: number): string {
  return new Date(Date.UTC(2018, 0, 1) + (n % 3200) * 86_400_000).toISOString().slice(0, 10);
}

function heavyUrl(i: number): string {
  const dates = (k: number) => Array.from({ length: k }, (_, j) => dateAt(i * 37 + j * 53)).join(',');
  switch (i % 4) {
    case 0:
      return `/api/scenarios/compare?a=baseline&b=no-deal-2025-11&at=${dates(3)}`;
    case 1:
      return `/api/series?importer=US&exporter=CN&from=${dateAt(i * 11)}&to=2026-12-31&weights=2024`;
    case 2:
      return `/api/panel?importer=US&exporter=CN&at=${dateAt(i * 17)}`;
    default:
      return `/api/average?importer=US&exporter=CN&at=${dates(20)}&by=section`;
  }
}

export async function heavyClientScenario(base: string, rateUrls: string[], rssOf: () => number): Promise<HeavyReport> {
  const connections = 50;
  const counts = { ok: 0, busy: 0, other: 0, withRetryAfter: 0 };
  let stop = false;
  let sent = 0;
  let peakRss = rssOf();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf())), 200);
  const loop = async () => {
    while (!stop && sent < HEAVY_MAX) {
      const url = heavyUrl(sent++);
      try {
        const res = await fetch(base + url);
        await res.arrayBuffer();
        if (res.status === 200) counts.ok++;
        else if (res.status === 503) {
          counts.busy++;
          if (res.headers.get('retry-after')) counts.withRetryAfter++;
          await new Promise((r) => setTimeout(r, 100)); // a polite client backs off a little
        } else counts.other++;
      } catch {
        counts.other++;
      }
    }
  };
  const loops = Array.from({ length: HEAVY_LOOPS }, loop);
  await new Promise((r) => setTimeout(r, 500)); // the heavy work is under way before measuring
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration: HEAVY_SECONDS,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: rateUrls[i++ % rateUrls.length]! }) }],
  });
  stop = true;
  await Promise.all(loops);
  clearInterval(sampler);
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const errors = result.non2xx + result.errors;
  process.stderr.write(
    `/api/rate under heavy load: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; heavy client: ${counts.ok} answered, ${counts.busy} × 503, ${counts.other} other\n`,
  );
  return {
    p99: result.latency.p99,
    row: `| \`/api/rate\` while ${HEAVY_LOOPS} loops request uncached comparisons, series, panels, 20-date averages | ${result.requests.total.toLocaleString('en-US')} | ${connections} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${Math.round(result.requests.average).toLocaleString('en-US')} | ${errors} | peak ${mb(peakRss)} | heavy client: ${counts.ok} answered, ${counts.busy} × 503 (${counts.withRetryAfter} with Retry-After), ${counts.other} other |`,
  };
}

/**
 * A flood: FLOOD_HEAVY distinct uncached heavy requests sent at once (most must be refused with 503 rather than
 * queued without bound), then the server's peak RSS. Bounded and loopback only.
 */
export async function floodScenario(base: string, rssOf: () => number): Promise<string> {
  const n = Number(process.env.BENCH_FLOOD_HEAVY ?? 300);
  let peak = rssOf();
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf())), 100);
  const started = Date.now();
  const statuses = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      fetch(base + heavyUrl(10_000 + i)).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 0,
      ),
    ),
  );
  clearInterval(sampler);
  const count = (s: number) => statuses.filter((x) => x === s).length;
  const other = statuses.filter((s) => s !== 200 && s !== 503).length;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  process.stderr.write(`flood of ${n} heavy requests: ${count(200)} × 200, ${count(503)} × 503, ${other} other\n`);
  return `Flood: ${n} distinct heavy requests at once → ${count(200)} answered, ${count(503)} × 503 with Retry-After, ${other} other, in ${((Date.now() - started) / 1000).toFixed(1)} s; server peak RSS ${mb(peak)}.`;
}
