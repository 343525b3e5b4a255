/**
 * The recovery key on screen (issue 11): shown once, in full, after set-up and after a
 * recovery used the old one (the app shows only this until the nurse in charge says it is
 * kept), and on the settings page where the nurse in charge issues a new one. The words come
 * from domain/settings/recovery-key.ts; the key is made by storage and never stored in clear.
 */
import { useState } from 'react';
import { recoveryKeySettingsText as settingsText, recoveryKeyShownText as text } from '../../domain/settings/recovery-key';
import { Button, ButtonGroup } from '../../components/content/button';
import { NotificationBanner, WarningCallout } from '../../components/content/feedback';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useRepositories } from '../../storage/repositories/react';

/** The key in its 8 groups, large enough to copy by hand, with a print button. */
export function RecoveryKeyShown({ recoveryKey }: { recoveryKey: string }) {
  return (
    <>
      <WarningCallout title={text.label}>
        <p>{text.keep}</p>
      </WarningCallout>
      <p className="nhsuk-body-s">{text.label}</p>
      <p className="app-recovery-key" data-testid="recovery-key">
        {recoveryKey.split('-').map((group, index) => (
          <span key={`${String(index)}-${group}`}>
            {index > 0 ? '-' : ''}
            <span className="app-recovery-key__group">{group}</span>
          </span>
        ))}
      </p>
      <p>{text.afterUse}</p>
      <Button variant="secondary" onClick={() => window.print()}>
        {text.print}
      </Button>
    </>
  );
}

/** After set-up or a recovery: nothing else until the nurse in charge has kept the new key. */
export function NewRecoveryKeyPage({ recoveryKey }: { recoveryKey: string }) {
  const { session } = useRepositories();
  return (
    <Page title={text.title}>
      <h1>{text.title}</h1>
      <p>{text.intro}</p>
      <RecoveryKeyShown recoveryKey={recoveryKey} />
      <ButtonGroup>
        <Button onClick={() => session.recoveryKeyKept()}>{text.kept}</Button>
      </ButtonGroup>
    </Page>
  );
}

/** Settings, Recovery key: the nurse in charge issues a new one (the old one stops working). */
export function RecoveryKeySettingsPage() {
  const { device } = useRepositories();
  const [issued, setIssued] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const issue = async () => {
    setBusy(true);
    const result = await device.issueRecoveryKey();
    setBusy(false);
    if (result.ok) {
      setFailure(undefined);
      setIssued(result.value);
    } else setFailure(result.error.message);
  };
  return (
    <Page title={settingsText.title} backLink={{ to: paths.settings(), text: 'Settings' }}>
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      {issued ? (
        <NotificationBanner title="Success" variant="success">
          <p className="nhsuk-notification-banner__heading">{settingsText.issued}</p>
        </NotificationBanner>
      ) : null}
      <h1>{settingsText.title}</h1>
      <p>{settingsText.intro}</p>
      {issued ? (
        <RecoveryKeyShown recoveryKey={issued} />
      ) : (
        <>
          <WarningCallout title="Important">
            <p>{settingsText.warning}</p>
          </WarningCallout>
          <Button onClick={() => void issue()} disabled={busy}>
            {busy ? 'Issuing…' : settingsText.issue}
          </Button>
        </>
      )}
    </Page>
  );
}
