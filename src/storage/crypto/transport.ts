/**
 * Sealing for transport to the department server (issue 14; design
 * docs/design/department-sync.md §2, "the staff-wrap transport key"). Owns the transport key
 * and the additional data of a row that travels sealed under it.
 *
 * Some rows are in clear on the tablet because the lock screen needs them before any key
 * exists (staff rows: names, registration numbers, the PBKDF2 wraps) or because they are not
 * patient data (the settings). The server must hold none of them in clear (issue 14
 * clarification: "Staff wraps never reach the server as they are (a dump would allow offline
 * PIN guessing): they travel sealed under the department key"). So they are sealed for the
 * trip under a key derived from the department secret with HKDF-SHA-256 and its own label,
 * `staff-transport` (no other key derived from the secret is related to it), AES-GCM with a
 * fresh IV.
 *
 * Additional data: a canonical JSON array naming this format, the kind, the author tablet,
 * the row id and the revision, so a box moved to another kind, row, revision or author does
 * not open; a box from another department does not open because that department holds
 * another secret. Bytes inside a value (wraps, sealed key pairs) are tagged `{ "$bytes": … }`
 * so a row comes back exactly as it was stored.
 */
import { open as openSealed, seal } from './codec';
import type { Sealed } from './codec';
import { fromBase64Url, isUint8Array, toBase64Url, toBufferSource, utf8Bytes } from './encoding';
import { earlierTransportKeys } from './key-ring';

const HKDF_SALT = 'safeguarding-triage/department-transport/v1';
const TRANSPORT_INFO = 'safeguarding-triage/v1/staff-transport/AES-GCM-256';
/** The format of a transported box's additional data. */
export const TRANSPORT_FORMAT = 1;

/** Where a transported value belongs: its kind at the server, its author tablet, its row id and revision. */
export interface TransportAddress {
  kind: string;
  author: string;
  rowId: string;
  revision: number;
}

const derived = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** The transport key from the department secret (non-extractable; one derivation per unlocked secret). */
export function transportKey(secret: Uint8Array): Promise<CryptoKey> {
  const held = derived.get(secret);
  if (held) return held;
  const made = (async () => {
    const material = await crypto.subtle.importKey('raw', toBufferSource(secret), 'HKDF', false, ['deriveKey']);
    return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: utf8Bytes(HKDF_SALT), info: utf8Bytes(TRANSPORT_INFO) }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  })();
  derived.set(secret, made);
  return made;
}

/** The additional data of a transported box (canonical JSON array). */
export function transportAad(address: TransportAddress): string {
  return JSON.stringify(['department-transport', TRANSPORT_FORMAT, address.kind, address.author, address.rowId, address.revision]);
}

const BYTES_TAG = '$bytes';

/** A value with its byte arrays tagged, as JSON can carry it. */
export function tagBytes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, part: unknown) => (isUint8Array(part) ? { [BYTES_TAG]: toBase64Url(part) } : part))) as unknown;
}

/** The value with its tagged byte arrays rebuilt. */
export function untagBytes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, part: unknown) => {
    if (typeof part === 'object' && part !== null && !Array.isArray(part) && Object.keys(part).length === 1) {
      const tagged = (part as Record<string, unknown>)[BYTES_TAG];
      if (typeof tagged === 'string') return fromBase64Url(tagged) ?? part;
    }
    return part;
  }) as unknown;
}

/** Seals a value (byte arrays allowed) for transport at `address`. */
export async function sealForTransport(secret: Uint8Array, value: unknown, address: TransportAddress): Promise<Sealed> {
  return seal(await transportKey(secret), tagBytes(value), transportAad(address));
}

/** Opens a transported box at `address`; undefined when it does not open (changed, moved, another department). */
export async function openFromTransport(secret: Uint8Array, box: unknown, address: TransportAddress): Promise<unknown> {
  const opened = await openSealed(await transportKey(secret), box, transportAad(address));
  if (opened.ok) return untagBytes(opened.value);
  // A box sealed before a department re-key reached its author: an earlier secret's transport key (crypto/key-ring.ts) opens it.
  for (const earlier of earlierTransportKeys(secret)) {
    const again = await openSealed(earlier, box, transportAad(address));
    if (again.ok) return untagBytes(again.value);
  }
  return undefined;
}

/** JSON with every object's keys sorted, so equal values give equal text whatever order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, part: unknown) =>
    typeof part === 'object' && part !== null && !Array.isArray(part) ? Object.fromEntries(Object.entries(part as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : part,
  );
}

/**
 * SHA-256 (hex) of a value's canonical JSON, byte arrays tagged: whether a row changed since
 * it last travelled. Kept on this tablet only (it holds the row in clear anyway).
 */
export async function transportFingerprint(value: unknown): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', toBufferSource(utf8Bytes(canonical(tagBytes(value))))));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
