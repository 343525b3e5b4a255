/**
 * The lock screen's line for a member of staff who unlocks with the tablet's authenticator as
 * well (issue 11): on its own, so the lock screen drawn at a cold start
 * (features/lock/early-lock-screen.ts) does not load the factor's rules and zod with it.
 */
export const HARDWARE_FACTOR_LOCK_HINT = "After you select Unlock, this tablet's authenticator asks for your fingerprint, face or screen lock as well.";
