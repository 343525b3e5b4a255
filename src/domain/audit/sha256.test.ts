import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sha256Hex } from './sha256';

const nodeSha256 = (input: string | Uint8Array): string =>
  createHash('sha256').update(input).digest('hex');

describe('sha256Hex: FIPS 180-4 / NIST CAVP example vectors', () => {
  test.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    [
      '"abc" (one block)',
      'abc',
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ],
    [
      'the 448-bit message (two blocks: the padding does not fit)',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'the 896-bit message',
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('%s', (_, message, digest) => {
    expect(sha256Hex(message)).toBe(digest);
  });

  test('one million "a"', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });
});

describe('sha256Hex against node:crypto', () => {
  test.each([
    ['é', 'é'],
    ['an emoji with a skin-tone modifier', '👶🏽'],
    ['Arabic', 'مرحبا بالعالم'],
    ['mixed scripts', 'Zoë 李 Ωμέγα ☂️ 𝄞'],
    ['a NUL', 'a\u0000b'],
    ['a lone surrogate (hashed as U+FFFD)', 'x\ud800y'],
  ])('multi-byte UTF-8: %s', (_, text) => {
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });

  test('every length from 0 to 200 bytes (all padding cases around the 55/56/64-byte edges)', () => {
    for (let length = 0; length <= 200; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 31 + length) & 0xff);
      expect(sha256Hex(bytes), `length ${length}`).toBe(nodeSha256(bytes));
    }
  });

  test('text and its UTF-8 bytes hash the same', () => {
    const text = '{"detail":"Letter to GP issued – café"}';
    expect(sha256Hex(text)).toBe(sha256Hex(new TextEncoder().encode(text)));
  });

  test('a subarray is hashed by its own bytes, not its whole buffer', () => {
    const buffer = Uint8Array.from({ length: 100 }, (_, index) => index);
    const slice = buffer.subarray(10, 80);
    expect(sha256Hex(slice)).toBe(nodeSha256(Uint8Array.from(slice)));
  });
});
