/**
 * The patient banner's facts: whose record is open, on every page of an assessment (the task
 * list, each section, check answers, the signed record and its letters). Name, age at
 * arrival, NHS number and pathway, so a nurse switching between patients on one tablet sees
 * at a glance which record she is writing in (wrong-patient hazard). Read from the patient
 * section the page already holds: no extra decrypt.
 */
import { describeAge, formatDate, formatDateTime } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';
import { formatNhsNumber } from '../shared/nhs-number';
import { pathwayForAge } from '../rules/pathway';
import type { PatientDraft } from './patient';
import { readAgeYears, readArrivedAt, readDateOfBirth, readNhsNumber } from './patient-readers';

export interface PatientBannerFacts {
  /** "Amara Okafor", "Name not known" or "Name not entered yet". */
  name: string;
  /** "Born 1 September 2015 (10 years)", "About 40 years (date of birth not known)" or "Age not entered yet". */
  age: string;
  /** "NHS number 943 476 5919", "NHS number not known" or "NHS number not entered yet". */
  nhsNumber: string;
  /** "Child pathway (under 18)", "Adult pathway" or "Pathway decided when the age is entered". */
  pathway: string;
  /** "Arrived 10 March 2026 at 14:30", or '' before a valid arrival time: tells two attendances of one patient apart. */
  arrived: string;
}

/** The banner's facts from the patient section; `now` stands in for a missing arrival time. */
export function patientBannerFacts(patient: PatientDraft, now: IsoInstant): PatientBannerFacts {
  const arrivedAt = readArrivedAt(patient);
  const dob = readDateOfBirth(patient);
  const ageYears = readAgeYears(patient, arrivedAt, now);
  const fullName = `${patient.givenName.trim()} ${patient.familyName.trim()}`.trim();
  const nhs = readNhsNumber(patient);
  const pathway = pathwayForAge(ageYears);
  return {
    name: patient.nameNotKnown ? 'Name not known' : fullName || 'Name not entered yet',
    age: dob
      ? `Born ${formatDate(dob)} (${describeAge(dob, arrivedAt ?? now)})`
      : ageYears !== undefined
        ? `About ${ageYears} years (date of birth not known)`
        : 'Age not entered yet',
    nhsNumber: nhs ? `NHS number ${formatNhsNumber(nhs)}` : patient.nhsNumberNotKnown ? 'NHS number not known' : 'NHS number not entered yet',
    pathway: pathway.child ? 'Child pathway (under 18)' : pathway.adult ? 'Adult pathway' : 'Pathway decided when the age is entered',
    arrived: arrivedAt ? `Arrived ${formatDateTime(arrivedAt)}` : '',
  };
}
