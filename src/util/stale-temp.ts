// Temporary files and folders carry the id of the process that made them, so a later run can remove what a
// killed run (kill -9, power loss) left behind: an entry is removed only when its process is gone.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this id is running (one we may not signal still counts as running). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the entries of `dir` whose name matches `pattern` (its first group is the process id) and whose
 * process is gone. Never fails: a folder that cannot be listed or an entry that cannot be removed is left.
 */
export function removeStaleTemporaries(dir: string, pattern: RegExp): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
    } catch {
      /* another run removed it, or it is not ours to remove */
    }
  }
}
