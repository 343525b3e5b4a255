/**
 * Benchmarks in Debian's Chromium. They print figures and write them to
 * .bench-out/results.json; they never fail because something was slow.
 */
import { defineConfig } from '@playwright/test';

// BENCH_PORT lets two worktrees run benchmarks at once (the storage page is served on the next port).
const PORT = Number(process.env.BENCH_PORT ?? 4318);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.bench.ts',
  timeout: 30 * 60_000,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: '../../.bench-out/playwright',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    serviceWorkers: 'allow',
    actionTimeout: 30_000,
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      cwd: '../..',
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
    },
    {
      command: `node_modules/.bin/vite preview --config tests/bench/vite.bench.config.ts --port ${PORT + 1}`,
      cwd: '../..',
      url: `http://127.0.0.1:${PORT + 1}/storage-bench.html`,
      reuseExistingServer: false,
    },
  ],
});
