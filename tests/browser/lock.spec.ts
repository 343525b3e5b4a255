/**
 * A lock that holds on a shared tablet, in the real browser: every open tab locks together
 * (and unlocking one unlocks no other); a tablet that slept past the idle limit is locked as
 * it wakes (Playwright's clock moves the wall clock with no timer running, as sleep does).
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { NURSE, SECRET_FIELD, expectNoAxeViolations, setUpTablet, unlock } from './support';

const lockScreen = (page: Page) => page.getByRole('heading', { name: 'Unlock Safeguarding Triage' });
const home = (page: Page) => page.getByRole('heading', { name: 'Safeguarding assessments' });

test('locking one tab locks every tab; unlocking one unlocks no other', async ({ page, context }) => {
  await setUpTablet(page);
  const second = await context.newPage();
  await second.goto('/');
  await unlock(second);
  await expect(home(second)).toBeVisible();

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(lockScreen(page)).toBeVisible();
  await expect(lockScreen(second)).toBeVisible();
  await expect(second.getByText('The app was locked in another tab, so every tab locked. Everything you entered was saved.')).toBeVisible();
  await expectNoAxeViolations(second);

  await page.getByRole('textbox', SECRET_FIELD).fill(NURSE.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(home(page)).toBeVisible({ timeout: 20_000 });
  // The other tab still asks for the PIN.
  await expect(lockScreen(second)).toBeVisible();
  await second.waitForTimeout(500);
  await expect(lockScreen(second)).toBeVisible();
});

test('a tablet that slept past the idle limit is locked as it wakes', async ({ page }) => {
  await page.clock.install();
  await setUpTablet(page);
  await expect(home(page)).toBeVisible();

  // Asleep for an hour: the wall clock moves, no timer runs. Then the tablet wakes.
  await page.clock.setSystemTime(Date.now() + 60 * 60_000);
  await expect(home(page)).toBeVisible();
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });

  await expect(lockScreen(page)).toBeVisible();
  await expect(page.getByText('The app locked itself because it was not used for a while. Everything you entered was saved.')).toBeVisible();
});
