/**
 * Staff accounts travel between the department's tablets (issue 14: "Staff unlock any
 * enrolled tablet with their own PIN (their wraps are shared)"; design
 * docs/design/department-sync.md §2, "Where the built sync engine differs").
 *
 * Push (kind `staff`, row id = the staff id): a staff row as stored, without its throttle
 * counters (they are this tablet's own), sealed for transport under the key from the
 * department secret (crypto/transport.ts), so the server holds no wrap, name or registration
 * number in clear. A row goes when it changed here since this tablet last pushed or applied
 * it (a member added, removed, a new PIN or passphrase, a key pair made at unlock): its
 * revision is the one the server holds plus one. Only while unlocked (sealing needs the key).
 *
 * Apply: a pulled row waits in `departmentRows` until the tablet is unlocked, then is opened
 * with its author's id and revision, and applied only when its binding MAC verifies under the
 * department's audit key (staff-binding.ts checkStaffRow: 'bound' only). A row that does not
 * open or whose binding fails is refused: reported in the sync report and in the audit trail
 * ('tamper-detected'), never written. An applied row keeps this tablet's throttle counters.
 *
 * Two tablets changing one account: a removal always applies (a removed member never comes
 * back by a race); otherwise a change made here and not yet pushed is kept and goes above the
 * pulled revision (the later writer wins), so nothing typed here is lost.
 */
import type { DepartmentRow, StaffRow, TriageDatabase } from '../db';
import { isWrappedSecret } from '../crypto/keys';
import type { AuditLog } from '../repositories/audit-log';
import { checkStaffRow } from '../repositories/staff-binding';
import { withEarlierAuditKeys } from '../crypto/key-ring';
import type { Unlocked } from '../repositories/vault';
import type { PendingPush, PushRow } from './engine-state';
import { rowKey } from './engine-wire';
import { MAX_PUSH_ROWS } from './push';
import { acksOf, fingerprintOf, heldAck, needsPush, openFromWire, reportRefused, sealToWire } from './travel';
import { isSealedKeyPair, isSecretForKey } from '../crypto/key-pairs';
import { hasKekParameters } from '../crypto/member-wraps';

export const STAFF_KIND = 'staff';

/** What travels of a staff row: all of it but this tablet's throttle counters. */
export function staffForTransport(row: StaffRow): Omit<StaffRow, 'failedAttempts' | 'retryAfter'> {
  const { failedAttempts: _failures, retryAfter: _retry, ...rest } = row;
  return rest;
}

/** The staff rows to push now (changed here since last pushed or applied), sealed; with their fingerprints. */
export async function staffToPush(db: TriageDatabase, unlocked: Unlocked, room = MAX_PUSH_ROWS): Promise<{ rows: PushRow[]; fingerprints: Record<string, string> }> {
  const staff = await db.staff.toArray();
  const acks = await acksOf(
    db,
    staff.map((row) => rowKey(STAFF_KIND, row.id)),
  );
  const rows: PushRow[] = [];
  const fingerprints: Record<string, string> = {};
  for (const row of staff) {
    if (rows.length >= room) break;
    const value = staffForTransport(row);
    const fingerprint = await fingerprintOf(value);
    const ack = acks.get(rowKey(STAFF_KIND, row.id));
    if (!needsPush(ack, fingerprint)) continue;
    const base = ack?.acknowledged ?? 0;
    const revision = base + 1;
    rows.push({ kind: STAFF_KIND, rowId: row.id, revision, baseRevision: base === 0 ? null : base, sealed: await sealToWire(unlocked.secret, value, { kind: STAFF_KIND, author: unlocked.deviceId, rowId: row.id, revision }) });
    fingerprints[rowKey(STAFF_KIND, row.id)] = fingerprint;
  }
  return { rows, fingerprints };
}

/** A pulled staff row, opened, with the shape a stored row has (the binding is checked after). */
function asStaffRow(value: unknown, rowId: string): Omit<StaffRow, 'failedAttempts' | 'retryAfter'> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const row = value as Record<string, unknown>;
  if (row['id'] !== rowId || typeof row['name'] !== 'string' || typeof row['role'] !== 'string' || typeof row['binding'] !== 'string') return undefined;
  if (row['secretKind'] !== 'pin' && row['secretKind'] !== 'passphrase') return undefined;
  if (row['active'] !== 0 && row['active'] !== 1) return undefined;
  // A removed account's wrap is emptied (zeros of the same shape); an active one must be a wrap we could have written.
  if (typeof row['wrapped'] !== 'object' || row['wrapped'] === null || (row['active'] === 1 && !isWrappedSecret(row['wrapped']) && !reachedByRekey(row))) return undefined;
  return value as Omit<StaffRow, 'failedAttempts' | 'retryAfter'>;
}

export interface StaffApplied {
  applied: number;
  refused: number;
}

/**
 * Applies the staff rows pulled from other tablets (while unlocked): each opened, its binding
 * verified, then written; refused ones reported and dropped.
 */
export async function applyPulledStaff(db: TriageDatabase, unlocked: Unlocked, audit: Pick<AuditLog, 'append'>, now: () => string): Promise<StaffApplied> {
  const waiting = (await db.departmentRows.where('kind').equals(STAFF_KIND).toArray()).filter((row) => row.sealed !== '').sort((a, b) => a.seq - b.seq);
  const outcome: StaffApplied = { applied: 0, refused: 0 };
  for (const pulled of waiting) {
    const ack = await db.syncPushed.get(pulled.key);
    if (ack && ack.acknowledged >= pulled.revision) {
      await db.departmentRows.delete(pulled.key);
      continue;
    }
    const incoming = asStaffRow(await openFromWire(unlocked.secret, pulled), pulled.rowId);
    const verdict = incoming ? await checkStaffRow(db, unlocked.keys.auditKey, { ...incoming, failedAttempts: 0, retryAfter: '' }) : 'changed';
    if (incoming && verdict !== 'bound' && (await boundBeforeRekey(db, unlocked, incoming))) {
      // Made on a tablet before a department re-key reached it: its wrap holds the earlier secret, so it is not applied, and not reported as tampered.
      await db.departmentRows.delete(pulled.key);
      await audit.append('department-staff-received', incoming.id, SUPERSEDED_BY_REKEY);
      continue;
    }
    if (!incoming || verdict !== 'bound') {
      outcome.refused += 1;
      await refuse(db, audit, pulled);
      continue;
    }
    if (await applyOne(db, pulled, incoming, now())) {
      outcome.applied += 1;
      await audit.append('department-staff-received', incoming.id, incoming.active === 1 ? 'A staff account added or changed on another tablet of the department' : 'A staff account removed on another tablet of the department');
    }
  }
  return outcome;
}

/** The audit words for a staff change made on another tablet before the department's re-key reached it. */
export const SUPERSEDED_BY_REKEY =
  'A staff account changed on another tablet before the department was re-keyed was not applied: the re-key replaced it. Add or change the account again.';

/** Whether the row's binding holds under an earlier epoch's audit key only (the department's key ring: crypto/key-ring.ts). */
async function boundBeforeRekey(db: TriageDatabase, unlocked: Unlocked, incoming: Omit<StaffRow, 'failedAttempts' | 'retryAfter'>): Promise<boolean> {
  const earlier = withEarlierAuditKeys([], unlocked.keys);
  return earlier.length > 0 && (await checkStaffRow(db, earlier, { ...incoming, failedAttempts: 0, retryAfter: '' })) === 'bound';
}

async function refuse(db: TriageDatabase, audit: Pick<AuditLog, 'append'>, pulled: DepartmentRow): Promise<void> {
  await reportRefused(db, pulled);
  await audit.append('tamper-detected', pulled.rowId, 'A staff account from the department server did not pass its check and was not applied');
}

/** Writes one verified row unless a change made here overtakes it; true when it was written. */
async function applyOne(db: TriageDatabase, pulled: DepartmentRow, incoming: Omit<StaffRow, 'failedAttempts' | 'retryAfter'>, at: string): Promise<boolean> {
  const fingerprint = await fingerprintOf(incoming);
  const local = await db.staff.get(incoming.id);
  const localFingerprint = local ? await fingerprintOf(staffForTransport(local)) : undefined;
  return db.transaction('rw', db.staff, db.syncPushed, db.departmentRows, async () => {
    const ack = await db.syncPushed.get(pulled.key);
    if (ack && ack.acknowledged >= pulled.revision) {
      await db.departmentRows.delete(pulled.key);
      return false;
    }
    const changedHere = localFingerprint !== undefined && localFingerprint !== ack?.fingerprint && localFingerprint !== fingerprint;
    if (changedHere && incoming.active === 1) {
      // Kept, and pushed above the pulled revision at the next push (the later writer wins).
      await db.syncPushed.put(heldAck(STAFF_KIND, incoming.id, pulled.revision, at, ack?.fingerprint));
      await db.departmentRows.delete(pulled.key);
      return false;
    }
    const current = await db.staff.get(incoming.id);
    await db.staff.put({ ...incoming, failedAttempts: current?.failedAttempts ?? 0, retryAfter: current?.retryAfter ?? '' });
    await db.syncPushed.put(heldAck(STAFF_KIND, incoming.id, pulled.revision, at, fingerprint));
    await db.departmentRows.delete(pulled.key);
    return true;
  });
}

/** The push of staff rows (and what travel-settings.ts adds) as one request, made now; undefined when nothing changed. */
export function travelPush(rows: PushRow[], fingerprints: Record<string, string>, newId: () => string): PendingPush | undefined {
  return rows.length === 0 ? undefined : { requestId: newId(), rows, mark: '', fingerprints };
}

/** An active account a re-key reached (issue 11; a department re-key, department-rekey.ts): its wrap emptied, the new secret sealed to its key pair; its next unlock makes the wrap again. */
function reachedByRekey(row: Record<string, unknown>): boolean {
  return hasKekParameters(row['wrapped']) && isSealedKeyPair(row['keyPair']) && isSecretForKey(row['secretForKey']);
}

