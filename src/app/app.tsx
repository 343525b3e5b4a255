/**
 * The app: providers, then what the session allows. Locked or not set up, only the lock
 * or set-up screen renders (no patient data behind it, and no update is applied there);
 * unlocked, the header, the idle lock and the routed page the signed-in role may use.
 */
import { lazy, Suspense, useEffect, useLayoutEffect } from 'react';
import { SkipLink } from '../components/layout/page';
import { Header } from '../components/layout/header';
import { RouterProvider, useLocation } from '../components/navigation/router';
import { paths } from '../components/navigation/paths';
import { LockScreen } from '../features/lock/lock-screen';
import type { EarlyLockScreen } from '../features/lock/early-lock-screen';
import { RepositoriesProvider, useSession } from '../storage/repositories/react';
import type { Repositories } from '../storage/repositories/types';
import type { LockReason } from '../storage/repositories/types';
import { Loading } from './loading';
import { prepareLondonClock } from '../domain/shared/dates';
import { SchemaUpgradeNotice } from '../pwa/schema-upgrade-notice';
// The set-up start page is a few paragraphs and a button (its form and the restore page load
// on demand): with the app, a new tablet paints it without waiting for one more file
// (Lighthouse's largest contentful paint on the set-up page, PRODUCT.md section 10).
import { SetupPage } from '../features/settings/setup-page';

// Issue 14: the set-up start page's "Join a department" leads here (features never import each other, so app composes it).
const JoinDepartmentPage = lazy(() => import('../features/department/join-department-page').then((module) => ({ default: module.JoinDepartmentPage })));

/** Not set up: first-run set-up (or restore), or joining a department with a code. */
function NotSetUp() {
  const location = useLocation();
  return location.pathname === paths.joinDepartment() ? <JoinDepartmentPage /> : <SetupPage />;
}

// What only an unlocked session shows (the routes, the home screen) loads on unlock, not with
// the lock screen or first-run set-up (PRODUCT.md section 10: JavaScript on first load).
const loadUnlocked = () => import('./unlocked');

/**
 * What unlocking needs, made ready while the PIN is typed and checked: the unlocked app's code,
 * then, in a task of its own, the time-zone data the first page's dates need.
 */
const prepareUnlocking = (): void => {
  void loadUnlocked().then(() => {
    setTimeout(() => {
      prepareLondonClock(new Date());
    }, 0);
  });
};
const Unlocked = lazy(() => loadUnlocked().then((module) => ({ default: module.Unlocked })));
const MustChangeSecret = lazy(() => loadUnlocked().then((module) => ({ default: module.MustChangeSecret })));
const ShowRecoveryKey = lazy(() => loadUnlocked().then((module) => ({ default: module.ShowRecoveryKey })));

/**
 * Starts loading the unlocked app once someone begins to unlock (the first focus or tap on
 * the lock screen, or on the lock screen drawn before React: `early`), so it is there when
 * the PIN check ends: no "Loading…" between the lock screen and the page, and nothing extra
 * on the lock screen's first load.
 */
function usePreloadOnFirstUse(early: EarlyLockScreen | undefined): void {
  useEffect(() => {
    const preload = (event: Event) => {
      // The page's heading taking the focus (the page frame gives it when the tablet has locked itself) is not someone beginning to unlock.
      if (event.type === 'focusin' && event.target instanceof HTMLHeadingElement) return;
      prepareUnlocking();
      document.removeEventListener('focusin', preload, true);
      document.removeEventListener('pointerdown', preload, true);
    };
    if (early?.used()) {
      prepareUnlocking();
      return undefined;
    }
    document.addEventListener('focusin', preload, true);
    document.addEventListener('pointerdown', preload, true);
    return () => {
      document.removeEventListener('focusin', preload, true);
      document.removeEventListener('pointerdown', preload, true);
    };
  }, [early]);
}

/** A waiting update is never applied here: a member of staff accepts it on the home screen (pwa/update-notice.tsx). */
function Locked({ reason, early }: { reason: LockReason; early: EarlyLockScreen | undefined }) {
  usePreloadOnFirstUse(early);
  return (
    <>
      <SkipLink />
      <Header />
      <LockScreen reason={reason} early={early} />
    </>
  );
}

function SessionGate({ early }: { early: EarlyLockScreen | undefined }) {
  const session = useSession();
  // The lock screen drawn before React (main.tsx) gives way to the lock screen, which carries
  // what was entered in it; to anything else (set-up, say, if storage says so after all) at once.
  useLayoutEffect(() => {
    if (session.status !== 'loading' && session.status !== 'locked') early?.release();
  }, [session.status, early]);
  switch (session.status) {
    case 'loading':
      return <Loading />;
    case 'not-set-up':
      return (
        <>
          <SkipLink />
          <Header />
          <Suspense fallback={<Loading />}>
            <NotSetUp />
          </Suspense>
        </>
      );
    case 'locked':
      return <Locked reason={session.reason} early={early} />;
    case 'unlocked':
      return (
        <Suspense fallback={<Loading />}>
          {session.recoveryKey !== undefined ? (
            <ShowRecoveryKey staff={session.staff} unlockedAt={session.unlockedAt} recoveryKey={session.recoveryKey} />
          ) : session.mustChangeSecret !== undefined ? (
            <MustChangeSecret staff={session.staff} unlockedAt={session.unlockedAt} reason={session.mustChangeSecret} />
          ) : (
            <Unlocked staff={session.staff} unlockedAt={session.unlockedAt} />
          )}
        </Suspense>
      );
  }
}

/** `earlyLockScreen`: the lock screen main.tsx drew before React, if it drew one. */
export function App({ repositories, earlyLockScreen }: { repositories: Repositories; earlyLockScreen?: EarlyLockScreen | undefined }) {
  return (
    <RepositoriesProvider repositories={repositories}>
      <RouterProvider>
        <SchemaUpgradeNotice />
        <SessionGate early={earlyLockScreen} />
      </RouterProvider>
    </RepositoriesProvider>
  );
}
