/**
 * The enrolment code's cryptography (issue 14; design: docs/design/department-sync.md §3).
 *
 * Owns:
 * - the code's 80 random bits (domain/sync/enrolment-code.ts writes them as text);
 * - two values derived from those bits with HKDF-SHA-256 (RFC 5869) under different labels,
 *   `enrolment-token` and `enrolment-wrap`: the token the new tablet shows the server to claim
 *   the package (the server keeps only its SHA-256, {@link EnrolmentKeys.tokenSha256}), and
 *   the AES-GCM-256 key the package is sealed under. The code itself is never sent, and
 *   nothing the server holds (the token's hash, the token a claim shows, the sealed package)
 *   opens the package: that needs the code;
 * - sealing and opening the package: AES-GCM with a fresh 96-bit IV, the additional data
 *   naming the format version, so a package of another format (or a changed version byte)
 *   fails to open rather than being read the wrong way.
 *
 * Layout of a sealed package: version (1 byte) | IV (12 bytes) | ciphertext with 16-byte tag.
 */
import { concatBytes, fromBase64Url, toBase64Url, toBufferSource, utf8Bytes } from './encoding';

/** 80 bits: the domain's ENROLMENT_CODE_BYTES (domain/sync/enrolment-code.ts). */
const CODE_BYTES = 10;
const TOKEN_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The package format this version writes and reads. */
export const ENROLMENT_PACKAGE_VERSION = 1;

/** Labels that keep the two derived values apart (domain separation). Never change a released one. */
const HKDF_SALT = 'safeguarding-triage/enrolment/v1';
const TOKEN_INFO = 'safeguarding-triage/v1/enrolment-token';
const WRAP_INFO = 'safeguarding-triage/v1/enrolment-wrap/AES-GCM-256';
const packageAad = (version: number) => utf8Bytes(`safeguarding-triage/enrolment-package/v${String(version)}`);

/** 80 random bits for a new enrolment code. */
export function newEnrolmentCodeBytes(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(CODE_BYTES));
}

/** 32 random bytes as base64url (43 characters): a new tablet credential. */
export function newTabletCredential(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export interface EnrolmentKeys {
  /** What the new tablet sends to claim the package: 32 bytes, base64url. */
  token: string;
  /** What the enrolling tablet sends with the package: the SHA-256 of the token as sent (its base64url text, as the server hashes it), lower-case hex. */
  tokenSha256: string;
  /** Seals and opens the package; non-extractable. */
  wrapKey: CryptoKey;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', toBufferSource(bytes)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The SHA-256 (hex) of a token as it is sent, its base64url text: what the server stores and
 * looks a claim up by (server/src/store.ts hashes the text of tokens and credentials alike).
 */
export async function tokenSha256(token: string): Promise<string> {
  if (!fromBase64Url(token)) throw new TypeError('tokenSha256: the token is not base64url.');
  return sha256Hex(utf8Bytes(token));
}

/** The token and the wrapping key from the code's 80 bits. Throws (a programming error) for any other length. */
export async function deriveEnrolmentKeys(codeBytes: Uint8Array): Promise<EnrolmentKeys> {
  if (codeBytes.length !== CODE_BYTES) throw new RangeError(`An enrolment code is ${String(CODE_BYTES)} bytes.`);
  const material = await crypto.subtle.importKey('raw', toBufferSource(codeBytes), 'HKDF', false, ['deriveBits', 'deriveKey']);
  const params = (info: string): HkdfParams => ({ name: 'HKDF', hash: 'SHA-256', salt: utf8Bytes(HKDF_SALT), info: utf8Bytes(info) });
  const tokenBytes = new Uint8Array(await crypto.subtle.deriveBits(params(TOKEN_INFO), material, TOKEN_BYTES * 8));
  const wrapKey = await crypto.subtle.deriveKey(params(WRAP_INFO), material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const token = toBase64Url(tokenBytes);
  return { token, tokenSha256: await tokenSha256(token), wrapKey };
}

/** Seals the package's bytes under the wrapping key (a fresh IV each time). */
export async function sealEnrolmentPackage(wrapKey: CryptoKey, plaintext: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: packageAad(ENROLMENT_PACKAGE_VERSION), tagLength: TAG_BYTES * 8 }, wrapKey, toBufferSource(plaintext));
  return concatBytes(Uint8Array.of(ENROLMENT_PACKAGE_VERSION), iv, new Uint8Array(ciphertext));
}

/** The package's bytes, or undefined when it does not open: the wrong code, a changed byte, another format. */
export async function openEnrolmentPackage(wrapKey: CryptoKey, sealed: Uint8Array): Promise<Uint8Array | undefined> {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== ENROLMENT_PACKAGE_VERSION) return undefined;
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: toBufferSource(sealed.slice(1, 1 + IV_BYTES)), additionalData: packageAad(ENROLMENT_PACKAGE_VERSION), tagLength: TAG_BYTES * 8 },
      wrapKey,
      toBufferSource(sealed.slice(1 + IV_BYTES)),
    );
    return new Uint8Array(plaintext);
  } catch {
    return undefined;
  }
}
