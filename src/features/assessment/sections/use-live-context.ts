/**
 * The assessment context recomputed from the patient fields on screen, for the patient
 * page: entering a date of birth immediately shows the under-18 questions. Watches only
 * the fields that decide the pathway, so typing a name re-renders nothing.
 */
import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { deriveContext } from '../../../domain/assessment/derive-context';
import type { PatientDraft } from '../../../domain/assessment/patient';
import { emptyAnswers } from '../../../domain/assessment/record';

const PATHWAY_FIELDS = ['arrivalDate', 'arrivalTime', 'dateOfBirth', 'dateOfBirthNotKnown', 'estimatedAgeYears', 'sex', 'attendanceReason', 'injuryDate', 'injuryTime', 'injuryTimeNotKnown'] as const;

export function useLivePatientContext(): AssessmentContext {
  const values = useWatch({ name: PATHWAY_FIELDS }) as unknown[];
  const key = JSON.stringify(values);
  return useMemo(() => {
    const patient = { ...emptyAnswers().patient } as Record<string, unknown>;
    PATHWAY_FIELDS.forEach((field, index) => {
      patient[field] = values[index];
    });
    return deriveContext({ ...emptyAnswers(), patient: patient as PatientDraft }, new Date().toISOString());
    // The key captures the watched values.
  }, [key]);
}
