/**
 * Letters in storage (PRODUCT.md section 5): issuing freezes a version, sealed with AES-GCM
 * under the device data key; re-issuing adds a version; every version stays readable.
 *
 * Like every write here, the letter is sealed BEFORE the IndexedDB transaction opens, and
 * nothing is awaited inside it but IndexedDB (Dexie PrematureCommitError). Reading is
 * load-then-return: the print view gets a decrypted letter and no open transaction, so a
 * print dialog that pauses the page cannot time one out (Dexie issue 323, research
 * anchors "Printing").
 *
 * The AAD binds the sealed letter to this device, its attendance and its own id, so a
 * letter copied onto another attendance or device does not open. The clear row keeps only
 * what lists need: ids, kind, version, time and who issued it.
 */
import { liveQuery } from 'dexie';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { issuedLetterSchema } from '../../domain/letters/issued';
import type { IssuedLetter, IssuedLetterSummary } from '../../domain/letters/issued';
import { letterKindLabels, letterKindSchema } from '../../domain/letters/model';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { open as openSealed, seal } from '../crypto/codec';
import type { LetterRow } from '../db';
import { aad, openSummaries } from './attendance-crypto';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import type { IssueLetterRequest, LetterRepository, LiveValue, StorageFailure } from './types';

export const letterAad = (deviceId: string, attendanceId: string, letterId: string): string => `${deviceId}:attendance:${attendanceId}:letter:${letterId}`;

const damaged = (): StorageFailure => ({
  kind: 'damaged',
  message: 'This letter could not be opened: the copy on this tablet has been changed or damaged, or it was not written on this tablet. Tell the nurse in charge.',
});

export function letterSummary(row: LetterRow): IssuedLetterSummary | undefined {
  const kind = letterKindSchema.safeParse(row.kind);
  if (!kind.success) return undefined;
  return { id: row.id, attendanceId: row.attendanceId, kind: kind.data, version: row.version, issuedAt: row.issuedAt, issuedById: row.issuedById };
}

const describe = (letter: Pick<IssuedLetterSummary, 'kind' | 'version' | 'id'>): string => `${letterKindLabels[letter.kind]}, version ${letter.version} (letter ${letter.id})`;

export class RealLetterRepository implements LetterRepository {
  constructor(private readonly ctx: StorageContext) {}

  async readAttendance(attendanceId: string): Promise<Result<AssessmentRecord, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    try {
      const row = await this.ctx.db.attendances.get(attendanceId);
      if (!row) return err({ kind: 'not-found', message: 'This assessment is not on this tablet.' });
      const opened = await openSealed(unlocked.value.keys.dataKey, row.payload, aad(unlocked.value.deviceId, attendanceId, 'payload'));
      if (!opened.ok) return err(damaged());
      const parsed = assessmentRecordSchema.safeParse(opened.value);
      return parsed.success && parsed.data.id === attendanceId ? ok(parsed.data) : err(damaged());
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  versions(attendanceId: string): LiveValue<IssuedLetterSummary[]> {
    return liveQuery(async () => {
      const rows = await this.ctx.db.letters.where('attendanceId').equals(attendanceId).toArray();
      return rows
        .map(letterSummary)
        .filter((summary): summary is IssuedLetterSummary => summary !== undefined)
        .sort((a, b) => (a.issuedAt === b.issuedAt ? b.version - a.version : a.issuedAt < b.issuedAt ? 1 : -1));
    });
  }

  async issue(request: IssueLetterRequest): Promise<Result<IssuedLetter, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    const { db } = this.ctx;
    try {
      const existing = await db.letters.where('[attendanceId+kind]').equals([request.attendanceId, request.kind]).toArray();
      const version = existing.reduce((highest, row) => Math.max(highest, row.version), 0) + 1;
      const id = this.ctx.newId();
      const at = this.ctx.now();
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
      };
      const payload = await seal(unlocked.value.keys.dataKey, letter, letterAad(unlocked.value.deviceId, request.attendanceId, id));
      const row: LetterRow = { id, attendanceId: request.attendanceId, kind: request.kind, version, issuedAt: at, issuedById: staff.id, payload };
      // Another tab issued the same letter meanwhile: refuse rather than make two "version N".
      const clash = await db.transaction('rw', db.letters, async () => {
        const now = await db.letters.where('[attendanceId+kind]').equals([request.attendanceId, request.kind]).count();
        if (now !== existing.length) return true;
        await db.letters.add(row);
        return false;
      });
      if (clash) return err({ kind: 'stale', message: 'This letter was issued in another tab just now. Check the issued versions, then issue again if needed.' });
      await this.ctx.audit.append('letter-issued', request.attendanceId, `${describe(letter)} issued`);
      return ok(letter);
    } catch (error) {
      return err(toStorageFailure(error));
    }
  }

  async open(letterId: string): Promise<Result<IssuedLetter, StorageFailure>> {
    const unlocked = this.ctx.vault.require();
    if (!unlocked.ok) return unlocked;
    let row: LetterRow | undefined;
    try {
      row = await this.ctx.db.letters.get(letterId);
    } catch (error) {
      return err(toStorageFailure(error));
    }
    if (!row) return err({ kind: 'not-found', message: 'This letter is not on this tablet.' });
    const opened = await openSealed(unlocked.value.keys.dataKey, row.payload, letterAad(unlocked.value.deviceId, row.attendanceId, row.id));
    if (!opened.ok) return err(damaged());
    const parsed = issuedLetterSchema.safeParse(opened.value);
    if (!parsed.success || parsed.data.id !== row.id || parsed.data.attendanceId !== row.attendanceId || parsed.data.version !== row.version) return err(damaged());
    return ok(parsed.data);
  }

  recordPrinted(letter: IssuedLetterSummary): Promise<void> {
    return this.ctx.audit.append('print', letter.attendanceId, `${describe(letter)} printed`);
  }

  recordDownloaded(letter: IssuedLetterSummary): Promise<void> {
    return this.ctx.audit.append('download', letter.attendanceId, `${describe(letter)} downloaded as PDF`);
  }

  awaitingGpLetter(): LiveValue<AttendanceSummary[]> {
    return liveQuery(async () => {
      const { db } = this.ctx;
      // Keys only: the sealed letters are not read to find which attendances have one.
      const keys = (await db.letters.orderBy('[attendanceId+kind]').keys()) as unknown as [string, string][];
      const withGpLetter = new Set(keys.filter(([, kind]) => kind === 'gp').map(([attendanceId]) => attendanceId));
      const rows = await db.attendances.where('status').equals('signed').filter((row) => !withGpLetter.has(row.id)).toArray();
      return openSummaries(this.ctx.vault.peek(), rows);
    });
  }
}
