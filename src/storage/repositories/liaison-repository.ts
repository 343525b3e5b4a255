/**
 * The paediatric liaison review list, storage side (issue 12): fetches a window of arrivals
 * from the sealed per-day index (each attendance's summary, issued letters and reviews:
 * day-index.ts), and records a review. Which attendances are on the list,
 * their status and what is overdue are pure domain rules (domain/liaison/liaison-list.ts).
 *
 * A review row is keyed by the attendance id and sealed under the data key with an AAD
 * naming this device and attendance, so a row cannot be moved to another attendance or
 * device. Recording one is a read-change-write of that row held under a cross-tab lock,
 * committed with the day index entry in one transaction, and is written to the audit trail (detail: no clinical content; the action is in the sealed row).
 */
import { isLetterKind } from '../../domain/letters/kinds';
import { liaisonReviewActionSchema } from '../../domain/liaison/liaison-review';
import type { LiaisonReview, LiaisonReviewAction, LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import { MAX_FREE_TEXT } from '../../domain/shared/text';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { sealRow } from '../crypto/sealed-row';
import { liaisonReviewAad, liaisonReviewAddress, openReview } from './liaison-review-crypto';
import { reportRecordRollbacks } from './revisions';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import { rowKey } from '../sync/engine-wire';
import { readEnrolment } from '../sync/enrolment-state';
import { markReviewToPush } from '../sync/review-marks';
import { withLock } from './locks';
import { permittedLive, requirePermission } from './permission-gate';
import type { ArrivalWindow, LiaisonListData, LiaisonRepository, LiveValue, StorageFailure } from './types';
import { observedAcross } from '../crypto/observed';

export { liaisonReviewAad, liaisonReviewAddress, openReview };

const REVIEW_LOCK = 'safeguarding-triage:liaison-review';

const damaged = (): StorageFailure => ({
  kind: 'damaged',
  message: 'The earlier reviews of this attendance could not be read on this tablet, so a new review was not added. Ask the nurse in charge to check the tablet.',
});

/**
 * The per-day index and the list's rules load when the list is first read or a review is
 * recorded, not with the lock screen or set-up (PRODUCT.md section 10: first load). WebCrypto
 * is awaited inside the live query already; a module import is no different.
 */
const loadListCode = () => Promise.all([import('./day-index'), import('../../domain/liaison/liaison-list'), import('../sync/department-lists')]);

export class RealLiaisonRepository implements LiaisonRepository {
  constructor(private readonly ctx: StorageContext) {}

  list(window: ArrivalWindow, options: { letters?: boolean } = {}): LiveValue<Result<LiaisonListData, StorageFailure>> {
    return permittedLive(this.ctx.vault, 'review-liaison-list', async (): Promise<LiaisonListData> => {
      const unlocked = this.ctx.vault.peek();
      if (!unlocked) return { summaries: [], reviews: [], issuedLetters: [] };
      // The sealed per-day index: a week is about 7 sealed rows holding each attendance's
      // summary, letters and reviews (budget < 100 ms at 100,000 attendances, issue 12).
      // Loaded inside the live query: a dynamic import is not Dexie's promise, so it goes through Dexie's zone like WebCrypto's (crypto/observed.ts).
      const [{ readDays }, { liaisonReasonsFor }, { departmentEntries, withDepartmentReviews }] = await observedAcross(loadListCode());
      const read = await readDays(this.ctx, unlocked, window, this.checkRevision);
      // Other tablets' attendances of the department (issue 14), marked `sharedFrom`, with the reviews of them recorded here and on other tablets.
      const department = await departmentEntries(this.ctx.db, unlocked, window);
      // And this tablet's own attendances with the reviews other tablets recorded of them (sync/travel-review.ts).
      const own = await withDepartmentReviews(this.ctx.db, unlocked, window, read);
      const entries = [...own, ...department].sort((a, b) => (a.summary.arrivedAt < b.summary.arrivedAt ? 1 : a.summary.arrivedAt > b.summary.arrivedAt ? -1 : 0));
      const now = this.ctx.now();
      const listed = entries.filter((entry) => liaisonReasonsFor(entry.summary, now).length > 0);
      return {
        summaries: entries.map((entry) => entry.summary),
        reviews: listed.filter((entry) => entry.reviews.length > 0).map((entry) => ({ attendanceId: entry.id, reviews: entry.reviews })),
        issuedLetters:
          options.letters === false
            ? []
            : listed.flatMap((entry) => [...new Set(entry.letters.map((letter) => letter.kind))].filter(isLetterKind).map((kind) => ({ attendanceId: entry.id, kind }))),
      };
    });
  }

  /** As the attendance lists: an entry older than the trail records is still listed, and reported after the list is sent. */
  private readonly checkRevision = (reads: { id: string; rev: number }[]): void => {
    const unlocked = this.ctx.vault.peek();
    if (unlocked) setTimeout(() => void reportRecordRollbacks(this.ctx, unlocked, reads).catch(() => undefined), 0);
  };

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
    // Set inside the lock when the attendance is another tablet's (the audit event says so).
    const attendanceOf = { anotherTablet: false };
    try {
      const result = await withLock(REVIEW_LOCK, async (): Promise<Result<LiaisonReview, StorageFailure>> => {
        const attendance = await db.attendances.get(attendanceId);
        // An attendance recorded on another tablet of the department: the review is this tablet's own row about it (department-lists.ts).
        const shared = attendance ? undefined : await db.departmentRows.get(rowKey('summary', attendanceId));
        if (!attendance && (!shared || shared.sealed === '')) return err({ kind: 'not-found', message: 'This attendance is not on this tablet.' });
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
        // On a tablet that shares, the review row is marked to travel to the department's other tablets (sync/travel-review.ts).
        const sharing = (await readEnrolment(db)) !== undefined;
        if (!attendance) {
          await db.transaction('rw', db.liaisonReviews, db.meta, async () => {
            await db.liaisonReviews.put({ attendanceId, payload });
            if (sharing) await markReviewToPush(db, attendanceId);
          });
          attendanceOf.anotherTablet = true;
          return ok(review);
        }
        // The review row and the day index entry commit together (day-index.ts).
        const day = attendance.arrivedDay;
        const { writeWithDays } = await import('./day-index');
        await writeWithDays(
          this.ctx,
          unlocked,
          () => [{ type: 'reviews', id: attendanceId, day, reviews: record.reviews }],
          (commit) =>
            db.transaction('rw', db.liaisonReviews, db.attendanceDays, db.meta, async () => {
              await db.liaisonReviews.put({ attendanceId, payload });
              if (sharing) await markReviewToPush(db, attendanceId);
              await commit();
            }),
        );
        return ok(review);
      });
      if (result.ok) await audit.append('liaison-reviewed', attendanceId, attendanceOf.anotherTablet ? 'Paediatric liaison review recorded of an attendance recorded on another tablet of the department' : 'Paediatric liaison review recorded');
      return result;
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }
}
