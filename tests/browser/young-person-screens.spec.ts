/**
 * Issue 9 journeys. (2) A 14-year-old after an overdose: the task list offers the self-harm or
 * mental health section; the nurse fills it without a responsible adult, the safe-discharge
 * checklist shows that is still needed, the section still completes (it never blocks signing),
 * discharge "Home" is refused on the Discharge page until an adult is named on the self-harm
 * page, and the record is signed; the GP letter carries the self-harm block and no risk score.
 * And a 15-year-old girl's Fraser and FGM pages in their revealed states. Every page state
 * passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import {
  answer,
  dateOfBirthForAge,
  expectNoAxeViolations,
  fillCseScreen,
  fillDate,
  fillInformationChecks,
  fillOutcomeNoConcern,
  fillPatient,
  fillPeopleWithMother,
  fillSafeguardingPrompts,
  fillSubstanceUse,
  londonParts,
  openSection,
  saveAndContinue,
  setUpTablet,
  startAssessment,
} from './support';

test('journey (2): a 14-year-old after an overdose: the self-harm block, discharge home refused until an adult is named, signed', async ({ page }) => {
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

  await openSection(page, 'Next of kin and who came with the patient');
  await fillPeopleWithMother(page, { youngPerson: true });
  await saveAndContinue(page);
  await openSection(page, 'Accounts');
  await page.getByLabel('What the child says happened, in their own words').fill('I took the tablets because everything got too much at school.');
  await answer(page, 'Was there a delay in seeking help?', 'No');
  await saveAndContinue(page);
  await openSection(page, 'Information checks');
  await fillInformationChecks(page);
  await saveAndContinue(page);
  await openSection(page, 'Safeguarding prompts');
  await fillSafeguardingPrompts(page);
  await saveAndContinue(page);
  // Self-harm makes the CSE screen mandatory; the screens link to this one.
  await openSection(page, 'Child sexual exploitation screen');
  await fillCseScreen(page);
  await saveAndContinue(page);
  await openSection(page, 'Substance use');
  await fillSubstanceUse(page, ['0', '0', '0'], ['No']);
  await saveAndContinue(page);

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
  await answer(page, 'Is follow-up booked?', 'Yes');
  await page.getByRole('textbox', { name: 'What follow-up?' }).fill('CAMHS appointment within 7 days');
  await answer(page, 'School nurse informed?', 'Yes');
  // No responsible adult named yet: still needed, but the section completes (it never blocks signing).
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Still needed' })).toHaveCount(1);
  await expectNoAxeViolations(page);
  await saveAndContinue(page);
  await expect(page.getByRole('link', { name: 'Self-harm or mental health', exact: true }).locator('xpath=ancestor::li[1]')).toContainText('Completed');

  await openSection(page, 'Outcome and actions');
  await fillOutcomeNoConcern(page, 'Yes');
  await saveAndContinue(page);

  // Discharge home is refused until a responsible adult is named on the self-harm page.
  await openSection(page, 'Discharge');
  await page.getByLabel('Clinical impression or diagnosis').fill('Paracetamol overdose, levels below the treatment line');
  await page.getByLabel('Treatment given').fill('Paracetamol level at 4 hours; no treatment needed');
  await page.getByRole('radio', { name: 'Home', exact: true }).check();
  await page.getByLabel('Follow-up arranged').fill('CAMHS appointment within 7 days');
  await page.getByLabel(/^Information and advice given to the (child|young person|patient)/).fill('Crisis line numbers; come back if she feels unsafe');
  await page.getByLabel('Information and advice given to the parent or carer').fill('Lock away all medicines; crisis line numbers');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  const errors = page.locator('.nhsuk-error-summary');
  await expect(errors).toContainText('Name the responsible adult who will stay with the young person, or record why none can be named and who agreed, on the self-harm page');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Back to the assessment' }).first().click();

  await openSection(page, 'Self-harm or mental health');
  await page.getByRole('textbox', { name: 'Responsible adult who will stay with the young person' }).fill('Grace Okafor');
  await expect(checklist.getByRole('listitem').filter({ hasText: 'Still needed' })).toHaveCount(0);
  await saveAndContinue(page);
  await openSection(page, 'Discharge');
  await saveAndContinue(page);
  await expect(page.getByRole('link', { name: 'Discharge', exact: true }).locator('xpath=ancestor::li[1]')).toContainText('Completed');

  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByRole('link', { name: /^Change responsible adult who will stay with the young person/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Change safety plan agreed/ })).toBeVisible();
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

  // The GP letter carries the self-harm block (clinical facts) and never a risk score.
  await page.getByRole('link', { name: 'Letters', exact: true }).click();
  await page.getByRole('link', { name: 'Prepare and issue the GP discharge letter' }).click();
  const gp = page.getByRole('article', { name: 'Emergency care discharge letter' });
  await expect(gp).toContainText('Responsible adult who will stay with the young person');
  await expect(gp).toContainText('Agreed with the CAMHS liaison nurse: who to call, distractions, crisis line');
  await expect(gp).toContainText('check that the CAMHS or liaison follow-up and the safety plan are in place');
  await expect(page.getByText(/risk score|low risk|medium risk|high risk/i)).toHaveCount(0);
  await expectNoAxeViolations(page);
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
