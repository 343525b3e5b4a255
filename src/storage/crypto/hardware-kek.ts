/**
 * The key-encryption key of a member of staff who has enrolled a hardware-bound factor
 * (issue 11 Clarification: "an optional hardware-bound factor (WebAuthn PRF where the tablet
 * has one)"). Without the factor the KEK is PBKDF2 over the PIN or passphrase (keys.ts), so
 * a copied profile plus an offline guess of the PIN opens the wrap. With it, the KEK is HKDF
 * over BOTH the PBKDF2 output and the authenticator's PRF output (32 bytes that never leave
 * the authenticator except as the answer to this account's credential and salt), with a
 * random salt stored per account: a guessed PIN opens nothing without the authenticator, and
 * the authenticator opens nothing without the PIN.
 *
 * Owns the combination only; the WebAuthn calls live in storage/hardware-factor.
 */
import { concatBytes, toBufferSource, utf8Bytes } from './encoding';

/** The PRF output and HKDF salt lengths (bytes). */
export const PRF_OUTPUT_BYTES = 32;
export const FACTOR_SALT_BYTES = 32;

const HKDF_INFO = 'safeguarding-triage:member-kek:pin+prf:v1';

/** A fresh random salt: one for the PRF input, one for HKDF (stored in the account's row, covered by its binding). */
export function newFactorSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(FACTOR_SALT_BYTES));
}

/**
 * KEK = HKDF-SHA-256(ikm = PBKDF2(PIN, salt, iterations) || PRF output, salt = kdfSalt, info),
 * an AES-GCM-256 key that cannot be exported. The intermediate bytes are zeroed.
 */
export async function deriveCombinedKek(pin: string, parameters: { salt: Uint8Array; iterations: number }, prfOutput: Uint8Array, kdfSalt: Uint8Array): Promise<CryptoKey> {
  if (prfOutput.length !== PRF_OUTPUT_BYTES) throw new RangeError('The authenticator gave an output of the wrong length.');
  const material = await crypto.subtle.importKey('raw', utf8Bytes(pin.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const stretched = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: toBufferSource(parameters.salt), iterations: parameters.iterations }, material, 256));
  const ikm = concatBytes(stretched, prfOutput);
  stretched.fill(0);
  try {
    const hkdf = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveKey']);
    return await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: toBufferSource(kdfSalt), info: utf8Bytes(HKDF_INFO) },
      hkdf,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  } finally {
    ikm.fill(0);
  }
}
