/**
 * What the compliance audit reads (PRODUCT.md section 6; issue 12): for a range of arrival
 * instants, each attendance's sealed summary, the site it was recorded at, and when its first
 * GP letter was issued. Loaded on demand with the audit page.
 *
 * Within budget at 100,000 attendances (PRODUCT.md section 10: a 30-day audit under 1 s): the
 * arrival index picks the range's rows, only their small summaries are opened (never a full
 * record: issue 12 clarification), and the GP letters' issue times come from the letters
 * table's clear columns (kind and issue time are there already; no letter is opened). The
 * liaison reviews of the range's attendances are the sealed review rows (keyed by attendance,
 * fetched at once for the attendances on the liaison list only), opened for the time of the
 * first review.
 *
 * The paediatric liaison nurse and the nurse in charge only (domain/settings/permissions.ts
 * 'view-compliance-audit'): 'forbidden' for anyone else, 'locked' while locked.
 */
import { liaisonReasonsFor } from '../../domain/liaison/liaison-list';
import type { AuditAttendance } from '../../domain/oversight/compliance-audit';
import { deviceSettingsSchema } from '../../domain/settings/device-settings';
import type { IsoInstant } from '../../domain/shared/dates';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { openSummaries } from './attendance-crypto';
import type { LetterRow, LiaisonReviewRow, TriageDatabase } from '../db';
import type { DeviceKeys } from '../crypto/keys';
import { letterIdentityIndex, versionsOf } from './letter-rows';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import { openReview } from './liaison-repository';
import { requirePermission } from './permission-gate';
import type { StorageFailure } from './types';

/**
 * Every GP letter version of these attendances: one read transaction with each attendance's
 * letters asked for at once, each a single keyed index read with no round trip between them
 * (anyOf over thousands of compound keys walks a cursor one jump at a time: seconds at
 * 100,000 letters).
 */
export async function gpLettersOf(db: TriageDatabase, keys: DeviceKeys, ids: readonly string[]): Promise<LetterRow[]> {
  if (ids.length === 0) return [];
  // The patient's own GP letter by its keyed identity index (issue 11: no kind in clear), computed before the transaction.
  const indexes = await Promise.all(ids.map((id) => letterIdentityIndex(keys, id, { kind: 'gp' })));
  const each = await db.transaction('r', db.letters, () => Promise.all(ids.map((id, i) => versionsOf(db, indexes[i] ?? '', id, { kind: 'gp' }))));
  return each.flat();
}

export async function complianceAuditInputs(ctx: StorageContext, range: { start: IsoInstant; end: IsoInstant }): Promise<Result<AuditAttendance[], StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'view-compliance-audit');
  if (!allowed.ok) return allowed;
  try {
    const { db } = ctx;
    // One after the other: at 100,000 attendances the rows and the letters read side by side
    // took longer than in turn (one database, one backend: 1.09 s against 0.9 s in the bench).
    // The summaries copy keeps the exact arrival (the attendance row keeps only its day since issue 11).
    const rows = await db.attendanceSummaries.where('arrivedAt').between(range.start, range.end, true, false).toArray();
    const summaries = await openSummaries(allowed.value, rows);
    const letters = await gpLettersOf(
      db,
      allowed.value.keys,
      rows.map((row) => row.id),
    );
    // Reviews only for attendances the domain puts on the liaison list (the only ones the audit times).
    const now = ctx.now();
    const listed = summaries.filter((summary) => liaisonReasonsFor(summary, now).length > 0).map((summary) => summary.id);
    const reviewRows = (await db.liaisonReviews.bulkGet(listed)).filter((row): row is LiaisonReviewRow => row !== undefined);
    const firstReview = new Map<string, string>();
    for (const record of await Promise.all(reviewRows.map((row) => openReview(allowed.value, row)))) {
      // A row that cannot be opened reads as not reviewed: the audit never counts a review it cannot see.
      const first = record?.reviews[0];
      if (record && first) firstReview.set(record.attendanceId, first.reviewedAt);
    }
    // One tablet is one site; shared records (PRODUCT.md 8a) will carry their tablet's.
    const device = await db.device.get('device');
    const site = device ? deviceSettingsSchema.parse(device.settings).siteName : '';
    const firstGpLetter = new Map<string, string>();
    for (const letter of letters) {
      const earlier = firstGpLetter.get(letter.attendanceId);
      if (earlier === undefined || letter.issuedAt < earlier) firstGpLetter.set(letter.attendanceId, letter.issuedAt);
    }
    return ok(summaries.map((summary) => ({ summary, site, gpLetterIssuedAt: firstGpLetter.get(summary.id) ?? '', liaisonReviewedAt: firstReview.get(summary.id) ?? '' })));
  } catch (error) {
    return err(toStorageFailure(error));
  }
}
