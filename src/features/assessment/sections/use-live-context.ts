/**
 * Facts from the assessment context recomputed from the patient fields on screen, for the
 * patient page: entering a date of birth immediately shows the under-18 questions.
 *
 * Cheap by construction (the typing budget is 1.15× a plain HTML field): it watches only
 * the fields that decide the pathway and the injury questions, and the caller selects the
 * few facts it shows; react-hook-form compares the selection and re-renders the caller
 * only when it changes. Typing a name, or answering "Sex", renders nothing here.
 */
import { useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { deriveContext } from '../../../domain/assessment/derive-context';
import type { PatientDraft } from '../../../domain/assessment/patient';
import { emptyAnswers } from '../../../domain/assessment/record';

const PATHWAY_FIELDS = ['arrivalDate', 'arrivalTime', 'dateOfBirth', 'dateOfBirthNotKnown', 'estimatedAgeYears', 'attendanceReason', 'injuryDate', 'injuryTime', 'injuryTimeNotKnown'] as const;

function contextFrom(values: readonly unknown[]): AssessmentContext {
  const patient: Record<string, unknown> = { ...emptyAnswers().patient };
  PATHWAY_FIELDS.forEach((field, index) => {
    patient[field] = values[index];
  });
  return deriveContext({ ...emptyAnswers(), patient: patient as PatientDraft }, new Date().toISOString());
}

/** `select` must return plain data (compared by value between changes). */
export function useLivePatientContext<T>(select: (ctx: AssessmentContext) => T): T {
  return useWatch<Record<string, unknown>, string[], Record<string, unknown>, T>({
    name: [...PATHWAY_FIELDS],
    exact: true,
    compute: (values: unknown[]) => select(contextFrom(values)),
  });
}
