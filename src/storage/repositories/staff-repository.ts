/**
 * Staff accounts (PRODUCT.md section 7): the nurse in charge adds and removes staff; each
 * member of staff has their own PIN or passphrase wrapping the same device secret, so two
 * nurses unlock the same data with different secrets. Removing someone deletes their
 * wrapped key (they can no longer unlock) but keeps their name for the records they signed.
 * Everyone, even locked, gets the names (the lock screen); the accounts' details, adding
 * and removing are refused to every role but the nurse in charge (domain/settings/permissions.ts).
 */
import { liveQuery } from 'dexie';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { StaffRow } from '../db';
import { bindStaffRow } from './staff-binding';
import { FACTOR_MESSAGES, factorKeyFor } from './hardware-factor-key';
import { FREE_ATTEMPTS, throttleDelayMs } from './session-repository';
import { secretProblemForRole } from '../../domain/settings/secret-policy';
import type { StorageContext } from './context';
import { messages, toStorageFailure } from './failures';
import { permittedLive, requirePermission } from './permission-gate';
import type { LiveValue, NewStaffMember, StaffName, StaffRepository, StaffSummary, StorageFailure, UnlockFailure } from './types';
import { rekeyStatus } from './rekey-progress';
import type { RekeyStatus } from './rekey-progress';

const lockedFailure = (): StorageFailure => ({ kind: 'locked', message: messages.locked });

export function summariseStaff(row: StaffRow): StaffSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role as StaffSummary['role'],
    staffGroup: row.staffGroup as StaffSummary['staffGroup'],
    agencyName: row.agencyName,
    registrationNumber: row.registrationNumber,
    secretKind: row.secretKind,
    active: row.active === 1,
  };
}

export class RealStaffRepository implements StaffRepository {
  constructor(private readonly ctx: StorageContext) {}

  list(): LiveValue<StaffName[]> {
    return liveQuery(async () => (await this.ctx.db.staff.orderBy('name').toArray()).map((row): StaffName => ({ id: row.id, name: row.name, secretKind: row.secretKind, active: row.active === 1, ...(row.hardwareFactor ? { hardwareFactor: true } : {}) })));
  }

  details(): LiveValue<Result<StaffSummary[], StorageFailure>> {
    return permittedLive(this.ctx.vault, 'view-staff-details', async () => (await this.ctx.db.staff.orderBy('name').toArray()).map(summariseStaff));
  }

  private requireNurseInCharge() {
    return requirePermission(this.ctx.vault, 'manage-staff');
  }

  async add(member: NewStaffMember): Promise<Result<StaffSummary, StorageFailure>> {
    const unlocked = this.requireNurseInCharge();
    if (!unlocked.ok) return unlocked;
    const weak = secretProblemForRole(member.role, member.secretKind, member.secret);
    if (weak) return err({ kind: 'forbidden', message: weak });
    try {
      const { makeMemberKeys, wrappingEpoch, wrappingSecret } = await import('./staff-keys');
      const id = this.ctx.newId();
      // The wrap, the key pair for re-keying and the secret sealed to it (staff-keys.ts).
      const memberKeys = await makeMemberKeys(id, member.secret, wrappingSecret(unlocked.value), await wrappingEpoch(this.ctx.db));
      // Locking while PBKDF2 ran zeroed the secret and dropped the audit key: write nothing.
      if (this.ctx.vault.peek() !== unlocked.value) return err(lockedFailure());
      const row = await bindStaffRow(unlocked.value.keys.auditKey, {
        id,
        name: member.name.trim(),
        role: member.role,
        staffGroup: member.staffGroup,
        agencyName: member.agencyName.trim(),
        registrationNumber: member.registrationNumber.trim(),
        secretKind: member.secretKind,
        ...memberKeys,
        active: 1,
        createdAt: this.ctx.now(),
        createdBy: unlocked.value.staff.id,
        failedAttempts: 0,
        retryAfter: '',
      });
      await this.ctx.db.staff.add(row);
      await this.ctx.audit.append('staff-added', id, `${member.role} (${member.staffGroup})`);
      return ok(summariseStaff(row));
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async remove(staffId: string): Promise<Result<void, StorageFailure>> {
    const unlocked = this.requireNurseInCharge();
    if (!unlocked.ok) return unlocked;
    if (staffId === unlocked.value.staff.id) return err({ kind: 'forbidden', message: 'You cannot remove your own account. Ask another nurse in charge.' });
    try {
      const { db } = this.ctx;
      const row = await db.staff.get(staffId);
      if (!row) return ok(undefined);
      // Overwrite the wrapped key and delete the key pair: a removed account can never unlock
      // again, and no re-key seals to it. Bound again, with active 0.
      const { keyPair: _keyPair, secretForKey: _secretForKey, ...kept } = row;
      const { emptiedWrap } = await import('../crypto/member-wraps');
      const removed = await bindStaffRow(unlocked.value.keys.auditKey, { ...kept, active: 0, wrapped: emptiedWrap(row.wrapped) });
      await db.staff.put(removed);
      await this.ctx.audit.append('staff-removed', staffId, 'Account removed');
      await this.rekeyAfterRemoval(row.name);
      return ok(undefined);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  /**
   * Removing a member of staff re-keys the tablet (issue 11; rekey.ts): a new device secret
   * for everyone remaining, then every record sealed again in the background. The removal
   * stands whatever happens here; when re-keying is refused or queued, the staff page says
   * what waits and why (rekey-progress.ts).
   */
  private async rekeyAfterRemoval(name: string): Promise<void> {
    const { rekeyDevice, startRekeyJob, REKEY_QUEUED_MESSAGE } = await import('./rekey');
    const { publishRekeyStatus } = await import('./rekey-progress');
    // A tablet that shares its records re-keys the department instead (issue 14 §8; storage/sync/department-rekey.ts).
    const { readEnrolment } = await import('../sync/enrolment-state');
    const rekeyed = (await readEnrolment(this.ctx.db)) ? await (await import('../sync/department-rekey')).rekeyDepartment(this.ctx) : await rekeyDevice(this.ctx);
    if (!rekeyed.ok) {
      publishRekeyStatus(this.ctx, { kind: 'waiting', message: `${name} can no longer unlock this tablet, but the tablet was not re-keyed: ${rekeyed.error.message} Until it is, a copy of this tablet's files taken before the removal still opens the records.` });
      await this.ctx.audit.append('staff-removed', 'device', `The tablet was not re-keyed after the removal: ${rekeyed.error.message}`);
      return;
    }
    if (rekeyed.value.queued) {
      publishRekeyStatus(this.ctx, { kind: 'waiting', message: REKEY_QUEUED_MESSAGE });
      return;
    }
    // In the background: the page never waits for it.
    void startRekeyJob(this.ctx);
  }

  rekeyStatus(): LiveValue<RekeyStatus> {
    return rekeyStatus(this.ctx);
  }

  /**
   * Changes the signed-in member of staff's own PIN or passphrase. The new one must pass the
   * same rules as the form (domain/settings/secret-policy.ts). The current one is checked
   * like an unlock: the attempt is counted before the slow check, in one transaction with
   * the throttle, so a script in an unlocked tab cannot guess the current PIN any faster
   * than the lock screen allows; each wrong one is an audit event.
   */
  async changeSecret(currentSecret: string, next: { secretKind: 'pin' | 'passphrase'; secret: string }): Promise<Result<void, StorageFailure | UnlockFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    const weak = secretProblemForRole(unlocked.value.staff.role, next.secretKind, next.secret);
    if (weak) return err({ kind: 'forbidden', message: weak });
    const { db } = this.ctx;
    const at = this.ctx.now();
    let started: { row: StaffRow; failures: number; retryAfter: string } | StorageFailure | UnlockFailure;
    try {
      started = await db.transaction('rw', db.staff, async (): Promise<typeof started> => {
        const row = await db.staff.get(unlocked.value.staff.id);
        if (!row) return { kind: 'not-found', message: 'Your account was not found on this tablet.' };
        if (row.retryAfter && row.retryAfter > at) return { kind: 'throttled', retryAfter: row.retryAfter };
        const failures = row.failedAttempts + 1;
        const delay = throttleDelayMs(failures);
        const retryAfter = delay ? new Date(Date.parse(at) + delay).toISOString() : '';
        await db.staff.update(row.id, { failedAttempts: failures, retryAfter });
        return { row, failures, retryAfter };
      });
    } catch (error) {
      return err(toStorageFailure(error));
    }
    if (!('row' in started)) return err(started);
    const { row, failures, retryAfter } = started;
    const { makeMemberKeys, openMember, wrappingEpoch } = await import('./staff-keys');
    // With the hardware-bound factor added, the current wraps need the authenticator too, and the new ones keep it.
    const factor = await factorKeyFor(this.ctx, row);
    if (!factor.ok) {
      await this.ctx.audit.append('hardware-factor-failed', row.id, 'PIN change refused: the authenticator did not answer');
      return err({ kind: 'no-key', message: FACTOR_MESSAGES.noAnswer });
    }
    const check = await openMember(row, currentSecret, factor.value);
    if (!check.ok) {
      await this.ctx.audit.append('pin-change-failed', row.id, `Wrong current PIN or passphrase (attempt ${String(failures)})`);
      return retryAfter ? err({ kind: 'throttled', retryAfter }) : err({ kind: 'wrong-secret', attemptsLeftBeforeDelay: Math.max(0, FREE_ATTEMPTS - failures) });
    }
    try {
      await db.staff.update(row.id, { failedAttempts: 0, retryAfter: '' });
      // Wrap the secret just unwrapped, not the vault's copy, which locking zeroes; a new key pair under the new secret.
      const memberKeys = await makeMemberKeys(row.id, next.secret, check.value.secret, await wrappingEpoch(db), factor.value);
      if (this.ctx.vault.peek() !== unlocked.value) return err(lockedFailure());
      const { binding } = await bindStaffRow(unlocked.value.keys.auditKey, { ...row, ...memberKeys, secretKind: next.secretKind });
      await db.staff.update(row.id, { ...memberKeys, secretKind: next.secretKind, binding });
      await this.ctx.audit.append('pin-changed', row.id, 'PIN or passphrase changed');
      this.ctx.vault.secretChanged();
      return ok(undefined);
    } catch (error) {
      return err(toStorageFailure(error));
    } finally {
      check.value.secret.fill(0);
      factor.value?.prf.fill(0);
    }
  }

  // The authenticator's code (and the member keys it re-wraps) loads when the account page asks,
  // not with the lock screen (PRODUCT.md section 10: JavaScript on first load).
  async hardwareFactorAvailable(): Promise<boolean> {
    const { hardwareFactorAvailable } = await import('./hardware-factor');
    return hardwareFactorAvailable(this.ctx);
  }

  async enrolHardwareFactor(currentSecret: string): Promise<Result<void, StorageFailure | UnlockFailure>> {
    const { enrolHardwareFactor } = await import('./hardware-factor');
    return enrolHardwareFactor(this.ctx, currentSecret);
  }

  async removeHardwareFactor(currentSecret: string): Promise<Result<void, StorageFailure | UnlockFailure>> {
    const { removeHardwareFactor } = await import('./hardware-factor');
    return removeHardwareFactor(this.ctx, currentSecret);
  }

}
