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
 * No skipWaiting on install: a new version waits until the app asks for it from the home
 * or lock screen (pwa/service-worker.ts), never mid-assessment.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (data && typeof data === 'object' && 'type' in data && data.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
clientsClaim();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
