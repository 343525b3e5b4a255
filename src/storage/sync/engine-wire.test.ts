/**
 * The wire form of a sealed box (issue 14): the receiving tablet rebuilds exactly the box the
 * author sealed, and anything that is not one is refused rather than half-read.
 */
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8Bytes, utf8Text } from '../crypto/encoding';
import { boxFromWire, boxToWire, envelopeFromWire, envelopeToWire } from './engine-wire';

const box = { v: 1 as const, iv: new Uint8Array(12).map((_, index) => index), ct: new Uint8Array(40).map((_, index) => 255 - index), f: 2, e: 1 };

describe('the wire form of a sealed box', () => {
  it('rebuilds the box byte for byte, with or without its format and epoch', () => {
    expect(boxFromWire(boxToWire(box))).toEqual(box);
    const legacy = { v: 1 as const, iv: box.iv, ct: box.ct };
    expect(boxFromWire(boxToWire(legacy))).toEqual(legacy);
    expect(boxToWire(box)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses text that is not a box: not base64url, not JSON, a short IV, a wrong-typed epoch', () => {
    expect(boxFromWire('not base64url!')).toBeUndefined();
    expect(boxFromWire(toBase64Url(utf8Bytes('{"v":1')))).toBeUndefined();
    const wire = JSON.parse(utf8Text(fromBase64Url(boxToWire(box)) ?? new Uint8Array()) ?? '{}') as Record<string, unknown>;
    expect(boxFromWire(toBase64Url(utf8Bytes(JSON.stringify({ ...wire, iv: toBase64Url(new Uint8Array(8)) }))))).toBeUndefined();
    expect(boxFromWire(toBase64Url(utf8Bytes(JSON.stringify({ ...wire, e: '1' }))))).toBeUndefined();
  });

  it('carries an envelope of several parts with their bytes, and refuses a damaged one', () => {
    const envelope = { attendanceId: 'a1', version: 2, payload: box, about: { ...box, e: 1 } };
    expect(envelopeFromWire(envelopeToWire(envelope))).toEqual(envelope);
    expect(envelopeFromWire(toBase64Url(utf8Bytes('{"payload":{"$bytes":"!!"}}')))).toBeUndefined();
    expect(envelopeFromWire(toBase64Url(utf8Bytes('[1,2]')))).toBeUndefined();
  });
});
