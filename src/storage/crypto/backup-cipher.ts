/**
 * The backup file's cryptography and framing (issue 13; docs/backup.md). A backup leaves the
 * tablet, so it is not sealed under the device keys: it is encrypted under a key derived from
 * a backup passphrase.
 *
 * Layout (all integers unsigned 32-bit big-endian):
 *   magic "SGTRIAGE-BACKUP\n" (16 bytes) | header length | header (UTF-8 JSON, clear)
 *   | chunk frames: index, length, then 12-byte IV + AES-GCM ciphertext with 16-byte tag
 *   | SHA-256 of everything before it (32 bytes).
 *
 * - Key: PBKDF2-SHA-256 (at least 600,000 iterations, a random 16-byte salt) gives 256 bits,
 *   from which HKDF-SHA-256 derives the chunk key (AES-GCM-256) and a check key (HMAC).
 * - Each chunk's additional data is a label, the SHA-256 of the header's bytes, the chunk's
 *   index and whether it is the final chunk: a changed header, a chunk moved, dropped or
 *   repeated, or a file cut at a chunk boundary fails to decrypt (WebCrypto's AES-GCM is
 *   one-shot, so a long body is split; the index and final flag stop the pieces being
 *   rearranged: the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, 2015).
 * - The passphrase check (HMAC of a label under the check key, 128 bits) tells a wrong
 *   passphrase apart from a changed file; it reveals nothing a GCM tag would not.
 * - The trailing SHA-256 is not a secret-keyed check: it tells an accidental change or an
 *   incomplete copy apart from a wrong passphrase before the slow key derivation. Anyone can
 *   recompute it; what cannot be forged without the passphrase is every chunk's tag.
 *
 * Whoever calls `openBackupFile` gets either every decrypted chunk or one refusal reason;
 * nothing here touches the database.
 */
import { BACKUP_MAX_ITERATIONS, BACKUP_MIN_ITERATIONS } from '../../domain/backup/backup-format';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { bytesEqual, concatBytes, fromBase64Url, toBase64Url, toBufferSource, utf8Bytes } from './encoding';

export const BACKUP_MAGIC = utf8Bytes('SGTRIAGE-BACKUP\n');
/** Plaintext bytes per chunk: 1 MiB keeps each WebCrypto call small and the progress bar moving. */
export const BACKUP_CHUNK_BYTES = 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
const CHECK_BYTES = 16;
const DIGEST_BYTES = 32;
const CHUNK_LABEL = 'safeguarding-triage/backup/v1/chunk\u0000';
const HKDF_SALT = 'safeguarding-triage/backup/v1';
const CHECK_LABEL = 'safeguarding-triage/backup/v1/passphrase-check';

export interface BackupKeys {
  chunkKey: CryptoKey;
  checkKey: CryptoKey;
}

/** A new random salt for a new backup file. */
export function newBackupSalt(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));
}

/** Derives the chunk and check keys from the passphrase (NFC-normalised, trimmed). Throws on a salt or count we could not have written (a programming error). */
export async function deriveBackupKeys(passphrase: string, salt: string, iterations: number): Promise<BackupKeys> {
  const saltBytes = fromBase64Url(salt);
  if (saltBytes?.length !== SALT_BYTES) throw new RangeError('deriveBackupKeys: the salt must be 16 bytes.');
  if (!Number.isSafeInteger(iterations) || iterations < BACKUP_MIN_ITERATIONS || iterations > BACKUP_MAX_ITERATIONS) throw new RangeError('deriveBackupKeys: iterations out of bounds.');
  const material = await crypto.subtle.importKey('raw', utf8Bytes(passphrase.normalize('NFC').trim()), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: saltBytes, iterations }, material, 256);
  const hkdf = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
  const params = (info: string): HkdfParams => ({ name: 'HKDF', hash: 'SHA-256', salt: utf8Bytes(HKDF_SALT), info: utf8Bytes(info) });
  const [chunkKey, checkKey] = await Promise.all([
    crypto.subtle.deriveKey(params('safeguarding-triage/backup/v1/chunk-key/AES-GCM-256'), hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.deriveKey(params('safeguarding-triage/backup/v1/check-key/HMAC-SHA-256'), hkdf, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
  ]);
  return { chunkKey, checkKey };
}

/** The passphrase check stored in the header (base64url, 22 characters). */
export async function passphraseCheck(keys: BackupKeys): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', keys.checkKey, utf8Bytes(CHECK_LABEL));
  return toBase64Url(new Uint8Array(mac, 0, CHECK_BYTES));
}

async function headerDigest(headerBytes: Uint8Array): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', toBufferSource(headerBytes))));
}

const chunkAad = (digest: string, index: number, final: boolean) => utf8Bytes(`${CHUNK_LABEL}${digest}\u0000${String(index)}\u0000${final ? 'final' : 'more'}`);

const u32 = (value: number): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
};

/** Encrypts one chunk of the body; `final` for the last one. */
export async function encryptChunk(keys: BackupKeys, headerBytes: Uint8Array, index: number, final: boolean, plaintext: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: chunkAad(await headerDigest(headerBytes), index, final), tagLength: TAG_BYTES * 8 }, keys.chunkKey, toBufferSource(plaintext)));
  return concatBytes(u32(index), u32(IV_BYTES + ct.length), iv, ct);
}

/** Bytes one chunk frame takes for `plaintextBytes` of body. */
export const chunkFrameBytes = (plaintextBytes: number): number => 8 + IV_BYTES + plaintextBytes + TAG_BYTES;

/** Magic and header, ready to precede the chunk frames. */
export function fileStart(headerBytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(BACKUP_MAGIC, u32(headerBytes.length), headerBytes);
}

/** The trailing SHA-256 over every part before it. */
export async function fileDigest(parts: readonly Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concatBytes(...parts)));
}

/** The file split at its frames, before any decryption. */
export interface FramedBackup {
  headerBytes: Uint8Array;
  frames: { index: number; iv: Uint8Array; ct: Uint8Array }[];
}

export type FrameRefusal = 'empty' | 'json-not-ours' | 'not-ours' | 'truncated' | 'changed' | 'reordered';

const looksLikeJson = (bytes: Uint8Array): boolean => {
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads the magic and the header (not yet trusted): 'empty', 'json-not-ours', 'not-ours', or
 * the header's bytes and where the body starts. The caller parses the header to learn the
 * format version and the expected body length before {@link readFrames}.
 */
export function readFileStart(file: Uint8Array): Result<{ headerBytes: Uint8Array; bodyStart: number }, FrameRefusal> {
  if (file.length === 0) return err('empty');
  if (file.length < BACKUP_MAGIC.length + 4 || !bytesEqual(file.subarray(0, BACKUP_MAGIC.length), BACKUP_MAGIC)) return err(looksLikeJson(file) ? 'json-not-ours' : 'not-ours');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = view.getUint32(BACKUP_MAGIC.length);
  const bodyStart = BACKUP_MAGIC.length + 4 + headerLength;
  if (bodyStart > file.length) return err('truncated');
  return ok({ headerBytes: file.subarray(BACKUP_MAGIC.length + 4, bodyStart), bodyStart });
}

/**
 * Checks the length the header declares, splits the frames, then checks the trailing digest.
 * 'truncated' when the file is shorter than declared; 'reordered' when a frame's index is not
 * its place; 'changed' when longer, or the framing or the digest does not hold.
 */
export async function readFrames(file: Uint8Array, start: { headerBytes: Uint8Array; bodyStart: number }, declared: { bodyBytes: number; chunkCount: number }): Promise<Result<FramedBackup, FrameRefusal>> {
  const expected = start.bodyStart + declared.bodyBytes + DIGEST_BYTES;
  if (file.length < expected) return err('truncated');
  if (file.length > expected) return err('changed');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const frames: FramedBackup['frames'] = [];
  let offset = start.bodyStart;
  const end = expected - DIGEST_BYTES;
  let outOfOrder = false;
  while (offset < end) {
    if (offset + 8 > end) return err('changed');
    const index = view.getUint32(offset);
    const length = view.getUint32(offset + 4);
    if (length < IV_BYTES + TAG_BYTES || offset + 8 + length > end) return err('changed');
    if (index !== frames.length) outOfOrder = true;
    frames.push({ index, iv: file.subarray(offset + 8, offset + 8 + IV_BYTES), ct: file.subarray(offset + 8 + IV_BYTES, offset + 8 + length) });
    offset += 8 + length;
  }
  if (outOfOrder) return err('reordered');
  if (frames.length !== declared.chunkCount) return err('changed');
  const digest = await fileDigest([file.subarray(0, end)]);
  if (!bytesEqual(digest, file.subarray(end))) return err('changed');
  return ok({ headerBytes: start.headerBytes, frames });
}

/** Whether the passphrase made these keys: compared in full, whatever the first difference. */
export async function passphraseMatches(keys: BackupKeys, expected: string): Promise<boolean> {
  const computed = fromBase64Url(await passphraseCheck(keys));
  const stored = fromBase64Url(expected);
  return computed !== undefined && stored !== undefined && bytesEqual(computed, stored);
}

/** Decrypts every chunk in order; 'changed' when any fails (a changed chunk or header, or a chunk out of its place). */
export async function decryptFrames(keys: BackupKeys, framed: FramedBackup): Promise<Result<Uint8Array[], 'changed'>> {
  const digest = await headerDigest(framed.headerBytes);
  const plain: Uint8Array[] = [];
  for (const [position, frame] of framed.frames.entries()) {
    try {
      const final = position === framed.frames.length - 1;
      plain.push(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: toBufferSource(frame.iv), additionalData: chunkAad(digest, position, final), tagLength: TAG_BYTES * 8 }, keys.chunkKey, toBufferSource(frame.ct))));
    } catch {
      return err('changed');
    }
  }
  return ok(plain);
}
