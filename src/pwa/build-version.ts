/**
 * The version of a build, as the audit trail records it when a member of staff accepts an
 * update: the package version (package.json, put in by vite.config.ts as __APP_VERSION__)
 * and the build, named by the precache revision of index.html. That revision is a hash of
 * the page that loads every other asset by its hashed name, so it changes with every build
 * and is exactly what the service worker uses to tell one build from another; a define made
 * in vite.config.ts could not hold it (the page is hashed after the config runs).
 */

/** An entry of the precache list Workbox injects into the service worker. */
export interface PrecacheEntry {
  url: string;
  revision?: string | null;
}

declare global {
  /** package.json's version (vite.config.ts `define`). */
  const __APP_VERSION__: string;
}

/** "0.1.0 (build 1a2b3c4d)"; the package version alone if the page has no revision. */
export function buildVersion(appVersion: string, manifest: readonly (PrecacheEntry | string)[]): string {
  const page = manifest.find((entry): entry is PrecacheEntry => typeof entry !== 'string' && entry.url === 'index.html');
  const revision = page?.revision?.slice(0, 8);
  return revision ? `${appVersion} (build ${revision})` : appVersion;
}

/** The message the page sends a waiting service worker to ask its version, and the reply. */
export const VERSION_REQUEST = 'GET_VERSION';
export interface VersionReply {
  type: 'VERSION';
  version: string;
}
