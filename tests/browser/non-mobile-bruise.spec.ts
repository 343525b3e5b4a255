/**
 * Issue 8 "Clinical safety" journey: a 6-year-old whose disability affects how they move, with
 * a bruise. The mobility question is asked because of the disability (at any age, not only
 * under 2), "not independently mobile" brings the non-mobile bruise feature (Suspect), and on
 * the outcome only Suspect can be chosen: No concern, Consider and Excluded are each refused
 * with their reason. The police answer and whether it is safe for the child to go home are
 * recorded, the referral is made in MASH hours, and the record is checked and signed. The
 * browser clock is fixed so MASH hours do not depend on when the test runs; every page state
 * passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import {
  answer,
  expectNoAxeViolations,
  fillDate,
  fillInformationChecks,
  fillPatient,
  fillPeopleWithMother,
  fillSafeguardingPrompts,
  londonParts,
  openSection,
  recordDiscussion,
  recordReferralMade,
  saveAndContinue,
  setUpTablet,
  startAssessment,
  waitForSaved,
} from './support';

const NON_MOBILE_BRUISE = /^Any bruise in a child who is not independently mobile/;
const MOBILITY_DISABILITY = 'Does the child have a disability or condition that affects how they move?';
const MOBILE = 'Is the child independently mobile (crawling, cruising or bottom-shuffling)?';
const EXPLANATION = 'Mother says his arm was knocked against the wheelchair footplate at school';
const WHY = 'a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile)';

test('a 6-year-old whose disability affects how he moves, with a bruise: only Suspect can be chosen, referred in MASH hours, then signed', async ({ page }) => {
  // Tuesday 10 March 2026, 10:30 London time: the MASH is open.
  const now = new Date('2026-03-10T10:30:00Z');
  await page.clock.setFixedTime(now);
  await setUpTablet(page);
  await startAssessment(page);

  const injury = londonParts(new Date(now.getTime() - 3 * 3_600_000));
  await fillPatient(page, {
    givenName: 'Leo',
    familyName: 'Marsh',
    dateOfBirth: ['1', '6', '2019'],
    sex: 'Male',
    reason: 'Injury',
    detail: 'Bruise on the right upper arm',
  });
  // The reason's description is optional unless the reason is "Other".
  await expect(page.getByLabel('Describe the reason for attendance (optional)')).toBeVisible();
  await fillDate(page, 'Date of injury', injury.date);
  await page.getByLabel('Time of injury').fill(injury.time);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await openSection(page, 'Next of kin and who came with the patient');
  await fillPeopleWithMother(page, { youngPerson: false });
  await saveAndContinue(page);

  await openSection(page, 'Accounts');
  await page.getByLabel('What the child says happened, in their own words').fill('My arm hurts. It got bumped.');
  await page.getByLabel('What the parent or carer says happened').fill('School said his arm was knocked on the footplate.');
  await page.getByRole('radio', { name: 'Grace Okafor (Mother)' }).check();
  await answer(page, "Is the explanation consistent with the injury and the child's age and development?", 'No');
  await page.getByRole('group', { name: 'Was there a delay in seeking help?' }).getByRole('radio', { name: 'No' }).check();
  await saveAndContinue(page);

  await openSection(page, 'Information checks');
  await fillInformationChecks(page, { hvOrSchoolNurse: 'Sherwood school nursing team' });
  await saveAndContinue(page);

  // Safeguarding prompts: at 6 the mobility question waits for the disability answer.
  await openSection(page, 'Safeguarding prompts');
  await expect(page.getByRole('group', { name: MOBILE })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: NON_MOBILE_BRUISE })).toHaveCount(0);
  await answer(page, MOBILITY_DISABILITY, 'Yes');
  await expect(page.getByRole('group', { name: MOBILE })).toBeVisible();
  await expectNoAxeViolations(page);
  await answer(page, MOBILE, 'No');
  const bruise = page.getByRole('checkbox', { name: NON_MOBILE_BRUISE });
  await expect(bruise).toHaveAccessibleName('Any bruise in a child who is not independently mobile NICE level: Suspect');
  await fillSafeguardingPrompts(page, { features: [{ label: NON_MOBILE_BRUISE, explanation: EXPLANATION }] });
  // A 6-year-old with an injury and nothing sexual recorded is not asked the under-13 sexual activity question.
  await expect(page.getByRole('group', { name: 'Is there any sexual activity or pregnancy involving this child?' })).toHaveCount(0);
  await expect(page.getByText('Highest NICE level ticked: Suspect')).toBeVisible();
  await waitForSaved(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  // Outcome: only Suspect can be chosen.
  await openSection(page, 'Outcome and actions');
  await expect(page.getByText('Highest NICE level recorded: Suspect')).toBeVisible();
  const refusal = page.locator('.nhsuk-warning-callout', { has: page.getByRole('heading', { name: /No concern cannot be chosen/ }) });
  await expect(refusal).toContainText(WHY);
  await expect(refusal).toContainText('You can choose Suspect.');
  await expect(refusal).toContainText('Excluded is not available at triage.');
  await expectNoAxeViolations(page);
  const summary = page.locator('.nhsuk-error-summary');
  for (const [level, message] of [
    ['No concern', `No concern cannot be chosen because ${WHY}`],
    ['Consider', `Consider cannot be chosen because ${WHY}`],
    ['Excluded', `Excluded cannot be chosen at triage because ${WHY}`],
  ] as const) {
    await answer(page, 'Safeguarding concern', level);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(summary).toContainText(message);
    await expect(page).toHaveTitle(/^Error: Outcome and actions/);
    await expectNoAxeViolations(page);
  }

  await answer(page, 'Safeguarding concern', 'Suspect');
  await recordDiscussion(page, { name: 'Dr Priya Shah', role: 'Paediatric registrar' }, now);
  await answer(page, 'Is the child in immediate danger?', 'No');
  await recordReferralMade(page, now, 'Jo Evans, MASH duty social worker', 'MASH-2026-0415');
  await answer(page, 'Police informed', 'No');
  await page.getByLabel('Why were the police not informed?').fill('MASH to decide on a strategy discussion');
  await answer(page, /^Is it safe for the child to go home\? Does the child feel safe to go home\?/, 'Yes, it is safe and the child feels safe to go home');
  await page.getByLabel('Who agreed?').fill('Dr Priya Shah, paediatric registrar, and Jo Evans, MASH');
  await answer(page, 'Inform the school nurse', 'Yes');
  await waitForSaved(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByRole('heading', { name: 'Check answers', level: 1 })).toBeVisible();
  await expect(page.getByText('Any bruise in a child who is not independently mobile', { exact: true })).toBeVisible();
  await expect(page.getByText('NICE level: Suspect', { exact: true })).toBeVisible();
  await expect(page.getByText(`Explanation given, and by whom: ${EXPLANATION}`)).toBeVisible();
  await expect(page.getByText('Reference: MASH-2026-0415')).toBeVisible();
  await expect(page.getByText('Dr Priya Shah, paediatric registrar, and Jo Evans, MASH')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();
  await expect(page.getByText('Suspect', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});
