/**
 * "Change your PIN or passphrase" (issue 11): anyone signed in can reach it from the header,
 * the rules are the storage rules (a date is refused), a wrong current secret is refused and
 * audited, and a good change is confirmed with nothing typed left in the form.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { createFakeRepositories } from '../../storage/fake/fake-repositories';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../../test-support/render-app';

function triageNurseTablet() {
  return fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], unlockedAs: FAKE_TRIAGE_NURSE.id });
}

async function fill(user: ReturnType<typeof userEvent.setup>, current: string, next: string) {
  await user.type(screen.getByLabelText('Your current PIN or passphrase'), current);
  await user.click(screen.getByRole('radio', { name: 'PIN' }));
  await user.type(screen.getByLabelText('PIN', { selector: 'input[type=password]' }), next);
  await user.type(screen.getByLabelText('Enter it again'), next);
  await user.click(screen.getByRole('button', { name: 'Change PIN or passphrase' }));
}

describe('changing my PIN', () => {
  it('is linked from the header for a triage nurse, and changes their PIN', async () => {
    const user = userEvent.setup();
    const repositories = triageNurseTablet();
    renderApp(repositories, '/');
    await user.click(await screen.findByRole('link', { name: 'Change my PIN' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Change your PIN or passphrase' }, { timeout: 5000 })).toBeInTheDocument();

    await fill(user, FAKE_TRIAGE_NURSE.secret, '650273');

    expect(await screen.findByText('Your PIN or passphrase has been changed. Use the new one next time you unlock.')).toBeInTheDocument();
    expect(screen.getByLabelText('Your current PIN or passphrase')).toHaveValue('');
    expect(repositories.auditEvents.get().map((event) => event.type)).toContain('pin-changed');
    await repositories.session.lock('manual');
    expect((await repositories.session.unlock(FAKE_TRIAGE_NURSE.id, '650273')).ok).toBe(true);
  });

  it('refuses a date as the new PIN before asking storage, and a wrong current PIN after', async () => {
    const user = userEvent.setup();
    const repositories = triageNurseTablet();
    renderApp(repositories, '/account/pin');
    await screen.findByRole('heading', { level: 1, name: 'Change your PIN or passphrase' }, { timeout: 5000 });

    await fill(user, FAKE_TRIAGE_NURSE.secret, '140312');
    const summary = (await screen.findByText('There is a problem')).closest('div.nhsuk-error-summary');
    if (!(summary instanceof HTMLElement)) throw new Error('no error summary');
    expect(within(summary).getByRole('link', { name: 'Choose a PIN that is not a date, such as a birthday (DDMMYY or DDMMYYYY)' })).toBeInTheDocument();
    expect(repositories.auditEvents.get().map((event) => event.type)).not.toContain('pin-changed');

    await user.clear(screen.getByLabelText('Your current PIN or passphrase'));
    await user.clear(screen.getByLabelText('PIN', { selector: 'input[type=password]' }));
    await user.clear(screen.getByLabelText('Enter it again'));
    await fill(user, '000001', '650273');
    expect(await screen.findByText('That is not your current PIN or passphrase. 4 more tries before you have to wait.')).toBeInTheDocument();
    expect(repositories.auditEvents.get().map((event) => event.type)).toContain('pin-change-failed');
  });
});

describe('the nurse in charge', () => {
  it('is asked for a passphrase when choosing a PIN, before storage is asked', async () => {
    const user = userEvent.setup();
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE], unlockedAs: FAKE_NURSE_IN_CHARGE.id });
    renderApp(repositories, '/account/pin');
    await screen.findByRole('heading', { level: 1, name: 'Change your PIN or passphrase' }, { timeout: 5000 });

    await fill(user, FAKE_NURSE_IN_CHARGE.secret, '650273');
    const summary = (await screen.findByText('There is a problem')).closest('div.nhsuk-error-summary');
    if (!(summary instanceof HTMLElement)) throw new Error('no error summary');
    expect(within(summary).getByRole('link', { name: 'The nurse in charge must unlock with a passphrase, not a PIN: select Passphrase' })).toBeInTheDocument();
    expect(repositories.auditEvents.get().map((event) => event.type)).not.toContain('pin-changed');
  });
});

describe('a PIN the rules now refuse', () => {
  it('must be changed before anything else: only the change page shows, then the home screen', async () => {
    const user = userEvent.setup();
    const reason = 'Your PIN or passphrase is one the rules now refuse.';
    const repositories = createFakeRepositories({
      settings: defaultDeviceSettings(),
      staff: [FAKE_NURSE_IN_CHARGE, { ...FAKE_TRIAGE_NURSE, secret: '140312' }],
      unlockedAs: FAKE_TRIAGE_NURSE.id,
      mustChangeSecret: reason,
    });
    renderApp(repositories, '/settings');

    // The page loads on demand: allow for a busy machine.
    expect(await screen.findByRole('heading', { level: 1, name: 'Change your PIN or passphrase' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Home' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Lock' })).toBeInTheDocument();

    await fill(user, '140312', '650273');
    expect(await screen.findByRole('link', { name: 'Change my PIN' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByText(reason)).not.toBeInTheDocument();
  });
});
