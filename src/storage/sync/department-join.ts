/**
 * Joining a department by code, on a new tablet (issue 14; design:
 * docs/design/department-sync.md §3, step 3). Runs on the set-up screen: the tablet holds
 * nothing yet (no device row, no record, no audit event). A tablet holding records joins from
 * its department sharing page instead (department-join-records.ts).
 *
 * Order, so that every failure leaves nothing written on the tablet:
 * 1. the code is read (domain/sync/enrolment-code.ts) and the token and the wrapping key are
 *    derived from it (crypto/enrolment-keys.ts); the code is never sent;
 * 2. a new database id (which is also this tablet's id at the server) and a new credential;
 * 3. the claim (`POST /api/v1/enrolments/claim`): the server marks the code used and
 *    registers this tablet in one transaction, and returns the sealed package;
 * 4. the package is opened and checked: the key check of the secret it carries, every staff
 *    row's binding, the recovery row's binding and the settings' MAC, under the department's
 *    audit key. A package that fails here withdraws this tablet's credential (best effort);
 * 5. everything is written in ONE transaction: the device row (the new device id, the
 *    secret's key check, the settings and their MAC made again), the staff rows (throttle
 *    counters reset), the recovery row, the key epoch, an empty referral worklist sealed for
 *    this device id, the enrolment row and the first audit event, 'department-joined', with
 *    its MAC and the head and high-water anchors;
 * 6. the secret is zeroed; the app shows the lock screen, where staff unlock with their own PIN.
 */
import { nextEvent } from '../../domain/audit/chain';
import type { AuditEvent } from '../../domain/audit/events';
import { enrolmentCodeProblemWords, parseEnrolmentCode } from '../../domain/sync/enrolment-code';
import { deviceSettingsSchema } from '../../domain/settings/device-settings';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { macAuditAnchor, macAuditHash } from '../crypto/audit-mac';
import { fromBase64Url, textEqual } from '../crypto/encoding';
import { deriveEnrolmentKeys, newTabletCredential, openEnrolmentPackage } from '../crypto/enrolment-keys';
import { deriveDeviceKeys, deviceKeyCheck } from '../crypto/keys';
import type { MetaRow, StaffRow } from '../db';
import { sealWorklist } from '../repositories/attendance-crypto';
import { AUDIT_HEAD_KEY, AUDIT_HIGH_WATER_KEY } from '../repositories/audit-log';
import type { StorageContext } from '../repositories/context';
import { toStorageFailure } from '../repositories/failures';
import { macSettings } from '../repositories/device-settings-integrity';
import { staffRefFromRow } from '../repositories/session-repository';
import { checkStaffRow } from '../repositories/staff-binding';
import { FIRST_KEY_EPOCH, KEY_EPOCH_KEY, RECOVERY_KEY_KEY, recoveryRowHolds } from '../repositories/staff-keys';
import type { DepartmentFailure, DepartmentState } from '../repositories/types';
import { ENROLMENT_KEY } from './enrolment-state';
import type { Enrolment } from './enrolment-state';
import { decodeEnrolmentPackage, keyRingMeta } from './enrolment-package';
import type { EnrolmentPackage } from './enrolment-package';
import { callApi } from './http';
import type { ApiOptions } from './http';
import { apiFailure } from './department-words';
import { joinedAcks } from './travel-settings';

export const NOT_NEW_MESSAGE =
  'This tablet already holds records, so it cannot join from the set-up screen. Its nurse in charge joins it to the department in Settings, Department sharing, with the code; or hand it back first.';
export const BAD_PACKAGE_MESSAGE =
  'The code was accepted but what came with it could not be opened on this tablet, so nothing was written. Ask the nurse in charge for a new code; if it happens again, ask IT to check the department server.';

interface ClaimAnswer {
  tabletId: string;
  departmentId: string;
  package: string;
}

/** True when nothing is on this tablet: no device row, no attendance, no audit event. */
async function isNew(ctx: StorageContext): Promise<boolean> {
  const { db } = ctx;
  const [device, attendances, audit] = await db.transaction('r', db.device, db.attendances, db.audit, () => Promise.all([db.device.count(), db.attendances.count(), db.audit.count()]));
  return device === 0 && attendances === 0 && audit === 0;
}

/** Every check of step 4: the contents belong together and were made under the secret they carry. */
export async function checkPackage(ctx: StorageContext, contents: EnrolmentPackage, auditKey: CryptoKey, keyCheck: string): Promise<boolean> {
  if (!textEqual(keyCheck, contents.keyCheck)) return false;
  // Every staff row of a package carries its binding (the enrolling tablet bound any row from before bindings first): 'bound' only.
  for (const row of contents.staff) if ((await checkStaffRow(ctx.db, auditKey, row)) !== 'bound') return false;
  if (contents.recovery && !(await recoveryRowHolds(auditKey, contents.recovery))) return false;
  const settingsMac = await macSettings(auditKey, contents.settings, contents.contentFiles);
  return textEqual(settingsMac, contents.settingsMac) && deviceSettingsSchema.safeParse(contents.settings).success;
}

export async function joinDepartment(ctx: StorageContext, api: ApiOptions, typedCode: string): Promise<Result<DepartmentState, DepartmentFailure>> {
  const parsed = parseEnrolmentCode(typedCode);
  if (!parsed.ok) return err({ kind: 'code', message: enrolmentCodeProblemWords[parsed.error] });
  if (ctx.vault.current().status !== 'not-set-up' || !(await isNew(ctx))) return err({ kind: 'not-new', message: NOT_NEW_MESSAGE });

  const { token, wrapKey } = await deriveEnrolmentKeys(parsed.value);
  parsed.value.fill(0);
  const deviceId = ctx.newId();
  const credential = newTabletCredential();
  const claimed = await callApi<ClaimAnswer>('POST', '/api/v1/enrolments/claim', { token, credential, tabletId: deviceId }, api);
  if (!claimed.ok) return err(apiFailure(claimed.error));

  // From here the server has registered this tablet: a failure withdraws its credential again.
  const withdraw = async (message: string): Promise<Result<never, DepartmentFailure>> => {
    await callApi('POST', `/api/v1/tablets/${encodeURIComponent(deviceId)}/revoke`, undefined, { ...api, credential });
    return err({ kind: 'server', reason: 'package', message });
  };
  const sealed = fromBase64Url(claimed.value.package);
  const opened = sealed ? await openEnrolmentPackage(wrapKey, sealed) : undefined;
  const contents = opened ? decodeEnrolmentPackage(opened) : undefined;
  opened?.fill(0);
  if (!contents || contents.departmentId !== claimed.value.departmentId || claimed.value.tabletId !== deviceId) return withdraw(BAD_PACKAGE_MESSAGE);
  const secret = fromBase64Url(contents.secret);
  if (!secret) return withdraw(BAD_PACKAGE_MESSAGE);
  try {
    const keys = await deriveDeviceKeys(secret);
    const keyCheck = await deviceKeyCheck(keys);
    if (!(await checkPackage(ctx, contents, keys.auditKey, keyCheck))) return await withdraw(BAD_PACKAGE_MESSAGE);

    const at = ctx.now();
    const staffRows: StaffRow[] = contents.staff.map((row) => ({ ...row, failedAttempts: 0, retryAfter: '' }));
    const actorRow = staffRows.find((row) => row.role === 'nurse-in-charge' && row.active === 1) ?? staffRows[0];
    if (!actorRow) return await withdraw(BAD_PACKAGE_MESSAGE);
    const unlocked = { keys, epoch: contents.keyEpoch, staff: staffRefFromRow(actorRow), deviceId, secret };
    const settings = deviceSettingsSchema.parse(contents.settings);
    // Made again here under the department's audit key (it covers no device id today; if it ever does, this stays right).
    const settingsMac = await macSettings(keys.auditKey, settings, contents.contentFiles);
    const worklist = await sealWorklist(unlocked, [], 1);
    const enrolment: Enrolment = { departmentId: contents.departmentId, tabletId: deviceId, credential, enrolledAt: at };
    const event = nextEvent(undefined, {
      at,
      actor: null,
      type: 'department-joined',
      entityId: contents.departmentId,
      detail: `Joined the department with an enrolment code: ${String(staffRows.filter((row) => row.active === 1).length)} staff accounts`,
    });
    const stored: AuditEvent = { ...event, mac: await macAuditHash(keys.auditKey, event.hash) };
    const meta: MetaRow[] = [
      worklist,
      { key: ENROLMENT_KEY, value: enrolment },
      { key: AUDIT_HEAD_KEY, value: { count: event.seq, hash: event.hash, mac: await macAuditAnchor(keys.auditKey, 'head', event.seq, event.hash) } },
      { key: AUDIT_HIGH_WATER_KEY, value: { count: event.seq, hash: event.hash, mac: await macAuditAnchor(keys.auditKey, 'high-water', event.seq, event.hash) } },
      ...(contents.recovery ? [{ key: RECOVERY_KEY_KEY, value: contents.recovery }] : []),
      ...(contents.keyEpoch > FIRST_KEY_EPOCH ? [{ key: KEY_EPOCH_KEY, value: contents.keyEpoch }] : []),
      ...keyRingMeta(contents),
    ];
    // The staff and settings as received: held, not pushed back as this tablet's changes (travel-settings.ts).
    const travelAcks = await joinedAcks(staffRows, settings, contents.contentFiles, deviceId, at);
    const { db } = ctx;
    try {
      await db.transaction('rw', [db.device, db.staff, db.meta, db.audit, db.attendances, db.syncPushed], async () => {
        if ((await db.device.count()) > 0 || (await db.attendances.count()) > 0 || (await db.audit.count()) > 0) throw new Error(NOT_NEW_MESSAGE);
        await db.device.add({ id: 'device', deviceId, createdAt: at, keyCheck, settings, contentFiles: contents.contentFiles, settingsMac });
        await db.staff.bulkAdd(staffRows);
        await db.meta.bulkPut(meta);
        await db.audit.add(stored);
        await db.syncPushed.bulkPut(travelAcks);
      });
    } catch (error) {
      // Nothing was written (one transaction); the server's registration is withdrawn too.
      await callApi('POST', `/api/v1/tablets/${encodeURIComponent(deviceId)}/revoke`, undefined, { ...api, credential });
      return err(error instanceof Error && error.message === NOT_NEW_MESSAGE ? { kind: 'not-new', message: NOT_NEW_MESSAGE } : toStorageFailure(error));
    }
    ctx.vault.setState({ status: 'locked', reason: 'start' });
    return ok({ departmentId: enrolment.departmentId, tabletId: enrolment.tabletId, enrolledAt: enrolment.enrolledAt });
  } finally {
    secret.fill(0);
  }
}
