// Entry of a PE worker thread: registers tsx's loader in the thread, then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pe-worker.ts');
