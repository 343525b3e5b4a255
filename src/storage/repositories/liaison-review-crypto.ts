/**
 * Sealing and opening a liaison review row (issue 12): keyed by the attendance id and sealed
 * in the one sealed-row format (crypto/sealed-row) naming this tablet and attendance, so a row cannot be moved
 * to another attendance or device. Apart from the repository so the per-day index
 * (day-index.ts) can open review rows without importing the repository.
 */
import { liaisonReviewRecordSchema } from '../../domain/liaison/liaison-review';
import type { LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import { openRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { LiaisonReviewRow } from '../db';
import type { Unlocked } from './vault';

/** The additional data of the format before the one sealed-row format (issue 11): read only. */
export const liaisonReviewAad = (deviceId: string, attendanceId: string): string => `${deviceId}:liaison-review:${attendanceId}`;
/** Where a review is sealed (crypto/sealed-row). */
export const liaisonReviewAddress = (attendanceId: string): RowAddress => ({ table: 'liaisonReviews', id: attendanceId, field: 'payload', rev: 0 });

/** The review record of a row, or undefined when it does not open or names another attendance. */
export async function openReview(unlocked: Unlocked, row: LiaisonReviewRow): Promise<LiaisonReviewRecord | undefined> {
  const opened = await openRow(unlocked, row.payload, liaisonReviewAddress(row.attendanceId), [liaisonReviewAad(unlocked.deviceId, row.attendanceId)]);
  if (!opened) return undefined;
  const parsed = liaisonReviewRecordSchema.safeParse(opened.value);
  return parsed.success && parsed.data.attendanceId === row.attendanceId ? parsed.data : undefined;
}
