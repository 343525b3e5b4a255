/**
 * Reading and issuing letters, loaded on demand (the home screen does not need it): the
 * attendance read-only, issue (seal a new version), and open an issued version.
 *
 * Like every write here, the letter is sealed BEFORE the IndexedDB transaction opens, and
 * nothing is awaited inside it but IndexedDB (Dexie PrematureCommitError). Reading is
 * load-then-return: the print view gets a decrypted letter and no open transaction, so a
 * print dialog that pauses the page cannot time one out (Dexie issue 323, research
 * anchors "Printing").
 *
 * The AAD binds the sealed letter to this device, its attendance and its own id, so a
 * letter copied onto another attendance or device does not open.
 */
import { assessmentRecordSchema } from '../../domain/assessment/record';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { issuedLetterSchema, letterChoicesSchema } from '../../domain/letters/issued';
import type { LetterChoices } from '../../domain/letters/facts';
import type { LetterKind } from '../../domain/letters/kinds';
import type { IssuedLetter } from '../../domain/letters/issued';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { AttendanceRow, LetterRow } from '../db';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { IndexCache, openRowPart, sealAttendancePart } from './attendance-crypto';
import { sealAttendance } from './attendance-writes';
import { lettersIssuedOf } from './letters-due-facts';
import { DayIndexConflict, writeWithDays } from './day-index';
import type { DayEdit } from './day-index';
import { currentWorklistRevision, recordRollbackMessage, reportRecordRollback, revisionNote } from './revisions';
import { lookupKeys } from './vault';
import type { Unlocked } from './vault';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import { describeLetter, legacyLetterDraftKey, letterAad, letterAddress, letterDraftAad, letterDraftAddress, letterDraftKey, letterIdentityIndex, letterIdentityOf, versionsOf } from './letter-rows';
import type { IssueLetterRequest, StorageFailure } from './types';

const damaged = (): StorageFailure => ({
  kind: 'damaged',
  message: 'This letter could not be opened: the copy on this tablet has been changed or damaged, or it was not written on this tablet. Tell the nurse in charge.',
});

export async function readAttendance(ctx: StorageContext, attendanceId: string): Promise<Result<AssessmentRecord, StorageFailure>> {
  const unlocked = ctx.vault.require();
  if (!unlocked.ok) return unlocked;
  try {
    const row = await ctx.db.attendances.get(attendanceId);
    if (!row) return err({ kind: 'not-found', message: 'This assessment is not on this tablet.' });
    const opened = await openRowPart(unlocked.value, row, 'payload');
    if (!opened) return err(damaged());
    const parsed = assessmentRecordSchema.safeParse(opened.value);
    if (!parsed.success || parsed.data.id !== attendanceId) return err(damaged());
    // No letter is composed from an older copy than the trail records.
    const held = await reportRecordRollback(ctx, unlocked.value, attendanceId, opened.rev);
    return held === undefined ? ok(parsed.data) : err({ kind: 'damaged', message: `${recordRollbackMessage(opened.rev, held)} Tell the nurse in charge.` });
  } catch (error) {
    return err(toStorageFailure(error));
  }
}

export async function issueLetter(ctx: StorageContext, request: IssueLetterRequest): Promise<Result<IssuedLetter, StorageFailure>> {
  const unlocked = ctx.vault.require();
  if (!unlocked.ok) return unlocked;
  const { db } = ctx;
  try {
    // Versions count within this letter's identity: attendance + kind + child (issue 10),
    // found by its keyed index (issue 11: the kind is not in clear).
    const identity = request.childId ? { kind: request.kind, childId: request.childId } : { kind: request.kind };
    const keys = unlocked.value.keys;
    // Written under the current key; found (versions, drafts) under each key a look-up asks with (two while a re-key is pending).
    const asking = lookupKeys(unlocked.value);
    const [index, indexes, draftKeys] = await Promise.all([
      letterIdentityIndex(keys, request.attendanceId, identity),
      Promise.all(asking.map((each) => letterIdentityIndex(each, request.attendanceId, identity))),
      Promise.all(asking.map((each) => letterDraftKey(each, request.attendanceId, identity))),
    ]);
    const existing = await versionsOf(db, indexes, request.attendanceId, identity);
    const version = existing.reduce((highest, row) => Math.max(highest, row.version), 0) + 1;
    const id = ctx.newId();
    const at = ctx.now();
    const staff = unlocked.value.staff;
    const composed = request.compose(at, version, staff);
    const letter: IssuedLetter = {
      id,
      attendanceId: request.attendanceId,
      kind: request.kind,
      version,
      issuedAt: at,
      issuedBy: staff,
      document: composed.document,
      choices: { slots: { ...request.choices.slots }, restricted: { ...request.choices.restricted } },
      restrictedCategories: composed.restrictedCategories,
      ...(request.childId ? { childId: request.childId } : {}),
    };
    const [payload, about] = await Promise.all([
      sealRow(unlocked.value, letter, letterAddress(request.attendanceId, id, version, 'payload')),
      sealRow(unlocked.value, identity, letterAddress(request.attendanceId, id, version, 'about')),
    ]);
    const row: LetterRow = { id, attendanceId: request.attendanceId, version, issuedAt: at, issuedById: staff.id, payload, identity: index, about };
    // The attendance's day index entry records the letter in the same transaction (day-index.ts).
    let day: string | undefined;
    // Issue 14: the attendance is sealed again at its next revision with its summary re-derived, which now says the letter is
    // issued, so the department's other tablets stop listing its GP letter as due (letters-due-facts.ts). Undefined when the
    // record does not open here (the letter is still issued; the summary keeps saying what it said).
    let resealed: { from: number; row: AttendanceRow; summary: AttendanceSummary } | undefined;
    const edits = async (): Promise<DayEdit[]> => {
      const attendance = await db.attendances.get(request.attendanceId);
      day = attendance?.arrivedDay;
      resealed = attendance ? await resealWithLetter(unlocked.value, db, attendance, { kind: request.kind, childId: request.childId, issuedAt: at }, ctx.now()) : undefined;
      if (day === undefined) return [];
      const letterEdit: DayEdit = { type: 'letter', id: request.attendanceId, day, letter: { kind: request.kind, childId: request.childId ?? '', firstIssuedAt: at, version } };
      return resealed ? [{ type: 'summary', id: request.attendanceId, from: day, to: day, rev: resealed.row.rev, summary: resealed.summary }, letterEdit] : [letterEdit];
    };
    // Another tab issued the same letter meanwhile: refuse rather than make two "version N".
    const clash = await writeWithDays(ctx, unlocked.value, edits, (commit) =>
      db.transaction('rw', [db.letters, db.meta, db.gpLettersDue, db.attendances, db.attendanceDays], async () => {
        const now = (await versionsOf(db, indexes, request.attendanceId, identity)).length;
        if (now !== existing.length) return true;
        const current = await db.attendances.get(request.attendanceId);
        if (current?.arrivedDay !== day) throw new DayIndexConflict();
        // Saved since it was sealed again: sealed again from what is stored now.
        if (resealed && current?.rev !== resealed.from) throw new DayIndexConflict();
        await db.letters.add(row);
        if (resealed) await db.attendances.put(resealed.row);
        await commit();
        if (request.kind === 'gp' && !request.childId) await db.gpLettersDue.delete(request.attendanceId);
        // The words are in the issued letter now: the unfinished copy goes (and one kept under the key from before version 5).
        await db.meta.bulkDelete([...draftKeys, legacyLetterDraftKey(request.attendanceId, request.kind, request.childId)]);
        return false;
      }),
    );
    if (clash) return err({ kind: 'stale', message: 'This letter was issued in another tab just now. Check the issued versions, then issue again if needed.' });
    // The record's revision goes into the chain: a later read of an older revision is a rollback.
    const revision = (await db.attendances.get(request.attendanceId))?.rev;
    await ctx.audit.append('letter-issued', request.attendanceId, `${describeLetter(letter)} issued${revision === undefined ? '' : ` ${revisionNote(revision, await currentWorklistRevision(ctx))}`}`);
    return ok(letter);
  } catch (error) {
    return err(toStorageFailure(error));
  }
}

/**
 * The attendance row sealed again at its next revision, its record unchanged and its summary
 * derived with the letters issued, this one included; the row's change time is the issue, so
 * the sync pushes it (push.ts). Undefined when the record does not open or names another id.
 */
async function resealWithLetter(unlocked: Unlocked, db: StorageContext['db'], attendance: AttendanceRow, letter: { kind: LetterKind; childId?: string | undefined; issuedAt: string }, now: string): Promise<{ from: number; row: AttendanceRow; summary: AttendanceSummary } | undefined> {
  const opened = await openRowPart(unlocked, attendance, 'payload');
  const parsed = opened ? assessmentRecordSchema.safeParse(opened.value) : undefined;
  if (!parsed?.success || parsed.data.id !== attendance.id) return undefined;
  const issued = await lettersIssuedOf(db, unlocked, attendance.id, letter);
  if (!issued) return undefined;
  const { row, summary } = await sealAttendance(unlocked, parsed.data, attendance.rev + 1, now, new IndexCache(), issued);
  // The record sealed again exactly as stored (not as parsed), so an editor holding it open sees it unchanged (attendance-writes.ts).
  const payload = await sealAttendancePart(unlocked, opened?.value, attendance.id, 'payload', attendance.rev + 1);
  return { from: attendance.rev, row: { ...row, payload, updatedAt: letter.issuedAt }, summary };
}

export async function openLetter(ctx: StorageContext, letterId: string): Promise<Result<IssuedLetter, StorageFailure>> {
  const unlocked = ctx.vault.require();
  if (!unlocked.ok) return unlocked;
  let row: LetterRow | undefined;
  try {
    row = await ctx.db.letters.get(letterId);
  } catch (error) {
    return err(toStorageFailure(error));
  }
  if (!row) return err({ kind: 'not-found', message: 'This letter is not on this tablet.' });
  const [opened, identity] = await Promise.all([
    openRow(unlocked.value, row.payload, letterAddress(row.attendanceId, row.id, row.version, 'payload'), [letterAad(unlocked.value.deviceId, row.attendanceId, row.id)]),
    letterIdentityOf(unlocked.value, row),
  ]);
  if (!opened || !identity) return err(damaged());
  const parsed = issuedLetterSchema.safeParse(opened.value);
  // The sealed letter names its kind and child; the row's (sealed, or clear before version 5) must name the same.
  if (!parsed.success || parsed.data.id !== row.id || parsed.data.attendanceId !== row.attendanceId || parsed.data.version !== row.version || parsed.data.kind !== identity.kind || (parsed.data.childId ?? '') !== (identity.childId ?? '')) return err(damaged());
  return ok(parsed.data);
}

export async function loadLetterDraft(ctx: StorageContext, attendanceId: string, kind: LetterKind, childId?: string): Promise<LetterChoices | undefined> {
  const unlocked = ctx.vault.require();
  if (!unlocked.ok) return undefined;
  try {
    // Under the current key, or while a re-key is pending the old one (not moved by the re-seal job yet).
    const keyed = await Promise.all(lookupKeys(unlocked.value).map((each) => letterDraftKey(each, attendanceId, childId ? { kind, childId } : { kind })));
    const legacyKey = legacyLetterDraftKey(attendanceId, kind, childId);
    const rows = await ctx.db.meta.bulkGet([...keyed, legacyKey]);
    const legacy = rows.at(-1);
    const index = rows.slice(0, -1).findIndex((each) => each !== undefined);
    const key = keyed[index];
    const row = rows[index];
    // A draft saved before version 5 (not yet moved by the re-seal job) under its old key and additional data.
    const opened = row && key !== undefined
      ? await openRow(unlocked.value, row.value, letterDraftAddress(key))
      : legacy
        ? await openRow(unlocked.value, legacy.value, letterDraftAddress(legacyKey), [letterDraftAad(unlocked.value.deviceId, attendanceId, kind, childId)])
        : undefined;
    if (!opened) return undefined;
    const parsed = letterChoicesSchema.safeParse(opened.value);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function saveLetterDraft(ctx: StorageContext, attendanceId: string, kind: LetterKind, choices: LetterChoices, childId?: string): Promise<Result<void, StorageFailure>> {
  const unlocked = ctx.vault.require();
  if (!unlocked.ok) return unlocked;
  try {
    const [key = '', ...older] = await Promise.all(lookupKeys(unlocked.value).map((each) => letterDraftKey(each, attendanceId, childId ? { kind, childId } : { kind })));
    const value = await sealRow(unlocked.value, choices, letterDraftAddress(key));
    await ctx.db.transaction('rw', ctx.db.meta, async () => {
      await ctx.db.meta.put({ key, value });
      // The copy under the key before a re-key (still pending) and the one from before version 5 are older: they go.
      await ctx.db.meta.bulkDelete([...older, legacyLetterDraftKey(attendanceId, kind, childId)]);
    });
    return ok(undefined);
  } catch (error) {
    return err(toStorageFailure(error));
  }
}
