/**
 * Runs a patient look-up against the attendance repository (PRODUCT.md section 6): the blind
 * indexes for what the nurse typed, then once more for the identity completed from the newest
 * agreeing attendance, so near misses under the other key are found too. Matching and flags
 * are the domain's (domain/assessment/patient-look-up.ts); this only fetches.
 */
import { classifyAttendances, referenceIdentity, storageQueryFor } from '../../domain/assessment/patient-look-up';
import type { LookUpQuery, LookUpResult } from '../../domain/assessment/patient-look-up';
import { ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { AttendanceRepository, StorageFailure } from '../../storage/repositories/types';

export async function runLookUp(attendances: Pick<AttendanceRepository, 'find'>, query: LookUpQuery): Promise<Result<LookUpResult, StorageFailure>> {
  const first = await attendances.find(query);
  if (!first.ok) return first;
  const identity = referenceIdentity(query, first.value);
  const completed = storageQueryFor(identity);
  const needsSecond = completed !== undefined && JSON.stringify(completed) !== JSON.stringify(storageQueryFor(referenceIdentity(query, [])));
  if (!needsSecond) return ok(classifyAttendances(identity, first.value));
  const second = await attendances.find(completed);
  if (!second.ok) return second;
  return ok(classifyAttendances(identity, [...first.value, ...second.value]));
}
