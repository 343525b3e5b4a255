/**
 * Handing the tablet back (issue 13), the browser's side: after storage has deleted the
 * database, this deletes every cache the app made (the precached app included) and
 * unregisters the service worker, so nothing of the app or its data stays on the tablet.
 * The page already in memory carries on and shows first-run set-up; the next visit fetches
 * the app afresh. Plumbing only: app passes it to the hand-back page.
 */
export async function forgetOfflineCopy(): Promise<void> {
  if (typeof caches !== 'undefined') {
    const names = await caches.keys();
    await Promise.all(names.map((name) => caches.delete(name)));
  }
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((registration) => registration.unregister()));
  }
}
