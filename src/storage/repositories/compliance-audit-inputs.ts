/**
 * What the compliance audit reads (PRODUCT.md section 6; issue 12): for a range of arrival
 * instants, each attendance's sealed summary, the site it was recorded at, when its first
 * GP letter was issued and when its first liaison review was recorded. Loaded on demand with
 * the audit page.
 *
 * Within budget at 100,000 attendances (PRODUCT.md section 10: a 30-day audit under 1 s): all
 * of it comes from the sealed per-day index (day-index.ts), about one sealed row per day of
 * the range, never a full record (issue 12 clarification).
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
import type { LetterRow, TriageDatabase } from '../db';
import type { DeviceKeys } from '../crypto/keys';
import { letterIdentityIndex, versionsOf } from './letter-rows';
import type { StorageContext } from './context';
import { readDays } from './day-index';
import { toStorageFailure } from './failures';
import { reportRecordRollbacks } from './revisions';
import type { Unlocked } from './vault';
import { requirePermission } from './permission-gate';
import type { StorageFailure } from './types';

/**
 * Every GP letter version of these attendances: one read transaction with each attendance's
 * letters asked for at once, each a single keyed index read with no round trip between them
 * (anyOf over thousands of compound keys walks a cursor one jump at a time: seconds at
 * 100,000 letters).
 */
export async function gpLettersOf(db: TriageDatabase, keys: DeviceKeys | readonly DeviceKeys[], ids: readonly string[]): Promise<LetterRow[]> {
  if (ids.length === 0) return [];
  // The patient's own GP letter by its keyed identity index (issue 11: no kind in clear), computed before the transaction;
  // under each key a look-up asks with (two while a re-key is pending: vault.ts lookupKeys).
  const keySets = Array.isArray(keys) ? (keys as readonly DeviceKeys[]) : [keys as DeviceKeys];
  const indexes = await Promise.all(ids.map((id) => Promise.all(keySets.map((each) => letterIdentityIndex(each, id, { kind: 'gp' })))));
  const each = await db.transaction('r', db.letters, () => Promise.all(ids.map((id, i) => versionsOf(db, indexes[i] ?? [], id, { kind: 'gp' }))));
  return each.flat();
}

export async function complianceAuditInputs(ctx: StorageContext, range: { start: IsoInstant; end: IsoInstant }): Promise<Result<AuditAttendance[], StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'view-compliance-audit');
  if (!allowed.ok) return allowed;
  try {
    const { db } = ctx;
    // The sealed per-day index: a 30-day audit opens about 30 rows (day-index.ts).
    const window = { fromInstant: range.start, toInstant: range.end };
    const read = await readDays(ctx, allowed.value, window, deferredRollbackCheck(ctx, allowed.value));
    // Other tablets' attendances of the department (issue 14): their sealed day rows, about one per day too; and the
    // reviews every tablet recorded (reviews travel: sync/travel-review.ts), about one more sealed row per day.
    const { departmentEntries, withDepartmentReviews } = await import('../sync/department-lists');
    const department = await departmentEntries(db, allowed.value, window);
    const entries = await withDepartmentReviews(db, allowed.value, window, read);
    // One tablet is one site; shared records (PRODUCT.md 8a) will carry their tablet's.
    const device = await db.device.get('device');
    const site = device ? deviceSettingsSchema.parse(device.settings).siteName : '';
    const now = ctx.now();
    return ok([
      ...entries.map((entry) => {
        const gpLetterIssuedAt = entry.letters
          .filter((letter) => letter.kind === 'gp')
          .map((letter) => letter.firstIssuedAt)
          .reduce((earliest, at) => (earliest === '' || at < earliest ? at : earliest), '');
        // Reviews are timed only for attendances on the liaison list (the only ones the audit times).
        const listed = liaisonReasonsFor(entry.summary, now).length > 0;
        return { summary: entry.summary, site, gpLetterIssuedAt, liaisonReviewedAt: listed ? (entry.reviews[0]?.reviewedAt ?? '') : '' };
      }),
      // The recording tablet's site name does not travel yet: '' (a site filter leaves them out, "All sites" counts them).
      ...department.map((entry): AuditAttendance => ({
        summary: entry.summary,
        site: '',
        // From the summary its tablet shared (version 9): '' when not issued, or when not known (the audit then leaves it out).
        gpLetterIssuedAt: entry.summary.lettersIssued?.gpFirstIssuedAt ?? '',
        liaisonReviewedAt: liaisonReasonsFor(entry.summary, now).length > 0 ? (entry.reviews[0]?.reviewedAt ?? '') : '',
        recordedElsewhere: true,
      })),
    ]);
  } catch (error) {
    return err(toStorageFailure(error));
  }
}

/** An entry read older than the trail records is still counted, and reported after the audit is returned (revisions.ts). */
const deferredRollbackCheck =
  (ctx: StorageContext, unlocked: Unlocked) =>
  (reads: { id: string; rev: number }[]): void => {
    setTimeout(() => void reportRecordRollbacks(ctx, unlocked, reads).catch(() => undefined), 0);
  };
