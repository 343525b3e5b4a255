/**
 * The app: providers, then what the session allows. Locked or not set up, only the lock
 * or set-up screen renders (no patient data behind it, and no update is applied there);
 * unlocked, the header, the idle lock and the routed page the signed-in role may use.
 */
import { lazy, Suspense } from 'react';
import { SkipLink } from '../components/layout/page';
import { Header } from '../components/layout/header';
import { RouterProvider } from '../components/navigation/router';
import { TamperNotice } from '../features/integrity/tamper-notice';
import { LockScreen } from '../features/lock/lock-screen';
import { useIdleLock } from '../features/lock/use-idle-lock';
import { RepositoriesProvider, useDeviceSettings, useRepositories, useSession } from '../storage/repositories/react';
import type { Repositories } from '../storage/repositories/types';
import { SESSION_LIMIT_HOURS_DEFAULT } from '../domain/settings/session-policy';
import type { LockReason } from '../storage/repositories/types';
import type { StaffRef } from '../domain/assessment/staff-ref';
import { Loading } from './loading';

const ChangeSecretPage = lazy(() => import('../features/settings/change-secret-page').then((module) => ({ default: module.ChangeSecretPage })));
const SetupPage = lazy(() => import('../features/settings/setup-page').then((module) => ({ default: module.SetupPage })));
// What only an unlocked session shows (the routes, the home screen) loads on unlock, not with
// the lock screen or first-run set-up (PRODUCT.md section 10: JavaScript on first load).
const Unlocked = lazy(() => import('./unlocked').then((module) => ({ default: module.Unlocked })));

/**
 * Unlocked with a PIN or passphrase the rules now refuse (made before storage enforced them):
 * only the page to change it, until it is changed. Locking and the idle lock still work.
 */
function MustChangeSecret({ staff, unlockedAt, reason }: { staff: StaffRef; unlockedAt: string; reason: string }) {
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

/** A waiting update is never applied here: a member of staff accepts it on the home screen (pwa/update-notice.tsx). */
function Locked({ reason }: { reason: LockReason }) {
  return (
    <>
      <SkipLink />
      <Header />
      <LockScreen reason={reason} />
    </>
  );
}

function SessionGate() {
  const session = useSession();
  switch (session.status) {
    case 'loading':
      return <Loading />;
    case 'not-set-up':
      return (
        <>
          <SkipLink />
          <Header />
          <Suspense fallback={<Loading />}>
            <SetupPage />
          </Suspense>
        </>
      );
    case 'locked':
      return <Locked reason={session.reason} />;
    case 'unlocked':
      return session.mustChangeSecret !== undefined ? (
        <MustChangeSecret staff={session.staff} unlockedAt={session.unlockedAt} reason={session.mustChangeSecret} />
      ) : (
        <Suspense fallback={<Loading />}>
          <Unlocked staff={session.staff} unlockedAt={session.unlockedAt} />
        </Suspense>
      );
  }
}

export function App({ repositories }: { repositories: Repositories }) {
  return (
    <RepositoriesProvider repositories={repositories}>
      <RouterProvider>
        <SessionGate />
      </RouterProvider>
    </RepositoriesProvider>
  );
}
