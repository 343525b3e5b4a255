/**
 * The audit chain's MAC: HMAC-SHA-256 under the device audit key over an event's chain hash.
 *
 * Why a MAC on top of the hash chain (domain/audit/chain.ts): anyone who can edit the
 * database can rewrite an event and recompute every hash after it, and the chain would
 * still verify. They cannot recompute the MACs without the audit key, which only exists
 * while a member of staff has the device unlocked. Because each hash covers every event
 * before it, a valid MAC on an event vouches for the whole history up to that event.
 *
 * The MAC is the full 256 bits, base64url (43 characters). Verification goes through
 * WebCrypto's verify, which compares in constant time.
 */
import { fromBase64Url, utf8Bytes, toBase64Url } from './encoding';
import { observedAcross } from './observed';

const AUDIT_MAC_LABEL = 'safeguarding-triage/v1/audit-event\u0000';
const HASH_HEX = /^[0-9a-f]{64}$/;
const MAC_BYTES = 32;

function macInput(hashHex: string): Uint8Array<ArrayBuffer> {
  return utf8Bytes(AUDIT_MAC_LABEL + hashHex);
}

/**
 * The key or keys a MAC is checked against. One key, except while a re-key is pending
 * (repositories/rekey.ts): then the new epoch's audit key first and the old epoch's second,
 * because what was MAC'd before the re-key is moved to the new key by the re-seal job, not
 * all at once. Every new MAC is made with the new key only.
 */
export type VerifyingKeys = CryptoKey | readonly CryptoKey[];

export const keyList = (keys: VerifyingKeys): readonly CryptoKey[] => (Array.isArray(keys) ? (keys as readonly CryptoKey[]) : [keys as CryptoKey]);

async function verifyUnderAny(keys: VerifyingKeys, mac: Uint8Array<ArrayBuffer>, input: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const list = keyList(keys);
  for (const key of list) assertAuditKey(key, 'verify');
  for (const key of list) if (await observedAcross(crypto.subtle.verify('HMAC', key, mac, input))) return true;
  return false;
}

function assertAuditKey(auditKey: CryptoKey, usage: 'sign' | 'verify'): void {
  if (auditKey.algorithm.name !== 'HMAC' || !auditKey.usages.includes(usage)) {
    throw new TypeError(`Expected an HMAC key that can ${usage}.`);
  }
}

/**
 * The MAC of an audit event's hash (64 lower-case hex characters).
 * Throws (a programming error) when `hashHex` is not a SHA-256 hex digest.
 */
export async function macAuditHash(auditKey: CryptoKey, hashHex: string): Promise<string> {
  assertAuditKey(auditKey, 'sign');
  if (!HASH_HEX.test(hashHex)) {
    throw new RangeError('macAuditHash: expected a lower-case SHA-256 hex digest.');
  }
  const mac = await observedAcross(crypto.subtle.sign('HMAC', auditKey, macInput(hashHex)));
  return toBase64Url(new Uint8Array(mac));
}

/**
 * True when `mac` is the MAC of `hashHex` under this audit key. A malformed hash or MAC
 * (including the empty MAC of an event written while locked) is simply false.
 */
export async function verifyAuditMac(
  auditKeys: VerifyingKeys,
  hashHex: string,
  mac: string,
): Promise<boolean> {
  for (const key of keyList(auditKeys)) assertAuditKey(key, 'verify');
  if (!HASH_HEX.test(hashHex)) return false;
  const macBytes = fromBase64Url(mac);
  if (macBytes?.length !== MAC_BYTES) return false;
  return verifyUnderAny(auditKeys, macBytes, macInput(hashHex));
}

/**
 * The two places that remember how far the trail has got: the head, and a high-water mark
 * kept in a second row. Each is MAC'd with its own label over the newest sequence number
 * and that event's hash, so neither can be made from an event's MAC (which covers the hash
 * alone) nor from the other.
 */
export type AuditAnchorKind = 'head' | 'high-water';

function anchorInput(kind: AuditAnchorKind, count: number, hashHex: string): Uint8Array<ArrayBuffer> {
  return utf8Bytes(`safeguarding-triage/v1/audit-${kind}\u0000${String(count)}\u0000${hashHex}`);
}

/** The MAC of an anchor (the newest sequence number and that event's hash). */
export async function macAuditAnchor(auditKey: CryptoKey, kind: AuditAnchorKind, count: number, hashHex: string): Promise<string> {
  assertAuditKey(auditKey, 'sign');
  if (!HASH_HEX.test(hashHex) || !Number.isSafeInteger(count) || count < 1) {
    throw new RangeError('macAuditAnchor: expected a positive count and a lower-case SHA-256 hex digest.');
  }
  return toBase64Url(new Uint8Array(await observedAcross(crypto.subtle.sign('HMAC', auditKey, anchorInput(kind, count, hashHex)))));
}

/** True when `mac` is this anchor's MAC under this audit key; anything malformed is false. */
export async function verifyAuditAnchor(auditKeys: VerifyingKeys, kind: AuditAnchorKind, count: number, hashHex: string, mac: string): Promise<boolean> {
  for (const key of keyList(auditKeys)) assertAuditKey(key, 'verify');
  if (!HASH_HEX.test(hashHex) || !Number.isSafeInteger(count) || count < 1) return false;
  const macBytes = fromBase64Url(mac);
  if (macBytes?.length !== MAC_BYTES) return false;
  return verifyUnderAny(auditKeys, macBytes, anchorInput(kind, count, hashHex));
}

/**
 * The verification checkpoint: how far a check of the whole trail (or a check since the
 * previous checkpoint) has got, and which events up to there record or acknowledge a break.
 * Under a label of its own, so it can be made from neither an event's MAC nor an anchor's.
 */
function checkpointInput(count: number, hashHex: string, breakSeqs: readonly number[]): Uint8Array<ArrayBuffer> {
  return utf8Bytes(`safeguarding-triage/v1/audit-checkpoint\u0000${String(count)}\u0000${hashHex}\u0000${breakSeqs.map(String).join(',')}`);
}

const isCheckpoint = (count: number, hashHex: string, breakSeqs: readonly number[]) =>
  HASH_HEX.test(hashHex) && Number.isSafeInteger(count) && count >= 1 && breakSeqs.every((seq) => Number.isSafeInteger(seq) && seq >= 1 && seq <= count);

/** The MAC of a checkpoint (a checked sequence number, that event's hash and the break events up to it). */
export async function macAuditCheckpoint(auditKey: CryptoKey, count: number, hashHex: string, breakSeqs: readonly number[]): Promise<string> {
  assertAuditKey(auditKey, 'sign');
  if (!isCheckpoint(count, hashHex, breakSeqs)) {
    throw new RangeError('macAuditCheckpoint: expected a positive count, a lower-case SHA-256 hex digest and break positions up to the count.');
  }
  return toBase64Url(new Uint8Array(await observedAcross(crypto.subtle.sign('HMAC', auditKey, checkpointInput(count, hashHex, breakSeqs)))));
}

/** True when `mac` is this checkpoint's MAC under this audit key; anything malformed is false. */
export async function verifyAuditCheckpoint(auditKeys: VerifyingKeys, count: number, hashHex: string, breakSeqs: readonly number[], mac: string): Promise<boolean> {
  for (const key of keyList(auditKeys)) assertAuditKey(key, 'verify');
  if (!isCheckpoint(count, hashHex, breakSeqs)) return false;
  const macBytes = fromBase64Url(mac);
  if (macBytes?.length !== MAC_BYTES) return false;
  return verifyUnderAny(auditKeys, macBytes, checkpointInput(count, hashHex, breakSeqs));
}
