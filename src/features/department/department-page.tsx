/**
 * Department sharing (issue 14; docs/design/department-sync.md §3, §11), for the nurse in
 * charge: switching sharing on (an explicit act, confirmed, audited by storage), then adding
 * a tablet with a one-time enrolment code (shown large, in four groups, with its countdown),
 * and the tablets of the department with "Remove" (confirmed). Storage refuses all of it to
 * anyone but the nurse in charge; the route shows "You do not have access" to them first.
 */
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../domain/shared/dates';
import { ENROLMENT_CODE_LIFETIME_MINUTES, enrolmentCodeCountdown, minutesLeft } from '../../domain/sync/enrolment-code';
import { Button, ButtonGroup } from '../../components/content/button';
import { FailureAlert, InsetText, NotificationBanner, WarningCallout } from '../../components/content/feedback';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useDepartmentState, useRepositories } from '../../storage/repositories/react';
import type { DepartmentState, TabletListing } from '../../storage/repositories/types';
import { JoinedWithRecordsNotice, JoinWithRecords } from './join-with-records';
import { RekeyDepartment } from './rekey-department';

/** How a tablet is named on this page: its id is random, so the end of it is enough to tell two apart. */
export const tabletName = (tablet: Pick<TabletListing, 'tabletId' | 'thisTablet'>): string => (tablet.thisTablet ? 'This tablet' : `Tablet ending ${tablet.tabletId.slice(-6).toUpperCase()}`);

function SwitchOn() {
  const { department } = useRepositories();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const switchOn = async () => {
    setBusy(true);
    setFailure(undefined);
    const result = await department.switchSharingOn();
    setBusy(false);
    if (!result.ok) setFailure(result.error.message);
  };
  return (
    <>
      <FailureAlert message={failure} />
      <h2 className="nhsuk-heading-m">Share this tablet&apos;s records with the department</h2>
      <p>When sharing is on, this tablet sends its records to the department&apos;s server, and every tablet that joins the department can find them in the look-up and the lists.</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>Records leave this tablet sealed: the server stores them but cannot read them. It holds no key, no name and no clinical detail.</li>
        <li>A new tablet joins only with a one-time code that you show here. Staff unlock it with their own PIN or passphrase.</li>
        <li>This tablet keeps working with no network. Records are shared whenever the server can be reached.</li>
        <li>Switching sharing on is recorded in the audit trail with your name.</li>
      </ul>
      {confirming ? (
        <WarningCallout title="Share this tablet's records with the department?">
          <p>Every record on this tablet, and every record made from now on, will be shared with the tablets of the department. This cannot be switched off from this tablet.</p>
          <ButtonGroup>
            <Button onClick={() => void switchOn()} disabled={busy}>
              {busy ? 'Sharing…' : "Yes, share this tablet's records"}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </ButtonGroup>
        </WarningCallout>
      ) : (
        <Button onClick={() => setConfirming(true)}>Share with the department</Button>
      )}
    </>
  );
}

/** The time, once a second while a code is shown, so the countdown moves on its own. */
function useNow(active: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(new Date()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function AddTablet() {
  const { department } = useRepositories();
  const [made, setMade] = useState<{ code: string; expiresAt: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const now = useNow(made !== undefined);
  const expired = made !== undefined && minutesLeft(made.expiresAt, now) === 0;
  const makeCode = async () => {
    setBusy(true);
    setFailure(undefined);
    const result = await department.makeEnrolmentCode();
    setBusy(false);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    // The server's expiry is by its clock: a tablet clock behind it must not count past the code's 10 minutes from now.
    const local = new Date(Date.now() + ENROLMENT_CODE_LIFETIME_MINUTES * 60_000).toISOString();
    setMade({ code: result.value.code, expiresAt: Date.parse(result.value.expiresAt) < Date.parse(local) ? result.value.expiresAt : local });
  };
  return (
    <>
      <h2 className="nhsuk-heading-m">Add a tablet</h2>
      <FailureAlert message={failure} />
      {made && !expired ? (
        <>
          <p>On the new tablet, choose &apos;Join a department&apos; on the set-up screen; on a tablet already in use, its nurse in charge opens Settings, Department sharing. Type this code:</p>
          <p className="app-enrolment-code" data-enrolment-code>
            {made.code}
          </p>
          <p aria-live="polite">{enrolmentCodeCountdown(made.expiresAt, now)}</p>
          <InsetText>
            <p>The code works once. Do not write it down or send it: anyone who types it in the next few minutes joins the department. If someone else may have seen it, check the tablets below and remove any you do not know.</p>
          </InsetText>
        </>
      ) : (
        <>
          {made ? <p>{enrolmentCodeCountdown(made.expiresAt, now)}. Make a new one when the new tablet is ready.</p> : <p>A new tablet joins from its set-up screen; a tablet already in use joins from its own Department sharing page. You will be shown a code that works once, for 10 minutes.</p>}
          <Button onClick={() => void makeCode()} disabled={busy}>
            {busy ? 'Making a code…' : 'Add a tablet'}
          </Button>
        </>
      )}
    </>
  );
}

function Tablets() {
  const { department } = useRepositories();
  const [tablets, setTablets] = useState<TabletListing[] | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [removing, setRemoving] = useState<TabletListing | undefined>(undefined);
  const [removed, setRemoved] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // Bumped after a removal, to list the tablets again.
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    let live = true;
    void department.listTablets().then((result) => {
      if (!live) return;
      if (result.ok) {
        setTablets(result.value);
        setFailure(undefined);
      } else setFailure(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [department, refresh]);
  const remove = async (tablet: TabletListing) => {
    setBusy(true);
    const result = await department.revokeTablet(tablet.tabletId);
    setBusy(false);
    setRemoving(undefined);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    setRemoved(`${tabletName(tablet)} was removed from the department`);
    setRefresh((count) => count + 1);
  };
  return (
    <>
      <h2 className="nhsuk-heading-m">Tablets in the department</h2>
      {removed ? (
        <NotificationBanner title="Tablets" variant="success">
          <p className="nhsuk-notification-banner__heading">{removed}</p>
        </NotificationBanner>
      ) : null}
      <FailureAlert message={failure} />
      {tablets === undefined ? (
        failure ? null : <p role="status">Loading the tablets…</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Tablets that share the department&apos;s records</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Tablet</th>
              <th scope="col">Joined</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {tablets.map((tablet) => (
              <tr key={tablet.tabletId}>
                <td>{tabletName(tablet)}</td>
                <td>{formatDateTime(tablet.enrolledAt)}</td>
                <td>{tablet.revokedAt ? `Removed ${formatDateTime(tablet.revokedAt)}` : 'Sharing'}</td>
                <td>
                  {!tablet.thisTablet && !tablet.revokedAt ? (
                    <Button variant="secondary" className="nhsuk-button--small" onClick={() => setRemoving(tablet)} disabled={busy}>
                      Remove<span className="nhsuk-u-visually-hidden">{` ${tabletName(tablet)}`}</span>
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing ? (
        <WarningCallout title={`Remove ${tabletName(removing)} from the department?`}>
          <p>The server will refuse it from now on: it will no longer send or receive records. The records already on it stay on it. If the tablet is lost, re-key the department too.</p>
          <ButtonGroup>
            <Button variant="warning" onClick={() => void remove(removing)} disabled={busy}>
              {busy ? 'Removing…' : 'Yes, remove this tablet'}
            </Button>
            <Button variant="secondary" onClick={() => setRemoving(undefined)} disabled={busy}>
              Cancel
            </Button>
          </ButtonGroup>
        </WarningCallout>
      ) : null}
    </>
  );
}

function Sharing({ state }: { state: DepartmentState }) {
  if (state.revokedAt) {
    return <p>This tablet was removed from the department on {formatDateTime(state.revokedAt)}. Its records stay on it; it no longer shares them.</p>;
  }
  return (
    <>
      <p>This tablet has shared its records with the department since {formatDateTime(state.enrolledAt)}.</p>
      <JoinedWithRecordsNotice />
      <AddTablet />
      <Tablets />
      <RekeyDepartment />
    </>
  );
}

export function DepartmentPage() {
  const state = useDepartmentState();
  return (
    <Page title="Department sharing" backLink={{ to: paths.settings(), text: 'Settings' }}>
      <h1>Department sharing</h1>
      {state === undefined ? (
        <p role="status">Loading…</p>
      ) : state ? (
        <Sharing state={state} />
      ) : (
        <>
          <SwitchOn />
          <JoinWithRecords />
        </>
      )}
    </Page>
  );
}
