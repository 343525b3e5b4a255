/**
 * Issue 14 journeys with two tablets and one department server (design
 * docs/design/department-sync.md §5, §7, §10): tablet A records a child's attendances; tablet
 * B, enrolled by code, finds them in the look-up and counts them in "3 or more attendances in
 * 12 months"; B, offline, records one, reconnects, and A sees it. The header says when each
 * tablet last shared. A referral planned out of hours on A is listed on B. Every page state
 * checked passes axe (WCAG 2.2 AA).
 *
 * Sharing runs in the background: an assessment in progress is pushed at most every 30
 * seconds and each tablet pulls every 30 seconds, so the look-ups are retried until the
 * department's rows have arrived (bounded).
 */
import { expect, test } from '@playwright/test';
import { answer, dateOfBirthForAge, expectNoAxeViolations, fillDate, fillPatient, londonParts, openSection, recordDiscussion, saveAndContinue, startAssessment, unlock, waitForSaved } from './support';
import { enrolTwoTablets, lookUpUntil, recordAttendance, shareNow, startDepartmentServer } from './department-support';
import type { DepartmentServer } from './department-support';

const CHILD = { givenName: 'Maya', familyName: 'Hughes', dateOfBirth: ['14', '2', '2017'] as [string, string, string], sex: 'Female' as const, nhsNumber: '943 476 5919' };

let server: DepartmentServer;
test.beforeAll(async () => {
  server = await startDepartmentServer();
});
test.afterAll(async () => {
  await server.stop();
});

test('A records a child’s attendances; B, enrolled by code, finds them and counts them in 3 or more in 12 months; B offline records one and A sees it once B is back', async ({ browser }) => {
  test.setTimeout(420_000);
  const { a, b } = await enrolTwoTablets(browser, server);
  try {
    await recordAttendance(a.page, CHILD, 'Fever and cough', 150);
    await recordAttendance(a.page, CHILD, 'Fever and cough', 40);
    await expect(a.page.getByTestId('sync-status')).toHaveText(/^Shared with the department at \d\d:\d\d$/, { timeout: 60_000 });

    // B: unlocked by the same nurse in charge (their account came with the code); one attendance of its own.
    await unlock(b.page);
    await expect(b.page.getByTestId('sync-status')).toHaveText(/^(Shared with the department at \d\d:\d\d|Not shared with the department yet)$/);
    await recordAttendance(b.page, CHILD, 'Fever and cough', 5);
    await lookUpUntil(b.page, CHILD.nhsNumber, '3 attendances in the department (2 recorded on other tablets)');
    await expect(b.page.getByText('3 or more attendances in 12 months (3)')).toBeVisible();
    await expect(b.page.getByText('Recorded on another tablet of the department')).toHaveCount(2);
    await expectNoAxeViolations(b.page);

    // Opening one of A's: fetched from the department, read-only.
    // By its marker, not its position: attendances of the same day can list in either order.
    await b.page.getByRole('table', { name: 'Attendances of this patient, newest first' }).getByRole('row').filter({ hasText: 'Recorded on another tablet of the department' }).first().getByRole('link').click();
    await expect(b.page.getByRole('heading', { name: 'Attendance recorded on another tablet', level: 1 })).toBeVisible();
    await expect(b.page.getByText('Recorded on another tablet of the department. Read only: changes are made on the tablet that recorded it.')).toBeVisible({ timeout: 20_000 });
    await expect(b.page.getByText('Hughes').first()).toBeVisible();
    await expectNoAxeViolations(b.page);

    // B offline: records one; nothing is lost; back online, it shares, and A sees it.
    await b.context.setOffline(true);
    await recordAttendance(b.page, CHILD, 'Fever and cough', 1);
    await b.page.waitForTimeout(2_000);
    await b.context.setOffline(false);
    await lookUpUntil(a.page, CHILD.nhsNumber, '4 attendances in the department (2 recorded on other tablets)');
    await expect(a.page.getByText('3 or more attendances in 12 months (4)')).toBeVisible();
    await expectNoAxeViolations(a.page);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('a referral planned out of hours on A is listed on B under Referrals to make, as planned on another tablet', async ({ browser }) => {
  test.setTimeout(300_000);
  const { a, b } = await enrolTwoTablets(browser, server);
  try {
    // A: Saturday 14 March 2026, 21:40 London time, the MASH closed until Monday 09:00 (the page reloads with the clock set, and is unlocked again).
    const saturday = new Date('2026-03-14T21:40:00Z');
    await a.page.clock.setFixedTime(saturday);
    await a.page.reload();
    await unlock(a.page);
    await a.page.getByRole('link', { name: 'Home' }).first().click();
    await startAssessment(a.page);
    await fillPatient(a.page, { ...CHILD, reason: 'Illness', detail: 'Fever and a rash' });
    await fillDate(a.page, 'Arrival date', londonParts(saturday).date);
    await saveAndContinue(a.page);
    await openSection(a.page, 'Outcome and actions');
    await answer(a.page, 'Safeguarding concern', 'Suspect');
    await recordDiscussion(a.page, { name: 'Dr Tom Reid', role: 'ED consultant' }, saturday);
    await answer(a.page, 'Is the child in immediate danger?', 'No');
    await answer(a.page, "Referral to children's social care (MASH)", 'To be made next working day');
    await a.page.getByLabel('Who will make the referral?').fill('Sam Patel, nurse in charge');
    await fillDate(a.page, 'Date the referral will be made', ['16', '3', '2026']);
    await a.page.getByLabel('Time the referral will be made').fill('09:00');
    await waitForSaved(a.page);
    // A's clock stands still (fixed above). An assessment in progress is pushed at most every 30 seconds (push.ts), timed by that
    // clock: once A has pushed an earlier revision (a pause of over a second between saves under load), every later one would be
    // held back for ever. The clock moves on past 30 seconds, as typing takes in use, so the revision with the planned referral
    // goes at A's next share (within its 30-second interval); B then has it within its own.
    // A push that is answered just as the clock moves stamps its time with the moved clock, which then never passes 30 seconds
    // more: so A's clock moves on again while B waits (at most four times, two minutes, well inside the idle lock).
    let aNow = saturday.getTime() + 31_000;
    await a.page.clock.setFixedTime(new Date(aNow));

    // B: listed under Referrals to make once shared, marked as another tablet's, with a read-only view.
    await unlock(b.page);
    const referrals = b.page.getByRole('table', { name: "Referrals to children's social care to make" });
    let moves = 0;
    await expect(async () => {
      if (moves < 4) {
        moves += 1;
        aNow += 31_000;
        await a.page.clock.setFixedTime(new Date(aNow));
      }
      await shareNow(a.page, b.page);
      await b.page.getByRole('link', { name: 'Home' }).first().click();
      await expect(referrals.getByRole('row', { name: /Maya Hughes/ })).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 150_000, intervals: [1_000] });
    const row = referrals.getByRole('row', { name: /Maya Hughes/ });
    await expect(row).toContainText('16 March 2026 at 09:00');
    await expect(row).toContainText('Sam Patel, nurse in charge');
    await expect(row).toContainText('Planned on another tablet of the department');
    await expectNoAxeViolations(b.page);
    await row.getByRole('link', { name: /View/ }).click();
    await expect(b.page.getByText('Recorded on another tablet of the department. Read only: changes are made on the tablet that recorded it.')).toBeVisible({ timeout: 20_000 });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('A records a 15-year-old’s attendance; B’s liaison list shows it as recorded on another tablet, and the review is recorded on B', async ({ browser }) => {
  test.setTimeout(300_000);
  const { a, b } = await enrolTwoTablets(browser, server);
  const TEEN = { ...CHILD, givenName: 'Riley', familyName: 'Okafor', dateOfBirth: dateOfBirthForAge(15) };
  try {
    // A: the attendance of a 15-year-old (on the liaison list as under 18), the patient section saved.
    await a.page.getByRole('link', { name: 'Home' }).first().click();
    await startAssessment(a.page);
    await fillPatient(a.page, { ...TEEN, reason: 'Illness', detail: 'Headache since this morning' });
    await saveAndContinue(a.page);
    await a.page.getByRole('link', { name: 'Home' }).first().click();

    // B: the nurse in charge (who reviews the liaison list with the paediatric liaison nurse) opens the list until A's attendance has arrived.
    await unlock(b.page);
    const cards = b.page.locator('.app-liaison-list > li');
    const riley = cards.filter({ hasText: 'Riley Okafor' });
    await expect(async () => {
      await shareNow(a.page, b.page);
      await b.page.getByRole('link', { name: 'Home' }).first().click();
      await b.page.getByRole('link', { name: 'Open the liaison review list' }).click();
      await expect(riley).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 150_000, intervals: [1_000] });
    await expect(riley).toContainText('Recorded on another tablet.');
    await expect(riley).toContainText('Under 18');
    await expect(riley).toContainText('15 years');
    await expect(riley).toContainText('To review');
    // Its letters as A's summary last said (version 9), never a bare "not issued" read from this tablet's own letters.
    await expect(riley).toContainText('GP discharge letter: not issued when that tablet last shared');
    await expect(riley).not.toContainText(/: not issued(?! when that tablet last shared)/);
    await expect(riley.getByRole('link', { name: /View the record/ })).toHaveAttribute('href', /^\/department\/records\//);
    await expectNoAxeViolations(b.page);

    await riley.getByRole('button', { name: 'Record review for Riley Okafor' }).click();
    await b.page.getByRole('group', { name: 'What was done after the review?' }).getByRole('radio', { name: 'No further action' }).check();
    await b.page.getByRole('button', { name: 'Record review', exact: true }).click();
    await expect(b.page.getByText('Review recorded for Riley Okafor')).toBeVisible();
    await expect(riley).toContainText('Reviewed');
    await expect(riley).toContainText('No further action');
    await expectNoAxeViolations(b.page);

    // The read-only record from the department opens from the card.
    await riley.getByRole('link', { name: /View the record/ }).click();
    await expect(b.page.getByText('Recorded on another tablet of the department. Read only: changes are made on the tablet that recorded it.')).toBeVisible({ timeout: 20_000 });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
