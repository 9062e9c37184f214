// A snapshot of the loaded ledger and shipped datasets (V8 serialisation), so a command answers without
// re-reading Parquet through DuckDB and re-validating YAML each time (≈1.3 s of CPU → ≈0.2 s).
// The snapshot is keyed by the path, size and modification time of every input file (ledger YAML, data
// files) and of the modules that load and check them: any change rebuilds it. Stored per user
// in the cache folder (src/util/cache-root.ts: $TRADEWAR_CACHE_DIR, else $XDG_CACHE_HOME/tradewar, else
// ~/.cache/tradewar); TRADEWAR_CACHE_DIR=off disables it (TRADEWAR_CACHE is a deprecated alias).
// A snapshot that cannot be read or written is ignored: it only ever saves time.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Ledger } from '../ledger/ledger.js';
import type { Datasets } from '../datasets/datasets.js';
import { cacheRoot } from '../util/cache-root.js';

export interface LoadedInputs {
  ledger: Ledger;
  data: Datasets;
}

const FORMAT = 2;

// Columnar packing: V8 deserialises a few arrays of primitives far faster than ~100,000 small objects, so
// maps of records (products, list entries, base rates) are stored as key arrays and one array per field.
type Packed =
  | { t: 'rows'; keys: string[]; cols: unknown[][] }
  | { t: 'map'; keys: unknown[]; values: Packed }
  | { t: 'multimap'; keys: unknown[]; counts: number[]; values: Packed }
  | { t: 'plain'; v: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set);

function packRows(rows: unknown[]): Packed {
  const first = rows[0];
  if (rows.length < 64 || !isRecord(first)) return { t: 'plain', v: rows };
  const keys = Object.keys(first);
  const same = rows.every((r) => isRecord(r) && Object.keys(r).length === keys.length && keys.every((k) => k in r));
  if (!same) return { t: 'plain', v: rows };
  return { t: 'rows', keys, cols: keys.map((k) => rows.map((r) => (r as Record<string, unknown>)[k])) };
}

function pack(v: unknown): Packed {
  if (v instanceof Map) {
    const values = [...v.values()];
    if (values.length && values.every(Array.isArray))
      return {
        t: 'multimap',
        keys: [...v.keys()],
        counts: values.map((a) => (a as unknown[]).length),
        values: packRows((values as unknown[][]).flat()),
      };
    if (values.length && values.every(isRecord)) return { t: 'map', keys: [...v.keys()], values: packRows(values) };
  }
  return { t: 'plain', v };
}

function unpackRows(p: Packed): unknown[] {
  if (p.t === 'plain') return p.v as unknown[];
  if (p.t !== 'rows') throw new Error('bad snapshot');
  const n = p.cols[0]?.length ?? 0;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const o: Record<string, unknown> = {};
    for (let k = 0; k < p.keys.length; k++) o[p.keys[k]!] = p.cols[k]![i];
    out[i] = o;
  }
  return out;
}

function unpack(p: Packed): unknown {
  if (p.t === 'plain') return p.v;
  if (p.t === 'map') {
    const values = unpackRows(p.values);
    return new Map(p.keys.map((k, i) => [k, values[i]]));
  }
  if (p.t === 'multimap') {
    const values = unpackRows(p.values);
    const m = new Map<unknown, unknown[]>();
    let at = 0;
    p.keys.forEach((k, i) => {
      m.set(k, values.slice(at, (at += p.counts[i]!)));
    });
    return m;
  }
  throw new Error('bad snapshot');
}

/** Datasets with their big maps packed by column (nested maps one level down: products per importer, base tables). */
function packData(d: Datasets): unknown {
  return {
    ...d,
    products: [...d.products].map(([k, m]) => [k, pack(m)]),
    lists: pack(d.lists),
    baseTables: [...d.baseTables].map(([k, t]) => [k, { ...t, rows: pack(t.rows) }]),
  };
}

function unpackData(raw: Record<string, unknown>): Datasets {
  const products = raw.products as Array<[string, Packed]>;
  const tables = raw.baseTables as Array<[string, Record<string, unknown> & { rows: Packed }]>;
  return {
    ...(raw as unknown as Datasets),
    products: new Map(
      products.map(([k, p]) => [k, unpack(p) as Datasets['products'] extends Map<string, infer V> ? V : never]),
    ),
    lists: unpack(raw.lists as Packed) as Datasets['lists'],
    baseTables: new Map(
      tables.map(([k, t]) => [
        k,
        { ...t, rows: unpack(t.rows) } as unknown as Datasets['baseTables'] extends Map<string, infer V> ? V : never,
      ]),
    ),
  };
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, out);
    else out.push(full);
  }
  return out;
}

/** Everything the loaded inputs depend on, as one string: changes to any of these files change it. */
function fingerprint(ledgerDir: string, dataDir: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const code = ['../ledger/load', '../ledger/check', '../ledger/schema', '../datasets/datasets', './snapshot'].flatMap(
    (m) => ['.js', '.ts'].map((ext) => join(here, `${m}${ext}`)),
  );
  const parts = [`format ${FORMAT}`, `node ${process.versions.v8}`];
  for (const f of [...filesUnder(ledgerDir), ...filesUnder(dataDir), ...code]) {
    try {
      const st = statSync(f);
      parts.push(`${f} ${st.size} ${st.mtimeMs}`);
    } catch {
      parts.push(`${f} absent`);
    }
  }
  return parts.join('\n');
}

/** The inputs from the snapshot when it matches, else from `load` (then written as the new snapshot). */
export async function loadWithSnapshot(
  ledgerDir: string,
  dataDir: string,
  load: () => Promise<LoadedInputs>,
): Promise<LoadedInputs> {
  const dir = cacheRoot();
  let key: string;
  try {
    key = fingerprint(resolve(ledgerDir), resolve(dataDir));
  } catch {
    return load(); // a folder is missing: let the loader report it
  }
  if (!dir) return load();
  const where = createHash('sha256')
    .update(`${resolve(ledgerDir)}\n${resolve(dataDir)}`)
    .digest('hex')
    .slice(0, 16);
  const file = join(dir, `context-${where}.v8`);
  try {
    const saved = deserialize(readFileSync(file)) as { key: string; ledger: Ledger; data: Record<string, unknown> };
    if (saved.key === key) return { ledger: saved.ledger, data: unpackData(saved.data) };
  } catch {
    /* no snapshot yet, or unreadable: load */
  }
  const inputs = await load();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize({ key, ledger: inputs.ledger, data: packData(inputs.data) }), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    /* read-only home: answer without a snapshot */
  }
  return inputs;
}
