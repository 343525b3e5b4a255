/**
 * Derives the assessment context (age pathway, arrival, reason) from the answers.
 */
import type { IsoInstant } from '../shared/dates';
import { pathwayForAge } from '../rules/pathway';
import type { AssessmentContext } from './context';
import { readAgeYears, readArrivedAt, readDateOfBirth, readInjuryAt } from './patient-readers';
import type { Answers } from './record';
import { foundChildren } from '../screening/think-family';
import { leftBeforeAssessment } from './left-before-assessment';

/** Context options from the device settings. */
export interface ContextSettings {
  /** Think Family triggers turned off (device settings `thinkFamilyTriggersOff`). */
  thinkFamilyTriggersOff?: readonly string[];
}

export function deriveContext(answers: Answers, now: IsoInstant, settings: ContextSettings = {}): AssessmentContext {
  const patient = answers.patient;
  const arrivedAt = readArrivedAt(patient);
  const dateOfBirth = readDateOfBirth(patient);
  const ageYears = readAgeYears(patient, arrivedAt, now);
  const reason = patient.attendanceReason === '' ? undefined : patient.attendanceReason;
  const injuryRelated = reason === 'injury' || reason === 'assault';
  return {
    now,
    arrivedAt,
    dateOfBirth,
    ageSource: dateOfBirth ? 'date-of-birth' : ageYears !== undefined ? 'estimate' : 'unknown',
    pathway: pathwayForAge(ageYears),
    sex: patient.sex === '' ? undefined : patient.sex,
    attendanceReason: reason,
    injuryRelated,
    injuryAt: injuryRelated ? readInjuryAt(patient) : undefined,
    disclosure: answers.safeguarding.disclosure === 'yes',
    pregnant: answers.thinkFamily.pregnant === 'yes',
    thinkFamilyFoundChildren: foundChildren(answers.thinkFamily),
    ...(settings.thinkFamilyTriggersOff ? { thinkFamilyTriggersOff: settings.thinkFamilyTriggersOff } : {}),
    leftBeforeAssessment: leftBeforeAssessment(answers.leftBeforeAssessment),
  };
}
