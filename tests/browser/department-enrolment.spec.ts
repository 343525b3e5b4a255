/**
 * Department sharing, enrolment by code (issue 14; docs/design/department-sync.md §3), with
 * two tablet profiles (two browser contexts: their own IndexedDB) and one department server
 * (the built app and the API on one origin, PGlite in a temporary folder).
 */
import { expect, test } from '@playwright/test';
import { addTriageNurse, enrolTwoTablets, enterEnrolmentCode, newTablet, shareNow, startDepartmentServer, unlockAs } from './department-support';
import type { DepartmentServer } from './department-support';
import { expectNoAxeViolations, NURSE, SECRET_FIELD } from './support';

/** A triage nurse added on tablet A, who unlocks tablet B with the PIN they chose on A. */
const TRIAGE_NURSE = { name: 'Sam Patel', pin: '735104' };

let server: DepartmentServer;
test.beforeAll(async () => {
  server = await startDepartmentServer();
});
test.afterAll(async () => {
  await server.stop();
});

test('tablet A switches sharing on and shows a code; tablet B joins with it and staff unlock B with their own PIN; a used code is refused on a third tablet with the server’s words', async ({ browser }) => {
  test.setTimeout(180_000);
  const { a, b, code } = await enrolTwoTablets(browser, server, { staff: [TRIAGE_NURSE] });

  // A: the code large in four groups, with its countdown, and B in the tablets list.
  await expect(a.page.getByText(/^This code works for (10|9) more minutes$/)).toBeVisible();
  await expectNoAxeViolations(a.page);
  await a.page.reload();
  await unlockAs(a.page, NURSE);
  await expect(a.page.getByRole('heading', { name: 'Tablets in the department' })).toBeVisible({ timeout: 20_000 });
  await expect(a.page.getByRole('cell', { name: 'This tablet' })).toBeVisible();
  await expect(a.page.getByRole('cell', { name: /^Tablet ending / })).toBeVisible();
  await expectNoAxeViolations(a.page);

  // B: on its lock screen, with both accounts; the triage nurse unlocks it with the PIN they chose on A.
  await expectNoAxeViolations(b.page);
  await expect(b.page.getByRole('radio', { name: TRIAGE_NURSE.name })).toBeVisible();
  await expect(b.page.getByRole('radio', { name: NURSE.name })).toBeVisible();
  await b.page.getByRole('radio', { name: TRIAGE_NURSE.name }).check();
  await expect(b.page.getByRole('textbox', SECRET_FIELD)).toBeVisible();
  await unlockAs(b.page, TRIAGE_NURSE);
  await expect(b.page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible({ timeout: 20_000 });
  // The nurse in charge too, with their own passphrase; B says it shares with the department.
  await b.page.goto(`${server.origin}/settings/department`);
  await unlockAs(b.page, NURSE);
  await expect(b.page.getByText(/^This tablet has shared its records with the department since /)).toBeVisible({ timeout: 20_000 });

  // A third tablet: the code was used.
  const c = await newTablet(browser);
  await enterEnrolmentCode(c.page, server.origin, code);
  await expect(c.page.getByRole('alert')).toHaveText('This code has expired or has been used. Ask the nurse in charge for a new one.', { timeout: 20_000 });
  await expect(c.page.getByRole('heading', { name: 'Join a department', level: 1 })).toBeVisible();
  await expectNoAxeViolations(c.page);
  // A mistyped code is refused on the field, before anything is sent.
  await c.page.getByRole('textbox', { name: 'Enrolment code' }).fill('7KQ2-M9XD');
  await c.page.getByRole('button', { name: 'Join the department' }).click();
  await expect(c.page.getByRole('link', { name: 'The enrolment code has 16 letters and numbers, in four groups of four' })).toBeVisible();
  await expectNoAxeViolations(c.page);

  await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
});

test('the nurse in charge removes a tablet from the department, after a confirmation', async ({ browser }) => {
  test.setTimeout(180_000);
  const { a, b } = await enrolTwoTablets(browser, server);
  await a.page.reload();
  await unlockAs(a.page, NURSE);
  const remove = a.page.getByRole('button', { name: /^Remove Tablet ending / });
  await expect(remove).toBeVisible({ timeout: 20_000 });
  await remove.click();
  await expect(a.page.getByRole('heading', { name: /^Important: Remove Tablet ending .+ from the department\?$/ })).toBeVisible();
  await expectNoAxeViolations(a.page);
  await a.page.getByRole('button', { name: 'Yes, remove this tablet' }).click();
  await expect(a.page.getByText(/^Tablet ending .+ was removed from the department$/)).toBeVisible({ timeout: 20_000 });
  await expect(a.page.getByRole('cell', { name: /^Removed / })).toBeVisible();
  await Promise.all([a.context.close(), b.context.close()]);
});

test('a member of staff added on A after B joined unlocks B with their own PIN (their account travels sealed, applied on B once unlocked)', async ({ browser }) => {
  test.setTimeout(240_000);
  const { a, b } = await enrolTwoTablets(browser, server);
  const LATER_NURSE = { name: 'Jo Rahman', pin: '529731' };
  // B unlocked by the nurse in charge, on its staff accounts page: accounts from A are applied while a key is in memory.
  await unlockAs(b.page, NURSE);
  await b.page.getByRole('link', { name: 'Settings' }).click();
  await b.page.getByRole('link', { name: 'Staff accounts' }).click();
  await expect(b.page.getByRole('cell', { name: NURSE.name, exact: true })).toBeVisible();

  // A (on its department page) adds the member after B joined; each tablet shares every 30 seconds, or at once when asked.
  await a.page.getByRole('link', { name: 'Home' }).first().click();
  await addTriageNurse(a.page, LATER_NURSE);
  await expect(async () => {
    await shareNow(a.page, b.page);
    await expect(b.page.getByRole('cell', { name: LATER_NURSE.name, exact: true })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 120_000, intervals: [1_000] });
  await expectNoAxeViolations(b.page);

  // B locked (loading an address locks it); the member picks their name and unlocks with the PIN they chose on A.
  await b.page.goto(`${server.origin}/`);
  await unlockAs(b.page, LATER_NURSE);
  await expect(b.page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible({ timeout: 20_000 });
  await expect(b.page.getByRole('navigation', { name: 'Account' }).getByText(LATER_NURSE.name)).toBeVisible();
  await Promise.all([a.context.close(), b.context.close()]);
});
