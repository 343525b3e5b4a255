/**
 * Issue 12 journey (3), this half: a child who left before assessment is recorded — minimum
 * identity, when they left, what is known, who was told — with the prompt to call the parent
 * or carer and the safeguarding team (number from settings), and signed without the full
 * assessment. The liaison review list (another branch) reads the summary flag this sets.
 * Every page state passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, fillDate, londonParts, openSection, setUpTablet, startAssessment } from './support';

test('a child who left before assessment is recorded and signed without the full assessment', async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  // Minimum identity only: name and date of birth (arrival defaults to now).
  await page.getByLabel('First name').fill('Leo');
  await page.getByLabel('Last name').fill('Brown');
  await fillDate(page, 'Date of birth', ['2', '2', '2013']);
  await page.getByRole('button', { name: 'Save and return later' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Record that the patient left before assessment or treatment' }).click();
  await expect(page.getByRole('heading', { name: 'Left before assessment', level: 1 })).toBeVisible();
  await page.getByRole('group', { name: 'Did the patient leave before assessment or treatment?' }).getByRole('radio', { name: /^Yes/ }).check();
  const prompt = page.getByRole('heading', { name: /Call the parent or carer and the safeguarding team/ });
  await expect(prompt).toBeVisible();
  await expect(page.getByText('Hospital safeguarding team: 0115 924 9924')).toBeVisible();
  const now = londonParts(new Date());
  await fillDate(page, 'Date they left', now.date);
  await page.getByLabel('Time they left (or when they were last seen)').fill(now.time);
  await page.getByLabel('What is known').fill('Came with his mother after a fall; left from the waiting room before triage');
  await page.getByRole('checkbox', { name: 'Parent or carer' }).check();
  await page.getByRole('checkbox', { name: 'Hospital safeguarding team' }).check();
  await page.getByLabel('Names, numbers and times (optional)').fill('Mother phoned, no answer; safeguarding team told');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();

  // Only who the patient is and this record remain on the task list.
  await expect(page.getByRole('link', { name: 'Next of kin and who came with the patient' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Record that the patient left before assessment or treatment' })).toHaveCount(0);
  await openSection(page, 'Patient and attendance');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();
  await expect(page.getByText('You have completed 2 of 2 sections.', { exact: false })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByText('Yes, the patient left before assessment or treatment')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Signed by Alex Morgan on/)).toBeVisible();
  await expectNoAxeViolations(page);
});
