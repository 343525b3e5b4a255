/**
 * What the letters table keeps in clear and how letters are named where they are not
 * sealed: the row as a list entry, the AAD a sealed letter is bound to, and the words the
 * audit trail uses (the letter's kind, version and opaque id: never the patient).
 */
import type { IssuedLetterSummary } from '../../domain/letters/issued';
import { isLetterKind, letterKindLabels } from '../../domain/letters/kinds';
import type { LetterRow } from '../db';

export const letterAad = (deviceId: string, attendanceId: string, letterId: string): string => `${deviceId}:attendance:${attendanceId}:letter:${letterId}`;


export function letterSummary(row: LetterRow): IssuedLetterSummary | undefined {
  if (!isLetterKind(row.kind)) return undefined;
  return { id: row.id, attendanceId: row.attendanceId, kind: row.kind, version: row.version, issuedAt: row.issuedAt, issuedById: row.issuedById };
}

export const describeLetter = (letter: Pick<IssuedLetterSummary, 'kind' | 'version' | 'id'>): string => `${letterKindLabels[letter.kind]}, version ${letter.version} (letter ${letter.id})`;

/** Where an unfinished letter's words are kept (the meta table), and the AAD they are sealed with. */
export const letterDraftKey = (attendanceId: string, kind: string): string => `letter-draft:${attendanceId}:${kind}`;
export const letterDraftAad = (deviceId: string, attendanceId: string, kind: string): string => `${deviceId}:attendance:${attendanceId}:letter-draft:${kind}`;
