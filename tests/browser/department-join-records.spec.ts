/**
 * Issue 14 §3: a tablet already in use joins the department with its records (design
 * docs/design/department-sync.md "Where the built joining with records differs"). Two tablet
 * profiles and one department server: A shares and records two attendances of a child; B, set
 * up on its own with the same nurse in charge's name, records one; B's nurse in charge joins
 * from B's department sharing page with A's code, after the confirmation; once B's records are
 * sealed again under the department's key they travel, and A's look-up counts B's attendance in
 * "3 or more attendances in 12 months". Every page state checked passes axe (WCAG 2.2 AA).
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, NURSE, setUpTablet } from './support';
import { lookUpUntil, makeEnrolmentCode, newTablet, recordAttendance, startDepartmentServer, switchSharingOn, unlockAs } from './department-support';
import type { DepartmentServer } from './department-support';

const CHILD = { givenName: 'Ruby', familyName: 'Okafor', dateOfBirth: ['3', '9', '2016'] as [string, string, string], sex: 'Female' as const, nhsNumber: '943 476 5870' };

let server: DepartmentServer;
test.beforeAll(async () => {
  server = await startDepartmentServer();
});
test.afterAll(async () => {
  await server.stop();
});

test('B, in use with a record of its own, joins from its department sharing page; its record reaches A, which counts it in 3 or more in 12 months', async ({ browser }) => {
  test.setTimeout(420_000);
  const a = await newTablet(browser);
  const b = await newTablet(browser);
  try {
    await setUpTablet(a.page, server.origin);
    await switchSharingOn(a.page, server.origin);
    await recordAttendance(a.page, CHILD, 'Fever and a rash', 120);
    await recordAttendance(a.page, CHILD, 'Fever and a rash', 30);
    await a.page.goto(`${server.origin}/settings/department`);
    await unlockAs(a.page, NURSE);
    const code = await makeEnrolmentCode(a.page);

    await setUpTablet(b.page, server.origin);
    await recordAttendance(b.page, CHILD, 'Fever and a rash', 60);
    await b.page.goto(`${server.origin}/settings/department`);
    await unlockAs(b.page, NURSE);
    await expect(b.page.getByRole('heading', { name: 'Join a department that already shares' })).toBeVisible();
    await b.page.getByRole('textbox', { name: 'Enrolment code' }).fill(code);
    await b.page.getByRole('button', { name: 'Join the department' }).click();
    await expect(b.page.getByText("This tablet's records will be shared with the department.", { exact: false })).toBeVisible();
    await expectNoAxeViolations(b.page);
    await b.page.getByRole('button', { name: "Yes, share this tablet's records with the department" }).click();
    await expect(b.page.getByRole('heading', { name: 'Records this tablet held when it joined' })).toBeVisible({ timeout: 30_000 });
    await expect(b.page.getByText(/All of them are sealed under the department's key and shared\./)).toBeVisible({ timeout: 60_000 });
    // Two accounts named as A's nurse in charge: kept apart, and shown.
    await expect(b.page.getByRole('heading', { name: /Two accounts with the same name/ })).toBeVisible();
    await expectNoAxeViolations(b.page);

    await lookUpUntil(a.page, CHILD.nhsNumber, '3 attendances in the department (1 recorded on other tablets)', [b.page]);
    await expect(a.page.getByText('3 or more attendances in 12 months (3)')).toBeVisible();
    await expectNoAxeViolations(a.page);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
