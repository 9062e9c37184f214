// The committed data/ is exactly what the build script derives from the raw mirror: rebuild into a
// temporary folder and compare every file's sha256 with data/manifest.json.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/util/paths.js';

const source = projectPath('..', 'shared', 'data');
const haveSource = existsSync(source);

describe.skipIf(!haveSource && !process.env.CI)('data build', () => {
  it('rebuilds data/ byte for byte from ../shared/data', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tw-data-'));
    // asynchronous: a build of about a minute must not block the test worker (vitest's RPC times out at 60 s)
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('scripts', 'build-data.ts'), '--source', source, '--out', out],
        { cwd: projectPath(), stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('close', (status) => resolve({ status, stderr }));
    });
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
