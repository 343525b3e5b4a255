/**
 * Restore from a backup, on the first-run set-up screen of a new or handed-back tablet
 * (issue 13): the tablet becomes the one backed up: its records, letters, audit trail,
 * settings and staff accounts, so everyone unlocks with the PIN or passphrase they had.
 * Once restored, the app shows the lock screen.
 */
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useNavigate } from '../../components/navigation/router';
import { RestoreForm } from './backup-parts';

export function RestorePage() {
  const navigate = useNavigate();
  return (
    <Page title="Restore from a backup" backLink={{ to: paths.home(), text: 'Set up this tablet instead' }}>
      <h1>Restore from a backup</h1>
      <p>
        This tablet takes on everything in the backup: assessments, letters, the audit trail, settings and staff accounts. Everyone then unlocks with the PIN or passphrase they had on
        the tablet that was backed up.
      </p>
      {/* Restored, the app shows the lock screen; once unlocked, the home screen (not this address). */}
      <RestoreForm submitText="Restore this tablet from the backup" onRestored={() => navigate(paths.home())} />
    </Page>
  );
}
