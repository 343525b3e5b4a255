/**
 * Domestic abuse journey (issue 10, journey 2 without Think Family, which is its own section):
 * a 27-year-old pregnant woman after an assault is asked in private and discloses domestic
 * abuse; DASH 15 with professional judgement (strangulation) is high risk, so the MARAC
 * referral fields appear and are recorded, the IDVA referral is accepted with consent, a safe
 * contact number and time are taken, and the pregnancy prompts a child safeguarding referral.
 * The domestic abuse page's prompt goes to Think Family, which names the pregnancy recorded on
 * the domestic abuse page; Think Family is completed for the unborn child (expected date of
 * delivery, the information checks, the midwifery and unborn-child safeguarding referrals,
 * disclosure being a trigger). Check answers shows it all; the signed record's GP letter
 * leaves every domestic abuse detail out, gives the safeguarding team's number instead and
 * carries the unborn child; the health visitor notification for the unborn child carries no
 * domestic abuse detail either. A second journey: an adult after
 * alcohol intoxication scores 5 on AUDIT-C (positive, brief advice required) and is "not safe to
 * ask" about domestic abuse (a follow-up). axe runs on each page state.
 */
import { expect, test } from '@playwright/test';
import { answer, dateOfBirthForAge, expectNoAxeViolations, fillDate, fillInformationChecks, fillPatient, londonParts, openSection, recordDiscussion, saveAndContinue, setUpTablet, startAssessment, waitForSaved } from './support';

const SAFE_NUMBER = '07700 900317';

test('a 27-year-old pregnant woman discloses domestic abuse, DASH 15: MARAC and IDVA recorded, Think Family for the unborn child, details absent from the GP letter and the health visitor notification', async ({ page }) => {
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
  await waitForSaved(page);

  // The prompt goes to Think Family (what was typed is autosaved); the pregnancy recorded on the
  // domestic abuse page is named against Think Family's own pregnancy question.
  await page.getByRole('link', { name: 'Go to Think Family' }).click();
  await expect(page.getByRole('heading', { name: 'Think Family – children at home', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Required for this patient because of: .*Disclosed domestic abuse/)).toBeVisible();
  const pregnantQuestion = page.getByRole('group', { name: 'Is the patient pregnant, or could they be?' });
  await expect(pregnantQuestion).toContainText('The domestic abuse section records that the patient is pregnant: add the unborn child here');
  await answer(page, 'Does the patient have children, or live with children?', 'No');
  await answer(page, 'Does the patient look after or care for any children?', 'No');
  await pregnantQuestion.getByRole('radio', { name: 'Yes', exact: true }).check();
  await expect(page.getByText(/^Required for this patient because of: .*Pregnancy with any of these/)).toBeVisible();
  await page.getByRole('button', { name: 'Add an unborn child' }).click();
  const unborn = page.getByRole('group', { name: 'Unborn child', exact: true });
  const due = londonParts(new Date(Date.now() + 16 * 7 * 24 * 60 * 60 * 1000)).date;
  const expected = unborn.getByRole('group', { name: 'Expected date of delivery' });
  await expected.getByLabel('Day').fill(due[0]);
  await expected.getByLabel('Month').fill(due[1]);
  await expected.getByLabel('Year').fill(due[2]);
  await unborn.getByRole('group', { name: "Is the child known to children's social care?" }).getByRole('radio', { name: 'No', exact: true }).check();
  await unborn.getByRole('group', { name: "Inform the child's health visitor or school nurse?" }).getByRole('radio', { name: 'Yes', exact: true }).check();
  await expect(page.getByRole('heading', { name: 'Pregnancy: the unborn child' })).toBeVisible();
  await expect(page.getByText(/Complete the information checks for the unborn child: CP-IS is checked by the mother’s NHS number/)).toBeVisible();
  await answer(page, 'Referral to the midwifery safeguarding team', 'Made');
  await answer(page, 'Safeguarding referral for the unborn child', 'Made');
  await answer(page, "Can the children's notifications include the patient's own health details?", 'No – share only what the practitioner needs about the child');
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  // Back to the domestic abuse page, left for Think Family: what was typed is still there.
  await expect(page.getByRole('listitem').filter({ hasText: 'Domestic abuse' })).toContainText('In progress');
  await openSection(page, 'Domestic abuse');
  await expect(page.getByRole('textbox', { name: /Number of "yes" answers/ })).toHaveValue('15');
  await expect(page.getByLabel('Safe contact number')).toHaveValue(SAFE_NUMBER);
  await saveAndContinue(page);

  // The pregnancy brings in the information checks, for the unborn child.
  await openSection(page, 'Information checks');
  await expect(page.getByText(/For the unborn child: check CP-IS using the mother's NHS number/)).toBeVisible();
  await fillInformationChecks(page);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  // Think Family found a child (unborn), so the outcome applies to this adult.
  await openSection(page, 'Outcome and actions');
  await answer(page, 'Safeguarding concern', 'Consider');
  await recordDiscussion(page, { name: 'Jo Hart', role: 'Safeguarding nurse' }, new Date());
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
  const thinkFamily = page.getByRole('region', { name: 'Think Family – children at home' });
  await expect(thinkFamily).toContainText('Unborn child');
  await expect(thinkFamily).toContainText('Referral to the midwifery safeguarding team');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

  // The GP letter: no domestic abuse detail, and the safeguarding team's number in its place;
  // the Think Family findings for the unborn child are there.
  const DA_DETAILS = [SAFE_NUMBER, 'MARAC', 'DASH', 'IDVA', 'Domestic abuse', 'domestic abuse', 'U-5521', 'strangulation or choking', 'Strangulation or choking'];
  await page.getByRole('link', { name: 'Letters', exact: true }).click();
  const letters = page.getByRole('table', { name: 'Letters for this attendance' });
  await expect(letters).toContainText('Notification to the health visitor about');
  await page.getByRole('link', { name: 'Prepare and issue the GP discharge letter' }).click();
  const preview = page.getByRole('article', { name: 'Emergency care discharge letter' });
  await expect(preview).toContainText('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.');
  await expect(preview).toContainText(`expected ${formatLetterDate(due)}`);
  await expect(preview).toContainText('Referral to the midwifery safeguarding team');
  await expect(preview).toContainText('Safeguarding referral for the unborn child');
  await expect(preview).toContainText("Please make sure the patient's midwife knows of this attendance.");
  for (const detail of DA_DETAILS) await expect(preview).not.toContainText(detail);
  await expectNoAxeViolations(page);

  // The health visitor notification for the unborn child: the child, not the mother's disclosure.
  await page.getByRole('link', { name: 'Back to the letters' }).click();
  await page.getByRole('link', { name: /^Prepare and issue the notification to the health visitor about/ }).click();
  const notification = page.getByRole('article', { name: 'Notification to the health visitor' });
  await expect(notification).toContainText(formatLetterDate(due));
  for (const detail of [...DA_DETAILS, 'Assault', 'neck']) await expect(notification).not.toContainText(detail);
  await expectNoAxeViolations(page);
});

/** "4 June 2027", as the letters write a date. */
function formatLetterDate([day, month, year]: [string, string, string]): string {
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

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
