/**
 * Reading facts out of the patient section draft: arrival, date of birth or estimated age,
 * injury time, NHS number. Small and free of the section's questions and validators, so
 * lists and storage can use it on first load.
 */
import { ageInYears, fromLondon, parseDateParts, parseTimeOfDay } from '../shared/dates';
import type { IsoDate, IsoInstant } from '../shared/dates';
import { checkNhsNumber, normaliseNhsNumber } from '../shared/nhs-number';
import type { PatientDraft } from './patient';

/** The arrival instant, when the arrival date and time are both valid. */
export function readArrivedAt(draft: PatientDraft): IsoInstant | undefined {
  const date = parseDateParts(draft.arrivalDate);
  const time = parseTimeOfDay(draft.arrivalTime);
  return date.ok && time ? fromLondon(date.value, time) : undefined;
}

export function readDateOfBirth(draft: PatientDraft): IsoDate | undefined {
  if (draft.dateOfBirthNotKnown) return undefined;
  const date = parseDateParts(draft.dateOfBirth);
  return date.ok ? date.value : undefined;
}

/** Estimated age in whole years (0–120), when given and valid. */
export function readEstimatedAge(draft: PatientDraft): number | undefined {
  if (!draft.dateOfBirthNotKnown) return undefined;
  const text = draft.estimatedAgeYears.trim();
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const years = Number(text);
  return years <= 120 ? years : undefined;
}

export function readInjuryAt(draft: PatientDraft): IsoInstant | undefined {
  if (draft.injuryTimeNotKnown) return undefined;
  const date = parseDateParts(draft.injuryDate);
  const time = parseTimeOfDay(draft.injuryTime);
  return date.ok && time ? fromLondon(date.value, time) : undefined;
}

/** Age in whole years at arrival from the answers, or undefined. */
export function readAgeYears(draft: PatientDraft, arrivedAt: IsoInstant | undefined, now: IsoInstant): number | undefined {
  const dob = readDateOfBirth(draft);
  if (dob) {
    const years = ageInYears(dob, arrivedAt ?? now);
    return years >= 0 ? years : undefined;
  }
  return readEstimatedAge(draft);
}

/** NHS number digits when valid. */
export function readNhsNumber(draft: PatientDraft): string | undefined {
  const check = checkNhsNumber(normaliseNhsNumber(draft.nhsNumber));
  return check.ok ? check.value : undefined;
}
