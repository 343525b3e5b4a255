/**
 * The combined KEK of the optional hardware-bound factor (hardware-kek.ts): it needs both the
 * PIN and the PRF output, and neither alone gives the same key.
 */
import { describe, expect, it } from 'vitest';
import { deriveCombinedKek, newFactorSalt } from './hardware-kek';
import { PBKDF2_MIN_ITERATIONS } from './keys';

const PARAMETERS = { salt: new Uint8Array(16).fill(7), iterations: PBKDF2_MIN_ITERATIONS };
const GCM = { name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 128 } as const;

async function sealsAlike(a: CryptoKey, b: CryptoKey): Promise<boolean> {
  const sealed = await crypto.subtle.encrypt(GCM, a, new Uint8Array([1, 2, 3]));
  return crypto.subtle.decrypt(GCM, b, sealed).then(
    () => true,
    () => false,
  );
}

describe('the KEK from the PIN and the PRF output', () => {
  it('is the same for the same PIN, PRF output and salt, and different when either the PIN or the PRF output differs', async () => {
    const prf = new Uint8Array(32).fill(1);
    const kdfSalt = newFactorSalt();
    const kek = await deriveCombinedKek('735104', PARAMETERS, prf, kdfSalt);
    expect(kek.extractable).toBe(false);
    expect(await sealsAlike(kek, await deriveCombinedKek('735104', PARAMETERS, prf, kdfSalt))).toBe(true);
    expect(await sealsAlike(kek, await deriveCombinedKek('735105', PARAMETERS, prf, kdfSalt))).toBe(false);
    expect(await sealsAlike(kek, await deriveCombinedKek('735104', PARAMETERS, new Uint8Array(32).fill(2), kdfSalt))).toBe(false);
    expect(await sealsAlike(kek, await deriveCombinedKek('735104', PARAMETERS, prf, newFactorSalt()))).toBe(false);
  });

  it('refuses a PRF output of the wrong length', async () => {
    await expect(deriveCombinedKek('735104', PARAMETERS, new Uint8Array(16), newFactorSalt())).rejects.toThrow(RangeError);
  });
});
