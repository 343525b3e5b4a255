/**
 * The lock screen's first read, without Dexie: the same names, in the same order, as the
 * staff repository gives the React lock screen; nothing on a new tablet, and no database made
 * there; nothing when unsure; and the connection gone, so the app's own open is not held up.
 */
import { describe, expect, it } from 'vitest';
import { readLockScreenFacts } from './lock-screen-facts';
import { firstValue, openTestStorage, setUpTablet, tamper, triageNurse, uniqueDatabaseName } from '../test-support/storage-fixtures';

describe('the lock screen facts read at a cold start', () => {
  it('are the staff list the repository gives the lock screen, removed members included, in the same order', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const sam = await storage.repos.staff.add(triageNurse());
    const removed = await storage.repos.staff.add(triageNurse({ name: 'Ada Brown', secret: '555123' }));
    if (!sam.ok || !removed.ok) throw new Error('staff not added');
    expect((await storage.repos.staff.remove(removed.value.id)).ok).toBe(true);

    const facts = await readLockScreenFacts({ name: storage.name });
    const listed = await firstValue(storage.repos.staff.list());
    expect(facts?.staff).toEqual(listed);
    expect(facts?.staff.map((member) => [member.name, member.secretKind, member.active])).toEqual([
      ['Ada Brown', 'pin', false],
      ['Alex Morgan', 'passphrase', true],
      ['Sam Patel', 'pin', true],
    ]);
    storage.repos.close();
  });

  it('say when a member of staff has added the authenticator', async () => {
    const storage = await openTestStorage();
    const id = await setUpTablet(storage.repos);
    await tamper(storage.name, (db) => db.staff.update(id, { hardwareFactor: { credentialId: 'credential', prfSalt: 'prf', kdfSalt: 'kdf', enrolledAt: '2026-03-10T14:00:00.000Z' } }));

    const facts = await readLockScreenFacts({ name: storage.name });
    expect(facts?.staff).toEqual([{ id, name: 'Alex Morgan', secretKind: 'passphrase', active: true, hardwareFactor: true }]);
    storage.repos.close();
  });

  it('are nothing on a new tablet, and leave no database behind for Dexie to find at the wrong version', async () => {
    const name = uniqueDatabaseName();
    expect(await readLockScreenFacts({ name })).toBeUndefined();
    expect((await indexedDB.databases()).map((database) => database.name)).not.toContain(name);
  });

  it('are nothing when the database is there but the tablet was never set up', async () => {
    const storage = await openTestStorage();
    expect(await readLockScreenFacts({ name: storage.name })).toBeUndefined();
    storage.repos.close();
  });

  it('are nothing when a staff row is not what the lock screen expects', async () => {
    const storage = await openTestStorage();
    const id = await setUpTablet(storage.repos);
    await tamper(storage.name, (db) => db.staff.update(id, { secretKind: 'fingerprint' as never }));
    expect(await readLockScreenFacts({ name: storage.name })).toBeUndefined();
    storage.repos.close();
  });

  it('are nothing when the database does not open in time', async () => {
    const never = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
    expect(await readLockScreenFacts({ factory: never, timeoutMs: 20 })).toBeUndefined();
  });

  it('leave no connection open to hold up a schema upgrade', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    storage.repos.close();
    expect(await readLockScreenFacts({ name: storage.name })).toBeDefined();

    const version = await new Promise<number>((resolve, reject) => {
      const request = indexedDB.open(storage.name);
      request.onsuccess = () => {
        request.result.close();
        resolve(request.result.version);
      };
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    // An upgrade waits for every other connection to close: one left open would block it.
    const events: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(storage.name, version + 1);
      request.onblocked = () => events.push('blocked');
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    expect(events).toEqual([]);
  });
});
