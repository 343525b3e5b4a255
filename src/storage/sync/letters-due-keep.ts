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
 * Kept as the department's referral worklist is, with the same notes (pull-worklist.ts calls
 * this): a sealed id list in one meta row (`letters-due:department`, summary-id-list.ts).
 */
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import type { TriageDatabase } from '../db';
import type { Unlocked } from '../repositories/vault';
import { keepSummaryIdList, readSummaryIdList } from './summary-id-list';

/** meta: the sealed ids of other tablets' attendances whose GP letter is due. */
export const DEPARTMENT_LETTERS_DUE_KEY = 'letters-due:department';

/** Whether a summary says its GP letter is due: signed, needs one, its letters known, none issued. */
export const gpLetterDueBySummary = (summary: Pick<AttendanceSummary, 'status' | 'letters' | 'lettersIssued'>): boolean =>
  summary.status === 'signed' && summary.letters.includes('gp') && summary.lettersIssued !== undefined && summary.lettersIssued !== null && summary.lettersIssued.gpFirstIssuedAt === '';

/** The listed ids, opened. */
export const readLettersDueIds = (db: Pick<TriageDatabase, 'meta'>, unlocked: Unlocked): Promise<string[]> =>
  readSummaryIdList(db, unlocked, DEPARTMENT_LETTERS_DUE_KEY);

/** What opening pulled summaries noted (pull-worklist.ts ReferralNotes carries the summary). */
type Notes = ReadonlyMap<string, { revision: number; summary?: AttendanceSummary }>;

/** Applies the notes for the summaries held at the noted revision, and drops ids whose summary is no longer held. */
export const updateDepartmentLettersDue = (db: TriageDatabase, unlocked: Unlocked, notes: Notes): Promise<void> =>
  keepSummaryIdList(db, unlocked, DEPARTMENT_LETTERS_DUE_KEY, notes, (note) => (note.summary ? gpLetterDueBySummary(note.summary) : undefined));
