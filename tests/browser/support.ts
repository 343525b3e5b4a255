/**
 * Shared steps for browser journeys: set up a fresh tablet, unlock, start an assessment,
 * fill sections, and check a page with axe against WCAG 2.2 AA.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const NURSE = { name: 'Alex Morgan', pin: '482916' };

/** First-run set-up through the UI; leaves the app unlocked on the home screen. */
export async function setUpTablet(page: Page, baseURL = ''): Promise<void> {
  await page.goto(`${baseURL}/`);
  await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  await page.getByLabel('Name of the site').fill("Queen's Medical Centre ED");
  await page.getByRole('radio', { name: 'Emergency department (ED)' }).check();
  await page.getByLabel('Full name').fill(NURSE.name);
  await page.getByRole('radio', { name: 'Substantive' }).check();
  await page.getByRole('radio', { name: 'PIN', exact: true }).check();
  await page.getByRole('textbox', { name: 'PIN', exact: true }).fill(NURSE.pin);
  await page.getByLabel('Enter it again').fill(NURSE.pin);
  await page.getByLabel('Hospital safeguarding team').fill('0115 924 9924');
  await page.getByLabel("Children's social care (MASH)").fill('0300 500 8090');
  await page.getByLabel("Emergency duty team (children's social care out of hours)").fill('0300 456 4546');
  await page.getByRole('button', { name: 'Set up tablet' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible({ timeout: 20_000 });
}

/** Unlocks from the lock screen; the app then shows the page that was asked for. */
export async function unlock(page: Page, pin = NURSE.pin): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Unlock Safeguarding Triage' });
  await expect(heading).toBeVisible();
  await page.getByRole('textbox', { name: 'PIN', exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(heading).toBeHidden({ timeout: 20_000 });
}

export async function startAssessment(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start new assessment' }).click();
  await expect(page.getByRole('heading', { name: 'Patient and attendance', level: 1 })).toBeVisible();
}

/** Waits until the save line says the latest change is on the device. */
export async function waitForSaved(page: Page): Promise<void> {
  await expect(page.getByText(/^Saved on this device at \d\d:\d\d:\d\d$/)).toBeVisible();
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

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
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

/** Section 4.2 for a child who came with their mother, who has parental responsibility and is next of kin. */
export async function fillPeopleWithMother(page: Page, opts: { youngPerson: boolean }): Promise<void> {
  await page.getByRole('radio', { name: 'Someone came with the patient' }).check();
  await page.getByLabel('Full name').first().fill('Grace Okafor');
  await page.getByLabel('Relationship to the patient').first().selectOption({ label: 'Mother' });
  await page.getByLabel('Phone number').first().fill('07700 900982');
  await page.getByRole('group', { name: 'Does this person have parental responsibility?' }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByLabel('How do they have parental responsibility?').selectOption({ label: 'Birth mother' });
  if (opts.youngPerson) {
    await page.getByRole('group', { name: 'Did the adult with the young person answer questions for them?' }).getByRole('radio', { name: 'No' }).check();
  }
  await page.getByRole('radio', { name: 'Same as the person with the patient' }).check();
  await page.getByLabel('Who does the child live with?').fill('Mother and younger brother');
  if (opts.youngPerson) {
    await page.getByRole('group', { name: 'Was the young person seen alone for part of the assessment?' }).getByRole('radio', { name: 'Yes' }).check();
  }
}
