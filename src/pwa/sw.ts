/// <reference lib="webworker" />
/**
 * The service worker: precaches the whole app at install and serves navigations from the
 * app shell, so after one visit every screen works with no network (PRODUCT.md 8).
 *
 * Written by hand (vite-plugin-pwa injectManifest) so that what the worker does is in the
 * repository to read. The precache list must not name a file twice with different
 * revisions: Workbox then throws while the script is evaluated, the worker never installs,
 * and the app silently stops working offline (tests/browser/durability.spec.ts catches it).
 *
 * No skipWaiting on install: a new version waits until a member of staff accepts it on the
 * home screen (pwa/service-worker.ts), never mid-assessment and never by itself on the lock
 * screen. Asked, it tells the page its version, which the audit trail records on acceptance.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { VERSION_REQUEST, buildVersion } from './build-version';
import type { VersionReply } from './build-version';

declare const self: ServiceWorkerGlobalScope;

// The injection point must appear exactly once in this file (workbox-build).
const manifest = self.__WB_MANIFEST;
const version = buildVersion(__APP_VERSION__, manifest);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (!data || typeof data !== 'object' || !('type' in data)) return;
  if (data.type === 'SKIP_WAITING') void self.skipWaiting();
  if (data.type === VERSION_REQUEST) event.ports[0]?.postMessage({ type: 'VERSION', version } satisfies VersionReply);
});

precacheAndRoute(manifest);
cleanupOutdatedCaches();
clientsClaim();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
