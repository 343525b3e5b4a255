import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoisePbkdf2 } from './pbkdf2-memo';

// The set-up file memoised the global WebCrypto (node:crypto's webcrypto is the same object), so
// the reference is Node's own PBKDF2, which does not go through it.
const memo = globalThis.crypto.subtle;
const bytes = (text: string) => new TextEncoder().encode(text);
const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex');
const reference = (pin: string, salt: Uint8Array, iterations = 600_000) => pbkdf2Sync(pin, salt, iterations, 32, 'sha256');

async function bitsWith(pin: string, salt: Uint8Array<ArrayBuffer>, iterations = 600_000): Promise<string> {
  const material = await memo.importKey('raw', bytes(pin), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
  return hex(await memo.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256));
}

describe('remembered PBKDF2 derivations (tests only)', () => {
  it('is installed by the set-up file, once', () => {
    memoisePbkdf2(memo);
    expect((memo as SubtleCrypto & { __pbkdf2Memo?: true }).__pbkdf2Memo).toBe(true);
  });

  it('gives the bits WebCrypto gives, asked once or twice; another PIN, salt or count is derived afresh', async () => {
    const salt = bytes('sixteen byte slt');
    const expected = reference('482913', salt).toString('hex');
    expect(await bitsWith('482913', salt)).toBe(expected);
    expect(await bitsWith('482913', salt)).toBe(expected);
    expect(await bitsWith('482914', salt)).toBe(reference('482914', salt).toString('hex'));
    expect(await bitsWith('482913', bytes('another salt....'))).toBe(reference('482913', bytes('another salt....')).toString('hex'));
    expect(await bitsWith('482913', salt, 600_001)).toBe(reference('482913', salt, 600_001).toString('hex'));
    expect(await bitsWith('482914', salt)).not.toBe(expected);
  });

  it('a key imported for deriveKey only is refused deriveBits, as WebCrypto refuses it, even once its bits are remembered', async () => {
    const salt = bytes('sixteen byte slt');
    await bitsWith('482913', salt);
    const keyOnly = await memo.importKey('raw', bytes('482913'), 'PBKDF2', false, ['deriveKey']);
    await expect(memo.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600_000 }, keyOnly, 256)).rejects.toThrow(/deriveBits/);
  });

  it('an AES key derived through the memo, asked twice, opens what the reference key sealed; another PIN\'s does not', async () => {
    const salt = bytes('sixteen byte slt');
    const derive = async (pin: string) =>
      memo.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600_000 }, await memo.importKey('raw', bytes(pin), 'PBKDF2', false, ['deriveKey']), { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const iv = new Uint8Array(12);
    const referenceKey = await memo.importKey('raw', reference('482913', salt), { name: 'AES-GCM' }, false, ['encrypt']);
    const sealed = await memo.encrypt({ name: 'AES-GCM', iv }, referenceKey, bytes('wrapped secret'));
    await derive('482913');
    const key = await derive('482913');
    expect(key.extractable).toBe(false);
    expect(new TextDecoder().decode(await memo.decrypt({ name: 'AES-GCM', iv }, key, sealed))).toBe('wrapped secret');
    await expect(memo.decrypt({ name: 'AES-GCM', iv }, await derive('000000'), sealed)).rejects.toThrow();
  });
});
