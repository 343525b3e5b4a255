/**
 * Builds the storage benchmark page (tests/bench/storage-bench.html): the real storage
 * layer (Dexie + WebCrypto) running in Chromium, outside the app, so lists and look-ups can
 * be timed over 100,000 encrypted attendances.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname),
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../.bench-out/storage'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: resolve(import.meta.dirname, 'storage-bench.html') },
  },
  preview: { host: '127.0.0.1', strictPort: true },
});
