/**
 * The encryption codec: turns a value into a sealed box and back, with AES-GCM-256 under the
 * device data key.
 *
 * Owns the sealed format `{ v: 1, iv, ct }`: a fresh random 96-bit IV for every seal, and
 * additional authenticated data (AAD) naming where the box belongs (for example
 * `attendance:<id>:payload`), so a ciphertext copied to another record or field fails to
 * open instead of showing the wrong patient's data.
 *
 * Why random IVs are safe here: with a 96-bit random IV, NIST SP 800-38D section 8.3 allows
 * 2^32 encryptions under one key; a ward tablet writes a few thousand a day.
 *
 * Why `open` returns a Result instead of throwing: whatever comes out of IndexedDB is
 * untrusted, and a damaged record must become a message on screen, not a white screen.
 * Passing the wrong kind of key is a programming error and does throw.
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { isUint8Array, toBufferSource, utf8Bytes, utf8Text } from './encoding';
import { observedAcross } from './observed';

/** A value encrypted with AES-GCM: format version, 12-byte IV, ciphertext with 16-byte tag. */
export interface Sealed {
  v: 1;
  iv: Uint8Array;
  ct: Uint8Array;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * JSON and raw bytes are sealed under different AAD prefixes, so a box sealed as bytes can
 * never be opened as JSON or the other way round, even with the same caller AAD.
 */
const AAD_PREFIX = {
  json: 'safeguarding-triage/sealed/v1/json\u0000',
  bytes: 'safeguarding-triage/sealed/v1/bytes\u0000',
} as const;
type Kind = keyof typeof AAD_PREFIX;

function assertDataKey(key: CryptoKey, usage: 'encrypt' | 'decrypt'): void {
  if (key.algorithm.name !== 'AES-GCM' || !key.usages.includes(usage)) {
    throw new TypeError(`Expected an AES-GCM key that can ${usage}.`);
  }
}

/** True when `value` has the shape of a {@link Sealed} box (it says nothing about its contents). */
export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record['v'] === 1 &&
    isUint8Array(record['iv']) &&
    record['iv'].length === IV_BYTES &&
    isUint8Array(record['ct']) &&
    record['ct'].length >= TAG_BYTES
  );
}

async function sealWith(
  kind: Kind,
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  aad: string,
): Promise<Sealed> {
  assertDataKey(key, 'encrypt');
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv,
      additionalData: utf8Bytes(AAD_PREFIX[kind] + aad),
      tagLength: TAG_BYTES * 8,
    },
    key,
    plaintext,
  );
  return { v: 1, iv, ct: new Uint8Array(ct) };
}

async function openWith(
  kind: Kind,
  key: CryptoKey,
  sealed: unknown,
  aad: string,
): Promise<Result<Uint8Array<ArrayBuffer>, 'tampered'>> {
  assertDataKey(key, 'decrypt');
  if (!isSealed(sealed)) return err('tampered');
  try {
    const plaintext = await observedAcross(
      crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: toBufferSource(sealed.iv),
          additionalData: utf8Bytes(AAD_PREFIX[kind] + aad),
          tagLength: TAG_BYTES * 8,
        },
        key,
        toBufferSource(sealed.ct),
      ),
    );
    return ok(new Uint8Array(plaintext));
  } catch {
    // The key was checked above, so a rejection here is an authentication failure: wrong
    // key, wrong AAD, or a changed IV, ciphertext or tag.
    return err('tampered');
  }
}

/**
 * Encrypts a JSON-serialisable value: JSON, then UTF-8, then AES-GCM with a fresh IV and
 * `aad` as additional authenticated data. Pass the same `aad` to {@link open}.
 *
 * Throws for a value JSON cannot represent (undefined, a function, a symbol, a BigInt or
 * a cycle): that is a programming error. Note that JSON drops undefined properties and
 * turns Dates into strings; callers store ISO strings, not Dates.
 */
export async function seal(key: CryptoKey, value: unknown, aad: string): Promise<Sealed> {
  const json: unknown = JSON.stringify(value);
  if (typeof json !== 'string') {
    throw new TypeError('seal: the value cannot be represented as JSON.');
  }
  return sealWith('json', key, utf8Bytes(json), aad);
}

/**
 * Decrypts and parses a box made by {@link seal} with the same key and `aad`.
 * Any failure (not a Sealed box, wrong key, wrong AAD, any changed bit, bytes that are not
 * UTF-8 JSON) is 'tampered'; it never throws for bad data. The value is unknown: parse it
 * with its zod schema before use.
 */
export async function open(
  key: CryptoKey,
  sealed: unknown,
  aad: string,
): Promise<Result<unknown, 'tampered'>> {
  const opened = await openWith('json', key, sealed, aad);
  if (!opened.ok) return opened;
  const text = utf8Text(opened.value);
  if (text === undefined) return err('tampered');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err('tampered');
  }
}

/** Encrypts raw bytes (for example a PDF letter) like {@link seal}, without JSON. */
export async function sealBytes(key: CryptoKey, bytes: Uint8Array, aad: string): Promise<Sealed> {
  if (!isUint8Array(bytes)) throw new TypeError('sealBytes: expected a Uint8Array.');
  return sealWith('bytes', key, toBufferSource(bytes), aad);
}

/** Decrypts a box made by {@link sealBytes}; any failure is 'tampered', never a throw. */
export async function openBytes(
  key: CryptoKey,
  sealed: unknown,
  aad: string,
): Promise<Result<Uint8Array, 'tampered'>> {
  return openWith('bytes', key, sealed, aad);
}
