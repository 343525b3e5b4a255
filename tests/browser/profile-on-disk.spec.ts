/**
 * Attack: someone with the tablet's browser profile folder reads what was typed, outside the
 * encrypted store. Chromium keeps the state of form fields in its session-restore files
 * (`Default/Sessions/`) and offers to save credentials into its password store (`Login Data`,
 * which records the name typed beside a PIN even when the offer is dismissed).
 *
 * In a real profile on disk: set up the tablet, add a member of staff, lock and unlock, then
 * type a distinctive word into every free-text field of a child's assessment, close the
 * browser, and search every file of the profile (UTF-8 and UTF-16LE) for the words; and the
 * password store for the staff names and PINs.
 *
 * And after a MASH referral is issued, printed and downloaded (issue 11, "nothing clinical in
 * clear"): every file of the profile holds none of the patient's details or the nurse's words
 * (UTF-8 and UTF-16LE), and IndexedDB, the session files, History and Login Data hold none of
 * "mash", "referral", "suspect" or the age bands (the app's own code in the caches holds those
 * words, so the caches are left out of the word search only).
 */
import { chromium, expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  NURSE,
  answer,
  dateOfBirthForAge,
  fillDate,
  fillInformationChecks,
  fillPatient,
  fillPeopleWithMother,
  fillSafeguardingPrompts,
  londonParts,
  openSection,
  recordDiscussion,
  recordReferralMade,
  saveAndContinue,
  setUpTablet,
  startAssessment,
  unlock,
  waitForSaved,
} from './support';

const SECOND_NURSE = { name: 'Quentin Ravensworth', pin: '590317' };
/** The nurse in charge's passphrase after "Change my PIN" (issue 11: the nurse in charge may not use a PIN). */
const CHANGED_PIN = 'copper violet tundra';

/** Every file under a folder. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files (relative to the profile) whose bytes hold `text` in UTF-8 or UTF-16LE. */
function filesHolding(files: { path: string; bytes: Buffer }[], profile: string, text: string): string[] {
  const utf8 = Buffer.from(text, 'utf8');
  const utf16 = Buffer.from(text, 'utf16le');
  return files.filter(({ bytes }) => bytes.includes(utf8) || bytes.includes(utf16)).map(({ path }) => relative(profile, path));
}

const UUID_UTF8 = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const UUID_UTF16 = new RegExp(['8', '4', '4', '4', '12'].map((count) => `(?:[0-9a-f]\\x00){${count}}`).join('-\\x00'), 'g');

/** Text (bytes read as latin1) with every UUID, in UTF-8 or UTF-16LE, replaced by spaces of the same length. */
function withoutUuids(text: string): string {
  return text.replace(UUID_UTF8, (uuid) => ' '.repeat(uuid.length)).replace(UUID_UTF16, (uuid) => ' '.repeat(uuid.length));
}

/** A word no app string contains: letters only, so every field takes it. */
const plantedWord = (index: number) => `Zqvplant${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26))}wrd`;

/** Types a distinctive word into every visible, empty free-text field (text inputs and text areas, not numbers) of the page. */
async function plantInEveryField(page: Page, planted: string[]): Promise<number> {
  const before = planted.length;
  const fields = await page.locator('main textarea:visible, main input[type="text"]:visible:not([inputmode="numeric"])').elementHandles();
  for (const field of fields) {
    // Leave what is answered (the name, an estimated age): only empty free-text fields.
    if (!(await field.isEditable()) || (await field.inputValue()) !== '') continue;
    const word = plantedWord(planted.length);
    await field.fill(word);
    planted.push(word);
  }
  return planted.length - before;
}

test('nothing typed, and no staff name or PIN, is left in the profile folder outside the encrypted store', async ({ baseURL }) => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'triage-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
    baseURL: baseURL ?? '',
    timezoneId: 'Europe/London',
    locale: 'en-GB',
  });
  const planted: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await setUpTablet(page);

    // Add a member of staff, then lock and unlock with a PIN.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Staff accounts' }).click();
    await page.getByRole('link', { name: 'Add a member of staff' }).click();
    await page.getByLabel('Full name').fill(SECOND_NURSE.name);
    await page.getByRole('radio', { name: 'Triage nurse' }).check();
    await page.getByRole('radio', { name: 'Substantive' }).check();
    await page.getByRole('radio', { name: 'PIN', exact: true }).check();
    await page.getByRole('textbox', { name: 'PIN', exact: true }).fill(SECOND_NURSE.pin);
    await page.getByLabel('Enter it again').fill(SECOND_NURSE.pin);
    await page.getByRole('button', { name: 'Add member of staff' }).click();
    await expect(page.getByRole('cell', { name: SECOND_NURSE.name, exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('radio', { name: NURSE.name }).check();
    await unlock(page);

    // Change the nurse in charge's PIN on its own page.
    await page.getByRole('link', { name: 'Change my PIN' }).click();
    await page.getByLabel('Your current PIN or passphrase').fill(NURSE.pin);
    await page.getByRole('radio', { name: /^Passphrase/ }).check();
    await page.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(CHANGED_PIN);
    await page.getByLabel('Enter it again').fill(CHANGED_PIN);
    await page.getByRole('button', { name: 'Change PIN or passphrase' }).click();
    await expect(page.getByText('Your PIN or passphrase has been changed. Use the new one next time you unlock.')).toBeVisible();
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Home' }).click();
    // A navigation is a transition: the PIN page, with its own "Home" back link, stays on screen until the home screen is ready.
    await expect(page.getByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toBeVisible();

    // A child's assessment with a distinctive word in every free-text field of every section.
    await startAssessment(page);
    await fillPatient(page, { givenName: 'Zqvplantgiven', familyName: 'Zqvplantfamily', dateOfBirth: dateOfBirthForAge(9), reason: 'Injury' });
    planted.push('Zqvplantgiven', 'Zqvplantfamily');
    await plantInEveryField(page, planted);
    await waitForSaved(page);
    // In-app navigation only: a reload would start at the lock screen.
    const backToAssessment = page.getByRole('link', { name: 'Back to the assessment' });
    await backToAssessment.click();
    const taskLinks = page.locator('main a.nhsuk-task-list__link');
    await expect(taskLinks.first()).toBeVisible();
    const sections = await taskLinks.evaluateAll((links) => links.map((link) => link.textContent.trim()));
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const section of sections) {
      await page.getByRole('link', { name: section, exact: true }).click();
      await expect(page.getByRole('button', { name: 'Save and continue' })).toBeVisible();
      // Reveal the free-text questions behind a tick: in each checkbox list, the first option
      // that records something (never "Name not known", "None of these" and the like).
      for (const group of await page.locator('main .nhsuk-checkboxes').all()) {
        const options = group.getByRole('checkbox').filter({ hasNotText: /./ });
        for (const option of await options.all()) {
          const label = (await option.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '')).trim();
          if (/\b(not|none|no)\b/i.test(label) || !(await option.isVisible())) continue;
          await option.check();
          break;
        }
      }
      if ((await plantInEveryField(page, planted)) > 0) await waitForSaved(page);
      await backToAssessment.click();
      await expect(taskLinks.first()).toBeVisible();
    }
    expect(planted.length).toBeGreaterThanOrEqual(10);
  } finally {
    await context.close();
  }

  try {
    const files = filesUnder(profile).map((path) => ({ path, bytes: readFileSync(path) }));
    // Typed patient text is in no file at all: the encrypted store holds it sealed.
    const found = planted.flatMap((word) => filesHolding(files, profile, word).map((file) => `${word} in ${file}`));
    expect(found).toEqual([]);
    // The password store holds no staff name or PIN: no offer to save was ever made.
    const passwordStore = files.filter(({ path }) => /Login Data/.test(path));
    expect(passwordStore.length).toBeGreaterThan(0);
    for (const secret of [NURSE.name, NURSE.pin, CHANGED_PIN, SECOND_NURSE.name, SECOND_NURSE.pin]) expect(filesHolding(passwordStore, profile, secret)).toEqual([]);
    // Nor do the session-restore files.
    const sessions = files.filter(({ path }) => /[/\\]Sessions[/\\]/.test(path));
    for (const secret of [NURSE.pin, CHANGED_PIN, SECOND_NURSE.pin]) expect(filesHolding(sessions, profile, secret)).toEqual([]);
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
});

/** Planted patient details and words: in no file of the profile. */
const REFERRAL_PLANTED = {
  givenName: 'Zqvreferralgiven',
  familyName: 'Zqvreferralfamily',
  childAccount: 'Zqvchildaccountwords',
  carerAccount: 'Zqvcareraccountwords',
  explanation: 'Zqvexplanationwords',
  worries: 'Zqvworrieswords',
  takenBy: 'Zqvtakenbyname',
  reference: 'ZQV-2026-0415',
};
/**
 * Words that would say a child was referred, or how old: not in IndexedDB, the session files,
 * History or Login Data. "mash" and "referral" alone are searched outside IndexedDB only: in
 * it, the device settings hold the MASH number and hours, and every tablet's worklist row is
 * keyed "worklist:referrals", whether or not anyone was referred (the storage test
 * nothing-clinical-in-clear.test.ts searches the stores row by row).
 */
const REFERRAL_WORDS = ['mash-referral', 'referral to children', 'suspect', 'under-2', '5-10', '13-15', '16-17'];
const OUTSIDE_STORE_WORDS = ['mash', 'referral'];

test('after a MASH referral is issued, printed and downloaded, the profile holds no patient detail and no word that says a child was referred', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const profile = mkdtempSync(join(tmpdir(), 'triage-profile-'));
  const downloads = mkdtempSync(join(tmpdir(), 'triage-downloads-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
    baseURL: baseURL ?? '',
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    acceptDownloads: true,
    downloadsPath: downloads,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Tuesday 10 March 2026, 10:30 London time: the MASH is open.
    const now = new Date('2026-03-10T10:30:00Z');
    await page.clock.setFixedTime(now);
    await setUpTablet(page);
    await startAssessment(page);
    const injury = londonParts(new Date(now.getTime() - 3 * 3_600_000));
    await fillPatient(page, { givenName: REFERRAL_PLANTED.givenName, familyName: REFERRAL_PLANTED.familyName, dateOfBirth: ['1', '6', '2019'], sex: 'Male', reason: 'Injury', detail: 'Bruise on the right upper arm' });
    await fillDate(page, 'Date of injury', injury.date);
    await page.getByLabel('Time of injury').fill(injury.time);
    await saveAndContinue(page);
    await openSection(page, 'Next of kin and who came with the patient');
    await fillPeopleWithMother(page, { youngPerson: false });
    await saveAndContinue(page);
    await openSection(page, 'Accounts');
    await page.getByLabel('What the child says happened, in their own words').fill(REFERRAL_PLANTED.childAccount);
    await page.getByLabel('What the parent or carer says happened').fill(REFERRAL_PLANTED.carerAccount);
    await page.getByRole('radio', { name: 'Grace Okafor (Mother)' }).check();
    await answer(page, "Is the explanation consistent with the injury and the child's age and development?", 'No');
    await page.getByRole('group', { name: 'Was there a delay in seeking help?' }).getByRole('radio', { name: 'No' }).check();
    await saveAndContinue(page);
    await openSection(page, 'Information checks');
    await fillInformationChecks(page, { hvOrSchoolNurse: 'Sherwood school nursing team' });
    await saveAndContinue(page);
    await openSection(page, 'Safeguarding prompts');
    await answer(page, 'Does the child have a disability or condition that affects how they move?', 'Yes');
    await answer(page, 'Is the child independently mobile (crawling, cruising or bottom-shuffling)?', 'No');
    await fillSafeguardingPrompts(page, { features: [{ label: /^Any bruise in a child who is not independently mobile/, explanation: REFERRAL_PLANTED.explanation }] });
    await waitForSaved(page);
    await saveAndContinue(page);
    await openSection(page, 'Outcome and actions');
    await answer(page, 'Safeguarding concern', 'Suspect');
    await recordDiscussion(page, { name: 'Dr Priya Shah', role: 'Paediatric registrar' }, now);
    await answer(page, 'Is the child in immediate danger?', 'No');
    await recordReferralMade(page, now, REFERRAL_PLANTED.takenBy, REFERRAL_PLANTED.reference);
    await answer(page, 'Police informed', 'No');
    await page.getByLabel('Why were the police not informed?').fill('Left to the strategy discussion');
    await answer(page, /^Is it safe for the child to go home\? Does the child feel safe to go home\?/, 'Yes, it is safe and the child feels safe to go home');
    await page.getByLabel('Who agreed?').fill('Dr Priya Shah, paediatric registrar');
    await answer(page, 'Inform the school nurse', 'Yes');
    await waitForSaved(page);
    await saveAndContinue(page);
    await page.getByRole('link', { name: 'Check answers and sign' }).click();
    await page.getByRole('button', { name: 'Sign and complete' }).click();
    await expect(page.getByRole('heading', { name: 'Signed assessment', level: 1 })).toBeVisible();

    // The referral: prepared, issued, printed and downloaded.
    await page.getByRole('link', { name: 'Letters', exact: true }).click();
    await page.getByRole('link', { name: /^Prepare and issue the referral to children/ }).click();
    await expect(page).toHaveURL(/\/letters\/write\/[A-Za-z0-9_-]{22}$/);
    await page.getByRole('textbox', { name: 'What we are worried about, in your words' }).fill(REFERRAL_PLANTED.worries);
    await page.getByRole('textbox', { name: 'What is working well' }).fill('Mother brought him straight away');
    await page.getByRole('textbox', { name: 'What needs to happen' }).fill('A strategy discussion today');
    await page.getByRole('textbox', { name: 'Do the parents or carers know about this referral, and do they agree?' }).fill('Mother was told and agrees');
    await page.getByRole('button', { name: 'Issue letter' }).click();
    await expect(page.getByText(/^Version 1, issued /)).toBeVisible();
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole('button', { name: 'Print' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^letter-[0-9a-f-]{36}\.pdf$/);
    await download.path();
    // Back to the letters, so the last address is not the issued letter's either.
    await page.getByRole('link', { name: 'Back to the letters' }).click();
  } finally {
    await context.close();
  }

  try {
    const files = filesUnder(profile).map((path) => ({ path, bytes: readFileSync(path) }));
    const planted = Object.values(REFERRAL_PLANTED);
    // The patient's details and the nurse's words: in no file at all.
    expect(planted.flatMap((word) => filesHolding(files, profile, word).map((file) => `${word} in ${file}`))).toEqual([]);
    // The words that would say a child was referred, or how old: not in the store, the session files, History or Login Data.
    const searched = files.filter(({ path }) => /IndexedDB|[/\\]Sessions[/\\]|[/\\]History|Login Data/.test(relative(profile, path)));
    expect(searched.some(({ path }) => /IndexedDB/.test(path))).toBe(true);
    expect(searched.some(({ path }) => /[/\\]History/.test(path))).toBe(true);
    // Record ids are random UUIDs, in clear in the store and in the session's URLs: "…5-10…" turns up inside one now and
    // then ("abcdef05-10ab-…"), which says nothing about the child. They are blanked (UTF-8 and UTF-16) before the search.
    const lowered = searched.map(({ path, bytes }) => ({ path, bytes: Buffer.from(withoutUuids(bytes.toString('latin1').toLowerCase()), 'latin1') }));
    expect(REFERRAL_WORDS.flatMap((word) => filesHolding(lowered, profile, word).map((file) => `${word} in ${file}`))).toEqual([]);
    const outsideStore = lowered.filter(({ path }) => !/IndexedDB/.test(path));
    expect(OUTSIDE_STORE_WORDS.flatMap((word) => filesHolding(outsideStore, profile, word).map((file) => `${word} in ${file}`))).toEqual([]);
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    rmSync(downloads, { recursive: true, force: true });
  }
});
