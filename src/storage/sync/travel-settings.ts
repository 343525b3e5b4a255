/**
 * The settings travel between the department's tablets (issue 14: "settings last-writer-wins
 * with an audit event"; design docs/design/department-sync.md §6).
 *
 * Push (kind `settings`, row id `settings:<tablet id>`: each tablet its own row, so tablets
 * never conflict at the server): the settings, the content files, their MAC and when this
 * tablet changed them, sealed for transport (crypto/transport.ts) like staff rows. Sent when
 * they changed here since last pushed or applied, and only when their MAC holds (settings
 * changed outside the app are never shared). Only while unlocked.
 *
 * Apply (while unlocked): each pulled row is opened with its author's id and revision, its
 * settings MAC verified under the department's audit key and its settings parsed; then the
 * last writer wins, by (time changed, tablet id), against what this tablet last wrote or
 * applied (meta `sync:settings-written`). Applied settings are written with their MAC and
 * audited on this tablet ('settings-changed', "Settings changed on another tablet"); a row
 * that does not open or whose MAC fails is refused, reported and audited, never applied.
 */
import { deviceSettingsSchema } from '../../domain/settings/device-settings';
import { textEqual } from '../crypto/encoding';
import { withEarlierAuditKeys } from '../crypto/key-ring';
import type { StaffRow, SyncPushedRow, TriageDatabase } from '../db';
import type { AuditLog } from '../repositories/audit-log';
import { macSettings, SETTINGS_ENTITY } from '../repositories/device-settings-integrity';
import type { Unlocked } from '../repositories/vault';
import type { PushRow } from './engine-state';
import { rowKey } from './engine-wire';
import { fingerprintOf, heldAck, needsPush, openFromWire, reportRefused, sealToWire } from './travel';
import { STAFF_KIND, staffForTransport } from './travel-staff';

export const SETTINGS_KIND = 'settings';
/** meta: the (time changed, tablet id) of the settings this tablet holds: the last writer's. */
export const SETTINGS_WRITTEN_KEY = 'sync:settings-written';
/** The words of the audit event on the tablet that applies settings from another. */
export const SETTINGS_FROM_ANOTHER_TABLET = 'Settings changed on another tablet';

interface Written {
  changedAt: string;
  tabletId: string;
  /** The row's revision: two changes on one tablet within the same millisecond still order. */
  revision: number;
}

interface TravellingSettings {
  settings: unknown;
  contentFiles: Record<string, unknown>;
  settingsMac: string;
  changedAt: string;
}

export const settingsRowId = (tabletId: string): string => `settings:${tabletId}`;

const isWritten = (value: unknown): value is Written =>
  typeof value === 'object' && value !== null && typeof (value as Written).changedAt === 'string' && typeof (value as Written).tabletId === 'string' && typeof (value as Written).revision === 'number';

/** True when (a) was written after (b): the later time, then the greater tablet id, then (one tablet) the later revision. */
export function writtenAfter(a: Written, b: Written | undefined): boolean {
  if (!b) return true;
  if (a.changedAt !== b.changedAt) return a.changedAt > b.changedAt;
  if (a.tabletId !== b.tabletId) return a.tabletId > b.tabletId;
  return a.revision > b.revision;
}

async function readWritten(db: TriageDatabase): Promise<Written | undefined> {
  const value = (await db.meta.get(SETTINGS_WRITTEN_KEY))?.value;
  return isWritten(value) ? value : undefined;
}

/** This tablet's settings row to push, when they changed here and their MAC holds. */
export async function settingsToPush(db: TriageDatabase, unlocked: Unlocked, now: string): Promise<{ rows: PushRow[]; fingerprints: Record<string, string> }> {
  const none = { rows: [], fingerprints: {} };
  const device = await db.device.get('device');
  if (!device?.settingsMac) return none;
  const contentFiles = device.contentFiles ?? {};
  if (!textEqual(await macSettings(unlocked.keys.auditKey, device.settings, contentFiles), device.settingsMac)) return none;
  const rowId = settingsRowId(unlocked.deviceId);
  const key = rowKey(SETTINGS_KIND, rowId);
  const fingerprint = await fingerprintOf({ settings: device.settings, contentFiles });
  const ack = await db.syncPushed.get(key);
  if (!needsPush(ack, fingerprint)) return none;
  // Changed here (settings applied from another tablet set the fingerprint, so they are not pushed back).
  const changedAt = now;
  const value: TravellingSettings = { settings: device.settings, contentFiles, settingsMac: device.settingsMac, changedAt };
  const base = ack?.acknowledged ?? 0;
  const revision = base + 1;
  await db.meta.put({ key: SETTINGS_WRITTEN_KEY, value: { changedAt, tabletId: unlocked.deviceId, revision } satisfies Written });
  return {
    rows: [{ kind: SETTINGS_KIND, rowId, revision, baseRevision: base === 0 ? null : base, sealed: await sealToWire(unlocked.secret, value, { kind: SETTINGS_KIND, author: unlocked.deviceId, rowId, revision }) }],
    fingerprints: { [key]: fingerprint },
  };
}

function asTravelling(value: unknown): TravellingSettings | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const row = value as Record<string, unknown>;
  const contentFiles = row['contentFiles'];
  if (typeof row['settingsMac'] !== 'string' || typeof row['changedAt'] !== 'string' || Number.isNaN(Date.parse(row['changedAt']))) return undefined;
  if (typeof contentFiles !== 'object' || contentFiles === null || Array.isArray(contentFiles)) return undefined;
  return value as TravellingSettings;
}

/**
 * Whether the settings' MAC holds under the department's audit key: this tablet's, or an
 * earlier epoch's from the department's key ring (settings written on a tablet before a
 * department re-key reached it, or before it was made, still verify: crypto/key-ring.ts).
 */
async function settingsMacHolds(unlocked: Unlocked, incoming: TravellingSettings): Promise<boolean> {
  for (const key of withEarlierAuditKeys(unlocked.keys.auditKey, unlocked.keys)) {
    if (textEqual(await macSettings(key, incoming.settings, incoming.contentFiles), incoming.settingsMac)) return true;
  }
  return false;
}

/** Applies the settings rows pulled from other tablets (while unlocked): the last writer's, verified. */
export async function applyPulledSettings(db: TriageDatabase, unlocked: Unlocked, audit: Pick<AuditLog, 'append'>, now: () => string): Promise<{ applied: number; refused: number }> {
  const waiting = (await db.departmentRows.where('kind').equals(SETTINGS_KIND).toArray()).filter((row) => row.sealed !== '').sort((a, b) => a.seq - b.seq);
  const outcome = { applied: 0, refused: 0 };
  for (const pulled of waiting) {
    const incoming = asTravelling(await openFromWire(unlocked.secret, pulled));
    const macHolds = incoming !== undefined && (await settingsMacHolds(unlocked, incoming));
    if (!incoming || !macHolds || !deviceSettingsSchema.safeParse(incoming.settings).success || pulled.rowId !== settingsRowId(pulled.authorTablet)) {
      outcome.refused += 1;
      await reportRefused(db, pulled);
      await audit.append('tamper-detected', SETTINGS_ENTITY, 'Settings from the department server did not pass their check and were not applied');
      continue;
    }
    const candidate: Written = { changedAt: incoming.changedAt, tabletId: pulled.authorTablet, revision: pulled.revision };
    const fingerprint = await fingerprintOf({ settings: incoming.settings, contentFiles: incoming.contentFiles });
    const device = await db.device.get('device');
    const same = device !== undefined && (await fingerprintOf({ settings: device.settings, contentFiles: device.contentFiles ?? {} })) === fingerprint;
    // MAC'd again under this tablet's own audit key (outside the transaction: WebCrypto would end it): settings written before a department re-key carry their author's earlier key's MAC.
    const ownMac = await macSettings(unlocked.keys.auditKey, incoming.settings, incoming.contentFiles);
    const written = await db.transaction('rw', db.device, db.meta, db.syncPushed, db.departmentRows, async () => {
      await db.departmentRows.delete(pulled.key);
      const held = await readWritten(db);
      if (!writtenAfter(candidate, held)) return false;
      await db.meta.put({ key: SETTINGS_WRITTEN_KEY, value: candidate });
      const ownKey = rowKey(SETTINGS_KIND, settingsRowId(unlocked.deviceId));
      const ownAck = await db.syncPushed.get(ownKey);
      // This tablet now holds them: not pushed back as its own change.
      await db.syncPushed.put({ ...heldAck(SETTINGS_KIND, settingsRowId(unlocked.deviceId), ownAck?.acknowledged ?? 0, now(), fingerprint), ...(ownAck?.pushedAt ? { pushedAt: ownAck.pushedAt } : {}) });
      if (same) return false;
      await db.device.update('device', { settings: incoming.settings, contentFiles: incoming.contentFiles, settingsMac: ownMac });
      return true;
    });
    if (written) {
      outcome.applied += 1;
      await audit.append('settings-changed', SETTINGS_ENTITY, SETTINGS_FROM_ANOTHER_TABLET);
    }
  }
  return outcome;
}

/**
 * For a tablet joining by code (department-join.ts): the staff rows and settings it receives in
 * the package are the department's as they stand, not changes made here, so they are marked as
 * held (revision 0, their fingerprints) and not pushed back; the enrolling tablet pushes them.
 */
export async function joinedAcks(staff: readonly StaffRow[], settings: unknown, contentFiles: Record<string, unknown>, tabletId: string, at: string): Promise<SyncPushedRow[]> {
  const acks = await Promise.all(staff.map(async (row) => heldAck(STAFF_KIND, row.id, 0, at, await fingerprintOf(staffForTransport(row)))));
  return [...acks, heldAck(SETTINGS_KIND, settingsRowId(tabletId), 0, at, await fingerprintOf({ settings, contentFiles }))];
}
