/**
 * Issue "Child safeguarding" journeys: a 9-month-old with a bruise who is not independently
 * mobile. The non-mobile bruising feature shows as Suspect, "No concern" is refused with the
 * reason and Excluded is not available at triage (issue 8: only a consultant paediatrician or
 * the safeguarding team may exclude it later, by addendum), Suspect is chosen, the discussion,
 * the referral, the police answer and whether it is safe for the child to go home are
 * recorded, and the record is signed: once in MASH hours (referral made), once on a Saturday night (emergency duty team,
 * referral planned for Monday, listed on the home screen until an addendum records it made).
 * The browser clock is fixed so MASH hours do not depend on when the tests run; every page
 * state passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
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
  unlock,
  waitForSaved,
} from './support';

const NON_MOBILE_BRUISE = /^Any bruise in a child who is not independently mobile/;
const EXPLANATION = 'Mother says he rolled against the cot bars overnight';

/** Patient, people and accounts for a baby brought by his mother with a bruise on the cheek. */
async function startInfantWithBruise(page: Page, arrived: Date): Promise<void> {
  await startAssessment(page);
  const injury = londonParts(new Date(arrived.getTime() - 3 * 3_600_000));
  await fillPatient(page, {
    givenName: 'Noah',
    familyName: 'Okafor',
    dateOfBirth: ['1', '6', '2025'],
    sex: 'Male',
    reason: 'Injury',
    detail: 'Bruise on the left cheek, noticed when he woke up',
  });
  await fillDate(page, 'Date of injury', injury.date);
  await page.getByLabel('Time of injury').fill(injury.time);
  await expect(page.getByText('This patient is on the child pathway')).toBeVisible();
  await saveAndContinue(page);

  await openSection(page, 'Next of kin and who came with the patient');
  await fillPeopleWithMother(page, { youngPerson: false });
  await saveAndContinue(page);

  await openSection(page, 'Accounts');
  await page.getByRole('checkbox', { name: 'The child could not give an account' }).check();
  await answer(page, 'Why not?', 'Pre-verbal');
  await page.getByLabel('What the parent or carer says happened').fill('He was fine at bedtime. I saw the bruise when I got him up.');
  await page.getByRole('radio', { name: 'Grace Okafor (Mother)' }).check();
  await answer(page, "Is the explanation consistent with the injury and the child's age and development?", 'No');
  // The delay is a hint from the injury and arrival times, never the nurse's answer.
  const delay = page.getByRole('group', { name: 'Was there a delay in seeking help?' });
  await expect(delay).toContainText('The patient arrived 3 hours after the injury');
  await expect(delay.getByRole('radio', { name: 'No' })).not.toBeChecked();
  await delay.getByRole('radio', { name: 'No' }).check();
  await saveAndContinue(page);

  await openSection(page, 'Information checks');
  await expect(page.getByLabel('Health visitor (optional)')).toBeVisible();
  await fillInformationChecks(page, { hvOrSchoolNurse: 'Sherwood health visiting team' });
  await saveAndContinue(page);
}

/** The safeguarding prompts: not mobile, the non-mobile bruise ticked and explained. */
async function recordNonMobileBruise(page: Page): Promise<void> {
  await openSection(page, 'Safeguarding prompts');
  await answer(page, 'Is the child independently mobile (crawling, cruising or bottom-shuffling)?', 'No');
  const bruise = page.getByRole('checkbox', { name: NON_MOBILE_BRUISE });
  await expect(bruise).toHaveAccessibleName('Any bruise in a child who is not independently mobile NICE level: Suspect');
  await expect(page.locator('label', { has: page.getByText(NON_MOBILE_BRUISE) }).locator('.nhsuk-tag')).toHaveText('Suspect');
  await fillSafeguardingPrompts(page, { features: [{ label: NON_MOBILE_BRUISE, explanation: EXPLANATION }] });
  // No under-13 sexual activity question for an infant with nothing sexual recorded (issue 8).
  await expect(page.getByRole('group', { name: 'Is there any sexual activity or pregnancy involving this child?' })).toHaveCount(0);
  await expect(page.getByText('Highest NICE level ticked: Suspect')).toBeVisible();
}

test('a 9-month-old with a bruise, not independently mobile: Suspect, discussed and referred in MASH hours, then signed', async ({ page }) => {
  // Tuesday 10 March 2026, 10:30 London time: the MASH is open.
  const now = new Date('2026-03-10T10:30:00Z');
  await page.clock.setFixedTime(now);
  await setUpTablet(page);
  await startInfantWithBruise(page, now);

  // Safeguarding prompts: the non-mobile bruising item appears only once "No" is answered.
  await openSection(page, 'Safeguarding prompts');
  await expect(page.getByRole('checkbox', { name: NON_MOBILE_BRUISE })).toHaveCount(0);
  const suggestions = page.locator('.nhsuk-inset-text', { hasText: 'From your answers on other pages, check whether these apply:' });
  await expect(suggestions.getByRole('listitem')).toHaveText([/^An injury or presentation with an unsuitable explanation/]);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Back to the assessment' }).click();
  await recordNonMobileBruise(page);
  await waitForSaved(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  // The task list already says what to do next.
  const panel = page.getByRole('region', { name: 'What to do next' });
  await expect(panel).toContainText("Refer to children's social care (MASH) now. MASH: 0300 500 8090");
  await expectNoAxeViolations(page);

  // Outcome: "No concern" is refused with the reason before and after Continue.
  await openSection(page, 'Outcome and actions');
  await expect(page.getByText('Highest NICE level recorded: Suspect')).toBeVisible();
  const refusal = page.locator('.nhsuk-warning-callout', { has: page.getByRole('heading', { name: /No concern cannot be chosen/ }) });
  await expect(refusal).toContainText('a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile)');
  await expect(refusal).toContainText('You can choose Suspect.');
  await expect(refusal).toContainText('Excluded is not available at triage. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment.');
  await expectNoAxeViolations(page);
  await answer(page, 'Safeguarding concern', 'No concern');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toContainText(
    'No concern cannot be chosen because a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile). Select Suspect. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment',
  );
  await expect(page).toHaveTitle(/^Error: Outcome and actions/);
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page);
  await summary.getByRole('link', { name: /^No concern cannot be chosen/ }).click();
  await expect(page.getByRole('radio', { name: 'No concern' })).toBeFocused();

  // Suspect, discussed with the registrar, referral made by phone.
  await answer(page, 'Safeguarding concern', 'Suspect');
  await recordDiscussion(page, { name: 'Dr Priya Shah', role: 'Paediatric registrar' }, now);
  await answer(page, 'Is the child in immediate danger?', 'No');
  await expect(page.getByRole('heading', { name: /The MASH is closed/ })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'To be made next working day' })).toHaveCount(0);
  await recordReferralMade(page, now, 'Jo Evans, MASH duty social worker', 'MASH-2026-0412');
  // Suspect: the police answer is required, with a reason when they were not informed.
  await answer(page, 'Police informed', 'No');
  await page.getByLabel('Why were the police not informed?').fill('MASH to decide on a strategy discussion');
  // Safe to go home: asked for Suspect; here the baby stays in.
  await answer(page, /^Is it safe for the child to go home\? Does the child feel safe to go home\?/, 'No');
  await page.getByLabel('Where will the child go instead, and who agreed?').fill("Admitted to the children's ward; agreed with Dr Priya Shah");
  await answer(page, 'Inform the health visitor', 'Yes');
  await expect(panel.locator('li', { hasText: "Refer to children's social care (MASH) now" })).toContainText('Recorded');
  await waitForSaved(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  // Check answers reads well, then sign.
  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByRole('heading', { name: 'Check answers', level: 1 })).toBeVisible();
  await expect(page.getByText('Any bruise in a child who is not independently mobile', { exact: true })).toBeVisible();
  await expect(page.getByText('NICE level: Suspect', { exact: true })).toBeVisible();
  await expect(page.getByText(`Explanation given, and by whom: ${EXPLANATION}`)).toBeVisible();
  await expect(page.getByText('Dr Priya Shah (Paediatric registrar)')).toBeVisible();
  await expect(page.getByText('Taken by Jo Evans, MASH duty social worker')).toBeVisible();
  await expect(page.getByText('Reference: MASH-2026-0412')).toBeVisible();
  await expect(page.getByText("Admitted to the children's ward; agreed with Dr Priya Shah")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Outcome and actions', level: 2 })).toBeVisible();
  await expect(page.getByText('Suspect', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('out of hours: the emergency duty team, a referral planned for Monday, listed at home until an addendum records it made', async ({ page }) => {
  // Saturday 14 March 2026, 21:40 London time: the MASH is closed until Monday 09:00.
  const saturday = new Date('2026-03-14T21:40:00Z');
  await page.clock.setFixedTime(saturday);
  await setUpTablet(page);
  await startInfantWithBruise(page, saturday);
  await recordNonMobileBruise(page);
  await saveAndContinue(page);

  await openSection(page, 'Outcome and actions');
  await answer(page, 'Safeguarding concern', 'Suspect');
  const closed = page.locator('.nhsuk-warning-callout', { has: page.getByRole('heading', { name: /The MASH is closed/ }) });
  await expect(closed).toContainText('It opens again on Monday 16 March 2026 at 09:00.');
  await expect(closed).toContainText('If the child needs protection before it opens, call the emergency duty team now: 0300 456 4546.');
  await recordDiscussion(page, { name: 'Dr Tom Reid', role: 'ED consultant' }, saturday);
  // The emergency duty team question is asked only when the child needs protection now.
  await answer(page, 'Is the child in immediate danger?', 'Yes');
  await answer(page, "Referral to children's social care (MASH)", 'To be made next working day');
  await page.getByLabel('Who will make the referral?').fill('Sam Patel, nurse in charge');
  await fillDate(page, 'Date the referral will be made', ['16', '3', '2026']);
  await page.getByLabel('Time the referral will be made').fill('09:00');
  await answer(page, 'Was the emergency duty team called?', 'Yes');
  await answer(page, 'Police informed', 'Yes');
  await page.getByLabel(/^When were they informed/).fill('21:50, PC Shaw, reference NP-2026-1181');
  await answer(page, 'Inform the health visitor', 'Yes');
  const panel = page.getByRole('region', { name: 'What to do next' });
  await expect(panel.locator('li', { hasText: 'Sam Patel, nurse in charge will refer' })).toContainText('Monday 16 March 2026 at 09:00');
  await waitForSaved(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByText('To be made next working day')).toBeVisible();
  await expect(page.getByText('Emergency duty team called: Yes')).toBeVisible();
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

  // Home lists the referral to make.
  await page.getByRole('link', { name: 'Home' }).first().click();
  const referrals = page.getByRole('table', { name: "Referrals to children's social care to make" });
  await expect(referrals.getByRole('row', { name: /Noah Okafor/ })).toContainText('16 March 2026 at 09:00');
  await expect(referrals.getByRole('row', { name: /Noah Okafor/ })).toContainText('Sam Patel, nurse in charge');
  await expectNoAxeViolations(page);

  // Monday 09:30: overdue; the day team records it made by addendum.
  const monday = new Date('2026-03-16T09:30:00Z');
  await page.clock.setFixedTime(monday);
  await page.reload();
  await unlock(page);
  const row = referrals.getByRole('row', { name: /Noah Okafor/ });
  await expect(row).toContainText('Overdue');
  await expectNoAxeViolations(page);
  await row.getByRole('link', { name: 'Mark as made by addendum for Noah Okafor' }).click();
  await expect(page.getByRole('heading', { name: 'Outcome and actions', level: 1 })).toBeVisible();
  await expect(page.getByText('Addendum to a signed assessment')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Made', exact: true })).toBeFocused();
  await recordReferralMade(page, new Date('2026-03-16T09:15:00Z'), 'Jo Evans, MASH duty social worker', 'MASH-2026-0440');
  await page.getByLabel('Reason for this change').fill('Referral made by phone on Monday morning');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save addendum' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();
  await expect(page.getByText('Taken by Jo Evans, MASH duty social worker')).toBeVisible();

  await page.getByRole('link', { name: 'Home' }).first().click();
  await expect(page.getByText('There are no referrals waiting to be made from this tablet.')).toBeVisible();
});
