/**
 * What the letters table keeps in clear and how letters are named where they are not
 * sealed: the row as a list entry, the AAD a sealed letter is bound to, and the words the
 * audit trail uses (the letter's kind, version and opaque id: never the patient).
 */
import type { IssuedLetterSummary } from '../../domain/letters/issued';
import { isLetterKind, letterIdentityKey, letterKindLabels, sameLetterIdentity } from '../../domain/letters/kinds';
import type { LetterIdentity, LetterKind } from '../../domain/letters/kinds';
import type { RowAddress } from '../crypto/sealed-row';
import type { LetterRow } from '../db';

/** A letter's additional data before the one sealed-row format. Read only. */
export const letterAad = (deviceId: string, attendanceId: string, letterId: string): string => `${deviceId}:attendance:${attendanceId}:letter:${letterId}`;

/**
 * Where an issued letter's fields are sealed (crypto/sealed-row): the row id names its
 * attendance too, so a letter copied onto another attendance does not open; the revision is
 * its version (a version is never rewritten).
 */
export const letterAddress = (attendanceId: string, letterId: string, version: number, field: 'payload' | 'about'): RowAddress => ({ table: 'letters', id: `${attendanceId}/${letterId}`, field, rev: version });


export function letterSummary(row: LetterRow): IssuedLetterSummary | undefined {
  if (!isLetterKind(row.kind)) return undefined;
  return { id: row.id, attendanceId: row.attendanceId, kind: row.kind, version: row.version, issuedAt: row.issuedAt, issuedById: row.issuedById, ...(row.childId ? { childId: row.childId } : {}) };
}

export const describeLetter = (letter: Pick<IssuedLetterSummary, 'kind' | 'version' | 'id' | 'childId'>): string =>
  `${letterKindLabels[letter.kind]}${letter.childId ? ' about a child of the patient' : ''}, version ${letter.version} (letter ${letter.id})`;

/** Whether a row is this letter: the same kind and child (a row without a child is the patient's own letter). */
export const rowIsLetter = (row: Pick<LetterRow, 'kind' | 'childId'>, identity: LetterIdentity): boolean => sameLetterIdentity({ kind: row.kind as LetterKind, childId: row.childId }, identity);

/**
 * Where an unfinished letter's words are kept (the meta table), and the AAD they are sealed
 * with, by letter identity: the patient's own letters keep the keys they always had
 * ("letter-draft:<attendance>:gp"), so drafts saved before children had letters still open.
 */
export const letterDraftKey = (attendanceId: string, kind: string, childId?: string): string => `letter-draft:${attendanceId}:${childId ? letterIdentityKey({ kind: kind as LetterKind, childId }) : kind}`;
export const letterDraftAad = (deviceId: string, attendanceId: string, kind: string, childId?: string): string =>
  `${deviceId}:attendance:${attendanceId}:letter-draft:${childId ? letterIdentityKey({ kind: kind as LetterKind, childId }) : kind}`;
/** Where a draft is sealed: its meta key, which names the letter. */
export const letterDraftAddress = (key: string): RowAddress => ({ table: 'meta', id: key, field: 'value', rev: 0 });
