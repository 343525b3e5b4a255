/**
 * The CPU-heavy half of saving an attendance: the list summary (the domain's summary rules
 * run over the whole record) and the record and summary sealed with AES-GCM. Owns that work
 * and the shape of a request for it, so the same code runs in the seal worker
 * (attendance-seal-worker.ts: the autosave kept off the main thread's input path, PRODUCT.md
 * section 10) and in the page where there is no worker (attendance-sealer.ts).
 *
 * A request carries the one key the seal needs (the data key, a CryptoKey: it can be handed
 * to a worker but never read out of it) with the tablet id and key epoch bound into the
 * additional data. Nothing here is kept between requests: the worker holds no key once a
 * request is answered, and locking the tablet leaves nothing in it.
 */
import { summariseAttendance } from '../../domain/assessment/attendance-summary';
import type { AttendanceSummary, IssuedLetterFacts } from '../../domain/assessment/attendance-summary';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { sealRow } from '../crypto/sealed-row';
import type { SealedRow } from '../crypto/sealed-row';
import { attendanceAddress } from './attendance-crypto';

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
}

export interface SealedParts {
  summary: AttendanceSummary;
  summarySealed: SealedRow;
  payload: SealedRow;
}

/** The summary of `request.record`, and the record and summary sealed at `request.rev`. */
export async function sealAttendanceParts(request: SealRequest): Promise<SealedParts> {
  const { record, rev } = request;
  const summary = summariseAttendance(record, request.now, request.issued);
  const keys = { deviceId: request.deviceId, epoch: request.epoch, keys: { dataKey: request.dataKey } };
  const [summarySealed, payload] = await Promise.all([sealRow(keys, summary, attendanceAddress(record.id, 'summary', rev)), sealRow(keys, record, attendanceAddress(record.id, 'payload', rev))]);
  return { summary, summarySealed, payload };
}
