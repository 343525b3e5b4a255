import { beforeAll, describe, expect, test } from 'vitest';
import { blindIndex } from './blind-index';
import { createDeviceSecret, deriveDeviceKeys } from './keys';
import type { DeviceKeys } from './keys';

let keys: DeviceKeys;
let otherKeys: DeviceKeys;

beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([
    deriveDeviceKeys(createDeviceSecret()),
    deriveDeviceKeys(createDeviceSecret()),
  ]);
});

describe('blindIndex', () => {
  test('is 128 bits of base64url (22 characters)', async () => {
    expect(await blindIndex(keys.indexKey, 'nhs-number', '9434765919')).toMatch(
      /^[A-Za-z0-9_-]{22}$/,
    );
  });

  test('is deterministic for one key', async () => {
    const first = await blindIndex(keys.indexKey, 'name-dob', 'smith|2019-04-01');
    const again = await blindIndex(keys.indexKey, 'name-dob', 'smith|2019-04-01');
    expect(again).toBe(first);
  });

  test('differs across keys', async () => {
    expect(await blindIndex(keys.indexKey, 'nhs-number', '9434765919')).not.toBe(
      await blindIndex(otherKeys.indexKey, 'nhs-number', '9434765919'),
    );
  });

  test('differs across purposes for the same text', async () => {
    expect(await blindIndex(keys.indexKey, 'nhs-number', '9434765919')).not.toBe(
      await blindIndex(keys.indexKey, 'name-dob', '9434765919'),
    );
  });

  test('differs for values that differ in one character, and does not contain the value', async () => {
    const values = [
      '9434765919',
      '9434765918',
      'smith|2019-04-01',
      'smith|2019-04-02',
      'smyth|2019-04-01',
    ];
    const indexes = await Promise.all(
      values.map((value) => blindIndex(keys.indexKey, 'name-dob', value)),
    );
    expect(new Set(indexes).size).toBe(values.length);
    expect(indexes.some((index) => index.includes('9434765919') || index.includes('smith'))).toBe(
      false,
    );
  });

  test('refuses an empty value and a key that is not an HMAC signing key', async () => {
    await expect(blindIndex(keys.indexKey, 'nhs-number', '')).rejects.toThrow(RangeError);
    await expect(blindIndex(keys.dataKey, 'nhs-number', '9434765919')).rejects.toThrow(TypeError);
  });
});
