/**
 * Purges travelling (issue 14 clarification: "Purges travel as tombstones; the server keeps
 * nothing of a purged record beyond its stub"; issue 13: the purge keeps a sealed stub so the
 * look-up and "3 or more in 12 months" still see the attendance). Design
 * docs/design/department-sync.md §6, "Where the built purge, review and letters-due travel
 * differs". Owns the tombstone's sealed content, how a pulled stub and a pulled tombstone
 * are checked and applied on a receiving tablet, and what a purge on an enrolled tablet
 * remembers for its tombstone.
 *
 * A tombstone is SEALED under the department key (crypto/transport.ts, kind `tombstone`, the
 * pushing tablet as author, the attendance id as row id), naming the attendance and the tablet
 * that recorded it. A receiving tablet applies it only when it opens, names the row's
 * attendance, names the tablet that pushed it as the recording tablet, and that tablet is the
 * author of the summary held here (only the recording tablet purges its record). One that
 * does not is reported under the header line, audited ('tamper-detected') and not applied:
 * a tablet holding a copied credential but not the key cannot make every tablet forget an
 * attendance (hazard H13).
 *
 * Applying one removes everything this tablet holds of the attendance beyond its stub: the
 * cached summary and record (`departmentRows`), its entry in the department's day rows and
 * in the department's referral worklist, this tablet's own review of it, and the reviews
 * pulled from other tablets (travel-review.ts). The stub travels beside it (kind `stub`, the
 * purging tablet's sealed box as it is, with the blind indexes): a pulled stub that opens as
 * its author sealed it is sealed again as this tablet's own `retainedStubs` row, so the look-up
 * and the 3-in-12 flag count it exactly as a stub purged here, and it expires by the same
 * setting.
 */
import { retainedStubSchema } from '../../domain/retention/retention';
import type { RetainedStub } from '../../domain/retention/retention';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { DepartmentRow, TriageDatabase } from '../db';
import type { AuditLog } from '../repositories/audit-log';
import { retainedStubAad } from '../repositories/attendance-crypto';
import type { Unlocked } from '../repositories/vault';
import { updateDepartmentDays } from './department-days';
import { boxFromWire, rowKey } from './engine-wire';
import { openPulledSummary } from './pull-open';
import { updateDepartmentWorklist } from './pull-worklist';
import type { ReferralNotes } from './pull-worklist';
import { heldAck, openFromWire, reportRefused, sealToWire } from './travel';
import { applyPulledReviews, forgetPulledReviews } from './travel-review';

/** What a tombstone says, sealed. */
export interface TombstoneContent {
  attendanceId: string;
  /** The tablet that recorded the attendance (and purged it). */
  recordedOn: string;
  /** The stub's London arrival date (where the department's day rows hold the attendance). */
  arrivedOn: string;
  purgedAt: string;
}

/** Where a stub is sealed on its own tablet (repositories/retention-purge.ts). */
const stubAddress = (id: string): RowAddress => ({ table: 'retainedStubs', id, field: 'payload', rev: 0 });

/** The sealed text of a tombstone (revision 1: a purge happens once). */
export function sealTombstone(unlocked: Unlocked, content: TombstoneContent): Promise<string> {
  return sealToWire(unlocked.secret, content, { kind: 'tombstone', author: unlocked.deviceId, rowId: content.attendanceId, revision: 1 });
}

/** Opens a pulled tombstone; undefined unless it opens under the key and names its row and its pushing tablet. */
export async function openTombstone(unlocked: Unlocked, row: Pick<DepartmentRow, 'kind' | 'rowId' | 'revision' | 'authorTablet' | 'sealed'>): Promise<TombstoneContent | undefined> {
  const value: unknown = await openFromWire(unlocked.secret, row);
  if (typeof value !== 'object' || value === null) return undefined;
  const { attendanceId, recordedOn, arrivedOn, purgedAt } = value as Partial<TombstoneContent>;
  if (attendanceId !== row.rowId || recordedOn !== row.authorTablet || typeof arrivedOn !== 'string' || typeof purgedAt !== 'string') return undefined;
  return { attendanceId, recordedOn, arrivedOn, purgedAt };
}

/** Opens a pulled stub as its author sealed it; undefined when it does not open or names another attendance. */
export async function openPulledStub(unlocked: Unlocked, row: Pick<DepartmentRow, 'rowId' | 'authorTablet' | 'sealed'>): Promise<RetainedStub | undefined> {
  const box = boxFromWire(row.sealed);
  if (!box) return undefined;
  const author: Unlocked = { ...unlocked, deviceId: row.authorTablet };
  const opened = await openRow(author, box, stubAddress(row.rowId), [retainedStubAad(row.authorTablet, row.rowId)]);
  const parsed = opened ? retainedStubSchema.safeParse(opened.value) : undefined;
  return parsed?.success && parsed.data.id === row.rowId ? parsed.data : undefined;
}

export interface PurgesApplied {
  stubs: number;
  tombstones: number;
  refused: number;
}

/**
 * Applies the stubs and tombstones pulled from other tablets (while unlocked; rows pulled
 * while locked wait in `departmentRows` until then). Stubs first, so a look-up never loses
 * an attendance between the two. Each applied row is marked held on `syncPushed`, so this
 * tablet never pushes another tablet's stub or tombstone as its own.
 */
export async function applyPulledPurges(db: TriageDatabase, unlocked: Unlocked, audit: Pick<AuditLog, 'append'>, now: () => string): Promise<PurgesApplied> {
  const result: PurgesApplied = { stubs: 0, tombstones: 0, refused: 0 };
  for (const pulled of await db.departmentRows.where('kind').equals('stub').toArray()) {
    if (pulled.sealed === '' || pulled.authorTablet === unlocked.deviceId) continue;
    const stub = await openPulledStub(unlocked, pulled);
    if (!stub) {
      result.refused += 1;
      await reportRefused(db, pulled);
      await audit.append('tamper-detected', pulled.rowId, 'A retained stub from the department server did not open and was not applied');
      continue;
    }
    const payload = await sealRow(unlocked, stub, stubAddress(stub.id));
    const at = now();
    await db.transaction('rw', db.retainedStubs, db.departmentRows, db.syncPushed, async () => {
      await db.retainedStubs.put({ id: stub.id, arrivedOn: stub.arrivedOn, nhsIndex: pulled.nhsIndex, nameDobIndex: pulled.nameDobIndex, payload });
      await db.syncPushed.put(heldAck('stub', stub.id, pulled.revision, at, undefined));
      await db.departmentRows.delete(pulled.key);
    });
    result.stubs += 1;
  }
  const notes: ReferralNotes = new Map();
  for (const pulled of await db.departmentRows.where('kind').equals('tombstone').toArray()) {
    if (pulled.sealed === '' || pulled.authorTablet === unlocked.deviceId) continue;
    const content = await openTombstone(unlocked, pulled);
    const summaryRow = await db.departmentRows.get(rowKey('summary', pulled.rowId));
    const ownAttendance = (await db.attendances.get(pulled.rowId)) !== undefined;
    // Only the tablet that recorded the attendance purges it: never one of this tablet's own, never another tablet's summary.
    if (!content || ownAttendance || (summaryRow && summaryRow.authorTablet !== content.recordedOn)) {
      result.refused += 1;
      await reportRefused(db, pulled);
      await audit.append('tamper-detected', pulled.rowId, 'A purge from the department server did not pass its check and was not applied: the attendance is kept');
      continue;
    }
    const summary = summaryRow && summaryRow.sealed !== '' ? await openPulledSummary(unlocked, summaryRow) : undefined;
    if (summary && summaryRow) notes.set(pulled.rowId, { revision: summaryRow.revision, pending: false, summary });
    const at = now();
    await db.transaction('rw', [db.departmentRows, db.liaisonReviews, db.syncPushed], async () => {
      await db.departmentRows.bulkDelete([rowKey('summary', pulled.rowId), rowKey('attendance', pulled.rowId), pulled.key]);
      // Its conflict addenda (rows `draft <attendance>:…`) go too: the server deleted them with the record.
      await db.departmentRows.where('key').startsWith(rowKey('draft', `${pulled.rowId}:`)).delete();
      // This tablet's own review of the attendance goes with it (its copy at the server was purged by the tombstone's list).
      await db.liaisonReviews.delete(pulled.rowId);
      await db.syncPushed.put(heldAck('tombstone', pulled.rowId, pulled.revision, at, undefined));
    });
    await forgetPulledReviews(db, unlocked, pulled.rowId, content.arrivedOn);
    result.tombstones += 1;
  }
  if (result.tombstones > 0) {
    // The day rows and the worklist drop entries whose summary is no longer held.
    await updateDepartmentDays(db, unlocked, notes);
    await updateDepartmentWorklist(db, unlocked, new Map());
    await audit.append('purge', '', `${String(result.tombstones)} ${result.tombstones === 1 ? 'attendance' : 'attendances'} purged on another tablet of the department removed from this tablet, each leaving its sealed stub for look-ups`);
  }
  return result;
}

/** The engine's hook (engine.ts applyTravel): reviews first, so a purge in the same pull takes the attendance's reviews away too. */
export async function applyPulledPurgesAndReviews(db: TriageDatabase, unlocked: Unlocked, audit: Pick<AuditLog, 'append'>, now: () => string): Promise<void> {
  await applyPulledReviews(db, unlocked, audit);
  await applyPulledPurges(db, unlocked, audit, now);
}
