// data/manifest.json: rows, bytes and sha256 of every shipped file (no timestamps: rebuilds are comparable).
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { BuildContext } from './context.js';
import { lit, outPath, rows } from './context.js';

export interface ManifestEntry {
  rows: number | null;
  bytes: number;
  sha256: string;
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function writeManifest(ctx: BuildContext, files: string[]): Promise<Record<string, ManifestEntry>> {
  const entries: Record<string, ManifestEntry> = {};
  for (const f of [...files].sort()) {
    const p = outPath(ctx, f);
    let n: number | null = null;
    if (f.endsWith('.parquet')) {
      const r = await rows<{ n: number }>(ctx, `SELECT count(*)::INTEGER AS n FROM read_parquet(${lit(p)})`);
      n = r[0]?.n ?? 0;
    }
    entries[f] = { rows: n, bytes: fs.statSync(p).size, sha256: sha256(p) };
  }
  const manifest = { description: 'Derived datasets built by scripts/build-data.ts; see SOURCES.md', files: entries };
  fs.writeFileSync(outPath(ctx, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return entries;
}
