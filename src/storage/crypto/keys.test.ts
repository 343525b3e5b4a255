/**
 * PBKDF2 at 600,000 iterations costs about a third of a second per wrap or unwrap, so the
 * wraps are made once in beforeAll and shared; each unwrap test costs one derivation.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { open, seal } from './codec';
import { bytesEqual } from './encoding';
import {
  DEVICE_SECRET_BYTES,
  PBKDF2_MAX_ITERATIONS,
  PBKDF2_MIN_ITERATIONS,
  createDeviceSecret,
  deriveDeviceKeys,
  deviceKeyCheck,
  isWrappedSecret,
  unwrapDeviceSecret,
  wrapDeviceSecret,
} from './keys';
import type { WrappedSecret } from './keys';

const NURSE_A = { id: 'staff-a', pin: '4821' } as const;
const NURSE_B = { id: 'staff-b', pin: 'correct horse battery staple' } as const;

let secret: Uint8Array;
let wrappedA: WrappedSecret;
let wrappedB: WrappedSecret;

beforeAll(async () => {
  secret = createDeviceSecret();
  [wrappedA, wrappedB] = await Promise.all([
    wrapDeviceSecret(secret, NURSE_A.pin, NURSE_A.id),
    wrapDeviceSecret(secret, NURSE_B.pin, NURSE_B.id),
  ]);
});

/** A copy of a record with one field missing, as a damaged stored record might be. */
function without(value: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));
}

function unwrapped(result: Awaited<ReturnType<typeof unwrapDeviceSecret>>): Uint8Array {
  if (!result.ok) throw new Error(`expected to unwrap, got ${result.error}`);
  return result.value;
}

describe('createDeviceSecret', () => {
  test('makes 32 random bytes, different every time', () => {
    const first = createDeviceSecret();
    const second = createDeviceSecret();
    expect(first.length).toBe(DEVICE_SECRET_BYTES);
    expect(bytesEqual(first, second)).toBe(false);
  });
});

describe('wrapDeviceSecret', () => {
  test('writes a record of the documented shape', () => {
    expect(wrappedA.kdf).toBe('PBKDF2-SHA-256');
    expect(wrappedA.iterations).toBe(PBKDF2_MIN_ITERATIONS);
    expect(wrappedA.salt.length).toBe(16);
    expect(wrappedA.iv.length).toBe(12);
    expect(wrappedA.ciphertext.length).toBe(48);
    expect(isWrappedSecret(wrappedA)).toBe(true);
  });

  test('uses a fresh salt and IV for every wrap', () => {
    expect(bytesEqual(wrappedA.salt, wrappedB.salt)).toBe(false);
    expect(bytesEqual(wrappedA.iv, wrappedB.iv)).toBe(false);
  });

  test('does not contain the secret in the clear', () => {
    const hex = Buffer.from(wrappedA.ciphertext).toString('hex');
    expect(hex).not.toContain(Buffer.from(secret).toString('hex'));
  });

  test.each([0, 1000, PBKDF2_MIN_ITERATIONS - 1, 600_000.5, Number.NaN, PBKDF2_MAX_ITERATIONS + 1])(
    'refuses %s iterations',
    async (iterations) => {
      await expect(wrapDeviceSecret(secret, '1234', 'staff-a', iterations)).rejects.toThrow(
        RangeError,
      );
    },
  );

  test('wraps the secret as it was when called, even if the caller zeroes it while PBKDF2 runs', async () => {
    const original = createDeviceSecret();
    const callersCopy = original.slice();
    const wrapping = wrapDeviceSecret(callersCopy, '4821', 'staff-z');
    callersCopy.fill(0); // what locking does to the vault's copy
    const unwrapped = await unwrapDeviceSecret(await wrapping, '4821', 'staff-z');
    expect(unwrapped.ok && bytesEqual(unwrapped.value, original)).toBe(true);
  });

  test('refuses a secret of the wrong length, an empty PIN and an empty staff id', async () => {
    await expect(wrapDeviceSecret(new Uint8Array(16), '1234', 'staff-a')).rejects.toThrow(
      RangeError,
    );
    await expect(wrapDeviceSecret(secret, '', 'staff-a')).rejects.toThrow(RangeError);
    await expect(wrapDeviceSecret(secret, '1234', '')).rejects.toThrow(RangeError);
  });
});

describe('unwrapDeviceSecret', () => {
  test('gives back the secret with the right PIN', async () => {
    const result = await unwrapDeviceSecret(wrappedA, NURSE_A.pin, NURSE_A.id);
    expect(bytesEqual(unwrapped(result), secret)).toBe(true);
  });

  test("two members of staff with different PINs unwrap the same secret, and each opens the other's records", async () => {
    const [fromA, fromB] = await Promise.all([
      unwrapDeviceSecret(wrappedA, NURSE_A.pin, NURSE_A.id),
      unwrapDeviceSecret(wrappedB, NURSE_B.pin, NURSE_B.id),
    ]);
    const keysA = await deriveDeviceKeys(unwrapped(fromA));
    const keysB = await deriveDeviceKeys(unwrapped(fromB));
    const byA = await seal(keysA.dataKey, { note: 'written by A' }, 'attendance:1:payload');
    const byB = await seal(keysB.dataKey, { note: 'written by B' }, 'attendance:2:payload');
    expect(await open(keysB.dataKey, byA, 'attendance:1:payload')).toEqual({
      ok: true,
      value: { note: 'written by A' },
    });
    expect(await open(keysA.dataKey, byB, 'attendance:2:payload')).toEqual({
      ok: true,
      value: { note: 'written by B' },
    });
    expect(await deviceKeyCheck(keysA)).toBe(await deviceKeyCheck(keysB));
  });

  test("a wrong PIN is 'wrong-pin'", async () => {
    expect(await unwrapDeviceSecret(wrappedA, '4822', NURSE_A.id)).toEqual({
      ok: false,
      error: 'wrong-pin',
    });
  });

  test("another member of staff's PIN on this record is 'wrong-pin'", async () => {
    expect(await unwrapDeviceSecret(wrappedA, NURSE_B.pin, NURSE_A.id)).toEqual({
      ok: false,
      error: 'wrong-pin',
    });
  });

  test('a wrapped secret moved to another staff record does not unlock, even with the right PIN', async () => {
    expect(await unwrapDeviceSecret(wrappedA, NURSE_A.pin, NURSE_B.id)).toEqual({
      ok: false,
      error: 'wrong-pin',
    });
  });

  test("a changed salt reads as 'wrong-pin' (GCM cannot tell tampering from a wrong PIN)", async () => {
    const salt = Uint8Array.from(wrappedA.salt);
    salt[0] = (salt[0] ?? 0) ^ 1;
    expect(await unwrapDeviceSecret({ ...wrappedA, salt }, NURSE_A.pin, NURSE_A.id)).toEqual({
      ok: false,
      error: 'wrong-pin',
    });
  });

  test("an empty PIN is 'wrong-pin' without deriving anything", async () => {
    expect(await unwrapDeviceSecret(wrappedA, '', NURSE_A.id)).toEqual({
      ok: false,
      error: 'wrong-pin',
    });
  });

  test('normalises the passphrase, so é typed as one code point or as e + accent both work', async () => {
    const composed = 'caf\u00e9 au lait';
    const decomposed = 'cafe\u0301 au lait';
    const wrapped = await wrapDeviceSecret(secret, composed, 'staff-c');
    expect(
      bytesEqual(unwrapped(await unwrapDeviceSecret(wrapped, decomposed, 'staff-c')), secret),
    ).toBe(true);
  });

  const damaged: [string, (w: WrappedSecret) => unknown][] = [
    ['not an object', () => 'wrapped'],
    ['null', () => null],
    ['another KDF', (w) => ({ ...w, kdf: 'scrypt' })],
    ['no salt', (w) => without(w, 'salt')],
    ['a short salt', (w) => ({ ...w, salt: w.salt.slice(0, 8) })],
    ['a salt that is not bytes', (w) => ({ ...w, salt: Array.from(w.salt) })],
    ['too few iterations', (w) => ({ ...w, iterations: 1000 })],
    ['too many iterations', (w) => ({ ...w, iterations: PBKDF2_MAX_ITERATIONS + 1 })],
    ['iterations as text', (w) => ({ ...w, iterations: '600000' })],
    ['no IV', (w) => without(w, 'iv')],
    ['a short IV', (w) => ({ ...w, iv: w.iv.slice(0, 11) })],
    ['a short ciphertext', (w) => ({ ...w, ciphertext: w.ciphertext.slice(0, 47) })],
    ['a long ciphertext', (w) => ({ ...w, ciphertext: new Uint8Array(49) })],
    ['no ciphertext', (w) => without(w, 'ciphertext')],
  ];
  test.each(damaged)("a record with %s is 'damaged'", async (_, damage) => {
    const record = damage(wrappedA);
    expect(isWrappedSecret(record)).toBe(false);
    expect(await unwrapDeviceSecret(record as WrappedSecret, NURSE_A.pin, NURSE_A.id)).toEqual({
      ok: false,
      error: 'damaged',
    });
  });
});

describe('deriveDeviceKeys', () => {
  test('derives three non-extractable keys with only the usages they need', async () => {
    const keys = await deriveDeviceKeys(createDeviceSecret());
    expect(keys.dataKey.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...keys.dataKey.usages].sort()).toEqual(['decrypt', 'encrypt']);
    expect(keys.indexKey.algorithm).toMatchObject({
      name: 'HMAC',
      hash: { name: 'SHA-256' },
      length: 256,
    });
    expect([...keys.indexKey.usages]).toEqual(['sign']);
    expect(keys.auditKey.algorithm).toMatchObject({
      name: 'HMAC',
      hash: { name: 'SHA-256' },
      length: 256,
    });
    expect([...keys.auditKey.usages].sort()).toEqual(['sign', 'verify']);
    for (const key of [keys.dataKey, keys.indexKey, keys.auditKey]) {
      expect(key.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    }
  });

  test('the same secret always gives the same keys', async () => {
    const fixed = createDeviceSecret();
    const [first, second] = await Promise.all([deriveDeviceKeys(fixed), deriveDeviceKeys(fixed)]);
    const sealed = await seal(first.dataKey, 'hello', 'x');
    expect(await open(second.dataKey, sealed, 'x')).toEqual({ ok: true, value: 'hello' });
  });

  test('keys from another secret cannot open what this one sealed', async () => {
    const [mine, theirs] = await Promise.all([
      deriveDeviceKeys(createDeviceSecret()),
      deriveDeviceKeys(createDeviceSecret()),
    ]);
    const sealed = await seal(mine.dataKey, 'hello', 'x');
    expect(await open(theirs.dataKey, sealed, 'x')).toEqual({ ok: false, error: 'tampered' });
  });

  test('refuses a secret of the wrong length', async () => {
    await expect(deriveDeviceKeys(new Uint8Array(31))).rejects.toThrow(RangeError);
  });
});

describe('deviceKeyCheck', () => {
  test('is short, stable for one secret and different for another', async () => {
    const fixed = createDeviceSecret();
    const [first, again, other] = await Promise.all([
      deriveDeviceKeys(fixed).then(deviceKeyCheck),
      deriveDeviceKeys(fixed).then(deviceKeyCheck),
      deriveDeviceKeys(createDeviceSecret()).then(deviceKeyCheck),
    ]);
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});
