/**
 * Liaison reviews travelling between the department's tablets (issue 14: "the liaison review
 * list … run over the department's records once shared"; CQC recommendations 1.5 and 3.5).
 * Design docs/design/department-sync.md, "Where the built purge, review and letters-due travel
 * differs". Owns the review's row at the server, pushing this tablet's reviews, opening
 * other tablets' reviews, and the sealed rows they are kept in.
 *
 * - Each tablet's reviews of one attendance are ITS OWN row (kind `liaison-review`), so two
 *   tablets never conflict. Its id is a keyed hash of the attendance and the reviewing tablet
 *   (crypto/blind-index.ts, 'liaison-review-row'): the server cannot tell which attendances
 *   were reviewed (that would say which were children's), and a purging tablet can name every
 *   tablet's review row of its attendance in the tombstone's list.
 * - What travels is sealed under the department key for transport (crypto/transport.ts): the
 *   attendance id, its London arrival day, and every review this tablet recorded of it. Only
 *   while unlocked (sealing needs the key). A review row is pushed when recorded (a meta
 *   marker `review-push:<id>`, review-marks.ts, set by the liaison repository) and once for every review held
 *   when the tablet first shares; again only when it changed (its fingerprint on `syncPushed`).
 * - A pulled review is applied only when it opens as the tablet the server says pushed it and
 *   its row id is that tablet's id for the attendance it names; else it is reported and
 *   audited ('tamper-detected'). Applied reviews are kept in one sealed meta row per arrival
 *   day (`department-reviews:<day>`), so the liaison list and the compliance audit open about
 *   one more sealed row per day of their window. Written under a cross-tab lock of its own.
 */
import { liaisonReviewSchema } from '../../domain/liaison/liaison-review';
import type { LiaisonReview } from '../../domain/liaison/liaison-review';
import type { IsoInstant } from '../../domain/shared/dates';
import { blindIndex } from '../crypto/blind-index';
import { withEarlierKeys } from '../crypto/key-ring';
import type { DeviceKeys } from '../crypto/keys';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { DepartmentRow, TriageDatabase } from '../db';
import type { AuditLog } from '../repositories/audit-log';
import { arrivalDay, daysOfWindow } from '../repositories/day-index';
import { openReview } from '../repositories/liaison-review-crypto';
import { withLock } from '../repositories/locks';
import type { Unlocked } from '../repositories/vault';
import type { PushRow } from './engine-state';
import { rowKey } from './engine-wire';
import { openPulledSummary } from './pull-open';
import { REVIEW_PUSH_PREFIX } from './review-marks';
import { acksOf, fingerprintOf, needsPush, openFromWire, reportRefused, sealToWire } from './travel';

/** meta: present once every review held when the tablet first shared has been marked to push. */
export const REVIEWS_MARKED_KEY = 'travel-review:marked';
/** meta: one sealed row per London arrival day of the reviews pulled from other tablets. */
export const DEPARTMENT_REVIEWS_PREFIX = 'department-reviews:';
const LOCK = 'safeguarding-triage:department-reviews';

/** One tablet's reviews of one attendance, as kept here. */
interface PulledReviews {
  attendanceId: string;
  tablet: string;
  revision: number;
  reviews: LiaisonReview[];
}

/** What a review row carries, sealed for transport. */
interface TravellingReviews {
  attendanceId: string;
  arrivedOn: string;
  reviews: LiaisonReview[];
}

const dayKey = (day: string): string => `${DEPARTMENT_REVIEWS_PREFIX}${day}`;
const address = (key: string): RowAddress => ({ table: 'meta', id: key, field: 'value', rev: 0 });

/** The id at the server of one tablet's review row of one attendance. */
export const reviewRowId = (keys: Pick<DeviceKeys, 'indexKey'>, attendanceId: string, tabletId: string): Promise<string> => blindIndex(keys.indexKey, 'liaison-review-row', `${attendanceId}\u0000${tabletId}`);

function parseReviews(value: unknown): LiaisonReview[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parsed = value.map((each) => liaisonReviewSchema.safeParse(each));
  return parsed.every((each) => each.success) ? parsed.map((each) => each.data) : undefined;
}

/** The London day an attendance arrived on, from this tablet's row or the department's summary held; undefined when neither is here. */
async function arrivedOnOf(db: TriageDatabase, unlocked: Unlocked, attendanceId: string): Promise<string | undefined> {
  const own = await db.attendances.get(attendanceId);
  if (own) return own.arrivedDay;
  const shared = await db.departmentRows.get(rowKey('summary', attendanceId));
  const summary = shared && shared.sealed !== '' ? await openPulledSummary(unlocked, shared) : undefined;
  return summary && summary.arrivedAt !== '' ? arrivalDay(summary.arrivedAt) : undefined;
}

/**
 * This tablet's review rows to push (at most `room`), each sealed for transport, with the
 * fingerprints to keep once accepted. Markers whose row has nothing new are cleared.
 */
export async function reviewsToPush(db: TriageDatabase, unlocked: Unlocked, room: number): Promise<{ rows: PushRow[]; fingerprints: Record<string, string> }> {
  if ((await db.meta.get(REVIEWS_MARKED_KEY)) === undefined) {
    const held = await db.liaisonReviews.toCollection().primaryKeys();
    await db.meta.bulkPut([...held.map((id) => ({ key: `${REVIEW_PUSH_PREFIX}${id}`, value: 1 })), { key: REVIEWS_MARKED_KEY, value: 1 }]);
  }
  const markers = await db.meta.where('key').startsWith(REVIEW_PUSH_PREFIX).primaryKeys();
  const rows: PushRow[] = [];
  const fingerprints: Record<string, string> = {};
  const done: string[] = [];
  for (const marker of markers) {
    if (rows.length >= room) break;
    const attendanceId = marker.slice(REVIEW_PUSH_PREFIX.length);
    const row = await db.liaisonReviews.get(attendanceId);
    const record = row ? await openReview(unlocked, row) : undefined;
    const arrivedOn = record ? await arrivedOnOf(db, unlocked, attendanceId) : undefined;
    if (!record || arrivedOn === undefined) {
      done.push(marker);
      continue;
    }
    const rowId = await reviewRowId(unlocked.keys, attendanceId, unlocked.deviceId);
    const key = rowKey('liaison-review', rowId);
    const value: TravellingReviews = { attendanceId, arrivedOn, reviews: record.reviews };
    const fingerprint = await fingerprintOf(value);
    const ack = (await acksOf(db, [key])).get(key);
    if (!needsPush(ack, fingerprint)) {
      // Pushed as it is (or refused at this revision: kept in the report, tried after the next change).
      if (ack?.fingerprint === fingerprint) done.push(marker);
      continue;
    }
    const revision = (ack?.acknowledged ?? 0) + 1;
    rows.push({ kind: 'liaison-review', rowId, revision, baseRevision: ack && ack.acknowledged > 0 ? ack.acknowledged : null, sealed: await sealToWire(unlocked.secret, value, { kind: 'liaison-review', author: unlocked.deviceId, rowId, revision }) });
    fingerprints[key] = fingerprint;
  }
  if (done.length > 0) await db.meta.bulkDelete(done);
  return { rows, fingerprints };
}

async function openDay(unlocked: Unlocked, key: string, value: unknown): Promise<PulledReviews[] | undefined> {
  const opened = await openRow(unlocked, value, address(key));
  const entries = (opened?.value as { entries?: unknown } | undefined)?.entries;
  if (!opened || !Array.isArray(entries)) return undefined;
  return entries.flatMap((raw): PulledReviews[] => {
    if (typeof raw !== 'object' || raw === null) return [];
    const { attendanceId, tablet, revision, reviews } = raw as Record<string, unknown>;
    const parsed = parseReviews(reviews);
    return typeof attendanceId === 'string' && typeof tablet === 'string' && typeof revision === 'number' && parsed ? [{ attendanceId, tablet, revision, reviews: parsed }] : [];
  });
}

/** Changes one day's sealed row under the lock (a row that does not open is started again: its reviews come back with their next push). */
async function changeDay(db: TriageDatabase, unlocked: Unlocked, day: string, change: (entries: PulledReviews[]) => PulledReviews[]): Promise<void> {
  const key = dayKey(day);
  await withLock(LOCK, async () => {
    const row = await db.meta.get(key);
    const held = (row ? await openDay(unlocked, key, row.value) : []) ?? [];
    const next = change(held);
    if (next.length === 0) await db.meta.delete(key);
    else await db.meta.put({ key, value: await sealRow(unlocked, { day, entries: next }, address(key)) });
  });
}

/** Applies the review rows pulled from other tablets (while unlocked): each checked, then kept under its arrival day. */
export async function applyPulledReviews(db: TriageDatabase, unlocked: Unlocked, audit: Pick<AuditLog, 'append'>): Promise<number> {
  let applied = 0;
  for (const pulled of await db.departmentRows.where('kind').equals('liaison-review').toArray()) {
    if (pulled.sealed === '' || pulled.authorTablet === unlocked.deviceId) continue;
    const value = await openReviewRow(unlocked, pulled);
    if (!value) {
      await reportRefused(db, pulled);
      await audit.append('tamper-detected', pulled.rowId, 'A liaison review from the department server did not pass its check and was not applied');
      continue;
    }
    await changeDay(db, unlocked, value.arrivedOn, (entries) => {
      const same = entries.find((entry) => entry.attendanceId === value.attendanceId && entry.tablet === pulled.authorTablet);
      if (same && same.revision >= pulled.revision) return entries;
      return [...entries.filter((entry) => entry !== same), { attendanceId: value.attendanceId, tablet: pulled.authorTablet, revision: pulled.revision, reviews: value.reviews }];
    });
    await db.departmentRows.delete(pulled.key);
    applied += 1;
  }
  return applied;
}

/** Opens a pulled review row: it must open as its pushing tablet and sit at that tablet's row id for the attendance it names. */
async function openReviewRow(unlocked: Unlocked, pulled: DepartmentRow): Promise<TravellingReviews | undefined> {
  const opened: unknown = await openFromWire(unlocked.secret, pulled);
  if (typeof opened !== 'object' || opened === null) return undefined;
  const value = opened as Partial<TravellingReviews>;
  const reviews = parseReviews(value.reviews);
  if (typeof value.attendanceId !== 'string' || typeof value.arrivedOn !== 'string' || !reviews) return undefined;
  // The row id under this tablet's index key, or an earlier epoch's (a review pushed before a department re-key reached its tablet).
  const ids = await Promise.all(withEarlierKeys([unlocked.keys], unlocked.keys).map((keys) => reviewRowId(keys, value.attendanceId as string, pulled.authorTablet)));
  if (!ids.includes(pulled.rowId)) return undefined;
  return { attendanceId: value.attendanceId, arrivedOn: value.arrivedOn, reviews };
}

/** A purged attendance: the reviews pulled of it go (tombstone.ts). */
export async function forgetPulledReviews(db: TriageDatabase, unlocked: Unlocked, attendanceId: string, arrivedOn: string): Promise<void> {
  if ((await db.meta.get(dayKey(arrivedOn))) === undefined) return;
  await changeDay(db, unlocked, arrivedOn, (entries) => entries.filter((entry) => entry.attendanceId !== attendanceId));
}

/** Reviews other tablets recorded of attendances that arrived on the window's days, per attendance id, oldest first. */
export async function pulledReviews(db: TriageDatabase, unlocked: Unlocked, window: { fromInstant: IsoInstant; toInstant: IsoInstant }): Promise<Map<string, LiaisonReview[]>> {
  const keys = daysOfWindow(window.fromInstant, window.toInstant).map(dayKey);
  const found = new Map<string, LiaisonReview[]>();
  if (keys.length === 0) return found;
  const rows = (await db.meta.bulkGet(keys)).filter((row) => row !== undefined);
  for (const row of rows) {
    for (const entry of (await openDay(unlocked, row.key, row.value)) ?? []) found.set(entry.attendanceId, [...(found.get(entry.attendanceId) ?? []), ...entry.reviews]);
  }
  return found;
}

/** Reviews recorded here and those pulled from other tablets, together, oldest first. */
export const withPulled = (own: readonly LiaisonReview[], pulled: readonly LiaisonReview[] | undefined): LiaisonReview[] =>
  pulled && pulled.length > 0 ? [...own, ...pulled].sort((a, b) => (a.reviewedAt < b.reviewedAt ? -1 : a.reviewedAt > b.reviewedAt ? 1 : 0)) : [...own];
