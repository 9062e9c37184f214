// The committed data/ is exactly what the build script derives from the raw mirror: rebuild into a
// temporary folder and compare every file's sha256 with data/manifest.json.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/util/paths.js';

const run = async (cmd: string, args: string[]) => {
  try {
    const { stderr } = await promisify(execFile)(cmd, args, { encoding: 'utf8', cwd: projectPath(), maxBuffer: 1 << 26 });
    return { status: 0, stderr };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { status: typeof err.code === 'number' ? err.code : 1, stderr: err.stderr ?? String(e) };
  }
};

const source = projectPath('..', 'shared', 'data');
const haveSource = existsSync(source);

describe.skipIf(!haveSource && !process.env.CI)('data build', () => {
  it('rebuilds data/ byte for byte from ../shared/data', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tw-data-'));
    // async, so the test worker stays responsive while the child runs (a long spawnSync times out vitest's RPC)
    const r = await run(process.execPath, [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('scripts', 'build-data.ts'), '--source', source, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(projectPath('data', 'manifest.json'), 'utf8')) as {
      files: Record<string, { sha256: string }>;
    };
    for (const [name, { sha256 }] of Object.entries(manifest.files)) {
      const digest = createHash('sha256').update(readFileSync(join(out, name))).digest('hex');
      expect(digest, name).toBe(sha256);
    }
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(readFileSync(projectPath('data', 'manifest.json'), 'utf8'));
  });
});
