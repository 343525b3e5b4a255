/**
 * Builds the backup benchmark page (tests/bench/backup-bench.html): the real storage layer
 * in Chromium, outside the app. Used by backup-bench.mjs only.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname),
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../.bench-out/backup'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: resolve(import.meta.dirname, 'backup-bench.html') },
  },
  preview: { host: '127.0.0.1', strictPort: true },
});
