/**
 * "Read only" because another tablet of the department is editing this assessment (issue 14:
 * the edit lease, "other tablets show it read-only with who holds it, like the two-tab rule").
 * The words follow the two-tab banner of section-page.tsx; they come from domain/sync/lease.ts.
 * The nurse in charge may take over editing, after a confirmation (audited by storage).
 */
import { useState } from 'react';
import { canTakeOverLease, leaseWords } from '../../domain/sync/lease';
import { Button, ButtonGroup } from '../../components/content/button';
import { NotificationBanner, WarningCallout } from '../../components/content/feedback';
import { useSession } from '../../storage/repositories/react';
import type { AssessmentLease } from './assessment-context';

export function EditLeaseBanner({ lease }: { lease: AssessmentLease | undefined }) {
  const session = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  if (!lease || lease.state.status !== 'elsewhere') return null;
  const { holder } = lease.state;
  const nurseInCharge = session.status === 'unlocked' && canTakeOverLease(session.staff.role);
  const takeOver = async () => {
    setBusy(true);
    setFailure(undefined);
    const result = await lease.takeOver();
    setBusy(false);
    setConfirming(false);
    if (!result.ok) setFailure(result.error.kind === 'unreachable' ? leaseWords.takeOverFailed : result.error.message);
  };
  return (
    <NotificationBanner title={leaseWords.bannerTitle} id="edit-lease-banner">
      <p className="nhsuk-notification-banner__heading">{leaseWords.heading(holder)}</p>
      <p>{leaseWords.body}</p>
      {failure ? <p className="nhsuk-error-message">{failure}</p> : null}
      {nurseInCharge ? (
        confirming ? (
          <WarningCallout title={leaseWords.takeOver}>
            <p>{leaseWords.takeOverConfirm}</p>
            <ButtonGroup>
              <Button onClick={() => void takeOver()} disabled={busy}>
                {leaseWords.takeOverYes}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
                {leaseWords.takeOverNo}
              </Button>
            </ButtonGroup>
          </WarningCallout>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {leaseWords.takeOver}
          </Button>
        )
      ) : null}
    </NotificationBanner>
  );
}
