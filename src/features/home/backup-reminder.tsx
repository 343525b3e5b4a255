/**
 * The home screen's backup reminder (issue 13), for the nurse in charge: when no backup has
 * been made for the number of days set in Settings (the domain rule: domain/backup/backup-rules.ts),
 * say so and link to the backup page. A lost or cleared tablet takes every unissued letter
 * and referral still to make with it, unless it was backed up.
 */
import { useState } from 'react';
import { backupReminderDue } from '../../domain/backup/backup-rules';
import { may } from '../../domain/settings/permissions';
import { formatDateTime } from '../../domain/shared/dates';
import { WarningCallout } from '../../components/content/feedback';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useBackupStatus, useDeviceSettings, useSession } from '../../storage/repositories/react';

export function BackupReminder() {
  const session = useSession();
  const settings = useDeviceSettings();
  const status = useBackupStatus();
  const [now] = useState(() => new Date().toISOString());
  if (session.status !== 'unlocked' || !may(session.staff.role, 'back-up-tablet') || !settings || !status) return null;
  const reminder = backupReminderDue(status.lastBackupAt, status.setUpAt, now, settings.backupReminderDays);
  if (!reminder.due) return null;
  return (
    <WarningCallout title="Back up this tablet" id="backup-reminder">
      <p>
        {status.lastBackupAt
          ? `No backup has been made since ${formatDateTime(status.lastBackupAt)} (${String(reminder.daysSince)} days).`
          : `No backup has been made since this tablet was set up ${String(reminder.daysSince)} days ago.`}{' '}
        If the tablet is lost, broken or cleared, letters not yet issued and referrals still to make go with it.
      </p>
      <p>
        <Link to={paths.backup()}>Back up this tablet</Link>
      </p>
    </WarningCallout>
  );
}
