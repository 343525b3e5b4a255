/**
 * The first-run set-up form (PRODUCT.md section 7): the site, the first account (the nurse in
 * charge, with a passphrase), local contacts, hours and locking. Loaded when the nurse in charge
 * starts set-up (setup-page.tsx), so a new tablet's first load does not carry the form code.
 */
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { draftToSettings, settingsDraftSchema, settingsToDraft, validateSettings } from '../../domain/settings/settings-validation';
import { emptyStaffAccountDraft, staffAccountDraftSchema, validateStaffAccount } from '../../domain/settings/staff-account';
import { Button } from '../../components/content/button';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Page } from '../../components/layout/page';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useRepositories } from '../../storage/repositories/react';
import { ContactFields, ServiceHoursFields, SiteFields } from './settings-fields';
import { StaffFields } from './staff-fields';
import { Form } from '../../components/form/form';

export function SetUpForm() {
  const { device } = useRepositories();
  const form = useForm({
    // The nurse in charge unlocks with a passphrase (issue 11): no choice of PIN is offered.
    defaultValues: { ...settingsToDraft(defaultDeviceSettings()), siteType: '', ...emptyStaffAccountDraft(), secretKind: 'passphrase' as const },
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const onSubmit = async () => {
    const values: unknown = form.getValues();
    const settingsDraft = settingsDraftSchema.parse(values);
    const account = staffAccountDraftSchema.parse(values);
    const found = [...validateSettings(settingsDraft), ...validateStaffAccount(account, { askRole: false })];
    setIssues(found);
    if (found.length) return;
    setBusy(true);
    const result = await device.setUp({
      settings: draftToSettings(settingsDraft),
      firstStaff: {
        name: account.name,
        staffGroup: account.staffGroup === '' ? 'substantive' : account.staffGroup,
        agencyName: account.agencyName,
        registrationNumber: account.registrationNumber,
        secretKind: account.secretKind === 'passphrase' ? 'passphrase' : 'pin',
        secret: account.secret,
      },
    });
    setBusy(false);
    if (!result.ok) setFailure(result.error.message);
  };

  return (
    <Page title="Set up this tablet" hasErrors={issues.length > 0} focusHeading={issues.length === 0}>
      <ErrorSummary issues={issues} />
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      <h1>Set up this tablet</h1>
      <p>This is done once, by the nurse in charge. Patient information entered on this tablet is encrypted and can only be opened with a staff PIN or passphrase.</p>
      <p>
        Replacing a tablet that was backed up? <Link to={paths.restoreFromBackup()}>Restore from a backup</Link> instead.
      </p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <Form onSubmit={onSubmit}>
            <h2 className="nhsuk-heading-m">Site</h2>
            <SiteFields />
            <h2 className="nhsuk-heading-m">Your account (nurse in charge)</h2>
            <StaffFields askRole={false} passphraseOnly />
            <h2 className="nhsuk-heading-m">Local contacts</h2>
            <ContactFields />
            <h2 className="nhsuk-heading-m">Opening hours and locking</h2>
            <ServiceHoursFields />
            <Button type="submit" disabled={busy}>
              {busy ? 'Setting up…' : 'Set up tablet'}
            </Button>
          </Form>
        </IssuesProvider>
      </FormProvider>
    </Page>
  );
}
