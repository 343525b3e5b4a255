import { describe, expect, it } from 'vitest';
import { wireClearText } from './wire-text';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const random = (bytes: number): string => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');

describe('wireClearText: the clear parts of a row as a server dump shows them', () => {
  it('reads every JSON layer, so a word in clear at any depth is found', () => {
    const inner = b64(JSON.stringify({ kind: 'mash-referral', family: 'Quenby' }));
    const outer = b64(JSON.stringify({ v: 1, iv: random(12), ct: random(400), part: { $bytes: inner } }));
    const text = wireClearText(outer);
    expect(text).toContain('mash-referral');
    expect(text).toContain('Quenby');
    expect(text).toContain('"v":1');
  });

  it('keeps a clear identifier in one case, and drops ciphertext (which may hold any four letters by chance)', () => {
    const planted = `AbCdEfGhmashIjKlMnOpQr${random(64)}`;
    const outer = b64(JSON.stringify({ v: 1, iv: random(12), ct: planted, type: 'department-sharing-on' }));
    const text = wireClearText(outer);
    expect(text).not.toContain('mash');
    expect(text).toContain('department-sharing-on');
  });
});
