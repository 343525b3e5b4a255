/**
 * Browser journeys in Debian's Chromium (/usr/bin/chromium): no browser download.
 * Each run builds nothing itself (npm run test:browser builds first) and starts its own
 * preview server on 127.0.0.1, on a port apart from `npm start`'s 4173, and stops it.
 */
import { defineConfig } from '@playwright/test';

// PLAYWRIGHT_PORT lets two worktrees run their journeys at once without fighting over the port.
const PORT = Number(process.env.PLAYWRIGHT_PORT ?? 4317);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // The longest journeys (a whole assessment, with axe at every page) take about 25 s alone;
  // two at once on a 2-core host that was slow on 30 November took 90 s and more. A bound
  // still, never a wait: every step has its own 10 s expectation.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  // Each journey stands alone (its own browser context; a department file's server is started
  // per worker in beforeAll), so a file's journeys may run in different workers: the three
  // department-sync journeys in one worker were the run's last 3 minutes.
  fullyParallel: true,
  // Two on two cores: the journeys are bound by the CPU. Three took as long in all (14.5 min
  // against 14.3, 1 December 2026), each journey up to twice as slow.
  workers: 2,
  // One retry in CI only: a journey that fails twice fails the run; one that passes on retry is
  // reported as flaky in the list output, never hidden.
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list']],
  outputDir: '../../test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `node_modules/.bin/vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
