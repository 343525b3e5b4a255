import { describe, expect, it } from 'vitest';
import { canonicalJson, macBinding, verifyBinding } from './binding-mac';

async function auditKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
}

describe('canonicalJson', () => {
  it('gives one text for equal values whatever order their keys were written in, at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null, true], c: 'é' } })).toBe('{"a":{"c":"é","d":[1,"x",null,true]},"b":1}');
    expect(canonicalJson({ a: { c: 'é', d: [1, 'x', null, true] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x', null, true], c: 'é' } }));
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: new Uint8Array(2) })).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});

describe('binding MACs', () => {
  it('hold for the same value and fail for any change, another subject or another purpose', async () => {
    const key = await auditKey();
    const value = { role: 'triage-nurse', active: 1, settings: { idle: 5 } };
    const mac = await macBinding(key, 'staff-account', 'staff-1', value);
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await verifyBinding(key, 'staff-account', 'staff-1', { settings: { idle: 5 }, active: 1, role: 'triage-nurse' }, mac)).toBe(true);
    expect(await verifyBinding(key, 'staff-account', 'staff-1', { ...value, role: 'nurse-in-charge' }, mac)).toBe(false);
    expect(await verifyBinding(key, 'staff-account', 'staff-1', { ...value, extra: '' }, mac)).toBe(false);
    expect(await verifyBinding(key, 'staff-account', 'staff-2', value, mac)).toBe(false);
    expect(await verifyBinding(key, 'device-settings', 'staff-1', value, mac)).toBe(false);
    expect(await verifyBinding(await auditKey(), 'staff-account', 'staff-1', value, mac)).toBe(false);
    expect(await verifyBinding(key, 'staff-account', 'staff-1', value, undefined)).toBe(false);
    expect(await verifyBinding(key, 'staff-account', 'staff-1', value, 'short')).toBe(false);
  });
});
