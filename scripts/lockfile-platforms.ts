// The npm registry reachable here serves only some platform builds of packages with per-platform optional
// dependencies (DuckDB bindings, Rollup). `npm install` then leaves those entries out of package-lock.json
// and `npm ci` refuses the lockfile as out of sync. This adds the missing entries with their version and
// os/cpu/libc (no download address), so `npm ci` knows to skip them on this platform and fetch them on
// theirs. Run after any `npm install`: npm run lock:platforms
import { readFileSync, writeFileSync } from 'node:fs';
import { projectPath } from '../src/util/paths.js';

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const OSES = ['android', 'darwin', 'freebsd', 'openbsd', 'openharmony', 'win32', 'linux'];
const CPUS = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];

function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | null {
  const base = name.split('/').pop()!;
  const os = OSES.find((o) => base.includes(o));
  const cpu = CPUS.find((c) => new RegExp(`-${c}(-|$)`).test(base));
  if (!os || !cpu) return null;
  const out: Pick<LockEntry, 'os' | 'cpu' | 'libc'> = { os: [os], cpu: [cpu] };
  if (os === 'linux') out.libc = [base.includes('musl') ? 'musl' : 'glibc'];
  return out;
}

const file = projectPath('package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> };
const added: string[] = [];
for (const meta of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[key] = { version, optional: true, ...platform };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(added.length ? `added ${added.length} platform entries: ${added.join(', ')}` : 'lockfile already complete');
