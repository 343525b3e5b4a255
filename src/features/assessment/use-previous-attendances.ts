/**
 * Other attendances of this patient already on this tablet (PRODUCT.md 4.4 and section 6):
 * looked up through the attendance repository by NHS number, or last name and date of birth
 * (blind indexes, never clear values), excluding the attendance open now. Owns only the
 * look-up and its states; the frequent-attendance rule is the domain's.
 */
import { useEffect, useState } from 'react';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import type { AssessmentContext } from '../../domain/assessment/context';
import { frequentAttendanceFlag } from '../../domain/assessment/information-checks';
import type { PatientDraft } from '../../domain/assessment/patient';
import { readDateOfBirth, readNhsNumber } from '../../domain/assessment/patient-readers';
import { classifyAttendances, lookUpFlags, referenceIdentity } from '../../domain/assessment/patient-look-up';
import type { LookUpFlag, PossibleMatch } from '../../domain/assessment/patient-look-up';
import { useRepositories } from '../../storage/repositories/react';
import type { AttendanceQuery } from '../../storage/repositories/types';

export type PreviousAttendances =
  /** Neither an NHS number nor a last name with a date of birth to match on. */
  | { status: 'no-identifiers' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  /**
   * `attendances`: the matches, newest first; `possible`: near misses (same NHS number with a
   * different last name or date of birth, or the reverse), never counted; `frequent` is the
   * domain's 3-in-12-months flag, this attendance included; `flags` every look-up flag.
   */
  | { status: 'found'; attendances: AttendanceSummary[]; possible: PossibleMatch[]; frequent: boolean; flags: LookUpFlag[] };

function queryFor(patient: PatientDraft): AttendanceQuery | undefined {
  const nhsNumber = readNhsNumber(patient);
  const dateOfBirth = readDateOfBirth(patient);
  const familyName = patient.nameNotKnown ? '' : patient.familyName.trim();
  const byName = familyName !== '' && dateOfBirth !== undefined;
  if (nhsNumber === undefined && !byName) return undefined;
  // Both keys when both are known: "same NHS number, or same last name and date of birth".
  return { ...(nhsNumber === undefined ? {} : { nhsNumber }), ...(byName ? { familyName, dateOfBirth } : {}) };
}

export function usePreviousAttendances(patient: PatientDraft, ctx: AssessmentContext, currentId: string): PreviousAttendances {
  const { attendances } = useRepositories();
  const query = queryFor(patient);
  const key = JSON.stringify(query ?? null);
  const arrivedAt = ctx.arrivedAt ?? ctx.now;
  // The answer is kept with the look-up it answers, so a changed query reads as loading at
  // once, with no state reset inside the effect.
  const [answered, setAnswered] = useState<{ key: string; value: PreviousAttendances } | undefined>(undefined);

  useEffect(() => {
    const parsed = JSON.parse(key) as AttendanceQuery | null;
    if (!parsed) return undefined;
    let cancelled = false;
    void attendances.find(parsed).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setAnswered({ key, value: { status: 'failed', message: result.error.message } });
        return;
      }
      const others = result.value.filter((summary) => summary.id !== currentId && summary.arrivedAt !== '');
      // Compared with this patient's own details: a near miss is shown, never counted (issue 12).
      const { matches, possible } = classifyAttendances(referenceIdentity(parsed, []), others);
      setAnswered({
        key,
        value: { status: 'found', attendances: matches, possible, frequent: frequentAttendanceFlag(matches, arrivedAt), flags: lookUpFlags(matches, arrivedAt, { countCurrent: true }) },
      });
    });
    return () => {
      cancelled = true;
    };
  }, [attendances, key, currentId, arrivedAt]);

  if (!query) return { status: 'no-identifiers' };
  return answered?.key === key ? answered.value : { status: 'loading' };
}
