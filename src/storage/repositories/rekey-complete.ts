/**
 * Completing a re-key (issue 11: "Removing a member of staff re-keys"), once the re-seal job
 * (reseal.ts) has moved every row to the new key epoch. One transaction, so a lock or a crash
 * leaves either the pending re-key (the next unlock by any remaining member resumes and
 * completes it) or the completed one, never half:
 * - the device row's key check becomes the new secret's, 'key-epoch' the new epoch, and
 *   'rekey:pending' (the old secret sealed under the new one) is deleted;
 * - everything MAC'd under the old audit key is MAC'd again under the new one: staff rows'
 *   bindings, the settings MAC, the recovery row's binding, the audit trail's head,
 *   high-water mark and checkpoint, and the events after the job's audit stage (those a tab
 *   locked by the re-key wrote on its way out). Only what still holds under the old key is
 *   carried across: something changed outside the app stays changed, and is reported;
 * then the vault drops the old epoch's keys. A copy of the old secret opens nothing written
 * after this: every row is sealed, indexed and MAC'd under keys it cannot make.
 *
 * All WebCrypto work happens before the transaction; inside it each row is written only if it
 * is still the one read (a save in another tab wins; its MAC is the new key's already).
 */
import { macAuditAnchor, macAuditCheckpoint, macAuditHash, verifyAuditAnchor, verifyAuditCheckpoint, verifyAuditMac } from '../crypto/audit-mac';
import type { AuditAnchorKind } from '../crypto/audit-mac';
import { deviceKeyCheck } from '../crypto/keys';
import type { DeviceRow, MetaRow, StaffRow } from '../db';
import { AUDIT_CHECKPOINT_KEY, AUDIT_HEAD_KEY, AUDIT_HIGH_WATER_KEY } from './audit-log';
import type { StorageContext } from './context';
import { macSettings, settingsMacHolds } from './device-settings-integrity';
import { publishRekeyStatus } from './rekey-progress';
import { bindStaffRow, checkStaffRow } from './staff-binding';
import { bindRecoveryRow, KEY_EPOCH_KEY, PENDING_REKEY_KEY, readRecoveryRow, recoveryRowHolds, RECOVERY_KEY_KEY, retiredKeyChecks, RETIRED_KEY_CHECKS_KEY } from './staff-keys';
import type { PendingRekey, RecoveryRow } from './staff-keys';
import type { Unlocked } from './vault';

type Rekeying = Unlocked & { previous: NonNullable<Unlocked['previous']> };

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface Anchor {
  count: number;
  hash: string;
  mac: string;
  breaks?: number[];
}

const isAnchor = (value: unknown): value is Anchor => {
  if (typeof value !== 'object' || value === null) return false;
  const { count, hash, mac, breaks } = value as Record<string, unknown>;
  return typeof count === 'number' && typeof hash === 'string' && typeof mac === 'string' && (breaks === undefined || (Array.isArray(breaks) && breaks.every((seq) => typeof seq === 'number')));
};

/** An anchor (head, high-water mark, checkpoint) MAC'd again under the new key when the old key made it. */
async function carriedAnchor(unlocked: Rekeying, key: string, row: MetaRow | undefined): Promise<MetaRow | undefined> {
  if (!row || !isAnchor(row.value)) return undefined;
  const { count, hash, mac, breaks } = row.value;
  const newKey = unlocked.keys.auditKey;
  const oldKey = unlocked.previous.keys.auditKey;
  if (key === AUDIT_CHECKPOINT_KEY) {
    const seqs = breaks ?? [];
    if (await verifyAuditCheckpoint(newKey, count, hash, seqs, mac)) return undefined;
    if (!(await verifyAuditCheckpoint(oldKey, count, hash, seqs, mac))) return undefined;
    return { key, value: { count, hash, breaks: seqs, mac: await macAuditCheckpoint(newKey, count, hash, seqs) } };
  }
  const kind: AuditAnchorKind = key === AUDIT_HEAD_KEY ? 'head' : 'high-water';
  if (await verifyAuditAnchor(newKey, kind, count, hash, mac)) return undefined;
  if (!(await verifyAuditAnchor(oldKey, kind, count, hash, mac))) return undefined;
  return { key, value: { count, hash, mac: await macAuditAnchor(newKey, kind, count, hash) } };
}

export interface CompleteOptions {
  /** The last audit event the job's audit stage visited: events after it are checked here. */
  lastAudited: number;
  stop: () => boolean;
}

/** Completes the pending re-key; 'stopped' when the tablet locked (or the pending re-key changed) first: the next run completes it. */
export async function completeRekey(ctx: StorageContext, unlocked: Unlocked, pending: PendingRekey, options: CompleteOptions): Promise<'done' | 'stopped'> {
  const previous = unlocked.previous;
  if (!previous) return 'stopped';
  const rekeying: Rekeying = { ...unlocked, previous };
  const { db } = ctx;
  const newKey = unlocked.keys.auditKey;
  const oldKey = previous.keys.auditKey;
  const keyCheck = await deviceKeyCheck(unlocked.keys);
  if (keyCheck !== pending.keyCheck) return 'stopped';

  const [device, staff, recovery, tail, anchors] = await Promise.all([
    db.device.get('device'),
    db.staff.toArray(),
    readRecoveryRow(db),
    db.audit.where('seq').above(options.lastAudited).toArray(),
    db.meta.bulkGet([AUDIT_HEAD_KEY, AUDIT_HIGH_WATER_KEY, AUDIT_CHECKPOINT_KEY]),
  ]);
  if (!device) return 'stopped';

  const staffRows: { read: StaffRow; next: StaffRow }[] = [];
  for (const row of staff) {
    if ((await checkStaffRow(db, newKey, row)) === 'bound') continue;
    if ((await checkStaffRow(db, oldKey, row)) !== 'bound') continue;
    staffRows.push({ read: row, next: await bindStaffRow(newKey, row) });
  }
  let settingsMac: string | undefined;
  if (device.settingsMac !== undefined && !(await settingsMacHolds(newKey, device)) && (await settingsMacHolds(oldKey, device))) {
    settingsMac = await macSettings(newKey, device.settings, device.contentFiles);
  }
  let recoveryRow: RecoveryRow | undefined;
  if (recovery && !(await recoveryRowHolds(newKey, recovery)) && (await recoveryRowHolds(oldKey, recovery))) recoveryRow = await bindRecoveryRow(newKey, recovery);
  const events: { seq: number; mac: string; next: string }[] = [];
  for (const event of tail) {
    if (event.mac === '') continue;
    if (await verifyAuditMac(newKey, event.hash, event.mac)) continue;
    if (await verifyAuditMac(oldKey, event.hash, event.mac)) events.push({ seq: event.seq, mac: event.mac, next: await macAuditHash(newKey, event.hash) });
  }
  const keys = [AUDIT_HEAD_KEY, AUDIT_HIGH_WATER_KEY, AUDIT_CHECKPOINT_KEY];
  const carried: { read: MetaRow; next: MetaRow }[] = [];
  for (const [index, key] of keys.entries()) {
    const read = anchors[index];
    const next = await carriedAnchor(rekeying, key, read);
    if (read && next) carried.push({ read, next });
  }

  if (options.stop()) return 'stopped';
  const completed = await db.transaction('rw', [db.device, db.staff, db.meta, db.audit], async () => {
    const still = (await db.meta.get(PENDING_REKEY_KEY))?.value as PendingRekey | undefined;
    if (still?.epoch !== pending.epoch || still.at !== pending.at || still.keyCheck !== pending.keyCheck) return false;
    const deviceNow = await db.device.get('device');
    if (!deviceNow) return false;
    const deviceChange: Partial<DeviceRow> = { keyCheck };
    if (settingsMac !== undefined && deviceNow.settingsMac === device.settingsMac) deviceChange.settingsMac = settingsMac;
    await db.device.update('device', deviceChange);
    for (const { read, next } of staffRows) {
      const now = await db.staff.get(read.id);
      if (now?.binding === read.binding) await db.staff.put(next);
    }
    if (recoveryRow) {
      const now = await readRecoveryRow(db);
      if (now?.binding === recovery?.binding) await db.meta.put({ key: RECOVERY_KEY_KEY, value: recoveryRow });
    }
    for (const { seq, mac, next } of events) {
      const now = await db.audit.get(seq);
      if (now?.mac === mac) await db.audit.update(seq, { mac: next });
    }
    for (const { read, next } of carried) {
      const now = await db.meta.get(read.key);
      if (sameJson(now?.value, read.value)) await db.meta.put(next);
    }
    await db.meta.put({ key: KEY_EPOCH_KEY, value: pending.epoch });
    await db.meta.put({ key: RETIRED_KEY_CHECKS_KEY, value: [...(await retiredKeyChecks(db)), deviceNow.keyCheck] });
    await db.meta.delete(PENDING_REKEY_KEY);
    return true;
  });
  if (!completed) return 'stopped';
  ctx.vault.rekeyCompleted(pending.epoch);
  publishRekeyStatus(ctx, { kind: 'idle' });
  await ctx.audit.append('device-rekey-completed', 'device', `Re-keying to key epoch ${String(pending.epoch)} completed: every record sealed again under the new key, the old key no longer opens anything`);
  return 'done';
}
