/**
 * A newer version of the app opens the database one version up from another tab (issue 13):
 * this tab writes what is pending before it lets the upgrade through, then closes for good
 * and says 'reload'; a deletion keeps Dexie's default.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SchemaUpgradeState } from './types';
import { openTestStorage, setUpTablet } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';

const opened: TestStorage[] = [];
afterEach(() => {
  for (const storage of opened.splice(0)) storage.repos.close();
});

/** Opens the database as a newer version would: one Dexie version (10 native) higher. */
function openOneVersionUp(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = indexedDB.open(name);
    probe.onerror = () => reject(probe.error ?? new Error('open failed'));
    probe.onsuccess = () => {
      const from = probe.result.version;
      probe.result.close();
      const request = indexedDB.open(name, from + 10);
      request.onerror = () => reject(request.error ?? new Error('upgrade failed'));
      request.onsuccess = () => {
        const to = request.result.version;
        request.result.close();
        resolve(to);
      };
    };
  });
}

function states(storage: TestStorage): SchemaUpgradeState[] {
  const seen: SchemaUpgradeState[] = [];
  storage.repos.upgrade.state().subscribe((state) => seen.push(state));
  return seen;
}

describe('a schema upgrade from another tab', () => {
  it('writes what is pending while the connection is still open, then closes and asks for a reload', async () => {
    const storage = await openTestStorage();
    opened.push(storage);
    await setUpTablet(storage.repos);
    const seen = states(storage);
    let openWhilePending: boolean | undefined;
    storage.repos.session.beforeLock(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      openWhilePending = storage.repos.internals.db.isOpen();
    });

    await openOneVersionUp(storage.name);

    expect(openWhilePending).toBe(true);
    expect(seen).toEqual(['none', 'saving', 'reload']);
    expect(storage.repos.internals.db.isOpen()).toBe(false);
    // Closed for good: this tab's old code never writes into the newer schema.
    await expect(storage.repos.internals.db.table('device').count()).rejects.toThrow();
  });

  it('leaves a deletion of the database to Dexie (no reload asked)', async () => {
    const storage = await openTestStorage();
    opened.push(storage);
    await setUpTablet(storage.repos);
    const seen = states(storage);
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(storage.name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error ?? new Error('delete failed'));
    });
    expect(seen).toEqual(['none']);
  });
});
