/**
 * The short description of an attendance shown in lists (home, look-up): who, how old,
 * why, when, and its state. Kept separate from the full record so lists decrypt a few
 * hundred bytes per row instead of the whole assessment.
 */
import { z } from 'zod';
import { describeAge } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { formatNhsNumber } from '../shared/nhs-number';
import { optionLabel } from './fields';
import { attendanceReasonOptions, readAgeYears, readArrivedAt, readDateOfBirth, readNhsNumber } from './patient';
import type { AssessmentRecord } from './record';

export const attendanceSummarySchema = z.object({
  id: z.string(),
  displayName: z.string().catch('Name not known'),
  dateOfBirth: z.string().catch(''),
  ageText: z.string().catch(''),
  ageYears: z.number().nullable().catch(null),
  nhsNumber: z.string().catch(''),
  reason: z.string().catch(''),
  arrivedAt: z.string().catch(''),
  status: z.enum(['in-progress', 'signed']).catch('in-progress'),
  signedAt: z.string().catch(''),
  createdByName: z.string().catch(''),
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
  };
}
