/**
 * What the letters table keeps in clear and how letters are named where they are not
 * sealed: the row as a list entry, the AAD a sealed letter is bound to, the keyed identity
 * index, the draft keys, and the words the audit trail uses (the letter's kind, version and
 * opaque id: never the patient; sealed in the trail since issue 11, audit-details.ts).
 *
 * Since version 5 (issue 11) a letter row says nothing in clear about what kind of letter it
 * is or which child it is about: it is found by a keyed hash of attendance + kind + child
 * (`identity`), and its kind and child are sealed (`about`). Rows written before keep `kind`
 * (and `childId`) in clear until the re-seal job converts them; every reader here reads both.
 */
import type { IssuedLetterSummary } from '../../domain/letters/issued';
import { isLetterKind, letterIdentityKey, letterKindLabels, sameLetterIdentity } from '../../domain/letters/kinds';
import type { LetterIdentity, LetterKind } from '../../domain/letters/kinds';
import { blindIndex } from '../crypto/blind-index';
import type { DeviceKeys } from '../crypto/keys';
import { openRow } from '../crypto/sealed-row';
import type { RowAddress, RowKeys } from '../crypto/sealed-row';
import type { LetterRow, TriageDatabase } from '../db';

/** A letter's additional data before the one sealed-row format. Read only. */
export const letterAad = (deviceId: string, attendanceId: string, letterId: string): string => `${deviceId}:attendance:${attendanceId}:letter:${letterId}`;

/**
 * Where an issued letter's fields are sealed (crypto/sealed-row): the row id names its
 * attendance too, so a letter copied onto another attendance does not open; the revision is
 * its version (a version is never rewritten).
 */
export const letterAddress = (attendanceId: string, letterId: string, version: number, field: 'payload' | 'about'): RowAddress => ({ table: 'letters', id: `${attendanceId}/${letterId}`, field, rev: version });

const identityText = (attendanceId: string, identity: LetterIdentity): string => `${attendanceId}\u0000${identity.kind}\u0000${identity.childId ?? ''}`;

/** The keyed identity index of a letter (attendance + kind + child): the same for every version, unrelated to the kind without the key. */
export const letterIdentityIndex = (keys: DeviceKeys, attendanceId: string, identity: LetterIdentity): Promise<string> => blindIndex(keys.indexKey, 'letter-identity', identityText(attendanceId, identity));

/** The token in a letter's address (routes): a keyed hash, so History and session files never hold the kind. */
export const letterRouteToken = (keys: DeviceKeys, attendanceId: string, identity: LetterIdentity): Promise<string> => blindIndex(keys.indexKey, 'letter-route', identityText(attendanceId, identity));

/** The kind and child sealed in a row (`about`), or in clear on a row from before version 5; undefined when neither reads. */
export async function letterIdentityOf(keys: RowKeys, row: LetterRow): Promise<LetterIdentity | undefined> {
  if (row.about) {
    const opened = await openRow(keys, row.about, letterAddress(row.attendanceId, row.id, row.version, 'about'));
    if (!opened || typeof opened.value !== 'object' || opened.value === null) return undefined;
    const { kind, childId } = opened.value as { kind?: unknown; childId?: unknown };
    if (!isLetterKind(kind) || (childId !== undefined && typeof childId !== 'string')) return undefined;
    return childId ? { kind, childId } : { kind };
  }
  if (!isLetterKind(row.kind)) return undefined;
  return row.childId ? { kind: row.kind, childId: row.childId } : { kind: row.kind };
}

/** The row as a list entry (kind and child opened), or undefined when it does not open. */
export async function letterSummary(keys: RowKeys, row: LetterRow): Promise<IssuedLetterSummary | undefined> {
  const identity = await letterIdentityOf(keys, row);
  if (!identity) return undefined;
  return { id: row.id, attendanceId: row.attendanceId, kind: identity.kind, version: row.version, issuedAt: row.issuedAt, issuedById: row.issuedById, ...(identity.childId ? { childId: identity.childId } : {}) };
}

/**
 * Every stored version of one letter: by its identity index, and the rows from before
 * version 5 by their clear kind (filtered by child). Call inside a read transaction for a
 * consistent count; `index` is letterIdentityIndex's result, computed before it.
 */
export async function versionsOf(db: Pick<TriageDatabase, 'letters'>, index: string | readonly string[], attendanceId: string, identity: LetterIdentity): Promise<LetterRow[]> {
  // Several indexes while a re-key is pending: the letter's under each key a look-up asks with (vault.ts lookupKeys).
  const indexes = typeof index === 'string' ? [index] : [...index];
  const [current, legacy] = await Promise.all([
    db.letters.where('identity').anyOf(indexes).toArray(),
    db.letters.where('[attendanceId+kind]').equals([attendanceId, identity.kind]).toArray(),
  ]);
  return [...current, ...legacy.filter((row) => row.identity === undefined && rowIsLetter(row, identity))];
}

export const describeLetter = (letter: Pick<IssuedLetterSummary, 'kind' | 'version' | 'id' | 'childId'>): string =>
  `${letterKindLabels[letter.kind]}${letter.childId ? ' about a child of the patient' : ''}, version ${letter.version} (letter ${letter.id})`;

/** Whether a row from before version 5 is this letter: the same kind and child (a row without a child is the patient's own letter). */
export const rowIsLetter = (row: Pick<LetterRow, 'kind' | 'childId'>, identity: LetterIdentity): boolean => sameLetterIdentity({ kind: row.kind as LetterKind, childId: row.childId }, identity);

/**
 * Where an unfinished letter's words are kept (the meta table) since version 5: under a keyed
 * hash of attendance + kind + child, so the key says neither the kind nor the child.
 */
export const letterDraftKey = async (keys: DeviceKeys, attendanceId: string, identity: LetterIdentity): Promise<string> =>
  `letter-draft:${await blindIndex(keys.indexKey, 'letter-draft', identityText(attendanceId, identity))}`;

/**
 * The draft key before version 5 ("letter-draft:<attendance>:gp", "…:school-nurse/child/<id>")
 * and the AAD it was sealed with: read (and removed) only.
 */
export const legacyLetterDraftKey = (attendanceId: string, kind: string, childId?: string): string => `letter-draft:${attendanceId}:${childId ? letterIdentityKey({ kind: kind as LetterKind, childId }) : kind}`;
export const letterDraftAad = (deviceId: string, attendanceId: string, kind: string, childId?: string): string =>
  `${deviceId}:attendance:${attendanceId}:letter-draft:${childId ? letterIdentityKey({ kind: kind as LetterKind, childId }) : kind}`;
/** Where a draft is sealed: its meta key, which names the letter. */
export const letterDraftAddress = (key: string): RowAddress => ({ table: 'meta', id: key, field: 'value', rev: 0 });
