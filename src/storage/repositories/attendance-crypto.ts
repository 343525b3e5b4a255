/**
 * What every attendance read and write shares: the AAD that binds a sealed blob to this
 * device, record and field; blind-index caching; and opening list summaries. Kept small:
 * it loads with the home screen.
 */
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import { blindIndex } from '../crypto/blind-index';
import { open as openSealed, seal } from '../crypto/codec';
import type { DeviceKeys } from '../crypto/keys';
import type { AttendanceRow, TriageDatabase } from '../db';
import type { Unlocked } from './vault';

export const aad = (deviceId: string, id: string, part: 'payload' | 'summary'): string => `${deviceId}:attendance:${id}:${part}`;


export class IndexCache {
  private readonly cache = new Map<string, string>();
  async get(keys: DeviceKeys, purpose: 'nhs-number' | 'name-dob', value: string | undefined): Promise<string> {
    if (!value) return '';
    const key = `${purpose}:${value}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const index = await blindIndex(keys.indexKey, purpose, value);
    this.cache.set(key, index);
    return index;
  }
}

/** What opening a summary needs: the attendance id (in the AAD) and the sealed summary (an attendance row or its summary copy). */
type SummarySource = Pick<AttendanceRow, 'id' | 'summary'>;

async function openSummary(unlocked: Unlocked, row: SummarySource): Promise<AttendanceSummary | undefined> {
  const opened = await openSealed(unlocked.keys.dataKey, row.summary, aad(unlocked.deviceId, row.id, 'summary'));
  if (!opened.ok) return undefined;
  const parsed = attendanceSummarySchema.safeParse(opened.value);
  return parsed.success ? parsed.data : undefined;
}

export async function openSummaries(unlocked: Unlocked | undefined, rows: readonly SummarySource[]): Promise<AttendanceSummary[]> {
  if (!unlocked) return [];
  const summaries = await Promise.all(rows.map((row) => openSummary(unlocked, row)));
  return summaries.filter((summary): summary is AttendanceSummary => summary !== undefined).sort((a, b) => (a.arrivedAt < b.arrivedAt ? 1 : -1));
}

/** The sealed worklist: ids of attendances with a referral still to make (PRODUCT.md 4.9). */
export const WORKLIST_KEY = 'worklist:referrals';
export const worklistAad = (deviceId: string): string => `${deviceId}:meta:${WORKLIST_KEY}`;
/** Held by every writer of the worklist (read, change, write), across tabs. */
export const WORKLIST_LOCK = 'safeguarding-triage:worklist';

/**
 * Ids on the worklist, or undefined when there is none or it cannot be opened (a database
 * from before the worklist, or a damaged row): callers then rebuild it from the summaries.
 *
 * A small sealed list rather than a clear flag on each row: "this child has a referral to
 * make" is clinical information, and the home screen must not decrypt every attendance
 * on the tablet to find the few that do.
 */
export async function readWorklist(db: Pick<TriageDatabase, 'meta'>, unlocked: Unlocked): Promise<string[] | undefined> {
  const row = await db.meta.get(WORKLIST_KEY);
  if (!row) return undefined;
  const opened = await openSealed(unlocked.keys.dataKey, row.value, worklistAad(unlocked.deviceId));
  if (!opened.ok || !Array.isArray(opened.value)) return undefined;
  return opened.value.filter((id): id is string => typeof id === 'string');
}

/** The worklist worked out from every attendance's sealed summary: slow, used only to rebuild it. */
export async function worklistFromSummaries(db: Pick<TriageDatabase, 'attendances'>, unlocked: Unlocked): Promise<string[]> {
  const summaries = await openSummaries(unlocked, await db.attendances.toArray());
  return summaries.filter((summary) => summary.pendingReferral !== null).map((summary) => summary.id);
}

export const sealWorklist = async (unlocked: Unlocked, ids: Iterable<string>): Promise<{ key: string; value: unknown }> => ({
  key: WORKLIST_KEY,
  value: await seal(unlocked.keys.dataKey, [...new Set(ids)], worklistAad(unlocked.deviceId)),
});
