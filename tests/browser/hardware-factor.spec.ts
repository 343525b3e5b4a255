/**
 * The optional hardware-bound factor (issue 11 Clarification: "WebAuthn PRF where the tablet
 * has one, tested with Chromium's virtual authenticator"). Opened at http://localhost, not
 * 127.0.0.1: an IP address is not a valid WebAuthn relying-party id. The nurse in charge adds
 * the tablet's authenticator, locks, unlocks with the passphrase and the authenticator; then
 * the authenticator is taken away (as if the profile were copied to another machine) and the
 * right passphrase alone is refused with a plain message.
 */
import { expect, test } from '@playwright/test';
import type { CDPSession, Page } from '@playwright/test';
import { NURSE, SECRET_FIELD, expectNoAxeViolations, setUpTablet } from './support';

const BASE = `http://localhost:${process.env.PLAYWRIGHT_PORT ?? '4317'}`;
const lockScreen = (page: Page) => page.getByRole('heading', { name: 'Unlock Safeguarding Triage' });

async function addVirtualAuthenticator(cdp: CDPSession): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, hasPrf: true },
  });
  return authenticatorId;
}

/** Unlocks from the lock screen; returns how long the unlock took, from the click to the lock screen gone (ms). */
async function timedUnlock(page: Page): Promise<number> {
  await expect(lockScreen(page)).toBeVisible();
  await page.getByRole('textbox', SECRET_FIELD).fill(NURSE.pin);
  const started = Date.now();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen(page)).toBeHidden({ timeout: 20_000 });
  return Date.now() - started;
}

test('a member of staff adds the tablet authenticator; unlock then needs it and the passphrase, and is refused without it', async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const authenticatorId = await addVirtualAuthenticator(cdp);

  await setUpTablet(page, BASE);
  await page.getByRole('button', { name: 'Lock' }).click();
  const withoutFactor = await timedUnlock(page);

  // Offered from "Change your PIN or passphrase", since this tablet has an authenticator with PRF.
  await page.getByRole('link', { name: 'Change my PIN' }).click();
  await page.getByRole('link', { name: "Unlock with this tablet's authenticator as well" }).click();
  await expect(page.getByRole('heading', { name: "Unlock with this tablet's authenticator as well" })).toBeVisible();
  await expect(page.getByText('You unlock with your PIN or passphrase alone.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Your current PIN or passphrase').fill(NURSE.pin);
  await page.getByRole('button', { name: "Add this tablet's authenticator" }).click();
  await expect(page.getByText("This tablet's authenticator has been added.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("You unlock with your PIN or passphrase and this tablet's authenticator.")).toBeVisible();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);

  // Locked: the lock screen says the authenticator will be asked; the passphrase and the authenticator unlock.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByText("this tablet's authenticator asks for your fingerprint, face or screen lock as well")).toBeVisible();
  await expectNoAxeViolations(page);
  const withFactor = await timedUnlock(page);
  // Back on the page that was open, which says the factor is in use.
  await expect(page.getByText("You unlock with your PIN or passphrase and this tablet's authenticator.")).toBeVisible();
  test.info().annotations.push({ type: 'unlock time', description: `without the factor ${String(withoutFactor)} ms, with it ${String(withFactor)} ms` });
  console.log(`Unlock time: without the factor ${String(withoutFactor)} ms, with it ${String(withFactor)} ms`);

  // The authenticator is gone (a copied profile on another machine): the right passphrase alone is refused.
  await page.getByRole('button', { name: 'Lock' }).click();
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  await page.getByRole('textbox', SECRET_FIELD).fill(NURSE.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText("This account also needs this tablet's authenticator", { exact: false }).first()).toBeVisible({ timeout: 40_000 });
  await expect(lockScreen(page)).toBeVisible();
  await expectNoAxeViolations(page);
});
