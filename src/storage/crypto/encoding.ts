/**
 * Byte helpers for the crypto layer: UTF-8, base64url (RFC 4648 section 5, no padding),
 * joining byte arrays, comparing them without an early exit, and recognising a Uint8Array.
 *
 * Why hand-written base64url: encoded values (blind indexes, MACs, key checks) are stored
 * and compared as strings, so decoding is strict and canonical: one byte string has exactly
 * one accepted text form, and anything else is refused rather than "repaired".
 *
 * Why no `instanceof Uint8Array`: bytes can come from another JavaScript realm (IndexedDB
 * structured clones, a worker, jsdom in tests), where `instanceof` is false for a real
 * Uint8Array. The brand check below works across realms.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Maps a character code to its 6-bit value, or -1 for a character outside the alphabet. */
const DECODE_TABLE: readonly number[] = (() => {
  const table = new Array<number>(128).fill(-1);
  for (let index = 0; index < ALPHABET.length; index += 1) {
    table[ALPHABET.charCodeAt(index)] = index;
  }
  return table;
})();

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** True when `value` is a Uint8Array from any realm (not a DataView or another typed array). */
export function isUint8Array(value: unknown): value is Uint8Array {
  return (
    ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]'
  );
}

/**
 * A copy of `bytes` backed by a plain ArrayBuffer, which is what WebCrypto accepts.
 * Copying also means a caller changing its array afterwards cannot change what was encrypted.
 */
export function toBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}

/** The UTF-8 bytes of `text` (lone surrogates become U+FFFD, as in every UTF-8 encoder). */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  return toBufferSource(utf8Encoder.encode(text));
}

/** Decodes UTF-8, or returns undefined when `bytes` is not valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Encodes bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const triple =
      ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    text +=
      ALPHABET.charAt((triple >>> 18) & 63) +
      ALPHABET.charAt((triple >>> 12) & 63) +
      ALPHABET.charAt((triple >>> 6) & 63) +
      ALPHABET.charAt(triple & 63);
  }
  const remaining = bytes.length - index;
  if (remaining === 1) {
    const single = bytes[index] ?? 0;
    text += ALPHABET.charAt(single >>> 2) + ALPHABET.charAt((single & 3) << 4);
  } else if (remaining === 2) {
    const pair = ((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0);
    text +=
      ALPHABET.charAt(pair >>> 10) +
      ALPHABET.charAt((pair >>> 4) & 63) +
      ALPHABET.charAt((pair & 15) << 2);
  }
  return text;
}

/**
 * Decodes unpadded base64url. Returns undefined for anything that is not the canonical
 * encoding of some byte string: padding, whitespace, characters outside the alphabet,
 * an impossible length, or non-zero unused bits in the last character.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 === 1) return undefined;
  const values = new Array<number>(text.length);
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? (DECODE_TABLE[code] ?? -1) : -1;
    if (value < 0) return undefined;
    values[index] = value;
  }
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const value of values) {
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out] = (buffer >>> bits) & 0xff;
      out += 1;
    }
  }
  // Leftover bits must be zero, or two different texts would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}

/** Joins byte arrays into one new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/**
 * Compares two byte arrays, looking at every byte whatever the first difference, so the
 * time taken does not say where they differ. Lengths are not secret here and are compared
 * first. ("Constant-time-ish": a JavaScript engine makes no timing promises.)
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  }
  return difference === 0;
}

/** {@link bytesEqual} for two strings, compared as UTF-8. */
export function textEqual(a: string, b: string): boolean {
  return bytesEqual(utf8Bytes(a), utf8Bytes(b));
}
