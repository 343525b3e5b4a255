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
  /**
   * The safeguarding prompts' disclosure answered Yes ("Has the child, or anyone else, said
   * that someone has hurt, abused or neglected them?"): it opens the FGM questions for an
   * eligible girl on any presentation (research §6.4). Absent means no disclosure.
   */
  disclosure?: boolean;
  /** Think Family (PRODUCT.md 4.7): "Is the patient pregnant, or could they be?" answered Yes (the information checks then apply, 4.4). */
  pregnant?: boolean;
  /** Think Family found children (or an unborn child): the outcome section then applies (4.9). */
  thinkFamilyFoundChildren?: boolean;
  /** Think Family triggers turned off in settings (screening/think-family.ts trigger ids); absent: all on. */
  thinkFamilyTriggersOff?: readonly string[];
  /** The patient left before assessment or treatment (left-before-assessment.ts); absent reads as false. */
  leftBeforeAssessment?: boolean;
}
