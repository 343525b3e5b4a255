/**
 * "Referrals to make" across the department (issue 14: "referrals still to make … run over
 * the department's records once shared"; PRODUCT.md 4.9; CQC finding 3.4, recommendation 1.5).
 *
 * How this tablet's own worklist is kept today (attendance-crypto.ts WORKLIST_KEY): a small
 * sealed list of attendance ids in one meta row, so the home screen opens only the few
 * summaries that have a referral to make instead of every attendance. The smallest honest
 * design for the department is the same thing for the rows pulled from other tablets: a second
 * sealed list ('worklist:department'), kept from what this tablet already opens. Every pulled
 * summary is opened once before it is used (at the pull when unlocked, else at the next unlock,
 * pull-open.ts); that opening notes whether the summary has a referral still to make, and the
 * list is updated under the key. No clear flag is added anywhere ("this child has a referral
 * to make" is clinical), nothing is pushed that was not pushed already (the summary carries
 * `pendingReferral`), and the home screen opens only the listed summaries.
 *
 * A referral made on the tablet that planned it changes that attendance's summary; the new
 * revision arrives by the pull and takes the id off the list. A tombstone takes it off too.
 */
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import type { TriageDatabase } from '../db';
import type { Unlocked } from '../repositories/vault';
import { updateDepartmentLettersDue } from './letters-due-keep';
import { keepSummaryIdList, readSummaryIdList } from './summary-id-list';

/** meta: the sealed ids of department attendances (other tablets') with a referral still to make. */
export const DEPARTMENT_WORKLIST_KEY = 'worklist:department';

/**
 * What opening pulled summaries found: per attendance id, the revision opened and whether a
 * referral is still to make; and the summary opened, for the department's day rows
 * (department-days.ts: the liaison list and the compliance audit).
 */
export type ReferralNotes = Map<string, { revision: number; pending: boolean; summary?: AttendanceSummary }>;

export const readDepartmentWorklist = (db: Pick<TriageDatabase, 'meta'>, unlocked: Unlocked): Promise<string[]> =>
  readSummaryIdList(db, unlocked, DEPARTMENT_WORKLIST_KEY);

/**
 * Applies what was noted, for the summaries this tablet now holds at the noted revision (a
 * note about a revision not applied, an older or a tampered one, changes nothing), and takes
 * off ids whose summary is no longer held (a tombstone).
 */
export async function updateDepartmentWorklist(db: TriageDatabase, unlocked: Unlocked, notes: ReferralNotes): Promise<void> {
  // The department's GP letters due are kept from the same notes (letters-due-keep.ts).
  await updateDepartmentLettersDue(db, unlocked, notes);
  await keepSummaryIdList(db, unlocked, DEPARTMENT_WORKLIST_KEY, notes, (note) => note.pending);
}
