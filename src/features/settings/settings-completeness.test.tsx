/**
 * The settings page holds every setting issue 12 lists that this version has: the site (name
 * and type), each local contact, MASH opening hours, the idle lock, retention, and the
 * licensed-wording content file; a change is saved and recorded in the audit trail
 * (PRODUCT.md section 7: "settings changed").
 */
import { screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { localContactLabels } from '../../domain/settings/device-settings';
import { fakeRepositories, renderScreen, TEST_NURSE } from '../../test-support/render-screen';
import { SettingsPage } from './settings-page';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };

function renderSettings() {
  const repositories = fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id });
  return renderScreen(<SettingsPage />, { repositories, path: '/settings' });
}

test('every setting is on the page', async () => {
  renderSettings();
  expect(await screen.findByLabelText('Name of the site')).toHaveValue("Queen's Medical Centre ED");
  expect(screen.getByRole('group', { name: 'Type of site' })).toBeInTheDocument();
  for (const label of [
    'Hospital safeguarding team',
    "Children's social care (MASH)",
    "Emergency duty team (children's social care out of hours)",
    'Paediatric liaison nurse',
    'Police (non-emergency)',
    "Young people's substance misuse service",
    'Child sexual exploitation (CSE) team',
    'Domestic abuse service (IDVA)',
    'CAMHS or liaison mental health',
  ]) {
    expect(screen.getByLabelText(new RegExp(`^${label.replace(/[()]/g, '\\$&')}`))).toBeInTheDocument();
  }
  expect(Object.values(localContactLabels)).toContain('Child sexual exploitation (CSE) team');
  expect(screen.getByRole('group', { name: "Days children's social care (MASH) takes referrals" })).toBeInTheDocument();
  expect(screen.getByLabelText('MASH opens at')).toBeInTheDocument();
  expect(screen.getByLabelText('Lock the app after this many minutes without use')).toHaveValue('5');
  expect(screen.getByLabelText('Keep finished records on this tablet for this many days')).toHaveValue('30');
  expect(screen.getByRole('heading', { name: 'Substance use screen wording' })).toBeInTheDocument();
  expect(screen.getByLabelText('Remind the nurse in charge to back up the tablet after this many days without a backup')).toHaveValue('7');
});

test('the CSE team number is saved, and the change is recorded in the audit trail with who made it', async () => {
  const { user, repositories } = renderSettings();
  const input = await screen.findByLabelText(/^Child sexual exploitation \(CSE\) team/);
  await user.type(input, '0115 876 5432');
  await user.click(screen.getByRole('button', { name: 'Save settings' }));
  expect(await screen.findByText('Settings saved')).toBeInTheDocument();
  expect((await repositories.device.getSettings())?.contacts.cseTeam).toBe('0115 876 5432');
  expect(repositories.auditEvents.get().at(-1)).toMatchObject({ type: 'settings-changed', actor: { id: NURSE_IN_CHARGE.id, name: 'Sam Patel' } });
});
