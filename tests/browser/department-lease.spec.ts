/**
 * Issue 14, the edit lease with two tablets and one department server (design
 * docs/design/department-sync.md §6): tablet A starts a child's assessment; tablet B finds it
 * in the look-up, opens it from the department and continues it on B; A then shows its copy
 * read-only with the banner saying who is editing it on another tablet. Every page state
 * checked passes axe (WCAG 2.2 AA).
 *
 * Sharing runs in the background (a push 1 second after a write, a pull every 30 seconds), so
 * the look-up is retried until A's attendance has arrived on B (bounded).
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, fillPatient, startAssessment, unlock } from './support';
import { enrolTwoTablets, lookUpUntil, startDepartmentServer } from './department-support';
import type { DepartmentServer } from './department-support';

const CHILD = { givenName: 'Ellis', familyName: 'Brennan', dateOfBirth: ['3', '9', '2016'] as [string, string, string], sex: 'Male' as const, nhsNumber: '943 476 5919' };
const NURSE_NAME = 'Alex Morgan';

let server: DepartmentServer;
test.beforeAll(async () => {
  server = await startDepartmentServer();
});
test.afterAll(async () => {
  await server.stop();
});

test('B continues an assessment in progress started on A; A shows it read-only, naming who is editing it on another tablet', async ({ browser }) => {
  test.setTimeout(300_000);
  const { a, b } = await enrolTwoTablets(browser, server);
  try {
    // A starts the assessment and leaves it in progress (its lease is released on leaving).
    await a.page.getByRole('link', { name: 'Home' }).first().click();
    await startAssessment(a.page);
    await fillPatient(a.page, { ...CHILD, reason: 'Injury', detail: 'Fall from a climbing frame' });
    await a.page.getByRole('button', { name: 'Save and return later' }).click();
    await expect(a.page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();
    await a.page.getByRole('link', { name: 'Home' }).first().click();
    await expect(a.page.getByTestId('sync-status')).toHaveText(/^Shared with the department at \d\d:\d\d$/, { timeout: 60_000 });

    // B finds it, opens it from the department and continues it here.
    await unlock(b.page);
    await lookUpUntil(b.page, CHILD.nhsNumber, '1 attendance in the department (1 recorded on other tablets)');
    await b.page.getByRole('table', { name: 'Attendances of this patient, newest first' }).getByRole('link').first().click();
    const continueHere = b.page.getByRole('button', { name: 'Continue this assessment on this tablet' });
    await expect(continueHere).toBeVisible({ timeout: 20_000 });
    await expectNoAxeViolations(b.page);
    await continueHere.click();
    await expect(b.page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible({ timeout: 20_000 });
    await expect(b.page.getByText('Brennan').first()).toBeVisible();
    await expect(b.page.getByRole('region', { name: 'Read only' })).toHaveCount(0);

    // A opens its copy: read-only, with who is editing it and where; no way to save.
    await a.page.getByRole('link', { name: 'Home' }).first().click();
    await a.page.getByRole('table', { name: 'Assessments in progress' }).getByRole('link', { name: /Continue/ }).first().click();
    const banner = a.page.getByRole('region', { name: 'Read only' });
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toContainText(`This assessment is being edited by ${NURSE_NAME} on another tablet of the department.`);
    // The nurse in charge is offered the take-over (with a confirmation), not forced into it.
    await expect(banner.getByRole('button', { name: 'Take over editing' })).toBeVisible();
    await expect(a.page.getByRole('button', { name: 'Save and continue' })).toHaveCount(0);
    await expectNoAxeViolations(a.page);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
