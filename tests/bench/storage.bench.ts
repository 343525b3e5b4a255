/**
 * Storage at scale: 100,000 encrypted attendances (BENCH_ATTENDANCES to change), timed in
 * Chromium with real IndexedDB and WebCrypto. Budgets (PRODUCT.md 10): look-up under 50 ms,
 * today's list under 100 ms, autosave of one change under 20 ms, a 30-day compliance audit under 1 s.
 */
import { test } from '@playwright/test';
import { recordFigures } from './results';

test('storage with 100,000 encrypted attendances', async ({ page }) => {
  const count = Number(process.env.BENCH_ATTENDANCES ?? 100_000);
  await page.goto(`http://127.0.0.1:${String(Number(process.env.BENCH_PORT ?? 4318) + 1)}/storage-bench.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready');
  const figures = await page.evaluate((n) => (window as unknown as { runStorageBench: (count: number) => Promise<unknown> }).runStorageBench(n), count);
  recordFigures('storage', figures);
});
