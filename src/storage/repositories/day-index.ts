/**
 * The sealed per-day index (issue 12 clarification: "keep the list and audit within budget
 * with sealed per-day indexes or sealed summaries that carry the indicator inputs — never by
 * opening every full record"). Owns the index rows' sealed content, how writers change them
 * and how the liaison list and the compliance audit read them.
 *
 * One row per London arrival day (db.ts AttendanceDayRow). Sealed inside, one entry per
 * attendance that arrived that day: its list summary (the same derivation as the attendance
 * row's), the record revision the summary was sealed at, the letters issued (kind, child,
 * first issue time, highest version) and the liaison reviews. A week of the liaison list
 * opens about 7 sealed rows, a 30-day audit about 30, instead of one summary per attendance
 * and a letter query each.
 *
 * Writers (attendance-writes, letter-writes, liaison-repository, the purge) change the index
 * in the same IndexedDB transaction as the row they write (`writeWithDays`): the new day rows
 * are sealed before the transaction opens (never await WebCrypto inside one), under one
 * cross-tab lock, and the transaction checks each day row's write counter is still the one
 * read; if another writer got there first it aborts, nothing is written, and it is prepared
 * again. A day row that does not open is started again from empty and the build after
 * unlock is told to go over every day again (day-index-build.ts).
 *
 * Readers (`readDays`) take the clear arrival index as the truth of which attendances exist
 * in the window: an index entry whose attendance is gone is dropped, and an attendance the
 * index does not hold yet (a database from before version 4 until the build reaches it, a
 * damaged day row) is read the old way from its own sealed summary, its letters and its
 * review row. So the index can be late, never wrong about who is on the list.
 *
 * The attendance editor's autosave (attendance-writes.ts) leaves the entry alone while the
 * assessment is in progress and its summary is what the entry already holds: then the entry's
 * revision is older than the row's, and nothing else in it differs. Signing, an addendum, a
 * letter issue and any change to the summary write it.
 *
 * Rollback (issue 11): every entry carries its record's revision; the readers report an
 * entry older than the audit trail records (revisions.ts), exactly as for summaries. The
 * trail records revisions only at sign, addendum and letter issue, each of which writes the
 * entry, so an autosave that left it alone is never reported. The
 * day row's AAD names the device and the day, so a row cannot be moved to another day.
 */
import * as z from 'zod/mini';
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import { liaisonReviewSchema } from '../../domain/liaison/liaison-review';
import type { LiaisonReview } from '../../domain/liaison/liaison-review';
import { addDays, fromLondon, toLondon } from '../../domain/shared/dates';
import type { IsoDate, IsoInstant } from '../../domain/shared/dates';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { AttendanceDayRow, AttendanceRow, LetterRow, TriageDatabase } from '../db';
import { dayIndexAad, openRowPart } from './attendance-crypto';
import type { StorageContext } from './context';
import { letterIdentityOf } from './letter-rows';
import { openReview } from './liaison-review-crypto';
import { withLock } from './locks';
import type { Unlocked } from './vault';

/** Held by every writer of day rows, across tabs (taken inside the worklist lock, never around it). */
export const DAY_INDEX_LOCK = 'safeguarding-triage:day-index';

/** One issued letter identity (attendance + kind + child) of an entry. */
export const dayLetterSchema = z.object({
  kind: z.string(),
  /** The child a notification is about; '' for the patient's own letters. */
  childId: z.catch(z.string(), ''),
  /** When its first version was issued (the audit's "GP letter within 24 hours"). */
  firstIssuedAt: z.string(),
  /** Its highest version. */
  version: z.number(),
});
export type DayLetter = z.infer<typeof dayLetterSchema>;

/** One attendance as the index holds it. */
export const dayEntrySchema = z.object({
  id: z.string(),
  /** The record revision its summary was sealed at: the readers' rollback check. */
  rev: z.number(),
  summary: attendanceSummarySchema,
  letters: z.catch(z.array(dayLetterSchema), []),
  /** Every liaison review recorded, oldest first. */
  reviews: z.catch(z.array(liaisonReviewSchema), []),
});
export type DayEntry = z.infer<typeof dayEntrySchema>;

/** The sealed content of a day row: entries stay unknown until a reader parses them (a writer only moves them). */
const dayContentSchema = z.object({ day: z.string(), entries: z.array(z.unknown()) });

/** The London day an arrival instant falls on (the day row it is indexed under). */
export function arrivalDay(arrivedAt: IsoInstant): IsoDate {
  return Number.isNaN(Date.parse(arrivedAt)) ? arrivedAt.slice(0, 10) : toLondon(arrivedAt).date;
}

/** Every London day that an arrival in [from, to) can fall on. */
export function daysOfWindow(fromInstant: IsoInstant, toInstant: IsoInstant): IsoDate[] {
  if (!(fromInstant < toInstant) || Number.isNaN(Date.parse(fromInstant)) || Number.isNaN(Date.parse(toInstant))) return [];
  const first = arrivalDay(fromInstant);
  const last = arrivalDay(new Date(Date.parse(toInstant) - 1).toISOString());
  const days: IsoDate[] = [];
  for (let day = first; day <= last && days.length < 4000; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The instants bounding London day `day`: [start, end). */
export const dayBounds = (day: IsoDate): { start: IsoInstant; end: IsoInstant } => ({ start: fromLondon(day, '00:00'), end: fromLondon(addDays(day, 1), '00:00') });

/**
 * The ids of the attendances that arrived on the London days [from, to) touches: the clear
 * arrival index (the day only since issue 11), keys only. Whole days: the readers keep the
 * entries whose sealed arrival instant is inside the window. The one place that asks it, so a
 * change to how the arrival is kept in clear changes here.
 */
export function attendanceIdsArriving(db: TriageDatabase, fromInstant: IsoInstant, toInstant: IsoInstant): Promise<string[]> {
  // The first and last day directly (daysOfWindow stops at about ten years: a look over every day ever is allowed here).
  if (!(fromInstant < toInstant) || Number.isNaN(Date.parse(fromInstant)) || Number.isNaN(Date.parse(toInstant))) return Promise.resolve([]);
  const first = arrivalDay(fromInstant);
  const last = arrivalDay(new Date(Date.parse(toInstant) - 1).toISOString());
  return db.attendances.where('arrivedDay').between(first, last, true, true).primaryKeys();
}

/** Where a day row is sealed: the London day, its write counter as the revision. */
const dayAddress = (day: string, seq: number): RowAddress => ({ table: 'attendanceDays', id: day, field: 'payload', rev: seq });

/**
 * Whether a sealed arrival instant is inside [from, to). An unknown one ('' in a summary from
 * before the field, until the rebuild after unlock) is kept: its day is in the window, and the
 * liaison list must never hide an attendance (hazard H13).
 */
export const arrivedInWindow = (arrivedAt: string, window: { fromInstant: IsoInstant; toInstant: IsoInstant }): boolean =>
  arrivedAt === '' || (arrivedAt >= window.fromInstant && arrivedAt < window.toInstant);

/**
 * A day row sealed again as it is, at its write counter, under the keys' epoch (the re-seal
 * job while a re-key is pending: reseal.ts). Undefined when it does not open.
 */
export async function resealDayRow(unlocked: Unlocked, row: AttendanceDayRow): Promise<AttendanceDayRow | undefined> {
  const opened = await openRow(unlocked, row.payload, dayAddress(row.day, row.seq), [dayIndexAad(unlocked.deviceId, row.day)]);
  if (!opened) return undefined;
  return { day: row.day, seq: row.seq, payload: await sealRow(unlocked, opened.value, dayAddress(row.day, row.seq)) };
}

/** Opens a day row: its entries as sealed (unparsed), or undefined when it does not open. */
async function openDay(unlocked: Unlocked, row: AttendanceDayRow): Promise<unknown[] | undefined> {
  // The one sealed-row format (crypto/sealed-row), its write counter bound in; rows sealed before it open with the older additional data.
  const opened = await openRow(unlocked, row.payload, dayAddress(row.day, row.seq), [dayIndexAad(unlocked.deviceId, row.day)]);
  if (!opened) return undefined;
  const parsed = dayContentSchema.safeParse(opened.value);
  return parsed.success && parsed.data.day === row.day ? parsed.data.entries : undefined;
}

const entryId = (entry: unknown): string | undefined => {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { id } = entry as { id?: unknown };
  return typeof id === 'string' ? id : undefined;
};

/** One entry per letter (kind and child): its first issue and its newest version. */
function mergeLetters(items: readonly { kind: DayLetter['kind']; childId: string; issuedAt: string; version: number }[]): DayLetter[] {
  const byIdentity = new Map<string, DayLetter>();
  for (const item of items) {
    const key = `${item.kind}|${item.childId}`;
    const known = byIdentity.get(key);
    byIdentity.set(key, {
      kind: item.kind,
      childId: item.childId,
      firstIssuedAt: known === undefined || item.issuedAt < known.firstIssuedAt ? item.issuedAt : known.firstIssuedAt,
      version: Math.max(known?.version ?? 0, item.version),
    });
  }
  return [...byIdentity.values()];
}

/**
 * The letters issued for an attendance, from its letter rows: the kind and child are sealed in
 * each row since issue 11 (letter-rows.ts letterIdentityOf opens one small box, never the
 * letter). A row that does not open is left out, as a letter not issued would be.
 */
export async function lettersFromRows(unlocked: Unlocked, rows: readonly LetterRow[]): Promise<DayLetter[]> {
  const identities = await Promise.all(rows.map((row) => letterIdentityOf(unlocked, row)));
  return mergeLetters(
    rows.flatMap((row, index) => {
      const identity = identities[index];
      return identity ? [{ kind: identity.kind, childId: identity.childId ?? '', issuedAt: row.issuedAt, version: row.version }] : [];
    }),
  );
}

/** Every letter row of one attendance: one small key range of the attendanceId index. */
export const letterRowsOf = (db: TriageDatabase, attendanceId: string): Promise<LetterRow[]> => db.letters.where('attendanceId').equals(attendanceId).toArray();

/**
 * The letters and reviews of attendances the index does not hold, from their own tables.
 * One read transaction with each attendance's query asked at once.
 */
export async function entryPartsFromTables(db: TriageDatabase, unlocked: Unlocked, ids: readonly string[]): Promise<Map<string, { letters: DayLetter[]; reviews: LiaisonReview[] }>> {
  const parts = new Map<string, { letters: DayLetter[]; reviews: LiaisonReview[] }>();
  if (ids.length === 0) return parts;
  const [letterRows, reviewRows] = await db.transaction('r', db.letters, db.liaisonReviews, () =>
    Promise.all([Promise.all(ids.map((id) => letterRowsOf(db, id))), db.liaisonReviews.bulkGet([...ids])]),
  );
  const [reviews, letters] = await Promise.all([
    Promise.all(reviewRows.map((row) => (row ? openReview(unlocked, row) : Promise.resolve(undefined)))),
    Promise.all(letterRows.map((rows) => lettersFromRows(unlocked, rows))),
  ]);
  ids.forEach((id, index) => {
    parts.set(id, { letters: letters[index] ?? [], reviews: reviews[index]?.reviews ?? [] });
  });
  return parts;
}

/** Index entries built from attendance rows and their tables (the readers' fallback and the build). */
export async function entriesFromRows(db: TriageDatabase, unlocked: Unlocked, rows: readonly AttendanceRow[]): Promise<DayEntry[]> {
  const opened = await Promise.all(
    rows.map(async (row) => {
      const part = await openRowPart(unlocked, row, 'summary');
      if (!part) return undefined;
      const summary = attendanceSummarySchema.safeParse(part.value);
      return summary.success && summary.data.id === row.id ? { id: row.id, rev: part.rev, summary: summary.data } : undefined;
    }),
  );
  const readable = opened.filter((entry) => entry !== undefined);
  const parts = await entryPartsFromTables(
    db,
    unlocked,
    readable.map((entry) => entry.id),
  );
  return readable.map((entry) => ({ ...entry, letters: parts.get(entry.id)?.letters ?? [], reviews: parts.get(entry.id)?.reviews ?? [] }));
}

/** The sealed row for `day` holding `entries`, numbered after `seq`. */
export async function sealDay(unlocked: Unlocked, day: IsoDate, entries: readonly unknown[], seq: number): Promise<AttendanceDayRow> {
  return { day, seq, payload: await sealRow(unlocked, { day, entries }, dayAddress(day, seq)) };
}

// ---------------------------------------------------------------------------------------
// Writing

/** What a writer changes in the index. */
export type DayEdit =
  /** The attendance writer: the entry's summary and revision, moved from `from` to `to` when the arrival day changed. */
  | { type: 'summary'; id: string; from: IsoDate | undefined; to: IsoDate; rev: number; summary: AttendanceSummary }
  /** A letter version issued. */
  | { type: 'letter'; id: string; day: IsoDate; letter: DayLetter }
  /** The liaison reviews as now recorded. */
  | { type: 'reviews'; id: string; day: IsoDate; reviews: LiaisonReview[] }
  /** The attendance is gone (the retention purge). */
  | { type: 'remove'; id: string; day: IsoDate };

/** Thrown inside a writer's transaction when a day row changed after it was read: the transaction aborts and is prepared again. */
export class DayIndexConflict extends Error {
  constructor() {
    super('The per-day index changed while this write was prepared.');
    this.name = 'DayIndexConflict';
  }
}

interface PreparedDays {
  /** Each day touched: the counter read (0 when no row) and the row to write (undefined deletes it). */
  days: { day: IsoDate; read: number; next: AttendanceDayRow | undefined }[];
}

/** The build marker's key (day-index-build.ts): a writer that finds a damaged day row asks for a new build. */
export const DAY_INDEX_BUILD_KEY = 'day-index:build';

async function prepareDays(db: TriageDatabase, unlocked: Unlocked, edits: readonly DayEdit[]): Promise<PreparedDays & { damaged: boolean }> {
  const dayNames = [...new Set(edits.flatMap((edit) => (edit.type === 'summary' ? [edit.from, edit.to] : [edit.day])).filter((day): day is IsoDate => day !== undefined))];
  const rows = await db.attendanceDays.bulkGet(dayNames);
  let damaged = false;
  const entries = new Map<IsoDate, Map<string, unknown>>();
  await Promise.all(
    dayNames.map(async (day, index) => {
      const row = rows[index];
      const opened = row ? await openDay(unlocked, row) : [];
      if (!opened) damaged = true;
      const byId = new Map<string, unknown>();
      for (const entry of opened ?? []) {
        const id = entryId(entry);
        if (id !== undefined) byId.set(id, entry);
      }
      entries.set(day, byId);
    }),
  );
  const known = (day: IsoDate, id: string): DayEntry | undefined => {
    const raw = entries.get(day)?.get(id);
    if (raw === undefined) return undefined;
    const parsed = dayEntrySchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  for (const edit of edits) {
    if (edit.type === 'summary') {
      const before = (edit.from !== undefined ? known(edit.from, edit.id) : undefined) ?? known(edit.to, edit.id);
      if (edit.from !== undefined) entries.get(edit.from)?.delete(edit.id);
      // Not indexed yet (a record from before the index): its letters and reviews come from their tables.
      const parts = before ?? (await entryPartsFromTables(db, unlocked, [edit.id])).get(edit.id);
      const entry: DayEntry = { id: edit.id, rev: edit.rev, summary: edit.summary, letters: parts?.letters ?? [], reviews: parts?.reviews ?? [] };
      entries.get(edit.to)?.set(edit.id, entry);
    } else if (edit.type === 'remove') {
      entries.get(edit.day)?.delete(edit.id);
    } else {
      // An attendance the index does not hold yet keeps being read from its tables (which hold the change).
      const entry = known(edit.day, edit.id);
      if (!entry) continue;
      if (edit.type === 'reviews') {
        entries.get(edit.day)?.set(edit.id, { ...entry, reviews: edit.reviews });
      } else {
        const letters = mergeLetters([
          ...entry.letters.map((letter) => ({ ...letter, issuedAt: letter.firstIssuedAt })),
          { kind: edit.letter.kind, childId: edit.letter.childId, issuedAt: edit.letter.firstIssuedAt, version: edit.letter.version },
        ]);
        entries.get(edit.day)?.set(edit.id, { ...entry, letters });
      }
    }
  }
  const days = await Promise.all(
    dayNames.map(async (day, index) => {
      const read = rows[index]?.seq ?? 0;
      const list = [...(entries.get(day)?.values() ?? [])];
      // An empty day leaves no row behind (nothing of a purged attendance stays in the index).
      return { day, read, next: list.length === 0 ? undefined : await sealDay(unlocked, day, list, read + 1) };
    }),
  );
  return { days, damaged };
}

/** Inside the writer's transaction: checks no day row changed since it was read, then writes them. */
async function commitDays(db: TriageDatabase, prepared: PreparedDays): Promise<void> {
  const current = await db.attendanceDays.bulkGet(prepared.days.map((each) => each.day));
  if (prepared.days.some((each, index) => (current[index]?.seq ?? 0) !== each.read)) throw new DayIndexConflict();
  for (const each of prepared.days) {
    if (each.next) await db.attendanceDays.put(each.next);
    else await db.attendanceDays.delete(each.day);
  }
}

/**
 * Runs a writer's transaction with the day rows its edits change. `write` opens the
 * transaction (including `db.attendanceDays`) and calls `commit()` inside it. Serialised
 * across tabs by DAY_INDEX_LOCK; a conflict (a writer that did not take the lock, such as the
 * build) prepares again, a few times.
 */
export async function writeWithDays<T>(ctx: Pick<StorageContext, 'db'>, unlocked: Unlocked, edits: () => Promise<readonly DayEdit[]> | readonly DayEdit[], write: (commit: () => Promise<void>) => Promise<T>): Promise<T> {
  const { db } = ctx;
  return withLock(DAY_INDEX_LOCK, async () => {
    for (let attempt = 0; ; attempt += 1) {
      const prepared = await prepareDays(db, unlocked, await edits());
      try {
        const result = await write(() => commitDays(db, prepared));
        if (prepared.damaged) await db.meta.delete(DAY_INDEX_BUILD_KEY);
        return result;
      } catch (error) {
        if (error instanceof DayIndexConflict && attempt < 4) continue;
        throw error;
      }
    }
  });
}

// ---------------------------------------------------------------------------------------
// Reading

/**
 * Every attendance that arrived in [from, to), as the index holds it: summary, revision,
 * letters, reviews; newest arrival first. `check` gets every entry's revision at once (rollback: revisions.ts).
 */
export async function readDays(ctx: Pick<StorageContext, 'db'>, unlocked: Unlocked, window: { fromInstant: IsoInstant; toInstant: IsoInstant }, check?: (reads: { id: string; rev: number }[]) => void): Promise<DayEntry[]> {
  const { db } = ctx;
  const days = daysOfWindow(window.fromInstant, window.toInstant);
  const [ids, dayRows] = await db.transaction('r', db.attendances, db.attendanceDays, () =>
    Promise.all([attendanceIdsArriving(db, window.fromInstant, window.toInstant), db.attendanceDays.bulkGet(days)]),
  );
  const wanted = new Set(ids);
  const opened = await Promise.all(dayRows.map((row) => (row ? openDay(unlocked, row) : Promise.resolve(undefined))));
  const found = new Map<string, DayEntry>();
  for (const entries of opened) {
    for (const raw of entries ?? []) {
      const id = entryId(raw);
      // The arrival index says who exists in the window: an entry of an attendance gone or moved is not read.
      if (id === undefined || !wanted.has(id) || found.has(id)) continue;
      const parsed = dayEntrySchema.safeParse(raw);
      if (parsed.success) found.set(id, parsed.data);
    }
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const rows = (await db.attendances.bulkGet(missing)).filter((row): row is AttendanceRow => row !== undefined);
    for (const entry of await entriesFromRows(db, unlocked, rows)) found.set(entry.id, entry);
  }
  // The clear index holds days: keep the arrivals inside the window by their sealed instant.
  const entries = [...found.values()].filter((entry) => arrivedInWindow(entry.summary.arrivedAt, window));
  check?.(entries.map((entry) => ({ id: entry.id, rev: entry.rev })));
  return entries.sort((a, b) => (a.summary.arrivedAt < b.summary.arrivedAt ? 1 : a.summary.arrivedAt > b.summary.arrivedAt ? -1 : 0));
}
