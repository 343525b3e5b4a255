/**
 * Issue 9 journey fragment: a 14-year-old after an overdose. The task list offers the
 * self-harm or mental health section; the nurse fills it, the safe-discharge checklist shows
 * what is still needed before discharge home, and the section completes. Every page state
 * passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import { answer, dateOfBirthForAge, expectNoAxeViolations, fillDate, fillPatient, londonParts, openSection, saveAndContinue, setUpTablet, startAssessment } from './support';

test('a 14-year-old after an overdose: the self-harm or mental health section is filled and completed', async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, {
    givenName: 'Maya',
    familyName: 'Okafor',
    dateOfBirth: dateOfBirthForAge(14),
    reason: 'Self-harm or overdose',
    detail: 'Took 16 paracetamol tablets this morning',
  });
  await saveAndContinue(page);
  await expect(page.getByRole('link', { name: 'Fraser guidelines', exact: true })).toHaveCount(0);
  await openSection(page, 'Self-harm or mental health');
  await expectNoAxeViolations(page);

  const checklist = page.getByRole('list', { name: 'Safe discharge checklist' });
  await expect(checklist.getByRole('listitem').filter({ hasText: 'A responsible adult who will stay with the young person is named' })).toContainText('Still needed');

  // Save and continue with nothing entered: the error summary names what is missing.
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select whether this was an overdose');
  await expectNoAxeViolations(page);

  await answer(page, 'Who is with the young person now?', 'Someone is with the young person');
  await page.getByRole('textbox', { name: 'Full name' }).fill('Grace Okafor');
  await page.getByRole('textbox', { name: 'Relationship to the young person' }).first().fill('Mother');
  await answer(page, 'Does this person have parental responsibility?', 'Yes');
  await answer(page, 'Have the parents or carers been informed?', 'Yes');
  await answer(page, 'Was this an overdose?', 'Yes');
  await page.getByRole('textbox', { name: 'What was taken, and how much?' }).fill('16 paracetamol 500 mg tablets');
  const { date } = londonParts(new Date(Date.now() - 3 * 60 * 60 * 1000));
  await fillDate(page, 'Date taken', date);
  await page.getByRole('checkbox', { name: 'Time not known' }).check();
  await answer(page, 'Was it staggered?', 'No – taken at one time');
  await page.getByRole('textbox', { name: 'Access to means at home' }).fill('Paracetamol and ibuprofen in the kitchen cupboard');
  await page.getByRole('textbox', { name: /^Plan to reduce access/ }).fill('Mother will lock away all medicines');
  await answer(page, 'CAMHS or liaison mental health involvement', 'Seen in the department');
  await page.getByRole('textbox', { name: 'Safety plan agreed' }).fill('Agreed with the CAMHS liaison nurse: who to call, distractions, crisis line');
  await page.getByRole('textbox', { name: 'Who holds the safety plan?' }).fill('Maya and her mother');
  await page.getByRole('textbox', { name: 'Responsible adult who will stay with the young person' }).fill('Grace Okafor');
  await answer(page, 'Is follow-up booked?', 'Yes');
  await page.getByRole('textbox', { name: 'What follow-up?' }).fill('CAMHS appointment within 7 days');
  await answer(page, 'School nurse informed?', 'Yes');
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Still needed' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await saveAndContinue(page);
  await expect(page.getByRole('link', { name: 'Self-harm or mental health', exact: true }).locator('xpath=ancestor::li[1]')).toContainText('Completed');
  await expect(page.getByText(/risk score|low risk|medium risk|high risk/i)).toHaveCount(0);
});

test("a 15-year-old girl's Fraser and FGM pages pass axe in their revealed states", async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Ada', familyName: 'Mensah', dateOfBirth: dateOfBirthForAge(15), reason: 'Sexual health, contraception or pregnancy', detail: 'Wants emergency contraception' });
  await saveAndContinue(page);
  await openSection(page, 'Fraser guidelines');
  await answer(page, 'The young person understands the advice', 'Met');
  await page.getByRole('group', { name: 'The young person understands the advice' }).getByRole('textbox', { name: 'Reason' }).fill('Explained the advice back in her own words');
  await answer(page, /power imbalance, coercion or exploitation/, 'Yes');
  await expect(page.getByText(/complete the child sexual exploitation screen and follow it up/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Back to the assessment' }).first().click();

  await openSection(page, 'Patient and attendance');
  await page.getByRole('radio', { name: 'Genital, urinary or gynaecological problem' }).check();
  await saveAndContinue(page);
  await expect(page.getByRole('link', { name: 'Fraser guidelines', exact: true })).toHaveCount(0);
  await openSection(page, 'Female genital mutilation (FGM)');
  await answer(page, 'Has anyone ever cut or changed your private parts?', 'Yes');
  await answer(page, 'Are there physical signs that appear to show FGM?', 'Not examined');
  await answer(page, 'Police report (101)', 'Reported to the police (101)');
  await expect(page.getByText('Report to the police by the end of the next working day:')).toBeVisible();
  await expectNoAxeViolations(page);
});
