/**
 * The lock screen's first read at a cold start: whether this tablet is set up, and the names
 * on its staff list, straight from IndexedDB without Dexie, the schema or any key.
 *
 * Why it exists: the budget is an offline cold start to a lock screen that takes a PIN in
 * under 1 s at 4x CPU slowdown, in every run (PRODUCT.md section 10). Waiting for React,
 * Dexie and the app's modules put the lock screen at 1.1–1.6 s; with these facts the
 * entry draws the lock screen (features/lock/early-lock-screen.ts) while the rest loads.
 *
 * It only reads, what the locked app already shows (names, PIN or passphrase, whether an
 * authenticator is added), and it never creates the database: on a new tablet the open's
 * upgrade is aborted, so Dexie still creates it at its own version. Any doubt (no database,
 * a store missing, an error, a slow open) is `undefined`, and the app starts as it did
 * before, with its own lock or set-up screen. The connection closes at once, and gives way
 * to a schema upgrade in another tab while open.
 */
import { DATABASE_NAME } from './database-name';
import type { StaffName } from './repositories/types';

export interface LockScreenFacts {
  /** Active and removed members, ordered by name as the staff repository lists them. */
  staff: StaffName[];
}

/** Longer than this and the app's own start is as quick: the facts are dropped. */
const OPEN_TIMEOUT_MS = 400;

/** The fields of a staff row this read relies on (storage/db.ts StaffRow). */
interface StaffNameFields {
  id?: unknown;
  name?: unknown;
  secretKind?: unknown;
  active?: unknown;
  hardwareFactor?: unknown;
}

function staffName(row: StaffNameFields): StaffName | undefined {
  if (typeof row.id !== 'string' || typeof row.name !== 'string' || (row.secretKind !== 'pin' && row.secretKind !== 'passphrase')) return undefined;
  return { id: row.id, name: row.name, secretKind: row.secretKind, active: row.active === 1, ...(row.hardwareFactor ? { hardwareFactor: true } : {}) };
}

function readFrom(db: IDBDatabase): Promise<LockScreenFacts | undefined> {
  return new Promise((resolve) => {
    if (!db.objectStoreNames.contains('device') || !db.objectStoreNames.contains('staff')) {
      resolve(undefined);
      return;
    }
    const tx = db.transaction(['device', 'staff'], 'readonly');
    const device = tx.objectStore('device').get('device');
    const staffStore = tx.objectStore('staff');
    // The 'name' index orders as Dexie's orderBy('name') does; a store without it is not ours.
    const rows = staffStore.indexNames.contains('name') ? staffStore.index('name').getAll() : undefined;
    tx.oncomplete = () => {
      if (!device.result || !rows) {
        resolve(undefined);
        return;
      }
      const staff = (rows.result as StaffNameFields[]).map(staffName);
      resolve(staff.every((member) => member !== undefined) ? { staff } : undefined);
    };
    tx.onerror = () => resolve(undefined);
    tx.onabort = () => resolve(undefined);
  });
}

export interface LockScreenFactsOptions {
  factory?: IDBFactory | undefined;
  /** The database's name: tests give each their own. */
  name?: string;
  timeoutMs?: number;
}

// Where IndexedDB is missing altogether (some private modes), there is nothing to read.
const platformIndexedDB = (): IDBFactory | undefined => (globalThis as { indexedDB?: IDBFactory }).indexedDB;

export function readLockScreenFacts({ factory = platformIndexedDB(), name = DATABASE_NAME, timeoutMs = OPEN_TIMEOUT_MS }: LockScreenFactsOptions = {}): Promise<LockScreenFacts | undefined> {
  if (!factory) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (facts: LockScreenFacts | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(facts);
    };
    const timer = setTimeout(() => settle(undefined), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name);
    } catch {
      settle(undefined);
      return;
    }
    // No database yet (a new tablet): abort, so nothing is created here.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      settle(undefined);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      if (settled) {
        db.close();
        return;
      }
      const done = (facts: LockScreenFacts | undefined) => {
        db.close();
        settle(facts);
      };
      readFrom(db).then(done, () => done(undefined));
    };
  });
}
