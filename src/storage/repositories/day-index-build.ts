/**
 * Builds the sealed per-day index (day-index.ts) for databases from before it (version 4),
 * and again whenever the summaries change version (their entries carry the summary), in the
 * background after unlock, after the summary rebuild (summary-rebuild.ts, which it is
 * modelled on).
 *
 * How it behaves:
 * - By day, in arrival order: for each London day that has arrivals, every attendance row of
 *   that day gives its entry from its own sealed summary (never the full record), its letter
 *   rows' clear columns and its sealed review row; the day row is sealed whole.
 * - Resumable: the last day done is written with each day's row, in the same transaction, so
 *   a closed tab, a lock or a crash resumes at the next day. When every day is done the
 *   marker says so for this index and summary version, and later unlocks cost one read.
 * - Never blocks: started without being awaited after unlock; yields to the page between
 *   days; stops at once when the tablet locks and resumes at the next unlock. One tab at a
 *   time (a Web Lock).
 * - Never loses a writer's change: every writer of an attendance, a letter or a review
 *   changes the day row (its write counter) in the same transaction, under DAY_INDEX_LOCK.
 *   The build seals a day without the lock, then under it writes only if the counter is
 *   still the one it read and every attendance it read is still there; otherwise it does the
 *   day again.
 * - An attendance whose summary cannot be opened is left out of its day and counted: the
 *   readers then read it the old way, and opening it shows "damaged" as before.
 *
 * The marker holds only version numbers and a London date: no patient data in clear.
 */
import { SUMMARY_VERSION } from '../../domain/assessment/attendance-summary-schema';
import type { IsoDate } from '../../domain/shared/dates';
import type { StorageContext } from './context';
import { DAY_INDEX_BUILD_KEY, DAY_INDEX_LOCK, entriesFromRows, sealDay } from './day-index';
import { tryHoldLock, withLock } from './locks';

/** What the entries hold: raise by one when an entry's shape changes, and every day is built again. */
export const DAY_INDEX_VERSION = 1;
/** Held by the tab that builds, so two tabs never do the same work. */
export const DAY_INDEX_BUILD_LOCK = 'safeguarding-triage:day-index-build';

interface Progress {
  version: string;
  /** The last London day done, '' before the first. */
  after: IsoDate;
  done: boolean;
}

export interface DayIndexBuildResult {
  /** 'done': every day is indexed; 'stopped': locked or told to stop, resumes later; 'busy': another tab is building. */
  status: 'done' | 'stopped' | 'busy';
  days: number;
  attendances: number;
  /** Attendances whose summary could not be opened (left to the readers' own path). */
  unreadable: number;
}

export interface DayIndexBuildOptions {
  /** Between days: by default a macrotask, so input and rendering go first. */
  pause?: () => Promise<void>;
  /** Asked before each day; true stops the job (it resumes at the next run). */
  shouldStop?: () => boolean;
  /** After a day is sealed, before it is written: where tests write meanwhile, as another tab could. */
  beforeWrite?: () => Promise<void>;
}

const currentVersion = `${String(DAY_INDEX_VERSION)}.${String(SUMMARY_VERSION)}`;
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function readProgress(value: unknown): Progress {
  if (typeof value === 'object' && value !== null) {
    const { version, after, done } = value as Record<string, unknown>;
    if (version === currentVersion && typeof after === 'string' && typeof done === 'boolean') return { version, after, done };
  }
  return { version: currentVersion, after: '', done: false };
}

/** Brings every day's sealed row up to date, resuming where the last run stopped. Call while unlocked. */
export async function buildDayIndex(ctx: StorageContext, options: DayIndexBuildOptions = {}): Promise<DayIndexBuildResult> {
  const pause = options.pause ?? nextTask;
  const result: DayIndexBuildResult = { status: 'done', days: 0, attendances: 0, unreadable: 0 };
  const unlocked = ctx.vault.peek();
  if (!unlocked) return { ...result, status: 'stopped' };
  const release = await tryHoldLock(DAY_INDEX_BUILD_LOCK);
  if (!release) return { ...result, status: 'busy' };
  const stillUnlocked = () => ctx.vault.peek() === unlocked && !(options.shouldStop?.() ?? false);
  try {
    const { db } = ctx;
    let progress = readProgress((await db.meta.get(DAY_INDEX_BUILD_KEY))?.value);
    if (progress.done) return result;
    for (;;) {
      if (!stillUnlocked()) return { ...result, status: 'stopped' };
      // The clear arrival index holds the London day (issue 11): the next day after the last one done.
      const first = await (progress.after === '' ? db.attendances.orderBy('arrivedDay') : db.attendances.where('arrivedDay').above(progress.after)).first();
      if (!first) {
        await db.meta.put({ key: DAY_INDEX_BUILD_KEY, value: { ...progress, done: true } });
        return result;
      }
      const day = first.arrivedDay;
      // The app writes London dates only; anything else is left to the readers' own path.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
        await db.meta.put({ key: DAY_INDEX_BUILD_KEY, value: { ...progress, done: true } });
        return result;
      }
      const [seq, rows] = await db.transaction('r', db.attendances, db.attendanceDays, async () => [
        (await db.attendanceDays.get(day))?.seq ?? 0,
        await db.attendances.where('arrivedDay').equals(day).toArray(),
      ]);
      // All WebCrypto work before the transaction (never await crypto inside one).
      const entries = await entriesFromRows(db, unlocked, rows);
      const sealed = entries.length > 0 ? await sealDay(unlocked, day, entries, seq + 1) : undefined;
      await options.beforeWrite?.();
      if (!stillUnlocked()) return { ...result, status: 'stopped' };
      const next: Progress = { version: currentVersion, after: day, done: false };
      const written = await withLock(DAY_INDEX_LOCK, () =>
        db.transaction('rw', db.attendances, db.attendanceDays, db.meta, async () => {
          const now = await db.attendanceDays.get(day);
          const stillThere = await db.attendances.bulkGet(entries.map((entry) => entry.id));
          // A writer changed this day meanwhile (or a purge removed one of its attendances): do it again.
          if ((now?.seq ?? 0) !== seq || stillThere.some((row) => row === undefined)) return false;
          if (sealed) await db.attendanceDays.put(sealed);
          else await db.attendanceDays.delete(day);
          await db.meta.put({ key: DAY_INDEX_BUILD_KEY, value: next });
          return true;
        }),
      );
      if (written) {
        progress = next;
        result.days += 1;
        result.attendances += entries.length;
        result.unreadable += rows.length - entries.length;
      }
      await pause();
    }
  } finally {
    release();
  }
}
