/**
 * Attendances: lists and look-ups (PRODUCT.md sections 4, 6). Reading lists needs only
 * the small sealed summaries; creating and editing load attendance-writes on demand, so
 * the home screen stays inside the first-load budget (PRODUCT.md section 10).
 */
import { liveQuery } from 'dexie';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { AuditAttendance } from '../../domain/oversight/compliance-audit';
import type { IsoInstant } from '../../domain/shared/dates';
import { toLondon } from '../../domain/shared/dates';
import { checkNhsNumber } from '../../domain/shared/nhs-number';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { normaliseNameForMatching } from '../../domain/shared/text';
import { IndexCache, openSummaries, readWorklistState, WORKLIST_KEY, worklistFromSummaries } from './attendance-crypto';
import type { RevisionCheck } from './attendance-crypto';
import { reportRecordRollback, reportWorklistRollback } from './revisions';
import { departmentReferrals, findDepartmentSummaries } from '../sync/pull-open';
import { DEPARTMENT_WORKLIST_KEY } from '../sync/pull-worklist';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import type { AssessmentEditor, AttendanceQuery, AttendanceRepository, LiveValue, NewAttendanceOptions, NoConcernReviewItem, StorageFailure } from './types';
import { NO_CONCERN_REVIEW_ROLES } from './types';
import { lookupKeys } from './vault';
import type { Vault } from './vault';
import { withEarlierKeys } from '../crypto/key-ring';

/**
 * A live list that follows the session as well as the database: empty at once when the
 * tablet locks, read again when it unlocks. liveQuery alone re-runs only when the
 * database changes, so a list already open at lock time would keep the decrypted names.
 */
function whileUnlocked<T>(vault: Vault, query: () => Promise<T[]>): LiveValue<T[]> {
  return {
    subscribe: (onNext, onError) => {
      let rows: { unsubscribe(): void } | undefined;
      const session = vault.live().subscribe((state) => {
        rows?.unsubscribe();
        rows = undefined;
        if (state.status === 'unlocked') rows = liveQuery(query).subscribe(onNext, onError);
        else onNext([]);
      });
      return {
        unsubscribe: () => {
          session.unsubscribe();
          rows?.unsubscribe();
        },
      };
    },
  };
}

export class RealAttendanceRepository implements AttendanceRepository {
  constructor(private readonly ctx: StorageContext) {}

  /**
   * Every summary a list reads is checked against the revision the trail holds
   * (revisions.ts): a rolled-back one is still listed, and reported. The check runs after
   * the list is sent, outside the live query, so the lists do not re-run on every audit event.
   */
  private readonly checkRevision: RevisionCheck = (id, rev) => {
    const unlocked = this.ctx.vault.peek();
    if (unlocked) setTimeout(() => void reportRecordRollback(this.ctx, unlocked, id, rev).catch(() => undefined), 0);
    return Promise.resolve();
  };

  async create(options: NewAttendanceOptions = {}): Promise<Result<AssessmentRecord, StorageFailure>> {
    const { createAttendance } = await import('./attendance-writes');
    return createAttendance(this.ctx, options);
  }

  async open(id: string): Promise<Result<AssessmentEditor, StorageFailure>> {
    const { openAttendance } = await import('./attendance-writes');
    return openAttendance(this.ctx, id);
  }

  inProgress(): LiveValue<AttendanceSummary[]> {
    return whileUnlocked(this.ctx.vault, async () => {
      const rows = await this.ctx.db.attendances.where('status').equals('in-progress').toArray();
      return openSummaries(this.ctx.vault.peek(), rows, this.checkRevision);
    });
  }

  completedSince(since: string): LiveValue<AttendanceSummary[]> {
    return whileUnlocked(this.ctx.vault, async () => {
      // The row keeps only the London day of arrival (issue 11): read from that day, then the exact time from the sealed summary.
      const rows = await this.ctx.db.attendances.where('arrivedDay').aboveOrEqual(toLondon(since).date).filter((row) => row.status === 'signed').toArray();
      return (await openSummaries(this.ctx.vault.peek(), rows, this.checkRevision)).filter((summary) => summary.arrivedAt >= since);
    });
  }

  referralsToMake(): LiveValue<AttendanceSummary[]> {
    return liveQuery(async () => {
      const unlocked = this.ctx.vault.peek();
      if (!unlocked) return [];
      // Without a readable worklist (rebuilt at unlock), or with one older than the trail
      // records (reported), work it out the slow way: never a referral dropped by mistake.
      // Both lists' rows are read first, before any await that is not Dexie's: whatever happens
      // below, a change to either list re-runs this query (crypto/observed.ts says why).
      await Promise.all([this.ctx.db.meta.get(WORKLIST_KEY), this.ctx.db.meta.get(DEPARTMENT_WORKLIST_KEY)]);
      const stored = await readWorklistState(this.ctx.db, unlocked);
      const current = stored && (await reportWorklistRollback(this.ctx, unlocked, stored.rev)) === undefined ? stored.ids : undefined;
      const ids = current ?? (await worklistFromSummaries(this.ctx.db, unlocked));
      const rows = (await this.ctx.db.attendances.bulkGet(ids)).filter((row) => row !== undefined);
      const own = (await openSummaries(unlocked, rows, this.checkRevision)).filter((summary) => summary.pendingReferral !== null);
      // Planned on other tablets of the department (issue 14; storage/sync/pull-worklist.ts): listed here too, marked as theirs.
      const ownIds = new Set(own.map((summary) => summary.id));
      return [...own, ...(await departmentReferrals(this.ctx.db, unlocked)).filter((summary) => !ownIds.has(summary.id))];
    });
  }

  noConcernToReview(): LiveValue<NoConcernReviewItem[]> {
    return whileUnlocked(this.ctx.vault, async () => {
      const unlocked = this.ctx.vault.peek();
      if (!unlocked || !NO_CONCERN_REVIEW_ROLES.includes(unlocked.staff.role)) return [];
      // Summaries first (small), then only the records that may say "No concern".
      const rows = await this.ctx.db.attendances.where('status').equals('signed').toArray();
      const summaries = await openSummaries(unlocked, rows);
      const { recordsToReview } = await import('./no-concern-review');
      return recordsToReview(unlocked, rows, summaries);
    });
  }

  async find(query: AttendanceQuery): Promise<Result<AttendanceSummary[], StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    try {
      const indexes = new IndexCache();
      const nhs = query.nhsNumber ? checkNhsNumber(query.nhsNumber) : undefined;
      const family = query.familyName ? normaliseNameForMatching(query.familyName) : '';
      // Under each key a look-up asks with: while a re-key is pending, rows the re-seal job has not reached keep the old key's indexes (vault.ts lookupKeys).
      const asked = await Promise.all(
        withEarlierKeys(lookupKeys(unlocked.value), unlocked.value.keys).map(async (keys) => ({
          nhsIndex: await indexes.get(keys, 'nhs-number', nhs?.ok ? nhs.value : undefined),
          nameDobIndex: await indexes.get(keys, 'name-dob', family && query.dateOfBirth ? `${family}|${query.dateOfBirth}` : undefined),
        })),
      );
      const nhsIndex = asked.map((each) => each.nhsIndex).filter((index) => index !== '');
      const nameDobIndex = asked.map((each) => each.nameDobIndex).filter((index) => index !== '');
      const { db } = this.ctx;
      const [byNhs, byName] = await Promise.all([
        nhsIndex.length ? db.attendances.where('nhsIndex').anyOf(nhsIndex).toArray() : Promise.resolve([]),
        nameDobIndex.length ? db.attendances.where('nameDobIndex').anyOf(nameDobIndex).toArray() : Promise.resolve([]),
      ]);
      const unique = new Map([...byNhs, ...byName].map((row) => [row.id, row]));
      const summaries = await openSummaries(unlocked.value, [...unique.values()], this.checkRevision);
      // What stays of attendances purged after the retention period, found by the same indexes (retention-purge.ts).
      const { findStubs } = await import('./retention-purge');
      // Stubs from before re-keying keep the indexes of a retired key, kept for them alone (legacy-stub-keys.ts).
      const { stubIndexKeys } = await import('./legacy-stub-keys');
      const { blindIndex } = await import('../crypto/blind-index');
      const retired = await stubIndexKeys(db, unlocked.value);
      const nameDob = family && query.dateOfBirth ? `${family}|${query.dateOfBirth}` : undefined;
      const stubNhs = [...nhsIndex, ...(nhs?.ok ? await Promise.all(retired.map((key) => blindIndex(key, 'nhs-number', nhs.value))) : [])];
      const stubNameDob = [...nameDobIndex, ...(nameDob ? await Promise.all(retired.map((key) => blindIndex(key, 'name-dob', nameDob))) : [])];
      const stubs = await findStubs(db, unlocked.value, { nhsIndex: stubNhs, nameDobIndex: stubNameDob }, { nhsNumber: nhs?.ok ? nhs.value : undefined, familyName: query.familyName, dateOfBirth: query.dateOfBirth });
      // Attendances other tablets of the department recorded (issue 14), by the same indexes (the department shares one index key).
      const own = new Set(summaries.map((summary) => summary.id));
      const shared = (await findDepartmentSummaries(db, unlocked.value, { nhsIndex, nameDobIndex })).filter((summary) => !own.has(summary.id));
      return ok([...summaries, ...stubs, ...shared]);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async complianceAuditInputs(range: { start: IsoInstant; end: IsoInstant }): Promise<Result<AuditAttendance[], StorageFailure>> {
    const { complianceAuditInputs } = await import('./compliance-audit-inputs');
    return complianceAuditInputs(this.ctx, range);
  }
}
