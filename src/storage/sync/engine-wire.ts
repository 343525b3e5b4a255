/**
 * How a sealed box travels to the department server and back (issue 14; design
 * docs/design/department-sync.md §5). Owns the wire form of one sealed value:
 *
 *   box { v, iv, ct, f?, e? }  →  JSON text with iv and ct in base64url  →  UTF-8 bytes  →  base64url
 *
 * The server stores the bytes and never parses them (server/README.md: "it holds no key and
 * never parses a sealed value"). The receiving tablet rebuilds exactly the box the author
 * sealed, byte for byte, and opens it with the author tablet's id in the additional data
 * (crypto/sealed-row.ts): nothing is re-sealed on the way, so a changed bit fails to open.
 *
 * Only the box travels: no clear field of the local row (no arrival day, no status beyond
 * the server's own `signed`), so the server holds nothing it does not already list in
 * design §4.
 */
import type { Sealed } from '../crypto/codec';
import { isSealed } from '../crypto/codec';
import { fromBase64Url, toBase64Url, utf8Bytes, utf8Text } from '../crypto/encoding';

interface WireBox {
  v: 1;
  iv: string;
  ct: string;
  f?: number;
  e?: number;
}

/**
 * The blind indexes a pushed row carries for the department's look-up: only those there are.
 * A record with no NHS number yet (or never: not known, not given), or no name and date of
 * birth yet, holds an empty index locally (attendance-crypto.ts IndexCache); the server takes
 * an index or none, never an empty one, and refuses the whole request otherwise, which held
 * back every row of the tablet behind one patient without an NHS number.
 */
export function indexesToWire(nhsIndex: string, nameDobIndex: string): { nhsIndex?: string; nameDobIndex?: string } {
  return { ...(nhsIndex !== '' ? { nhsIndex } : {}), ...(nameDobIndex !== '' ? { nameDobIndex } : {}) };
}

/** The base64url text the server stores for a sealed box (the `sealed` field of a pushed row). */
export function boxToWire(box: Sealed & { f?: number; e?: number }): string {
  const wire: WireBox = { v: box.v, iv: toBase64Url(box.iv), ct: toBase64Url(box.ct) };
  if (box.f !== undefined) wire.f = box.f;
  if (box.e !== undefined) wire.e = box.e;
  return toBase64Url(utf8Bytes(JSON.stringify(wire)));
}

/** The box a pulled row's `sealed` text carries, or undefined when it is not one (a damaged or foreign row). */
export function boxFromWire(text: string): (Sealed & { f?: number; e?: number }) | undefined {
  const bytes = fromBase64Url(text);
  if (!bytes) return undefined;
  const json = utf8Text(bytes);
  if (json === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, iv, ct, f, e } = parsed as Record<string, unknown>;
  if (typeof iv !== 'string' || typeof ct !== 'string') return undefined;
  const ivBytes = fromBase64Url(iv);
  const ctBytes = fromBase64Url(ct);
  if (!ivBytes || !ctBytes) return undefined;
  const box: Sealed & { f?: number; e?: number } = { v: v as 1, iv: ivBytes, ct: ctBytes };
  if (f !== undefined) {
    if (typeof f !== 'number') return undefined;
    box.f = f;
  }
  if (e !== undefined) {
    if (typeof e !== 'number') return undefined;
    box.e = e;
  }
  return isSealed(box) ? box : undefined;
}

/** The local key of a department row or a push acknowledgement: `<kind> <rowId>` (a row id has no space). */
export const rowKey = (kind: string, rowId: string): string => `${kind} ${rowId}`;

/**
 * A row of several parts (a letter version: its sealed document, its sealed kind and child,
 * and the opaque ids and time that place it) as one base64url text: JSON in which every
 * byte array is `{ "$bytes": base64url }`. Only what the caller puts in travels.
 */
export function envelopeToWire(value: Record<string, unknown>): string {
  const json = JSON.stringify(value, (_key, part: unknown) => (part instanceof Uint8Array ? { $bytes: toBase64Url(part) } : part));
  return toBase64Url(utf8Bytes(json));
}

/** The parts an {@link envelopeToWire} text carries, byte arrays rebuilt; undefined when it is not one. */
export function envelopeFromWire(text: string): Record<string, unknown> | undefined {
  const bytes = fromBase64Url(text);
  const json = bytes ? utf8Text(bytes) : undefined;
  if (json === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(json, (_key, part: unknown) => {
      if (typeof part === 'object' && part !== null && Object.keys(part).length === 1 && typeof (part as { $bytes?: unknown }).$bytes === 'string') {
        const decoded = fromBase64Url((part as { $bytes: string }).$bytes);
        if (!decoded) throw new TypeError('not base64url');
        return decoded;
      }
      return part;
    });
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
