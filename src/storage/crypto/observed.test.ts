/**
 * observed.ts: a Dexie live query that opens a sealed value and then reads another row hears
 * that row change (it did not: the read after WebCrypto ran outside the query's zone), and
 * inside an explicit transaction the promise is handed back as it came.
 */
import Dexie, { liveQuery } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { open, seal } from './codec';
import { createDeviceSecret, deriveDeviceKeys } from './keys';
import type { DeviceKeys } from './keys';
import { observedAcross } from './observed';

interface MetaRow {
  key: string;
  value: unknown;
}

let keys: DeviceKeys;
const databases: Dexie[] = [];

beforeAll(async () => {
  keys = await deriveDeviceKeys(createDeviceSecret());
});

afterEach(() => {
  for (const db of databases.splice(0)) db.close();
});

function database(): Dexie.Table<MetaRow, string> {
  const db = new Dexie(`observed-${crypto.randomUUID()}`);
  db.version(1).stores({ meta: 'key' });
  databases.push(db);
  return db.table<MetaRow, string>('meta');
}

describe('observedAcross', () => {
  it('a live query that opens a sealed row, then reads the next, re-runs when the next one changes', async () => {
    const meta = database();
    await meta.put({ key: 'worklist', value: await seal(keys.dataKey, ['own-1'], 'meta:worklist') });
    const seen: unknown[] = [];
    const subscription = liveQuery(async () => {
      const own = await meta.get('worklist');
      const ids = own ? await open(keys.dataKey, own.value, 'meta:worklist') : undefined;
      // Read only after the decrypt: unobserved before observed.ts.
      const department = await meta.get('department');
      return [ids?.ok ? ids.value : undefined, department?.value];
    }).subscribe((value) => seen.push(value));
    try {
      await expect.poll(() => seen.at(-1)).toEqual([['own-1'], undefined]);
      await meta.put({ key: 'department', value: 'arrived' });
      await expect.poll(() => seen.at(-1), { timeout: 2_000 }).toEqual([['own-1'], 'arrived']);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('inside an explicit transaction it hands the promise back as it came', async () => {
    const meta = database();
    const promise = Promise.resolve(1);
    const inside = await meta.db.transaction('r', meta, () => observedAcross(promise) === promise);
    expect(inside).toBe(true);
  });
});
