/**
 * Issue 12 journey (1): three attendances for the same child. Two earlier attendances are
 * recorded; the third is started from "Find a patient", which pre-fills the patient details for
 * the nurse to check; the look-up then shows all three, newest first, with the 3-in-12-months
 * flag, and the third assessment's information checks show the flag too. Every page state
 * passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { answer, expectNoAxeViolations, fillDate, fillPatient, londonParts, openSection, saveAndContinue, setUpTablet, startAssessment } from './support';

const CHILD = { givenName: 'Maya', familyName: 'Hughes', dateOfBirth: ['14', '2', '2017'] as [string, string, string], sex: 'Female' as const, nhsNumber: '943 476 5919' };

/** An earlier attendance of the child, `daysAgo` days ago, with the patient section saved. */
async function earlierAttendance(page: Page, daysAgo: number): Promise<void> {
  await startAssessment(page);
  await fillPatient(page, { ...CHILD, reason: 'Illness', detail: 'Fever and cough' });
  await fillDate(page, 'Arrival date', londonParts(new Date(Date.now() - daysAgo * 86_400_000)).date);
  await saveAndContinue(page);
  await page.getByRole('link', { name: 'Home' }).first().click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible();
}

async function findByNhsNumber(page: Page): Promise<void> {
  await page.getByRole('link', { name: "Find a patient's earlier attendances" }).click();
  await expect(page.getByRole('heading', { name: 'Find a patient', level: 1 })).toBeVisible();
  await page.getByLabel('NHS number (optional)').fill(CHILD.nhsNumber);
  await page.getByRole('button', { name: 'Search' }).click();
}

test('three attendances for the same child: the look-up and the third assessment show the 3-in-12-months flag', async ({ page }) => {
  await setUpTablet(page);
  await earlierAttendance(page, 150);
  await earlierAttendance(page, 40);

  // A malformed NHS number is refused with a clear message.
  await page.getByRole('link', { name: "Find a patient's earlier attendances" }).click();
  await page.getByLabel('NHS number (optional)').fill('943 476 591');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: 'NHS number must be 10 digits, like 943 476 5919' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Home' }).first().click();

  // Two earlier attendances: found, not yet flagged.
  await findByNhsNumber(page);
  await expect(page.getByRole('heading', { name: '2 attendances on this tablet' })).toBeVisible();
  await expect(page.getByText(/3 or more attendances in 12 months/)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The third: pre-filled from the newest, checked by the nurse.
  await page.getByRole('button', { name: 'Start a new assessment for this patient' }).click();
  await expect(page.getByRole('heading', { name: 'Patient and attendance', level: 1 })).toBeVisible();
  await expect(page.getByText(/These patient details were pre-filled from the attendance of/)).toBeVisible();
  await expect(page.getByLabel('Last name')).toHaveValue('Hughes');
  await expect(page.getByLabel('NHS number', { exact: true })).toHaveValue('943 476 5919');
  await expect(page.getByLabel('GP practice')).toHaveValue('Sherwood Health Centre');
  await expectNoAxeViolations(page);
  await page.getByRole('radio', { name: 'Illness' }).check();
  await page.getByLabel('Describe the reason for attendance').fill('Headache and vomiting');
  await saveAndContinue(page);

  await openSection(page, 'Information checks');
  const flag = page.getByRole('heading', { name: /3 or more attendances in 12 months/ });
  await expect(flag).toBeVisible();
  await expect(page.getByRole('table', { name: 'Matched by NHS number, or last name and date of birth' }).getByRole('row')).toHaveCount(3);
  await answer(page, 'Child Protection Information Sharing (CP-IS) check', 'Checked – no plan');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save and return later' }).click();
  await page.getByRole('link', { name: 'Home' }).first().click();

  // The look-up now shows all three, newest first, with the flag.
  await findByNhsNumber(page);
  await expect(page.getByRole('heading', { name: '3 attendances on this tablet' })).toBeVisible();
  await expect(page.getByText('3 or more attendances in 12 months (3)')).toBeVisible();
  const rows = page.getByRole('table', { name: 'Attendances of this patient, newest first' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
  await expect(rows.nth(1)).toContainText(today);
  await expect(rows.nth(3)).not.toContainText(today);
  await expectNoAxeViolations(page);
});
