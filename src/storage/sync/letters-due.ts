/**
 * Reading "GP letters due" across the department (issue 14): the sealed list kept by
 * letters-due-keep.ts (where the design of it is), its summaries opened for the home screen.
 */
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import type { DepartmentRow, TriageDatabase } from '../db';
import type { Unlocked } from '../repositories/vault';
import { rowKey } from './engine-wire';
import { gpLetterDueBySummary, readLettersDueIds } from './letters-due-keep';
import { openPulledSummary } from './pull-open';

export { DEPARTMENT_LETTERS_DUE_KEY, gpLetterDueBySummary } from './letters-due-keep';

/** Other tablets' attendances whose GP letter is due, opened (the home screen's "GP letters due"). */
export async function departmentLettersDue(db: TriageDatabase, unlocked: Unlocked): Promise<AttendanceSummary[]> {
  const ids = await readLettersDueIds(db, unlocked);
  if (ids.length === 0) return [];
  const rows = (await db.departmentRows.bulkGet(ids.map((id) => rowKey('summary', id)))).filter((row): row is DepartmentRow => row !== undefined && row.sealed !== '');
  const opened = await Promise.all(rows.map((row) => openPulledSummary(unlocked, row)));
  return opened.filter((summary): summary is AttendanceSummary => summary !== undefined && gpLetterDueBySummary(summary));
}
