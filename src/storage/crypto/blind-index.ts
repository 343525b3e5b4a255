/**
 * Blind indexes: keyed hashes that let storage find a patient by NHS number, or by family
 * name and date of birth, without storing either in the clear (PRODUCT.md section 7).
 *
 * HMAC-SHA-256 under the device's blind-index key over `purpose + NUL + value`, cut to 128
 * bits and written as base64url (22 characters). The purpose keeps the two look-ups apart:
 * the same text indexed for two purposes gives unrelated values. Without the key, an index
 * cannot be recomputed, so a copied database cannot be searched for a known NHS number.
 *
 * Why 128 bits: collisions between real patients stay out of reach (birthday bound 2^64),
 * and a look-up that finds a collision still decrypts and compares the record itself.
 *
 * Callers normalise before indexing (digits-only NHS number; `normalisedFamilyName|YYYY-MM-DD`),
 * because any difference in the text gives a different index.
 */
import { toBase64Url, utf8Bytes } from './encoding';
import { observedAcross } from './observed';

/**
 * What a blind index is for. Each purpose is a separate index space. 'letter-identity'
 * indexes letters and 'letter-draft' names draft rows by attendance + kind + child (issue 11),
 * so neither the kind nor the child is in clear; 'letter-route' names a letter in its address.
 * 'liaison-review-row' names a liaison review row at the department server by attendance +
 * reviewing tablet (issue 14), so the server cannot tell which attendances were reviewed.
 */
export type BlindIndexPurpose = 'nhs-number' | 'name-dob' | 'letter-identity' | 'letter-draft' | 'letter-route' | 'liaison-review-row';

const INDEX_BYTES = 16;

/**
 * The blind index of an already normalised value for one purpose.
 * Deterministic for one key; unrelated across keys and purposes.
 *
 * Throws (programming errors): a key that is not an HMAC signing key, or an empty value
 * (which would put every patient without the value under one index).
 */
export async function blindIndex(
  indexKey: CryptoKey,
  purpose: BlindIndexPurpose,
  normalisedValue: string,
): Promise<string> {
  if (indexKey.algorithm.name !== 'HMAC' || !indexKey.usages.includes('sign')) {
    throw new TypeError('blindIndex: expected an HMAC key that can sign.');
  }
  if (normalisedValue === '') throw new RangeError('blindIndex: there is no value to index.');
  const mac = await observedAcross(crypto.subtle.sign('HMAC', indexKey, utf8Bytes(`${purpose}\u0000${normalisedValue}`)));
  return toBase64Url(new Uint8Array(mac, 0, INDEX_BYTES));
}
