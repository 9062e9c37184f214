// Locations inside the project, independent of the caller's working directory.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const projectPath = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
