/**
 * Shared steps for browser journeys: set up a fresh tablet, unlock, start an assessment,
 * fill sections, and check a page with axe against WCAG 2.2 AA.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import type { Page } from '@playwright/test';

/** `pin`: the nurse in charge's secret, a passphrase since issue 11 (the nurse in charge may not use a PIN). */
export const NURSE = { name: 'Alex Morgan', pin: 'harbour lantern orchard' };

/** The lock screen's secret field: labelled "PIN" or "Passphrase" by the chosen account's kind. */
export const SECRET_FIELD = { name: /^(PIN|Passphrase)$/ };

/** First-run set-up through the UI; leaves the app unlocked on the home screen. */
export async function setUpTablet(page: Page, baseURL = ''): Promise<void> {
  await page.goto(`${baseURL}/`);
  await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  await page.getByRole('button', { name: 'Start set-up' }).click();
  await page.getByLabel('Name of the site').fill("Queen's Medical Centre ED");
  await page.getByRole('radio', { name: 'Emergency department (ED)' }).check();
  await page.getByLabel('Full name').fill(NURSE.name);
  await page.getByRole('radio', { name: 'Substantive' }).check();
  // The nurse in charge is asked for a passphrase only (issue 11).
  await page.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(NURSE.pin);
  await page.getByLabel('Enter it again').fill(NURSE.pin);
  await page.getByLabel('Hospital safeguarding team').fill('0115 924 9924');
  await page.getByLabel("Children's social care (MASH)").fill('0300 500 8090');
  await page.getByLabel("Emergency duty team (children's social care out of hours)").fill('0300 456 4546');
  await page.getByRole('button', { name: 'Set up tablet' }).click();
  // The recovery key is shown once after set-up, until the nurse in charge has kept it (issue 11).
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'I have kept the recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible({ timeout: 20_000 });
}

/** Unlocks from the lock screen; the app then shows the page that was asked for. */
export async function unlock(page: Page, pin = NURSE.pin): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Unlock Safeguarding Triage' });
  await expect(heading).toBeVisible();
  await page.getByRole('textbox', SECRET_FIELD).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(heading).toBeHidden({ timeout: 20_000 });
}

export async function startAssessment(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start new assessment' }).click();
  await expect(page.getByRole('heading', { name: 'Patient and attendance', level: 1 })).toBeVisible();
}

/** Waits until the save line says the latest change is on the device. */
/**
 * Waits until what was just typed is written. The status line keeps showing the previous
 * save's time while a change waits for the autosave (at most 800 ms after the first unsaved
 * change) and while it is written, so matching the words alone can pass on the old save:
 * wait past that window, then for the line to say the write finished.
 */
export async function waitForSaved(page: Page): Promise<void> {
  await page.waitForTimeout(900);
  await expect(page.locator('p[data-save-state="saved"]', { hasText: /^Saved on this device at \d\d:\d\d:\d\d$/ })).toBeVisible();
}

export interface ChildDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: [string, string, string];
  sex?: 'Female' | 'Male';
  nhsNumber?: string;
  reason?: string;
  detail?: string;
}

export async function fillPatient(page: Page, child: ChildDetails): Promise<void> {
  await page.getByLabel('First name').fill(child.givenName);
  await page.getByLabel('Last name').fill(child.familyName);
  const dob = page.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill(child.dateOfBirth[0]);
  await dob.getByLabel('Month').fill(child.dateOfBirth[1]);
  await dob.getByLabel('Year').fill(child.dateOfBirth[2]);
  await page.getByRole('radio', { name: child.sex ?? 'Female', exact: true }).check();
  await page.getByLabel('NHS number', { exact: true }).fill(child.nhsNumber ?? '943 476 5919');
  await page.getByLabel('Address').fill('12 Mansfield Road\nNottingham');
  await page.getByLabel('Postcode').fill('NG5 1PB');
  await page.getByLabel('GP practice').fill('Sherwood Health Centre');
  const school = page.getByLabel('School, college or nursery');
  if (await school.count()) await school.fill('Sherwood Academy');
  await page.getByRole('group', { name: 'Does the patient need an interpreter?' }).getByRole('radio', { name: 'No' }).check();
  await page.getByRole('radio', { name: child.reason ?? 'Illness' }).check();
  await page.getByLabel('Describe the reason for attendance').fill(child.detail ?? 'Abdominal pain since this morning');
}

/** The WCAG 2.2 AA rule tags every page is checked against. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Checks the page with axe-core against WCAG 2.2 AA. axe runs in the page itself (`axe.run`),
 * injected once per document: the app has no frames, so @axe-core/playwright's partial run
 * (inject on every check, then finish in a new blank page with a second injection) only cost
 * time — about 1.3 s of each check's 2.2 s, some 130 checks in a run of the journeys.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/** Waits until the service worker controls the page (it may still be activating when ready resolves). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
        });
      });
    }
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** A date of birth (day, month, year) for a child of `years` years and `extraDays` days today. */
export function dateOfBirthForAge(years: number, extraDays = 40): [string, string, string] {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate() - extraDays));
  return [String(date.getUTCDate()), String(date.getUTCMonth() + 1), String(date.getUTCFullYear())];
}

/**
 * Section 4.2 for a child who came with their mother, who has parental responsibility and is
 * next of kin. Parental responsibility (birth mother) and next of kin ("Same as the person
 * with the patient") are pre-filled by the app: the journey checks them rather than answering.
 */
export async function fillPeopleWithMother(page: Page, opts: { youngPerson: boolean }): Promise<void> {
  await page.getByRole('radio', { name: 'Someone came with the patient' }).check();
  await page.getByLabel('Full name').first().fill('Grace Okafor');
  await page.getByLabel('Relationship to the patient').first().selectOption({ label: 'Mother' });
  await page.getByLabel('Phone number').first().fill('07700 900982');
  await expect(page.getByRole('group', { name: 'Does this person have parental responsibility?' }).getByRole('radio', { name: 'Yes' })).toBeChecked();
  await expect(page.getByLabel('How do they have parental responsibility?')).toHaveValue('birth-mother');
  if (opts.youngPerson) {
    await page.getByRole('group', { name: 'Did the adult with the young person answer questions for them?' }).getByRole('radio', { name: 'No' }).check();
  }
  await expect(page.getByRole('radio', { name: 'Same as the person with the patient' })).toBeChecked();
  await page.getByLabel('Who does the child live with?').fill('Mother and younger brother');
  if (opts.youngPerson) {
    await page.getByRole('group', { name: 'Was the young person seen alone for part of the assessment?' }).getByRole('radio', { name: 'Yes' }).check();
  }
}

/** The radio `answer` in the question (fieldset) named `question`. */
export async function answer(page: Page, question: string | RegExp, choice: string): Promise<void> {
  await page.getByRole('group', { name: question }).getByRole('radio', { name: choice, exact: true }).check();
}

/** Fills a day/month/year date question. */
export async function fillDate(page: Page, legend: string, [day, month, year]: [string, string, string]): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

/** London date parts and "HH:MM" of an instant (the browser runs in Europe/London). */
export function londonParts(instant: Date): { date: [string, string, string]; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { date: [parts.day ?? '', parts.month ?? '', parts.year ?? ''], time: `${parts.hour ?? ''}:${parts.minute ?? ''}` };
}

/** Section 4.4 with nothing found: CP-IS checked with no plan, not known to social care, no earlier attendances. */
export async function fillInformationChecks(page: Page, opts: { hvOrSchoolNurse?: string } = {}): Promise<void> {
  await answer(page, 'Child Protection Information Sharing (CP-IS) check', 'Checked – no plan');
  await answer(page, "Is the child known to children's social care?", 'No');
  await page.getByLabel('ED, MIU or urgent care attendances in the last 12 months').fill('0');
  if (opts.hvOrSchoolNurse) await page.getByLabel(/^(Health visitor|School nurse)/).fill(opts.hvOrSchoolNurse);
}

/** Ticks an alerting feature (by the start of its label) and gives the explanation and who gave it. */
export async function tickAlertingFeature(page: Page, label: RegExp, explanation: string): Promise<void> {
  await page.getByRole('checkbox', { name: label }).check();
  await page.getByRole('textbox', { name: /^What explanation was given, and by whom\?/ }).last().fill(explanation);
}

export interface SafeguardingAnswers {
  /** Under 2: the answer to the mobility question. */
  mobile?: 'Yes' | 'No' | 'Not sure';
  /** Tick these features (label start, explanation); none ticks "None of these". */
  features?: { label: RegExp; explanation: string }[];
  /** Under 13: ask the sexual activity or pregnancy question (answered No). */
  underThirteen?: boolean;
}

/** Section 4.5: the features given (or none), no disclosure, no interaction concerns, no known household risks. */
export async function fillSafeguardingPrompts(page: Page, opts: SafeguardingAnswers = {}): Promise<void> {
  if (opts.mobile) await answer(page, 'Is the child independently mobile (crawling, cruising or bottom-shuffling)?', opts.mobile);
  const features = opts.features ?? [];
  if (features.length === 0) await page.getByRole('checkbox', { name: 'None of these' }).check();
  for (const feature of features) await tickAlertingFeature(page, feature.label, feature.explanation);
  await answer(page, 'Has the child, or anyone else, said that someone has hurt, abused or neglected them?', 'No');
  await page.getByRole('checkbox', { name: 'No concerns about how the carer and child interact' }).check();
  await page.getByRole('group', { name: 'Known risks in the household' }).getByRole('checkbox', { name: 'None known' }).check();
  if (opts.underThirteen) await answer(page, 'Is there any sexual activity or pregnancy involving this child?', 'No');
}

/** Section 4.9 for a child with nothing of concern: "No concern", and whether to inform the health visitor or school nurse. */
export async function fillOutcomeNoConcern(page: Page, inform: 'Yes' | 'No' = 'No'): Promise<void> {
  await answer(page, 'Safeguarding concern', 'No concern');
  await answer(page, /^Inform the (health visitor|school nurse)$/, inform);
}

/** "Discussed with" on the outcome page. */
export async function recordDiscussion(page: Page, who: { name: string; role: string }, at: Date): Promise<void> {
  const { date, time } = londonParts(at);
  const discussed = page.getByRole('group', { name: 'Discussed with' });
  await discussed.getByRole('textbox', { name: 'Name', exact: true }).fill(who.name);
  await discussed.getByRole('textbox', { name: 'Role', exact: true }).fill(who.role);
  await fillDate(page, 'Date of the discussion', date);
  await page.getByLabel('Time of the discussion').fill(time);
}

/** The referral to children's social care, made at `at`. */
export async function recordReferralMade(page: Page, at: Date, takenBy: string, reference = ''): Promise<void> {
  const { date, time } = londonParts(at);
  await answer(page, "Referral to children's social care (MASH)", 'Made');
  await fillDate(page, 'Date the referral was made', date);
  await page.getByLabel('Time the referral was made').fill(time);
  await page.getByLabel('Who took the referral?').fill(takenBy);
  if (reference) await page.getByLabel('Reference (if given)').fill(reference);
}

/** Presses "Save and continue" and waits for the task list. */
export async function saveAndContinue(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();
}

/** Opens a section from the task list. */
export async function openSection(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

/** The eight CSE significant indicators as asked on screen (src/domain/screening/cse.ts). */
export const CSE_SIGNIFICANT_INDICATORS = [
  'Going missing, or staying out overnight or longer, with whereabouts unknown',
  'A relationship with a controlling or much older person ("boyfriend" or "girlfriend"), or with a person or group of concern',
  'Getting into or out of cars driven by unknown adults',
  'Unexplained money, phones, clothes, gifts, drugs or alcohol',
  'Online grooming, sending or receiving sexual images, or meeting people met online',
  'Links to hotels, taxi firms or takeaways, or to places known for exploitation',
  'Disclosure of sexual or physical assault, including an allegation later withdrawn',
  'Any sexual activity at the age of 12 or under',
] as const;

/** Section 4.6 CSE screen (11–17): every significant indicator "No" unless `yes` names it, with what was said for a Yes. */
export async function fillCseScreen(page: Page, opts: { yes?: (typeof CSE_SIGNIFICANT_INDICATORS)[number][]; details?: string } = {}): Promise<void> {
  for (const indicator of CSE_SIGNIFICANT_INDICATORS) await answer(page, indicator, opts.yes?.includes(indicator) ? 'Yes' : 'No');
  if (opts.details) await page.getByLabel('What did the young person say, or what was seen?').fill(opts.details);
}

/** The substance use screen's Part A day questions and the CAR item, in our paraphrase (src/domain/screening/crafft.ts). */
export const CRAFFT_PARAPHRASE = {
  daysAlcohol: /^In the last 12 months, on how many days did you drink more than a few sips of alcohol\?/,
  daysCannabis: /^In the last 12 months, on how many days did you use cannabis/,
  daysOther: /^In the last 12 months, on how many days did you use anything else to get high/,
  car: /^Have you ever been in a car or other vehicle driven by someone/,
} as const;

/** Section 4.6 substance use (12–17): the three day counts, then the Part B answers asked. */
export async function fillSubstanceUse(page: Page, days: [string, string, string], partB: ('Yes' | 'No')[]): Promise<void> {
  await page.getByRole('textbox', { name: CRAFFT_PARAPHRASE.daysAlcohol }).fill(days[0]);
  await page.getByRole('textbox', { name: CRAFFT_PARAPHRASE.daysCannabis }).fill(days[1]);
  await page.getByRole('textbox', { name: CRAFFT_PARAPHRASE.daysOther }).fill(days[2]);
  const groups = page.locator('fieldset').filter({ has: page.getByRole('radio', { name: 'Yes', exact: true }) }).filter({ hasNot: page.getByRole('radio', { name: /Defer/ }) });
  await expect(groups).toHaveCount(partB.length);
  for (const [index, choice] of partB.entries()) await groups.nth(index).getByRole('radio', { name: choice, exact: true }).check();
}
