/**
 * Issue 9 journey fragment: a 15-year-old's child sexual exploitation screen with a
 * significant indicator (the page shows the actions, never a score) and the substance use
 * screen scoring 3 of 6 (positive: brief advice and the referral recorded), both shown in
 * check answers with Change links; every page state passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import {
  answer,
  CSE_SIGNIFICANT_INDICATORS,
  dateOfBirthForAge,
  expectNoAxeViolations,
  fillCseScreen,
  fillPatient,
  fillSubstanceUse,
  openSection,
  saveAndContinue,
  setUpTablet,
  startAssessment,
} from './support';

test("a 15-year-old's CSE screen with a significant indicator and a positive substance use screen", async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Jade', familyName: 'Bennett', dateOfBirth: dateOfBirthForAge(15) });
  await saveAndContinue(page);

  await openSection(page, 'Child sexual exploitation screen');
  await expect(page.getByRole('heading', { name: 'What to do now' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const gifts = CSE_SIGNIFICANT_INDICATORS[3];
  await fillCseScreen(page, { yes: [gifts], details: 'Has a new phone and trainers from an older friend she met online.' });
  await expect(page.getByRole('heading', { name: 'What to do now' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: /^Discuss with the safeguarding lead today: Hospital safeguarding team \d/ })).toBeVisible();
  await expect(page.getByText(/score/i)).toHaveCount(0);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await openSection(page, 'Substance use');
  await expect(page.getByText(/not the official wording/)).toBeVisible();
  await fillSubstanceUse(page, ['12', '3', '0'], ['Yes', 'Yes', 'Yes', 'No', 'No', 'No']);
  await expect(page.getByText('Score 3 out of 6 (the number of yes answers). 2 or more: positive')).toBeVisible();
  await answer(page, 'Brief advice', 'Brief advice given');
  await answer(page, "Referral to the young people's substance misuse service", "Referred to the young people's substance misuse service");
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await page.getByRole('link', { name: 'Check answers', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Child sexual exploitation screen', level: 2 })).toBeVisible();
  await expect(page.getByText('Discuss with the safeguarding lead today. Refer under the local child sexual exploitation procedure')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Substance use', level: 2 })).toBeVisible();
  await expect(page.getByText('Score 3 out of 6 (the number of yes answers). 2 or more: positive')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Change brief advice' })).toBeVisible();
  await expectNoAxeViolations(page);
});
