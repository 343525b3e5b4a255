/**
 * Backup at scale (issue 13): `node tests/bench/backup-bench.mjs` builds the backup
 * benchmark page, serves it, seeds BENCH_ATTENDANCES (default 10,000) encrypted attendances
 * in Debian's Chromium and prints the backup file's size and the export and import (restore
 * onto a new tablet) times, the restore split by its progress stages. Run by `npm run bench`
 * (run.mjs; BENCH_SKIP_BACKUP=1 leaves it out) and on its own; never fails because something was slow.
 */
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const count = Number(process.env.BENCH_ATTENDANCES ?? 10_000);
const port = Number(process.env.BENCH_PORT ?? 4351);
const config = new URL('./vite.backup-bench.config.ts', import.meta.url).pathname;

await build({ configFile: config });
const server = await preview({ configFile: config, preview: { port, host: '127.0.0.1', strictPort: true } });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${String(port)}/backup-bench.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready');
  const figures = await page.evaluate((n) => window.runBackupBench(n), count);
  const rows = [
    ['Attendances (encrypted, on the tablet)', figures.count],
    ['Issued GP letters', figures.letters],
    ['Audit events', figures.auditEvents],
    ['Seeding (s)', figures.seedSeconds.toFixed(1)],
    ['Backup file size (MB)', figures.fileMegabytes.toFixed(1)],
    ['Export: make the encrypted backup file (s)', figures.exportSeconds.toFixed(1)],
    ['Import: restore onto a new tablet (s)', figures.importSeconds.toFixed(1)],
    ...Object.entries(figures.importStages).map(([stage, seconds]) => [`  of which ${stage} (s)`, seconds.toFixed(1)]),
    ['Attendances restored', figures.restoredAttendances],
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(46)} ${String(value)}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
