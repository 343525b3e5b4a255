/**
 * Key pairs for re-keying, and the recovery key (issue 11, Clarifications).
 *
 * Owns:
 * - a holder's P-256 ECDH key pair: made once, its private key (PKCS #8) sealed with
 *   AES-256-GCM under the holder's key-encryption key (KEK). A member of staff's KEK is the
 *   one that wraps their copy of the device secret (PBKDF2 of their PIN or passphrase, the
 *   same salt and iterations: one derivation opens both); the recovery key's KEK is HKDF of
 *   its 160 random bits;
 * - a device secret sealed to a holder's public key (ECDH-ES: a fresh ephemeral key pair per
 *   seal, HKDF-SHA-256 of the shared secret, AES-256-GCM), labelled with the key epoch. This
 *   is what lets the nurse in charge re-key the tablet alone: a new device secret can be
 *   sealed to every remaining member's public key without knowing anyone's PIN;
 * - the recovery key's text: 20 random bytes (160 bits) in Crockford base32, 8 groups of 4.
 *
 * Why a fast KDF (HKDF, no stretching) is right for the recovery key: stretching buys a
 * factor of its cost against guessing (600,000 PBKDF2 rounds is about 2^19.2), which matters
 * for a 6-digit PIN (2^20 values) but not for a uniformly random 160-bit key, where 2^160
 * guesses are out of reach of any attacker with or without a factor of 2^19. The entropy is
 * the defence; so recovery is quick and needs no throttle against offline guessing.
 *
 * Everything stored is base64url text, so the staff row's binding MAC (binding-mac.ts,
 * canonical JSON, no bytes) covers the public key and the seal to it: someone who can write
 * the database cannot swap in a public key of their own for the next re-key to seal to.
 * Keys held in memory are non-extractable.
 */
import { concatBytes, fromBase64Url, toBase64Url, toBufferSource, utf8Bytes } from './encoding';
import { DEVICE_SECRET_BYTES } from './keys';

const GCM_IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const P256_PUBLIC_BYTES = 65;
const SALT_BYTES = 16;

/** Labels (domain separation). Never change a released one. */
const PRIVATE_KEY_AAD = 'safeguarding-triage/key-pair/v1/private-key/';
const SECRET_FOR_KEY_INFO = 'safeguarding-triage/key-pair/v1/device-secret/';
const RECOVERY_KEK_INFO = 'safeguarding-triage/recovery-key/v1/kek';

/** A holder's key pair: the public key, and the private key sealed under the holder's KEK. */
export interface SealedKeyPair {
  alg: 'ECDH-P-256';
  /** Raw uncompressed point, base64url. */
  publicKey: string;
  iv: string;
  /** PKCS #8 private key + GCM tag, base64url. */
  privateKey: string;
}

/** The device secret sealed to a holder's public key, for one key epoch. */
export interface SecretForKey {
  alg: 'ECDH-ES-P-256+HKDF-SHA-256+A256GCM';
  /** The key epoch this secret belongs to (bound into the seal). */
  epoch: number;
  /** The ephemeral public key, raw, base64url. */
  ephemeralKey: string;
  iv: string;
  /** The 32-byte secret + GCM tag, base64url. */
  ciphertext: string;
}

const b64 = (bytes: Uint8Array | ArrayBuffer) => toBase64Url(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);

function bytesOf(text: unknown, length?: number): Uint8Array<ArrayBuffer> | undefined {
  if (typeof text !== 'string') return undefined;
  const bytes = fromBase64Url(text);
  if (!bytes || (length !== undefined && bytes.length !== length)) return undefined;
  return bytes;
}

export function isSealedKeyPair(value: unknown): value is SealedKeyPair {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record['alg'] === 'ECDH-P-256' && bytesOf(record['publicKey'], P256_PUBLIC_BYTES) !== undefined && bytesOf(record['iv'], GCM_IV_BYTES) !== undefined && (bytesOf(record['privateKey'])?.length ?? 0) > GCM_TAG_BYTES;
}

export function isSecretForKey(value: unknown): value is SecretForKey {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record['alg'] === 'ECDH-ES-P-256+HKDF-SHA-256+A256GCM' &&
    typeof record['epoch'] === 'number' &&
    Number.isSafeInteger(record['epoch']) &&
    record['epoch'] >= 1 &&
    bytesOf(record['ephemeralKey'], P256_PUBLIC_BYTES) !== undefined &&
    bytesOf(record['iv'], GCM_IV_BYTES) !== undefined &&
    bytesOf(record['ciphertext'], DEVICE_SECRET_BYTES + GCM_TAG_BYTES) !== undefined
  );
}

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A new key pair for `holder` ('staff:<id>', 'recovery:<id>'), its private key sealed under `kek`. */
export async function makeSealedKeyPair(kek: CryptoKey, holder: string): Promise<SealedKeyPair> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const [publicKey, pkcs8] = await Promise.all([crypto.subtle.exportKey('raw', pair.publicKey), crypto.subtle.exportKey('pkcs8', pair.privateKey)]);
  const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES));
  try {
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8Bytes(PRIVATE_KEY_AAD + holder) }, kek, pkcs8);
    return { alg: 'ECDH-P-256', publicKey: b64(publicKey), iv: b64(iv), privateKey: b64(sealed) };
  } finally {
    new Uint8Array(pkcs8).fill(0);
  }
}

/** The holder's private key (non-extractable), or undefined when `kek` is not theirs or anything was changed. */
export async function openPrivateKey(kek: CryptoKey, sealed: SealedKeyPair, holder: string): Promise<CryptoKey | undefined> {
  if (!isSealedKeyPair(sealed)) return undefined;
  let pkcs8: ArrayBuffer;
  try {
    pkcs8 = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytesOf(sealed.iv) ?? new Uint8Array(0), additionalData: utf8Bytes(PRIVATE_KEY_AAD + holder) }, kek, bytesOf(sealed.privateKey) ?? new Uint8Array(0));
  } catch {
    return undefined;
  }
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, ECDH, false, ['deriveBits']);
  } catch {
    return undefined;
  } finally {
    new Uint8Array(pkcs8).fill(0);
  }
}

async function sealingKey(privateKey: CryptoKey, otherPublic: Uint8Array<ArrayBuffer>, ephemeral: Uint8Array<ArrayBuffer>, recipient: Uint8Array<ArrayBuffer>, holder: string, epoch: number): Promise<CryptoKey> {
  const peer = await crypto.subtle.importKey('raw', otherPublic, ECDH, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, privateKey, 256);
  const material = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  new Uint8Array(shared).fill(0);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: concatBytes(ephemeral, recipient), info: utf8Bytes(`${SECRET_FOR_KEY_INFO}${holder}/epoch:${String(epoch)}`) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const secretAad = (holder: string, epoch: number) => utf8Bytes(`${SECRET_FOR_KEY_INFO}${holder}/epoch:${String(epoch)}`);

/** Seals the device secret to `publicKey` (from a {@link SealedKeyPair}) for this key epoch. Throws on a malformed key (a programming error). */
export async function sealSecretForKey(secret: Uint8Array, publicKey: string, holder: string, epoch: number): Promise<SecretForKey> {
  if (secret.length !== DEVICE_SECRET_BYTES) throw new RangeError(`The device secret must be ${String(DEVICE_SECRET_BYTES)} bytes.`);
  const recipient = bytesOf(publicKey, P256_PUBLIC_BYTES);
  if (!recipient) throw new RangeError('Not a P-256 public key.');
  const plaintext = toBufferSource(secret);
  try {
    const ephemeralPair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
    const ephemeral = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeralPair.publicKey));
    const key = await sealingKey(ephemeralPair.privateKey, recipient, ephemeral, recipient, holder, epoch);
    const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES));
    const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: secretAad(holder, epoch) }, key, plaintext);
    return { alg: 'ECDH-ES-P-256+HKDF-SHA-256+A256GCM', epoch, ephemeralKey: b64(ephemeral), iv: b64(iv), ciphertext: b64(ciphertext) };
  } finally {
    plaintext.fill(0);
  }
}

/** The device secret sealed to this holder's key pair, or undefined when it does not open (wrong key, another holder or epoch, a changed bit). */
export async function openSecretForKey(privateKey: CryptoKey, sealed: SecretForKey, publicKey: string, holder: string): Promise<Uint8Array | undefined> {
  if (!isSecretForKey(sealed)) return undefined;
  const recipient = bytesOf(publicKey, P256_PUBLIC_BYTES);
  const ephemeral = bytesOf(sealed.ephemeralKey, P256_PUBLIC_BYTES);
  if (!recipient || !ephemeral) return undefined;
  try {
    const key = await sealingKey(privateKey, ephemeral, ephemeral, recipient, holder, sealed.epoch);
    const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytesOf(sealed.iv) ?? new Uint8Array(0), additionalData: secretAad(holder, sealed.epoch) }, key, bytesOf(sealed.ciphertext) ?? new Uint8Array(0));
    return plaintext.byteLength === DEVICE_SECRET_BYTES ? new Uint8Array(plaintext) : undefined;
  } catch {
    return undefined;
  }
}

// --- The recovery key ------------------------------------------------------------------

/** 160 random bits: far above the 128 the issue asks for, and exactly 32 base32 characters. */
export const RECOVERY_KEY_BYTES = 20;
/** Crockford's base32: no I, L, O or U, so nothing reads as another character when printed. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += BASE32[(value >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return text;
}

/** A new recovery key: the bytes, and the text to print (8 groups of 4 characters, e.g. "7K2M-…"). */
export function createRecoveryKey(): { bytes: Uint8Array; text: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(RECOVERY_KEY_BYTES));
  const text = (toBase32(bytes).match(/.{4}/g) ?? []).join('-');
  return { bytes, text };
}

/**
 * The recovery key's bytes from what someone typed, or undefined when it cannot be one.
 * Forgiving as Crockford intended: any case, spaces and hyphens anywhere, O read as 0 and
 * I or L as 1.
 */
export function parseRecoveryKey(typed: string): Uint8Array | undefined {
  const text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length !== (RECOVERY_KEY_BYTES * 8) / 5) return undefined;
  const bytes = new Uint8Array(RECOVERY_KEY_BYTES);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    const digit = BASE32.indexOf(char);
    if (digit < 0) return undefined;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes[at++] = (value >>> (bits - 8)) & 255;
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return bytes;
}

/** A new random salt for a recovery KEK, base64url. */
export function newRecoverySalt(): string {
  return b64(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));
}

/** The recovery key's KEK: HKDF-SHA-256 of its bytes (no stretching: see the module header). */
export async function recoveryKek(recoveryKey: Uint8Array, salt: string): Promise<CryptoKey | undefined> {
  const saltBytes = bytesOf(salt, SALT_BYTES);
  if (!saltBytes || recoveryKey.length !== RECOVERY_KEY_BYTES) return undefined;
  const material = await crypto.subtle.importKey('raw', toBufferSource(recoveryKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: saltBytes, info: utf8Bytes(RECOVERY_KEK_INFO) }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
