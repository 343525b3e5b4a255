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
