/**
 * Index keys of retired secrets, kept for one purpose: finding retained stubs purged before
 * re-keying existed (issue 13 stubs without their sealed look-up values, retention-purge.ts).
 * Such a stub's blind indexes cannot be made again under a new key, so a re-key (rekey.ts)
 * keeps the index key it retires, sealed under the new secret's data key in meta
 * 'stub-index-keys', and the look-up asks for stubs under those keys too. Nothing else uses
 * them: attendances, letters, drafts and every newer stub are re-indexed by the re-seal job.
 *
 * Why this leaks nothing new to a removed member: they knew that index key already, and the
 * stubs it indexes existed, with those same indexes, in any copy they took before the removal.
 * Only written while such stubs exist; a tablet without them keeps no old key.
 */
import { isSealed, open as openSealed, seal } from '../crypto/codec';
import { fromBase64Url, toBase64Url } from '../crypto/encoding';
import { importIndexKey, indexKeyBytes } from '../crypto/keys';
import type { DeviceKeys } from '../crypto/keys';
import type { MetaRow, TriageDatabase } from '../db';
import type { Unlocked } from './vault';

export const STUB_INDEX_KEYS_KEY = 'stub-index-keys';
const aad = (deviceId: string) => `${deviceId}:meta:${STUB_INDEX_KEYS_KEY}`;

async function openList(db: Pick<TriageDatabase, 'meta'>, deviceId: string, keys: readonly DeviceKeys[]): Promise<string[]> {
  const value = (await db.meta.get(STUB_INDEX_KEYS_KEY))?.value;
  if (!isSealed(value)) return [];
  for (const each of keys) {
    const opened = await openSealed(each.dataKey, value, aad(deviceId));
    if (opened.ok && Array.isArray(opened.value)) return opened.value.filter((item): item is string => typeof item === 'string');
  }
  return [];
}

/**
 * The row a re-key writes (in its own transaction) when stubs without look-up values exist:
 * the kept keys so far plus the index key of the secret being retired, sealed under the new
 * data key. Undefined when there are no such stubs.
 */
export async function retiredStubIndexKeys(db: Pick<TriageDatabase, 'meta' | 'retainedStubs'>, unlocked: Unlocked, newKeys: DeviceKeys): Promise<MetaRow | undefined> {
  const legacy = await db.retainedStubs.filter((row) => row.lookup === undefined).count();
  if (legacy === 0) return undefined;
  const kept = await openList(db, unlocked.deviceId, [unlocked.keys]);
  const retiring = await indexKeyBytes(unlocked.secret);
  const list = [...kept, toBase64Url(retiring)];
  retiring.fill(0);
  return { key: STUB_INDEX_KEYS_KEY, value: await seal(newKeys.dataKey, list, aad(unlocked.deviceId)) };
}

const imported = new WeakMap<object, Promise<CryptoKey[]>>();

/** The kept index keys, opened with the vault's keys (once per unlock). */
export function stubIndexKeys(db: Pick<TriageDatabase, 'meta'>, unlocked: Unlocked): Promise<CryptoKey[]> {
  let keys = imported.get(unlocked.keys);
  if (!keys) {
    keys = openList(db, unlocked.deviceId, unlocked.previous ? [unlocked.keys, unlocked.previous.keys] : [unlocked.keys]).then((list) =>
      Promise.all(list.map((text) => fromBase64Url(text)).filter((bytes): bytes is Uint8Array<ArrayBuffer> => bytes?.length === 32).map((bytes) => importIndexKey(bytes))),
    );
    imported.set(unlocked.keys, keys);
  }
  return keys;
}
