/**
 * Locks the app after a period without touch, keyboard or pointer use (default 5 minutes) and
 * at the end of the session limit (default 12 hours), both set by the nurse in charge. A
 * shared ward tablet left on a desk must not stay open (PRODUCT.md section 7).
 *
 * Judged on the wall clock (domain/settings/session-policy.ts): a sleeping tablet runs no
 * timers, so the rule is asked again whenever the page becomes visible or the window is
 * shown or focused, and a tablet that slept past the limit is locked as it wakes, before the
 * patient can be seen. Activity only records a time (no timer is re-armed per keystroke:
 * typing is the hot path); one timer waits for the earlier limit.
 */
import { useEffect } from 'react';
import { lockDue, msUntilNextCheck } from '../../domain/settings/session-policy';
import { useRepositories } from '../../storage/repositories/react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;
const WAKE_EVENTS = ['pageshow', 'focus'] as const;

export function useIdleLock(idleLockMinutes: number, sessionLimitHours: number, unlockedAt: string): void {
  const { session } = useRepositories();
  useEffect(() => {
    let lastActivity = Date.now();
    const started = Date.parse(unlockedAt);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let locking = false;
    const clock = () => ({ now: Date.now(), lastActivity, unlockedAt: Number.isNaN(started) ? lastActivity : started, idleLockMinutes, sessionLimitHours });
    const check = () => {
      if (locking) return;
      if (timer) clearTimeout(timer);
      const due = lockDue(clock());
      if (due) {
        locking = true;
        void session.lock(due);
        return;
      }
      timer = setTimeout(check, msUntilNextCheck(clock()));
    };
    const onActivity = () => {
      lastActivity = Date.now();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') check();
    };
    check();
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, onActivity, { passive: true, capture: true });
    for (const name of WAKE_EVENTS) window.addEventListener(name, check);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, onActivity, { capture: true });
      for (const name of WAKE_EVENTS) window.removeEventListener(name, check);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [idleLockMinutes, sessionLimitHours, unlockedAt, session]);
}
