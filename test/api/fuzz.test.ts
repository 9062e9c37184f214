// API fuzz: every route of /openapi.json (routes other capabilities add included), each query parameter in
// turn replaced by hostile or odd values (empty, too long, control characters, far and impossible dates,
// retired country codes, injection strings, repeated parameters), POST routes with odd bodies. Every answer must
// be a clean 200, 4xx with {error} or 503 with Retry-After — never a 5xx, a stack trace or a hang. Seeded and
// bounded (inputs per route, time per request, total time); the figures go to test-output/fuzz-report.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openContext } from '../../src/service/context.js';
import { buildServer } from '../../src/api/server.js';
import { projectPath } from '../../src/util/paths.js';

const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 60);
const REQUEST_LIMIT_MS = 30_000;
const TOTAL_BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 240_000);

interface Param {
  name: string;
  required: boolean;
  schema: { type?: string; enum?: string[]; maxLength?: number; default?: unknown; pattern?: string };
  example?: unknown;
}
interface Operation {
  method: 'get' | 'post';
  path: string;
  params: Param[];
  body?: Record<string, { schema?: unknown }>;
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE: string[] = [
  '',
  ' ',
  'null',
  'undefined',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(40),
  'ZZ',
  'SU',
  'YU',
  'EZ',
  'XA',
  'us',
  'C N',
  '0000-00-00',
  '0050-01-01',
  '1899-12-31',
  '2025-02-30',
  '2101-01-01',
  '9999-12-31',
  '+010000-01-01',
  '2025-11-05T00:00:00Z',
  "' or 1=1 --",
  '"; drop table x; --',
  '../../etc/passwd',
  '%00',
  '\u0000\u0001\u001f',
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  '😀'.repeat(30),
  'A'.repeat(10_000),
  Array.from({ length: 400 }, (_, i) => `2019-01-${String((i % 28) + 1).padStart(2, '0')}`).join(','),
  Array.from({ length: 60 }, () => '2020-01-01').join(','),
  ',,,',
  'baseline',
  'no-deal-2025-11',
  '2024',
  'csv',
];

function validValue(p: Param): string | undefined {
  if (p.example !== undefined) return String(p.example);
  if (p.schema.default !== undefined) return String(p.schema.default);
  if (p.schema.enum?.length) return p.schema.enum.find((e) => e !== '') ?? undefined;
  return undefined;
}

function mutations(op: Operation, random: () => number): string[] {
  const base = new Map<string, string>();
  for (const p of op.params) {
    const v = validValue(p);
    if (p.required && v !== undefined) base.set(p.name, v);
  }
  const qs = (m: Map<string, string>, extra = '') =>
    [...m].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + extra;
  const out: string[] = [qs(base)];
  const names = op.params.map((p) => p.name);
  while (out.length < PER_ROUTE) {
    const r = random();
    const m = new Map(base);
    if (r < 0.08 && names.length) m.delete(names[Math.floor(random() * names.length)]!);
    else if (r < 0.14) m.set(`zz${Math.floor(random() * 100)}`, 'x');
    else if (r < 0.2 && names.length) {
      const n = names[Math.floor(random() * names.length)]!;
      out.push(qs(m, `&${encodeURIComponent(n)}=a&${encodeURIComponent(n)}=b`));
      continue;
    } else {
      for (let k = 0, n = 1 + Math.floor(random() * 2); k < n && names.length; k++)
        m.set(names[Math.floor(random() * names.length)]!, HOSTILE[Math.floor(random() * HOSTILE.length)]!);
    }
    out.push(qs(m));
  }
  return out;
}

const BODIES: Array<{ payload: string; contentType: string }> = [
  { payload: '', contentType: 'application/json' },
  { payload: '{', contentType: 'application/json' },
  { payload: 'null', contentType: 'application/json' },
  { payload: '[]', contentType: 'application/json' },
  { payload: '{"__proto__":{"polluted":1}}', contentType: 'application/json' },
  { payload: JSON.stringify({ a: 'x'.repeat(100_000) }), contentType: 'application/json' },
  { payload: JSON.stringify({ rows: Array(5000).fill({ product: 1 }) }), contentType: 'application/json' },
  { payload: 'x'.repeat(3_000_000), contentType: 'text/plain' },
  { payload: 'a,b\n"unterminated', contentType: 'text/csv' },
  { payload: '\u0000\u0001garbage', contentType: 'text/plain' },
  { payload: '<xml/>', contentType: 'application/xml' },
];

let app: FastifyInstance;
let ops: Operation[] = [];
const figures = { routes: 0, inputs: 0, ok: 0, clean4xx: 0, busy503: 0, server5xx: 0, hangs: 0, stackTraces: 0 };
const failures: string[] = [];

beforeAll(async () => {
  app = await buildServer(await openContext(), { dashboardDir: false });
  const doc = JSON.parse((await app.inject('/openapi.json')).body) as {
    paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content: Operation['body'] } }>>;
  };
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, spec] of Object.entries(methods))
      ops.push({
        method: method as Operation['method'],
        path,
        params: spec.parameters ?? [],
        body: spec.requestBody?.content,
      });
  ops = ops.sort((a, b) => a.path.localeCompare(b.path));
}, 180_000);

afterAll(async () => {
  await app?.close();
  mkdirSync(projectPath('test-output'), { recursive: true });
  writeFileSync(
    projectPath('test-output', 'fuzz-report.json'),
    JSON.stringify({ ...figures, failures: failures.slice(0, 50) }, null, 2),
  );
  console.log(`API fuzz: ${JSON.stringify(figures)}`);
});

async function probe(label: string, send: () => Promise<LightMyRequestResponse>): Promise<void> {
  figures.inputs++;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), REQUEST_LIMIT_MS)));
  const res = await Promise.race([send(), hang]);
  clearTimeout(timer);
  if (res === 'hang') {
    figures.hangs++;
    failures.push(`hang: ${label}`);
    return;
  }
  if (/\n\s+at \S+ \(/.test(res.body)) {
    figures.stackTraces++;
    failures.push(`stack trace: ${label}`);
  }
  if (res.statusCode >= 500 && res.statusCode !== 503) {
    figures.server5xx++;
    failures.push(`${res.statusCode}: ${label}: ${res.body.slice(0, 200)}`);
  } else if (res.statusCode === 503) {
    figures.busy503++;
    if (!res.headers['retry-after']) failures.push(`503 without Retry-After: ${label}`);
  } else if (res.statusCode >= 400) {
    let body: { error?: unknown } = {};
    try {
      body = JSON.parse(res.body) as { error?: unknown };
    } catch {
      /* not JSON: counted as unclear below */
    }
    if (typeof body.error !== 'string' || body.error.length > 2000)
      failures.push(`unclear ${res.statusCode}: ${label}: ${res.body.slice(0, 120)}`);
    else figures.clean4xx++;
  } else figures.ok++;
}

describe('API fuzz over every route of /openapi.json', () => {
  it('answers every odd input cleanly: no 5xx, no stack trace, no hang', async () => {
    expect(ops.length).toBeGreaterThan(10);
    const started = Date.now();
    const random = rng(20261201);
    for (const op of ops) {
      figures.routes++;
      if (Date.now() - started > TOTAL_BUDGET_MS) break;
      if (op.method === 'get')
        for (const q of mutations(op, random)) {
          if (Date.now() - started > TOTAL_BUDGET_MS) break;
          await probe(`GET ${op.path}?${q.slice(0, 200)}`, () => app.inject(`${op.path}?${q}`));
        }
      else
        for (const b of BODIES) {
          const q = mutations(op, random)[0]!;
          await probe(`POST ${op.path} ${b.contentType} ${b.payload.slice(0, 40)}`, () =>
            app.inject({
              method: 'POST',
              url: `${op.path}?${q}`,
              payload: b.payload,
              headers: { 'content-type': b.contentType },
            }),
          );
        }
    }
    expect(failures).toEqual([]);
    expect(figures.server5xx + figures.hangs + figures.stackTraces).toBe(0);
  }, 600_000);
});
