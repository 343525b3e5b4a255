/**
 * Encrypted backup, hand-back and restore (issue 13), in Chromium:
 * 1. The nurse in charge backs up the tablet (a generated passphrase shown once, a file with
 *    an opaque name and no patient details in clear), hands the tablet back (database,
 *    caches and service worker gone; first-run set-up), restores the file on the set-up
 *    screen (a wrong passphrase first: refused, nothing changed), and unlocks with the same
 *    PIN to find the assessment as it was.
 * 2. A restore into a tablet with an assessment in progress: the backup's records are added
 *    and nothing of the assessment in progress is lost.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations, fillPatient, NURSE, setUpTablet, startAssessment, unlock, waitForSaved, waitForServiceWorker } from './support';

/** Rows left in every table of the app's database (0 when it does not exist). Runs in the page. */
async function rowsLeft(): Promise<number> {
  if (!(await indexedDB.databases()).some((database) => database.name === 'safeguarding-triage')) return 0;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('safeguarding-triage');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error('open failed'));
  });
  const names = [...db.objectStoreNames];
  if (names.length === 0) {
    db.close();
    return 0;
  }
  const transaction = db.transaction(names, 'readonly');
  const counts = await Promise.all(names.map((name) => new Promise<number>((resolve) => {
    const request = transaction.objectStore(name).count();
    request.onsuccess = () => resolve(request.result);
  })));
  db.close();
  return counts.reduce((sum, value) => sum + value, 0);
}

async function makeBackup(page: Page): Promise<{ path: string; passphrase: string; name: string }> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('link', { name: 'Back up this tablet' }).click();
  await expect(page.getByRole('heading', { name: 'Back up this tablet', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const passphrase = (await page.locator('#generated-passphrase').textContent())?.trim() ?? '';
  expect(passphrase.split(' ')).toHaveLength(7);
  await page.getByLabel('I have written down the backup passphrase').check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Make the backup file' }).click();
  const download = await downloading;
  await expect(page.getByText('Backup file saved')).toBeVisible();
  await expect(page.getByText(passphrase)).toHaveCount(0);
  // Kept outside the browser context, which deletes its downloads when it closes.
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { path, passphrase, name: download.suggestedFilename() };
}

test('back up, hand the tablet back, restore it on the set-up screen and unlock with the same PIN', async ({ page }) => {
  await setUpTablet(page);
  await waitForServiceWorker(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Zephyrine', familyName: 'Quillfeather', dateOfBirth: ['14', '3', '2016'] });
  await waitForSaved(page);
  await page.getByRole('link', { name: 'Home', exact: true }).click();
  await expect(page.getByRole('cell', { name: /Zephyrine Quillfeather/ }).first()).toBeVisible();

  const backup = await makeBackup(page);
  expect(backup.name).toMatch(/^backup-[0-9a-f]{12}\.sgtbackup$/);
  const bytes = await readFile(backup.path);
  expect(bytes.includes('Quillfeather')).toBe(false);
  expect(bytes.includes('Zephyrine')).toBe(false);

  await page.getByRole('link', { name: 'Hand the tablet back' }).click();
  await expect(page.getByRole('heading', { name: 'Hand the tablet back', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Delete everything and hand the tablet back' }).click();
  await expect(page.getByRole('link', { name: 'Confirm that everything on this tablet will be deleted' })).toBeVisible();
  await page.getByLabel('I understand that everything on this tablet will be deleted').check();
  await page.getByRole('button', { name: 'Delete everything and hand the tablet back' }).click();
  await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  // The caches and the service worker are gone; any database now is a new, empty one (the set-up screen opens it again).
  await expect.poll(() => page.evaluate(async () => ({ caches: (await caches.keys()).length, workers: (await navigator.serviceWorker.getRegistrations()).length }))).toEqual({ caches: 0, workers: 0 });
  expect(await page.evaluate(rowsLeft)).toBe(0);

  await page.getByRole('link', { name: 'Restore from a backup' }).click();
  await expect(page.getByRole('heading', { name: 'Restore from a backup', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Backup file').setInputFiles(backup.path);
  await page.getByRole('textbox', { name: 'Backup passphrase' }).fill(`${backup.passphrase} extra`);
  await page.getByRole('button', { name: 'Restore this tablet from the backup' }).click();
  await expect(page.getByText(/The backup passphrase is not right/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'Restore from a backup', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Backup passphrase' }).fill(backup.passphrase);
  await page.getByRole('button', { name: 'Restore this tablet from the backup' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(NURSE.name)).toBeVisible();
  await unlock(page);
  await expect(page.getByRole('cell', { name: /Zephyrine Quillfeather/ }).first()).toBeVisible();
});

test('a restore into a tablet that has an assessment in progress adds the backup and loses nothing of it', async ({ browser }) => {
  const first = await browser.newContext();
  const a = await first.newPage();
  await setUpTablet(a);
  await startAssessment(a);
  await fillPatient(a, { givenName: 'Amara', familyName: 'Okonkwo', dateOfBirth: ['2', '6', '2019'], nhsNumber: '401 023 2137' });
  await waitForSaved(a);
  await a.getByRole('link', { name: 'Home', exact: true }).click();
  const backup = await makeBackup(a);
  await first.close();

  const second = await browser.newContext();
  const b = await second.newPage();
  await setUpTablet(b);
  await startAssessment(b);
  await fillPatient(b, { givenName: 'Zephyrine', familyName: 'Quillfeather', dateOfBirth: ['14', '3', '2016'] });
  await b.getByLabel('Describe the reason for attendance').fill('Fell from a trampoline, left wrist');
  await b.getByRole('link', { name: 'Settings', exact: true }).click();
  await b.getByRole('link', { name: 'Back up this tablet' }).click();
  await b.getByLabel('Backup file').setInputFiles(backup.path);
  await b.getByRole('textbox', { name: 'Backup passphrase' }).fill(backup.passphrase);
  await b.getByRole('button', { name: 'Restore the records from this backup' }).click();
  await expect(b.getByText(/1 attendance added, 0 replaced by a newer copy from the backup, 0 kept/)).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(b);

  await b.getByRole('link', { name: 'Home', exact: true }).click();
  await expect(b.getByRole('cell', { name: /Amara Okonkwo/ }).first()).toBeVisible();
  const own = b.getByRole('row', { name: /Zephyrine Quillfeather/ });
  await own.getByRole('link', { name: /Continue/ }).click();
  await expect(b.getByLabel('Describe the reason for attendance')).toHaveValue('Fell from a trampoline, left wrist');
  await expect(b.getByLabel('First name')).toHaveValue('Zephyrine');
  await second.close();
});
