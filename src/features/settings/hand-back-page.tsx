/**
 * Hand the tablet back (issue 13), for the nurse in charge: when the tablet leaves the ward,
 * delete its database (every record, letter, draft, review, account, setting and the audit
 * trail), its caches and its service worker, after a confirmation and an offered backup.
 * The app is left at first-run set-up. Storage deletes the database and refuses anyone but
 * the nurse in charge; `forgetOfflineCopy` (from pwa, passed in by app) clears the rest.
 */
import { useState } from 'react';
import type { Issue } from '../../domain/assessment/issues';
import { formatDateTime } from '../../domain/shared/dates';
import { Button, ButtonGroup, ButtonLink } from '../../components/content/button';
import { WarningCallout } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useBackupStatus, useDepartmentState, useRepositories } from '../../storage/repositories/react';
import { ConfirmCheckbox } from './backup-parts';
import { Form } from '../../components/form/form';

export function HandBackPage({ forgetOfflineCopy }: { forgetOfflineCopy: () => Promise<void> }) {
  const { backup, department } = useRepositories();
  const status = useBackupStatus();
  const sharing = useDepartmentState();
  // Issue 14: the department server could not be told; the nurse in charge has seen why and may carry on.
  const [leaveFailure, setLeaveFailure] = useState<string | undefined>(undefined);
  const [confirmed, setConfirmed] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const onSubmit = async () => {
    const found: Issue[] = confirmed ? [] : [{ field: 'confirmHandBack', message: 'Confirm that everything on this tablet will be deleted' }];
    setIssues(found);
    if (found.length) return;
    setBusy(true);
    // An enrolled tablet revokes its own server credential first (issue 14). Best effort: when
    // the server cannot be told, say so once; pressing again carries on, and the nurse in
    // charge removes the tablet from the tablets page on another tablet.
    if (sharing && !sharing.revokedAt && leaveFailure === undefined) {
      const left = await department.leave();
      if (!left.ok) {
        setBusy(false);
        setLeaveFailure(`${left.error.message} This tablet was not removed from the department: remove it from the tablets page on another tablet (Settings, Department sharing). Press the button again to delete everything anyway.`);
        return;
      }
    }
    // The set-up screen is loaded before anything is deleted: with the caches gone and no network it could not be fetched.
    await import('./setup-page');
    const result = await backup.handBack();
    if (!result.ok) {
      setBusy(false);
      setFailure(result.error.message);
      return;
    }
    await forgetOfflineCopy().catch(() => undefined);
  };

  const error = issues[0]?.message;
  return (
    <Page title="Hand the tablet back" hasErrors={issues.length > 0} backLink={{ to: paths.backup(), text: 'Back up this tablet' }}>
      <ErrorSummary issues={issues} />
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      {leaveFailure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {leaveFailure}
        </div>
      ) : null}
      <h1>Hand the tablet back</h1>
      <WarningCallout title="This cannot be undone">
        <p>
          Every assessment, issued and unfinished letter, referral still to make, liaison review, staff account, setting and the audit trail on this tablet will be deleted, with the app&apos;s
          copy kept for use without a network. Letters not yet issued and referrals not yet made are lost unless they are in a backup.
        </p>
      </WarningCallout>
      <h2 className="nhsuk-heading-m">Make a backup first</h2>
      <p>{status?.lastBackupAt ? `The last backup was made ${formatDateTime(status.lastBackupAt)}. Anything done since then is not in it.` : 'No backup has been made on this tablet.'}</p>
      <ButtonGroup>
        <ButtonLink to={paths.backup()} variant="secondary">
          Make a backup first
        </ButtonLink>
      </ButtonGroup>
      <h2 className="nhsuk-heading-m">Delete everything</h2>
      {sharing && !sharing.revokedAt ? <p>This tablet shares with the department: it is removed from the department first, so the server refuses it from then on.</p> : null}
      <Form onSubmit={onSubmit}>
        <ConfirmCheckbox id="confirmHandBack" label="I understand that everything on this tablet will be deleted" error={error} checked={confirmed} onChange={setConfirmed} />
        <Button type="submit" variant="warning" disabled={busy}>
          {busy ? 'Deleting…' : leaveFailure ? 'Delete everything anyway' : 'Delete everything and hand the tablet back'}
        </Button>
      </Form>
    </Page>
  );
}
