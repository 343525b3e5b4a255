/**
 * The first-load JavaScript budget, enforced (PRODUCT.md section 10: 160 kB gzip or less).
 * Sizes are deterministic for a build, so this fails the run as soon as a change puts a
 * first screen over budget; it prints every file either way, so the figure is in the CI log.
 * Two first screens: a new tablet (first-run set-up) and a set-up tablet (the lock screen).
 */
import { expect, test } from '@playwright/test';
import { describeFirstLoad, FIRST_LOAD_BUDGET_KB, firstLoadJs } from './first-load-js';
import { setUpTablet, waitForServiceWorker } from './support';

test('JavaScript on first load stays within budget on a new tablet and on a set-up tablet', async ({ page, context }) => {
  const newTablet = await firstLoadJs(page, async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  });
  process.stdout.write(`${describeFirstLoad('new tablet (set-up page)', newTablet)}\n`);

  await setUpTablet(page);
  // As a tablet opens it: from the service worker, as the benchmark measures it.
  await waitForServiceWorker(page);
  const second = await context.newPage();
  const setUp = await firstLoadJs(second, async () => {
    await second.goto('/');
    await expect(second.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible();
  });
  process.stdout.write(`${describeFirstLoad('set-up tablet (lock screen)', setUp)}\n`);

  // The files are read from dist: a path that loaded nothing would pass any budget.
  expect(newTablet.files.length).toBeGreaterThan(0);
  expect(setUp.files.length).toBeGreaterThan(0);
  // The unlocked app loads once someone begins to unlock (app.tsx), not with the lock screen:
  // the page frame's focus on the heading once moved after the first paint and counted as a
  // beginning, 8.5 kB more on every lock screen, inside the budget and so unseen by it.
  const unlockedApp = (files: { file: string }[]) => files.filter((entry) => /\/unlocked-[^/]*\.js$/.test(entry.file)).map((entry) => entry.file);
  expect(unlockedApp(setUp.files), 'the unlocked app, on the lock screen').toEqual([]);
  expect(unlockedApp(newTablet.files), 'the unlocked app, on the set-up page').toEqual([]);
  expect.soft(newTablet.gzipKb, 'new tablet, kB gzip').toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB);
  expect.soft(setUp.gzipKb, 'set-up tablet, kB gzip').toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB);
});
