/**
 * Service-worker registration and the update flow (PRODUCT.md section 8).
 *
 * A new build never reloads the page by itself (vite-plugin-pwa issue 433: autoUpdate
 * reloads and loses form data). It waits; the app says an update is ready and applies it
 * from the home screen or the lock screen, never in the middle of an assessment
 * (cht-core 8866). Updates are looked for at start, hourly and when the tablet wakes.
 */
import { useSyncExternalStore } from 'react';
import { registerSW } from 'virtual:pwa-register';

type Apply = (reload?: boolean) => Promise<void>;

let updateReady = false;
let apply: Apply | undefined;
const listeners = new Set<() => void>();

function setReady(): void {
  updateReady = true;
  for (const listener of [...listeners]) listener();
}

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  apply = registerSW({
    immediate: true,
    onNeedRefresh: setReady,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      const check = () => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      };
      setInterval(check, 60 * 60_000);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
    },
  });
}

export function useUpdateReady(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => updateReady,
  );
}

/** Activates the waiting build and reloads. Call only where no form is open. */
export async function applyUpdate(): Promise<void> {
  if (apply) await apply(true);
}
