/**
 * The assessment context: facts derived from the answers that decide which sections and
 * questions apply and what is required (age pathway, arrival time, reason for attendance).
 * Derived, never stored, so it can never disagree with the answers.
 */
import type { IsoDate, IsoInstant } from '../shared/dates';
import type { Pathway } from '../rules/pathway';

export type AttendanceReason =
  | 'injury'
  | 'illness'
  | 'self-harm'
  | 'mental-health'
  | 'intoxication'
  | 'sexual-health'
  | 'genital-urinary-gynaecological'
  | 'assault'
  | 'other';

export type Sex = 'female' | 'male' | 'other' | 'not-known';

export interface AssessmentContext {
  /** The instant validation runs at ("not in the future" checks). */
  now: IsoInstant;
  /** Arrival, when a valid date and time have been entered. */
  arrivedAt: IsoInstant | undefined;
  dateOfBirth: IsoDate | undefined;
  /** Where the age came from. */
  ageSource: 'date-of-birth' | 'estimate' | 'unknown';
  pathway: Pathway;
  sex: Sex | undefined;
  attendanceReason: AttendanceReason | undefined;
  /** Injury or assault: when the injury happened matters. */
  injuryRelated: boolean;
  /** When the injury happened, if known and valid. */
  injuryAt: IsoInstant | undefined;
  /** The patient left before assessment or treatment (left-before-assessment.ts); absent reads as false. */
  leftBeforeAssessment?: boolean;
}
