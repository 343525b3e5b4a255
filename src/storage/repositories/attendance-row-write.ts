/**
 * The attendance row written only over the revision its writer read: the check-and-put at
 * the heart of every editor save (attendance-writes.ts), and the whole of the autosave's
 * quick write that the seal worker makes (attendance-seal-work.ts). One place, so the page
 * and the worker can never disagree about when a save is stale.
 *
 * Run inside a read-write transaction over `attendances` and `letters`.
 */
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import type { AttendanceRow, TriageDatabase } from '../db';

/**
 * How many letter rows an attendance has: an index count that opens nothing. Letter rows are
 * only ever added (a new version is a new row) or purged with the attendance, so an unchanged
 * count means the facts read from them still hold (the editor's autosave, attendance-writes.ts).
 */
export function letterRowCount(db: Pick<TriageDatabase, 'letters'>, attendanceId: string): Promise<number> {
  return db.letters.where('attendanceId').equals(attendanceId).count();
}

/** What the writer read, and expects still to be stored. */
export interface ReadBeforeWrite {
  /** The stored revision the new row follows. */
  rev: number;
  /** The London day the stored row is indexed under (day-index.ts). */
  day: string;
  /** How many letter rows the letter facts in the new summary were read from. */
  letterRows: number;
}

/**
 * - written: the row is put (the caller's transaction commits it with anything else it writes);
 * - stale: the row is gone (purged) or saved elsewhere since: never written over;
 * - again: a letter row was added since the facts were read (synced in, or issued without a
 *   reseal): read them again and make the row anew;
 * - moved: the stored row is indexed under another day than the writer knew (`storedDay`).
 */
export type RowWriteOutcome = { kind: 'written'; previousStatus: AttendanceRow['status'] } | { kind: 'stale' } | { kind: 'again' } | { kind: 'moved'; storedDay: string };

export async function putRowIfCurrent(db: Pick<TriageDatabase, 'attendances' | 'letters'>, row: AttendanceRow, read: ReadBeforeWrite): Promise<RowWriteOutcome> {
  const existing = await db.attendances.get(row.id);
  if (!existing || existing.rev !== read.rev) return { kind: 'stale' };
  if ((await letterRowCount(db, row.id)) !== read.letterRows) return { kind: 'again' };
  if (existing.arrivedDay !== read.day) return { kind: 'moved', storedDay: existing.arrivedDay };
  await db.attendances.put(row);
  return { kind: 'written', previousStatus: existing.status };
}

/** What an editor knows of the indexes beside its row: the day index entry and the referral worklist. */
export interface BesideTheRow {
  /** The London day the stored row is indexed under. */
  day: string;
  /** The summary (JSON) the day index entry holds for this attendance, as the editor last wrote it; undefined before its first save. */
  indexedSummary: string | undefined;
  /** Whether the referral worklist holds this attendance; undefined until the first save checks. */
  onWorklist: boolean | undefined;
}

/**
 * Whether the day index entry (day-index.ts) stays as it is: the assessment is in progress,
 * and its day and summary are what the editor last wrote there. Nothing the entry holds
 * would change but the revision, and no event of the audit trail names a revision of a
 * record in progress (revisions.ts: sign, addendum and letter issue do, and each of those
 * writes the entry).
 */
export function dayIndexEntryUnchanged(summary: AttendanceSummary, summaryJson: string, arrivedDay: string, beside: BesideTheRow): boolean {
  return summary.status === 'in-progress' && arrivedDay === beside.day && summaryJson === beside.indexedSummary;
}

/**
 * Whether a save changes nothing but the attendance row: the day index entry stays as it is,
 * and the attendance neither joins nor leaves the referral worklist. Such a save is the row
 * alone, one small transaction (the autosave's usual case), which the seal worker may make
 * (attendance-quick-write.ts); any other also writes the day index, the worklist or the GP
 * letter due, in the page (attendance-writes.ts).
 */
export function onlyTheRowChanges(summary: AttendanceSummary, summaryJson: string, arrivedDay: string, beside: BesideTheRow): boolean {
  return dayIndexEntryUnchanged(summary, summaryJson, arrivedDay, beside) && (summary.pendingReferral !== null) === beside.onWorklist;
}
