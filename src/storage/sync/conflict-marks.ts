/**
 * How the retention purge tells whether the conflict addenda held for an attendance changed
 * between its decision and its transaction (issue 14; conflict.ts conflictsBeforePurge,
 * repositories/retention-purge.ts): each row's key and revision, as one string per attendance.
 * Its own small module: the purge's transaction needs it without loading the sync engine.
 */
import type { DepartmentRow } from '../db';

/** One conflict addendum row as the purge compares it: its key and revision. */
export const conflictRowMark = (row: Pick<DepartmentRow, 'key' | 'revision'>): string => `${row.key}@${String(row.revision)}`;

/** The rows of one attendance as one mark, in a fixed order ('' when none). */
export const conflictMarks = (marks: readonly string[]): string => [...marks].sort().join('|');

/** The key prefix of an attendance's conflict addendum rows in `departmentRows` (kind `draft`, id `<attendance>:conflict:…`). */
export const conflictRowsPrefix = (attendanceId: string): string => `draft ${attendanceId}:`;
