/**
 * What every attendance read and write shares: the AAD that binds a sealed blob to this
 * device, record and field; blind-index caching; and opening list summaries. Kept small:
 * it loads with the home screen.
 */
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import { blindIndex } from '../crypto/blind-index';
import type { DeviceKeys } from '../crypto/keys';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress, SealedRow } from '../crypto/sealed-row';
import type { AttendanceRow, TriageDatabase } from '../db';
import type { Unlocked } from './vault';

/** Format 0 (before issue 11): device, record and field. Read only. */
export const aad = (deviceId: string, id: string, part: 'payload' | 'summary'): string => `${deviceId}:attendance:${id}:${part}`;

/** Format 1 (issue 11, before the one sealed-row format): the revision bound in. Read only. */
export const revisionAad = (deviceId: string, id: string, part: 'payload' | 'summary', rev: number): string => `${aad(deviceId, id, part)}:rev:${String(rev)}`;

/** The additional data of a sealed per-day index row (day-index.ts): bound to this device and that London day. */
export const dayIndexAad = (deviceId: string, day: string): string => `${deviceId}:attendance-day:${day}`;

/** The additional data of a purged attendance's sealed stub (retention-purge.ts): bound to this device and that attendance id. */
export const retainedStubAad = (deviceId: string, id: string): string => `${deviceId}:retained-stub:${id}`;

/** Where an attendance's payload or summary is sealed (crypto/sealed-row): the revision is bound in, so the revision a reader gets is the one that was sealed (revisions.ts), not the clear `rev`. */
export const attendanceAddress = (id: string, part: 'payload' | 'summary', rev: number): RowAddress => ({ table: 'attendances', id, field: part, rev });

/** Seals an attendance's payload or summary in the current row format at revision `rev`. */
export const sealAttendancePart = (unlocked: Unlocked, value: unknown, id: string, part: 'payload' | 'summary', rev: number): Promise<SealedRow> =>
  sealRow(unlocked, value, attendanceAddress(id, part, rev));

/**
 * Opens a row's payload or summary. `rev` is the revision sealed with it, or, for a row
 * sealed before revisions were bound (no revision in its additional data), its clear `rev`
 * with `bound` false. `current` is false for a box in an older format (the re-seal job
 * brings it forward). Undefined when it does not open any way.
 */
export async function openRowPart(
  unlocked: Unlocked,
  row: Pick<AttendanceRow, 'id' | 'rev'> & Partial<Pick<AttendanceRow, 'payload' | 'summary'>>,
  part: 'payload' | 'summary',
): Promise<{ value: unknown; rev: number; bound: boolean; current: boolean } | undefined> {
  const sealed = part === 'payload' ? row.payload : row.summary;
  if (!sealed) return undefined;
  const opened = await openRow(unlocked, sealed, attendanceAddress(row.id, part, row.rev), [revisionAad(unlocked.deviceId, row.id, part, row.rev), aad(unlocked.deviceId, row.id, part)]);
  if (!opened) return undefined;
  return { value: opened.value, rev: row.rev, bound: opened.legacyIndex < 1, current: opened.current };
}

/** Called with each row's revision as read; reports a rollback (revisions.ts). */
export type RevisionCheck = (id: string, rev: number) => Promise<void>;


/** Blind indexes already worked out, per index key: a re-key changes the key, so nothing cached under the old one is reused. */
export class IndexCache {
  private readonly cache = new WeakMap<CryptoKey, Map<string, string>>();
  async get(keys: DeviceKeys, purpose: 'nhs-number' | 'name-dob', value: string | undefined): Promise<string> {
    if (!value) return '';
    const key = `${purpose}:${value}`;
    let known = this.cache.get(keys.indexKey);
    if (!known) {
      known = new Map();
      this.cache.set(keys.indexKey, known);
    }
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const index = await blindIndex(keys.indexKey, purpose, value);
    known.set(key, index);
    return index;
  }
}

/** What opening a summary needs: the attendance id and revision (in the AAD) and the sealed summary (an attendance row or its summary copy). */
type SummarySource = Pick<AttendanceRow, 'id' | 'rev' | 'summary'>;

async function openSummary(unlocked: Unlocked, row: SummarySource, check: RevisionCheck | undefined): Promise<AttendanceSummary | undefined> {
  const opened = await openRowPart(unlocked, row, 'summary');
  if (!opened) return undefined;
  const parsed = attendanceSummarySchema.safeParse(opened.value);
  if (!parsed.success) return undefined;
  // A rolled-back summary is still listed (hiding a patient would be worse) and reported.
  await check?.(row.id, opened.rev);
  return parsed.data;
}

export async function openSummaries(unlocked: Unlocked | undefined, rows: readonly SummarySource[], check?: RevisionCheck): Promise<AttendanceSummary[]> {
  if (!unlocked) return [];
  const summaries = await Promise.all(rows.map((row) => openSummary(unlocked, row, check)));
  return summaries.filter((summary): summary is AttendanceSummary => summary !== undefined).sort((a, b) => (a.arrivedAt < b.arrivedAt ? 1 : -1));
}

/** The sealed worklist: ids of attendances with a referral still to make (PRODUCT.md 4.9). */
export const WORKLIST_KEY = 'worklist:referrals';
/** The worklist's additional data before the one sealed-row format. Read only. */
export const worklistAad = (deviceId: string): string => `${deviceId}:meta:${WORKLIST_KEY}`;
/** Where the worklist is sealed: its revision is inside the value, so the row revision is 0. */
export const WORKLIST_ADDRESS: RowAddress = { table: 'meta', id: WORKLIST_KEY, field: 'value', rev: 0 };
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
  return (await readWorklistState(db, unlocked))?.ids;
}

/** The worklist's ids and its revision (sealed with it; 0 for a worklist sealed before it had one). */
export async function readWorklistState(db: Pick<TriageDatabase, 'meta'>, unlocked: Unlocked): Promise<{ ids: string[]; rev: number } | undefined> {
  const row = await db.meta.get(WORKLIST_KEY);
  if (!row) return undefined;
  const opened = await openRow(unlocked, row.value, WORKLIST_ADDRESS, [worklistAad(unlocked.deviceId)]);
  if (!opened) return undefined;
  const value: unknown = opened.value;
  const onlyIds = (list: unknown[]) => list.filter((id): id is string => typeof id === 'string');
  if (Array.isArray(value)) return { ids: onlyIds(value), rev: 0 };
  if (typeof value !== 'object' || value === null) return undefined;
  const { ids, rev } = value as { ids?: unknown; rev?: unknown };
  if (!Array.isArray(ids) || typeof rev !== 'number' || !Number.isSafeInteger(rev) || rev < 0) return undefined;
  return { ids: onlyIds(ids), rev };
}

/** The worklist worked out from every attendance's sealed summary: slow, used only to rebuild it. */
export async function worklistFromSummaries(db: Pick<TriageDatabase, 'attendances'>, unlocked: Unlocked): Promise<string[]> {
  const summaries = await openSummaries(unlocked, await db.attendances.toArray());
  return summaries.filter((summary) => summary.pendingReferral !== null).map((summary) => summary.id);
}

/** The sealed worklist row at revision `rev` (one more than the revision it replaces). */
export const sealWorklist = async (unlocked: Unlocked, ids: Iterable<string>, rev: number): Promise<{ key: string; value: unknown }> => ({
  key: WORKLIST_KEY,
  value: await sealRow(unlocked, { ids: [...new Set(ids)], rev }, WORKLIST_ADDRESS),
});
