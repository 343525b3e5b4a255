/**
 * "An update is ready": on the home screen, the version and a button for the member of
 * staff to accept it; elsewhere a quiet line saying it waits for the home screen. Accepting
 * records "Update accepted" with the version in the audit trail (who, when, which build),
 * then applies it. Nothing applies an update without this button: not the lock screen, not
 * a timer (issue 11).
 */
import { useEffect, useState } from 'react';
import { Button } from '../components/content/button';
import { NotificationBanner } from '../components/content/feedback';
import { useRepositories, useSession } from '../storage/repositories/react';
import { applyUpdate, useUpdateReady, waitingVersion } from './service-worker';

/** The audit detail: the version, or a plain statement that the new build did not say. */
export function acceptedUpdateDetail(version: string | undefined): string {
  return version ? `Version ${version}` : 'Version not reported by the new build';
}

function AcceptUpdate() {
  const { audit } = useRepositories();
  const session = useSession();
  const [version, setVersion] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void waitingVersion().then((found) => {
      if (!cancelled) setVersion(found);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  const accept = async () => {
    if (session.status !== 'unlocked') return;
    setBusy(true);
    const accepted = version ?? (await waitingVersion());
    await audit.record('update-accepted', '', acceptedUpdateDetail(accepted));
    await applyUpdate();
  };
  return (
    <NotificationBanner title="Update ready" id="update-banner">
      <p className="nhsuk-notification-banner__heading">{version ? `Version ${version} of the app is ready.` : 'A new version of the app is ready.'}</p>
      <p>Everything you entered is saved. Updating takes a few seconds. The audit trail records that you accepted it.</p>
      <Button onClick={() => void accept()} disabled={busy}>
        {busy ? 'Updating…' : 'Accept and update now'}
      </Button>
    </NotificationBanner>
  );
}

export function UpdateNotice({ where }: { where: 'home' | 'elsewhere' }) {
  const ready = useUpdateReady();
  if (!ready) return null;
  if (where === 'elsewhere') {
    return (
      <p className="app-update-line" role="status">
        An update to the app is ready. You can accept it on the home screen when you have finished here.
      </p>
    );
  }
  return <AcceptUpdate />;
}
