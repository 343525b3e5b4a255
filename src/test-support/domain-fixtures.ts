/**
 * Fixtures for domain unit tests: an assessment context for a given age without filling in
 * the whole patient section, and fixed instants (tests never read the clock).
 */
import type { AssessmentContext } from '../domain/assessment/context';
import { pathwayForAge } from '../domain/rules/pathway';

/** Tuesday 10 March 2026, 14:00 London time (GMT). */
export const NOW = '2026-03-10T14:00:00.000Z';
/** An hour before NOW. */
export const ARRIVED_AT = '2026-03-10T13:00:00.000Z';

/** The context for a patient of `ageYears` (undefined: age not known), arrived an hour ago. */
export function contextForAge(ageYears: number | undefined, overrides: Partial<AssessmentContext> = {}): AssessmentContext {
  return {
    now: NOW,
    arrivedAt: ARRIVED_AT,
    dateOfBirth: undefined,
    ageSource: ageYears === undefined ? 'unknown' : 'estimate',
    pathway: pathwayForAge(ageYears),
    sex: undefined,
    attendanceReason: undefined,
    injuryRelated: false,
    injuryAt: undefined,
    ...overrides,
  };
}
