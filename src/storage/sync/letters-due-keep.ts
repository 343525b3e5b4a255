/**
 * "GP letters due" across the department (issue 14: "GP letters due … run over the
 * department's records once shared"; the GP must have the letter within 24 hours, NHS
 * Standard Contract, research §7.1). Owns the sealed list of other tablets' attendances whose
 * GP letter is due, and how it is kept and read.
 *
 * The trap (design, "Where the built sync engine differs"): the absence of a letter version
 * does not show that a letter was not issued, so nothing here is read from letter rows. The
 * recording tablet says it in the summary it pushes (summary version 9, `lettersIssued`,
 * re-derived when a letter is issued: repositories/letter-writes.ts). An attendance is listed
 * only when its summary says it is signed, needs a GP letter, and KNOWS its letters with no GP
 * letter issued; a summary that does not carry `lettersIssued` (older, or its letters did not
 * open on its tablet) is never listed as due. A letter issued on the recording tablet and not
 * yet shared is still listed until that tablet shares (as any department fact is late).
 *
 * Kept as the department's referral worklist is (pull-worklist.ts, which calls this with the
 * same notes): a small sealed list of ids in one meta row (`letters-due:department`), kept from
 * the summaries this tablet opens anyway; no clear flag; the home screen opens only the listed
 * summaries. An id whose summary is no longer held (a tombstone) leaves the list.
 */
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { TriageDatabase } from '../db';
import type { Unlocked } from '../repositories/vault';
import { rowKey } from './engine-wire';

/** meta: the sealed ids of other tablets' attendances whose GP letter is due. */
export const DEPARTMENT_LETTERS_DUE_KEY = 'letters-due:department';
const ADDRESS: RowAddress = { table: 'meta', id: DEPARTMENT_LETTERS_DUE_KEY, field: 'value', rev: 0 };

/** Whether a summary says its GP letter is due: signed, needs one, its letters known, none issued. */
export const gpLetterDueBySummary = (summary: Pick<AttendanceSummary, 'status' | 'letters' | 'lettersIssued'>): boolean =>
  summary.status === 'signed' && summary.letters.includes('gp') && summary.lettersIssued !== undefined && summary.lettersIssued !== null && summary.lettersIssued.gpFirstIssuedAt === '';

/** The listed ids, opened. */
export async function readLettersDueIds(db: Pick<TriageDatabase, 'meta'>, unlocked: Unlocked): Promise<string[]> {
  const row = await db.meta.get(DEPARTMENT_LETTERS_DUE_KEY);
  if (!row) return [];
  const value = (await openRow(unlocked, row.value, ADDRESS))?.value;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/** What opening pulled summaries noted (pull-worklist.ts ReferralNotes carries the summary). */
type Notes = ReadonlyMap<string, { revision: number; summary?: AttendanceSummary }>;

/** Applies the notes for the summaries held at the noted revision, and drops ids whose summary is no longer held. */
export async function updateDepartmentLettersDue(db: TriageDatabase, unlocked: Unlocked, notes: Notes): Promise<void> {
  const current = new Set(await readLettersDueIds(db, unlocked));
  const ids = [...new Set([...current, ...notes.keys()])];
  const held = await db.departmentRows.bulkGet(ids.map((id) => rowKey('summary', id)));
  let changed = false;
  for (const [index, id] of ids.entries()) {
    const row = held[index];
    if (!row || row.sealed === '') {
      changed = current.delete(id) || changed;
      continue;
    }
    const note = notes.get(id);
    if (!note?.summary || note.revision !== row.revision) continue;
    const due = gpLetterDueBySummary(note.summary);
    if (due !== current.has(id)) {
      if (due) current.add(id);
      else current.delete(id);
      changed = true;
    }
  }
  if (!changed) return;
  await db.meta.put({ key: DEPARTMENT_LETTERS_DUE_KEY, value: await sealRow(unlocked, [...current], ADDRESS) });
}
