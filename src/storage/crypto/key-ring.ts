/**
 * The department's earlier key epochs in memory (issue 14 §8, department re-keying; design
 * docs/design/department-sync.md, "Where the built department re-keying differs"). Owns only
 * the registry: which earlier epochs' keys go with the keys the vault holds now. Filled at
 * unlock and at a re-key from the department's key ring (storage/sync/department-rekey.ts),
 * which holds every earlier secret sealed under the newest; read by the sealed-row format
 * (a box of an earlier epoch opens), the transport boxes (one sealed under an earlier
 * secret's transport key opens), and the look-ups (an index made under an earlier index key
 * is still found). Nothing is ever sealed, indexed or MAC'd with these keys.
 *
 * Keyed by the vault's own key objects (WeakMaps): when the vault locks and drops its keys,
 * the earlier keys go with them. Only derived keys (non-extractable) are held, never a secret.
 */
import type { DeviceKeys } from './keys';

const byKeys = new WeakMap<object, ReadonlyMap<number, DeviceKeys>>();
const bySecret = new WeakMap<Uint8Array, readonly CryptoKey[]>();

/** Registers the earlier epochs' keys and transport keys that go with the current keys and secret. */
export function registerEarlierKeys(current: { keys: object; secret: Uint8Array }, earlier: ReadonlyMap<number, DeviceKeys>, transportKeys: readonly CryptoKey[]): void {
  byKeys.set(current.keys, earlier);
  bySecret.set(current.secret, transportKeys);
}

/** The earlier epochs' keys that go with these keys (none when no re-key of a department reached this tablet). */
export const earlierKeys = (keys: object): ReadonlyMap<number, DeviceKeys> | undefined => byKeys.get(keys);

/** The earlier secrets' transport keys that go with this secret. */
export const earlierTransportKeys = (secret: Uint8Array): readonly CryptoKey[] => bySecret.get(secret) ?? [];

/** A look-up's keys and every earlier epoch's after them: for reading only (finding other tablets' rows of earlier epochs), never for writing an index. */
export function withEarlierKeys<K extends object>(lookup: readonly K[], current: object): (K | DeviceKeys)[] {
  return [...lookup, ...(byKeys.get(current)?.values() ?? [])];
}

/** The audit keys a MAC of another tablet's chain may be under: these, and every earlier epoch's (an event written before its tablet took a re-key up). */
export function withEarlierAuditKeys(verifying: CryptoKey | readonly CryptoKey[], current: object): CryptoKey[] {
  return [...(Array.isArray(verifying) ? (verifying as readonly CryptoKey[]) : [verifying as CryptoKey]), ...[...(byKeys.get(current)?.values() ?? [])].map((keys) => keys.auditKey)];
}
