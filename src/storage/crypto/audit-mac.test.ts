import { beforeAll, describe, expect, test } from 'vitest';
import { macAuditAnchor, macAuditHash, verifyAuditAnchor, verifyAuditMac } from './audit-mac';
import { createDeviceSecret, deriveDeviceKeys } from './keys';
import type { DeviceKeys } from './keys';

const HASH = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const OTHER_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

let keys: DeviceKeys;
let otherKeys: DeviceKeys;

beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([
    deriveDeviceKeys(createDeviceSecret()),
    deriveDeviceKeys(createDeviceSecret()),
  ]);
});

describe('macAuditHash and verifyAuditMac', () => {
  test('a MAC is 256 bits of base64url and verifies', async () => {
    const mac = await macAuditHash(keys.auditKey, HASH);
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyAuditMac(keys.auditKey, HASH, mac)).toBe(true);
    expect(await macAuditHash(keys.auditKey, HASH)).toBe(mac);
  });

  test('does not verify for another hash or under another device key', async () => {
    const mac = await macAuditHash(keys.auditKey, HASH);
    expect(await verifyAuditMac(keys.auditKey, OTHER_HASH, mac)).toBe(false);
    expect(await verifyAuditMac(otherKeys.auditKey, HASH, mac)).toBe(false);
  });

  test('the audit key and the blind-index key are unrelated', async () => {
    const mac = await macAuditHash(keys.auditKey, HASH);
    const signedByIndexKey = await crypto.subtle.sign(
      'HMAC',
      keys.indexKey,
      new TextEncoder().encode(HASH),
    );
    expect(Buffer.from(signedByIndexKey).toString('base64url')).not.toBe(mac);
  });

  test('any changed character of the MAC fails', async () => {
    const mac = await macAuditHash(keys.auditKey, HASH);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const variants = Array.from(mac, (character, index) => {
      const replacement = alphabet[(alphabet.indexOf(character) + 1) % 64] ?? 'A';
      return mac.slice(0, index) + replacement + mac.slice(index + 1);
    });
    const results = await Promise.all(
      variants.map((variant) => verifyAuditMac(keys.auditKey, HASH, variant)),
    );
    expect(results.filter(Boolean)).toEqual([]);
  });

  test.each([
    ['an empty MAC (an event written while locked)', HASH, ''],
    ['a MAC that is not base64url', HASH, '!'.repeat(43)],
    ['a truncated MAC', HASH, 'A'.repeat(22)],
    ['an upper-case hash', HASH.toUpperCase(), 'A'.repeat(43)],
    ['a short hash', HASH.slice(1), 'A'.repeat(43)],
  ])('%s is false, not a throw', async (_, hash, mac) => {
    expect(await verifyAuditMac(keys.auditKey, hash, mac)).toBe(false);
  });

  test('refuses to MAC something that is not a SHA-256 hex digest', async () => {
    await expect(macAuditHash(keys.auditKey, 'not a hash')).rejects.toThrow(RangeError);
    await expect(macAuditHash(keys.auditKey, HASH.toUpperCase())).rejects.toThrow(RangeError);
  });

  test('refuses keys that are not HMAC keys with the right usage', async () => {
    await expect(macAuditHash(keys.dataKey, HASH)).rejects.toThrow(TypeError);
    await expect(verifyAuditMac(keys.indexKey, HASH, 'A'.repeat(43))).rejects.toThrow(TypeError);
  });
});

describe('macAuditAnchor and verifyAuditAnchor', () => {
  test('an anchor MAC covers the count and the hash, and verifies', async () => {
    const mac = await macAuditAnchor(keys.auditKey, 'head', 12, HASH);
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyAuditAnchor(keys.auditKey, 'head', 12, HASH, mac)).toBe(true);
    expect(await verifyAuditAnchor(keys.auditKey, 'head', 11, HASH, mac)).toBe(false);
    expect(await verifyAuditAnchor(keys.auditKey, 'head', 12, OTHER_HASH, mac)).toBe(false);
    expect(await verifyAuditAnchor(otherKeys.auditKey, 'head', 12, HASH, mac)).toBe(false);
  });

  test('cannot be made from an event MAC, nor the head from the high-water mark or back', async () => {
    const eventMac = await macAuditHash(keys.auditKey, HASH);
    const head = await macAuditAnchor(keys.auditKey, 'head', 1, HASH);
    const highWater = await macAuditAnchor(keys.auditKey, 'high-water', 1, HASH);
    expect(await verifyAuditAnchor(keys.auditKey, 'head', 1, HASH, eventMac)).toBe(false);
    expect(await verifyAuditAnchor(keys.auditKey, 'high-water', 1, HASH, head)).toBe(false);
    expect(await verifyAuditAnchor(keys.auditKey, 'head', 1, HASH, highWater)).toBe(false);
    expect(await verifyAuditMac(keys.auditKey, HASH, head)).toBe(false);
  });

  test('malformed input: refused when making, false when checking', async () => {
    await expect(macAuditAnchor(keys.auditKey, 'head', 0, HASH)).rejects.toThrow(RangeError);
    await expect(macAuditAnchor(keys.auditKey, 'head', 1, 'nothex')).rejects.toThrow(RangeError);
    expect(await verifyAuditAnchor(keys.auditKey, 'head', 1.5, HASH, 'A'.repeat(43))).toBe(false);
    expect(await verifyAuditAnchor(keys.auditKey, 'head', 1, HASH, '')).toBe(false);
  });
});
