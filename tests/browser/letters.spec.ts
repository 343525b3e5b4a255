/**
 * Letters journey: sign an adult's assessment without the discharge section (it must not
 * block signing), see the GP letter waiting on the home screen, find the letter names what
 * is missing, add the discharge section as an addendum, issue the GP letter, print it with
 * Chromium (page.pdf) and read the printed text, download the PDF made on the device and
 * read it back, and run axe (WCAG 2.2 AA) on every letters page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readPdf } from '../../src/test-support/pdf-reader';
import { chromiumPdfText } from './pdf-text';
import { dateOfBirthForAge, expectNoAxeViolations, fillPatient, setUpTablet, startAssessment, waitForSaved } from './support';

const ACCOUNT = 'I felt dizzy and fell. قال إنه سقط <script>window.hacked = true</script> ' + 'Longword'.repeat(20);

test('an adult GP letter: signed without discharge, completed by addendum, issued, printed and downloaded', async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Rachel', familyName: 'Green', dateOfBirth: dateOfBirthForAge(34), reason: 'Illness', detail: 'Dizzy spells since yesterday' });
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();
  // The discharge section is on the task list but does not hold up signing.
  await expect(page.getByText('Needed for the GP letter. You can sign without it and add it later')).toBeVisible();

  await page.getByRole('link', { name: 'Next of kin and who came with the patient' }).click();
  await page.getByRole('radio', { name: 'Someone came with the patient' }).check();
  await page.getByLabel('Full name').first().fill('Monica Green');
  await page.getByLabel('Relationship to the patient').first().selectOption({ label: 'Sister' });
  await page.getByLabel('Phone number').first().fill('07700 900456');
  await page.getByRole('radio', { name: 'Same as the person with the patient' }).check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('What the patient says happened').fill(ACCOUNT);
  await waitForSaved(page);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessment', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Check answers and sign' }).click();
  await page.getByRole('button', { name: 'Sign and complete' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();
  const attendanceId = new URL(page.url()).pathname.split('/')[2] ?? '';

  // Home: signed, GP letter not issued, hours since arrival.
  await page.getByRole('link', { name: 'Home', exact: true }).first().click();
  const due = page.getByRole('table', { name: 'Signed assessments whose GP letter is not issued' });
  await expect(due.getByRole('row', { name: /Rachel Green/ })).toContainText(/\d+ hours? since arrival/);
  await due.getByRole('link', { name: 'Letters for Rachel Green' }).click();

  // The letters page: only the GP letter for an adult, not ready yet.
  await expect(page.getByRole('heading', { name: 'Letters', level: 1 })).toBeVisible();
  const letters = page.getByRole('table', { name: 'Letters for this attendance' });
  await expect(letters.getByRole('row')).toHaveCount(2);
  await expect(letters).toContainText('Complete the discharge section: clinical impression');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Prepare and issue the GP discharge letter' }).click();
  await expect(page.getByRole('heading', { name: 'GP discharge letter', level: 1 })).toBeVisible();
  const issue = page.getByRole('button', { name: 'Issue letter' });
  await expect(issue).toHaveAccessibleDescription(/Complete the discharge section: clinical impression, treatment given, discharge destination, follow-up and advice given/);
  await issue.click();
  await expect(page.getByRole('heading', { name: 'You cannot issue this letter yet' })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Prepare and issue a letter/);
  await expectNoAxeViolations(page);

  // The fix is an addendum to the signed record.
  await page.locator('#fix-0').click();
  await expect(page.getByRole('heading', { name: 'Discharge', level: 1 })).toBeVisible();
  await page.getByLabel('Clinical impression or diagnosis').fill('Postural hypotension; dehydration');
  await page.getByLabel('Treatment given').fill('Oral fluids');
  await page.getByRole('radio', { name: 'Home', exact: true }).check();
  await page.getByLabel('Follow-up arranged').fill('GP review of blood pressure in 1 week');
  await page.getByLabel('Information and advice given to the patient').fill('Drink more fluids; stand up slowly; come back if she faints');
  await page.getByLabel('Reason for this change').fill('Discharge details added after treatment');
  await page.getByRole('button', { name: 'Save addendum' }).click();
  await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Letters', exact: true }).click();
  await page.getByRole('link', { name: 'Prepare and issue the GP discharge letter' }).click();
  await expect(page.getByRole('heading', { name: 'GP discharge letter', level: 1 })).toBeVisible();
  await expect(page.getByText('Before you can issue this letter')).toHaveCount(0);
  const preview = page.getByRole('article', { name: 'Emergency care discharge letter' });
  // Nurse text is text: the markup shows as written and nothing ran.
  await expect(preview).toContainText('<script>window.hacked = true</script>');
  expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
  await page.getByLabel('Anything else we ask of the GP').fill('Please review her blood pressure in a week.');
  await expect(preview).toContainText('Please review her blood pressure in a week.');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Issue letter' }).click();

  // The issued version.
  await expect(page.getByRole('heading', { name: 'Emergency care discharge letter', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Version 1, issued /)).toBeVisible();
  await expectNoAxeViolations(page);

  // Print: recorded first, then the dialog (stubbed: headless has none).
  await page.evaluate(() => {
    window.print = () => {
      (window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1;
    };
  });
  await page.getByRole('button', { name: 'Print' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  const printed = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  // Kept with the test results, to look at.
  writeFileSync(test.info().outputPath('printed-letter.pdf'), printed);
  // Text runs joined into running text (Chromium draws margin boxes and wrapped lines as separate runs).
  const printedText = chromiumPdfText(printed).pages.join('\n').replace(/\s+/g, ' ');
  for (const heading of ['Patient demographics', 'GP practice', 'Attendance details', 'Presenting complaints or issues', 'Clinical narrative', 'Diagnoses', 'Plan and requested actions', 'Information and advice given', 'Safeguarding', 'Person completing record', 'Contact for further information']) {
    expect(printedText).toContain(heading);
  }
  expect(printedText).toContain('Postural hypotension; dehydration');
  expect(printedText).toContain('Please review her blood pressure in a week.');
  expect(printedText).toMatch(/Page 1 of \d/);
  expect(printedText).toContain("Queen's Medical Centre ED");
  // No app chrome on paper.
  expect(printedText).not.toContain('Download as PDF');
  expect(printedText).not.toContain('Lock');

  // Download: a PDF made on the device, read back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^letter-[0-9a-f-]{36}\.pdf$/);
  const pdf = readPdf(new Uint8Array(readFileSync(await download.path())));
  const downloadedText = pdf.pages.join('\n').replace(/\n/g, ' ');
  expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
  expect(downloadedText).toContain('Postural hypotension; dehydration');
  expect(downloadedText).toContain('<script>window.hacked = true</script>');
  expect(downloadedText).toContain('[?]');
  await expect(page.getByText(/cannot be shown in the PDF and are marked \[\?\]/)).toBeVisible();
  await expectNoAxeViolations(page);

  // The letters page lists the version; home no longer waits for it; the audit trail has it all.
  await page.getByRole('link', { name: 'Back to the letters' }).click();
  await expect(page.getByRole('link', { name: 'GP discharge letter, version 1' })).toBeVisible();
  await expect(page.getByText('Issued: version 1')).toBeVisible();
  // In-app navigation: a reload would lock the app (the keys live only in memory).
  await page.evaluate(() => {
    window.history.pushState(null, '', '/settings/audit-trail');
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page.getByText('Letter issued').first()).toBeVisible();
  await expect(page.getByText('Printed').first()).toBeVisible();
  await expect(page.getByText('Downloaded').first()).toBeVisible();
  expect(attendanceId).not.toBe('');
});
