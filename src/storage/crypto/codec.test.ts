import { beforeAll, describe, expect, test } from 'vitest';
import { isSealed, open, openBytes, seal, sealBytes } from './codec';
import type { Sealed } from './codec';
import { bytesEqual } from './encoding';
import { createDeviceSecret, deriveDeviceKeys } from './keys';
import type { DeviceKeys } from './keys';

const AAD = 'attendance:att-1:payload';

let keys: DeviceKeys;
let otherKeys: DeviceKeys;

beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([
    deriveDeviceKeys(createDeviceSecret()),
    deriveDeviceKeys(createDeviceSecret()),
  ]);
});

/** A copy of a record with one field missing, as a damaged stored record might be. */
function without(value: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const index = bit >>> 3;
  copy[index] = (copy[index] ?? 0) ^ (1 << (bit & 7));
  return copy;
}

describe('seal and open', () => {
  test.each([
    [
      'an object',
      { name: 'Test Patient', answers: { 'seen-by': 'nurse', flags: [true, false, null] } },
    ],
    ['an array', [1, 'two', { three: 3 }]],
    ['text with emoji and Arabic', 'é 👶🏽 مرحبا'],
    ['a number', 42.5],
    ['null', null],
    ['an empty string', ''],
  ])('round-trips %s', async (_, value) => {
    const sealed = await seal(keys.dataKey, value, AAD);
    expect(await open(keys.dataKey, sealed, AAD)).toEqual({ ok: true, value });
  });

  test('writes a fresh 96-bit IV every time, so equal values give different ciphertexts', async () => {
    const first = await seal(keys.dataKey, { same: true }, AAD);
    const second = await seal(keys.dataKey, { same: true }, AAD);
    expect(first.v).toBe(1);
    expect(first.iv.length).toBe(12);
    expect(bytesEqual(first.iv, second.iv)).toBe(false);
    expect(bytesEqual(first.ct, second.ct)).toBe(false);
  });

  test('the plaintext does not appear in the sealed box', async () => {
    const sealed = await seal(keys.dataKey, { nhsNumber: '9434765919' }, AAD);
    expect(Buffer.from(sealed.ct).toString('latin1')).not.toContain('9434765919');
  });

  test('detects every single-bit change of the IV and of the ciphertext', async () => {
    const sealed = await seal(keys.dataKey, { a: 1 }, AAD);
    const variants: Sealed[] = [];
    for (let bit = 0; bit < sealed.iv.length * 8; bit += 1) {
      variants.push({ ...sealed, iv: flipBit(sealed.iv, bit) });
    }
    for (let bit = 0; bit < sealed.ct.length * 8; bit += 1) {
      variants.push({ ...sealed, ct: flipBit(sealed.ct, bit) });
    }
    expect(variants).toHaveLength((12 + 7 + 16) * 8);
    const results = await Promise.all(variants.map((variant) => open(keys.dataKey, variant, AAD)));
    expect(results.filter((result) => result.ok)).toEqual([]);
    expect(new Set(results.map((result) => (result.ok ? 'opened' : result.error)))).toEqual(
      new Set(['tampered']),
    );
    // The untouched box still opens: the test is not failing for another reason.
    expect(await open(keys.dataKey, sealed, AAD)).toEqual({ ok: true, value: { a: 1 } });
  });

  test.each([
    ['another record', 'attendance:att-2:payload'],
    ['another field', 'attendance:att-1:letters'],
    ['no AAD', ''],
  ])('a box moved to %s does not open', async (_, otherAad) => {
    const sealed = await seal(keys.dataKey, { a: 1 }, AAD);
    expect(await open(keys.dataKey, sealed, otherAad)).toEqual({ ok: false, error: 'tampered' });
  });

  test('the data key of another device does not open it', async () => {
    const sealed = await seal(keys.dataKey, { a: 1 }, AAD);
    expect(await open(otherKeys.dataKey, sealed, AAD)).toEqual({ ok: false, error: 'tampered' });
  });

  const malformed: [string, (s: Sealed) => unknown][] = [
    ['undefined', () => undefined],
    ['null', () => null],
    ['a string', () => 'sealed'],
    ['another version', (s) => ({ ...s, v: 2 })],
    ['no version', (s) => without(s, 'v')],
    ['no IV', (s) => without(s, 'iv')],
    ['a short IV', (s) => ({ ...s, iv: s.iv.slice(0, 11) })],
    ['a long IV', (s) => ({ ...s, iv: new Uint8Array(16) })],
    ['an IV that is not bytes', (s) => ({ ...s, iv: Array.from(s.iv) })],
    ['no ciphertext', (s) => without(s, 'ct')],
    ['an empty ciphertext', (s) => ({ ...s, ct: new Uint8Array(0) })],
    ['a truncated ciphertext', (s) => ({ ...s, ct: s.ct.slice(0, s.ct.length - 1) })],
    ['an extended ciphertext', (s) => ({ ...s, ct: Uint8Array.from([...s.ct, 0]) })],
    ['only the tag', (s) => ({ ...s, ct: s.ct.slice(s.ct.length - 16) })],
  ];
  test.each(malformed)("%s is 'tampered', not a throw", async (_, damage) => {
    const sealed = await seal(keys.dataKey, { a: 1 }, AAD);
    expect(await open(keys.dataKey, damage(sealed), AAD)).toEqual({ ok: false, error: 'tampered' });
  });

  test("authentic bytes that are not UTF-8 JSON are 'tampered'", async () => {
    // Seal outside the codec, with the codec's documented AAD, so the tag is valid.
    const sealRaw = async (plaintext: Uint8Array<ArrayBuffer>): Promise<Sealed> => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const additionalData = new TextEncoder().encode(
        `safeguarding-triage/sealed/v1/json\u0000${AAD}`,
      );
      const ct = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData },
        keys.dataKey,
        plaintext,
      );
      return { v: 1, iv, ct: new Uint8Array(ct) };
    };
    const valid = await sealRaw(Uint8Array.from(Buffer.from('{"a":1}')));
    expect(await open(keys.dataKey, valid, AAD)).toEqual({ ok: true, value: { a: 1 } });
    const notJson = await sealRaw(Uint8Array.from(Buffer.from('{"a":')));
    expect(await open(keys.dataKey, notJson, AAD)).toEqual({ ok: false, error: 'tampered' });
    const notUtf8 = await sealRaw(Uint8Array.of(0x22, 0xc3, 0x22));
    expect(await open(keys.dataKey, notUtf8, AAD)).toEqual({ ok: false, error: 'tampered' });
  });

  test.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
  ])('refuses to seal %s', async (_, value) => {
    await expect(seal(keys.dataKey, value, AAD)).rejects.toThrow(TypeError);
  });

  test('refuses to seal a BigInt or a cycle', async () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    await expect(seal(keys.dataKey, 1n, AAD)).rejects.toThrow(TypeError);
    await expect(seal(keys.dataKey, cycle, AAD)).rejects.toThrow(TypeError);
  });

  test('passing an HMAC key instead of the data key is a programming error and throws', async () => {
    const sealed = await seal(keys.dataKey, { a: 1 }, AAD);
    await expect(seal(keys.indexKey, { a: 1 }, AAD)).rejects.toThrow(TypeError);
    await expect(open(keys.auditKey, sealed, AAD)).rejects.toThrow(TypeError);
  });

  test('isSealed accepts what seal writes, including after a structured clone (as IndexedDB does)', async () => {
    const sealed = await seal(keys.dataKey, { a: 1 }, AAD);
    const cloned = structuredClone(sealed);
    expect(isSealed(cloned)).toBe(true);
    expect(await open(keys.dataKey, cloned, AAD)).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('sealBytes and openBytes', () => {
  test('round-trip binary content', async () => {
    const pdf = Uint8Array.from({ length: 5000 }, (_, index) => (index * 7) & 0xff);
    const sealed = await sealBytes(keys.dataKey, pdf, 'letter:l-1:pdf');
    const opened = await openBytes(keys.dataKey, sealed, 'letter:l-1:pdf');
    expect(opened.ok && bytesEqual(opened.value, pdf)).toBe(true);
  });

  test('detect a changed bit, another AAD and another key', async () => {
    const sealed = await sealBytes(keys.dataKey, Uint8Array.of(1, 2, 3), 'letter:l-1:pdf');
    const tampered = { ok: false, error: 'tampered' };
    expect(
      await openBytes(keys.dataKey, { ...sealed, ct: flipBit(sealed.ct, 0) }, 'letter:l-1:pdf'),
    ).toEqual(tampered);
    expect(await openBytes(keys.dataKey, sealed, 'letter:l-2:pdf')).toEqual(tampered);
    expect(await openBytes(otherKeys.dataKey, sealed, 'letter:l-1:pdf')).toEqual(tampered);
    expect(await openBytes(keys.dataKey, { v: 1 }, 'letter:l-1:pdf')).toEqual(tampered);
  });

  test('a bytes box cannot be opened as JSON, nor a JSON box as bytes, under the same AAD', async () => {
    const asBytes = await sealBytes(keys.dataKey, Uint8Array.from(Buffer.from('{"a":1}')), AAD);
    const asJson = await seal(keys.dataKey, { a: 1 }, AAD);
    expect(await open(keys.dataKey, asBytes, AAD)).toEqual({ ok: false, error: 'tampered' });
    expect(await openBytes(keys.dataKey, asJson, AAD)).toEqual({ ok: false, error: 'tampered' });
  });

  test('copies its input, so changing the array during sealing changes nothing', async () => {
    const bytes = Uint8Array.of(1, 2, 3);
    const pending = sealBytes(keys.dataKey, bytes, 'x');
    bytes[0] = 9;
    const opened = await openBytes(keys.dataKey, await pending, 'x');
    expect(opened.ok && Array.from(opened.value)).toEqual([1, 2, 3]);
  });
});
