/**
 * The lock screen, through the real App over fake repositories: found by role and label,
 * it says a wrong PIN is wrong and how many tries are left, says when to try again once
 * attempts are throttled, and follows the error-summary pattern (focus, "Error: " title,
 * the message tied to the field).
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { err } from '../../domain/shared/result';
import { FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE, fakeTablet, renderApp } from '../../test-support/render-app';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { createFakeRepositories } from '../../storage/fake/fake-repositories';

async function lockScreen() {
  return screen.findByRole('heading', { name: 'Unlock Safeguarding Triage', level: 1 });
}

describe('the lock screen', () => {
  it('unlocks with the right PIN', async () => {
    const user = userEvent.setup();
    renderApp(fakeTablet(), '/');
    await lockScreen();
    expect(screen.getByText(FAKE_NURSE_IN_CHARGE.name)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Passphrase'), FAKE_NURSE_IN_CHARGE.secret);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    expect(await screen.findByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Unlock Safeguarding Triage' })).not.toBeInTheDocument();
  });

  it('says a wrong PIN is wrong and how many tries are left, in the summary and on the field', async () => {
    const user = userEvent.setup();
    renderApp(fakeTablet(), '/');
    await lockScreen();
    const pin = screen.getByLabelText('Passphrase');

    await user.type(pin, '000000');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    const message = 'That is not the right PIN or passphrase. 4 more tries before you have to wait.';
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    expect(summary).toHaveTextContent(message);
    expect(summary.closest('.nhsuk-error-summary')).toHaveFocus();
    expect(document.title).toMatch(/^Error: Unlock/);
    expect(pin).toHaveValue('');
    expect(pin).toHaveAccessibleDescription(`Error: ${message}`);
    expect(screen.queryByRole('heading', { name: 'Safeguarding assessments' })).not.toBeInTheDocument();
  });

  it('says when to try again once wrong PINs are throttled', async () => {
    const user = userEvent.setup();
    const repositories = fakeTablet();
    vi.spyOn(repositories.session, 'unlock').mockResolvedValue(err({ kind: 'throttled', retryAfter: '2026-03-10T14:00:30.000Z' }));
    renderApp(repositories, '/');
    await lockScreen();

    await user.type(screen.getByLabelText('Passphrase'), FAKE_NURSE_IN_CHARGE.secret);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    const message = 'Too many wrong tries. Try again after 14:00:30.';
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(screen.getByLabelText('Passphrase')).toHaveAccessibleDescription(`Error: ${message}`);
    expect(screen.queryByRole('heading', { name: 'Safeguarding assessments' })).not.toBeInTheDocument();
  });

  it('asks for a PIN before trying, and who you are when several staff share the tablet', async () => {
    const user = userEvent.setup();
    const repositories = fakeTablet({ staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE] });
    const unlock = vi.spyOn(repositories.session, 'unlock');
    renderApp(repositories, '/');
    await lockScreen();

    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Select your name');
    expect(summary).toHaveTextContent('Enter your PIN or passphrase');
    expect(screen.getByRole('group', { name: 'Who are you?' })).toHaveAccessibleDescription('Error: Select your name');
    expect(unlock).not.toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: FAKE_TRIAGE_NURSE.name }));
    await user.type(screen.getByLabelText('PIN'), FAKE_TRIAGE_NURSE.secret);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(unlock).toHaveBeenCalledWith(FAKE_TRIAGE_NURSE.id, FAKE_TRIAGE_NURSE.secret);
    expect(await screen.findByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toBeInTheDocument();
  });
});

describe('recovering with the recovery key', () => {
  const KEY = '7K2M-9QXD-4RTV-HN3P-W8CJ-5ZBF-6GKA-YX10';

  it('sets the nurse in charge a new passphrase, then shows the new recovery key once before anything else', async () => {
    const user = userEvent.setup();
    const repositories = createFakeRepositories({ settings: defaultDeviceSettings(), staff: [FAKE_NURSE_IN_CHARGE, FAKE_TRIAGE_NURSE], recoveryKey: KEY });
    renderApp(repositories, '/');
    await lockScreen();
    await user.click(screen.getByRole('button', { name: 'Recover with the recovery key' }));
    expect(await screen.findByRole('heading', { name: 'Recover with the recovery key', level: 1 })).toBeInTheDocument();
    // Only passphrase accounts are offered (a nurse in charge always has one): here just one, so no choice is asked.
    expect(screen.getByText(FAKE_NURSE_IN_CHARGE.name)).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: FAKE_TRIAGE_NURSE.name })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Recovery key'), 'not the key at all');
    await user.type(screen.getByLabelText('New passphrase'), 'violet compass meadow');
    await user.type(screen.getByLabelText('Enter it again'), 'violet compass meadow');
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("That is not this tablet's recovery key, or it has been replaced by a newer one.");
    expect(screen.getByLabelText('New passphrase')).toHaveValue('');

    await user.type(screen.getByLabelText('Recovery key'), KEY.toLowerCase());
    await user.type(screen.getByLabelText('New passphrase'), 'violet compass meadow');
    await user.type(screen.getByLabelText('Enter it again'), 'violet compass meadow');
    await user.click(screen.getByRole('button', { name: 'Set the new passphrase' }));

    expect(await screen.findByRole('heading', { name: 'Your recovery key', level: 1 }, { timeout: 5000 })).toBeInTheDocument();
    const shown = screen.getByTestId('recovery-key').textContent;
    expect(shown).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(shown).not.toBe(KEY);
    expect(screen.queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have kept the recovery key' }));
    expect(await screen.findByRole('heading', { name: 'Safeguarding assessments', level: 1 })).toBeInTheDocument();
    expect(screen.queryByTestId('recovery-key')).not.toBeInTheDocument();
    expect(repositories.auditEvents.get().map((event) => event.type)).toEqual(expect.arrayContaining(['unlock-failed', 'recovery-key-used']) as unknown);
  });
});
