/**
 * The paediatric liaison review list, storage side (issue 12): fetches the sealed summaries
 * of a window of arrivals through the arrival index, the sealed review rows and the issued
 * letter keys of those attendances, and records a review. Which attendances are on the list,
 * their status and what is overdue are pure domain rules (domain/liaison/liaison-list.ts).
 *
 * A review row is keyed by the attendance id and sealed under the data key with an AAD
 * naming this device and attendance, so a row cannot be moved to another attendance or
 * device. Recording one is a read-change-write of that row held under a cross-tab lock, and
 * is written to the audit trail (detail: no clinical content; the action is in the sealed row).
 */
import type { LetterKind } from '../../domain/letters/kinds';
import { liaisonReasonsFor } from '../../domain/liaison/liaison-list';
import { liaisonReviewActionSchema, liaisonReviewRecordSchema } from '../../domain/liaison/liaison-review';
import type { LiaisonReview, LiaisonReviewAction, LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import { MAX_FREE_TEXT } from '../../domain/shared/text';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { LiaisonReviewRow } from '../db';
import { openSummaries } from './attendance-crypto';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import { letterIdentityOf } from './letter-rows';
import { withLock } from './locks';
import { permittedLive, requirePermission } from './permission-gate';
import type { ArrivalWindow, LiaisonListData, LiaisonRepository, LiveValue, StorageFailure } from './types';
import type { Unlocked } from './vault';

export const liaisonReviewAad = (deviceId: string, attendanceId: string): string => `${deviceId}:liaison-review:${attendanceId}`;
/** Where a review is sealed (crypto/sealed-row); liaisonReviewAad is the format before it, read only. */
export const liaisonReviewAddress = (attendanceId: string): RowAddress => ({ table: 'liaisonReviews', id: attendanceId, field: 'payload', rev: 0 });

const REVIEW_LOCK = 'safeguarding-triage:liaison-review';

export async function openReview(unlocked: Unlocked, row: LiaisonReviewRow): Promise<LiaisonReviewRecord | undefined> {
  const opened = await openRow(unlocked, row.payload, liaisonReviewAddress(row.attendanceId), [liaisonReviewAad(unlocked.deviceId, row.attendanceId)]);
  if (!opened) return undefined;
  const parsed = liaisonReviewRecordSchema.safeParse(opened.value);
  return parsed.success && parsed.data.attendanceId === row.attendanceId ? parsed.data : undefined;
}

const damaged = (): StorageFailure => ({
  kind: 'damaged',
  message: 'The earlier reviews of this attendance could not be read on this tablet, so a new review was not added. Ask the nurse in charge to check the tablet.',
});

export class RealLiaisonRepository implements LiaisonRepository {
  constructor(private readonly ctx: StorageContext) {}

  list(window: ArrivalWindow, options: { letters?: boolean } = {}): LiveValue<Result<LiaisonListData, StorageFailure>> {
    return permittedLive(this.ctx.vault, 'review-liaison-list', async (): Promise<LiaisonListData> => {
      const unlocked = this.ctx.vault.peek();
      if (!unlocked) return { summaries: [], reviews: [], issuedLetters: [] };
      const { db } = this.ctx;
      // The summaries apart from the records: a week is a few hundred small blobs (budget < 100 ms, issue 12).
      const rows = await db.attendanceSummaries.where('arrivedAt').between(window.fromInstant, window.toInstant, true, false).toArray();
      const summaries = await openSummaries(unlocked, rows);
      // Reviews and letters only for attendances the domain puts on the list, and only the letters each needs.
      const now = this.ctx.now();
      const listed = summaries.filter((summary) => liaisonReasonsFor(summary, now).length > 0);
      const needLetters = options.letters === false ? [] : listed.filter((summary) => summary.letters.length > 0);
      // One small key range per attendance: anyOf over the whole letters index grows with the table (1 s at 100,000).
      // All in one read transaction: a transaction per query costs more than the query itself.
      const [reviewRows, letterRows] = await db.transaction('r', db.liaisonReviews, db.letters, () =>
        Promise.all([db.liaisonReviews.bulkGet(listed.map((summary) => summary.id)), Promise.all(needLetters.map((summary) => db.letters.where('attendanceId').equals(summary.id).toArray()))]),
      );
      // The kind is sealed in each letter row since issue 11: opened here, one small box per letter of a listed attendance.
      const issuedKeys = await Promise.all(
        letterRows.flat().map(async (row): Promise<[string, LetterKind][]> => {
          const identity = await letterIdentityOf(unlocked, row);
          return identity ? [[row.attendanceId, identity.kind]] : [];
        }),
      );
      const reviews = await Promise.all(reviewRows.filter((row): row is LiaisonReviewRow => row !== undefined).map((row) => openReview(unlocked, row)));
      const issued = new Map(issuedKeys.flat().map(([attendanceId, kind]) => [`${attendanceId}|${kind}`, { attendanceId, kind }]));
      return {
        summaries,
        reviews: reviews.filter((review): review is LiaisonReviewRecord => review !== undefined),
        issuedLetters: [...issued.values()],
      };
    });
  }

  async recordReview(attendanceId: string, input: { action: LiaisonReviewAction; note: string }): Promise<Result<LiaisonReview, StorageFailure>> {
    const allowed = requirePermission(this.ctx.vault, 'review-liaison-list');
    if (!allowed.ok) return allowed;
    const unlocked = allowed.value;
    // What reaches storage is untrusted: a script typed into the console gets the same checks as the form.
    const action = liaisonReviewActionSchema.safeParse(input.action);
    if (!action.success || typeof input.note !== 'string' || input.note.length > MAX_FREE_TEXT) {
      return err({ kind: 'unknown', message: 'The review could not be recorded: choose what was done after the review.' });
    }
    const { db, audit, now } = this.ctx;
    try {
      const result = await withLock(REVIEW_LOCK, async (): Promise<Result<LiaisonReview, StorageFailure>> => {
        if (!(await db.attendances.get(attendanceId))) return err({ kind: 'not-found', message: 'This attendance is not on this tablet.' });
        const existingRow = await db.liaisonReviews.get(attendanceId);
        const existing = existingRow ? await openReview(unlocked, existingRow) : { attendanceId, reviews: [] };
        if (!existing) return err(damaged());
        const review: LiaisonReview = {
          reviewedBy: { id: unlocked.staff.id, name: unlocked.staff.name },
          reviewedAt: now(),
          action: action.data,
          note: input.note.trim(),
        };
        const record: LiaisonReviewRecord = { attendanceId, reviews: [...existing.reviews, review] };
        const payload = await sealRow(unlocked, record, liaisonReviewAddress(attendanceId));
        await db.liaisonReviews.put({ attendanceId, payload });
        return ok(review);
      });
      if (result.ok) await audit.append('liaison-reviewed', attendanceId, 'Paediatric liaison review recorded');
      return result;
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
