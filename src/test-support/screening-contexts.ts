/**
 * Contexts for the screening tests: an age, a reason for attendance (including the genital,
 * urinary or gynaecological reason) and a sex, in one call.
 */
import type { AssessmentContext, Sex } from '../domain/assessment/context';
import { contextForAge } from './domain-fixtures';
import type { ScreeningReason } from '../domain/screening/screening-context';

export function screeningContext(ageYears: number | undefined, reason?: ScreeningReason, sex?: Sex, overrides: Partial<AssessmentContext> = {}): AssessmentContext {
  return contextForAge(ageYears, { attendanceReason: reason, sex, ...overrides });
}
