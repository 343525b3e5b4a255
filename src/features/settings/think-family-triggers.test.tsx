/**
 * The Think Family triggers in Settings (PRODUCT.md 4.7: configurable): every trigger ticked
 * by default, one checkbox each; unticking one and saving turns it off on this tablet.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { thinkFamilyTriggers } from '../../domain/screening/think-family';
import { fakeRepositories, renderScreen, TEST_NURSE } from '../../test-support/render-screen';
import { SettingsPage } from './settings-page';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };

describe('Think Family triggers in settings', () => {
  test('each trigger is a checkbox, ticked by default; unticking one and saving turns it off', async () => {
    const repositories = fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id });
    const { user } = renderScreen(<SettingsPage />, { repositories, path: '/settings' });
    const group = await screen.findByRole('group', { name: /Think Family is required for an adult with/ });
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes.map((box) => box.closest('.nhsuk-checkboxes__item')?.textContent)).toEqual(thinkFamilyTriggers.map((trigger) => trigger.label));
    for (const box of boxes) expect(box).toBeChecked();
    await user.click(within(group).getByRole('checkbox', { name: 'Assault' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    expect((await repositories.device.getSettings())?.thinkFamilyTriggersOff).toEqual(['assault']);
  });
});
