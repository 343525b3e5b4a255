/**
 * What the retention purge would remove now (retention-purge.ts), for the home screen's reminder
 * to the nurse in charge, and the candidates the purge itself starts from.
 *
 * Its own module, apart from the purge: the reminder asks at every unlock, and the purge's
 * module brings the whole record's schemas and the attendance writer with it. Loading them to
 * find nothing due was one task of 106 ms (147 ms profiled) on the home screen at 4x CPU
 * slowdown, in a Lighthouse trace of the flow from unlocking to an assessment (30 November
 * 2026). This reads the settings, the first arrival day and the sealed day index only.
 */
import { purgeDecision, stubKeptFrom } from '../../domain/retention/retention';
import { deviceSettingsSchema } from '../../domain/settings/device-settings';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { TriageDatabase } from '../db';
import type { StorageContext } from './context';
import { dayBounds, readDays } from './day-index';
import type { DayEntry } from './day-index';
import { toStorageFailure } from './failures';
import { requirePermission } from './permission-gate';
import type { StorageFailure } from './types';
import type { Unlocked } from './vault';

export interface RetentionDue {
  /** Finished attendances past the retention period that the rule lets go. */
  attendances: number;
  /** Stubs kept longer than the months set. */
  stubs: number;
  retentionDays: number;
  stubMonths: number;
}

/** The tablet's settings as stored, their defaults filled in. */
export async function settingsOf(db: TriageDatabase): Promise<DeviceSettings> {
  return deviceSettingsSchema.parse((await db.device.get('device'))?.settings ?? {});
}

/**
 * The conflict addenda held (issue 14): which attendances have one to reconcile, and a mark of
 * each attendance's rows for the purge's transaction. The sync module that opens them is loaded
 * only when this tablet holds one (a tablet that does not share never does).
 */
async function conflictsHeld(db: TriageDatabase, unlocked: Unlocked): Promise<{ toReconcile: ReadonlySet<string>; marks: ReadonlyMap<string, string> }> {
  if ((await db.departmentRows.where('kind').equals('draft').count()) === 0) return { toReconcile: new Set(), marks: new Map() };
  return (await import('../sync/conflict')).conflictsBeforePurge(db, unlocked);
}

/** The attendances the rule lets go now, from the day index: every day up to the retention cut-off; with the conflict addenda's marks as read for the decision. */
export async function candidates(ctx: StorageContext, unlocked: Unlocked, settings: DeviceSettings, now: string): Promise<{ due: DayEntry[]; conflictMarks: ReadonlyMap<string, string> }> {
  const { db } = ctx;
  const first = await db.attendances.orderBy('arrivedDay').first();
  // Signed at least the retention days ago means it arrived before then too.
  const cutoff = new Date(Date.parse(now) - settings.retentionDays * 86_400_000).toISOString();
  // The clear index holds London days (issue 11): from the start of the first one.
  const from = first ? dayBounds(first.arrivedDay).start : undefined;
  if (from === undefined || !(from < cutoff)) return { due: [], conflictMarks: new Map() };
  const conflicts = await conflictsHeld(db, unlocked);
  const entries = await readDays(ctx, unlocked, { fromInstant: from, toInstant: cutoff });
  const due = entries.filter(
    (entry) => purgeDecision({ summary: entry.summary, issued: entry.letters, reviewed: entry.reviews.length > 0, conflictToReconcile: conflicts.toReconcile.has(entry.id) }, now, settings.retentionDays).purge,
  );
  return { due, conflictMarks: conflicts.marks };
}

export const expiredStubIds = (db: TriageDatabase, settings: DeviceSettings, now: string): Promise<string[]> =>
  db.retainedStubs.where('arrivedOn').below(stubKeptFrom(now, settings.retainedStubMonths)).primaryKeys();

/** How many are due, for the reminder. */
export async function retentionDue(ctx: StorageContext): Promise<Result<RetentionDue, StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'purge-records');
  if (!allowed.ok) return allowed;
  try {
    const settings = await settingsOf(ctx.db);
    const now = ctx.now();
    const [{ due }, stubs] = [await candidates(ctx, allowed.value, settings, now), await expiredStubIds(ctx.db, settings, now)];
    return ok({ attendances: due.length, stubs: stubs.length, retentionDays: settings.retentionDays, stubMonths: settings.retainedStubMonths });
  } catch (error) {
    return err(toStorageFailure(error));
  }
}
