/**
 * First-run set-up and device settings (PRODUCT.md section 7). Set-up creates the random
 * device secret, wraps it for the first member of staff (the nurse in charge) and opens a
 * session for them; the secret itself is never stored. Settings are read by everyone (the
 * lock screen and idle lock need them before anyone unlocks: they hold no personal data) and
 * changed only by the nurse in charge (domain/settings/permissions.ts). While unlocked, what
 * screens get has passed its MAC first (device-settings-integrity.ts): settings changed
 * outside the app are reported and replaced by the defaults.
 */
import { withContentFile } from './content-files';
import { liveQuery } from 'dexie';
import type { StaffRef } from '../../domain/assessment/staff-ref';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { deviceSettingsSchema } from '../../domain/settings/device-settings';
import { secretProblemForRole } from '../../domain/settings/secret-policy';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import { createDeviceSecret, deriveDeviceKeys, deviceKeyCheck } from '../crypto/keys';
import type { StorageContext } from './context';
import { sealWorklist } from './attendance-crypto';
import { toStorageFailure } from './failures';
import { requirePermission } from './permission-gate';
import { macSettings, reportSettings, SETTINGS_ENTITY, viewSettings, writeSettings } from './device-settings-integrity';
import type { SettingsView } from './device-settings-integrity';
import { bindStaffRow } from './staff-binding';
import { staffRefFromRow } from './session-repository';
import type { DeviceRepository, DeviceSetUp, LiveValue, StorageFailure } from './types';

export class RealDeviceRepository implements DeviceRepository {
  constructor(private readonly ctx: StorageContext) {}

  /** The settings as screens may see them: checked against their MAC while unlocked (reported and replaced by the defaults when changed). */
  private async view(): Promise<SettingsView | undefined> {
    const row = await this.ctx.db.device.get('device');
    if (!row) return undefined;
    const view = await viewSettings(this.ctx.db, this.ctx.vault.peek(), row);
    reportSettings(this.ctx, view);
    return view;
  }

  /** A live view that follows the session too: locking or unlocking checks the settings again. */
  private liveView<T>(pick: (view: SettingsView | undefined) => T): LiveValue<T> {
    return {
      subscribe: (onNext, onError) => {
        let rows: { unsubscribe(): void } | undefined;
        const session = this.ctx.vault.live().subscribe(() => {
          rows?.unsubscribe();
          rows = liveQuery(async () => pick(await this.view())).subscribe(onNext, onError);
        });
        return {
          unsubscribe: () => {
            session.unsubscribe();
            rows?.unsubscribe();
          },
        };
      },
    };
  }

  settings(): LiveValue<DeviceSettings | undefined> {
    return this.liveView((view) => view?.settings);
  }

  async getSettings(): Promise<DeviceSettings | undefined> {
    return (await this.view())?.settings;
  }

  contentFile(instrument: string): LiveValue<unknown> {
    return this.liveView((view) => view?.contentFiles[instrument]);
  }

  async setContentFile(instrument: string, json: unknown, detail: string): Promise<Result<void, StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'change-settings');
    if (!allowed.ok) return allowed;
    try {
      await writeSettings(this.ctx, allowed.value, (view) => ({ settings: view.settings, contentFiles: withContentFile(view.contentFiles, instrument, json) }));
      await this.ctx.audit.append('settings-changed', SETTINGS_ENTITY, detail);
      return ok(undefined);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async setUp(input: DeviceSetUp): Promise<Result<StaffRef, StorageFailure>> {
    const { db, now, newId, vault, audit } = this.ctx;
    try {
      if (await db.device.get('device')) return err({ kind: 'forbidden', message: 'This tablet is already set up.' });
      // The same rules as the form, where the key is wrapped (domain/settings/secret-policy.ts):
      // the first account is the nurse in charge, who must use a passphrase.
      const weak = secretProblemForRole('nurse-in-charge', input.firstStaff.secretKind, input.firstStaff.secret);
      if (weak) return err({ kind: 'forbidden', message: weak });
      const { FIRST_KEY_EPOCH, makeMemberKeys, newRecoveryKey, RECOVERY_KEY_KEY } = await import('./staff-keys');
      const at = now();
      const secret = createDeviceSecret();
      const keys = await deriveDeviceKeys(secret);
      const keyCheck = await deviceKeyCheck(keys);
      const staffId = newId();
      // The wrap, a key pair for re-keying and the secret sealed to it (staff-keys.ts).
      const memberKeys = await makeMemberKeys(staffId, input.firstStaff.secret, secret, FIRST_KEY_EPOCH);
      // The recovery key, for the trust to keep: shown once, after set-up (issue 11).
      const recovery = await newRecoveryKey(keys.auditKey, secret, FIRST_KEY_EPOCH, newId(), staffId, at);
      const deviceId = newId();
      const settings = deviceSettingsSchema.parse(input.settings);
      const settingsMac = await macSettings(keys.auditKey, settings, undefined);
      const staffRow = await bindStaffRow(keys.auditKey, {
        id: staffId,
        name: input.firstStaff.name.trim(),
        role: 'nurse-in-charge',
        staffGroup: input.firstStaff.staffGroup,
        agencyName: input.firstStaff.agencyName.trim(),
        registrationNumber: input.firstStaff.registrationNumber.trim(),
        secretKind: input.firstStaff.secretKind,
        ...memberKeys,
        active: 1,
        createdAt: at,
        createdBy: staffId,
        failedAttempts: 0,
        retryAfter: '',
      });
      const staff = staffRefFromRow(staffRow);
      // An empty referral worklist from the start, so the home screen never works it out the slow way.
      const worklist = await sealWorklist({ keys, epoch: FIRST_KEY_EPOCH, staff, deviceId, secret }, [], 1);
      await db.transaction('rw', db.device, db.staff, db.meta, async () => {
        if (await db.device.get('device')) throw new Error('already set up');
        await db.device.add({ id: 'device', deviceId, createdAt: at, keyCheck, settings, settingsMac });
        await db.staff.add(staffRow);
        await db.meta.put(worklist);
        await db.meta.put({ key: RECOVERY_KEY_KEY, value: recovery.row });
      });
      vault.open({ keys, epoch: FIRST_KEY_EPOCH, staff, deviceId, secret }, at, undefined, recovery.text);
      await audit.append('device-set-up', SETTINGS_ENTITY, `Site set up: ${input.settings.siteType}`);
      await audit.append('staff-added', staff.id, 'Nurse in charge (first account)');
      await audit.append('recovery-key-issued', RECOVERY_KEY_KEY, 'Recovery key issued at set-up');
      return ok(staff);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async issueRecoveryKey(): Promise<Result<string, StorageFailure>> {
    const unlocked = requirePermission(this.ctx.vault, 'manage-staff');
    if (!unlocked.ok) return unlocked;
    try {
      const { newRecoveryKey, RECOVERY_KEY_KEY, wrappingEpoch, wrappingSecret } = await import('./staff-keys');
      const { row, text } = await newRecoveryKey(unlocked.value.keys.auditKey, wrappingSecret(unlocked.value), await wrappingEpoch(this.ctx.db), this.ctx.newId(), unlocked.value.staff.id, this.ctx.now());
      // Locking meanwhile zeroed the secret: a key sealed to zeros must not replace the real one.
      if (this.ctx.vault.peek() !== unlocked.value) return err({ kind: 'locked', message: 'The app locked before the recovery key was made. Unlock and try again.' });
      await this.ctx.db.meta.put({ key: RECOVERY_KEY_KEY, value: row });
      await this.ctx.audit.append('recovery-key-issued', RECOVERY_KEY_KEY, 'Recovery key issued again; the earlier one no longer works');
      return ok(text);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async updateSettings(settings: DeviceSettings): Promise<Result<void, StorageFailure>> {
    const unlocked = requirePermission(this.ctx.vault, 'change-settings');
    if (!unlocked.ok) return unlocked;
    try {
      const parsed = deviceSettingsSchema.parse(settings);
      await writeSettings(this.ctx, unlocked.value, (view) => ({ settings: parsed, contentFiles: view.contentFiles }));
      await this.ctx.audit.append('settings-changed', SETTINGS_ENTITY, 'Device settings changed');
      return ok(undefined);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
