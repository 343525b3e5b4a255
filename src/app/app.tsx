/**
 * The app: providers, then what the session allows. Locked or not set up, only the lock
 * or set-up screen renders (no patient data behind it); unlocked, the header, the idle
 * lock and the routed page.
 */
import { lazy, Suspense, useEffect } from 'react';
import { Page, SkipLink } from '../components/layout/page';
import { Header } from '../components/layout/header';
import { Link, RouterProvider, useLocation } from '../components/navigation/router';
import { paths } from '../components/navigation/paths';
import { LockScreen } from '../features/lock/lock-screen';
import { useIdleLock } from '../features/lock/use-idle-lock';
import { applyUpdate, useUpdateReady } from '../pwa/service-worker';
import { requestPersistentStorage } from '../pwa/storage-health';
import { UpdateNotice } from '../pwa/update-notice';
import { RepositoriesProvider, useDeviceSettings, useRepositories, useSession } from '../storage/repositories/react';
import type { Repositories } from '../storage/repositories/types';
import { matchRoute } from './routes';
import { SESSION_LIMIT_HOURS_DEFAULT } from '../domain/settings/session-policy';
import type { LockReason } from '../storage/repositories/types';

const SetupPage = lazy(() => import('../features/settings/setup-page').then((module) => ({ default: module.SetupPage })));

function Loading() {
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <p role="status">Loading…</p>
      </main>
    </div>
  );
}

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

function Unlocked({ staffName, unlockedAt }: { staffName: string; unlockedAt: string }) {
  const { session } = useRepositories();
  const settings = useDeviceSettings();
  const location = useLocation();
  useIdleLock(settings?.idleLockMinutes ?? 5, settings?.sessionLimitHours ?? SESSION_LIMIT_HOURS_DEFAULT, unlockedAt);
  useEffect(() => {
    void requestPersistentStorage();
  }, []);
  const route = matchRoute(location.pathname);
  return (
    <>
      <SkipLink />
      <Header
        siteName={settings?.siteName}
        staffName={staffName}
        onLock={() => void session.lock('manual')}
        navigation={[
          { to: paths.home(), text: 'Home', current: route.area === 'home' },
          { to: paths.settings(), text: 'Settings', current: route.area === 'settings' },
        ]}
      />
      {route.area !== 'home' ? (
        <div className="nhsuk-width-container">
          <UpdateNotice where="elsewhere" />
        </div>
      ) : null}
      <Suspense fallback={<Loading />}>{route.element ?? <NotFound />}</Suspense>
    </>
  );
}

function Locked({ reason }: { reason: LockReason }) {
  const updateReady = useUpdateReady();
  // Nothing is open behind the lock screen, so a waiting update can be applied safely here.
  useEffect(() => {
    if (updateReady) void applyUpdate();
  }, [updateReady]);
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
      return <Unlocked staffName={session.staff.name} unlockedAt={session.unlockedAt} />;
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
