/**
 * Locks the app after a period without touch, keyboard or pointer use (default 5 minutes,
 * set by the nurse in charge). A shared ward tablet left on a desk must not stay open.
 */
import { useEffect } from 'react';
import { useRepositories } from '../../storage/repositories/react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

export function useIdleLock(minutes: number, enabled: boolean): void {
  const { session } = useRepositories();
  useEffect(() => {
    if (!enabled) return undefined;
    const limit = minutes * 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void session.lock('idle'), limit);
    };
    arm();
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, arm, { passive: true, capture: true });
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, arm, { capture: true });
    };
  }, [minutes, enabled, session]);
}
