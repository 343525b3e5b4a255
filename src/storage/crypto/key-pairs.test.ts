import { describe, expect, it } from 'vitest';
import { createRecoveryKey, makeSealedKeyPair, openPrivateKey, openSecretForKey, parseRecoveryKey, recoveryKek, newRecoverySalt, sealSecretForKey } from './key-pairs';
import { createDeviceSecret } from './keys';

async function aesKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

describe('key pairs', () => {
  it('seal the device secret to a public key; only that holder, key epoch and private key open it', async () => {
    const kek = await aesKey();
    const pair = await makeSealedKeyPair(kek, 'staff:a');
    const secret = createDeviceSecret();
    const sealed = await sealSecretForKey(secret, pair.publicKey, 'staff:a', 2);
    const privateKey = await openPrivateKey(kek, pair, 'staff:a');
    if (!privateKey) throw new Error('private key did not open');
    expect(privateKey.extractable).toBe(false);
    expect(await openSecretForKey(privateKey, sealed, pair.publicKey, 'staff:a')).toEqual(secret);
    // Moved to another holder, or relabelled with another epoch: refused.
    expect(await openSecretForKey(privateKey, sealed, pair.publicKey, 'staff:b')).toBeUndefined();
    expect(await openSecretForKey(privateKey, { ...sealed, epoch: 3 }, pair.publicKey, 'staff:a')).toBeUndefined();
    // Another KEK, or the private key moved to another holder, does not open it.
    expect(await openPrivateKey(await aesKey(), pair, 'staff:a')).toBeUndefined();
    expect(await openPrivateKey(kek, pair, 'staff:b')).toBeUndefined();
    const other = await makeSealedKeyPair(kek, 'staff:a');
    const otherKey = await openPrivateKey(kek, other, 'staff:a');
    expect(otherKey && (await openSecretForKey(otherKey, sealed, pair.publicKey, 'staff:a'))).toBeUndefined();
  });
});

describe('the recovery key text', () => {
  it('is 160 bits in 8 groups of 4 Crockford base32 characters, read back forgivingly', async () => {
    const { bytes, text } = createRecoveryKey();
    expect(bytes).toHaveLength(20);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)).toEqual(bytes);
    expect(parseRecoveryKey(` ${text.toLowerCase().replace(/-/g, ' ')} `)).toEqual(bytes);
    expect(parseRecoveryKey(text.replace(/0/g, 'O').replace(/1/g, 'l'))).toEqual(bytes);
    expect(parseRecoveryKey(text.slice(0, -1))).toBeUndefined();
    expect(parseRecoveryKey(`${text.slice(0, -1)}U`)).toBeUndefined();
    const salt = newRecoverySalt();
    expect(await recoveryKek(bytes, salt)).toBeDefined();
    expect(await recoveryKek(bytes.slice(1), salt)).toBeUndefined();
  });
});
