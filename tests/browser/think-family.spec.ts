/**
 * Think Family journey (PRODUCT.md 4.7; issue 10 journey 1): a 34-year-old after an overdose,
 * two children at home with a neighbour marked "Unsure". Think Family is required; the
 * escalation panel shows the local numbers and signing is refused until the action taken is
 * recorded; the children are listed in Check answers; the GP letter carries them and asks the
 * GP about them by name; one school nurse notification (for the child the nurse chose to
 * share) carries the child and the concern, not the mother's overdose. Axe on each new page.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { answer, dateOfBirthForAge, expectNoAxeViolations, fillPatient, recordDiscussion, saveAndContinue, setUpTablet, startAssessment, waitForSaved } from './support';

async function fillChild(page: Page, legend: string, child: { first: string; last: string; dob: [string, string, string]; school: string; share: 'Yes' | 'No' }): Promise<void> {
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('First name').fill(child.first);
  await group.getByLabel('Last name').fill(child.last);
  const dob = group.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill(child.dob[0]);
  await dob.getByLabel('Month').fill(child.dob[1]);
  await dob.getByLabel('Year').fill(child.dob[2]);
  await group.getByRole('group', { name: 'Does the child live with the patient?' }).getByRole('radio', { name: 'Yes', exact: true }).check();
  await group.getByLabel('School or nursery').fill(child.school);
  await group.getByRole('group', { name: "Is the child known to children's social care?" }).getByRole('radio', { name: 'No', exact: true }).check();
  await group.getByRole('group', { name: "Inform the child's health visitor or school nurse?" }).getByRole('radio', { name: child.share, exact: true }).check();
}

test('a 34-year-old after an overdose, two children with a neighbour marked Unsure: escalation before signing, children in the GP letter and one school nurse notification', async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Rachel', familyName: 'Green', dateOfBirth: dateOfBirthForAge(34), reason: 'Self-harm or overdose', detail: 'Paracetamol overdose, 16 tablets' });
  await saveAndContinue(page);

  await page.getByRole('link', { name: 'Next of kin and who came with the patient' }).click();
  await page.getByRole('radio', { name: 'Someone came with the patient' }).check();
  await page.getByLabel('Full name').first().fill('Monica Green');
  await page.getByLabel('Relationship to the patient').first().selectOption({ label: 'Sister' });
  await page.getByLabel('Phone number').first().fill('07700 900456');
  await page.getByRole('radio', { name: 'Same as the person with the patient' }).check();
  await saveAndContinue(page);

  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('What the patient says happened').fill('I took the tablets after an argument. The kids are with the neighbour.');
  await saveAndContinue(page);

  // Think Family is required after an overdose: the task list cannot go to signing without it.
  await expect(page.getByRole('listitem').filter({ hasText: 'Check answers and sign' })).toContainText('Cannot start yet');
  await page.getByRole('link', { name: 'Think Family – children at home' }).click();
  await expect(page.getByRole('heading', { name: 'Think Family – children at home', level: 1 })).toBeVisible();
  await expect(page.getByText('Required for this patient because of: Self-harm or overdose.')).toBeVisible();
  await answer(page, 'Does the patient have children, or live with children?', 'Yes');
  await answer(page, 'Does the patient look after or care for any children?', 'Yes');
  await answer(page, 'Does the patient care for the children alone?', 'No');
  await answer(page, 'Is the patient pregnant, or could they be?', 'No');
  await page.getByRole('button', { name: 'Add a child' }).click();
  await fillChild(page, 'Child 1', { first: 'Amy', last: 'Green', dob: dateOfBirthForAge(7), school: 'Radford Primary School', share: 'Yes' });
  await page.getByRole('button', { name: 'Add a child' }).click();
  await fillChild(page, 'Child 2', { first: 'Ben', last: 'Green', dob: dateOfBirthForAge(4), school: 'Little Acorns Nursery', share: 'No' });
  await page.getByLabel('Who is looking after the children now?').fill('A neighbour, Mrs Patel, at the family home');
  await answer(page, 'Are the children safe and supervised now?', 'Unsure');

  // The escalation panel, with the local numbers from settings.
  const panel = page.locator('#think-family-escalation');
  await expect(panel).toContainText('The children may not be safe or supervised now.');
  await expect(panel).toContainText('Hospital safeguarding team: 0115 924 9924');
  await expect(panel).toContainText("Children's social care (MASH): 0300 500 8090");
  await answer(page, "Can the children's notifications include the patient's own health details?", 'No – share only what the practitioner needs about the child');
  await waitForSaved(page);
  await expectNoAxeViolations(page);

  // Save and continue without the action: the page says what is missing.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Record what has been done to make the children safe before signing: who you told' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Back to the assessment' }).click();

  // Outcome now applies (Think Family found children); discharge for the GP letter.
  await page.getByRole('link', { name: 'Outcome and actions' }).click();
  await answer(page, 'Safeguarding concern', 'Consider');
  await recordDiscussion(page, { name: 'Jo Hart', role: 'Safeguarding nurse' }, new Date());
  await saveAndContinue(page);
  await page.getByRole('link', { name: 'Discharge' }).click();
  await page.getByLabel('Clinical impression or diagnosis').fill('Paracetamol overdose, level below the treatment line');
  await page.getByLabel('Treatment given').fill('Paracetamol level and liver function tests');
  await page.getByRole('radio', { name: 'Home', exact: true }).check();
  await page.getByLabel('Follow-up arranged').fill('Liaison mental health follow-up within 72 hours');
  await page.getByLabel('Information and advice given to the patient').fill('Safety plan agreed');
  await saveAndContinue(page);

  // The domestic abuse enquiry and AUDIT-C also apply after an overdose (PRODUCT.md 4.8, 4.9).
  await page.getByRole('link', { name: 'Domestic abuse' }).click();
  await answer(page, 'Has the patient been asked about domestic abuse, in private?', 'Asked – denied');
  await answer(page, 'Was an interpreter used?', 'No interpreter was needed');
  await saveAndContinue(page);
  await page.getByRole('link', { name: 'Alcohol use (AUDIT-C)' }).click();
  await answer(page, 'Was alcohol involved in this attendance?', 'No');
  await saveAndContinue(page);

  // Signing is refused until the action taken is recorded.
  await page.getByRole('link', { name: 'Check answers', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check answers', level: 1 })).toBeVisible();
  const thinkFamily = page.getByRole('region', { name: 'Think Family – children at home' });
  await expect(thinkFamily).toContainText('Amy Green, born');
  await expect(thinkFamily).toContainText('Ben Green, born');
  await expect(thinkFamily).toContainText('A neighbour, Mrs Patel, at the family home');
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'You cannot sign yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Think Family – children at home: Record what has been done to make the children safe/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // Record the escalation (the summary link goes to the question), then sign.
  await page.getByRole('link', { name: /Think Family – children at home: Record what has been done/ }).click();
  await expect(page.getByRole('heading', { name: 'Think Family – children at home', level: 1 })).toBeVisible();
  const actions = page.getByRole('group', { name: 'What has been done?' });
  await actions.getByRole('checkbox', { name: 'Told the nurse in charge' }).check();
  await actions.getByRole('checkbox', { name: 'Told the hospital safeguarding team' }).check();
  await page.getByLabel('Who did you speak to, when, and what was agreed?').fill('Sister N. Shah and the safeguarding team: grandmother to collect the children within the hour');
  await saveAndContinue(page);
  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByRole('region', { name: 'Think Family – children at home' })).toContainText('Told the nurse in charge');
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

  // Letters: the GP letter and one school nurse notification (Amy; Ben was not shared).
  await page.getByRole('link', { name: 'Letters', exact: true }).click();
  const letters = page.getByRole('table', { name: 'Letters for this attendance' });
  await expect(letters.getByRole('row')).toHaveCount(3);
  await expect(letters).toContainText('Notification to the school nurse about Amy Green');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Prepare and issue the GP discharge letter' }).click();
  const gp = page.getByRole('article', { name: 'Emergency care discharge letter' });
  await expect(gp).toContainText('Amy Green, born');
  await expect(gp).toContainText('Ben Green, born');
  await expect(gp).toContainText('Safe and supervised: Unsure');
  await expect(gp).toContainText(/Please note Amy \(7 years\) and Ben \(4 years\) in the family's records/);
  await expect(gp).not.toContainText('Children at home (Think Family): not recorded');
  await page.getByRole('button', { name: 'Issue letter' }).click();
  await expect(page.getByText(/^Version 1, issued /)).toBeVisible();

  await page.getByRole('link', { name: 'Back to the letters' }).click();
  await page.getByRole('link', { name: 'Prepare and issue the notification to the school nurse about Amy Green' }).click();
  await expect(page.getByRole('heading', { name: 'Notification to the school nurse about Amy Green', level: 1 })).toBeVisible();
  const notification = page.getByRole('article', { name: 'Notification to the school nurse' });
  await expect(notification).toContainText('School nurse, Radford Primary School');
  await expect(notification).toContainText('A neighbour, Mrs Patel, at the family home');
  await expect(notification).toContainText('Told the hospital safeguarding team');
  await expect(notification).not.toContainText('Ben Green');
  // The mother's own clinical details are withheld: no consent, no safeguarding reason recorded.
  await expect(notification).not.toContainText(/overdose|paracetamol/i);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Issue letter' }).click();
  await expect(page.getByText(/^Version 1, issued /)).toBeVisible();
  await page.getByRole('link', { name: 'Back to the letters' }).click();
  await expect(page.getByRole('link', { name: 'Notification to the school nurse about Amy Green, version 1' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'GP discharge letter, version 1' })).toBeVisible();
});
