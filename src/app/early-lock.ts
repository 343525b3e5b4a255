/**
 * The first stage of a cold start (main.tsx): on a tablet that is set up, the lock screen
 * drawn from one read of IndexedDB, before React and storage load (PRODUCT.md section 10:
 * offline cold start to the lock screen under 1 s at 4x CPU, in every run). Anything else
 * (a new tablet, a failed read) draws nothing here, and the app draws its own first screen.
 */
import { readLockScreenFacts } from '../storage/lock-screen-facts';
import { showEarlyLockScreen } from '../features/lock/early-lock-screen';
import type { EarlyLockScreen } from '../features/lock/early-lock-screen';
import { LOCK_SCREEN_READY_MARK } from '../features/lock/lock-screen-mark';

export async function startEarlyLockScreen(appRoot: HTMLElement): Promise<EarlyLockScreen | undefined> {
  const facts = await readLockScreenFacts();
  if (!facts) return undefined;
  const screen = showEarlyLockScreen(appRoot, facts.staff);
  if (screen) performance.mark(LOCK_SCREEN_READY_MARK);
  return screen;
}
