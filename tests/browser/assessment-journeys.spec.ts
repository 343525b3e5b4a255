/**
 * Issue 2 journeys: sign a 14-year-old's assessment only once next of kin and the person
 * who came are recorded, with the child safeguarding sections (information checks, NICE
 * prompts, outcome) filled in; every page state passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import {
  dateOfBirthForAge,
  expectNoAxeViolations,
  fillCseScreen,
  fillInformationChecks,
  fillOutcomeNoConcern,
  fillPatient,
  fillPeopleWithMother,
  fillSafeguardingPrompts,
  fillSubstanceUse,
  openSection,
  saveAndContinue,
  setUpTablet,
  startAssessment,
  waitForSaved,
} from './support';

test("a 14-year-old's assessment cannot be signed without next of kin, then is signed and locked", async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await expectNoAxeViolations(page);

  // Continue with nothing entered: the error summary is focused and the title says Error.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Patient and attendance/);
  await expect(page.locator('.nhsuk-error-summary')).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: "Enter the patient's first name, or select 'Name not known'" }).click();
  await expect(page.getByLabel('First name')).toBeFocused();

  await fillPatient(page, { givenName: 'Maya', familyName: 'Okafor', dateOfBirth: dateOfBirthForAge(14) });
  await expect(page.getByText('This patient is on the child pathway')).toBeVisible();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  // Try to sign with next of kin and the person who came missing.
  await page.getByRole('link', { name: 'Check answers', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check answers', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary.getByRole('heading', { name: 'You cannot sign yet' })).toBeVisible();
  await expect(summary).toContainText('Next of kin and who came with the patient: Select who has come with the patient today');
  await expect(summary).toContainText('Next of kin and who came with the patient: Select the next of kin, or say that none can be named');
  await expect(page).toHaveTitle(/^Error: Check answers/);
  await expectNoAxeViolations(page);

  // The summary link goes to the question.
  await summary.getByRole('link', { name: /Select who has come with the patient today/ }).click();
  await expect(page.getByRole('heading', { name: 'Next of kin and who came with the patient', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Nobody, the patient came alone' })).toBeFocused();

  // An under-18 cannot simply decline next of kin.
  await expect(page.getByRole('radio', { name: 'Patient declined to give next of kin' })).toHaveCount(0);
  await fillPeopleWithMother(page, { youngPerson: true });
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Accounts' }).click();
  // Right patient, always in view: the section page says whose record is open.
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText('Maya Okafor');
  await expect(page.getByRole('region', { name: 'Patient' })).toContainText('Child pathway (under 18)');
  await page.getByLabel('What the child says happened, in their own words').fill('My tummy has hurt since breakfast.');
  await page.getByLabel('What the parent or carer says happened').fill('She woke up with stomach ache.');
  await page.getByRole('radio', { name: 'Grace Okafor (Mother)' }).check();
  await page.getByRole('group', { name: 'Was there a delay in seeking help?' }).getByRole('radio', { name: 'No' }).check();
  await waitForSaved(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  // The child safeguarding sections: nothing found, nothing of concern.
  await openSection(page, 'Information checks');
  await expect(page.getByRole('heading', { name: 'Other attendances on this tablet' })).toBeVisible();
  await expect(page.getByText('No other attendances for this patient are on this tablet')).toBeVisible();
  await expectNoAxeViolations(page);
  await fillInformationChecks(page, { hvOrSchoolNurse: 'Sherwood school nursing team' });
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await openSection(page, 'Safeguarding prompts');
  await expect(page.getByRole('group', { name: /independently mobile/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await fillSafeguardingPrompts(page);
  await expect(page.getByText('Highest NICE level ticked: none')).toBeVisible();
  await saveAndContinue(page);

  // The young-person screens (11–17): nothing found; no use, so only the CAR question.
  await openSection(page, 'Child sexual exploitation screen');
  await fillCseScreen(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);
  await openSection(page, 'Substance use');
  await fillSubstanceUse(page, ['0', '0', '0'], ['No']);
  await expect(page.getByText('Score 0 out of 1 (the number of yes answers). Below 2: negative')).toBeVisible();
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await openSection(page, 'Outcome and actions');
  await expect(page.getByText('Highest NICE level recorded: none')).toBeVisible();
  await expect(page.getByRole('heading', { name: /cannot be chosen/ })).toHaveCount(0);
  await fillOutcomeNoConcern(page, 'No');
  await expectNoAxeViolations(page);
  await saveAndContinue(page);
  await expect(page.getByRole('region', { name: 'What to do next' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByRole('heading', { name: 'Information checks', level: 2 })).toBeVisible();
  await expect(page.getByText('Checked – no plan')).toBeVisible();
  await expect(page.getByText('Sherwood school nursing team')).toBeVisible();
  await expect(page.getByText('None of these')).toBeVisible();
  await expect(page.getByText('No concern', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(page.getByText('Grace Okafor (Mother)').first()).toBeVisible();
  await expect(page.getByText('Has parental responsibility: Birth mother').first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Signed by Alex Morgan on/)).toBeVisible();
  await expectNoAxeViolations(page);

  // Locked: the section page shows the signed record, not a form.
  const url = new URL(page.url());
  await page.goto(url.pathname.replace(/\/record$/, '/patient'));
  await expect(page.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible();
});
