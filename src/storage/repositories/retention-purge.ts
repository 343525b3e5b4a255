/**
 * The retention purge, storage side (PRODUCT.md section 8; issue 13 and its clarifications).
 * Which attendances go is the domain's rule (domain/retention/retention.ts purgeDecision),
 * read from the sealed per-day index (each attendance's summary, issued letters and reviews:
 * day-index.ts), never from full records. Loaded on demand.
 *
 * What a purge does, per arrival day, in one transaction with that day's index row:
 * - deletes the attendance row (sealed record and summary), every letter version, the
 *   letter drafts (meta "letter-draft:<keyed hash>", and "letter-draft:<id>:…" from before version 5), the liaison review row, the GP-letter-due
 *   row and the attendance's entry in the day index (the day row goes when it is empty);
 * - writes the attendance's sealed stub (RetainedStubRow): blind indexes and arrival date in
 *   clear as on the attendance row, the look-up flags sealed;
 * then deletes every stub older than the months set in settings (default 12), and appends ONE
 * audit event, 'purge', with the counts (never which patients).
 *
 * What it never does: purge an attendance open for editing in a tab (its editing lock is
 * held: it waits for the next purge), one saved since the candidates were read (its revision
 * changed), one with a conflict addendum not yet reconciled (issue 14: the rule's
 * 'conflict-to-reconcile', read from the sealed addenda held on a tablet that shares,
 * sync/conflict.ts conflictsBeforePurge; one that arrived or changed since the candidates were
 * read leaves its day for the next purge), or anything when the person is not the nurse in
 * charge ('purge-records'). The
 * audit trail keeps its events about purged attendances: they name opaque ids and revisions,
 * no patient details, and the hash chain cannot lose them.
 *
 * Only after a reminder (issue 13): the home screen shows the nurse in charge how many are
 * due, with the way to a backup (/settings/backup), and the purge runs when they choose to
 * remove them (features/home/retention-reminder.tsx).
 *
 * Department sharing (issue 14): on an enrolled tablet the purge also remembers, per
 * attendance, the ids of the letter versions it removed (meta `purged:<id>`); the sync then
 * pushes the stub and a sealed tombstone naming them (sync/travel-stub.ts, sync/tombstone.ts),
 * so the department's other tablets delete their copy and keep the stub. A hand-back revokes
 * the tablet's enrolment before the wipe (sync/department-repository.ts leave).
 */
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import { retainedStubSchema, stubAsSummary, stubFromSummary } from '../../domain/retention/retention';
import type { KeyAgreement, RetainedStub } from '../../domain/retention/retention';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import { ageBand } from '../../domain/rules/pathway';
import type { AttendanceRow, RetainedStubRow, TriageDatabase } from '../db';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import { letterKinds } from '../../domain/letters/kinds';
import type { LetterIdentity } from '../../domain/letters/kinds';
import { letterDraftKey } from './letter-rows';
import { IndexCache, openRowPart, retainedStubAad } from './attendance-crypto';
import { blindIndexInputs } from './attendance-writes';
import type { StorageContext } from './context';
import { candidates, expiredStubIds, settingsOf } from './retention-due';
import { arrivalDay, writeWithDays } from './day-index';
import type { DayEntry } from './day-index';
import { toStorageFailure } from './failures';
import { tryHoldLock, withLock } from './locks';
import { requirePermission } from './permission-gate';
import type { StorageFailure } from './types';
import { lookupKeys } from './vault';
import { readEnrolment } from '../sync/enrolment-state';
import { purgedRowsKey } from '../sync/tombstone-keys';
import { conflictMarks, conflictRowMark, conflictRowsPrefix } from '../sync/conflict-marks';
import type { PurgedRows } from '../sync/tombstone-keys';
import type { Unlocked } from './vault';

/** One purge at a time across tabs. */
export const PURGE_LOCK = 'safeguarding-triage:retention-purge';

export interface PurgeOutcome {
  purged: number;
  stubsRemoved: number;
  /** Due but left for the next purge: open in a tab, or saved meanwhile. */
  skipped: number;
}

/** Removes what is due, leaving each attendance's sealed stub; one audit event with the counts. */
export async function purgeDue(ctx: StorageContext): Promise<Result<PurgeOutcome, StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'purge-records');
  if (!allowed.ok) return allowed;
  const unlocked = allowed.value;
  const { db } = ctx;
  try {
    const outcome = await withLock(PURGE_LOCK, async (): Promise<PurgeOutcome> => {
      const settings = await settingsOf(db);
      const now = ctx.now();
      const result: PurgeOutcome = { purged: 0, stubsRemoved: 0, skipped: 0 };
      const byDay = new Map<string, DayEntry[]>();
      const { due, conflictMarks: marks } = await candidates(ctx, unlocked, settings, now);
      for (const entry of due) {
        const day = arrivalDay(entry.summary.arrivedAt);
        byDay.set(day, [...(byDay.get(day) ?? []), entry]);
      }
      for (const entries of byDay.values()) {
        // Not while open for editing in a tab: the editing lock is held there.
        const releases: (() => void)[] = [];
        const free: DayEntry[] = [];
        for (const entry of entries) {
          const release = await tryHoldLock(`safeguarding-triage:attendance:${entry.id}`);
          if (release) {
            releases.push(release);
            free.push(entry);
          } else result.skipped += 1;
        }
        try {
          const purged = await purgeDay(ctx, unlocked, free, now, marks);
          result.purged += purged;
          result.skipped += free.length - purged;
        } finally {
          for (const release of releases) release();
        }
      }
      const expired = await expiredStubIds(db, settings, now);
      await db.retainedStubs.bulkDelete(expired);
      result.stubsRemoved = expired.length;
      return result;
    });
    if (outcome.purged > 0 || outcome.stubsRemoved > 0) {
      const settings = await settingsOf(db);
      await ctx.audit.append(
        'purge',
        '',
        `Retention purge: ${String(outcome.purged)} finished ${outcome.purged === 1 ? 'attendance' : 'attendances'} removed after ${String(settings.retentionDays)} days, each leaving a sealed stub for look-ups; ${String(outcome.stubsRemoved)} ${outcome.stubsRemoved === 1 ? 'stub' : 'stubs'} older than ${String(settings.retainedStubMonths)} months removed`,
      );
    }
    return ok(outcome);
  } catch (error) {
    return err(toStorageFailure(error));
  }
}

/** Purges one day's due attendances in one transaction with the day's index row; returns how many went. */
async function purgeDay(ctx: StorageContext, unlocked: Unlocked, entries: readonly DayEntry[], now: string, marks: ReadonlyMap<string, string>): Promise<number> {
  if (entries.length === 0) return 0;
  const { db } = ctx;
  const rows = await db.attendances.bulkGet(entries.map((entry) => entry.id));
  const indexes = new IndexCache();
  // Sealed before the transaction (never await WebCrypto inside one).
  const stubs: { rev: number; row: RetainedStubRow; draftKeys: string[] }[] = [];
  for (const [index, entry] of entries.entries()) {
    const row = rows[index];
    if (!row) continue;
    // The age band is no longer in clear on the row (issue 11): from the sealed summary's age.
    const stub: RetainedStub = stubFromSummary(entry.summary, ageBand(entry.summary.ageYears ?? undefined), now);
    const opened = await openRowPart(unlocked, row, 'payload');
    const record = opened ? assessmentRecordSchema.safeParse(opened.value) : undefined;
    // The look-up values go into the stub, sealed, so a re-key can make its indexes again; the indexes under the current key.
    const lookup = record?.success ? blindIndexInputs(record.data) : undefined;
    const [nhsIndex, nameDobIndex] = lookup ? await Promise.all([indexes.get(unlocked.keys, 'nhs-number', lookup.nhs), indexes.get(unlocked.keys, 'name-dob', lookup.nameDob)]) : [row.nhsIndex, row.nameDobIndex];
    stubs.push({
      rev: row.rev,
      row: {
        id: row.id,
        arrivedOn: stub.arrivedOn,
        nhsIndex,
        nameDobIndex,
        payload: await sealRow(unlocked, stub, retainedStubAddress(row.id)),
        ...(lookup ? { lookup: await sealRow(unlocked, { nhs: lookup.nhs ?? '', nameDob: lookup.nameDob ?? '' }, stubLookupAddress(row.id)) } : {}),
      },
      draftKeys: await draftKeysOf(unlocked, row),
    });
  }
  const sharing = (await readEnrolment(db)) !== undefined;
  return writeWithDays(
    ctx,
    unlocked,
    () => stubs.map(({ row }) => ({ type: 'remove' as const, id: row.id, day: rows.find((each) => each?.id === row.id)?.arrivedDay ?? '' })),
    (commit) =>
      db.transaction('rw', [db.attendances, db.letters, db.liaisonReviews, db.gpLettersDue, db.meta, db.attendanceDays, db.retainedStubs, db.departmentRows], async () => {
        // One saved since it was read (an addendum): the day is left for the next purge, which reads it again.
        const current = await db.attendances.bulkGet(stubs.map(({ row }) => row.id));
        if (stubs.some(({ rev }, index) => current[index]?.rev !== rev)) return 0;
        // A conflict addendum pulled or changed since the decision (issue 14): the day is left for the next purge, which opens it.
        for (const { row } of stubs) {
          const held = await db.departmentRows.where('key').startsWith(conflictRowsPrefix(row.id)).toArray();
          if (conflictMarks(held.map(conflictRowMark)) !== (marks.get(row.id) ?? '')) return 0;
        }
        let purged = 0;
        for (const { row, draftKeys } of stubs) {
          // On a tablet that shares: the letter versions' ids, for the tombstone the sync pushes (sync/travel-stub.ts).
          if (sharing) await db.meta.put({ key: purgedRowsKey(row.id), value: { letters: await db.letters.where('attendanceId').equals(row.id).primaryKeys() } satisfies PurgedRows });
          await db.attendances.delete(row.id);
          await db.meta.bulkDelete(draftKeys);
          await db.letters.where('attendanceId').equals(row.id).delete();
          await db.liaisonReviews.delete(row.id);
          await db.gpLettersDue.delete(row.id);
          // Conflict addenda held for it on a tablet that shares (rows `draft <attendance>:…`, sync/conflict.ts); the tombstone purges them at the server.
          await db.departmentRows.where('key').startsWith(`draft ${row.id}:`).delete();
          await db.meta.where('key').between(`letter-draft:${row.id}:`, `letter-draft:${row.id}:\uffff`, true, true).delete();
          await db.retainedStubs.put(row);
          purged += 1;
        }
        await commit();
        return purged;
      }),
  );
}

/**
 * The stubs a look-up finds by the blind indexes it asked with, as summaries the look-up
 * domain reads (retention.ts stubAsSummary), each saying which key agreed.
 */
export async function findStubs(
  db: TriageDatabase,
  unlocked: Unlocked,
  indexes: { nhsIndex: readonly string[]; nameDobIndex: readonly string[] },
  asked: { nhsNumber?: string | undefined; familyName?: string | undefined; dateOfBirth?: string | undefined },
): Promise<AttendanceSummary[]> {
  // Each list holds the index under every key a look-up asks with (one, or two while a re-key is pending: vault.ts lookupKeys).
  const [byNhs, byName] = await Promise.all([
    indexes.nhsIndex.length ? db.retainedStubs.where('nhsIndex').anyOf([...indexes.nhsIndex]).toArray() : Promise.resolve([]),
    indexes.nameDobIndex.length ? db.retainedStubs.where('nameDobIndex').anyOf([...indexes.nameDobIndex]).toArray() : Promise.resolve([]),
  ]);
  const rows = [...new Map([...byNhs, ...byName].map((row) => [row.id, row])).values()];
  const agreement = (asked: readonly string[], kept: string): KeyAgreement => (asked.length === 0 || kept === '' ? 'unknown' : asked.includes(kept) ? 'same' : 'different');
  const found: AttendanceSummary[] = [];
  for (const row of rows) {
    const stub = await openStub(unlocked, row);
    if (stub) found.push(stubAsSummary(stub, { nhs: agreement(indexes.nhsIndex, row.nhsIndex), nameDob: agreement(indexes.nameDobIndex, row.nameDobIndex) }, asked));
  }
  return found;
}

/**
 * The meta keys every unfinished letter of an attendance can have: since issue 11 a draft's
 * key is a keyed hash of its letter (letter-rows.ts letterDraftKey), so each letter the record
 * can have is named (each kind, and each Think Family child's notifications; the record is
 * opened for its children). Drafts saved before version 5 go by their prefix in the purge.
 */
async function draftKeysOf(unlocked: Unlocked, row: AttendanceRow): Promise<string[]> {
  const opened = await openRowPart(unlocked, row, 'payload');
  const record = opened ? assessmentRecordSchema.safeParse(opened.value) : undefined;
  const children = record?.success ? record.data.answers.thinkFamily.children.map((child) => child.id) : [];
  const identities: LetterIdentity[] = [...letterKinds.map((kind) => ({ kind })), ...children.flatMap((childId) => (['health-visitor', 'school-nurse'] as const).map((kind) => ({ kind, childId })))];
  // Under every key a draft can be kept under (two while a re-key is pending).
  return Promise.all(lookupKeys(unlocked).flatMap((keys) => identities.map((identity) => letterDraftKey(keys, row.id, identity))));
}

/** Where a stub is sealed (crypto/sealed-row): the purged attendance's id. */
const retainedStubAddress = (id: string): RowAddress => ({ table: 'retainedStubs', id, field: 'payload', rev: 0 });
/** Where a stub's look-up values are sealed. */
const stubLookupAddress = (id: string): RowAddress => ({ table: 'retainedStubs', id, field: 'lookup', rev: 0 });

/**
 * A stub sealed again under the keys' epoch (the re-seal job: reseal.ts); while a re-key is
 * pending its blind indexes are made again under the new index key from its sealed look-up
 * values. A stub purged before those were kept keeps its indexes: SECURITY.md "Re-keying"
 * says what that means. Undefined when it does not open.
 */
export async function resealStub(unlocked: Unlocked, row: RetainedStubRow): Promise<RetainedStubRow | undefined> {
  const opened = await openRow(unlocked, row.payload, retainedStubAddress(row.id), [retainedStubAad(unlocked.deviceId, row.id)]);
  if (!opened) return undefined;
  const next: RetainedStubRow = { ...row, payload: await sealRow(unlocked, opened.value, retainedStubAddress(row.id)) };
  if (row.lookup === undefined) return next;
  const lookup = await openRow(unlocked, row.lookup, stubLookupAddress(row.id));
  const values = lookup?.value as { nhs?: unknown; nameDob?: unknown } | undefined;
  if (typeof values?.nhs !== 'string' || typeof values.nameDob !== 'string') return undefined;
  const indexes = new IndexCache();
  next.lookup = await sealRow(unlocked, { nhs: values.nhs, nameDob: values.nameDob }, stubLookupAddress(row.id));
  if (unlocked.previous) {
    next.nhsIndex = await indexes.get(unlocked.keys, 'nhs-number', values.nhs);
    next.nameDobIndex = await indexes.get(unlocked.keys, 'name-dob', values.nameDob);
  }
  return next;
}

/** Opens a stub row; undefined when it does not open (then it is not shown). */
export async function openStub(unlocked: Unlocked, row: RetainedStubRow): Promise<RetainedStub | undefined> {
  const opened = await openRow(unlocked, row.payload, retainedStubAddress(row.id), [retainedStubAad(unlocked.deviceId, row.id)]);
  if (!opened) return undefined;
  const parsed = retainedStubSchema.safeParse(opened.value);
  return parsed.success && parsed.data.id === row.id ? parsed.data : undefined;
}
