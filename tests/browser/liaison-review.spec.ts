/**
 * Issue 12 journey (2): the liaison reviewer marks one reviewed, and the list and the
 * overdue count update. The nurse in charge (a liaison role) has two children on the list:
 * one who arrived six days ago (overdue: the next working day has ended, whatever the
 * weekends and bank holidays) and one who arrived now (to review). Every page state passes
 * axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { NURSE, dateOfBirthForAge, expectNoAxeViolations, fillDate, fillPatient, londonParts, saveAndContinue, setUpTablet, startAssessment } from './support';

async function addChild(page: Page, givenName: string, arrived: Date): Promise<void> {
  await startAssessment(page);
  await fillPatient(page, { givenName, familyName: 'Hartley', dateOfBirth: dateOfBirthForAge(9) });
  const parts = londonParts(arrived);
  await fillDate(page, 'Arrival date', parts.date);
  await page.getByLabel('Arrival time').fill(parts.time);
  await saveAndContinue(page);
  await page.getByRole('link', { name: 'Home', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible();
}

test('the liaison reviewer marks one reviewed: the list and the overdue count update', async ({ page }) => {
  await setUpTablet(page);
  await addChild(page, 'Ellie', new Date(Date.now() - 6 * 24 * 3_600_000));
  await addChild(page, 'Oscar', new Date(Date.now() - 10 * 60_000));

  // Home: the overdue count for this role.
  const count = page.getByTestId('liaison-overdue-count');
  await expect(count).toContainText('1 liaison review overdue');
  await expectNoAxeViolations(page);

  await count.getByRole('link', { name: 'Open the liaison review list' }).click();
  await expect(page.getByRole('heading', { name: 'Paediatric liaison review list', level: 1 })).toBeVisible();
  const cards = page.locator('.app-liaison-list > li');
  await expect(cards).toHaveCount(2);
  const ellie = cards.filter({ hasText: 'Ellie Hartley' });
  const oscar = cards.filter({ hasText: 'Oscar Hartley' });
  await expect(ellie).toContainText('Overdue');
  await expect(ellie).toContainText('Under 18');
  await expect(ellie).toContainText('9 years');
  await expect(ellie).toContainText('CP-IS');
  await expect(oscar).toContainText('To review');
  await expectNoAxeViolations(page);

  // Bad input: the end before the start says what to do.
  const today = londonParts(new Date()).date;
  const yesterday = londonParts(new Date(Date.now() - 24 * 3_600_000)).date;
  await fillDate(page, 'Arrived from', today);
  await fillDate(page, 'Arrived to', yesterday);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('The end date must be the same as or after the start date');
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  // Only the overdue ones (back to the last seven days).
  const weekAgo = londonParts(new Date(Date.now() - 6 * 24 * 3_600_000)).date;
  await fillDate(page, 'Arrived from', weekAgo);
  await fillDate(page, 'Arrived to', today);
  await page.getByLabel('Review status').selectOption({ label: 'Overdue' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toHaveCount(0);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Ellie Hartley');

  // Record the review: without an action, the error summary asks for one.
  await cards.first().getByRole('button', { name: 'Record review for Ellie Hartley' }).click();
  await page.getByRole('button', { name: 'Record review', exact: true }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select what was done after the review');
  await expectNoAxeViolations(page);
  await page.getByRole('group', { name: 'What was done after the review?' }).getByRole('radio', { name: 'Shared with health visitor or school nurse' }).check();
  await page.getByLabel('Note (optional)').fill('Shared with the school nurse team at Sherwood Academy');
  await page.getByRole('button', { name: 'Record review', exact: true }).click();
  await expect(page.getByText('Review recorded for Ellie Hartley')).toBeVisible();
  // The overdue view empties at once.
  await expect(cards).toHaveCount(0);
  await expect(page.getByText('No attendances match. Choose other dates or another review status.')).toBeVisible();
  await expectNoAxeViolations(page);

  // Reviewed: who, the action, and the note.
  await page.getByLabel('Review status').selectOption({ label: 'Reviewed' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Reviewed');
  await expect(cards.first()).toContainText(`Shared with health visitor or school nurse: ${NURSE.name}`);
  await expect(cards.first()).toContainText('(after it was due)');
  await expect(cards.first()).toContainText('Shared with the school nurse team at Sherwood Academy');

  // Home: nothing overdue any more.
  await page.getByRole('link', { name: 'Home', exact: true }).first().click();
  await expect(page.getByTestId('liaison-overdue-count')).toContainText('No liaison reviews are overdue');
  await expectNoAxeViolations(page);
});
