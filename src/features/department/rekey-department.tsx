/**
 * "Re-key the department" on the department page (issue 14: "Removing a tablet revokes its
 * server credential; re-keying follows the hardening issue's rules"; design
 * docs/design/department-sync.md §8). After a tablet is lost or removed, the nurse in charge
 * re-keys the department from this tablet, alone, after a confirmation: the other tablets
 * take the new key when a member of staff next unlocks them. Removing a member of staff does
 * the same from the staff page. The work is storage's (storage/sync/department-rekey.ts);
 * the re-seal's progress shows as it does on the staff page.
 */
import { useState } from 'react';
import { Button, ButtonGroup } from '../../components/content/button';
import { FailureAlert, NotificationBanner, WarningCallout } from '../../components/content/feedback';
import { useRepositories } from '../../storage/repositories/react';

export function RekeyDepartment() {
  const { department } = useRepositories();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const rekey = async () => {
    setBusy(true);
    const result = await department.rekey();
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    setFailure(undefined);
    setDone(true);
  };
  return (
    <>
      <h2 className="nhsuk-heading-m">Re-key the department</h2>
      {done ? (
        <NotificationBanner title="Department sharing" variant="success">
          <p className="nhsuk-notification-banner__heading">The department was re-keyed</p>
          <p>Each other tablet takes the new key when a member of staff next unlocks it. Records are sealed again in the background on each tablet: you can go on working.</p>
        </NotificationBanner>
      ) : null}
      <FailureAlert message={failure} />
      <p>After a tablet is lost or removed, re-key the department so that what is written from now on cannot be opened with the key that tablet held. Remove the lost tablet from the tablets list above first, so that it cannot take the new key. Removing a member of staff re-keys the department too.</p>
      {confirming ? (
        <WarningCallout title="Re-key the department now?">
          <p>A new key is made on this tablet for every member of staff who can still unlock it, and for the recovery key. Nobody needs to give their PIN. Each other tablet takes the new key when a member of staff next unlocks it.</p>
          <ButtonGroup>
            <Button variant="warning" onClick={() => void rekey()} disabled={busy}>
              {busy ? 'Re-keying…' : 'Yes, re-key the department'}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </ButtonGroup>
        </WarningCallout>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Re-key the department
        </Button>
      )}
    </>
  );
}
