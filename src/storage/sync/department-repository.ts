/**
 * The department repository (issue 14; design: docs/design/department-sync.md §2, §3, §11):
 * switching sharing on, enrolment codes, joining by code, the tablets page, and the
 * hand-back's revocation of this tablet. Role checks are here, at the storage boundary:
 * everything is the nurse in charge's ('share-with-department'), except `state` (clear,
 * readable while locked) and `join` (the set-up screen of a new tablet: nobody to sign in yet).
 *
 * Keys (this version, design "Where the built … differs"): the department secret is the
 * first tablet's data secret, which never left it; rows keep their additional data (scope
 * 'device'): the per-department secret and the author tablet (this tablet's database id,
 * which is also its id at the server) are what bind a row. So switching on needs no re-key.
 */
import { liveQuery } from 'dexie';
import { formatEnrolmentCode } from '../../domain/sync/enrolment-code';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { toBase64Url } from '../crypto/encoding';
import { deriveEnrolmentKeys, newEnrolmentCodeBytes, newTabletCredential, sealEnrolmentPackage } from '../crypto/enrolment-keys';
import type { StaffRow } from '../db';
import type { StorageContext } from '../repositories/context';
import { viewSettings, macSettings } from '../repositories/device-settings-integrity';
import { toStorageFailure } from '../repositories/failures';
import { requirePermission } from '../repositories/permission-gate';
import { bindStaffRow, checkStaffRow } from '../repositories/staff-binding';
import type { DepartmentFailure, DepartmentRepository, DepartmentState, JoinedWithRecords, LiveValue, TabletListing } from '../repositories/types';
import type { Unlocked } from '../repositories/vault';
import { apiFailure } from './department-words';
import { readEnrolment, writeEnrolment } from './enrolment-state';
import type { Enrolment } from './enrolment-state';
import { encodeEnrolmentPackage, ENROLMENT_PACKAGE_FORMAT, keyRingToCarry } from './enrolment-package';
import { callApi } from './http';
import type { ApiFailure, ApiOptions } from './http';

export const NOT_SHARING_MESSAGE = "This tablet does not share with a department. Switch sharing on first, in Settings under 'Department sharing'.";
export const ALREADY_SHARING_MESSAGE = 'This tablet already shares with a department.';
export const REKEY_PENDING_MESSAGE = 'This tablet is finishing a re-key. Sharing can be switched on, and codes made, when it has finished: keep the tablet unlocked for a few minutes and try again.';
export const REVOKED_MESSAGE = 'This tablet was removed from the department. Its records stay on it; ask the nurse in charge.';
export const SETTINGS_CHANGED_MESSAGE = 'The settings on this tablet were changed outside the app, so no code can be made: check every setting and save them first.';
const OWN_TABLET_MESSAGE = 'This is the tablet you are using. To take it out of the department, hand it back (Settings, Back up this tablet).';

/** Only the app's own API paths are called: the tablet id is the row ids' syntax, so it needs no escaping, but is escaped anyway. */
const revokePath = (tabletId: string) => `/api/v1/tablets/${encodeURIComponent(tabletId)}/revoke`;

const stateOf = ({ departmentId, tabletId, enrolledAt, revokedAt }: Enrolment): DepartmentState => ({ departmentId, tabletId, enrolledAt, ...(revokedAt ? { revokedAt } : {}) });

export class RealDepartmentRepository implements DepartmentRepository {
  constructor(
    private readonly ctx: StorageContext,
    /** The server: the app leaves it empty (same origin); tests pass an origin or a fetch bound to an in-process server. */
    private readonly api: Pick<ApiOptions, 'fetch' | 'origin'> = {},
  ) {}

  state(): LiveValue<DepartmentState | undefined> {
    return liveQuery(async () => {
      const enrolment = await readEnrolment(this.ctx.db);
      return enrolment ? stateOf(enrolment) : undefined;
    });
  }

  /** A refused call: a revoked tablet records it in its enrolment row (the header and this page say so from then on). */
  private async failed(failure: ApiFailure, enrolment?: Enrolment): Promise<DepartmentFailure> {
    if (failure.kind === 'revoked' && enrolment && !enrolment.revokedAt) {
      await writeEnrolment(this.ctx.db, { ...enrolment, revokedAt: this.ctx.now() }).catch(() => undefined);
    }
    return apiFailure(failure);
  }

  private async pendingRekey(): Promise<boolean> {
    const { readPendingRekey } = await import('../repositories/staff-keys');
    return (await readPendingRekey(this.ctx.db)) !== undefined;
  }

  /** The nurse in charge, and this tablet's working enrolment. */
  private async enrolled(): Promise<Result<{ unlocked: Unlocked; enrolment: Enrolment }, DepartmentFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'share-with-department');
    if (!allowed.ok) return allowed;
    const enrolment = await readEnrolment(this.ctx.db);
    if (!enrolment) return err({ kind: 'forbidden', message: NOT_SHARING_MESSAGE });
    if (enrolment.revokedAt) return err({ kind: 'server', reason: 'revoked', message: REVOKED_MESSAGE });
    return ok({ unlocked: allowed.value, enrolment });
  }

  async switchSharingOn(): Promise<Result<DepartmentState, DepartmentFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'share-with-department');
    if (!allowed.ok) return allowed;
    try {
      if (await readEnrolment(this.ctx.db)) return err({ kind: 'forbidden', message: ALREADY_SHARING_MESSAGE });
      if (await this.pendingRekey()) return err({ kind: 'forbidden', message: REKEY_PENDING_MESSAGE });
      const credential = newTabletCredential();
      const created = await callApi<{ departmentId: string; tabletId: string }>('POST', '/api/v1/departments', { credential, tabletId: allowed.value.deviceId }, this.api);
      if (!created.ok) return err(await this.failed(created.error));
      const enrolment: Enrolment = { departmentId: created.value.departmentId, tabletId: allowed.value.deviceId, credential, enrolledAt: this.ctx.now() };
      await writeEnrolment(this.ctx.db, enrolment);
      await this.ctx.audit.append('department-sharing-on', enrolment.departmentId, "Department sharing switched on: this tablet's records are shared with the department through its server");
      return ok(stateOf(enrolment));
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  /** Staff rows as the package carries them: bound (a row from before bindings whose role the trail vouches for is bound now); a row changed outside the app is left out. */
  private async packageStaff(auditKey: CryptoKey): Promise<StaffRow[]> {
    const rows = await this.ctx.db.staff.toArray();
    const carried: StaffRow[] = [];
    for (const row of rows) {
      const verdict = await checkStaffRow(this.ctx.db, auditKey, row);
      if (verdict === 'bound') carried.push(row);
      else if (verdict === 'adopt') carried.push(await bindStaffRow(auditKey, row));
    }
    return carried;
  }

  async makeEnrolmentCode(): Promise<Result<{ code: string; expiresAt: string }, DepartmentFailure>> {
    const checked = await this.enrolled();
    if (!checked.ok) return checked;
    const { unlocked, enrolment } = checked.value;
    const codeBytes = newEnrolmentCodeBytes();
    try {
      if (await this.pendingRekey()) return err({ kind: 'forbidden', message: REKEY_PENDING_MESSAGE });
      const { db } = this.ctx;
      const { KEY_EPOCH_KEY, readRecoveryRow, recoveryRowHolds } = await import('../repositories/staff-keys');
      const device = await db.device.get('device');
      if (!device) return err({ kind: 'damaged', message: 'This tablet is not set up.' });
      const view = await viewSettings(db, unlocked, device);
      if (view.status === 'tampered') return err({ kind: 'forbidden', message: SETTINGS_CHANGED_MESSAGE });
      const { auditKey } = unlocked.keys;
      const recovery = await readRecoveryRow(db);
      const epoch = (await db.meta.get(KEY_EPOCH_KEY))?.value;
      const staff = await this.packageStaff(auditKey);
      const contents = encodeEnrolmentPackage({
        format: ENROLMENT_PACKAGE_FORMAT,
        departmentId: enrolment.departmentId,
        secret: toBase64Url(unlocked.secret),
        keyCheck: device.keyCheck,
        keyEpoch: typeof epoch === 'number' && Number.isSafeInteger(epoch) && epoch >= 1 ? epoch : 1,
        staff,
        recovery: recovery && (await recoveryRowHolds(auditKey, recovery)) ? recovery : null,
        settings: view.settings,
        contentFiles: view.contentFiles,
        settingsMac: await macSettings(auditKey, view.settings, view.contentFiles),
        madeAt: this.ctx.now(),
        madeBy: enrolment.tabletId,
        ...(await keyRingToCarry(db)),
      });
      const keys = await deriveEnrolmentKeys(codeBytes);
      const sealed = await sealEnrolmentPackage(keys.wrapKey, contents);
      contents.fill(0);
      // Locking meanwhile zeroed the secret: a package holding zeros must not be left with the server.
      if (this.ctx.vault.peek() !== unlocked) return err({ kind: 'locked', message: 'The app locked before the code was made. Unlock and try again.' });
      const made = await callApi<{ expiresAt: string }>('POST', '/api/v1/enrolments', { tokenSha256: keys.tokenSha256, package: toBase64Url(sealed) }, { ...this.api, credential: enrolment.credential });
      if (!made.ok) return err(await this.failed(made.error, enrolment));
      const code = formatEnrolmentCode(codeBytes);
      await this.ctx.audit.append('enrolment-code-made', enrolment.tabletId, `Enrolment code made for a new tablet, working until ${made.value.expiresAt}`);
      return ok({ code, expiresAt: made.value.expiresAt });
    } catch (error) {
      return err(toStorageFailure(error));
    } finally {
      codeBytes.fill(0);
    }
  }

  async join(code: string): Promise<Result<DepartmentState, DepartmentFailure>> {
    try {
      const { joinDepartment } = await import('./department-join');
      return await joinDepartment(this.ctx, this.api, code);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async listTablets(): Promise<Result<TabletListing[], DepartmentFailure>> {
    const checked = await this.enrolled();
    if (!checked.ok) return checked;
    const { enrolment } = checked.value;
    const listed = await callApi<{ tablets: { tabletId: string; enrolledAt: string; revokedAt: string | null }[] }>('GET', '/api/v1/tablets', undefined, { ...this.api, credential: enrolment.credential });
    if (!listed.ok) return err(await this.failed(listed.error, enrolment));
    return ok(listed.value.tablets.map((tablet) => ({ ...tablet, thisTablet: tablet.tabletId === enrolment.tabletId })));
  }

  async revokeTablet(tabletId: string): Promise<Result<void, DepartmentFailure>> {
    const checked = await this.enrolled();
    if (!checked.ok) return checked;
    const { enrolment } = checked.value;
    if (tabletId === enrolment.tabletId) return err({ kind: 'forbidden', message: OWN_TABLET_MESSAGE });
    const revoked = await callApi<{ tabletId: string; revokedAt: string }>('POST', revokePath(tabletId), undefined, { ...this.api, credential: enrolment.credential });
    if (!revoked.ok) return err(await this.failed(revoked.error, enrolment));
    await this.ctx.audit.append('tablet-revoked', tabletId, 'Tablet removed from the department: its server credential is revoked');
    return ok(undefined);
  }

  async rekey(): Promise<Result<{ epoch: number }, DepartmentFailure>> {
    const { rekeyDepartment } = await import('./department-rekey');
    const rekeyed = await rekeyDepartment(this.ctx);
    if (!rekeyed.ok) return rekeyed;
    // In the background, as after a removal: the page never waits for the re-seal (rekey.ts).
    const { startRekeyJob } = await import('../repositories/rekey');
    void startRekeyJob(this.ctx);
    return ok({ epoch: rekeyed.value.epoch });
  }

  async leave(): Promise<Result<void, DepartmentFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'back-up-tablet');
    if (!allowed.ok) return allowed;
    const enrolment = await readEnrolment(this.ctx.db);
    if (!enrolment || enrolment.revokedAt) return ok(undefined);
    const revoked = await callApi('POST', revokePath(enrolment.tabletId), undefined, { ...this.api, credential: enrolment.credential });
    if (!revoked.ok && revoked.error.kind !== 'revoked') return err(apiFailure(revoked.error));
    await writeEnrolment(this.ctx.db, { ...enrolment, revokedAt: this.ctx.now() });
    await this.ctx.audit.append('tablet-revoked', enrolment.tabletId, 'This tablet removed itself from the department before it was handed back');
    return ok(undefined);
  }

  async joinWithRecords(code: string): Promise<Result<JoinedWithRecords, DepartmentFailure>> {
    try {
      const { joinWithRecords } = await import('./department-join-records');
      return await joinWithRecords(this.ctx, this.api, code);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async joinedWithRecords(): Promise<Result<JoinedWithRecords | undefined, DepartmentFailure>> {
    try {
      const { joinedWithRecords } = await import('./department-join-records');
      return await joinedWithRecords(this.ctx);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
