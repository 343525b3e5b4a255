/**
 * Sealing and opening a liaison review row (issue 12): keyed by the attendance id and sealed
 * under the data key with an AAD naming this device and attendance, so a row cannot be moved
 * to another attendance or device. Apart from the repository so the per-day index
 * (day-index.ts) can open review rows without importing the repository.
 */
import { liaisonReviewRecordSchema } from '../../domain/liaison/liaison-review';
import type { LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import { open as openSealed } from '../crypto/codec';
import type { LiaisonReviewRow } from '../db';
import type { Unlocked } from './vault';

export const liaisonReviewAad = (deviceId: string, attendanceId: string): string => `${deviceId}:liaison-review:${attendanceId}`;

/** The review record of a row, or undefined when it does not open or names another attendance. */
export async function openReview(unlocked: Unlocked, row: LiaisonReviewRow): Promise<LiaisonReviewRecord | undefined> {
  const opened = await openSealed(unlocked.keys.dataKey, row.payload, liaisonReviewAad(unlocked.deviceId, row.attendanceId));
  if (!opened.ok) return undefined;
  const parsed = liaisonReviewRecordSchema.safeParse(opened.value);
  return parsed.success && parsed.data.attendanceId === row.attendanceId ? parsed.data : undefined;
}
