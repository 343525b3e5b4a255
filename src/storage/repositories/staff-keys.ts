/**
 * Who holds the device secret, and how (issue 11, Clarifications): each member of staff's
 * wraps, the recovery key, and the pending re-key.
 *
 * Owns:
 * - a member's keys: the device secret wrapped under their PIN or passphrase (keys.ts), and a
 *   P-256 key pair whose private key is sealed under the same key-encryption key, with the
 *   device secret sealed to its public key (key-pairs.ts). One PBKDF2 derivation opens both.
 *   Accounts made before key pairs get one at their next unlock;
 * - the recovery key's row in `meta` ('recovery-key'): a key pair of its own, its private key
 *   sealed under a KEK made from the recovery key's 160 random bits, the device secret sealed
 *   to it, and a binding MAC, so re-keying can reach it without knowing it;
 * - the pending re-key in `meta` ('rekey:pending'): the seam with the re-seal job.
 *
 * Two secrets while a re-key is pending. Re-keying (rekey.ts) makes a new secret for the next
 * key epoch, seals it to every remaining member and to the recovery key, and keeps the secret
 * being left sealed under the new one in 'rekey:pending' (with both epochs, the new secret's
 * key check and where the audit trail stood). Unlock opens the new secret, and while a re-key
 * is pending opens the old one from it: the vault then holds the new keys, which every write
 * uses, and the old epoch's keys, which only open, look up and verify what the re-seal job
 * (reseal.ts) has not moved yet. The job completes the re-key; the old keys are dropped then.
 * A wrap of the old secret (a removed member's old row put back) is refused while a re-key
 * is pending, and opens nothing once it has completed (the device's key check is the new one).
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { VerifyingKeys } from '../crypto/audit-mac';
import { macBinding, verifyBinding } from '../crypto/binding-mac';
import { isSealed, openBytes, sealBytes } from '../crypto/codec';
import type { Sealed } from '../crypto/codec';
import {
  createRecoveryKey,
  isSealedKeyPair,
  isSecretForKey,
  makeSealedKeyPair,
  newRecoverySalt,
  openPrivateKey,
  openSecretForKey,
  parseRecoveryKey,
  recoveryKek,
  sealSecretForKey,
} from '../crypto/key-pairs';
import type { SealedKeyPair, SecretForKey } from '../crypto/key-pairs';
import { deriveDeviceKeys, deviceKeyCheck } from '../crypto/keys';
import { isUint8Array } from '../crypto/encoding';
import type { DeviceKeys } from '../crypto/keys';
import type { FactorKey } from '../crypto/member-wraps';
import { emptiedWrap, hasKekParameters, holdsSecret, memberKek, newKekParameters, unwrapUnderKek, wrapUnderKek } from '../crypto/member-wraps';
import type { DeviceRow, StaffRow, TriageDatabase } from '../db';
import type { Unlocked } from './vault';

/** The key epoch of a tablet never re-keyed. Each re-key adds one. */
export const FIRST_KEY_EPOCH = 1;
/** meta: the settled key epoch, written when a re-key completes (absent: {@link FIRST_KEY_EPOCH}). */
export const KEY_EPOCH_KEY = 'key-epoch';
/** meta: the re-key waiting for the re-seal job. */
export const PENDING_REKEY_KEY = 'rekey:pending';
/** meta: the key checks of secrets a completed re-key retired (keyed fingerprints: they reveal nothing), so an old wrap is named as superseded. */
export const RETIRED_KEY_CHECKS_KEY = 'key-checks:retired';
/** meta: the recovery key's row. */
export const RECOVERY_KEY_KEY = 'recovery-key';

export const staffHolder = (staffId: string) => `staff:${staffId}`;
const recoveryHolder = (id: string) => `recovery:${id}`;
const pendingAad = (deviceId: string, epoch: number) => `${deviceId}:meta:${PENDING_REKEY_KEY}:epoch:${String(epoch)}`;

// --- Epochs and the pending re-key -----------------------------------------------------

export interface PendingRekey {
  /** The new key epoch. */
  epoch: number;
  /** The epoch being left (absent in rows written before it was recorded: one less). */
  from?: number;
  /** The newest audit event when the re-key started: events after it are MAC'd under the new key only. */
  auditFrom?: number;
  /** The new wrapping secret's key check (keys.ts). */
  keyCheck: string;
  /** The data secret, sealed under the new secret's data key. */
  previous: Sealed;
  at: string;
}

function isPendingRekey(value: unknown): value is PendingRekey {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const optionalCount = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
  return typeof record['epoch'] === 'number' && Number.isSafeInteger(record['epoch']) && typeof record['keyCheck'] === 'string' && isSealed(record['previous']) && typeof record['at'] === 'string' && optionalCount(record['from']) && optionalCount(record['auditFrom']);
}

export async function readPendingRekey(db: Pick<TriageDatabase, 'meta'>): Promise<PendingRekey | undefined> {
  const row = await db.meta.get(PENDING_REKEY_KEY);
  return isPendingRekey(row?.value) ? row.value : undefined;
}

export async function settledEpoch(db: Pick<TriageDatabase, 'meta'>): Promise<number> {
  const value = (await db.meta.get(KEY_EPOCH_KEY))?.value;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= FIRST_KEY_EPOCH ? value : FIRST_KEY_EPOCH;
}

/** The key checks of the secrets completed re-keys retired. */
export async function retiredKeyChecks(db: Pick<TriageDatabase, 'meta'>): Promise<string[]> {
  const value = (await db.meta.get(RETIRED_KEY_CHECKS_KEY))?.value;
  return Array.isArray(value) ? value.filter((check): check is string => typeof check === 'string') : [];
}

/** The epoch of the secret members' wraps hold now: the pending re-key's, else the settled one. */
export async function wrappingEpoch(db: Pick<TriageDatabase, 'meta'>): Promise<number> {
  return (await readPendingRekey(db))?.epoch ?? (await settledEpoch(db));
}

/** The secret new wraps must hold: the one the vault's keys come from (while a re-key is pending, the new secret). */
export const wrappingSecret = (unlocked: Unlocked): Uint8Array => unlocked.secret;

export interface ResolvedSecrets {
  /** The secret the member's wrap holds, and the keys every write uses from now on. */
  secret: Uint8Array;
  keys: DeviceKeys;
  epoch: number;
  /** Present while a re-key is pending: the epoch being left and its keys (open, look up, verify; never write). */
  previous?: { epoch: number; keys: DeviceKeys };
}

/**
 * From the secret a wrap held to the keys the vault holds. 'superseded': a wrap of the
 * secret a pending re-key replaced (a removed member's old row put back); 'other-device': a
 * key of another tablet, or a pending re-key that does not open.
 */
export async function resolveSecrets(db: Pick<TriageDatabase, 'meta'>, device: DeviceRow, opened: Uint8Array): Promise<Result<ResolvedSecrets, 'other-device' | 'superseded'>> {
  const keys = await deriveDeviceKeys(opened);
  const check = await deviceKeyCheck(keys);
  const pending = await readPendingRekey(db);
  if (!pending) {
    if (check === device.keyCheck) return ok({ secret: opened, keys, epoch: await settledEpoch(db) });
    return err((await retiredKeyChecks(db)).includes(check) ? 'superseded' : 'other-device');
  }
  if (check !== pending.keyCheck) return err(check === device.keyCheck ? 'superseded' : 'other-device');
  const previous = await openBytes(keys.dataKey, pending.previous, pendingAad(device.deviceId, pending.epoch));
  if (!previous.ok) return err('other-device');
  try {
    const previousKeys = await deriveDeviceKeys(previous.value);
    if ((await deviceKeyCheck(previousKeys)) !== device.keyCheck) return err('other-device');
    return ok({ secret: opened, keys, epoch: pending.epoch, previous: { epoch: pending.from ?? pending.epoch - 1, keys: previousKeys } });
  } finally {
    // Only its keys are needed (non-extractable); the old secret itself leaves memory now.
    previous.value.fill(0);
  }
}

// --- A member's keys -------------------------------------------------------------------

export type MemberKeys = Pick<StaffRow, 'wrapped' | 'keyPair' | 'secretForKey'>;

/** New wraps from a new PIN or passphrase: the wrapped secret, a new key pair, the secret sealed to it. */
export async function makeMemberKeys(staffId: string, pin: string, secret: Uint8Array, epoch: number, factor?: FactorKey): Promise<Required<MemberKeys>> {
  const parameters = newKekParameters();
  const kek = await memberKek(pin, parameters, factor);
  const [wrapped, keyPair] = await Promise.all([wrapUnderKek(kek, secret, staffId, parameters), makeSealedKeyPair(kek, staffHolder(staffId))]);
  return { wrapped, keyPair, secretForKey: await sealSecretForKey(secret, keyPair.publicKey, staffHolder(staffId), epoch) };
}

/** True when the row could open with the right PIN: KDF parameters, and a wrap or a seal to its key pair. */
export function canOpen(row: StaffRow): boolean {
  return hasKekParameters(row.wrapped) && (holdsSecret(row.wrapped) || (isSealedKeyPair(row.keyPair) && isSecretForKey(row.secretForKey)));
}

export interface OpenedMember {
  /** The wrapping secret this member holds. */
  secret: Uint8Array;
  kek: CryptoKey;
  /** Opened with the key pair (after a re-key emptied the wrap): the wrap is remade. */
  viaKeyPair: boolean;
}

/**
 * A member's copy of the secret with their PIN or passphrase: the wrap, or after a re-key the
 * seal to their key pair. 'wrong-pin' is also what a changed wrap looks like (GCM cannot tell).
 */
export async function openMember(row: StaffRow, pin: string, factor?: FactorKey): Promise<Result<OpenedMember, 'wrong-pin' | 'damaged' | 'no-key'>> {
  if (!hasKekParameters(row.wrapped)) return err('damaged');
  const stored: unknown = row.wrapped.ciphertext;
  const sealedToKey = isSealedKeyPair(row.keyPair) && isSecretForKey(row.secretForKey);
  // A removal empties the wrap and deletes the key pair: nothing left to open.
  if (!holdsSecret(row.wrapped) && !sealedToKey) return err(isUint8Array(stored) && stored.length === 0 ? 'no-key' : 'damaged');
  if (pin === '') return err('wrong-pin');
  const kek = await memberKek(pin, row.wrapped, factor);
  if (holdsSecret(row.wrapped)) {
    const secret = await unwrapUnderKek(kek, row.wrapped, row.id);
    return secret?.length === 32 ? ok({ secret, kek, viaKeyPair: false }) : err('wrong-pin');
  }
  if (!row.keyPair || !row.secretForKey) return err('no-key');
  const privateKey = await openPrivateKey(kek, row.keyPair, staffHolder(row.id));
  if (!privateKey) return err('wrong-pin');
  const secret = await openSecretForKey(privateKey, row.secretForKey, row.keyPair.publicKey, staffHolder(row.id));
  return secret ? ok({ secret, kek, viaKeyPair: true }) : err('damaged');
}

/**
 * After a good unlock: the wrap made again when a re-key had emptied it, and a key pair made
 * for an account from before key pairs (the migration). Undefined when nothing changes.
 * The caller binds the row again (the binding covers the key pair and the seal to it).
 */
export async function refreshedMemberKeys(db: Pick<TriageDatabase, 'meta'>, row: StaffRow, opened: OpenedMember): Promise<MemberKeys | undefined> {
  const changes: MemberKeys = { wrapped: row.wrapped };
  let changed = false;
  if (opened.viaKeyPair) {
    changes.wrapped = await wrapUnderKek(opened.kek, opened.secret, row.id, row.wrapped);
    changed = true;
  }
  if (!isSealedKeyPair(row.keyPair) || !isSecretForKey(row.secretForKey)) {
    const keyPair = await makeSealedKeyPair(opened.kek, staffHolder(row.id));
    changes.keyPair = keyPair;
    changes.secretForKey = await sealSecretForKey(opened.secret, keyPair.publicKey, staffHolder(row.id), await wrappingEpoch(db));
    changed = true;
  }
  return changed ? changes : undefined;
}

// --- The recovery key ------------------------------------------------------------------

export interface RecoveryRow {
  id: string;
  issuedAt: string;
  issuedBy: string;
  salt: string;
  keyPair: SealedKeyPair;
  secretForKey: SecretForKey;
  /** HMAC under the audit key over the rest (binding-mac.ts): a planted key pair is refused. */
  binding: string;
}

function isRecoveryRow(value: unknown): value is RecoveryRow {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['id'] === 'string' && typeof record['salt'] === 'string' && typeof record['binding'] === 'string' && isSealedKeyPair(record['keyPair']) && isSecretForKey(record['secretForKey']);
}

export async function readRecoveryRow(db: Pick<TriageDatabase, 'meta'>): Promise<RecoveryRow | undefined> {
  const value = (await db.meta.get(RECOVERY_KEY_KEY))?.value;
  return isRecoveryRow(value) ? value : undefined;
}

const recoveryBound = ({ binding: _binding, ...rest }: RecoveryRow) => rest;

export async function bindRecoveryRow(auditKey: CryptoKey, row: Omit<RecoveryRow, 'binding'> & { binding?: string }): Promise<RecoveryRow> {
  const { binding: _old, ...rest } = row;
  return { ...rest, binding: await macBinding(auditKey, 'recovery-key', 'device', rest) };
}

export function recoveryRowHolds(auditKey: VerifyingKeys, row: RecoveryRow): Promise<boolean> {
  return verifyBinding(auditKey, 'recovery-key', 'device', recoveryBound(row), row.binding);
}

/** A new recovery key sealed to this secret: its text (shown once, never stored) and its row (the old row is replaced, so the old key stops working). */
export async function newRecoveryKey(auditKey: CryptoKey, secret: Uint8Array, epoch: number, id: string, by: string, at: string): Promise<{ text: string; row: RecoveryRow }> {
  const { bytes, text } = createRecoveryKey();
  const salt = newRecoverySalt();
  try {
    const kek = await recoveryKek(bytes, salt);
    if (!kek) throw new RangeError('recovery key');
    const keyPair = await makeSealedKeyPair(kek, recoveryHolder(id));
    const secretForKey = await sealSecretForKey(secret, keyPair.publicKey, recoveryHolder(id), epoch);
    return { text, row: await bindRecoveryRow(auditKey, { id, issuedAt: at, issuedBy: by, salt, keyPair, secretForKey }) };
  } finally {
    bytes.fill(0);
  }
}

/** The wrapping secret from the recovery key as typed: 'malformed' (not 32 base32 characters) or 'wrong-key'. */
export async function openWithRecoveryKey(row: RecoveryRow, typed: string): Promise<Result<Uint8Array, 'malformed' | 'wrong-key'>> {
  const bytes = parseRecoveryKey(typed);
  if (!bytes) return err('malformed');
  try {
    const kek = await recoveryKek(bytes, row.salt);
    if (!kek) return err('wrong-key');
    const privateKey = await openPrivateKey(kek, row.keyPair, recoveryHolder(row.id));
    if (!privateKey) return err('wrong-key');
    const secret = await openSecretForKey(privateKey, row.secretForKey, row.keyPair.publicKey, recoveryHolder(row.id));
    return secret ? ok(secret) : err('wrong-key');
  } finally {
    bytes.fill(0);
  }
}

// --- Re-keying -------------------------------------------------------------------------

/** A member's keys after a re-key: the new secret sealed to their public key, their wrap emptied (their next unlock remakes it). */
export async function rekeyedMember(row: StaffRow & { keyPair: SealedKeyPair }, secret: Uint8Array, epoch: number): Promise<MemberKeys> {
  return { wrapped: emptiedWrap(row.wrapped), keyPair: row.keyPair, secretForKey: await sealSecretForKey(secret, row.keyPair.publicKey, staffHolder(row.id), epoch) };
}

/** The recovery row with the new secret sealed to its public key (the recovery key itself is unchanged). */
export async function rekeyedRecovery(auditKey: CryptoKey, row: RecoveryRow, secret: Uint8Array, epoch: number): Promise<RecoveryRow> {
  return bindRecoveryRow(auditKey, { ...row, secretForKey: await sealSecretForKey(secret, row.keyPair.publicKey, recoveryHolder(row.id), epoch) });
}

/** The pending re-key row: the secret being left sealed under the new secret's data key, with both epochs, the new key check and where the audit trail stood. */
export async function pendingRekeyRow(deviceId: string, oldSecret: Uint8Array, newKeys: DeviceKeys, from: number, epoch: number, auditFrom: number, at: string): Promise<{ key: string; value: PendingRekey }> {
  return { key: PENDING_REKEY_KEY, value: { epoch, from, auditFrom, keyCheck: await deviceKeyCheck(newKeys), previous: await sealBytes(newKeys.dataKey, oldSecret, pendingAad(deviceId, epoch)), at } };
}
