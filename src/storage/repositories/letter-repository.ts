/**
 * Letters in storage (PRODUCT.md section 5): issuing freezes a version, sealed with AES-GCM
 * under the device data key; re-issuing adds a version; every version stays readable.
 *
 * This module holds what lists need and loads with the home screen: issued versions and
 * the attendances still waiting for a GP letter, from the clear columns of the letters
 * table (ids, kind, version, time, who issued it), and the print and download audit events.
 * Reading, sealing and opening letters load on demand (letter-writes.ts).
 */
import { liveQuery } from 'dexie';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { IssuedLetter, IssuedLetterSummary } from '../../domain/letters/issued';
import type { LetterChoices } from '../../domain/letters/facts';
import type { LetterIdentity, LetterKind } from '../../domain/letters/kinds';
import type { Result } from '../../domain/shared/result';
import { openSummaries } from './attendance-crypto';
import type { AttendanceRow } from '../db';
import type { StorageContext } from './context';
import { describeLetter, letterRouteToken, letterSummary } from './letter-rows';
import { DEPARTMENT_LETTERS_DUE_KEY, departmentLettersDue } from '../sync/letters-due';
import type { IssueLetterRequest, LetterRepository, LiveValue, StorageFailure } from './types';

export class RealLetterRepository implements LetterRepository {
  constructor(private readonly ctx: StorageContext) {}

  async readAttendance(attendanceId: string): Promise<Result<AssessmentRecord, StorageFailure>> {
    const { readAttendance } = await import('./letter-writes');
    return readAttendance(this.ctx, attendanceId);
  }

  versions(attendanceId: string): LiveValue<IssuedLetterSummary[]> {
    return liveQuery(async () => {
      const unlocked = this.ctx.vault.peek();
      if (!unlocked) return [];
      const rows = await this.ctx.db.letters.where('attendanceId').equals(attendanceId).toArray();
      // The kind and child are sealed in each row (issue 11): opened here, a few small boxes per attendance.
      return (await Promise.all(rows.map((row) => letterSummary(unlocked, row))))
        .filter((summary): summary is IssuedLetterSummary => summary !== undefined)
        .sort((a, b) => (a.issuedAt === b.issuedAt ? b.version - a.version : a.issuedAt < b.issuedAt ? 1 : -1));
    });
  }

  async issue(request: IssueLetterRequest): Promise<Result<IssuedLetter, StorageFailure>> {
    const { issueLetter } = await import('./letter-writes');
    return issueLetter(this.ctx, request);
  }

  async open(letterId: string): Promise<Result<IssuedLetter, StorageFailure>> {
    const { openLetter } = await import('./letter-writes');
    return openLetter(this.ctx, letterId);
  }

  recordPrinted(letter: IssuedLetterSummary): Promise<void> {
    return this.ctx.audit.append('print', letter.attendanceId, `${describeLetter(letter)} printed`);
  }

  recordDownloaded(letter: IssuedLetterSummary): Promise<void> {
    return this.ctx.audit.append('download', letter.attendanceId, `${describeLetter(letter)} downloaded as PDF`);
  }

  async loadDraft(attendanceId: string, kind: LetterKind, childId?: string): Promise<LetterChoices | undefined> {
    const { loadLetterDraft } = await import('./letter-writes');
    return loadLetterDraft(this.ctx, attendanceId, kind, childId);
  }

  async saveDraft(attendanceId: string, kind: LetterKind, choices: LetterChoices, childId?: string): Promise<Result<void, StorageFailure>> {
    const { saveLetterDraft } = await import('./letter-writes');
    return saveLetterDraft(this.ctx, attendanceId, kind, choices, childId);
  }

  async routeToken(attendanceId: string, identity: LetterIdentity): Promise<string> {
    const unlocked = this.ctx.vault.peek();
    return unlocked ? letterRouteToken(unlocked.keys, attendanceId, identity) : '';
  }

  awaitingGpLetter(): LiveValue<AttendanceSummary[]> {
    return liveQuery(async () => {
      const { db } = this.ctx;
      // The due list holds ids only; just those attendances' rows are read and opened.
      const due = await db.gpLettersDue.toCollection().primaryKeys();
      const rows = (await db.attendances.bulkGet(due)).filter((row): row is AttendanceRow => row?.status === 'signed');
      const unlocked = this.ctx.vault.peek();
      const own = await openSummaries(unlocked, rows);
      // Other tablets' attendances whose summary says their GP letter is due (issue 14; sync/letters-due.ts), marked `sharedFrom`.
      if (!unlocked || (await db.meta.get(DEPARTMENT_LETTERS_DUE_KEY)) === undefined) return own;
      const ownIds = new Set(own.map((summary) => summary.id));
      return [...own, ...(await departmentLettersDue(db, unlocked)).filter((summary) => !ownIds.has(summary.id))];
    });
  }
}
