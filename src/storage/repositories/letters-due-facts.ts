/**
 * Which letters of an attendance are issued, read from its letter rows (issue 14: GP letters
 * due across the department). Every writer that seals an attendance's summary passes these
 * facts to summariseAttendance (domain/assessment/attendance-summary.ts), so the summary other
 * tablets pull says which letters are issued and when the GP letter first was: the attendance
 * save, the summary rebuild and the letter issue. The kind and child of a letter are sealed
 * in its row (`about`, issue 11): each is opened here, a few small boxes per attendance, and
 * none when it has no letter (the usual autosave of an assessment in progress).
 */
import { issuedLetterFacts } from '../../domain/assessment/attendance-summary';
import type { IssuedLetterFacts } from '../../domain/assessment/attendance-summary';
import type { LetterKind } from '../../domain/letters/kinds';
import type { TriageDatabase } from '../db';
import { letterIdentityOf } from './letter-rows';
import type { Unlocked } from './vault';

/** The letters issued for an attendance; `also`: a letter being issued now (not written yet). Undefined when a letter row does not open. */
export async function lettersIssuedOf(db: Pick<TriageDatabase, 'letters'>, unlocked: Unlocked, attendanceId: string, also?: { kind: LetterKind; childId?: string | undefined; issuedAt: string }): Promise<IssuedLetterFacts | undefined> {
  const rows = await db.letters.where('attendanceId').equals(attendanceId).toArray();
  const identities = await Promise.all(rows.map((row) => letterIdentityOf(unlocked, row)));
  const letters: { kind: LetterKind; childId?: string | undefined; issuedAt: string }[] = [];
  for (const [index, row] of rows.entries()) {
    const identity = identities[index];
    // A letter that does not open: which are issued is not known, so the summary says nothing of it (never "not issued").
    if (!identity) return undefined;
    letters.push({ kind: identity.kind, childId: identity.childId, issuedAt: row.issuedAt });
  }
  return issuedLetterFacts(also ? [...letters, also] : letters);
}
