/**
 * Opening what other tablets of the department sealed (issue 14; design
 * docs/design/department-sync.md §2, §7). Every tablet of a department holds the same data
 * secret, so the same keys open every tablet's rows; the author tablet in each box's
 * additional data (crypto/sealed-row.ts) is the `authorTablet` the server reports, so a row
 * opens only as the tablet that sealed it, at its own id, field and revision. Opened through
 * the one central function for attendances (attendance-crypto.ts openRowPart): no additional
 * data is built here.
 *
 * Kept light (the home screen and the look-up read it): the department's summaries a look-up
 * finds by blind index, each marked as shared from another tablet, and the referrals still to
 * make. Opening full records and checking pulled rows are in pull-record.ts (the engine's).
 */
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import type { DepartmentRow, PulledRowFields, TriageDatabase } from '../db';
import { openRowPart } from '../repositories/attendance-crypto';
import type { Unlocked } from '../repositories/vault';
import { boxFromWire, rowKey } from './engine-wire';
import { readDepartmentWorklist } from './pull-worklist';

type Opened = Pick<DepartmentRow, 'kind' | 'rowId'> & PulledRowFields;

/** Opens a pulled summary or record as its author sealed it; undefined when it does not open. */
export async function openPulled(unlocked: Unlocked, row: Opened): Promise<unknown> {
  const box = boxFromWire(row.sealed);
  if (!box) return undefined;
  const part = row.kind === 'summary' ? 'summary' : row.kind === 'attendance' ? 'payload' : undefined;
  if (!part) return undefined;
  const author: Unlocked = { ...unlocked, deviceId: row.authorTablet };
  const opened = await openRowPart(author, { id: row.rowId, rev: row.revision, [part]: box }, part);
  return opened?.value;
}

/** A summary from another tablet, parsed, and marked as shared from it; undefined when it does not open. */
export async function openPulledSummary(unlocked: Unlocked, row: Opened): Promise<AttendanceSummary | undefined> {
  const value = await openPulled(unlocked, row);
  if (value === undefined) return undefined;
  const parsed = attendanceSummarySchema.safeParse(value);
  if (!parsed.success || parsed.data.id !== row.rowId) return undefined;
  return { ...parsed.data, sharedFrom: { tabletId: row.authorTablet } };
}

/**
 * The department's summaries with these blind indexes, from other tablets, opened (what a
 * look-up and the 3-in-12-months flag count with this tablet's own). Rows that do not open
 * are left out (they were reported when pulled).
 */
export async function findDepartmentSummaries(db: TriageDatabase, unlocked: Unlocked, indexes: { nhsIndex: readonly string[]; nameDobIndex: readonly string[] }): Promise<AttendanceSummary[]> {
  // Arrays: while a re-key is pending a look-up asks under each epoch's index key (vault.ts lookupKeys).
  const [byNhs, byName] = await Promise.all([
    indexes.nhsIndex.length ? db.departmentRows.where('nhsIndex').anyOf([...indexes.nhsIndex]).toArray() : Promise.resolve([]),
    indexes.nameDobIndex.length ? db.departmentRows.where('nameDobIndex').anyOf([...indexes.nameDobIndex]).toArray() : Promise.resolve([]),
  ]);
  const rows = new Map([...byNhs, ...byName].filter((row) => row.kind === 'summary' && row.sealed !== '' && row.authorTablet !== unlocked.deviceId).map((row) => [row.key, row]));
  const opened = await Promise.all([...rows.values()].map((row) => openPulledSummary(unlocked, row)));
  return opened.filter((summary): summary is AttendanceSummary => summary !== undefined);
}

/** The department's attendances with a referral still to make (pull-worklist.ts), opened; other tablets' only. */
export async function departmentReferrals(db: TriageDatabase, unlocked: Unlocked): Promise<AttendanceSummary[]> {
  const ids = await readDepartmentWorklist(db, unlocked);
  if (ids.length === 0) return [];
  const rows = (await db.departmentRows.bulkGet(ids.map((id) => rowKey('summary', id)))).filter((row): row is DepartmentRow => row !== undefined && row.sealed !== '');
  const opened = await Promise.all(rows.map((row) => openPulledSummary(unlocked, row)));
  return opened.filter((summary): summary is AttendanceSummary => summary !== undefined && summary.pendingReferral !== null);
}
