/**
 * Canonical answer lists shared by several sections (PRODUCT.md; research §8.3, §8.4).
 * Values are stable slugs stored in records: never rename or reuse one once released.
 */
import type { AnswerOption } from './fields';

export const yesNoOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

export const yesNoNotKnownOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

/**
 * Relationship to the patient: NHS Data Dictionary PersonRelationshipType codes
 * (OID 2.16.840.1.113883.2.1.3.2.4.16.15), most common at triage first. "Other" is stored
 * as code 99 (Not specified) with the nurse's description, so a social worker, police
 * officer or teacher who brings a child can still be named accurately.
 */
export const relationshipOptions = [
  { value: '12', label: 'Mother' },
  { value: '13', label: 'Father' },
  { value: '03', label: 'Parent' },
  { value: '07', label: 'Step parent' },
  { value: '06', label: 'Foster parent' },
  { value: '05', label: 'Guardian (other than parent)' },
  { value: '20', label: 'Carer' },
  { value: '01', label: 'Spouse' },
  { value: '02', label: 'Partner' },
  { value: '08', label: 'Polygamous partner' },
  { value: '14', label: 'Sister' },
  { value: '15', label: 'Brother' },
  { value: '16', label: 'Relative' },
  { value: '09', label: 'Child' },
  { value: '10', label: 'Dependant' },
  { value: '11', label: 'Non-dependant' },
  { value: '04', label: 'Next of kin' },
  { value: '17', label: 'Proxy – contact' },
  { value: '18', label: 'Proxy – communication' },
  { value: '19', label: 'Proxy – contact and communication' },
  { value: '98', label: 'Not known' },
  { value: '99', label: 'Other (describe)' },
] as const satisfies readonly AnswerOption[];

export type RelationshipCode = (typeof relationshipOptions)[number]['value'];

/** Parental responsibility: a legal status, captured explicitly (research §8.4). */
export const parentalResponsibilityOptions = yesNoNotKnownOptions;

/** How a person has parental responsibility in England and Wales (research §8.4). */
export const parentalResponsibilityBasisOptions = [
  { value: 'birth-mother', label: 'Birth mother' },
  { value: 'father-married', label: 'Father – married to the mother at the birth' },
  { value: 'father-birth-certificate', label: 'Father – on the birth certificate (births registered from 1 December 2003)' },
  { value: 'second-female-parent', label: 'Second female parent – married or in a civil partnership at the time of treatment' },
  { value: 'pr-agreement', label: 'Parental responsibility agreement' },
  { value: 'court-order', label: 'Court order' },
  { value: 'adoptive-parent', label: 'Adoptive parent' },
  { value: 'guardian', label: 'Special guardian or guardian' },
  { value: 'local-authority', label: 'Local authority (care order)' },
  { value: 'other', label: 'Other (describe)' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

/** Reason for attendance (PRODUCT.md 4.1): the category drives later triggers. */
export const attendanceReasonOptions = [
  { value: 'injury', label: 'Injury' },
  { value: 'illness', label: 'Illness' },
  { value: 'self-harm', label: 'Self-harm or overdose' },
  { value: 'mental-health', label: 'Mental health crisis' },
  { value: 'intoxication', label: 'Alcohol or drug intoxication' },
  { value: 'sexual-health', label: 'Sexual health, contraception or pregnancy' },
  { value: 'genital-urinary-gynaecological', label: 'Genital, urinary or gynaecological problem' },
  { value: 'assault', label: 'Assault' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly AnswerOption[];
