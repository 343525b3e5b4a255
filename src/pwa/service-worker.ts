/**
 * Service-worker registration and the update flow (PRODUCT.md section 8).
 *
 * A new build never reloads the page by itself (vite-plugin-pwa issue 433: autoUpdate
 * reloads and loses form data). It installs and waits; the app says an update is ready and
 * applies it only when a member of staff accepts it on the home screen, never in the middle
 * of an assessment (cht-core 8866) and never by itself on the lock screen (issue 11: a
 * person answers for what runs on the tablet, and the audit trail names them and the
 * version). Updates are looked for at start, hourly and when the tablet wakes.
 *
 * Registered once the first screen has been up for START_DELAY_MS, not while it starts: on
 * the first visit the worker's install fetches and caches every file of the build (the
 * browser compiles the scripts it caches), and at every later start it fetches its own script
 * to look for an update. That work took processor time from the page's own start: Lighthouse,
 * mobile preset, two rounds of three runs each way on this two-core host (1 December 2026),
 * the set-up page scored 91 95 93 / 87 90 87 with the worker registered at the first render
 * and 96 97 95 / 97 94 97 with it registered 10 s later (total blocking time of the median
 * run 180 / 400 ms against 170 / 120 ms). Ten seconds is far shorter than any set-up, so the
 * app is still offline-ready after one visit.
 *
 * Written on the platform API rather than workbox-window: the flow is three events, and
 * owning it means the "apply" step is exactly "tell the waiting worker to take over, then
 * reload once it controls the page" with nothing in between to misjudge an update.
 */
import { useSyncExternalStore } from 'react';
import { TRUSTED_TYPES_POLICY } from './security-headers';
import { VERSION_REQUEST } from './build-version';
import type { VersionReply } from './build-version';

const SERVICE_WORKER_URL = '/sw.js';

/** The slice of the Trusted Types API the registration needs (not yet in TypeScript's DOM library). */
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): { createScriptURL(input: string): unknown };
}

/**
 * The service-worker script URL as a Trusted Types value: with `require-trusted-types-for
 * 'script'` in force, `register` refuses a plain string. The policy vets one URL and nothing
 * else, so no other string can ever be passed off as script through it. Browsers without
 * Trusted Types get the plain URL (they do not enforce the directive).
 */
function serviceWorkerScriptUrl(): string {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return SERVICE_WORKER_URL;
  const policy = factory.createPolicy(TRUSTED_TYPES_POLICY, {
    createScriptURL: (input) => {
      if (input !== SERVICE_WORKER_URL) throw new TypeError('Only the app\'s own service worker may be registered.');
      return input;
    },
  });
  // A TrustedScriptURL: register() accepts it where it accepts a string.
  return policy.createScriptURL(SERVICE_WORKER_URL) as string;
}

let waitingRegistration: ServiceWorkerRegistration | undefined;
const listeners = new Set<() => void>();

function setReady(registration: ServiceWorkerRegistration): void {
  waitingRegistration = registration;
  for (const listener of [...listeners]) listener();
}

/** A worker that finished installing while another controls the page is an update. */
function watch(registration: ServiceWorkerRegistration, worker: ServiceWorker): void {
  worker.addEventListener('statechange', () => {
    if (worker.state === 'installed' && navigator.serviceWorker.controller) setReady(registration);
  });
}

/** How long after the first screen the service worker is registered (see above). */
export const START_DELAY_MS = 10_000;

export function startServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  void navigator.serviceWorker
    .register(serviceWorkerScriptUrl(), { scope: '/' })
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) setReady(registration);
      if (registration.installing) watch(registration, registration.installing);
      registration.addEventListener('updatefound', () => {
        if (registration.installing) watch(registration, registration.installing);
      });
      const check = () => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      };
      setInterval(check, 60 * 60_000);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
    })
    .catch((error: unknown) => {
      console.warn('The app could not be made available offline', error instanceof Error ? error.name : 'unknown error');
    });
}

export function useUpdateReady(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waitingRegistration !== undefined,
  );
}

/**
 * The waiting build's version ("0.1.0 (build 1a2b3c4d)"), asked of the waiting worker itself:
 * the running page only knows its own. Undefined when nothing waits or it does not answer.
 */
export function waitingVersion(timeoutMs = 3000): Promise<string | undefined> {
  const waiting = waitingRegistration?.waiting;
  if (!waiting) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(undefined);
    }, timeoutMs);
    channel.port1.onmessage = (event: MessageEvent) => {
      clearTimeout(timer);
      channel.port1.close();
      const reply = event.data as Partial<VersionReply> | null;
      resolve(reply?.type === 'VERSION' && typeof reply.version === 'string' ? reply.version : undefined);
    };
    waiting.postMessage({ type: VERSION_REQUEST }, [channel.port2]);
  });
}

/**
 * Activates the waiting build and reloads once it controls the page. Called only when a
 * member of staff accepts the update on the home screen (pwa/update-notice.tsx), after the
 * acceptance is in the audit trail.
 */
export function applyUpdate(): Promise<void> {
  const waiting = waitingRegistration?.waiting;
  if (!waiting) return Promise.resolve();
  navigator.serviceWorker.addEventListener(
    'controllerchange',
    () => {
      window.location.reload();
    },
    { once: true },
  );
  waiting.postMessage({ type: 'SKIP_WAITING' });
  return Promise.resolve();
}
