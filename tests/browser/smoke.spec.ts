import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, fillPatient, setUpTablet, startAssessment, waitForSaved } from './support';

test('set up, start an assessment and fill the patient section', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await setUpTablet(page);
  await expectNoAxeViolations(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Maya', familyName: 'Okafor', dateOfBirth: ['14', '3', '2012'] });
  await waitForSaved(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment' })).toBeVisible();
  expect(errors).toEqual([]);
});
