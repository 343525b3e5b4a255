/**
 * A tablet that already holds records joins a department (issue 14; design
 * docs/design/department-sync.md §3, "Where the built joining with records differs").
 *
 * The nurse in charge of tablet B, unlocked, types the code shown on an enrolled tablet. The
 * package is claimed and opened as for a new tablet (department-join.ts), under B's own
 * database id (its rows' additional data name it, and the server takes the tablet id from the
 * tablet). Then, in ONE transaction, B becomes a tablet of the department in the middle of a
 * re-key, built on issue 11's machinery (rekey.ts, reseal.ts, rekey-complete.ts):
 * - the department secret takes the place of B's secret, at the department's key epoch (other
 *   tablets open a box by the epoch written on it, so B must seal at the department's);
 *   B's old secret is kept sealed under the department secret in 'rekey:pending', exactly as a
 *   re-key keeps the old secret under the new one, until the re-seal job has moved every row;
 * - when B's own epoch has the same number as the department's (both 1 on most tablets), a box
 *   of that epoch is opened by trying the department key, then B's old key
 *   (crypto/sealed-row.ts `keysForEpoch`): AES-GCM authenticates the box under its additional
 *   data, so a box opens only under the key that sealed it; the re-seal job treats such boxes
 *   as not current and re-seals every one it cannot open under the department key; its
 *   progress marker is cleared so that a finished run of B's own epoch is not taken as done;
 * - B's own accounts move at once, without anyone's PIN: the department secret is sealed to
 *   each active member's public key and their wrap emptied (what a re-key does: rekey.ts), so
 *   their next unlock with their own PIN opens it and wraps it again; removed accounts lose
 *   their wrap and key pair. An account without a key pair cannot be moved: the join is refused
 *   before the code is used, with the names. The department's accounts are added beside them;
 *   two accounts with the same name stay two accounts (their ids differ) and are listed;
 * - the recovery key and the settings become the department's (B's recovery key no longer
 *   opens anything on B once the job completes; before then it opens only B's old secret);
 * - the enrolment row, and this module's marker ('join:records').
 * Nothing of B is pushed while the re-key is pending (`joinHoldsPushes`, push.ts): B's rows,
 * staff and audit trail travel once every row is sealed, indexed and MAC'd under the
 * department's keys. The audit trail's events are MAC'd again by the job's audit stage (each
 * only if its MAC held under B's old key), so B's whole chain travels from its first event and
 * checks on every tablet; an event that did not hold stays as it was and is reported there too.
 * A closed tab, a lock or a crash resumes the job at the next unlock by any member, as for a
 * re-key. Refused, with words: a tablet already sharing, one finishing a re-key of its own.
 */
import { parseEnrolmentCode, enrolmentCodeProblemWords } from '../../domain/sync/enrolment-code';
import { deviceSettingsSchema } from '../../domain/settings/device-settings';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { fromBase64Url } from '../crypto/encoding';
import { deriveEnrolmentKeys, newTabletCredential, openEnrolmentPackage } from '../crypto/enrolment-keys';
import { isSealedKeyPair } from '../crypto/key-pairs';
import { deriveDeviceKeys, deviceKeyCheck } from '../crypto/keys';
import { emptiedWrap, holdsSecret } from '../crypto/member-wraps';
import type { MetaRow, StaffRow } from '../db';
import type { StorageContext } from '../repositories/context';
import { macSettings } from '../repositories/device-settings-integrity';
import { toStorageFailure } from '../repositories/failures';
import { retiredStubIndexKeys, STUB_INDEX_KEYS_KEY } from '../repositories/legacy-stub-keys';
import { LOCK_MESSAGE } from '../repositories/locks';
import { requirePermission } from '../repositories/permission-gate';
import { publishRekeyStatus } from '../repositories/rekey-progress';
import { RESEAL_KEY } from '../repositories/reseal';
import { bindStaffRow, checkStaffRow } from '../repositories/staff-binding';
import { pendingRekeyRow, readPendingRekey, RECOVERY_KEY_KEY, rekeyedMember } from '../repositories/staff-keys';
import type { DepartmentFailure, JoinedCounts, JoinedWithRecords } from '../repositories/types';
import { verifyingKeys } from '../repositories/vault';
import { checkPackage, BAD_PACKAGE_MESSAGE } from './department-join';
import { apiFailure } from './department-words';
import { decodeEnrolmentPackage, keyRingMeta } from './enrolment-package';
import { ENROLMENT_KEY, readEnrolment } from './enrolment-state';
import type { Enrolment } from './enrolment-state';
import { callApi } from './http';
import type { ApiOptions } from './http';
import { joinedAcks } from './travel-settings';
import { JOIN_RECORDS_KEY, joinHoldsPushes, readJoinMarker } from './department-join-records-hold';
import type { JoinRecordsMarker } from './department-join-records-hold';

export const ALREADY_IN_DEPARTMENT_MESSAGE = 'This tablet already shares its records with a department.';
export const JOIN_REKEY_UNFINISHED_MESSAGE =
  'This tablet is still sealing its records again after a re-key of its own, so it cannot join a department yet. Keep it unlocked until the staff page no longer shows the re-sealing, then ask for a new code.';

interface ClaimAnswer {
  tabletId: string;
  departmentId: string;
  package: string;
}

const sameNamesOf = (own: readonly StaffRow[], department: readonly StaffRow[]): string[] => {
  const names = new Set(department.filter((row) => row.active === 1).map((row) => row.name.trim().toLowerCase()));
  return [...new Set(own.filter((row) => row.active === 1 && names.has(row.name.trim().toLowerCase())).map((row) => row.name))].sort();
};

const plural = (count: number, word: string) => `${String(count)} ${word}${count === 1 ? '' : 's'}`;

/** The join (the nurse in charge, unlocked on a set-up tablet that does not share yet): see the module header. */
export async function joinWithRecords(ctx: StorageContext, api: ApiOptions, typedCode: string): Promise<Result<JoinedWithRecords, DepartmentFailure>> {
  const allowed = requirePermission(ctx.vault, 'share-with-department');
  if (!allowed.ok) return allowed;
  const unlocked = allowed.value;
  const parsed = parseEnrolmentCode(typedCode);
  if (!parsed.ok) return err({ kind: 'code', message: enrolmentCodeProblemWords[parsed.error] });
  const { db } = ctx;
  let ownStaff: StaffRow[];
  try {
    if (await readEnrolment(db)) return err({ kind: 'forbidden', message: ALREADY_IN_DEPARTMENT_MESSAGE });
    if (unlocked.previous || (await readPendingRekey(db)) || (await db.meta.get('rekey:queued'))) return err({ kind: 'forbidden', message: JOIN_REKEY_UNFINISHED_MESSAGE });
    ownStaff = await db.staff.toArray();
    // Checked before the code is used: each account must move under the department's key without its PIN.
    const changed: string[] = [];
    const noKeyPair: string[] = [];
    for (const row of ownStaff.filter((each) => each.active === 1)) {
      if ((await checkStaffRow(db, verifyingKeys(unlocked), row)) !== 'bound') changed.push(row.name);
      else if (!isSealedKeyPair(row.keyPair)) noKeyPair.push(row.name);
    }
    if (changed.length) return err({ kind: 'forbidden', message: `These accounts were changed outside the app or have not been checked yet: ${changed.join(', ')}. Remove and add them again, or ask them to unlock once, before joining.` });
    if (noKeyPair.length) return err({ kind: 'forbidden', message: `These accounts must unlock once before this tablet can join the department: ${noKeyPair.join(', ')}.` });
  } catch (error) {
    return err(toStorageFailure(error));
  }

  const { token, wrapKey } = await deriveEnrolmentKeys(parsed.value);
  parsed.value.fill(0);
  const deviceId = unlocked.deviceId;
  const credential = newTabletCredential();
  const claimed = await callApi<ClaimAnswer>('POST', '/api/v1/enrolments/claim', { token, credential, tabletId: deviceId }, api);
  if (!claimed.ok) return err(apiFailure(claimed.error));
  const withdraw = async (failure: DepartmentFailure): Promise<Result<never, DepartmentFailure>> => {
    await callApi('POST', `/api/v1/tablets/${encodeURIComponent(deviceId)}/revoke`, undefined, { ...api, credential });
    return err(failure);
  };
  const badPackage: DepartmentFailure = { kind: 'server', reason: 'package', message: BAD_PACKAGE_MESSAGE };
  const sealed = fromBase64Url(claimed.value.package);
  const opened = sealed ? await openEnrolmentPackage(wrapKey, sealed) : undefined;
  const contents = opened ? decodeEnrolmentPackage(opened) : undefined;
  opened?.fill(0);
  if (!contents || contents.departmentId !== claimed.value.departmentId || claimed.value.tabletId !== deviceId) return withdraw(badPackage);
  const secret = fromBase64Url(contents.secret);
  if (!secret) return withdraw(badPackage);
  let handedOver = false;
  try {
    const keys = await deriveDeviceKeys(secret);
    const keyCheck = await deviceKeyCheck(keys);
    if (!(await checkPackage(ctx, contents, keys.auditKey, keyCheck))) return await withdraw(badPackage);
    const ownIds = new Set(ownStaff.map((row) => row.id));
    if (contents.staff.some((row) => ownIds.has(row.id))) return await withdraw(badPackage);

    const at = ctx.now();
    const epoch = contents.keyEpoch;
    const departmentStaff: StaffRow[] = contents.staff.map((row) => ({ ...row, failedAttempts: 0, retryAfter: '' }));
    // This tablet's accounts: the department secret sealed to each active member's public key, bound under the department's audit key.
    const movedStaff: StaffRow[] = [];
    for (const row of ownStaff) {
      if (row.active === 1 && isSealedKeyPair(row.keyPair)) movedStaff.push(await bindStaffRow(keys.auditKey, { ...row, ...(await rekeyedMember({ ...row, keyPair: row.keyPair }, secret, epoch)) }));
      else if (row.active !== 1) {
        const { keyPair: _keyPair, secretForKey: _secretForKey, ...kept } = row;
        movedStaff.push(await bindStaffRow(keys.auditKey, { ...kept, wrapped: holdsSecret(row.wrapped) ? emptiedWrap(row.wrapped) : row.wrapped }));
      }
    }
    const settings = deviceSettingsSchema.parse(contents.settings);
    const settingsMac = await macSettings(keys.auditKey, settings, contents.contentFiles);
    const [auditHead, attendances, letters, stubs] = await Promise.all([db.audit.orderBy('seq').last(), db.attendances.count(), db.letters.count(), db.retainedStubs.count()]);
    const auditFrom = auditHead?.seq ?? 0;
    const pending = await pendingRekeyRow(deviceId, unlocked.secret, keys, unlocked.epoch, epoch, auditFrom, at);
    const stubKeys = await retiredStubIndexKeys(db, unlocked, keys);
    const sameNames = sameNamesOf(ownStaff, departmentStaff);
    const counts: JoinedCounts = {
      attendances,
      letters,
      stubs,
      auditEvents: await db.audit.count(),
      ownAccounts: ownStaff.filter((row) => row.active === 1).length,
      departmentAccounts: departmentStaff.filter((row) => row.active === 1).length,
      sameNames: sameNames.length,
    };
    const marker: JoinRecordsMarker = { departmentId: contents.departmentId, at, keyCheck, from: unlocked.epoch, epoch, ownStaff: ownStaff.map((row) => row.id), departmentStaff: departmentStaff.map((row) => row.id), counts };
    const enrolment: Enrolment = { departmentId: contents.departmentId, tabletId: deviceId, credential, enrolledAt: at };
    const travelAcks = await joinedAcks(departmentStaff, settings, contents.contentFiles, deviceId, at);
    const meta: MetaRow[] = [pending, { key: ENROLMENT_KEY, value: enrolment }, { key: JOIN_RECORDS_KEY, value: marker }, ...(contents.recovery ? [{ key: RECOVERY_KEY_KEY, value: contents.recovery }] : []), ...keyRingMeta(contents)];
    // Locking meanwhile zeroed this tablet's secret: nothing sealed from it may be written.
    if (ctx.vault.peek() !== unlocked) return await withdraw({ kind: 'locked', message: 'The app locked before this tablet joined the department. Nothing was changed. Unlock and try again with a new code.' });
    try {
      await db.transaction('rw', [db.device, db.staff, db.meta, db.syncPushed], async () => {
        if ((await db.meta.get(ENROLMENT_KEY)) || (await readPendingRekey(db))) throw new Error(ALREADY_IN_DEPARTMENT_MESSAGE);
        await db.device.update('device', { settings, contentFiles: contents.contentFiles, settingsMac });
        await db.staff.bulkPut([...movedStaff, ...departmentStaff]);
        if (!contents.recovery) await db.meta.delete(RECOVERY_KEY_KEY);
        if (stubKeys) await db.meta.put(stubKeys);
        else await db.meta.delete(STUB_INDEX_KEYS_KEY);
        // A finished run of this tablet's own epoch must not count as done for the department's (the numbers may be the same).
        await db.meta.delete(RESEAL_KEY);
        await db.meta.bulkPut(meta);
        await db.syncPushed.bulkPut(travelAcks);
      });
    } catch (error) {
      return await withdraw(error instanceof Error && error.message === ALREADY_IN_DEPARTMENT_MESSAGE ? { kind: 'forbidden', message: ALREADY_IN_DEPARTMENT_MESSAGE } : toStorageFailure(error));
    }
    // From here every write uses the department's keys; this tablet's old keys only open what the re-seal job has not moved.
    ctx.vault.rekeyed({ epoch, secret, keys });
    handedOver = true;
    ctx.sessionChannel?.postMessage(LOCK_MESSAGE);
    publishRekeyStatus(ctx, { kind: 'resealing', done: 0, total: attendances });
    await ctx.audit.append(
      'department-joined',
      contents.departmentId,
      `Joined the department with an enrolment code, holding records: ${plural(attendances, 'attendance')}, ${plural(letters, 'letter version')}, ${plural(stubs, 'retained stub')} and an audit trail of ${plural(counts.auditEvents, 'event')} (head ${String(auditFrom)}: ${auditHead?.hash ?? 'none'}) to be sealed again under the department's key before they are shared; ${plural(counts.ownAccounts, 'account')} of this tablet moved to the department's key, ${plural(counts.departmentAccounts, 'account')} of the department added, ${plural(counts.sameNames, 'name')} held by two accounts; the recovery key and the settings are the department's from now on`,
    );
    const { startRekeyJob } = await import('../repositories/rekey');
    void startRekeyJob(ctx);
    return ok(await viewOf(ctx, marker, true));
  } catch (error) {
    return err(toStorageFailure(error));
  } finally {
    if (!handedOver) secret.fill(0);
  }
}

async function viewOf(ctx: StorageContext, marker: JoinRecordsMarker, sealing: boolean): Promise<JoinedWithRecords> {
  const staff = await ctx.db.staff.toArray();
  const own = new Set(marker.ownStaff);
  const ownRows = staff.filter((row) => own.has(row.id));
  const departmentRows = staff.filter((row) => !own.has(row.id));
  return {
    departmentId: marker.departmentId,
    joinedAt: marker.at,
    sealing,
    counts: marker.counts,
    ownAccounts: ownRows.map((row) => ({ id: row.id, name: row.name, active: row.active === 1 })),
    sameNames: sameNamesOf(ownRows, departmentRows),
  };
}

/** After a join with records (the department page): what was brought, whether it is still being sealed, the accounts to look at. */
export async function joinedWithRecords(ctx: StorageContext): Promise<Result<JoinedWithRecords | undefined, DepartmentFailure>> {
  const allowed = requirePermission(ctx.vault, 'share-with-department');
  if (!allowed.ok) return allowed;
  try {
    const marker = await readJoinMarker(ctx.db);
    return ok(marker ? await viewOf(ctx, marker, await joinHoldsPushes(ctx.db)) : undefined);
  } catch (error) {
    return err(toStorageFailure(error));
  }
}
