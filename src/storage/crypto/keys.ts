/**
 * The device's keys: the random device secret, its wrapping under each member of staff's
 * PIN or passphrase, and the working keys derived from it.
 *
 * Owns:
 * - the device secret: 32 random bytes made once, when the device is set up;
 * - a wrapped copy of that secret per member of staff: AES-GCM-256 under a key-encryption
 *   key (KEK) derived from their PIN or passphrase with PBKDF2-SHA-256, at least 600,000
 *   iterations (OWASP Password Storage Cheat Sheet, 2023 onwards) and a random 16-byte
 *   salt per wrap, with the staff id as additional authenticated data;
 * - the working keys derived from the secret with HKDF-SHA-256 (RFC 5869): the data key
 *   (AES-GCM-256), the blind-index key and the audit key (both HMAC-SHA-256);
 * - the key check: a short keyed fingerprint that tells "this database belongs to another
 *   device" apart from "wrong PIN".
 *
 * Why one secret wrapped per member of staff (rather than a key per PIN): everyone on the
 * ward must be able to read what a colleague saved, and changing or removing one person's
 * PIN must not mean re-encrypting every record.
 *
 * What a PIN protects against, and what it cannot: stretching makes every guess cost
 * 600,000 HMAC-SHA-256 rounds, so guessing at the lock screen is slow and the lock screen
 * throttles it further. But a 4–6 digit PIN has at most a million values: someone who copies
 * the database off the tablet can try them all offline, where no throttle applies: hours
 * on an ordinary computer, minutes on a gaming graphics card. A long passphrase resists
 * that; a PIN does not. The threat model document says this in plain words.
 *
 * Every key made here is non-extractable: script on the page can use it while the app is
 * unlocked but cannot read it out, and locking drops the only references to it.
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { isUint8Array, toBase64Url, toBufferSource, utf8Bytes } from './encoding';

/** The fewest PBKDF2-SHA-256 iterations we write or accept (OWASP, 2023). */
export const PBKDF2_MIN_ITERATIONS = 600_000;

/**
 * The most iterations a stored record may ask for. A damaged or planted record claiming
 * billions would otherwise freeze the lock screen; ten million is far beyond any setting
 * we would choose for a tablet.
 */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;

/** Length of the device secret in bytes (256 bits). */
export const DEVICE_SECRET_BYTES = 32;
const SALT_BYTES = 16;
const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const WRAPPED_SECRET_BYTES = DEVICE_SECRET_BYTES + GCM_TAG_BYTES;

/** Labels that keep each use of a key apart (domain separation). Never change a released one. */
const WRAP_AAD_PREFIX = 'safeguarding-triage/wrapped-device-secret/v1/staff:';
const HKDF_SALT = 'safeguarding-triage/device-keys/v1';
const HKDF_INFO = {
  dataKey: 'safeguarding-triage/v1/data-key/AES-GCM-256',
  indexKey: 'safeguarding-triage/v1/blind-index/HMAC-SHA-256',
  auditKey: 'safeguarding-triage/v1/audit-mac/HMAC-SHA-256',
} as const;
const KEY_CHECK_LABEL = 'safeguarding-triage/v1/device-key-check';
const KEY_CHECK_BYTES = 16;

/** The device secret encrypted under one member of staff's PIN or passphrase. */
export interface WrappedSecret {
  kdf: 'PBKDF2-SHA-256';
  /** 16 random bytes, new for every wrap, so equal PINs give unrelated KEKs. */
  salt: Uint8Array;
  iterations: number;
  /** 12-byte AES-GCM nonce. */
  iv: Uint8Array;
  /** The 32-byte secret followed by the 16-byte GCM tag. */
  ciphertext: Uint8Array;
}

/** The working keys for an unlocked device. None of them can be exported. */
export interface DeviceKeys {
  /** AES-GCM-256: encrypts every personal and clinical field and every letter. */
  dataKey: CryptoKey;
  /** HMAC-SHA-256: blind indexes for look-ups by NHS number and by name + date of birth. */
  indexKey: CryptoKey;
  /** HMAC-SHA-256: authenticates the head of the audit chain at each event. */
  auditKey: CryptoKey;
}

/** Makes a new random device secret. Called once, when the device is set up. */
export function createDeviceSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(DEVICE_SECRET_BYTES));
}

/** The wrap's additional data: the staff id (exported for member-wraps.ts, which wraps under a KEK it already holds). */
export function wrapAad(staffId: string): Uint8Array<ArrayBuffer> {
  return utf8Bytes(WRAP_AAD_PREFIX + staffId);
}

/**
 * PINs and passphrases are NFC-normalised before use, so the same passphrase typed on two
 * keyboards that compose accents differently (é as one code point or as e + accent) works.
 */
export async function deriveKek(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    utf8Bytes(pin.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: toBufferSource(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Encrypts the device secret under a key derived from a member of staff's PIN or passphrase.
 * The staff id is bound in as additional authenticated data, so a wrapped secret copied onto
 * another staff record does not unlock.
 *
 * Throws (programming errors, never user input): a secret that is not 32 bytes, an empty PIN
 * or staff id, or fewer than {@link PBKDF2_MIN_ITERATIONS} (or more than the maximum) iterations.
 */
export async function wrapDeviceSecret(
  secret: Uint8Array,
  pin: string,
  staffId: string,
  iterations: number = PBKDF2_MIN_ITERATIONS,
): Promise<WrappedSecret> {
  if (!isUint8Array(secret) || secret.length !== DEVICE_SECRET_BYTES) {
    throw new RangeError(`The device secret must be ${DEVICE_SECRET_BYTES} bytes.`);
  }
  if (pin === '') throw new RangeError('A PIN or passphrase is required.');
  if (staffId === '') throw new RangeError('A staff id is required.');
  if (
    !Number.isSafeInteger(iterations) ||
    iterations < PBKDF2_MIN_ITERATIONS ||
    iterations > PBKDF2_MAX_ITERATIONS
  ) {
    throw new RangeError(
      `PBKDF2 iterations must be a whole number from ${PBKDF2_MIN_ITERATIONS} to ${PBKDF2_MAX_ITERATIONS}.`,
    );
  }
  // Copied before the first await: a caller that zeroes its copy meanwhile (locking does)
  // must not get a wrap of zeros.
  const plaintext = toBufferSource(secret);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES));
  try {
    const kek = await deriveKek(pin, salt, iterations);
    const ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: wrapAad(staffId), tagLength: GCM_TAG_BYTES * 8 },
      kek,
      plaintext,
    );
    return { kdf: 'PBKDF2-SHA-256', salt, iterations, iv, ciphertext: new Uint8Array(ciphertext) };
  } finally {
    plaintext.fill(0);
  }
}

/**
 * True when `value` has the shape of a {@link WrappedSecret} that we could have written:
 * the right KDF, field types and lengths, and an iteration count within our bounds.
 * Use it when reading a staff record from storage, which is untrusted input.
 */
export function isWrappedSecret(value: unknown): value is WrappedSecret {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record['kdf'] === 'PBKDF2-SHA-256' &&
    isUint8Array(record['salt']) &&
    record['salt'].length === SALT_BYTES &&
    typeof record['iterations'] === 'number' &&
    Number.isSafeInteger(record['iterations']) &&
    record['iterations'] >= PBKDF2_MIN_ITERATIONS &&
    record['iterations'] <= PBKDF2_MAX_ITERATIONS &&
    isUint8Array(record['iv']) &&
    record['iv'].length === GCM_IV_BYTES &&
    isUint8Array(record['ciphertext']) &&
    record['ciphertext'].length === WRAPPED_SECRET_BYTES
  );
}

/**
 * Recovers the device secret with a member of staff's PIN or passphrase.
 *
 * - 'damaged': the stored record is not one we could have written (missing fields, wrong
 *   lengths, iterations out of bounds); no key derivation is attempted.
 * - 'wrong-pin': AES-GCM authentication failed. This is what a wrong PIN looks like, but
 *   it is also what a tampered salt, IV, ciphertext or a record moved from another member
 *   of staff looks like: GCM cannot tell these apart, and neither can we. The lock screen
 *   counts it as a failed attempt either way.
 *
 * Throttling attempts is the caller's job (the lock screen); this only does the arithmetic.
 */
export async function unwrapDeviceSecret(
  wrapped: WrappedSecret,
  pin: string,
  staffId: string,
): Promise<Result<Uint8Array, 'wrong-pin' | 'damaged'>> {
  if (!isWrappedSecret(wrapped)) return err('damaged');
  if (pin === '') return err('wrong-pin');
  const kek = await deriveKek(pin, wrapped.salt, wrapped.iterations);
  let plaintext: ArrayBuffer;
  try {
    plaintext = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: toBufferSource(wrapped.iv),
        additionalData: wrapAad(staffId),
        tagLength: GCM_TAG_BYTES * 8,
      },
      kek,
      toBufferSource(wrapped.ciphertext),
    );
  } catch {
    return err('wrong-pin');
  }
  // Unreachable with a record we wrote (the length was checked above); kept as a backstop.
  if (plaintext.byteLength !== DEVICE_SECRET_BYTES) return err('damaged');
  return ok(new Uint8Array(plaintext));
}

function hkdfParams(info: string): HkdfParams {
  return { name: 'HKDF', hash: 'SHA-256', salt: utf8Bytes(HKDF_SALT), info: utf8Bytes(info) };
}

/**
 * Derives the device's working keys from the device secret with HKDF-SHA-256, one `info`
 * label per key so that no two keys are related. All three are non-extractable.
 *
 * Throws (a programming error) when the secret is not 32 bytes.
 */
export async function deriveDeviceKeys(secret: Uint8Array): Promise<DeviceKeys> {
  if (!isUint8Array(secret) || secret.length !== DEVICE_SECRET_BYTES) {
    throw new RangeError(`The device secret must be ${DEVICE_SECRET_BYTES} bytes.`);
  }
  const material = await crypto.subtle.importKey('raw', toBufferSource(secret), 'HKDF', false, [
    'deriveKey',
  ]);
  const hmac = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const;
  const [dataKey, indexKey, auditKey] = await Promise.all([
    crypto.subtle.deriveKey(
      hkdfParams(HKDF_INFO.dataKey),
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    ),
    crypto.subtle.deriveKey(hkdfParams(HKDF_INFO.indexKey), material, hmac, false, ['sign']),
    crypto.subtle.deriveKey(hkdfParams(HKDF_INFO.auditKey), material, hmac, false, [
      'sign',
      'verify',
    ]),
  ]);
  return { dataKey, indexKey, auditKey };
}

/**
 * A short keyed fingerprint of the device keys: HMAC-SHA-256 of a fixed label under the
 * blind-index key, cut to 128 bits, base64url (22 characters).
 *
 * Stored with the device settings when the device is set up. On unlock, a secret that
 * unwrapped correctly but gives a different check came from another device or database
 * ("this database belongs to another device"), and nothing is decrypted with it.
 * It reveals nothing about the keys, and cannot be confused with a blind index: those
 * always hash a purpose, a NUL and a value, and this label has no NUL.
 */
export async function deviceKeyCheck(keys: DeviceKeys): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', keys.indexKey, utf8Bytes(KEY_CHECK_LABEL));
  return toBase64Url(new Uint8Array(mac, 0, KEY_CHECK_BYTES));
}

/**
 * The raw bytes of the blind-index key {@link deriveDeviceKeys} derives from this secret (the
 * same HKDF-SHA-256 output, 256 bits). Used once, when a re-key retires a secret while stubs
 * from before re-keying exist: their indexes cannot be made again (their look-up values were
 * not kept), so the old index key is kept sealed under the new secret, for look-ups of those
 * stubs only (repositories/legacy-stub-keys.ts).
 */
export async function indexKeyBytes(secret: Uint8Array): Promise<Uint8Array> {
  if (!isUint8Array(secret) || secret.length !== DEVICE_SECRET_BYTES) {
    throw new RangeError(`The device secret must be ${DEVICE_SECRET_BYTES} bytes.`);
  }
  const material = await crypto.subtle.importKey('raw', toBufferSource(secret), 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits(hkdfParams(HKDF_INFO.indexKey), material, 256));
}

/** An index key from {@link indexKeyBytes}: HMAC-SHA-256, sign only, non-extractable. */
export function importIndexKey(bytes: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', toBufferSource(bytes), { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
}
