/**
 * Contexts for the screening tests: an age, a reason for attendance (including the genital,
 * urinary or gynaecological reason the patient page adds) and a sex, in one call.
 */
import type { AssessmentContext, AttendanceReason, Sex } from '../domain/assessment/context';
import { contextForAge } from './domain-fixtures';
import type { ScreeningReason } from '../domain/screening/screening-context';

export function screeningContext(ageYears: number | undefined, reason?: ScreeningReason, sex?: Sex, overrides: Partial<AssessmentContext> = {}): AssessmentContext {
  // The patient page's reason list gains "genital-urinary-gynaecological" in a parallel change;
  // until then the context's type does not name it, so the test states it through this one cast.
  const attendanceReason = reason as AttendanceReason | undefined;
  return contextForAge(ageYears, { attendanceReason, sex, ...overrides });
}
