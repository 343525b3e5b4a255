/**
 * "Unlock with this tablet's authenticator as well" (issue 11, optional hardware-bound factor):
 * offered from "Change your PIN or passphrase" only where the tablet has an authenticator with
 * PRF (feature-detected by storage), asks for the current PIN or passphrase, and says what
 * happened. The cryptography and the WebAuthn calls are tested in storage and the browser.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok } from '../../domain/shared/result';
import { hardwareFactorQuestions as q } from '../../domain/settings/hardware-factor';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../../test-support/render-app';

function triageNurseTablet() {
  return fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_TRIAGE_NURSE.id });
}

describe('the hardware-bound factor on the account pages', () => {
  it('is not offered where the tablet has no authenticator', async () => {
    const repositories = triageNurseTablet();
    renderApp(repositories, '/account/pin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Change your PIN or passphrase' }, { timeout: 5000 })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('link', { name: q.link })).not.toBeInTheDocument();
  });

  it('is offered where it has one: the current PIN is asked for, then the authenticator is added', async () => {
    const user = userEvent.setup();
    const repositories = triageNurseTablet();
    const asked: string[] = [];
    repositories.staff.hardwareFactorAvailable = () => Promise.resolve(true);
    repositories.staff.enrolHardwareFactor = (current) => {
      asked.push(current);
      return Promise.resolve(ok(undefined));
    };
    renderApp(repositories, '/account/pin');
    await user.click(await screen.findByRole('link', { name: q.link }, { timeout: 5000 }));
    expect(await screen.findByRole('heading', { level: 1, name: q.title }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(q.notEnrolled)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: q.add }));
    expect(await screen.findByRole('link', { name: 'Enter your current PIN or passphrase' })).toBeInTheDocument();
    expect(asked).toEqual([]);

    await user.type(screen.getByLabelText(q.current.label), FAKE_TRIAGE_NURSE.secret);
    await user.click(screen.getByRole('button', { name: q.add }));
    expect(await screen.findByText(q.added)).toBeInTheDocument();
    expect(asked).toEqual([FAKE_TRIAGE_NURSE.secret]);
    expect(screen.getByLabelText(q.current.label)).toHaveValue('');
  });
});
