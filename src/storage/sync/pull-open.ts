/**
 * Opening what other tablets of the department sealed (issue 14; design
 * docs/design/department-sync.md §2, §7). Every tablet of a department holds the same data
 * secret, so the same keys open every tablet's rows; the author tablet in each box's
 * additional data (crypto/sealed-row.ts) is the `authorTablet` the server reports, so a row
 * opens only as the tablet that sealed it, at its own id, field and revision. Opened through
 * the one central function for attendances (attendance-crypto.ts openRowPart): no additional
 * data is built here.
 *
 * Also: the check of rows pulled while locked, at the next unlock (a row that does not open
 * is reported and dropped, the copy held before is kept), and the department's summaries a
 * look-up finds by blind index, each marked as shared from another tablet.
 */
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { DepartmentRow, PulledRowFields, TriageDatabase } from '../db';
import { openRowPart } from '../repositories/attendance-crypto';
import type { Unlocked } from '../repositories/vault';
import { boxFromWire, rowKey } from './engine-wire';
import { readReport, SYNC_REPORT_KEY } from './engine-state';
import type { RowCheck } from './pull';

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

/** A record from another tablet, parsed; undefined when it does not open or is not a record of that id. */
export async function openPulledRecord(unlocked: Unlocked, row: Opened): Promise<AssessmentRecord | undefined> {
  const value = await openPulled(unlocked, row);
  if (value === undefined) return undefined;
  const parsed = assessmentRecordSchema.safeParse(value);
  if (!parsed.success || parsed.data.id !== row.rowId) return undefined;
  return parsed.data;
}

/** The pull's check: opens with the key while unlocked, else says it must wait (undefined). */
export const checkWith =
  (peek: () => Unlocked | undefined): RowCheck =>
  async (row) => {
    const unlocked = peek();
    if (!unlocked) return undefined;
    const opened = row.kind === 'summary' ? await openPulledSummary(unlocked, row) : await openPulledRecord(unlocked, row);
    return opened !== undefined;
  };

/**
 * At unlock: opens every row pulled while locked. One that opens replaces the copy held; one
 * that does not is reported in the sync report and dropped, and the copy held stays.
 */
export async function checkIncoming(db: TriageDatabase, unlocked: Unlocked): Promise<{ checked: number; tampered: number }> {
  const waiting = await db.departmentRows.where('unchecked').equals(1).toArray();
  const results = new Map<string, boolean>();
  for (const row of waiting) {
    if (!row.incoming) continue;
    results.set(row.key, (await checkWith(() => unlocked)({ kind: row.kind, rowId: row.rowId, ...row.incoming })) === true);
  }
  let tampered = 0;
  await db.transaction('rw', db.departmentRows, db.meta, async () => {
    const bad: string[] = [];
    for (const row of waiting) {
      const current = await db.departmentRows.get(row.key);
      if (!current?.incoming || current.incoming.seq !== row.incoming?.seq) continue;
      const { incoming, unchecked: _waiting, ...held } = current;
      if (results.get(row.key) === true) await db.departmentRows.put({ ...held, ...incoming });
      else {
        tampered += 1;
        bad.push(`${row.key} revision ${String(incoming.revision)}`);
        if (held.sealed === '') await db.departmentRows.delete(row.key);
        else await db.departmentRows.put(held);
      }
    }
    if (bad.length > 0) {
      const report = await readReport(db);
      report.tampered = [...new Set([...report.tampered, ...bad])];
      await db.meta.put({ key: SYNC_REPORT_KEY, value: report });
    }
  });
  return { checked: waiting.length, tampered };
}

/**
 * The department's summaries with these blind indexes, from other tablets, opened (what a
 * look-up and the 3-in-12-months flag count with this tablet's own). Rows that do not open
 * are left out (they were reported when pulled).
 */
export async function findDepartmentSummaries(db: TriageDatabase, unlocked: Unlocked, indexes: { nhsIndex: string; nameDobIndex: string }): Promise<AttendanceSummary[]> {
  const [byNhs, byName] = await Promise.all([
    indexes.nhsIndex ? db.departmentRows.where('nhsIndex').equals(indexes.nhsIndex).toArray() : Promise.resolve([]),
    indexes.nameDobIndex ? db.departmentRows.where('nameDobIndex').equals(indexes.nameDobIndex).toArray() : Promise.resolve([]),
  ]);
  const rows = new Map([...byNhs, ...byName].filter((row) => row.kind === 'summary' && row.sealed !== '' && row.authorTablet !== unlocked.deviceId).map((row) => [row.key, row]));
  const opened = await Promise.all([...rows.values()].map((row) => openPulledSummary(unlocked, row)));
  return opened.filter((summary): summary is AttendanceSummary => summary !== undefined);
}

/** The department's summary of one attendance held on this tablet, when another tablet recorded it. */
export async function departmentSummary(db: TriageDatabase, unlocked: Unlocked, id: string): Promise<AttendanceSummary | undefined> {
  const row = await db.departmentRows.get(rowKey('summary', id));
  return row && row.sealed !== '' ? openPulledSummary(unlocked, row) : undefined;
}
