/**
 * Other tablets' attendances as the liaison review list and the compliance audit read them
 * (issue 14; CQC recommendations 1.5 and 3.5): the department's day rows
 * (department-days.ts) for the window, each with this tablet's own liaison reviews of it.
 *
 * A review of another tablet's attendance is this tablet's own review row keyed by the
 * attendance id (liaison-repository.ts), sealed as every review is, naming this tablet. Until
 * liaison reviews travel between tablets, a review recorded on the tablet that holds the
 * attendance is not seen here, and a review recorded here is not seen there: the list says
 * "Recorded on another tablet" so the liaison nurse knows where the rest of it is.
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

/** Other tablets' attendances that arrived in [from, to), with this tablet's reviews of them; no letters (not known here). */
export async function departmentEntries(db: TriageDatabase, unlocked: Unlocked, window: { fromInstant: IsoInstant; toInstant: IsoInstant }): Promise<DayEntry[]> {
  const entries = await readDepartmentDays(db, unlocked, window);
  if (entries.length === 0) return [];
  const rows = await db.liaisonReviews.bulkGet(entries.map((entry) => entry.id));
  const reviews = await Promise.all(rows.map((row) => (row ? openReview(unlocked, row) : Promise.resolve(undefined))));
  return entries.map((entry, index) => ({ ...entry, letters: [], reviews: reviews[index]?.reviews ?? [] }));
}
