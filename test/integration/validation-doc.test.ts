// docs/validation.md is generated (npm run validate): it must match what the current ledger and data give.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../src/util/paths.js';

const haveSource = existsSync(projectPath('..', 'shared', 'data'));

describe.skipIf(!haveSource && !process.env.CI)('validation report', () => {
  it('is up to date with the ledger and the shipped data (run npm run validate)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tw-validate-')), 'validation.md');
    const r = spawnSync(
      process.execPath,
      [projectPath('node_modules', 'tsx', 'dist', 'cli.mjs'), projectPath('scripts', 'validate.ts'), '--out', out],
      { encoding: 'utf8', cwd: projectPath() },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(projectPath('docs', 'validation.md'), 'utf8'));
  });
});
