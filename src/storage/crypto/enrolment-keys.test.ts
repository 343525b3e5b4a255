import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { fromBase64Url, toBase64Url, toBufferSource, utf8Bytes } from './encoding';
import { deriveEnrolmentKeys, newEnrolmentCodeBytes, newTabletCredential, openEnrolmentPackage, sealEnrolmentPackage, tokenSha256 } from './enrolment-keys';

const message = utf8Bytes('{"format":1,"departmentId":"d-1"}');

describe('enrolment keys', () => {
  test('the same code gives the same token and a key that opens what it sealed; the token hash is the SHA-256 of the token as sent', async () => {
    const code = newEnrolmentCodeBytes();
    expect(code).toHaveLength(10);
    const [first, second] = await Promise.all([deriveEnrolmentKeys(code), deriveEnrolmentKeys(Uint8Array.from(code))]);
    expect(first.token).toBe(second.token);
    expect(fromBase64Url(first.token)).toHaveLength(32);
    // As the server hashes it (server/src/store.ts sha256: the UTF-8 text of the base64url token).
    expect(first.tokenSha256).toBe(createHash('sha256').update(first.token, 'utf8').digest('hex'));
    expect(await tokenSha256(first.token)).toBe(first.tokenSha256);
    const sealed = await sealEnrolmentPackage(first.wrapKey, message);
    expect(await openEnrolmentPackage(second.wrapKey, sealed)).toEqual(message);
  });

  test('a wrong code does not open the package', async () => {
    const sealed = await sealEnrolmentPackage((await deriveEnrolmentKeys(newEnrolmentCodeBytes())).wrapKey, message);
    expect(await openEnrolmentPackage((await deriveEnrolmentKeys(newEnrolmentCodeBytes())).wrapKey, sealed)).toBeUndefined();
    // One bit of the code changed.
    const code = newEnrolmentCodeBytes();
    const sealedByCode = await sealEnrolmentPackage((await deriveEnrolmentKeys(code)).wrapKey, message);
    const nearly = Uint8Array.from(code);
    nearly[9] = (nearly[9] ?? 0) ^ 1;
    expect(await openEnrolmentPackage((await deriveEnrolmentKeys(nearly)).wrapKey, sealedByCode)).toBeUndefined();
  });

  test('a tampered package does not open: any byte of the IV, ciphertext or tag, the version byte, or a cut', async () => {
    const keys = await deriveEnrolmentKeys(newEnrolmentCodeBytes());
    const sealed = await sealEnrolmentPackage(keys.wrapKey, message);
    for (const index of [0, 1, 12, 13, sealed.length - 1]) {
      const changed = Uint8Array.from(sealed);
      changed[index] = (changed[index] ?? 0) ^ 0x01;
      expect(await openEnrolmentPackage(keys.wrapKey, changed)).toBeUndefined();
    }
    expect(await openEnrolmentPackage(keys.wrapKey, sealed.slice(0, sealed.length - 1))).toBeUndefined();
    expect(await openEnrolmentPackage(keys.wrapKey, sealed.slice(0, 20))).toBeUndefined();
  });

  test('the token is not the key material: the token (what the server sees at a claim) does not open the package, and is not the code', async () => {
    const code = newEnrolmentCodeBytes();
    const keys = await deriveEnrolmentKeys(code);
    const sealed = await sealEnrolmentPackage(keys.wrapKey, message);
    const tokenAsKey = await crypto.subtle.importKey('raw', toBufferSource(fromBase64Url(keys.token)!), { name: 'AES-GCM' }, false, ['decrypt']);
    expect(await openEnrolmentPackage(tokenAsKey, sealed)).toBeUndefined();
    // Nor does the token hash, nor the code's bytes, used as a key.
    const hashAsKey = await crypto.subtle.importKey('raw', toBufferSource(Uint8Array.from(Buffer.from(keys.tokenSha256, 'hex'))), { name: 'AES-GCM' }, false, ['decrypt']);
    expect(await openEnrolmentPackage(hashAsKey, sealed)).toBeUndefined();
    expect(keys.token).not.toContain(toBase64Url(code));
    expect(keys.wrapKey.extractable).toBe(false);
  });

  test('two codes never share a token; credentials are 32 random bytes as base64url', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i += 1) tokens.add((await deriveEnrolmentKeys(newEnrolmentCodeBytes())).token);
    expect(tokens.size).toBe(20);
    const credential = newTabletCredential();
    expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newTabletCredential()).not.toBe(credential);
    await expect(deriveEnrolmentKeys(new Uint8Array(9))).rejects.toThrow(RangeError);
  });
});
