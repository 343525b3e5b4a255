/**
 * Staff accounts: who can unlock this tablet. The nurse in charge adds and removes
 * staff; removing someone stops them unlocking but keeps their name on what they signed.
 * The list with registration numbers is the nurse in charge's alone: storage refuses it to
 * anyone else and this page then says so (domain/settings/permissions.ts).
 *
 * Removing someone re-keys the tablet (issue 11; storage/repositories/rekey.ts): the page
 * shows how far the background re-seal has got, and never waits for it; when re-keying was
 * refused or waits behind another, it says what waits and why.
 */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { optionLabel } from '../../domain/assessment/fields';
import { staffGroupOptions, staffRoleOptions } from '../../domain/assessment/staff-ref';
import { may, refusalMessage } from '../../domain/settings/permissions';
import { emptyStaffAccountDraft, staffAccountDraftSchema, validateStaffAccount } from '../../domain/settings/staff-account';
import { Button, ButtonLink } from '../../components/content/button';
import { NotificationBanner } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Page } from '../../components/layout/page';
import { useNavigate } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useRekeyStatus, useRepositories, useSession, useStaffDetails } from '../../storage/repositories/react';
import type { RekeyStatus, StaffSummary } from '../../storage/repositories/types';
import { StaffFields } from './staff-fields';
import { Form } from '../../components/form/form';

function describeStaff(member: StaffSummary): string {
  const group = member.staffGroup === 'agency' && member.agencyName ? `Agency (${member.agencyName})` : optionLabel(staffGroupOptions, member.staffGroup);
  return `${optionLabel(staffRoleOptions, member.role)}, ${group}`;
}

const count = new Intl.NumberFormat('en-GB');

/** What re-keying after a removal is doing: nothing shown when nothing is pending. */
function RekeyNotice({ status }: { status: RekeyStatus | undefined }) {
  if (status === undefined || status.kind === 'idle') return null;
  if (status.kind === 'waiting') {
    return (
      <div className="nhsuk-inset-text" data-testid="rekey-status">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>{status.message}</p>
      </div>
    );
  }
  return (
    <div className="nhsuk-inset-text" data-testid="rekey-status" role="status">
      <p>
        Re-sealing records after a removal: {count.format(status.done)} of {count.format(status.total)}
      </p>
      <p>You can go on working: this carries on in the background, and after a lock it carries on at the next unlock.</p>
    </div>
  );
}

export function StaffPage() {
  const staff = useStaffDetails();
  const session = useSession();
  const { staff: repository } = useRepositories();
  const rekey = useRekeyStatus();
  const [message, setMessage] = useState<string | undefined>(undefined);
  const me = session.status === 'unlocked' ? session.staff : undefined;
  const canManage = me !== undefined && may(me.role, 'manage-staff');
  if (staff !== undefined && !staff.ok) {
    return (
      <Page title="Staff accounts" backLink={{ to: paths.home(), text: 'Home' }}>
        <h1>Staff accounts</h1>
        <p>{staff.error.message}</p>
      </Page>
    );
  }
  const active = (staff?.value ?? []).filter((member) => member.active);
  const remove = async (member: StaffSummary) => {
    const result = await repository.remove(member.id);
    setMessage(result.ok ? `${member.name} can no longer unlock this tablet` : result.error.message);
  };
  return (
    <Page title="Staff accounts" backLink={{ to: paths.settings(), text: 'Settings' }}>
      {message ? (
        <NotificationBanner title="Staff accounts" variant="success">
          <p className="nhsuk-notification-banner__heading">{message}</p>
        </NotificationBanner>
      ) : null}
      <h1>Staff accounts</h1>
      <RekeyNotice status={rekey} />
      {canManage ? <ButtonLink to={paths.addStaff()}>Add a member of staff</ButtonLink> : <p>{refusalMessage('manage-staff')}</p>}
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">People who can unlock this tablet</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role and group</th>
            <th scope="col">Registration</th>
            <th scope="col">
              <span className="nhsuk-u-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {active.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{describeStaff(member)}</td>
              <td>{member.registrationNumber || 'Not given'}</td>
              <td>
                {canManage && member.id !== me.id ? (
                  <Button variant="secondary" className="nhsuk-button--small" onClick={() => void remove(member)}>
                    Remove<span className="nhsuk-u-visually-hidden"> {member.name}</span>
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}

export function AddStaffPage() {
  const { staff } = useRepositories();
  const navigate = useNavigate();
  const form = useForm({ defaultValues: emptyStaffAccountDraft(), mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const onSubmit = async () => {
    const draft = staffAccountDraftSchema.parse(form.getValues());
    const found = validateStaffAccount(draft, { askRole: true });
    setIssues(found);
    if (found.length) return;
    setBusy(true);
    const result = await staff.add({
      name: draft.name,
      role: draft.role === '' ? 'triage-nurse' : draft.role,
      staffGroup: draft.staffGroup === '' ? 'substantive' : draft.staffGroup,
      agencyName: draft.agencyName,
      registrationNumber: draft.registrationNumber,
      secretKind: draft.secretKind === 'passphrase' ? 'passphrase' : 'pin',
      secret: draft.secret,
    });
    setBusy(false);
    if (result.ok) navigate(paths.staff());
    else setFailure(result.error.message);
  };
  return (
    <Page title="Add a member of staff" hasErrors={issues.length > 0} backLink={{ to: paths.staff(), text: 'Staff accounts' }} focusHeading={issues.length === 0}>
      <ErrorSummary issues={issues} />
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      <h1>Add a member of staff</h1>
      <p>Ask them to type their own PIN or passphrase. They will use it to unlock this tablet.</p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <Form onSubmit={onSubmit}>
            <StaffFields askRole />
            <Button type="submit" disabled={busy}>
              {busy ? 'Adding…' : 'Add member of staff'}
            </Button>
          </Form>
        </IssuesProvider>
      </FormProvider>
    </Page>
  );
}
