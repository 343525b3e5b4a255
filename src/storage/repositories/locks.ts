/**
 * Named locks shared by every tab of the app (Web Locks API), with an in-tab fallback
 * where the API is missing (test environments, very old browsers).
 *
 * Used for: appending to the hash-chained audit trail (read the last event, write the
 * next, without another tab slipping in between), and holding an assessment open for
 * editing so a second tab opens it read-only.
 */

/** The message every tab of the app listens for on the session channel: lock now (session-repository.ts; a re-key sends it too, rekey.ts). */
export const LOCK_MESSAGE = 'safeguarding-triage:lock';

const fallbackQueues = new Map<string, Promise<unknown>>();

function hasWebLocks(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && typeof navigator.locks.request === 'function';
}

/** Runs `task` while holding the named lock exclusively; waits for it if held elsewhere. */
export async function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  if (hasWebLocks()) return navigator.locks.request(name, task);
  const previous = fallbackQueues.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  fallbackQueues.set(
    name,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

const heldInThisTab = new Set<string>();

/**
 * Tries to take the named lock and hold it until `release` is called. Resolves to a
 * release function, or undefined when another tab (or this one) already holds it.
 */
export async function tryHoldLock(name: string): Promise<(() => void) | undefined> {
  if (!hasWebLocks()) {
    if (heldInThisTab.has(name)) return undefined;
    heldInThisTab.add(name);
    return () => heldInThisTab.delete(name);
  }
  return new Promise((resolve) => {
    void navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(undefined);
        return undefined;
      }
      return new Promise<void>((releaseLock) => {
        resolve(() => {
          releaseLock();
        });
      });
    });
  });
}
