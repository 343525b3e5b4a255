import { describe, expect, test } from 'vitest';
import {
  bytesEqual,
  concatBytes,
  fromBase64Url,
  isUint8Array,
  textEqual,
  toBase64Url,
  toBufferSource,
  utf8Bytes,
  utf8Text,
} from './encoding';

function bytesOfLength(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (index * 37 + length * 11) & 0xff);
}

describe('base64url', () => {
  test.each(Array.from({ length: 40 }, (_, length) => length))(
    'matches Node for %i bytes and round-trips',
    (length) => {
      const bytes = bytesOfLength(length);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(fromBase64Url(text) ?? [])).toEqual(Array.from(bytes));
    },
  );

  test('covers the whole alphabet', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  test.each([
    ['padding', 'AA=='],
    ['standard base64 characters', 'ab+/'],
    ['whitespace', 'AAAA AAAA'],
    ['an impossible length', 'AAAAA'],
    ['non-ASCII', 'AAé'],
    ['non-zero unused bits (non-canonical)', 'AB'],
    ['non-zero unused bits after two bytes', 'AAB'],
  ])('refuses %s', (_, text) => {
    expect(fromBase64Url(text)).toBeUndefined();
  });

  test('decodes the empty string to no bytes', () => {
    expect(fromBase64Url('')?.length).toBe(0);
  });
});

describe('UTF-8', () => {
  test('round-trips multi-byte text', () => {
    const text = 'é 👶🏽 مرحبا';
    expect(utf8Text(utf8Bytes(text))).toBe(text);
    expect(Array.from(utf8Bytes('é'))).toEqual([0xc3, 0xa9]);
  });

  test('returns undefined for bytes that are not UTF-8', () => {
    expect(utf8Text(Uint8Array.of(0xc3))).toBeUndefined();
    expect(utf8Text(Uint8Array.of(0xff, 0xfe))).toBeUndefined();
  });
});

describe('byte helpers', () => {
  test('bytesEqual and textEqual', () => {
    expect(bytesEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(textEqual('abc', 'abc')).toBe(true);
    expect(textEqual('abc', 'abd')).toBe(false);
  });

  test('concatBytes joins in order', () => {
    expect(
      Array.from(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))),
    ).toEqual([1, 2, 3]);
  });

  test('toBufferSource copies, so later changes to the original do not leak in', () => {
    const original = Uint8Array.of(1, 2, 3);
    const copy = toBufferSource(original);
    original[0] = 9;
    expect(Array.from(copy)).toEqual([1, 2, 3]);
    expect(copy.buffer).toBeInstanceOf(ArrayBuffer);
  });

  test('isUint8Array recognises Uint8Arrays from any realm and nothing else', () => {
    expect(isUint8Array(new Uint8Array(2))).toBe(true);
    expect(isUint8Array(new TextEncoder().encode('x'))).toBe(true);
    expect(isUint8Array(structuredClone(new Uint8Array(2)))).toBe(true);
    expect(isUint8Array(new Uint16Array(2))).toBe(false);
    expect(isUint8Array(new Uint8ClampedArray(2))).toBe(false);
    expect(isUint8Array(new DataView(new ArrayBuffer(2)))).toBe(false);
    expect(isUint8Array(new ArrayBuffer(2))).toBe(false);
    expect(isUint8Array([1, 2])).toBe(false);
    expect(isUint8Array({ length: 2, 0: 1, 1: 2 })).toBe(false);
    expect(isUint8Array(null)).toBe(false);
  });
});
