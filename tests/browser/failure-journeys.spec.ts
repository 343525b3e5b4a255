/**
 * Issue 13 failure journeys (PRODUCT.md section 8, nothing typed is lost):
 * (1) Storage full: every IndexedDB write refused with QuotaExceededError in the middle of an
 *     assessment. The nurse reads the plain message, what is on screen stays on screen, and
 *     the autosave keeps retrying and succeeds once space is freed; a reload shows it all.
 * (2) A schema upgrade from another tab (a newer version of the app opening the database at
 *     a higher version) while this tab holds the old version: this tab writes what is
 *     pending, lets the upgrade through, tells the nurse to reload, and nothing is lost.
 * (3) A file of the app that cannot be loaded (a new tablet whose first visit loses one):
 *     a page that says what to do, not a blank page, and the app starts once it can load.
 *
 * The full disk is injected here, in the test, by wrapping IDBObjectStore.put and add before
 * the app's scripts run (addInitScript), and in the seal worker as it starts (it writes the
 * autosave's row when nothing else changes, attendance-quick-write.ts): nothing in the built
 * app can switch it on.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { dateOfBirthForAge, expectNoAxeViolations, fillPatient, setUpTablet, startAssessment, unlock, waitForSaved } from './support';

const QUOTA_MESSAGE = "This tablet's storage is full, so the last change could not be saved. What you typed is still on screen. Ask the nurse in charge to export and remove finished records, then try again.";

/** While `window.__testStorageFull` is true, every put and add fails as a full disk does. */
function installFullDiskSwitch(): void {
  const flag = globalThis as unknown as { __testStorageFull?: boolean; __testRefusedWrites?: number };
  flag.__testRefusedWrites = 0;
  for (const method of ['put', 'add'] as const) {
    const original = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, method)?.value as (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
    Object.defineProperty(IDBObjectStore.prototype, method, {
      configurable: true,
      writable: true,
      value: function (this: IDBObjectStore, ...args: unknown[]): IDBRequest {
        if (flag.__testStorageFull) {
          flag.__testRefusedWrites = (flag.__testRefusedWrites ?? 0) + 1;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return original.apply(this, args);
      },
    });
  }
}

/** The same switch in every worker the page starts (the seal worker); wait on the returned list before switching. */
function fullDiskInWorkers(page: Page): Promise<unknown>[] {
  const installed: Promise<unknown>[] = [];
  page.on('worker', (worker) => installed.push(worker.evaluate(installFullDiskSwitch)));
  return installed;
}

async function setStorageFull(page: Page, full: boolean, inWorkers: Promise<unknown>[]): Promise<void> {
  await Promise.all(inWorkers);
  const flip = (value: boolean) => {
    (globalThis as unknown as { __testStorageFull?: boolean }).__testStorageFull = value;
  };
  await page.evaluate(flip, full);
  for (const worker of page.workers()) await worker.evaluate(flip, full);
}

test('storage full mid-assessment: the plain message, nothing on screen lost, and the save succeeds once space is freed', async ({ page }) => {
  await page.addInitScript(installFullDiskSwitch);
  const inWorkers = fullDiskInWorkers(page);
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Noah', familyName: 'Price', dateOfBirth: dateOfBirthForAge(7), reason: 'Injury', detail: 'Cut to the chin' });
  await waitForSaved(page);

  await setStorageFull(page, true, inWorkers);
  const detail = page.getByLabel('Describe the reason for attendance');
  await detail.fill('Cut to the chin after falling from a trampoline at home');
  const alert = page.locator('[data-save-state="failed"]');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText(QUOTA_MESSAGE);
  expect(await page.evaluate(() => (globalThis as unknown as { __testRefusedWrites: number }).__testRefusedWrites)).toBeGreaterThan(0);
  await expectNoAxeViolations(page);

  // The nurse carries on while the disk is full: everything stays on screen.
  await page.getByLabel('Last name').fill('Price-Adams');
  await page.waitForTimeout(2500);
  await expect(page.locator('[data-save-state="failed"]')).toContainText(QUOTA_MESSAGE);
  await expect(detail).toHaveValue('Cut to the chin after falling from a trampoline at home');
  await expect(page.getByLabel('Last name')).toHaveValue('Price-Adams');
  await expect(page.getByLabel('First name')).toHaveValue('Noah');

  // Space is freed: the next retry writes everything, with no action from the nurse.
  await setStorageFull(page, false, inWorkers);
  await expect(page.locator('p[data-save-state="saved"]', { hasText: /^Saved on this device at \d\d:\d\d:\d\d$/ })).toBeVisible({ timeout: 35_000 }); // retries back off to 30 s at most
  await expect(page.locator('[data-save-state="failed"]')).toHaveCount(0);

  // What was written is what was on screen: a fresh load reads it back from storage.
  await page.reload();
  await unlock(page);
  await expect(page.getByLabel('Describe the reason for attendance')).toHaveValue('Cut to the chin after falling from a trampoline at home');
  await expect(page.getByLabel('Last name')).toHaveValue('Price-Adams');
});

test('a newer version upgrading the database from another tab: this tab saves what is pending, is told to reload, and loses nothing', async ({ page, context }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Ruby', familyName: 'Osei', dateOfBirth: dateOfBirthForAge(5), reason: 'Injury', detail: 'Bruise on the forearm' });
  await waitForSaved(page);
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible();
  await page.bringToFront();

  const detail = page.getByLabel('Describe the reason for attendance');
  const typed = 'Bruise on the forearm, says she bumped it on the table';
  await detail.fill(typed);
  // At once, before the autosave has run (300 ms after typing stops): the newer version in
  // the second tab opens the database one version up. IndexedDB holds that open until every
  // connection at the old version has closed.
  const versions = await other.evaluate(
    async (name) =>
      new Promise<{ from: number; to: number }>((resolve, reject) => {
        void indexedDB.databases().then((databases) => {
          const from = databases.find((database) => database.name === name)?.version ?? 0;
          const request = indexedDB.open(name, from + 10);
          request.onerror = () => reject(new Error(request.error?.message ?? 'open failed'));
          request.onsuccess = () => {
            const upgraded = request.result;
            const to = upgraded.version;
            upgraded.close();
            resolve({ from, to });
          };
        });
      }),
    'safeguarding-triage',
  );
  expect(versions.to).toBe(versions.from + 10);

  // The old tab is told to reload; what is on screen stays there.
  const notice = page.getByRole('alert').filter({ hasText: 'A newer version of the app has been opened in another tab. Reload this page to carry on.' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Your changes up to now are saved on this tablet.');
  await expect(detail).toHaveValue(typed);
  await expectNoAxeViolations(page);
  await other.close();

  // Reloading opens the upgraded database, and the change made just before the upgrade is there.
  await notice.getByRole('button', { name: 'Reload this page' }).click();
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Patient and attendance', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Describe the reason for attendance')).toHaveValue(typed);
  await expect(page.getByText('A newer version of the app has been opened in another tab')).toHaveCount(0);
});

test('a file of the app that cannot be loaded: a page that says what to do instead of a blank page, and the app starts when reloaded with the file back', async ({ page }) => {
  const startStage = /\/assets\/start-2-[^/]*\.js$/;
  await page.route(startStage, (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  const heading = page.getByRole('heading', { name: 'Sorry, there is a problem with the app', level: 1 });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(page.getByText('The app could not start on this tablet. Reload it to try again.')).toBeVisible();
  await expect(page.getByText("If this page comes back after reloading, use the department's paper safeguarding form for now and tell the nurse in charge.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.unroute(startStage);
  await page.getByRole('button', { name: 'Reload the app' }).click();
  await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
});
