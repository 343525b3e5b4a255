/**
 * The CPU-heavy half of saving an attendance: the list summary (the domain's summary rules
 * run over the whole record), the record and summary sealed with AES-GCM, and the row they
 * make. Owns that work and the shape of a request for it, so the same code runs in the seal
 * worker (attendance-seal-worker.ts: the autosave kept off the main thread's input path,
 * PRODUCT.md section 10) and in the page where there is no worker (attendance-sealer.ts).
 *
 * A request carries the one key the seal needs (the data key, a CryptoKey: it can be handed
 * to a worker but never read out of it) with the tablet id and key epoch bound into the
 * additional data, and the row's blind indexes, made by the page. Nothing here is kept
 * between requests: the worker holds no key once a request is answered, and locking the
 * tablet leaves nothing in it.
 *
 * A request may also ask for the quick write (`quick`): the seal worker then writes the row
 * itself when nothing but the row changes (attendance-quick-write.ts). The page's sealer
 * never writes: the editor does, in its own transaction (attendance-writes.ts).
 */
import { summariseAttendance } from '../../domain/assessment/attendance-summary';
import type { AttendanceSummary, IssuedLetterFacts } from '../../domain/assessment/attendance-summary';
import { readArrivedAt } from '../../domain/assessment/patient-readers';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { sealRow } from '../crypto/sealed-row';
import type { AttendanceRow } from '../db';
import { attendanceAddress } from './attendance-crypto';
import type { BesideTheRow, ReadBeforeWrite, RowWriteOutcome } from './attendance-row-write';
import { arrivalDay } from './day-index';

/** The quick write a request may ask of the seal worker: what the editor read and knows beside the row. */
export interface QuickWrite extends BesideTheRow {
  /** The IndexedDB database the editor writes to. */
  database: string;
  read: ReadBeforeWrite;
}

/** What the quick write did: the row's own outcome, or not written (more than the row changes, or the worker's database is closed or failed) and left to the editor. */
export type QuickWriteOutcome = RowWriteOutcome | { kind: 'not-written'; reason: 'more-changes' | 'unavailable' };

export interface SealRequest {
  record: AssessmentRecord;
  /** The revision the record is written at (bound into both seals). */
  rev: number;
  /** The time of the save: the summary's age and pending referral are worked out at it. */
  now: string;
  /** The letters issued for it (letters-due-facts.ts); absent, the summary says nothing of them. */
  issued?: IssuedLetterFacts | undefined;
  deviceId: string;
  epoch: number;
  dataKey: CryptoKey;
  /** The row's HMAC blind indexes ('' when not known: attendance-crypto.ts IndexCache). */
  nhsIndex: string;
  nameDobIndex: string;
  /** Asked of the seal worker by the editor's autosave; the page's sealer ignores it. */
  quick?: QuickWrite | undefined;
}

export interface SealedAttendance {
  /** The clear summary it sealed (the writer reads the pending referral from it, and the per-day index holds it). */
  summary: AttendanceSummary;
  row: AttendanceRow;
  /** The exact arrival instant (inside the seal only: the row keeps the London day, db.ts version 5, issue 11). */
  arrivedAt: string;
  /** What the worker's quick write did; absent when none was made (sealed in the page, or none asked). */
  quick?: QuickWriteOutcome | undefined;
}

/** The summary of `request.record`, and the record and summary sealed at `request.rev` into its row. */
export async function sealAttendanceParts(request: SealRequest): Promise<SealedAttendance> {
  const { record, rev } = request;
  const summary = summariseAttendance(record, request.now, request.issued);
  const keys = { deviceId: request.deviceId, epoch: request.epoch, keys: { dataKey: request.dataKey } };
  const [summarySealed, payload] = await Promise.all([sealRow(keys, summary, attendanceAddress(record.id, 'summary', rev)), sealRow(keys, record, attendanceAddress(record.id, 'payload', rev))]);
  const arrivedAt = readArrivedAt(record.answers.patient) ?? record.createdAt;
  const row: AttendanceRow = {
    id: record.id,
    status: record.status,
    arrivedDay: arrivalDay(arrivedAt),
    updatedAt: record.updatedAt,
    createdById: record.createdBy.id,
    nhsIndex: request.nhsIndex,
    nameDobIndex: request.nameDobIndex,
    summary: summarySealed,
    payload,
    rev,
  };
  return { summary, row, arrivedAt };
}
