/**
 * The User Timing mark made when the lock screen can take a PIN (staff known), whichever
 * draws it: the start-up benchmark reads it, and so can anyone profiling a slow tablet in
 * DevTools. Its own module, so the lock screen drawn before React (early-lock-screen.ts)
 * can make it without loading React's.
 */
export const LOCK_SCREEN_READY_MARK = 'lock-screen-ready';
