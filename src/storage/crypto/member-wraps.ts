/**
 * A member of staff's wraps made or opened under a key-encryption key (KEK) already derived
 * (issue 11). keys.ts derives the KEK from the PIN inside each call; here the caller derives
 * it once (PBKDF2, 600,000 rounds) and uses it for both the wrapped device secret and the
 * member's sealed private key (key-pairs.ts), so the key pair adds no second stretching to
 * unlock. The format and additional data are keys.ts's: a wrap made here opens there.
 */
import { deriveKek, isWrappedSecret, PBKDF2_MAX_ITERATIONS, PBKDF2_MIN_ITERATIONS, wrapAad } from './keys';
import type { WrappedSecret } from './keys';
import { isUint8Array, toBufferSource } from './encoding';
import { deriveCombinedKek } from './hardware-kek';

/** An enrolled hardware-bound factor's part of the KEK: the authenticator's PRF output and the account's HKDF salt (hardware-kek.ts). */
export interface FactorKey {
  prf: Uint8Array;
  kdfSalt: Uint8Array;
}

const SALT_BYTES = 16;
const GCM_IV_BYTES = 12;

/** True when the wrap's KDF parameters are usable, whether or not it still holds a secret (a re-key empties it). */
export function hasKekParameters(wrapped: unknown): wrapped is Pick<WrappedSecret, 'kdf' | 'salt' | 'iterations'> {
  if (typeof wrapped !== 'object' || wrapped === null) return false;
  const record = wrapped as Record<string, unknown>;
  const iterations = record['iterations'];
  return (
    record['kdf'] === 'PBKDF2-SHA-256' &&
    isUint8Array(record['salt']) &&
    record['salt'].length === SALT_BYTES &&
    typeof iterations === 'number' &&
    Number.isSafeInteger(iterations) &&
    iterations >= PBKDF2_MIN_ITERATIONS &&
    iterations <= PBKDF2_MAX_ITERATIONS
  );
}

/** True when the wrap holds a copy of the device secret (not emptied by a removal or a re-key). */
export const holdsSecret = (wrapped: unknown): wrapped is WrappedSecret => isWrappedSecret(wrapped);

/** New KDF parameters: a fresh salt, the minimum iterations. */
export function newKekParameters(): Pick<WrappedSecret, 'kdf' | 'salt' | 'iterations'> {
  return { kdf: 'PBKDF2-SHA-256', salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)), iterations: PBKDF2_MIN_ITERATIONS };
}

/** The member's KEK from their PIN or passphrase and the wrap's parameters (the one slow step of unlock), and their hardware-bound factor when enrolled. */
export function memberKek(pin: string, parameters: Pick<WrappedSecret, 'salt' | 'iterations'>, factor?: FactorKey): Promise<CryptoKey> {
  if (factor) return deriveCombinedKek(pin, parameters, factor.prf, factor.kdfSalt);
  return deriveKek(pin, parameters.salt, parameters.iterations);
}

/** Wraps the device secret under a KEK made from these parameters. */
export async function wrapUnderKek(kek: CryptoKey, secret: Uint8Array, staffId: string, parameters: Pick<WrappedSecret, 'kdf' | 'salt' | 'iterations'>): Promise<WrappedSecret> {
  const plaintext = toBufferSource(secret);
  const iv = crypto.getRandomValues(new Uint8Array(GCM_IV_BYTES));
  try {
    const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: wrapAad(staffId), tagLength: 128 }, kek, plaintext);
    return { kdf: 'PBKDF2-SHA-256', salt: toBufferSource(parameters.salt), iterations: parameters.iterations, iv, ciphertext: new Uint8Array(ciphertext) };
  } finally {
    plaintext.fill(0);
  }
}

/** The device secret from a wrap that holds one, or undefined when the KEK is not the one (a wrong PIN, or a changed wrap). */
export async function unwrapUnderKek(kek: CryptoKey, wrapped: WrappedSecret, staffId: string): Promise<Uint8Array | undefined> {
  try {
    const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: toBufferSource(wrapped.iv), additionalData: wrapAad(staffId), tagLength: 128 }, kek, toBufferSource(wrapped.ciphertext));
    return new Uint8Array(plaintext);
  } catch {
    return undefined;
  }
}

/** The same wrap with its secret taken out: the KDF parameters stay (the member's KEK still opens their private key). */
export function emptiedWrap(wrapped: WrappedSecret): WrappedSecret {
  return { ...wrapped, iv: new Uint8Array(0), ciphertext: new Uint8Array(0) };
}
