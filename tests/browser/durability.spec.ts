/**
 * Issue 2 journeys: nothing typed is lost.
 * (2) Type into the child's account, kill the browser outright (SIGKILL: no pagehide, no
 *     clean shutdown) a second after the last keystroke, start it again on the same
 *     profile: the text is there, and Continue goes back to the same page and field.
 * (3) After one online visit, go offline and reload: the app, its pages and the drafts work.
 * The autosave's seal worker (storage/repositories/attendance-sealer.ts) starts under the
 * Content-Security-Policy, offline too, and what it seals opens after a reload. It writes an
 * autosave that changes only the answers itself (attendance-quick-write.ts), and the page's
 * live queries hear of it (department sharing pushes a write it hears of).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { dateOfBirthForAge, fillPatient, setUpTablet, startAssessment, unlock, waitForSaved, waitForServiceWorker } from './support';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ACCOUNT = 'I fell off the climbing frame at school. Then my arm hurt a lot.';

async function launchProfile(profile: string, port: number): Promise<{ process: ChildProcess; browser: Browser }> {
  const child = spawn(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, 'about:blank'],
    // A process group of its own, so the whole browser can be killed at once (killBrowser).
    { stdio: 'ignore', detached: true },
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      return { process: child, browser };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  killBrowser(child);
  throw new Error('Chromium did not start');
}

/**
 * SIGKILL to every process of the browser, as when a tablet's system ends it: killing only the
 * main process left its helpers running, still writing the service worker's cache into the
 * profile (the worker installs 10 s after the first screen), and the profile then could not
 * be removed.
 */
function killBrowser(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

async function firstPage(browser: Browser): Promise<Page> {
  const context = browser.contexts()[0];
  if (!context) throw new Error('no default context');
  return context.pages()[0] ?? context.newPage();
}

test('text typed a second before the browser is killed is restored, with the page and field', async ({ baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), 'triage-profile-'));
  const port = 9300 + Math.floor(Math.random() * 500);
  try {
    let { process: chrome, browser } = await launchProfile(profile, port);
    let page = await firstPage(browser);
    await setUpTablet(page, baseURL);
    await startAssessment(page);
    await fillPatient(page, { givenName: 'Leo', familyName: 'Marsh', dateOfBirth: dateOfBirthForAge(9), sex: 'Male', reason: 'Injury', detail: 'Painful left wrist after a fall' });
    await page.getByRole('checkbox', { name: 'Not known', exact: true }).check();
    await waitForSaved(page);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('link', { name: 'Accounts' }).click();
    const account = page.getByLabel('What the child says happened, in their own words');
    await account.click();
    await account.pressSequentially(ACCOUNT, { delay: 5 });
    // The promise: anything on screen for more than a second survives. No waiting for "Saved".
    await page.waitForTimeout(1000);
    killBrowser(chrome);
    await browser.close().catch(() => undefined);

    ({ process: chrome, browser } = await launchProfile(profile, port + 1));
    page = await firstPage(browser);
    await page.goto(baseURL ?? '/');
    await unlock(page);
    await page.getByRole('link', { name: /Continue/ }).first().click();
    await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
    await expect(page.getByLabel('What the child says happened, in their own words')).toHaveValue(ACCOUNT);
    await expect(page.getByLabel('What the child says happened, in their own words')).toBeFocused();
    killBrowser(chrome);
    await browser.close().catch(() => undefined);
  } finally {
    // A killed Chromium's helpers may still be writing its cache: retry rather than fail the journey.
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
});

test('after one online visit the app works offline: reload, deep links and drafts', async ({ page, context }) => {
  await setUpTablet(page);
  await waitForServiceWorker(page);
  await startAssessment(page);
  await page.getByLabel('First name').fill('Ava');
  await page.getByLabel('Last name').fill('Brennan');
  await waitForSaved(page);
  const assessmentUrl = page.url();

  await context.setOffline(true);
  const home = new URL('/', assessmentUrl).toString();
  const response = await page.goto(home);
  expect(response?.fromServiceWorker()).toBe(true);
  await unlock(page);
  await expect(page.getByRole('cell', { name: 'Ava Brennan', exact: true })).toBeVisible();

  // Reloading a page inside the assessment, and a deep link never visited, both come from the app shell.
  const reloaded = await page.goto(assessmentUrl);
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await unlock(page);
  await expect(page.getByLabel('First name')).toHaveValue('Ava');
  await page.getByLabel('First name').fill('Ava Rose');
  await waitForSaved(page);
  const deep = await page.goto(assessmentUrl.replace(/\/patient$/, '/check-answers'));
  expect(deep?.fromServiceWorker()).toBe(true);
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Check answers', level: 1 })).toBeVisible();
  await expect(page.getByText('Ava Rose Brennan').first()).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
});

test('the autosave seals in its worker, allowed by the Trusted Types policy and offline too, and what the worker sealed opens after a reload', async ({ page, context }) => {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = ((window as unknown as { violations?: string[] }).violations ??= []);
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const sealWorker = /\/assets\/attendance-seal-worker-[\w-]+\.js$/;
  /** Whether the seal worker answered in this page (attendance-sealer.ts marks its first answer). */
  const workerAnswered = () => page.evaluate(() => performance.getEntriesByName('seal-worker-answered').length > 0);
  await setUpTablet(page);
  await waitForServiceWorker(page);
  await startAssessment(page);
  await page.getByLabel('First name').fill('Nia');
  await page.getByLabel('Last name').fill('Osei');
  await waitForSaved(page);
  expect(page.workers().map((worker) => worker.url())).toContainEqual(expect.stringMatching(sealWorker));
  expect(await workerAnswered()).toBe(true);

  // Offline: the reloaded page starts the worker again from the service worker's cache.
  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await expect(page.getByLabel('Last name')).toHaveValue('Osei');
  await page.getByLabel('Last name').fill('Osei-Mensah');
  await waitForSaved(page);
  expect(await workerAnswered()).toBe(true);
  await page.reload();
  await unlock(page);
  await expect(page.getByLabel('Last name')).toHaveValue('Osei-Mensah');
  expect(await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? [])).toEqual([]);
});

test('the seal worker writes an autosave that changes only the answers, the page hears of the write, and a reload opens it', async ({ page }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await fillPatient(page, { givenName: 'Nia', familyName: 'Osei', dateOfBirth: dateOfBirthForAge(9), reason: 'Injury', detail: 'Cut to the knee' });
  await waitForSaved(page);
  // What the page's own Dexie hears of writes made elsewhere (its cross-context channel); a channel does not hear its own posts.
  await page.evaluate(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new BroadcastChannel('x-storagemutated-1').onmessage = (event: MessageEvent<Record<string, unknown>>) => {
      heard.push(...Object.keys(event.data));
    };
  });
  const wrote = () => page.evaluate(() => performance.getEntriesByName('seal-worker-wrote').length > 0);
  const heardAttendances = () => page.evaluate(() => (window as unknown as { heard: string[] }).heard.filter((part) => part.endsWith('/attendances/')).length);
  const detail = page.getByLabel('Describe the reason for attendance');
  for (const text of ['Cut to the knee on a bottle', 'Cut to the knee on a broken bottle']) {
    await detail.fill(text);
    await waitForSaved(page);
  }
  // These saves changed only the answers: the worker wrote one (its first write is marked)...
  await expect.poll(wrote).toBe(true);
  // ...and a write after it (the worker's, as nothing but the answers changes) reaches the page's live queries.
  const before = await heardAttendances();
  await detail.fill('Cut to the knee on a broken bottle in the park');
  await waitForSaved(page);
  await expect.poll(heardAttendances).toBeGreaterThan(before);
  await page.reload();
  await unlock(page);
  await expect(page.getByLabel('Describe the reason for attendance')).toHaveValue('Cut to the knee on a broken bottle in the park');
});

test('the same assessment open in a second tab is read-only there, with a message', async ({ page, context }) => {
  await setUpTablet(page);
  await startAssessment(page);
  await page.getByLabel('First name').fill('Isla');
  await waitForSaved(page);
  const second = await context.newPage();
  await second.goto(page.url());
  await unlock(second);
  await expect(second.getByRole('region', { name: 'Read only' })).toContainText('This assessment is open in another tab or window.');
  await expect(second.getByLabel('First name')).toBeDisabled();
  await expect(second.getByRole('button', { name: 'Save and continue' })).toHaveCount(0);
  // The first tab still edits, and the second shows what it saved once the first lets go.
  await expect(page.getByLabel('Last name')).toBeEnabled();
  await page.getByLabel('Last name').fill('Reid');
  await waitForSaved(page);
  await page.close();
  await second.reload();
  await unlock(second);
  await expect(second.getByLabel('Last name')).toHaveValue('Reid');
  await expect(second.getByLabel('Last name')).toBeEnabled();
});
