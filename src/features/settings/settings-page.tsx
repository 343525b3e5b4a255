/**
 * Settings for the nurse in charge: the site, local contacts, MASH hours, idle lock and
 * retention; links to staff accounts and the audit trail; storage health (passed in by
 * app from pwa/). The route shows this page to the nurse in charge only, and storage refuses
 * a settings change from anyone else (domain/settings/permissions.ts).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import { may, refusalMessage } from '../../domain/settings/permissions';
import { draftToSettings, settingsDraftSchema, settingsToDraft, validateSettings } from '../../domain/settings/settings-validation';
import { Button } from '../../components/content/button';
import { SaveOutcome } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { IssuesProvider } from '../../components/form/issues-context';
import { Page } from '../../components/layout/page';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { recoveryKeySettingsText } from '../../domain/settings/recovery-key';
import { useDeviceSettings, useRepositories, useSession } from '../../storage/repositories/react';
import { ContentFileSettings } from './content-file-settings';
import { ScreeningFields } from './screening-settings-fields';
import { ContactFields, ServiceHoursFields, SiteFields } from './settings-fields';
import { ThinkFamilyTriggerFields } from './think-family-trigger-fields';
import { WorkingDaysFields } from './working-days-fields';
import { Form } from '../../components/form/form';

function SettingsForm({ settings }: { settings: DeviceSettings }) {
  const { device } = useRepositories();
  const form = useForm({ defaultValues: settingsToDraft(settings), mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const onSubmit = async () => {
    const draft = settingsDraftSchema.parse(form.getValues());
    const found = validateSettings(draft);
    setIssues(found);
    setMessage(undefined);
    if (found.length) return;
    const result = await device.updateSettings(draftToSettings(draft));
    setMessage(result.ok ? { ok: true, text: 'Settings saved' } : { ok: false, text: result.error.message });
  };
  return (
    <FormProvider {...form}>
      <IssuesProvider issues={issues}>
        <ErrorSummary issues={issues} />
        <SaveOutcome message={message} />
        <Form onSubmit={onSubmit}>
          <h2 className="nhsuk-heading-m">Site</h2>
          <SiteFields />
          <h2 className="nhsuk-heading-m">Local contacts</h2>
          <ContactFields />
          <h2 className="nhsuk-heading-m">Opening hours and locking</h2>
          <ServiceHoursFields />
          <h2 className="nhsuk-heading-m">Screening</h2>
          <ScreeningFields />
          <h2 className="nhsuk-heading-m">Think Family triggers</h2>
          <ThinkFamilyTriggerFields />
          <h2 className="nhsuk-heading-m">Working days</h2>
          <WorkingDaysFields />
          <Button type="submit">Save settings</Button>
        </Form>
      </IssuesProvider>
    </FormProvider>
  );
}

export function SettingsPage({ storageHealth }: { storageHealth?: ReactNode }) {
  const settings = useDeviceSettings();
  const session = useSession();
  const isNurseInCharge = session.status === 'unlocked' && may(session.staff.role, 'change-settings');
  return (
    <Page title="Settings" backLink={{ to: paths.home(), text: 'Home' }}>
      <h1>Settings</h1>
      <ul className="nhsuk-list">
        <li>
          <Link to={paths.staff()}>Staff accounts</Link>
        </li>
        <li>
          <Link to={paths.auditTrail()}>Audit trail</Link>
        </li>
        <li>
          <Link to={paths.backup()}>Back up this tablet</Link>
        </li>
        <li>
          <Link to={paths.recoveryKey()}>{recoveryKeySettingsText.link}</Link>
        </li>
        <li>
          <Link to={paths.department()}>Department sharing</Link>
        </li>
      </ul>
      {storageHealth}
      {settings === undefined ? (
        <p role="status">Loading settings…</p>
      ) : isNurseInCharge ? (
        <SettingsForm settings={settings} />
      ) : (
        <p>{refusalMessage('change-settings')}</p>
      )}
      {settings === undefined ? null : <ContentFileSettings canChange={isNurseInCharge} />}
    </Page>
  );
}
