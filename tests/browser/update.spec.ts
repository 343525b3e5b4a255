/**
 * Issue 2: an app update never reloads the page by itself. Mid-assessment the app only
 * says an update is ready; the nurse's page, typing and focus stay. Issue 11: the lock
 * screen never applies it either; a member of staff accepts it on the home screen, and the
 * audit trail records the acceptance with the new version. Serves its own copy of the build
 * so it can publish "version 2".
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { setUpTablet, startAssessment, unlock, waitForSaved, waitForServiceWorker } from './support';

const root = resolve(import.meta.dirname, '../..');

async function serve(dir: string, port: number): Promise<ChildProcess> {
  const server = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--outDir', dir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  server.kill();
  throw new Error('preview server did not start');
}

/** The new build's name: its index.html precache revision, cut to 8 characters (src/pwa/build-version.ts). */
const NEW_BUILD = 'feedface';
const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Publishes a new version: index.html changes, and so does its revision in the worker's precache list. */
function publishNewVersion(dir: string): void {
  const indexPath = join(dir, 'index.html');
  const before = readFileSync(indexPath, 'utf8');
  writeFileSync(indexPath, before.replace('</head>', '<meta name="app-version" content="2" /></head>'));
  const swPath = join(dir, 'sw.js');
  writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/("revision":")([0-9a-f]+)(","url":"index.html")/, '$1feedfacefeedfacefeedfacefeedface$3'));
}

test('an update waits during an assessment and on the lock screen, and is applied from the home screen once accepted, with the version in the audit trail', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-dist-'));
  cpSync(join(root, 'dist'), dir, { recursive: true });
  const port = 4400 + Math.floor(Math.random() * 400);
  const server = await serve(dir, port);
  try {
    await setUpTablet(page, `http://127.0.0.1:${port}`);
    await waitForServiceWorker(page);
    await startAssessment(page);
    await page.getByLabel('First name').fill('Noah');
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    publishNewVersion(dir);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await expect(page.getByText('An update to the app is ready. You can accept it on the home screen when you have finished here.')).toBeVisible({ timeout: 30_000 });

    // Still the same page, same document, typing carries on.
    await page.getByLabel('Last name').fill('Fitzgerald');
    await waitForSaved(page);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect(page.getByLabel('First name')).toHaveValue('Noah');
    expect(await page.locator('meta[name="app-version"]').count()).toBe(0);

    // Locked with the update waiting: nothing applies it, however long the lock screen shows.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible();
    await page.waitForTimeout(3_000);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.locator('meta[name="app-version"]').count()).toBe(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);

    await unlock(page);
    await page.getByRole('link', { name: 'Home' }).first().click();
    await expect(page.getByRole('heading', { name: 'Update ready' })).toBeVisible();
    await expect(page.getByText(`Version ${packageVersion} (build ${NEW_BUILD}) of the app is ready.`)).toBeVisible();
    expect(await page.locator('meta[name="app-version"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Accept and update now' }).click();
    await expect(page.locator('meta[name="app-version"]')).toHaveCount(1, { timeout: 30_000 });

    // The reload locked the app (the keys were only in memory); the trail names who accepted which version.
    await unlock(page);
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('link', { name: 'Audit trail' }).click();
    const accepted = page.getByRole('row').filter({ hasText: 'Update accepted' });
    await expect(accepted).toHaveCount(1);
    await expect(accepted).toContainText(`Version ${packageVersion} (build ${NEW_BUILD})`);
    await expect(accepted).toContainText('Alex Morgan');
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
