/**
 * Domestic abuse journey (issue 10, journey 2 without Think Family, which is its own section):
 * a 27-year-old pregnant woman after an assault is asked in private and discloses domestic
 * abuse; DASH 15 with professional judgement (strangulation) is high risk, so the MARAC
 * referral fields appear and are recorded, the IDVA referral is accepted with consent, a safe
 * contact number and time are taken, and the pregnancy prompts a child safeguarding referral.
 * Check answers shows it all; the signed record's GP letter leaves every domestic abuse detail
 * out and gives the safeguarding team's number instead. A second journey: an adult after
 * alcohol intoxication scores 5 on AUDIT-C (positive, brief advice required) and is "not safe to
 * ask" about domestic abuse (a follow-up). axe runs on each page state.
 */
import { expect, test } from '@playwright/test';
import { answer, dateOfBirthForAge, expectNoAxeViolations, fillDate, fillPatient, londonParts, openSection, saveAndContinue, setUpTablet, startAssessment } from './support';

const SAFE_NUMBER = '07700 900317';

test('a 27-year-old pregnant woman discloses domestic abuse, DASH 15: MARAC and IDVA recorded, details absent from the GP letter', async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Sophie', familyName: 'Turner', dateOfBirth: dateOfBirthForAge(27), reason: 'Assault', detail: 'Bruising to the neck and arms; 24 weeks pregnant' });
  const { date, time } = londonParts(new Date(Date.now() - 3 * 60 * 60 * 1000));
  await fillDate(page, 'Date of injury', date);
  await page.getByLabel('Time of injury').fill(time);
  await saveAndContinue(page);

  // Domestic abuse is on the task list after an assault at 27; the assault itself is the indicator.
  await openSection(page, 'Next of kin and who came with the patient');
  await page.getByRole('radio', { name: 'Nobody, the patient came alone' }).check();
  await page.getByRole('radio', { name: 'Someone else' }).check();
  await page.getByLabel('Full name').first().fill('Helen Turner');
  await page.getByLabel('Relationship to the patient').first().selectOption({ label: 'Mother' });
  await page.getByLabel('Phone number').first().fill('07700 900456');
  await saveAndContinue(page);

  await openSection(page, 'Accounts');
  await page.getByLabel('What the patient says happened').fill('I fell against the door.');
  await saveAndContinue(page);

  await openSection(page, 'Domestic abuse');
  await expect(page.getByText('Present because of the reason for attendance: Assault.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Strangulation or choking' }).check();
  await page.getByRole('checkbox', { name: 'Pregnancy with an injury' }).check();
  await answer(page, 'Has the patient been asked about domestic abuse, in private?', 'Asked – disclosed');
  await answer(page, 'Was an interpreter used?', 'No interpreter was needed');
  await answer(page, 'Is the patient, or anyone else, in immediate danger?', 'No');
  await answer(page, 'DASH risk checklist', 'Completed');
  const count = page.getByRole('textbox', { name: /Number of "yes" answers/ });
  // A count outside 0–24 is refused with its own message; what was typed stays.
  await count.fill('25');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const problem = page.getByRole('alert');
  await expect(problem.getByRole('link', { name: 'The number of "yes" answers must be from 0 to 24: the DASH risk checklist has 24 questions' })).toBeVisible();
  await expect(count).toHaveValue('25');
  await expect(page).toHaveTitle(/^Error: Domestic abuse/);
  await expectNoAxeViolations(page);
  await count.fill('15');
  await expect(page.getByRole('group', { name: 'MARAC referral' })).toBeVisible();
  await expect(page.getByText('High risk because of 14 or more "yes" answers on the DASH risk checklist.')).toBeVisible();
  await answer(page, 'In your professional judgement, is the patient at high risk of serious harm?', 'Yes');
  await page.getByRole('group', { name: 'What makes you judge the risk high?' }).getByRole('checkbox', { name: 'Non-fatal strangulation or choking' }).check();
  await answer(page, 'MARAC referral', 'Made');
  await fillDate(page, 'Date the referral was made', londonParts(new Date()).date);
  await page.getByLabel('Who made the referral').fill('Alex Morgan');
  await page.getByLabel('Reference (optional)').fill('MARAC-2291');
  await answer(page, 'Referral to an IDVA or specialist domestic abuse service', 'Offered and accepted');
  await answer(page, 'Sharing information for these referrals', 'The patient consents to sharing');
  await page.getByLabel('Safe contact number').fill(SAFE_NUMBER);
  await page.getByLabel('When is it safe to call?').fill('Weekdays between 10:00 and 14:00');
  await answer(page, 'Are there children in the household?', 'No');
  await answer(page, 'Is the patient pregnant?', 'Yes');
  await expect(page.getByText(/complete Think Family for the children and any unborn child/)).toBeVisible();
  await answer(page, "Child safeguarding referral (children's social care)", 'Made');
  await page.getByLabel('When, to whom, and the reference if given').fill('MASH by phone today, unborn child; reference U-5521');
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await openSection(page, 'Alcohol use (AUDIT-C)');
  await answer(page, 'Was alcohol involved in this attendance?', 'No');
  await saveAndContinue(page);

  await openSection(page, 'Discharge');
  await page.getByLabel('Clinical impression or diagnosis').fill('Soft tissue bruising to the neck and arms; fetal movements present');
  await page.getByLabel('Treatment given').fill('Obstetric review; CTG normal');
  await page.getByRole('radio', { name: 'Home', exact: true }).check();
  await page.getByLabel('Follow-up arranged').fill('Midwife review in 2 days');
  await page.getByLabel('Information and advice given to the patient').fill('Return if pain, bleeding or reduced movements');
  await saveAndContinue(page);

  // Check answers: the domestic abuse rows with their Change links.
  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  const section = page.getByRole('region', { name: 'Domestic abuse' });
  await expect(section).toContainText('Asked – disclosed');
  await expect(section).toContainText('Number of "yes" answers (0 to 24): 15');
  await expect(section).toContainText('High risk: 14 or more "yes" answers on the DASH risk checklist and professional judgement');
  await expect(section).toContainText('Reference: MARAC-2291');
  await expect(section).toContainText('Offered and accepted');
  await expect(section).toContainText(SAFE_NUMBER);
  await expect(section.getByRole('link', { name: /^Change\s*marac referral$/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

  // The GP letter: no domestic abuse detail, and the safeguarding team's number in its place.
  await page.getByRole('link', { name: 'Letters', exact: true }).click();
  await page.getByRole('link', { name: 'Prepare and issue the GP discharge letter' }).click();
  const preview = page.getByRole('article', { name: 'Emergency care discharge letter' });
  await expect(preview).toContainText('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.');
  for (const detail of [SAFE_NUMBER, 'MARAC', 'DASH', 'IDVA', 'Domestic abuse', 'domestic abuse', 'U-5521', 'strangulation or choking']) await expect(preview).not.toContainText(detail);
  await expectNoAxeViolations(page);
});

test('a 40-year-old after alcohol intoxication: AUDIT-C scores 5, positive, brief advice recorded; the domestic abuse enquiry applies too', async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Dan', familyName: 'Reilly', sex: 'Male', dateOfBirth: dateOfBirthForAge(40), reason: 'Alcohol or drug intoxication', detail: 'Found intoxicated in the street' });
  await saveAndContinue(page);

  await openSection(page, 'Alcohol use (AUDIT-C)');
  await expect(page.getByText(/our own plain wording of the three AUDIT-C questions/)).toBeVisible();
  await answer(page, 'How often does the patient have a drink that contains alcohol?', '2 to 4 times a month');
  await answer(page, 'On a day when they drink, how many units of alcohol do they usually have?', '5 to 6');
  await answer(page, 'In the last year, how often have they had 6 or more units (women) or 8 or more units (men) on one occasion?', 'Less than monthly');
  await expect(page.getByRole('heading', { name: 'AUDIT-C score: 5 out of 12' })).toBeVisible();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Select whether brief advice about alcohol was given' })).toBeVisible();
  await answer(page, 'Brief advice about alcohol', 'Given');
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await openSection(page, 'Domestic abuse');
  await expect(page.getByText('Present because of the reason for attendance: Alcohol or drug misuse.')).toBeVisible();
  await answer(page, 'Has the patient been asked about domestic abuse, in private?', 'Not safe to ask');
  await page.getByLabel('Why was it not safe to ask?').fill('Too intoxicated to talk privately; partner waiting outside');
  await expect(page.getByText(/it was not safe to ask at this attendance.*liaison review list/)).toBeVisible();
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await page.getByRole('link', { name: 'Check answers', exact: true }).click();
  const alcohol = page.getByRole('region', { name: 'Alcohol use (AUDIT-C)' });
  await expect(alcohol).toContainText('5 out of 12');
  await expect(alcohol).toContainText('Positive (5 or more): increasing or higher risk drinking');
  await expect(page.getByRole('region', { name: 'Domestic abuse' })).toContainText('Not safe to ask');
});
