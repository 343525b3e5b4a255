/**
 * When an unlocked session must lock itself (PRODUCT.md §7; issue "a lock that holds on a
 * shared tablet").
 *
 * Owns: the idle rule and the absolute session limit, both judged on the wall clock. A tablet
 * that sleeps runs no timers, so a timer alone would leave it unlocked on waking long past
 * the limit: the decision takes the times, never a count of timer ticks, and is asked again
 * whenever the tablet wakes or the page becomes visible.
 */

/** Hours a session may last before the PIN or passphrase is asked again (default 12, settings). */
export const SESSION_LIMIT_HOURS_DEFAULT = 12;
export const SESSION_LIMIT_HOURS_MIN = 1;
export const SESSION_LIMIT_HOURS_MAX = 24;

export type SessionLockReason = 'idle' | 'session-limit';

export interface SessionClock {
  /** Now, in milliseconds since the epoch (wall clock). */
  now: number;
  /** The last touch, key or pointer use. */
  lastActivity: number;
  /** When this session was unlocked. */
  unlockedAt: number;
  idleLockMinutes: number;
  sessionLimitHours: number;
}

const idleLimitMs = (clock: SessionClock): number => clock.idleLockMinutes * 60_000;
const sessionLimitMs = (clock: SessionClock): number => clock.sessionLimitHours * 3_600_000;

/**
 * Why the session must lock now, or undefined. Idle wins when both apply: "not used for a
 * while" is what the nurse needs to hear after the tablet slept. A clock set backwards (now
 * before the last activity) is treated as no time passed, never as a reason to stay open
 * longer than the limits once the clock moves on.
 */
export function lockDue(clock: SessionClock): SessionLockReason | undefined {
  if (clock.now - clock.lastActivity >= idleLimitMs(clock)) return 'idle';
  if (clock.now - clock.unlockedAt >= sessionLimitMs(clock)) return 'session-limit';
  return undefined;
}

/** Milliseconds until the earlier of the two limits (at least 1 s, so a check never spins). */
export function msUntilNextCheck(clock: SessionClock): number {
  const idleLeft = clock.lastActivity + idleLimitMs(clock) - clock.now;
  const sessionLeft = clock.unlockedAt + sessionLimitMs(clock) - clock.now;
  return Math.max(1_000, Math.min(idleLeft, sessionLeft));
}
