// Vite config of the dashboard: `npm run web:build` (or `tradewar serve`, which builds when stale) → web/dist.
// `npx vite web` serves it with hot reload and forwards /api to a running `tradewar serve` on port 8080.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const api = `http://127.0.0.1:${process.env.PORT ?? 8080}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200, reportCompressedSize: false },
  server: { proxy: { '/api': api, '/openapi.json': api, '/healthz': api } },
});
