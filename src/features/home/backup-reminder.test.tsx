/**
 * The backup reminder on the home screen (issue 13): the nurse in charge sees it once the
 * tablet has gone the set number of days without a backup; nobody else sees it; a backup
 * made clears it.
 */
import { screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { fakeRepositories, renderScreen, TEST_NURSE, TEST_SETTINGS } from '../../test-support/render-screen';
import { BackupReminder } from './backup-reminder';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };
const ten = () => new Date(Date.now() - 10 * 86_400_000);

test('the nurse in charge is reminded after the set days without a backup, and a backup clears it', async () => {
  let clock = ten();
  const repositories = fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id, settings: { ...TEST_SETTINGS, backupReminderDays: 7 }, now: () => clock });
  renderScreen(<BackupReminder />, { repositories });
  expect(await screen.findByText(/No backup has been made since this tablet was set up 10 days ago/)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Back up this tablet' })).toHaveAttribute('href', '/settings/backup');
  clock = new Date();
  expect((await repositories.backup.create('amber lantern quartz meadow violin harbor')).ok).toBe(true);
  await waitFor(() => expect(screen.queryByText(/No backup has been made/)).not.toBeInTheDocument());
});

test('not before the set days, and never for a triage nurse', async () => {
  const soon = fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id, settings: { ...TEST_SETTINGS, backupReminderDays: 14 }, now: ten });
  const first = renderScreen(<BackupReminder />, { repositories: soon });
  // The fake's live values arrive at once; let any re-render settle before looking.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.queryByText(/No backup has been made/)).not.toBeInTheDocument();
  first.unmount();
  const triage = fakeRepositories({ settings: { ...TEST_SETTINGS, backupReminderDays: 1 }, now: ten });
  renderScreen(<BackupReminder />, { repositories: triage });
  expect(screen.queryByText(/No backup has been made/)).not.toBeInTheDocument();
});
