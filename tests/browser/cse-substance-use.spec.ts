/**
 * Issue 9 journeys: a 15-year-old's child sexual exploitation screen with a significant
 * indicator (the page shows the actions, never a score) and the substance use screen scoring
 * 3 of 6 (positive: brief advice and the referral recorded), both shown in check answers with
 * Change links; and journey (1) whole: a 15-year-old intoxicated girl with a 24-year-old
 * boyfriend, "No concern" refused by the significant indicator, the discussion and referral
 * recorded, signed, and the letters: the CSE and substance use details absent from the GP
 * letter (the score, advice and referral there) and present in the MASH referral. Every page
 * state passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import {
  answer,
  CSE_SIGNIFICANT_INDICATORS,
  dateOfBirthForAge,
  expectNoAxeViolations,
  fillCseScreen,
  fillInformationChecks,
  fillPatient,
  fillPeopleWithMother,
  fillSafeguardingPrompts,
  fillSubstanceUse,
  openSection,
  recordDiscussion,
  recordReferralMade,
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

test('journey (1): a 15-year-old intoxicated girl with a 24-year-old boyfriend: CSE discussion and referral, CRAFFT 3 positive, signed; restricted details out of the GP letter and in the MASH referral', async ({ page }) => {
  // Tuesday 10 March 2026, 10:30 London time: the MASH is open.
  const now = new Date('2026-03-10T10:30:00Z');
  await page.clock.setFixedTime(now);
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, {
    givenName: 'Jade',
    familyName: 'Bennett',
    dateOfBirth: ['14', '6', '2010'],
    reason: 'Alcohol or drug intoxication',
    detail: 'Found drunk in the town centre at 02:00',
  });
  await saveAndContinue(page);

  await openSection(page, 'Next of kin and who came with the patient');
  await fillPeopleWithMother(page, { youngPerson: true });
  await saveAndContinue(page);

  await openSection(page, 'Accounts');
  await page.getByLabel('What the child says happened, in their own words').fill('I was out with my boyfriend Ryan and his mates. He bought the vodka.');
  await answer(page, 'Was there a delay in seeking help?', 'No');
  await saveAndContinue(page);

  await openSection(page, 'Information checks');
  await fillInformationChecks(page);
  await saveAndContinue(page);

  await openSection(page, 'Safeguarding prompts');
  await fillSafeguardingPrompts(page);
  await saveAndContinue(page);

  // CSE screen: mandatory for an intoxicated young person; the boyfriend is a significant indicator.
  await openSection(page, 'Child sexual exploitation screen');
  const boyfriend = CSE_SIGNIFICANT_INDICATORS[1];
  await fillCseScreen(page, { yes: [boyfriend], details: 'Boyfriend Ryan is 24 and buys her alcohol; she stays at his flat some nights' });
  await page.getByLabel("Partner's age (years)").fill('24');
  await answer(page, /power imbalance, coercion or exploitation/, 'Yes');
  await page.getByLabel('Describe the concern').fill('He is 9 years older and supplies alcohol');
  const actions = page.locator('#cse-actions');
  await expect(actions).toContainText('Discuss with the safeguarding lead today: Hospital safeguarding team 0115 924 9924');
  await expect(actions).toContainText('Refer under the local child sexual exploitation procedure');
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await openSection(page, 'Substance use');
  await fillSubstanceUse(page, ['30', '4', '0'], ['Yes', 'Yes', 'No', 'Yes', 'No', 'No']);
  await expect(page.getByText('Score 3 out of 6 (the number of yes answers). 2 or more: positive')).toBeVisible();
  await answer(page, 'Brief advice', 'Brief advice given');
  await answer(page, "Referral to the young people's substance misuse service", "Referred to the young people's substance misuse service");
  await saveAndContinue(page);

  // Outcome: "No concern" refused by the significant indicator; discussed and referred.
  await openSection(page, 'Outcome and actions');
  const refusal = page.locator('.nhsuk-warning-callout', { has: page.getByRole('heading', { name: /No concern cannot be chosen/ }) });
  await expect(refusal).toContainText('a child sexual exploitation significant indicator is recorded on the CSE screen');
  await answer(page, 'Safeguarding concern', 'Suspect');
  await recordDiscussion(page, { name: 'Kim Lewis', role: 'Safeguarding nurse' }, now);
  await answer(page, 'Is the child in immediate danger?', 'No');
  await recordReferralMade(page, now, 'Chris Bell, MASH social worker', 'MASH-2026-0420');
  await answer(page, 'Police informed', 'No');
  await page.getByLabel('Why were the police not informed?').fill('MASH to decide on a strategy discussion');
  await answer(page, 'Inform the school nurse', 'Yes');
  await expectNoAxeViolations(page);
  await saveAndContinue(page);

  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await expect(page.getByRole('link', { name: /^Change partner's age/i }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

  // The GP letter: the screens' outcomes, not the details.
  await page.getByRole('link', { name: 'Letters', exact: true }).click();
  await page.getByRole('link', { name: 'Prepare and issue the GP discharge letter' }).click();
  const gp = page.getByRole('article', { name: 'Emergency care discharge letter' });
  await expect(gp).toContainText('Child sexual exploitation screen');
  await expect(gp).toContainText('Score 3 out of 6 (the number of yes answers). 2 or more: positive');
  await expect(gp).toContainText("Referred to the young people's substance misuse service");
  await expect(gp).toContainText('Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.');
  for (const restricted of ['Boyfriend Ryan is 24', 'He is 9 years older', 'He bought the vodka', 'Discuss with the safeguarding lead today', 'Alcohol: 30', 'C – car with a driver']) {
    await expect(gp).not.toContainText(restricted);
  }
  await expectNoAxeViolations(page);

  // The MASH referral: everything.
  await page.getByRole('link', { name: 'Back to the letters' }).click();
  await page.getByRole('link', { name: /^Prepare and issue the referral to children/ }).click();
  const mash = page.getByRole('article', { name: "Referral to children's social care (MASH)" });
  for (const detail of ['Boyfriend Ryan is 24 and buys her alcohol', 'He is 9 years older and supplies alcohol', 'He bought the vodka', 'Discuss with the safeguarding lead today. Refer under the local child sexual exploitation procedure', 'Alcohol: 30', 'C – car with a driver who was high or drinking']) {
    await expect(mash).toContainText(detail);
  }
  await expectNoAxeViolations(page);
});
