/**
 * Other tablets' attendances as the liaison review list and the compliance audit read them
 * (issue 14; CQC recommendations 1.5 and 3.5): the department's day rows
 * (department-days.ts) for the window, each with its liaison reviews, and this tablet's own
 * attendances with the reviews other tablets recorded of them.
 *
 * Reviews travel (travel-review.ts): each tablet's reviews of an attendance are its own row,
 * pulled and kept in sealed rows by arrival day. A review of another tablet's attendance
 * recorded here is this tablet's own review row keyed by the attendance id
 * (liaison-repository.ts). The list shows them together, oldest first, whichever tablet
 * recorded them.
 *
 * Letters issued on another tablet do not reach this one (a pull asks for summaries, not
 * letter versions: pull.ts PULL_KINDS), so an entry here carries no letters; the audit leaves
 * these attendances out of the GP letter indicator rather than count them as not issued.
 */
import type { IsoInstant } from '../../domain/shared/dates';
import type { TriageDatabase } from '../db';
import type { DayEntry } from '../repositories/day-index';
import { openReview } from '../repositories/liaison-review-crypto';
import type { Unlocked } from '../repositories/vault';
import { readDepartmentDays } from './department-days';
import { pulledReviews, withPulled } from './travel-review';

type Window = { fromInstant: IsoInstant; toInstant: IsoInstant };

/** Other tablets' attendances that arrived in [from, to), with every review of them known here; no letters (not known here). */
export async function departmentEntries(db: TriageDatabase, unlocked: Unlocked, window: Window): Promise<DayEntry[]> {
  const entries = await readDepartmentDays(db, unlocked, window);
  if (entries.length === 0) return [];
  const rows = await db.liaisonReviews.bulkGet(entries.map((entry) => entry.id));
  const [reviews, pulled] = await Promise.all([Promise.all(rows.map((row) => (row ? openReview(unlocked, row) : Promise.resolve(undefined)))), pulledReviews(db, unlocked, window)]);
  return entries.map((entry, index) => ({ ...entry, letters: [], reviews: withPulled(reviews[index]?.reviews ?? [], pulled.get(entry.id)) }));
}

/** This tablet's own entries with the reviews other tablets of the department recorded of them (none on a tablet that does not share). */
export async function withDepartmentReviews(db: TriageDatabase, unlocked: Unlocked, window: Window, entries: DayEntry[]): Promise<DayEntry[]> {
  if (entries.length === 0) return entries;
  const pulled = await pulledReviews(db, unlocked, window);
  return pulled.size === 0 ? entries : entries.map((entry) => ({ ...entry, reviews: withPulled(entry.reviews, pulled.get(entry.id)) }));
}
