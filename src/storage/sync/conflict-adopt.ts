/**
 * Making a department revision of an attendance this tablet's own copy (issue 14; design
 * docs/design/department-sync.md §6 and "Where the built edit lease differs"): used when a
 * nurse continues another tablet's assessment here (lease-continue.ts), when this tablet's
 * copy of an assessment continued elsewhere picks up the newer revision by pull, and when a
 * push came back `conflict` (conflict.ts, after the edit that lost is kept as an addendum).
 *
 * The record is sealed again under this tablet's id (attendance-crypto.ts sealAttendance, the
 * central function: the author tablet in the additional data is this tablet, so it opens here
 * with the tablet's own id, and on the other tablets by the server's `authorTablet` once this
 * tablet pushes it). The row, its per-day index entry, the referral worklist and the GP letter
 * due commit together, as the writer's do (attendance-writes.ts). The acknowledgement is set to
 * the department's revision, so nothing is pushed back unless `pushAt` asks for a new revision
 * above it (continuing here: the push tells the department this tablet has the record now).
 *
 * The copy of the other tablet's summary and record held in `departmentRows` is dropped (the
 * record is this tablet's now; the look-up would otherwise list it twice). A meta row
 * `conflict:adopted:<id>` remembers the revision taken from another tablet: while the local
 * row is still at that revision, the record's current tablet is the other one (conflict.ts
 * canReconcile).
 */
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { AttendanceRow, SyncPushedRow } from '../db';
import {
  IndexCache,
  readWorklistState,
  sealWorklist,
  WORKLIST_LOCK,
  worklistFromSummaries,
} from '../repositories/attendance-crypto';
import { sealAttendance } from '../repositories/attendance-writes';
import { writeWithDays } from '../repositories/day-index';
import { withLock } from '../repositories/locks';
import type { StorageContext } from '../repositories/context';
import type { Unlocked } from '../repositories/vault';
import { rowKey } from './engine-wire';
import { readReport, SYNC_REPORT_KEY } from './engine-state';
import { ATTENDANCE_KINDS } from './push';

/** meta: the revision of an attendance taken from another tablet (and which tablet). */
export const adoptedKey = (id: string): string => `conflict:adopted:${id}`;

export interface Adopted {
  revision: number;
  fromTablet: string;
}

export async function readAdopted(
  ctx: Pick<StorageContext, 'db'>,
  id: string,
): Promise<Adopted | undefined> {
  const value = (await ctx.db.meta.get(adoptedKey(id)))?.value as Partial<Adopted> | undefined;
  return value && typeof value.revision === 'number' && typeof value.fromTablet === 'string'
    ? { revision: value.revision, fromTablet: value.fromTablet }
    : undefined;
}

/**
 * Writes `record` as this tablet's attendance at `localRev`, acknowledged at `serverRev`.
 * `fromTablet`: the tablet the revision came from (recorded while the local row stays at it).
 */
export async function adoptRecord(
  ctx: Pick<StorageContext, 'db' | 'revisions'>,
  unlocked: Unlocked,
  record: AssessmentRecord,
  revs: { localRev: number; serverRev: number; fromTablet: string | undefined },
  now: string,
): Promise<void> {
  const { db } = ctx;
  const { row, summary } = await sealAttendance(
    unlocked,
    record,
    revs.localRev,
    now,
    new IndexCache(),
  );
  const pending = summary.pendingReferral !== null;
  const existing = await db.attendances.get(record.id);
  // The worklist is read, changed and written under its lock (then the day index's), as the writer does.
  await withLock(WORKLIST_LOCK, async () => {
    const stored = await readWorklistState(db, unlocked);
    const ids = new Set(stored?.ids ?? (await worklistFromSummaries(db, unlocked)));
    const worklist =
      stored && pending === ids.has(record.id)
        ? undefined
        : await sealWorklist(
            unlocked,
            pending ? ids.add(record.id) : (ids.delete(record.id), ids),
            Math.max(stored?.rev ?? 0, await ctx.revisions.worklistHeld()) + 1,
          );
    await writeWithDays(
      ctx,
      unlocked,
      async () => [
        {
          type: 'summary',
          id: record.id,
          from: (await db.attendances.get(record.id))?.arrivedDay,
          to: row.arrivedDay,
          rev: row.rev,
          summary,
        },
      ],
      (commit) =>
        db.transaction(
          'rw',
          [
            db.attendances,
            db.attendanceDays,
            db.meta,
            db.gpLettersDue,
            db.syncPushed,
            db.departmentRows,
          ],
          async () => {
            await db.attendances.put(row satisfies AttendanceRow);
            await commit();
            if (worklist) await db.meta.put(worklist);
            if (row.status === 'signed' && existing?.status !== 'signed')
              {await db.gpLettersDue.put({ attendanceId: row.id });}
            // Acknowledged at the department's revision: pushed only above it. Pushed at once when asked (the epoch time).
            const acks: SyncPushedRow[] = ATTENDANCE_KINDS.map((kind) => ({
              key: rowKey(kind, record.id),
              kind,
              rowId: record.id,
              acknowledged: revs.serverRev,
              pushedAt: new Date(0).toISOString(),
            }));
            await db.syncPushed.bulkPut(acks);
            await db.departmentRows.bulkDelete(
              ATTENDANCE_KINDS.map((kind) => rowKey(kind, record.id)),
            );
            if (revs.fromTablet !== undefined)
              {await db.meta.put({
                key: adoptedKey(record.id),
                value: { revision: revs.localRev, fromTablet: revs.fromTablet } satisfies Adopted,
              });}
            else await db.meta.delete(adoptedKey(record.id));
            // The conflict this replaces is no longer waiting: its edit is kept as an addendum.
            const report = await readReport(db);
            const keys = new Set(ATTENDANCE_KINDS.map((kind) => rowKey(kind, record.id)));
            const problems = report.problems.filter(
              (problem) => !keys.has(rowKey(problem.kind, problem.rowId)),
            );
            if (problems.length !== report.problems.length)
              {await db.meta.put({ key: SYNC_REPORT_KEY, value: { ...report, problems } });}
          },
        ),
    );
  });
}
