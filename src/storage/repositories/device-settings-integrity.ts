/**
 * The settings, checked before anything is shown from them (issue 11, "No clear value
 * trusted"). The settings stay in clear (not patient data, and the idle lock needs them),
 * but the local contact numbers, MASH hours and the licensed screen wording are what the
 * prompts quote to agency staff at the bedside: someone with the database and no PIN must
 * not be able to change the MASH or emergency duty team number unnoticed.
 *
 * The device row carries one MAC under the audit key over the stored settings object and
 * the content files together (crypto/binding-mac: the whole objects as stored, so fields
 * other releases append to the settings are covered without a list here). While unlocked:
 * - the MAC holds: the settings are shown as stored ('verified');
 * - it fails, or it is missing on a tablet whose trail shows the settings were sealed: the
 *   settings are reported as changed outside the app, and every screen gets the defaults
 *   instead (no local numbers, the default MASH hours, the default locks, our own screen
 *   wording), so no prompt quotes a forged number and the settings form is not filled in
 *   with forged values as if they were genuine. Saving the settings again seals them anew;
 * - it is missing on a tablet set up before the MAC existed (no sealing event in the
 *   trail): the values are shown, and this unlock adopts them ('legacy').
 * While locked nothing can be checked; nothing on the lock screen is drawn from them.
 */
import type { VerifyingKeys } from '../crypto/audit-mac';
import { verifyingKeys } from './vault';
import { defaultDeviceSettings, deviceSettingsSchema } from '../../domain/settings/device-settings';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import { macBinding, verifyBinding } from '../crypto/binding-mac';
import type { DeviceRow, TriageDatabase } from '../db';
import { vouchedEvents } from './audit-lookup';
import type { StorageContext } from './context';
import type { TamperReport } from './types';
import type { Unlocked } from './vault';

/** The entityId of the events that set up or change the settings: the trail's proof that they were sealed. */
export const SETTINGS_ENTITY = 'device-settings';

export type SettingsStatus = 'verified' | 'tampered' | 'legacy' | 'unchecked';

export interface SettingsView {
  status: SettingsStatus;
  settings: DeviceSettings;
  contentFiles: Record<string, unknown>;
}

export const SETTINGS_TAMPER_REPORT: TamperReport = {
  key: 'settings',
  kind: 'settings',
  message:
    'The settings on this tablet were changed outside the app. Local contact numbers, MASH hours and licensed screen wording are not shown from them: the defaults are used until the nurse in charge checks every setting and saves them again.',
};

const bound = (settings: unknown, contentFiles: Record<string, unknown> | undefined) => ({ settings, contentFiles: contentFiles ?? {} });

/** The MAC to store with these settings and content files (as they will be stored). */
export function macSettings(auditKey: CryptoKey, settings: unknown, contentFiles: Record<string, unknown> | undefined): Promise<string> {
  return macBinding(auditKey, 'device-settings', 'device', bound(settings, contentFiles));
}

/** True when the stored settings MAC holds under this key (or keys): completing a re-key remakes it under the new one. */
export function settingsMacHolds(auditKey: VerifyingKeys, row: Pick<DeviceRow, 'settings' | 'contentFiles' | 'settingsMac'>): Promise<boolean> {
  return verifyBinding(auditKey, 'device-settings', 'device', bound(row.settings, row.contentFiles), row.settingsMac);
}

async function wasSealed(db: Pick<TriageDatabase, 'audit'>, auditKey: VerifyingKeys): Promise<boolean> {
  return (await vouchedEvents(db, auditKey, ['device-set-up', 'settings-changed'], SETTINGS_ENTITY)).length > 0;
}

/** What screens may be shown from the stored row, and why. */
export async function viewSettings(db: Pick<TriageDatabase, 'audit'>, unlocked: Unlocked | undefined, row: DeviceRow): Promise<SettingsView> {
  const asStored = (status: SettingsStatus): SettingsView => ({ status, settings: deviceSettingsSchema.parse(row.settings), contentFiles: row.contentFiles ?? {} });
  if (!unlocked) return asStored('unchecked');
  const auditKey = verifyingKeys(unlocked);
  if (row.settingsMac !== undefined) {
    if (await verifyBinding(auditKey, 'device-settings', 'device', bound(row.settings, row.contentFiles), row.settingsMac)) return asStored('verified');
  } else if (!(await wasSealed(db, auditKey))) {
    return asStored('legacy');
  }
  return { status: 'tampered', settings: defaultDeviceSettings(), contentFiles: {} };
}

/** Reports or clears the settings tamper report to match `view`. */
export function reportSettings(ctx: Pick<StorageContext, 'tamper'>, view: SettingsView): void {
  if (view.status === 'tampered') ctx.tamper.report(SETTINGS_TAMPER_REPORT);
  else if (view.status !== 'unchecked') ctx.tamper.clear(SETTINGS_TAMPER_REPORT.key);
}

/**
 * At unlock: a tablet set up before the settings had a MAC seals them as found (once, with
 * an audit event that is the proof they were sealed), and any tampering is reported now,
 * not only when a screen reads them.
 */
export async function checkSettingsAtUnlock(ctx: StorageContext, unlocked: Unlocked): Promise<void> {
  const row = await ctx.db.device.get('device');
  if (!row) return;
  const view = await viewSettings(ctx.db, unlocked, row);
  if (view.status === 'legacy') {
    const settingsMac = await macSettings(unlocked.keys.auditKey, row.settings, row.contentFiles);
    await ctx.db.device.update('device', { settingsMac });
    await ctx.audit.append('settings-changed', SETTINGS_ENTITY, 'Settings sealed against change outside the app, as found at this unlock');
    return;
  }
  reportSettings(ctx, view);
}

/**
 * Writes new settings and content files with their MAC. Starts from what screens were shown
 * (`view`): after tampering, the changed content files are not carried over and sealed.
 */
export async function writeSettings(ctx: StorageContext, unlocked: Unlocked, change: (view: SettingsView) => { settings: DeviceSettings; contentFiles: Record<string, unknown> }): Promise<void> {
  const { db } = ctx;
  const row = await db.device.get('device');
  if (!row) throw new Error('This tablet is not set up.');
  const next = change(await viewSettings(db, unlocked, row));
  const settingsMac = await macSettings(unlocked.keys.auditKey, next.settings, next.contentFiles);
  await db.device.update('device', { settings: next.settings, contentFiles: next.contentFiles, settingsMac });
  ctx.tamper.clear(SETTINGS_TAMPER_REPORT.key);
}
