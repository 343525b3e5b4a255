/**
 * Writing attendances, loaded on demand (the home screen does not need it): create, open
 * for editing, and the editor that seals and saves every change.
 *
 * Every write seals the record and a small list summary with AES-GCM BEFORE opening the
 * IndexedDB transaction (awaiting WebCrypto inside a transaction commits it early: Dexie
 * PrematureCommitError). The editor's saves have the seal worker make the summary and the
 * seals (attendance-sealer.ts), off the main thread the nurse types on; every other write
 * seals in the page. Look-ups use HMAC blind indexes of the normalised NHS number and of
 * last name + date of birth, never the clear values.
 */
import { issuedLetterFacts } from '../../domain/assessment/attendance-summary';
import type { IssuedLetterFacts } from '../../domain/assessment/attendance-summary';
import { lettersIssuedOf } from './letters-due-facts';
import { dayIndexEntryUnchanged, letterRowCount, putRowIfCurrent } from './attendance-row-write';
import { transportFingerprint } from '../crypto/transport';
import { addAddendum, createAssessment, signAssessment } from '../../domain/assessment/lifecycle';
import { readDateOfBirth, readNhsNumber } from '../../domain/assessment/patient-readers';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import { prefillFromEarlierAttendance } from '../../domain/assessment/patient-look-up';
import type { Addendum, AssessmentRecord } from '../../domain/assessment/record';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { normaliseNameForMatching } from '../../domain/shared/text';
import type { AttendanceRow } from '../db';
import { IndexCache, openRowPart, readWorklistState, sealWorklist, WORKLIST_LOCK, worklistFromSummaries } from './attendance-crypto';
import { sealAttendanceParts } from './attendance-seal-work';
import type { QuickWrite, SealedAttendance } from './attendance-seal-work';
import { appSealer, SEAL_WORKER_WROTE_MARK } from './attendance-sealer';
import type { Sealer } from './attendance-sealer';
import { DayIndexConflict, writeWithDays } from './day-index';
import { currentWorklistRevision, recordRollbackMessage, reportRecordRollback, revisionNote } from './revisions';
import type { StorageContext } from './context';
import { messages, toStorageFailure } from './failures';
import { tryHoldLock, withLock } from './locks';
import type { AssessmentEditor, NewAttendanceOptions, SaveReceipt, Stamp, StorageFailure } from './types';
import type { Unlocked } from './vault';

const damaged = (): StorageFailure => ({
  kind: 'damaged',
  message: 'This assessment could not be opened: the copy on this tablet has been changed or damaged, or it was not written on this tablet. Tell the nurse in charge.',
});

const rolledBack = (read: number, held: number): StorageFailure => ({ kind: 'damaged', message: `${recordRollbackMessage(read, held)} Tell the nurse in charge.` });

/** Blind-index inputs: digits-only NHS number; normalised last name + ISO date of birth. */
export function blindIndexInputs(record: AssessmentRecord): { nhs: string | undefined; nameDob: string | undefined } {
  const patient = record.answers.patient;
  const nhs = readNhsNumber(patient);
  const dob = readDateOfBirth(patient);
  const family = normaliseNameForMatching(patient.familyName);
  return { nhs, nameDob: dob && family ? `${family}|${dob}` : undefined };
}

/**
 * The sealed row for `record`, the clear summary it sealed (the writer reads the pending
 * referral from it and the per-day index holds it) and the exact arrival instant (inside the
 * seal only: the attendance row keeps the London day, db.ts version 5, issue 11). `quick`:
 * the editor's autosave asks the seal worker to write the row too when it can
 * (attendance-quick-write.ts); the outcome comes back in `quick`.
 */
export async function sealAttendance(
  unlocked: Unlocked,
  record: AssessmentRecord,
  rev: number,
  now: string,
  indexes: IndexCache,
  /** The letters issued for it (letters-due-facts.ts), so the summary says which are (issue 14); absent: it says nothing of them. */
  issued?: IssuedLetterFacts,
  /** Where the summary is made and the seals done: in the page unless given (the editor's autosave uses the seal worker, attendance-sealer.ts). */
  sealer: Sealer = sealAttendanceParts,
  quick?: QuickWrite,
): Promise<SealedAttendance> {
  const inputs = blindIndexInputs(record);
  const [nhsIndex, nameDobIndex] = await Promise.all([indexes.get(unlocked.keys, 'nhs-number', inputs.nhs), indexes.get(unlocked.keys, 'name-dob', inputs.nameDob)]);
  return sealer({ record, rev, now, issued, deviceId: unlocked.deviceId, epoch: unlocked.epoch, dataKey: unlocked.keys.dataKey, nhsIndex, nameDobIndex, quick });
}

/** The sealed row for `record` and its exact arrival instant (the summaries copy keeps it; the row keeps the day). */
export async function buildRow(unlocked: Unlocked, record: AssessmentRecord, rev: number, now: string, indexes: IndexCache): Promise<AttendanceRow> {
  return (await sealAttendance(unlocked, record, rev, now, indexes)).row;
}

/** The same, with the exact arrival instant for the summaries copy. */
export async function buildRowWithArrival(unlocked: Unlocked, record: AssessmentRecord, rev: number, now: string, indexes: IndexCache): Promise<{ row: AttendanceRow; arrivedAt: string }> {
  const { row, arrivedAt } = await sealAttendance(unlocked, record, rev, now, indexes);
  return { row, arrivedAt };
}

/**
 * The sealed worklist with `id` added or removed, or undefined when it already says so.
 * Call while holding WORKLIST_LOCK, and write the result before releasing it.
 */
async function nextWorklist(ctx: StorageContext, unlocked: Unlocked, id: string, pending: boolean): Promise<{ key: string; value: unknown } | undefined> {
  const stored = await readWorklistState(ctx.db, unlocked);
  const ids = new Set(stored?.ids ?? (await worklistFromSummaries(ctx.db, unlocked)));
  if (stored && pending === ids.has(id)) return undefined;
  if (pending) ids.add(id);
  else ids.delete(id);
  // Numbered after whatever is higher, the stored revision or the trail's, so it never goes back.
  return sealWorklist(unlocked, ids, Math.max(stored?.rev ?? 0, await ctx.revisions.worklistHeld()) + 1);
}

/** Whether the seal worker has written a save in this page yet (for its User Timing mark). */
let workerHasWritten = false;

class Editor implements AssessmentEditor {
  private current: AssessmentRecord;
  private pending: AssessmentRecord | undefined;
  private writing: Promise<Result<SaveReceipt | undefined, StorageFailure>> | undefined;
  private lastFailure: StorageFailure | undefined;
  private readonly indexes = new IndexCache();
  /** Whether the worklist holds this attendance as far as this editor knows: unknown until the first save checks it. */
  private onWorklist: boolean | undefined = undefined;
  /** The letters issued for this attendance as last read, and from how many letter rows (writeOnce counts them again in its transaction). */
  private issued: { facts: IssuedLetterFacts | undefined; rows: number } | undefined;
  /** The summary (JSON) this editor last wrote to the day index entry at `day`; undefined until its first save. */
  private indexedSummary: string | undefined;

  constructor(
    private readonly ctx: StorageContext,
    record: AssessmentRecord,
    private rev: number,
    /** The London day the stored row is indexed under (day-index.ts). */
    private day: string,
    readonly readOnly: boolean,
    private readonly release: (() => void) | undefined,
  ) {
    this.current = record;
    this.saved = record;
  }

  /** The record as this editor last read or saved it (see adoptUnchangedRevision). */
  private saved: AssessmentRecord;

  /**
   * A stored revision newer than this editor's that it may go on from, its record unchanged:
   * - a letter issued since this editor read the record seals the row again at the next
   *   revision with the record unchanged (letter-writes.ts, issue 14: the summary says the
   *   letter is issued): the stored record is exactly the one this editor last saved;
   * - this editor's own write, made by the seal worker, whose answer never came (the worker
   *   was given up, attendance-sealer.ts): the stored record is exactly the one being written.
   * Compared by canonical JSON. The editor goes on from the stored revision instead of
   * reporting a change made elsewhere; any other difference is still 'stale'.
   */
  private async adoptUnchangedRevision(unlocked: Unlocked, writing: AssessmentRecord): Promise<boolean> {
    const stored = await this.ctx.db.attendances.get(writing.id);
    if (!stored || stored.rev <= this.rev) return false;
    const opened = await openRowPart(unlocked, stored, 'payload');
    if (!opened) return false;
    const found = await transportFingerprint(opened.value);
    if (found !== (await transportFingerprint(this.saved)) && found !== (await transportFingerprint(writing))) return false;
    this.rev = stored.rev;
    // The reseal wrote the day index entry with the letter in its summary; the worker's write left it as it was.
    this.indexedSummary = undefined;
    return true;
  }

  get id(): string {
    return this.current.id;
  }

  record(): AssessmentRecord {
    return this.current;
  }

  private stamp(unlocked: Unlocked): Stamp {
    return { at: this.ctx.now(), by: unlocked.staff };
  }

  async update(change: (record: AssessmentRecord, stamp: Stamp) => AssessmentRecord): Promise<Result<SaveReceipt, StorageFailure>> {
    if (this.readOnly) return err({ kind: 'forbidden', message: 'This assessment is open in another tab, so it is read-only here.' });
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    const stamp = this.stamp(unlocked.value);
    this.current = { ...change(this.current, stamp), updatedAt: stamp.at, updatedBy: stamp.by };
    this.pending = this.current;
    const result = await this.drain();
    if (!result.ok) return result;
    return ok(result.value ?? { savedAt: stamp.at, rev: this.rev });
  }

  flush(): Promise<Result<SaveReceipt | undefined, StorageFailure>> {
    return this.drain();
  }

  private drain(): Promise<Result<SaveReceipt | undefined, StorageFailure>> {
    this.writing ??= this.writeAll().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async writeAll(): Promise<Result<SaveReceipt | undefined, StorageFailure>> {
    let last: Result<SaveReceipt | undefined, StorageFailure> = this.lastFailure ? err(this.lastFailure) : ok(undefined);
    while (this.pending) {
      const record = this.pending;
      this.pending = undefined;
      last = await this.write(record);
      if (!last.ok) {
        // Keep the newest unsaved version for the next attempt; never drop what is on screen.
        this.pending ??= record;
        this.lastFailure = last.error;
        return last;
      }
      this.lastFailure = undefined;
    }
    return last;
  }

  private async write(record: AssessmentRecord): Promise<Result<SaveReceipt, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    try {
      // Usually one attempt. A letter issued since (its reseal, or its row) is taken up and
      // the write made again, as is this editor's own write that the seal worker made without
      // its answer reaching here; anything else saved meanwhile is 'stale'.
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const outcome = await this.writeOnce(unlocked.value, record).catch((error: unknown) => {
          // The row moved to another day under this editor (writeWithDays retries its own; the
          // transaction without the index cannot meet it unless the row changed): again, from that day.
          if (error instanceof DayIndexConflict) return { kind: 'again' } as const;
          throw error;
        });
        if (outcome.kind === 'written') return ok(outcome.receipt);
        this.issued = undefined;
        if (outcome.kind === 'stale' && !(await this.adoptUnchangedRevision(unlocked.value, record))) break;
      }
      return err({ kind: 'stale', message: messages.stale });
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  /**
   * One attempt at writing `record` at the next revision. What an autosave costs is kept to
   * one read-write transaction when nothing but the answers changed (PRODUCT.md section 10,
   * "autosave of one change"): the letters issued are read once and then only counted, and
   * the day index entry is written only when the summary it holds would change. That
   * transaction is made by the seal worker when it can (attendance-quick-write.ts), right
   * after it seals the row; when it cannot, or more than the row changes, it is made here.
   */
  private async writeOnce(unlocked: Unlocked, record: AssessmentRecord): Promise<{ kind: 'written'; receipt: SaveReceipt } | { kind: 'stale' } | { kind: 'again' }> {
    const issued = (this.issued ??= await this.readIssued(unlocked, record.id));
    const { db } = this.ctx;
    const expected = this.rev;
    const read = { rev: expected, day: this.day, letterRows: issued.rows };
    const beside = { day: this.day, indexedSummary: this.indexedSummary, onWorklist: this.onWorklist };
    const sealed = await sealAttendance(unlocked, record, expected + 1, this.ctx.now(), this.indexes, issued.facts, await appSealer(), { database: db.name, read, ...beside });
    const { row, summary } = sealed;
    const toDay = row.arrivedDay;
    const summaryJson = JSON.stringify(summary);
    const pending = summary.pendingReferral !== null;
    const indexUnchanged = dayIndexEntryUnchanged(summary, summaryJson, toDay, beside);
    const written = (): { kind: 'written'; receipt: SaveReceipt } => {
      this.rev = row.rev;
      this.saved = record;
      this.day = toDay;
      this.onWorklist = pending;
      // Left unchanged, the entry still holds what this editor last wrote there.
      if (!indexUnchanged) this.indexedSummary = summaryJson;
      return { kind: 'written', receipt: { savedAt: row.updatedAt, rev: row.rev } };
    };
    // Written by the seal worker (only ever when onlyTheRowChanges holds), or found stale there.
    const quick = sealed.quick;
    if (quick && quick.kind !== 'not-written') {
      if (quick.kind === 'written') {
        // A User Timing mark the first time the worker writes a save: the browser tests read it.
        // Once only: a mark at every save cost about 2 ms of main thread each at 4x (a profile, 30 November 2026).
        if (!workerHasWritten) {
          workerHasWritten = true;
          performance.mark(SEAL_WORKER_WROTE_MARK);
        }
        return written();
      }
      if (quick.kind === 'moved') {
        // The row moved to another day under this editor: again, from that day.
        this.day = quick.storedDay;
        return { kind: 'again' };
      }
      return { kind: quick.kind };
    }
    // The row, its day index entry and any change to the referral worklist commit in one
    // transaction, so a killed tab can never leave a referral to make off the home screen's
    // list, nor the liaison list reading an older summary than the record's.
    const inTransaction = async (commit: (() => Promise<void>) | undefined, worklist?: { key: string; value: unknown }): Promise<'written' | 'stale' | 'again'> => {
      const outcome = await putRowIfCurrent(db, row, read);
      if (outcome.kind === 'moved') {
        this.day = outcome.storedDay;
        throw new DayIndexConflict();
      }
      if (outcome.kind !== 'written') return outcome.kind;
      await commit?.();
      if (worklist) await db.meta.put(worklist);
      // Signing makes the GP letter due (issuing it clears this, in letter-writes).
      if (row.status === 'signed' && outcome.previousStatus !== 'signed') await db.gpLettersDue.put({ attendanceId: row.id });
      return 'written';
    };
    const put = (worklist?: { key: string; value: unknown }) =>
      indexUnchanged && !worklist
        ? db.transaction('rw', [db.attendances, db.letters, db.gpLettersDue], () => inTransaction(undefined))
        : writeWithDays(
            this.ctx,
            unlocked,
            () => [{ type: 'summary', id: record.id, from: this.day, to: toDay, rev: row.rev, summary }],
            (commit) => db.transaction('rw', [db.attendances, db.attendanceDays, db.meta, db.gpLettersDue, db.letters], () => inTransaction(commit, worklist)),
          );
    const outcome = pending === this.onWorklist ? await put() : await withLock(WORKLIST_LOCK, async () => put(await nextWorklist(this.ctx, unlocked, record.id, pending)));
    if (outcome !== 'written') return { kind: outcome };
    return written();
  }

  /** The letters issued for this attendance and how many letter rows they were read from. */
  private async readIssued(unlocked: Unlocked, id: string): Promise<{ facts: IssuedLetterFacts | undefined; rows: number }> {
    const [facts, rows] = await Promise.all([lettersIssuedOf(this.ctx.db, unlocked, id), letterRowCount(this.ctx.db, id)]);
    return { facts, rows };
  }

  async sign(): Promise<Result<AssessmentRecord, StorageFailure>> {
    const result = await this.update((record, stamp) => signAssessment(record, stamp.at, stamp.by));
    if (!result.ok) return result;
    // The record's and the worklist's revisions go into the chain: a later read of an older revision is a rollback.
    await this.ctx.audit.append('sign', this.id, `Assessment signed and locked ${await this.revisions()}`);
    return ok(this.current);
  }

  async addAddendum(reason: string, changes: Addendum['changes']): Promise<Result<AssessmentRecord, StorageFailure>> {
    const result = await this.update((record, stamp) => addAddendum(record, { id: this.ctx.newId(), at: stamp.at, by: stamp.by, reason, changes }));
    if (!result.ok) return result;
    await this.ctx.audit.append('addendum', this.id, `Addendum: ${Object.keys(changes).join(', ')} ${await this.revisions()}`);
    return ok(this.current);
  }

  /** "(record revision 7; worklist revision 3)" for the chain (revisions.ts). */
  private async revisions(): Promise<string> {
    return revisionNote(this.rev, await currentWorklistRevision(this.ctx));
  }

  async noteChange(detail: string): Promise<void> {
    if (!this.readOnly) await this.ctx.audit.append('change', this.id, detail);
  }

  close(): void {
    this.release?.();
  }
}

/** Reads and opens one sealed record without taking the editing lock. */
async function readSealedRecord(ctx: StorageContext, unlocked: Unlocked, id: string): Promise<Result<AssessmentRecord, StorageFailure>> {
  const row = await ctx.db.attendances.get(id);
  if (!row) return err({ kind: 'not-found', message: 'The earlier attendance is not on this tablet.' });
  const opened = await openRowPart(unlocked, row, 'payload');
  if (!opened) return err(damaged());
  const parsed = assessmentRecordSchema.safeParse(opened.value);
  return parsed.success && parsed.data.id === id ? ok(parsed.data) : err(damaged());
}

/** A new assessment; with `prefillFrom`, the patient details come from that earlier attendance for the nurse to check. */
export async function createAttendance(ctx: StorageContext, options: NewAttendanceOptions = {}): Promise<Result<AssessmentRecord, StorageFailure>> {
    const unlocked = ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    const id = ctx.newId();
    let record = createAssessment(id, ctx.now(), unlocked.value.staff, options.openingPage?.(id));
    try {
      if (options.prefillFrom !== undefined) {
        const earlier = await readSealedRecord(ctx, unlocked.value, options.prefillFrom);
        if (!earlier.ok) return earlier;
        record = prefillFromEarlierAttendance(record, earlier.value);
      }
      // A new attendance has no letter issued (the summary says so: issue 14).
      const { row, summary } = await sealAttendance(unlocked.value, record, 1, ctx.now(), new IndexCache(), issuedLetterFacts([]));
      const { db } = ctx;
      await writeWithDays(
        ctx,
        unlocked.value,
        () => [{ type: 'summary', id: row.id, from: undefined, to: row.arrivedDay, rev: row.rev, summary }],
        (commit) =>
          db.transaction('rw', [db.attendances, db.attendanceDays], async () => {
            await db.attendances.add(row);
            await commit();
          }),
      );
      await ctx.audit.append('create', record.id, record.prefilledFrom ? `Assessment started, patient details pre-filled from attendance ${record.prefilledFrom.attendanceId}` : 'Assessment started');
      return ok(record);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }


export async function openAttendance(ctx: StorageContext, id: string): Promise<Result<AssessmentEditor, StorageFailure>> {
    const unlocked = ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    let row: AttendanceRow | undefined;
    try {
      row = await ctx.db.attendances.get(id);
    } catch (error) {
      return err(toStorageFailure(error));
    }
    if (!row) return err({ kind: 'not-found', message: 'This assessment is not on this tablet.' });
    const opened = await openRowPart(unlocked.value, row, 'payload');
    if (!opened) return err(damaged());
    const parsed = assessmentRecordSchema.safeParse(opened.value);
    if (!parsed.success || parsed.data.id !== id) return err(damaged());
    // An older copy than the trail records is reported and not opened: saving it would bury the newer one.
    const held = await reportRecordRollback(ctx, unlocked.value, id, opened.rev);
    if (held !== undefined) return err(rolledBack(opened.rev, held));
    const release = await tryHoldLock(`safeguarding-triage:attendance:${id}`);
    return ok(new Editor(ctx, parsed.data, row.rev, row.arrivedDay, release === undefined, release));
  }

