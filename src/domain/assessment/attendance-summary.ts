/**
 * The short description of an attendance shown in lists (home, look-up): who, how old,
 * why, when, its state, and any referral to children's social care still to be made. Kept
 * separate from the full record so lists decrypt a few hundred bytes per row instead of the
 * whole assessment; sealed like the record, so nothing here is in clear in the database.
 */
import * as z from 'zod/mini';
import { describeAge } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { formatNhsNumber } from '../shared/nhs-number';
import { optionLabel } from './fields';
import { currentOutcome, pendingReferral } from './pending-referral';
import { attendanceReasonOptions } from './options';
import { readAgeYears, readArrivedAt, readDateOfBirth, readNhsNumber } from './patient-readers';
import type { AssessmentRecord } from './record';

export const attendanceSummarySchema = z.object({
  id: z.string(),
  displayName: z.catch(z.string(), 'Name not known'),
  dateOfBirth: z.catch(z.string(), ''),
  ageText: z.catch(z.string(), ''),
  ageYears: z.catch(z.nullable(z.number()), null),
  nhsNumber: z.catch(z.string(), ''),
  reason: z.catch(z.string(), ''),
  arrivedAt: z.catch(z.string(), ''),
  status: z.catch(z.enum(['in-progress', 'signed']), 'in-progress'),
  signedAt: z.catch(z.string(), ''),
  createdByName: z.catch(z.string(), ''),
  /** A child's referral to be made next working day and not yet marked made; null when none. */
  pendingReferral: z.catch(z.nullable(z.object({ dueAt: z.catch(z.string(), ''), by: z.catch(z.string(), '') })), null),
  /**
   * The concern level as the record now stands ('' when none is chosen); null in a summary
   * sealed before this field existed. Lets the sweep for false reassurance open only the
   * records that may say "No concern" (rules/no-concern-review.ts).
   */
  concernLevel: z.catch(z.nullable(z.string()), null),
});

export type AttendanceSummary = z.infer<typeof attendanceSummarySchema>;

export function summariseAttendance(record: AssessmentRecord, now: IsoInstant): AttendanceSummary {
  const patient = record.answers.patient;
  const arrivedAt = readArrivedAt(patient);
  const dob = readDateOfBirth(patient);
  const ageYears = readAgeYears(patient, arrivedAt, now);
  const name = patient.nameNotKnown ? 'Name not known' : `${patient.givenName.trim()} ${patient.familyName.trim()}`.trim();
  return {
    id: record.id,
    displayName: name || 'Name not entered yet',
    dateOfBirth: dob ?? '',
    ageText: dob ? describeAge(dob, arrivedAt ?? now) : ageYears !== undefined ? `about ${ageYears} years` : '',
    ageYears: ageYears ?? null,
    nhsNumber: formatNhsNumber(readNhsNumber(patient) ?? ''),
    reason: optionLabel(attendanceReasonOptions, patient.attendanceReason),
    arrivedAt: arrivedAt ?? record.createdAt,
    status: record.status,
    signedAt: record.signature?.signedAt ?? '',
    createdByName: record.createdBy.name,
    // The outcome applies on the child pathway only (PRODUCT.md 4.9).
    pendingReferral: ageYears !== undefined && ageYears < 18 ? (pendingReferral(currentOutcome(record)) ?? null) : null,
    concernLevel: currentOutcome(record).concernLevel,
  };
}
