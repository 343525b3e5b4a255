/**
 * The unlocked app: the header with what the signed-in role may open, the idle lock, the
 * update notice and the routed page; or only the page to change a PIN the rules now refuse. Loaded on unlock (app.tsx), so the lock screen and
 * first-run set-up do not carry the routes and the home screen (PRODUCT.md section 10).
 */
import { lazy, Suspense, useEffect } from 'react';
import { Page, SkipLink } from '../components/layout/page';
import { Header } from '../components/layout/header';
import { Link, useLocation } from '../components/navigation/router';
import { paths } from '../components/navigation/paths';
import { TamperNotice } from '../features/integrity/tamper-notice';
import { SyncStatus } from '../features/sync/sync-status';
import { useIdleLock } from '../features/lock/use-idle-lock';
import { requestPersistentStorage } from '../pwa/storage-health';
import { UpdateNotice } from '../pwa/update-notice';
import { useDeviceSettings, useRepositories } from '../storage/repositories/react';
import { matchRoute } from './routes';
import { Loading } from './loading';
import { SESSION_LIMIT_HOURS_DEFAULT } from '../domain/settings/session-policy';
import type { StaffRef } from '../domain/assessment/staff-ref';
import { may } from '../domain/settings/permissions';

const ChangeSecretPage = lazy(() => import('../features/settings/change-secret-page').then((module) => ({ default: module.ChangeSecretPage })));
const NewRecoveryKeyPage = lazy(() => import('../features/settings/recovery-key-page').then((module) => ({ default: module.NewRecoveryKeyPage })));

function NotFound() {
  return (
    <Page title="Page not found">
      <h1>Page not found</h1>
      <p>
        <Link to={paths.home()}>Go to the home screen</Link>
      </p>
    </Page>
  );
}

export function Unlocked({ staff, unlockedAt }: { staff: StaffRef; unlockedAt: string }) {
  const { session } = useRepositories();
  const settings = useDeviceSettings();
  const location = useLocation();
  useIdleLock(settings?.idleLockMinutes ?? 5, settings?.sessionLimitHours ?? SESSION_LIMIT_HOURS_DEFAULT, unlockedAt);
  useEffect(() => {
    void requestPersistentStorage();
  }, []);
  const route = matchRoute(location.pathname, staff.role);
  return (
    <>
      <SkipLink />
      <Header
        siteName={settings?.siteName}
        staffName={staff.name}
        onLock={() => void session.lock('manual')}
        navigation={[
          { to: paths.home(), text: 'Home', current: route.area === 'home' },
          // Everything under Settings is the nurse in charge's (domain/settings/permissions.ts).
          ...(may(staff.role, 'change-settings') ? [{ to: paths.settings(), text: 'Settings', current: route.area === 'settings' }] : []),
          { to: paths.changeSecret(), text: 'Change my PIN', current: route.area === 'account' },
          ...(may(staff.role, 'review-liaison-list') ? [{ to: paths.liaison(), text: 'Liaison review', current: route.area === 'liaison' }] : []),
        ]}
      >
        <SyncStatus />
      </Header>
      <TamperNotice />
      {route.area !== 'home' ? (
        <div className="nhsuk-width-container">
          <UpdateNotice where="elsewhere" />
        </div>
      ) : null}
      <Suspense fallback={<Loading />}>{route.element ?? <NotFound />}</Suspense>
    </>
  );
}

/**
 * Unlocked with a PIN or passphrase the rules now refuse (made before storage enforced them):
 * only the page to change it, until it is changed. Locking and the idle lock still work.
 */
export function MustChangeSecret({ staff, unlockedAt, reason }: { staff: StaffRef; unlockedAt: string; reason: string }) {
  const { session } = useRepositories();
  const settings = useDeviceSettings();
  useIdleLock(settings?.idleLockMinutes ?? 5, settings?.sessionLimitHours ?? SESSION_LIMIT_HOURS_DEFAULT, unlockedAt);
  return (
    <>
      <SkipLink />
      <Header siteName={settings?.siteName} staffName={staff.name} onLock={() => void session.lock('manual')} />
      <TamperNotice />
      <Suspense fallback={<Loading />}>
        <ChangeSecretPage reason={reason} />
      </Suspense>
    </>
  );
}

/**
 * A recovery key just issued (set-up, or a recovery that used the old one): only the page that
 * shows it, until the nurse in charge says it is kept. Locking and the idle lock still work;
 * locking forgets it (it is never stored), and the nurse in charge can issue another in Settings.
 */
export function ShowRecoveryKey({ staff, unlockedAt, recoveryKey }: { staff: StaffRef; unlockedAt: string; recoveryKey: string }) {
  const { session } = useRepositories();
  const settings = useDeviceSettings();
  useIdleLock(settings?.idleLockMinutes ?? 5, settings?.sessionLimitHours ?? SESSION_LIMIT_HOURS_DEFAULT, unlockedAt);
  return (
    <>
      <SkipLink />
      <Header siteName={settings?.siteName} staffName={staff.name} onLock={() => void session.lock('manual')} />
      <Suspense fallback={<Loading />}>
        <NewRecoveryKeyPage recoveryKey={recoveryKey} />
      </Suspense>
    </>
  );
}
