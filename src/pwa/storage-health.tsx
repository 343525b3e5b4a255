/**
 * Storage health (PRODUCT.md section 8): asks the browser to keep this app's storage
 * (navigator.storage.persist, the standard protection against eviction: Dexie issues
 * 739, 958), and shows whether it agreed, how much is used and how much is left, with a
 * warning before the tablet is full.
 */
import { useEffect, useState } from 'react';
import { WarningCallout } from '../components/content/feedback';
import { SummaryList } from '../components/content/summary-list';

export interface StorageHealth {
  persisted: boolean | undefined;
  usedBytes: number | undefined;
  quotaBytes: number | undefined;
}

/** Used share at which the app warns that the tablet is filling up. */
export const NEARLY_FULL = 0.8;

export async function requestPersistentStorage(): Promise<boolean | undefined> {
  if (!('storage' in navigator) || typeof navigator.storage.persist !== 'function') return undefined;
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return undefined;
  }
}

export async function readStorageHealth(): Promise<StorageHealth> {
  if (!('storage' in navigator)) return { persisted: undefined, usedBytes: undefined, quotaBytes: undefined };
  const [persisted, estimate] = await Promise.all([
    typeof navigator.storage.persisted === 'function' ? navigator.storage.persisted().catch(() => undefined) : Promise.resolve(undefined),
    typeof navigator.storage.estimate === 'function' ? navigator.storage.estimate().catch(() => undefined) : Promise.resolve(undefined),
  ]);
  return { persisted, usedBytes: estimate?.usage, quotaBytes: estimate?.quota };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function useStorageHealth(): StorageHealth | undefined {
  const [health, setHealth] = useState<StorageHealth | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    void readStorageHealth().then((value) => {
      if (!cancelled) setHealth(value);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return health;
}

export function StorageHealthSummary() {
  const health = useStorageHealth();
  if (!health) return <p role="status">Checking storage…</p>;
  const share = health.usedBytes !== undefined && health.quotaBytes ? health.usedBytes / health.quotaBytes : undefined;
  return (
    <section aria-labelledby="storage-heading">
      <h2 className="nhsuk-heading-m" id="storage-heading">
        Storage on this tablet
      </h2>
      <SummaryList
        rows={[
          {
            key: 'Kept by the browser',
            value: [
              health.persisted === true
                ? 'Yes: the browser will not clear this app’s data to free space'
                : health.persisted === false
                  ? 'No: the browser may clear this app’s data if the tablet runs short of space. Install the app to the home screen and keep it in use.'
                  : 'Not known: this browser does not say',
            ],
          },
          { key: 'Used', value: [health.usedBytes !== undefined ? formatBytes(health.usedBytes) : 'Not known'] },
          {
            key: 'Available',
            value: [health.quotaBytes !== undefined && health.usedBytes !== undefined ? formatBytes(Math.max(0, health.quotaBytes - health.usedBytes)) : 'Not known'],
          },
        ]}
      />
      {share !== undefined && share >= NEARLY_FULL ? <StorageWarning /> : null}
    </section>
  );
}

function StorageWarning() {
  return (
    <WarningCallout title="This tablet is nearly full">
      <p>Export and remove finished records soon. If storage runs out, new changes cannot be saved.</p>
    </WarningCallout>
  );
}

/** The home-screen warning, shown only when storage is nearly full or not kept. */
export function StorageHealthNotice() {
  const health = useStorageHealth();
  if (!health) return null;
  const share = health.usedBytes !== undefined && health.quotaBytes ? health.usedBytes / health.quotaBytes : undefined;
  return share !== undefined && share >= NEARLY_FULL ? <StorageWarning /> : null;
}
