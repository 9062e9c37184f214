// docs/validation.md is generated (npm run validate): it must match what the current ledger and data give.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/util/paths.js';

const run = async (cmd: string, args: string[]) => {
  try {
    const { stderr } = await promisify(execFile)(cmd, args, {
      encoding: 'utf8',
      cwd: projectPath(),
      maxBuffer: 1 << 26,
    });
    return { status: 0, stderr };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { status: typeof err.code === 'number' ? err.code : 1, stderr: err.stderr ?? String(e) };
  }
};

const haveSource = existsSync(projectPath('..', 'shared', 'data'));

describe.skipIf(!haveSource && !process.env.CI)('validation report', () => {
  it('is up to date with the ledger and the shipped data (run npm run validate)', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tw-validate-')), 'validation.md');
    // async, so the test worker stays responsive while the child runs (a long spawnSync times out vitest's RPC)
    const r = await run(process.execPath, [
      projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'),
      projectPath('scripts', 'validate.ts'),
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(projectPath('docs', 'validation.md'), 'utf8'));
  });
});
