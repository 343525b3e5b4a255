/**
 * Issue 12, the compliance audit in the browser: an assessment started and left unsigned for
 * more than 12 hours counts in the audit (issue 12 clarification); the nurse in charge opens the
 * audit from the home screen, sees the table and the chart's text alternative, gets a clear
 * message for an end date before the start, exports the CSV, and finds the export in the audit
 * trail. Every page state passes axe (WCAG 2.2 AA).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { dateOfBirthForAge, expectNoAxeViolations, fillPatient, setUpTablet, startAssessment, unlock, waitForSaved } from './support';

/** Unlocks again if the idle lock or the session limit locked the app while the clock jumped. */
async function unlockIfLocked(page: Page): Promise<void> {
  const lock = page.getByRole('heading', { name: 'Unlock Safeguarding Triage' });
  if (await lock.isVisible()) await unlock(page);
}

test('an assessment left unsigned over 12 hours is counted; the audit is shown, checked and exported as CSV', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-03-10T09:00:00.000Z') });
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Maya', familyName: 'Okafor', dateOfBirth: dateOfBirthForAge(14) });
  await waitForSaved(page);

  // Thirteen hours later the assessment is still not signed.
  await page.clock.fastForward('13:00:00');
  await page.waitForTimeout(500);
  await unlockIfLocked(page);
  await page.getByRole('link', { name: 'Home' }).first().click();
  await unlockIfLocked(page);

  await page.getByRole('link', { name: 'Compliance audit' }).click();
  await expect(page.getByRole('heading', { name: 'Compliance audit', level: 1 })).toBeVisible();
  await expect(page.getByText(/^1 attendance counted: 0 signed, 1 left unsigned for more than 12/)).toBeVisible();
  const cse = page.getByRole('row', { name: /^CSE screen asked/ });
  await expect(cse.getByRole('cell')).toHaveText(['Attendances aged 11–17', '0', '1', '0%']);
  const chart = page.getByRole('img', { name: /^Compliance audit, .*percentage met for each indicator$/ });
  await expect(chart).toHaveAccessibleDescription(/CSE screen asked: 0 of 1 \(0%\)\./);
  await expectNoAxeViolations(page);

  // The CSV: the figures with their definitions; the export is an audit event.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the audit (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^compliance-audit-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv).toContain('"Attendances counted","1"\r\n');
  expect(csv).toContain('"CSE screen asked","Attendances aged 11–17",');
  await expect(page.getByText('The audit was exported as CSV. The export is recorded in the audit trail.')).toBeVisible();

  // Bad input: an end date before the start.
  const to = page.getByRole('group', { name: 'To', exact: true });
  await to.getByLabel('Year').fill('2020');
  await page.getByRole('button', { name: 'Show the audit' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toBeFocused();
  await expect(page.locator('.nhsuk-error-summary').getByRole('link', { name: 'End date must be the same as or after the start date' })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Compliance audit/);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('cell', { name: /^Compliance audit CSV exported: .* all sites, all staff groups, 1 attendance$/ })).toBeVisible();
});
