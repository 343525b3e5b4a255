/**
 * Department re-keying (issue 14: "Removing a tablet revokes its server credential; re-keying
 * follows the hardening issue's rules"; design docs/design/department-sync.md §8 and "Where the
 * built department re-keying differs"). Owns re-keying a tablet that shares with a department,
 * and a tablet taking up a re-key made on another.
 *
 * On the re-keying tablet A (the nurse in charge, alone, knowing nobody's PIN):
 * `rekeyDepartment` runs issue 11's re-key (rekey.ts: a new secret for epoch N+1 sealed to
 * every remaining member's public key and to the recovery key, removed members' keys gone, the
 * vault switched at once, A's re-seal job moving A's rows), then keeps the department's key
 * ring (every earlier secret sealed under the new one, department-rekey-keys.ts) and the
 * envelope for the other tablets (sealed under the old secret's transport key: a tablet that
 * has not taken the re-key up holds only that). A second re-key while this tablet's re-key is
 * still pending, or while it holds another tablet's re-key not yet taken up, is refused in
 * plain words: the nurse in charge re-keys again once it has finished.
 *
 * On another tablet B: the envelope is held (`holdDepartmentRekey`, meta
 * `department-rekey:held:<epoch>`) until a member unlocks. Their PIN opens the old secret as
 * before; `adoptDepartmentRekeyAtUnlock` (session-repository.ts) then opens the envelope with
 * it, opens the new secret with the member's private key (the same PIN opens it), checks it
 * against the envelope's key check and the ring against the old secret, and writes, in one
 * transaction, the staff rows as the re-key left them, the recovery row, the ring and
 * issue 11's pending re-key row. The vault opens at the new epoch with the old epoch's keys
 * beside it, and B's own re-seal job (rekey.ts `runRekeyJob`, started after every unlock)
 * moves B's rows and completes the re-key. A member the envelope does not name as active (a
 * removed member) is refused on B from the moment B holds the envelope, before and after it
 * is taken up. Envelopes for several re-keys are taken up in order at one unlock.
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { isSealed } from '../crypto/codec';
import type { Sealed } from '../crypto/codec';
import { isSealedKeyPair, isSecretForKey, openPrivateKey, openSecretForKey } from '../crypto/key-pairs';
import { deriveDeviceKeys, deviceKeyCheck } from '../crypto/keys';
import { wrapUnderKek } from '../crypto/member-wraps';
import { bytesEqual } from '../crypto/encoding';
import type { DeviceRow, StaffRow } from '../db';
import type { StorageContext } from '../repositories/context';
import { toStorageFailure } from '../repositories/failures';
import { requirePermission } from '../repositories/permission-gate';
import { rekeySharingDevice } from '../repositories/rekey';
import type { RekeyOutcome } from '../repositories/rekey';
import { bindStaffRow, checkStaffRow } from '../repositories/staff-binding';
import { pendingRekeyRow, readPendingRekey, readRecoveryRow, recoveryRowHolds, RECOVERY_KEY_KEY, staffHolder } from '../repositories/staff-keys';
import type { OpenedMember, ResolvedSecrets } from '../repositories/staff-keys';
import type { StorageFailure } from '../repositories/types';
import { DEPARTMENT_REKEY_FORMAT, envelopeEpoch, envelopeRowId, openEnvelope, openKeyRing, sealEnvelope, sealKeyRing } from './department-rekey-keys';
import type { DepartmentRekeyEnvelope, EarlierSecret, EnvelopeStaffRow } from './department-rekey-keys';
import { readEnrolment } from './enrolment-state';
import { KEY_RING_KEY } from './enrolment-package';
import { staffRefSchema } from '../../domain/assessment/staff-ref';
import { retiredStubIndexKeys, STUB_INDEX_KEYS_KEY } from '../repositories/legacy-stub-keys';
import { boxFromWire, boxToWire, rowKey } from './engine-wire';
import type { PushRow } from './engine-state';
import { fingerprintOf } from './travel';
import { registerEarlierKeys } from '../crypto/key-ring';
import { transportKey } from '../crypto/transport';
import type { DeviceKeys } from '../crypto/keys';

/** meta: the department's key ring on this tablet (enrolment-package.ts, which carries it to a tablet that joins later). */
export { KEY_RING_KEY };
/** meta: the envelope this tablet made for the other tablets: `{ author, epoch, box }`. */
export const OUTGOING_REKEY_KEY = 'department-rekey:outgoing';
/** meta prefix: an envelope from another tablet, held until a member's unlock takes it up. */
export const HELD_REKEY_PREFIX = 'department-rekey:held:';

export const NOT_SHARING_REKEY_MESSAGE = 'This tablet does not share with a department. Re-key it from the staff page instead.';
export const REVOKED_REKEY_MESSAGE = 'This tablet was removed from the department, so it cannot re-key the department. Re-key from another tablet of the department.';
export const REKEY_SPREADING_MESSAGE =
  'The department was re-keyed a short time ago and this tablet is still sealing its records again. Re-key again when that has finished: keep the tablet unlocked for a few minutes and try again.';
export const REMOVED_AT_REKEY_MESSAGE = 'This account was removed when the department was re-keyed. It cannot unlock any tablet of the department. Ask the nurse in charge.';

/** The server kind an envelope travels as (a kind the server already takes; no migration), and its row id's start. */
export const ENVELOPE_KIND = 'staff';
export const ENVELOPE_ROW_PREFIX = 'department-rekey:';

/** An envelope as it travels or is held: its author tablet, its epoch and the sealed box. */
export interface HeldEnvelope {
  author: string;
  epoch: number;
  box: Sealed;
}

function isHeldEnvelope(value: unknown): value is HeldEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['author'] === 'string' && typeof record['epoch'] === 'number' && Number.isSafeInteger(record['epoch']) && isSealed(record['box']);
}

const forbidden = (message: string): Result<never, StorageFailure> => err({ kind: 'forbidden', message });
const travelling = ({ failedAttempts: _failures, retryAfter: _retry, ...row }: StaffRow): EnvelopeStaffRow => row;
const plural = (count: number, word: string) => `${String(count)} ${word}${count === 1 ? '' : 's'}`;

/** The earlier secrets this tablet's ring holds (opened with the current keys), or none. */
async function earlierSecrets(ctx: StorageContext, departmentId: string, dataKey: CryptoKey, epoch: number): Promise<EarlierSecret[]> {
  const value = (await ctx.db.meta.get(KEY_RING_KEY))?.value;
  if (typeof value !== 'object' || value === null) return [];
  const { epoch: ringEpoch, ring } = value as Record<string, unknown>;
  if (ringEpoch !== epoch) return [];
  return (await openKeyRing(dataKey, departmentId, epoch, ring)) ?? [];
}

/** Envelopes held from other tablets, lowest epoch first. */
export async function heldEnvelopes(ctx: Pick<StorageContext, 'db'>): Promise<HeldEnvelope[]> {
  const rows = await ctx.db.meta.where('key').startsWith(HELD_REKEY_PREFIX).toArray();
  return rows
    .map((row) => row.value)
    .filter(isHeldEnvelope)
    .sort((a, b) => a.epoch - b.epoch);
}

/** The envelope this tablet made at its last department re-key (what travels to the other tablets). */
export async function outgoingEnvelope(ctx: Pick<StorageContext, 'db'>): Promise<HeldEnvelope | undefined> {
  const value = (await ctx.db.meta.get(OUTGOING_REKEY_KEY))?.value;
  return isHeldEnvelope(value) ? value : undefined;
}

/** Keeps an envelope from another tablet until a member's unlock takes it up (one row per epoch: a copy received again replaces it). */
export async function holdDepartmentRekey(ctx: Pick<StorageContext, 'db'>, envelope: HeldEnvelope): Promise<void> {
  await ctx.db.meta.put({ key: `${HELD_REKEY_PREFIX}${String(envelope.epoch)}`, value: envelope });
}

/**
 * Re-keys the department from this tablet (the nurse in charge only): issue 11's re-key, then
 * the key ring and the envelope. Starts nothing in the background: the caller starts the
 * re-seal job (rekey.ts `startRekeyJob`), as a removal does.
 */
export async function rekeyDepartment(ctx: StorageContext): Promise<Result<RekeyOutcome, StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'manage-staff');
  if (!allowed.ok) return allowed;
  const unlocked = allowed.value;
  let oldSecret: Uint8Array | undefined;
  let earlier: EarlierSecret[] = [];
  try {
    const enrolment = await readEnrolment(ctx.db);
    if (!enrolment) return forbidden(NOT_SHARING_REKEY_MESSAGE);
    if (enrolment.revokedAt) return forbidden(REVOKED_REKEY_MESSAGE);
    if ((await readPendingRekey(ctx.db)) || unlocked.previous || (await heldEnvelopes(ctx)).length > 0) return forbidden(REKEY_SPREADING_MESSAGE);
    earlier = await earlierSecrets(ctx, enrolment.departmentId, unlocked.keys.dataKey, unlocked.epoch);
    // Copied now: the vault zeroes the secret it leaves when it switches.
    oldSecret = unlocked.secret.slice();
    const from = unlocked.epoch;
    const rekeyed = await rekeySharingDevice(ctx);
    if (!rekeyed.ok) return rekeyed;
    const now = ctx.vault.peek();
    if (!now || now.epoch !== rekeyed.value.epoch) return err({ kind: 'locked', message: 'The app locked while the department was being re-keyed. Unlock: the re-key goes on, and re-key the department again to reach the other tablets.' });
    const { epoch } = rekeyed.value;
    const ring = await sealKeyRing(now.keys.dataKey, enrolment.departmentId, epoch, [...earlier, { epoch: from, secret: oldSecret }]);
    const staff = await ctx.db.staff.toArray();
    const envelope: DepartmentRekeyEnvelope = {
      format: DEPARTMENT_REKEY_FORMAT,
      departmentId: enrolment.departmentId,
      epoch,
      from,
      keyCheck: await deviceKeyCheck(now.keys),
      staff: staff.map(travelling),
      recovery: (await readRecoveryRow(ctx.db)) ?? null,
      ring,
      at: ctx.now(),
    };
    const box = await sealEnvelope(oldSecret, enrolment.tabletId, envelope);
    await ctx.db.meta.bulkPut([
      { key: KEY_RING_KEY, value: { epoch, ring } },
      { key: OUTGOING_REKEY_KEY, value: { author: enrolment.tabletId, epoch, box } satisfies HeldEnvelope },
    ]);
    await registerKeyRing(ctx, now);
    const remaining = staff.filter((row) => row.active === 1).length;
    await ctx.audit.append(
      'department-rekeyed',
      'device',
      `Department re-keyed to key epoch ${String(epoch)} on this tablet: a new department secret for ${plural(remaining, 'account')}${envelope.recovery ? ' and the recovery key' : ''}; the other tablets take it up when a member of staff next unlocks them`,
    );
    return ok(rekeyed.value);
  } catch (error) {
    return err(toStorageFailure(error));
  } finally {
    oldSecret?.fill(0);
    for (const each of earlier) each.secret.fill(0);
  }
}

export interface UnlockAdoption {
  device: DeviceRow;
  row: StaffRow;
  opened: OpenedMember;
  resolved: ResolvedSecrets;
}

/**
 * At a good unlock (session-repository.ts, after the member's wrap opened the secret this
 * tablet holds): takes up every envelope held from another tablet, in order. Returns the
 * secrets the vault opens with: the newest epoch's, with this tablet's old epoch's keys as
 * `previous` (issue 11's pending re-key), or `resolved` unchanged when nothing is held or
 * nothing could be taken up (the envelope stays held for the next member). Refused (the
 * message the lock screen shows) when an envelope names this member as removed.
 */
export async function adoptDepartmentRekeyAtUnlock(ctx: StorageContext, adoption: UnlockAdoption): Promise<Result<ResolvedSecrets>> {
  if (!(await readEnrolment(ctx.db))) return ok(adoption.resolved);
  await collectEnvelopeRows(ctx);
  const adopted = await adopt(ctx, adoption);
  // Every unlock of a tablet that shares: the earlier epochs' keys from the ring go with the keys the vault opens with.
  if (adopted.ok) await registerKeyRing(ctx, adopted.value).catch(() => undefined);
  return adopted;
}

async function adopt(ctx: StorageContext, { device, row, opened, resolved }: UnlockAdoption): Promise<Result<ResolvedSecrets>> {
  const held = await heldEnvelopes(ctx);
  // A pending re-key of this tablet's own finishes first (its re-seal job); the envelope waits.
  if (held.length === 0 || resolved.previous) return ok(resolved);
  const enrolment = await readEnrolment(ctx.db);
  if (!enrolment) return ok(resolved);
  let secret = resolved.secret;
  let epoch = resolved.epoch;
  let taken: { envelope: DepartmentRekeyEnvelope; member: EnvelopeStaffRow; keys: Awaited<ReturnType<typeof deriveDeviceKeys>> } | undefined;
  const stale: string[] = [];
  for (const entry of held) {
    if (entry.epoch <= epoch) {
      stale.push(`${HELD_REKEY_PREFIX}${String(entry.epoch)}`);
      continue;
    }
    const envelope = await openEnvelope(secret, entry.author, entry.epoch, entry.box);
    if (!envelope || envelope.from !== epoch || envelope.departmentId !== enrolment.departmentId) break;
    const member = envelope.staff.find((each) => each.id === row.id);
    if (!member || member.active !== 1 || !isSealedKeyPair(member.keyPair) || !isSecretForKey(member.secretForKey)) {
      if (secret !== resolved.secret) secret.fill(0);
      resolved.secret.fill(0);
      await ctx.audit.append('unlock-failed', row.id, `Unlock refused: the account was removed when the department was re-keyed to key epoch ${String(envelope.epoch)}`, null);
      return err(REMOVED_AT_REKEY_MESSAGE);
    }
    const privateKey = await openPrivateKey(opened.kek, member.keyPair, staffHolder(row.id));
    const next = privateKey ? await openSecretForKey(privateKey, member.secretForKey, member.keyPair.publicKey, staffHolder(row.id)) : undefined;
    if (!next) break;
    const keys = await deriveDeviceKeys(next);
    if ((await deviceKeyCheck(keys)) !== envelope.keyCheck) {
      next.fill(0);
      break;
    }
    if (secret !== resolved.secret) secret.fill(0);
    secret = next;
    epoch = envelope.epoch;
    taken = { envelope, member, keys };
  }
  if (stale.length) await ctx.db.meta.bulkDelete(stale);
  if (!taken) return ok(resolved);
  const { envelope, member, keys } = taken;
  try {
    // The ring must hold the secret this tablet held: else the envelope is not this department's next epoch.
    const ring = await openKeyRing(keys.dataKey, enrolment.departmentId, envelope.epoch, envelope.ring);
    const mine = ring?.find((each) => each.epoch === resolved.epoch);
    const holdsMine = mine !== undefined && bytesEqual(mine.secret, resolved.secret);
    for (const each of ring ?? []) each.secret.fill(0);
    if (!holdsMine) throw new RangeError('ring');
    // Every row must be bound under the new audit key, and the recovery row must hold, before anything is written.
    const existing = new Map((await ctx.db.staff.toArray()).map((each) => [each.id, each]));
    const rows: StaffRow[] = [];
    for (const each of envelope.staff) {
      const here = existing.get(each.id);
      const full: StaffRow = { ...each, failedAttempts: here?.failedAttempts ?? 0, retryAfter: here?.retryAfter ?? '' };
      // A removed member's row keeps the binding its removal made (under the old audit key): the re-key makes no key for it.
      if ((await checkStaffRow(ctx.db, each.active === 1 ? keys.auditKey : [keys.auditKey, resolved.keys.auditKey], full)) !== 'bound') throw new RangeError('binding');
      rows.push(full);
    }
    if (envelope.recovery && !(await recoveryRowHolds(keys.auditKey, envelope.recovery))) throw new RangeError('recovery');
    // This member's wrap made again under the new secret (their PIN is here now), bound again.
    const own = rows.find((each) => each.id === row.id);
    if (!own || !isSealedKeyPair(member.keyPair)) throw new RangeError('member');
    const rewrapped = await bindStaffRow(keys.auditKey, { ...own, failedAttempts: 0, retryAfter: '', wrapped: await wrapUnderKek(opened.kek, secret, row.id, own.wrapped) });
    const auditFrom = (await ctx.db.audit.orderBy('seq').last())?.seq ?? 0;
    const pending = await pendingRekeyRow(device.deviceId, resolved.secret, keys, resolved.epoch, envelope.epoch, auditFrom, ctx.now());
    // Stubs from before look-up values keep the index key being retired, as issue 11's re-key keeps it (legacy-stub-keys.ts).
    const leaving = { keys: resolved.keys, epoch: resolved.epoch, deviceId: device.deviceId, secret: resolved.secret, staff: staffRefSchema.parse(row) };
    const stubKeys = await retiredStubIndexKeys(ctx.db, leaving, keys);
    const { db } = ctx;
    await db.transaction('rw', db.staff, db.meta, async () => {
      await db.staff.bulkPut(rows.map((each) => (each.id === row.id ? rewrapped : each)));
      if (envelope.recovery) await db.meta.put({ key: RECOVERY_KEY_KEY, value: envelope.recovery });
      await db.meta.put(pending);
      if (stubKeys) await db.meta.put(stubKeys);
      else await db.meta.delete(STUB_INDEX_KEYS_KEY);
      await db.meta.put({ key: KEY_RING_KEY, value: { epoch: envelope.epoch, ring: envelope.ring } });
      await db.meta.bulkDelete(held.filter((entry) => entry.epoch <= envelope.epoch).map((entry) => `${HELD_REKEY_PREFIX}${String(entry.epoch)}`));
    });
    await ctx.audit.append(
      'department-rekey-adopted',
      'device',
      `Department re-key taken up: key epoch ${String(resolved.epoch)} to ${String(envelope.epoch)}, made on another tablet of the department; this tablet's records are being sealed again in the background`,
      { id: row.id, name: row.name },
    );
    // Only its keys are needed from here (the vault's `previous`); the old secret leaves memory.
    resolved.secret.fill(0);
    return ok({ secret, keys, epoch: envelope.epoch, previous: { epoch: resolved.epoch, keys: resolved.keys } });
  } catch {
    // Not taken up (an envelope that does not check, or storage failing): the tablet opens at
    // the epoch it holds, and the envelope stays held for the next unlock.
    secret.fill(0);
    return ok(resolved);
  }
}

/**
 * The department's key ring in memory (crypto/key-ring.ts) for the keys the vault holds now:
 * every earlier epoch's keys and transport keys, derived from the ring held here, which opens
 * only under the current epoch's data key. Secrets leave memory once derived.
 */
export async function registerKeyRing(ctx: Pick<StorageContext, 'db'>, current: { keys: DeviceKeys; secret: Uint8Array; epoch: number }): Promise<void> {
  const enrolment = await readEnrolment(ctx.db);
  const value = (await ctx.db.meta.get(KEY_RING_KEY))?.value;
  if (!enrolment || typeof value !== 'object' || value === null) return;
  const { epoch, ring } = value as Record<string, unknown>;
  if (epoch !== current.epoch) return;
  const secrets = (await openKeyRing(current.keys.dataKey, enrolment.departmentId, current.epoch, ring)) ?? [];
  try {
    const earlier = new Map<number, DeviceKeys>();
    const transport: CryptoKey[] = [];
    for (const each of secrets) {
      earlier.set(each.epoch, await deriveDeviceKeys(each.secret));
      transport.push(await transportKey(each.secret));
    }
    registerEarlierKeys(current, earlier, transport);
  } finally {
    for (const each of secrets) each.secret.fill(0);
  }
}

/** Envelopes pulled (kind `staff`, row id `department-rekey:<epoch>`) moved from the pulled rows to the held ones: never applied as a staff row. */
export async function collectEnvelopeRows(ctx: Pick<StorageContext, 'db'>): Promise<void> {
  const { db } = ctx;
  const rows = (await db.departmentRows.where('kind').equals(ENVELOPE_KIND).toArray()).filter((row) => row.rowId.startsWith(ENVELOPE_ROW_PREFIX));
  for (const row of rows) {
    const epoch = envelopeEpoch(row.rowId);
    const box = boxFromWire(row.sealed);
    await db.transaction('rw', db.departmentRows, db.meta, async () => {
      if (box && epoch !== undefined && row.rowId === envelopeRowId(row.authorTablet, epoch)) await holdDepartmentRekey(ctx, { author: row.authorTablet, epoch, box });
      await db.departmentRows.delete(row.key);
    });
  }
}

/**
 * The engine's hook (engine.ts, before applying staff and settings and before the audit
 * chains): takes pulled envelopes aside, and says whether this unlocked tablet holds a re-key
 * newer than its keys. Then the rows sealed under the new epoch's transport key wait for the
 * unlock that takes the re-key up, instead of being reported as not opening.
 */
export async function departmentRekeyAhead(ctx: Pick<StorageContext, 'db' | 'vault'>): Promise<boolean> {
  await collectEnvelopeRows(ctx);
  const unlocked = ctx.vault.peek();
  if (!unlocked) return false;
  return (await heldEnvelopes(ctx)).some((held) => held.epoch > unlocked.epoch);
}

/** The envelope this tablet made, to push before its staff rows (once: its acknowledgement stops it). */
export async function envelopeToPush(ctx: Pick<StorageContext, 'db'>): Promise<{ rows: PushRow[]; fingerprints: Record<string, string> }> {
  const outgoing = await outgoingEnvelope(ctx);
  if (!outgoing) return { rows: [], fingerprints: {} };
  const rowId = envelopeRowId(outgoing.author, outgoing.epoch);
  const key = rowKey(ENVELOPE_KIND, rowId);
  if (((await ctx.db.syncPushed.get(key))?.acknowledged ?? 0) >= 1) return { rows: [], fingerprints: {} };
  const sealed = boxToWire(outgoing.box);
  return { rows: [{ kind: ENVELOPE_KIND, rowId, revision: 1, baseRevision: null, sealed }], fingerprints: { [key]: await fingerprintOf(sealed) } };
}
