/**
 * The backup, restore and hand-back screens against the fake repositories: the generated
 * passphrase is shown once and must be confirmed written down; a weak chosen passphrase is
 * refused with the rule's words; the export downloads under an opaque name and is audited; a
 * refused file is explained in the words storage gives; handing back needs confirmation,
 * then clears the tablet and the offline copy. axe runs on these pages in the browser journey.
 */
import { screen } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import { fakeRepositories, renderScreen, TEST_NURSE } from '../../test-support/render-screen';
import { backupRefusalMessages } from '../../domain/backup/backup-rules';
import { BackupPage } from './backup-page';
import { HandBackPage } from './hand-back-page';

const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-nic', name: 'Sam Patel', role: 'nurse-in-charge' as const };

function setUp() {
  const repositories = fakeRepositories({ staff: [NURSE_IN_CHARGE], unlockedAs: NURSE_IN_CHARGE.id });
  return repositories;
}

test('the generated passphrase is shown, must be confirmed written down, and the file is downloaded under an opaque name and audited', async () => {
  const created: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:backup');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    created.push(this.download);
  });
  const repositories = setUp();
  const { user } = renderScreen(<BackupPage />, { repositories, path: '/settings/backup' });
  const shown = (await screen.findByText((_content, element) => element?.id === 'generated-passphrase')).textContent;
  expect(shown.split(' ')).toHaveLength(7);
  await user.click(screen.getByRole('button', { name: 'Make the backup file' }));
  expect(await screen.findByRole('link', { name: 'Confirm you have written down the backup passphrase' })).toBeInTheDocument();
  await user.click(screen.getByLabelText('I have written down the backup passphrase'));
  await user.click(screen.getByRole('button', { name: 'Make the backup file' }));
  expect(await screen.findByText('Backup file saved')).toBeInTheDocument();
  expect(created).toEqual(['backup-0a1b2c3d4e5f.sgtbackup']);
  // Shown once: the passphrase is gone from the page.
  expect(screen.queryByText(shown)).not.toBeInTheDocument();
  expect(repositories.auditEvents.get().at(-1)).toMatchObject({ type: 'export', actor: { id: NURSE_IN_CHARGE.id } });
});

test('a chosen passphrase is checked for strength before anything is made', async () => {
  const repositories = setUp();
  const { user } = renderScreen(<BackupPage />, { repositories, path: '/settings/backup' });
  await user.click(await screen.findByLabelText('Choose my own passphrase'));
  await user.type(screen.getByLabelText('Your backup passphrase'), 'ward seven');
  await user.click(screen.getByLabelText('I have written down the backup passphrase'));
  await user.click(screen.getByRole('button', { name: 'Make the backup file' }));
  expect(await screen.findByRole('link', { name: 'Backup passphrase must be at least 6 different words, or at least 24 characters' })).toBeInTheDocument();
  expect(repositories.auditEvents.get().some((event) => event.type === 'export')).toBe(false);
});

test('a file that is not a backup is refused with its plain message', async () => {
  const repositories = setUp();
  const { user } = renderScreen(<BackupPage />, { repositories, path: '/settings/backup' });
  await user.click(await screen.findByRole('button', { name: 'Restore the records from this backup' }));
  expect(await screen.findByRole('link', { name: 'Choose the backup file' })).toBeInTheDocument();
  await user.upload(screen.getByLabelText('Backup file'), new File(['{"not":"ours"}'], 'records.json', { type: 'application/json' }));
  await user.type(screen.getByLabelText('Backup passphrase'), 'amber lantern quartz meadow violin harbor');
  await user.click(screen.getByRole('button', { name: 'Restore the records from this backup' }));
  expect(await screen.findByText(backupRefusalMessages['not-ours'])).toBeInTheDocument();
});

test('handing back asks for confirmation, offers a backup, then deletes and clears the offline copy', async () => {
  const repositories = setUp();
  const forget = vi.fn(() => Promise.resolve());
  const { user } = renderScreen(<HandBackPage forgetOfflineCopy={forget} />, { repositories, path: '/settings/hand-back' });
  expect(await screen.findByRole('link', { name: 'Make a backup first' })).toBeInTheDocument();
  expect(screen.getByText('No backup has been made on this tablet.')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Delete everything and hand the tablet back' }));
  expect(await screen.findByRole('link', { name: 'Confirm that everything on this tablet will be deleted' })).toBeInTheDocument();
  expect(forget).not.toHaveBeenCalled();
  await user.click(screen.getByLabelText('I understand that everything on this tablet will be deleted'));
  await user.click(screen.getByRole('button', { name: 'Delete everything and hand the tablet back' }));
  await vi.waitFor(() => expect(forget).toHaveBeenCalledOnce());
  expect(repositories.session.current()).toEqual({ status: 'not-set-up' });
});
