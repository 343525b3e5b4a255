/**
 * Conflict addenda (issue 14 clarification: "An edit made offline under a lost lease is never
 * dropped: it becomes a conflict addendum for the record's owner to reconcile"; design
 * docs/design/department-sync.md §6, §7 "Push with a stale revision").
 *
 * When a push of one of this tablet's attendances comes back `conflict` (another tablet moved
 * the record on, typically under a lease this tablet lost while offline), this tablet:
 * 1. keeps its own edit whole as a conflict addendum (domain/sync/conflict-addendum.ts): its
 *    own row of kind `draft` (a kind the server accepts and keeps append-only by revision),
 *    id `<attendance>:conflict:<tablet>:<revision>`, sealed through the central row format
 *    (crypto/sealed-row.ts sealRow, table `attendances`, field `conflict-addendum`, this
 *    tablet as author), held in `departmentRows` and pushed like any row;
 * 2. takes the department's newer revision as its copy (conflict-adopt.ts), so the record
 *    shows what the department holds and the conflict no longer waits in the sync report;
 * 3. audits it ('conflict-addendum-made', opaque revisions only).
 *
 * Every tablet pulls `draft` rows (pull.ts PULL_KINDS) and opens them with the author's id,
 * so the addendum is shown on the record on every tablet and on the liaison review list. The
 * record's current tablet (the one whose revision stands: conflict-adopt.ts readAdopted) may
 * mark it reconciled: a second revision of the same row, sealed by that tablet, with who and
 * when; the edit itself is kept as it was. Needs the key: runs only while unlocked (else at
 * the next unlock).
 */
import { conflictAddendumId, conflictAddendumSchema, conflictMadeDetail, attendanceOfConflictId } from '../../domain/sync/conflict-addendum';
import type { ConflictAddendum, ConflictAddendumView } from '../../domain/sync/conflict-addendum';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { DepartmentRow, TriageDatabase } from '../db';
import { openRowPart } from '../repositories/attendance-crypto';
import type { StorageContext } from '../repositories/context';
import type { Unlocked } from '../repositories/vault';
import { adoptRecord, readAdopted } from './conflict-adopt';
import { conflictMarks, conflictRowMark } from './conflict-marks';
import { readReport } from './engine-state';
import type { PendingPush, PushRow } from './engine-state';
import { boxFromWire, boxToWire, rowKey } from './engine-wire';
import type { ApiOptions } from './http';
import { fetchRecord } from './pull';
import { openPulledRecord, checkWith } from './pull-record';

/** The kind a conflict addendum travels as (server/README.md kinds). */
export const CONFLICT_KIND = 'draft';
/** meta: the push of conflict addenda sent and not yet answered (its own, so it never waits on the attendances'). */
export const SYNC_PENDING_CONFLICT_KEY = 'sync:pending-conflict';

/** Where a conflict addendum is sealed, at the row's revision. */
const address = (rowId: string, revision: number): RowAddress => ({ table: 'attendances', id: rowId, field: 'conflict-addendum', rev: revision });

export async function sealAddendum(unlocked: Unlocked, value: ConflictAddendum, rowId: string, revision: number, ownTablet: string): Promise<DepartmentRow> {
  const sealed = await sealRow(unlocked, value, address(rowId, revision));
  return { key: rowKey(CONFLICT_KIND, rowId), kind: CONFLICT_KIND, rowId, revision, authorTablet: ownTablet, seq: 0, sealed: boxToWire(sealed), nhsIndex: '', nameDobIndex: '', signed: false };
}

/** Opens a conflict addendum row with its author's id; undefined when it does not open. */
export async function openAddendum(unlocked: Unlocked, row: Pick<DepartmentRow, 'rowId' | 'revision' | 'authorTablet' | 'sealed'>): Promise<ConflictAddendum | undefined> {
  const box = boxFromWire(row.sealed);
  if (!box) return undefined;
  const opened = await openRow({ ...unlocked, deviceId: row.authorTablet }, box, address(row.rowId, row.revision));
  if (!opened) return undefined;
  const parsed = conflictAddendumSchema.safeParse(opened.value);
  return parsed.success && parsed.data.attendanceId === attendanceOfConflictId(row.rowId) ? parsed.data : undefined;
}

/**
 * After a push: every attendance of this tablet the server answered with a conflict becomes a
 * conflict addendum, and the department's revision becomes this tablet's copy. Returns how
 * many were made. A record the server's copy of which cannot be fetched or opened now stays
 * in conflict (kept and reported) and is tried again after the next push.
 */
export async function resolveConflicts(ctx: StorageContext, api: ApiOptions, ownTablet: string): Promise<number> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return 0;
  const report = await readReport(ctx.db);
  const ids = [...new Set(report.problems.filter((problem) => problem.kind === 'attendance' && problem.status === 'conflict').map((problem) => problem.rowId))];
  let made = 0;
  for (const id of ids) {
    const local = await ctx.db.attendances.get(id);
    if (!local) continue;
    const opened = await openRowPart(unlocked, local, 'payload');
    const mine = opened ? assessmentRecordSchema.safeParse(opened.value) : undefined;
    if (!mine?.success) continue;
    const fetched = await fetchRecord(ctx.db, api, ownTablet, id, checkWith(() => ctx.vault.peek()));
    if (!fetched.ok || !fetched.value) continue;
    const theirs = await openPulledRecord(unlocked, fetched.value);
    if (!theirs) continue;
    const rowId = conflictAddendumId(id, ownTablet, local.rev);
    const addendum: ConflictAddendum = {
      v: 1,
      attendanceId: id,
      tabletId: ownTablet,
      editedAt: mine.data.updatedAt,
      editedBy: mine.data.updatedBy,
      localRevision: local.rev,
      serverRevision: fetched.value.revision,
      record: mine.data,
    };
    // The edit is kept first; only then is the local copy replaced (a crash between the two makes the same addendum again, same id).
    await ctx.db.departmentRows.put(await sealAddendum(unlocked, addendum, rowId, 1, ownTablet));
    await adoptRecord(ctx, unlocked, theirs, { localRev: fetched.value.revision, serverRev: fetched.value.revision, fromTablet: fetched.value.authorTablet }, ctx.now());
    await ctx.audit.append('conflict-addendum-made', id, conflictMadeDetail(local.rev, fetched.value.revision));
    made += 1;
  }
  return made;
}

/** The next push of this tablet's conflict addenda and reconciliations not yet acknowledged. */
export async function nextConflictPush(db: TriageDatabase, ownTablet: string, newId: () => string): Promise<PendingPush | undefined> {
  const rows = (await db.departmentRows.where('kind').equals(CONFLICT_KIND).toArray()).filter((row) => row.authorTablet === ownTablet && row.sealed !== '');
  if (rows.length === 0) return undefined;
  const acks = new Map((await db.syncPushed.bulkGet(rows.map((row) => row.key))).filter((ack) => ack !== undefined).map((ack) => [ack.key, ack]));
  const push: PushRow[] = [];
  for (const row of rows) {
    const ack = acks.get(row.key);
    if ((ack?.acknowledged ?? 0) >= row.revision) continue;
    if (ack?.problem && ack.problem.revision === row.revision) continue;
    push.push({ kind: CONFLICT_KIND, rowId: row.rowId, revision: row.revision, baseRevision: row.revision > 1 ? row.revision - 1 : null, sealed: row.sealed });
  }
  return push.length === 0 ? undefined : { requestId: newId(), rows: push.slice(0, 500), mark: '' };
}

/** Whether this tablet holds the record's current revision (its own, not one taken from another tablet and not changed since). */
async function holdsCurrent(ctx: Pick<StorageContext, 'db'>, attendanceId: string): Promise<boolean> {
  const row = await ctx.db.attendances.get(attendanceId);
  if (!row) return false;
  const adopted = await readAdopted(ctx, attendanceId);
  return adopted === undefined || row.rev > adopted.revision;
}

/** The conflict addenda this tablet holds, opened; for one attendance, or all of them (the liaison list). */
export async function listConflictAddenda(ctx: Pick<StorageContext, 'db'>, unlocked: Unlocked, attendanceId?: string): Promise<ConflictAddendumView[]> {
  const rows = (await ctx.db.departmentRows.where('kind').equals(CONFLICT_KIND).toArray()).filter((row) => row.sealed !== '' && (attendanceId === undefined || attendanceOfConflictId(row.rowId) === attendanceId));
  const views: ConflictAddendumView[] = [];
  for (const row of rows) {
    const addendum = await openAddendum(unlocked, row);
    if (!addendum) continue;
    views.push({
      rowId: row.rowId,
      attendanceId: addendum.attendanceId,
      editedBy: addendum.editedBy,
      editedAt: addendum.editedAt,
      madeHere: addendum.tabletId === unlocked.deviceId,
      reconciled: addendum.reconciled,
      canReconcile: addendum.reconciled === undefined && (await holdsCurrent(ctx, addendum.attendanceId)),
      recordHere: (await ctx.db.attendances.get(addendum.attendanceId)) !== undefined,
      record: addendum.record,
    });
  }
  return views.sort((a, b) => (a.editedAt < b.editedAt ? 1 : -1));
}

/** The record's current tablet marks a conflict addendum reconciled: a new revision of the row, sealed here; audited. */
export async function reconcileConflict(ctx: StorageContext, rowId: string, ownTablet: string): Promise<Result<void, { kind: 'locked' | 'not-found' | 'forbidden'; message: string }>> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return err({ kind: 'locked', message: 'Unlock the tablet first.' });
  const row = await ctx.db.departmentRows.get(rowKey(CONFLICT_KIND, rowId));
  const addendum = row && row.sealed !== '' ? await openAddendum(unlocked, row) : undefined;
  if (!row || !addendum) return err({ kind: 'not-found', message: 'This conflicting edit is not on this tablet.' });
  if (addendum.reconciled) return ok(undefined);
  if (!(await holdsCurrent(ctx, addendum.attendanceId))) {
    return err({ kind: 'forbidden', message: 'It is reconciled on the tablet that holds the record now.' });
  }
  const next: ConflictAddendum = { ...addendum, reconciled: { at: ctx.now(), by: unlocked.staff } };
  await ctx.db.departmentRows.put(await sealAddendum(unlocked, next, rowId, row.revision + 1, ownTablet));
  await ctx.audit.append('conflict-addendum-reconciled', addendum.attendanceId, `A conflicting edit was marked reconciled (conflict addendum ${rowId})`);
  return ok(undefined);
}

/**
 * What the retention purge must hold back (repositories/retention-purge.ts): the attendances
 * with a conflict addendum held here that is not marked reconciled, or that does not open here
 * (what it says cannot be known, so it is kept), and a mark of every conflict addendum row held
 * per attendance (key and revision), which the purge's transaction compares with what it holds
 * then, so one pulled in between is never purged unread. Purging would delete the addenda here
 * and, by the tombstone, at the server (server/src/store.ts attachedTo): the clinician's edit
 * would be gone before anyone compared it.
 */
export async function conflictsBeforePurge(db: Pick<TriageDatabase, 'departmentRows'>, unlocked: Unlocked): Promise<{ toReconcile: Set<string>; marks: Map<string, string> }> {
  const rows = await db.departmentRows.where('kind').equals(CONFLICT_KIND).toArray();
  const toReconcile = new Set<string>();
  const seen = new Map<string, string[]>();
  for (const row of rows) {
    const id = attendanceOfConflictId(row.rowId);
    if (id === undefined) continue;
    seen.set(id, [...(seen.get(id) ?? []), conflictRowMark(row)]);
    if (toReconcile.has(id)) continue;
    const addendum = row.sealed === '' ? undefined : await openAddendum(unlocked, row);
    if (addendum?.reconciled === undefined) toReconcile.add(id);
  }
  return { toReconcile, marks: new Map([...seen].map(([id, marks]) => [id, conflictMarks(marks)])) };
}
