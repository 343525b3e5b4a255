/**
 * Assessment records for component tests: a patient of a given age arrived at a given
 * instant, with any section answers, in progress or signed. Built with the domain's own
 * lifecycle so records look exactly like saved ones.
 */
import { createAssessment, signAssessment } from '../domain/assessment/lifecycle';
import type { Answers, AssessmentRecord } from '../domain/assessment/record';
import { datePartsFromIso } from '../domain/shared/dates';
import type { IsoDate, IsoInstant } from '../domain/shared/dates';
import { TEST_NURSE_REF } from './render-screen';

export interface RecordOptions {
  id: string;
  arrivedAt: IsoInstant;
  dateOfBirth: IsoDate;
  givenName?: string;
  familyName?: string;
  /** Digits or formatted; '' for none. */
  nhsNumber?: string;
  attendanceReason?: Answers['patient']['attendanceReason'];
  answers?: { [K in keyof Answers]?: Partial<Answers[K]> };
  signedAt?: IsoInstant;
}

export function assessmentRecord(options: RecordOptions): AssessmentRecord {
  const record = createAssessment(options.id, options.arrivedAt, TEST_NURSE_REF);
  const base = record.answers;
  const changes = options.answers ?? {};
  const answers: Answers = {
    ...base,
    patient: {
      ...base.patient,
      givenName: options.givenName ?? 'Amara',
      familyName: options.familyName ?? 'Okafor',
      dateOfBirth: datePartsFromIso(options.dateOfBirth),
      nhsNumber: options.nhsNumber ?? '943 476 5919',
      attendanceReason: options.attendanceReason ?? 'injury',
      ...changes.patient,
    },
    people: { ...base.people, ...changes.people },
    accounts: { ...base.accounts, ...changes.accounts },
    informationChecks: { ...base.informationChecks, ...changes.informationChecks },
    safeguarding: { ...base.safeguarding, ...changes.safeguarding },
    outcome: { ...base.outcome, ...changes.outcome },
  };
  const inProgress: AssessmentRecord = { ...record, answers };
  return options.signedAt ? signAssessment(inProgress, options.signedAt, TEST_NURSE_REF) : inProgress;
}
