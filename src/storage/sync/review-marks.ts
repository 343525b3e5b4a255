/**
 * The marker that a liaison review row of this tablet is to be pushed (travel-review.ts),
 * apart from it so the liaison repository loads nothing of the sync engine to write it.
 */
import type { TriageDatabase } from '../db';

/** meta: an attendance whose review row on this tablet is to be pushed (clear: an opaque id). */
export const REVIEW_PUSH_PREFIX = 'review-push:';

/** Marks a review row of this tablet to be pushed at the next share (the liaison repository, in the review's transaction). */
export const markReviewToPush = (db: Pick<TriageDatabase, 'meta'>, attendanceId: string): Promise<string> => db.meta.put({ key: `${REVIEW_PUSH_PREFIX}${attendanceId}`, value: 1 });
