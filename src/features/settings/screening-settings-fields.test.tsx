/**
 * The CSE "other indicators" threshold on the settings page (issue 9): shown with its hint,
 * refused outside 1–13 with a message in the error summary and at the field, saved (and
 * audited) when valid.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { fakeRepositories, renderScreen, TEST_NURSE } from '../../test-support/render-screen';
import { SettingsPage } from './settings-page';
import { cseThresholdQuestion } from './screening-settings-fields';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };

function renderSettings() {
  const repositories = fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id });
  return renderScreen(<SettingsPage />, { repositories, path: '/settings' });
}

describe('CSE other-indicator threshold setting', () => {
  test('shows the default 3 with a hint tied to the input', async () => {
    renderSettings();
    const input = await screen.findByLabelText(cseThresholdQuestion.label);
    expect(input).toHaveValue('3');
    expect(input).toHaveAccessibleDescription(cseThresholdQuestion.hint);
  });

  test.each(['0', '14', '2.5', '', 'three'])('refuses "%s" and saves nothing', async (typed) => {
    const { user, repositories } = renderSettings();
    const input = await screen.findByLabelText(cseThresholdQuestion.label);
    await user.clear(input);
    if (typed !== '') await user.type(input, typed);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const message = 'The number of other indicators must be a whole number from 1 to 13';
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: message })).toHaveAttribute('href', '#cseOtherIndicatorThreshold');
    expect(input).toHaveAccessibleDescription(expect.stringContaining(message) as string);
    expect((await repositories.device.getSettings())?.cseOtherIndicatorThreshold).toBe(3);
  });

  test.each([
    ['1', 1],
    ['13', 13],
    [' 4 ', 4],
  ])('saves "%s" as %s', async (typed, saved) => {
    const { user, repositories } = renderSettings();
    const input = await screen.findByLabelText(cseThresholdQuestion.label);
    await user.clear(input);
    await user.type(input, typed);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    expect((await repositories.device.getSettings())?.cseOtherIndicatorThreshold).toBe(saved);
    expect(repositories.auditEvents.get().some((event) => event.type === 'settings-changed')).toBe(true);
  });
});
