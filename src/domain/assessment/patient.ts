/**
 * Section 4.1 "Patient and attendance" (everyone): who the patient is, how to reach their
 * GP and school, and why they came. The reason category drives later triggers (Think
 * Family, Fraser, CSE); the arrival time anchors age and the delay calculation.
 */
import * as z from 'zod/mini';
import { compareIso, parseDateParts, parseTimeOfDay, toLondon } from '../shared/dates';
import type { DateParts, IsoDate, IsoInstant } from '../shared/dates';
import { checkNhsNumber } from '../shared/nhs-number';
import { checkPostcode } from '../shared/postcode';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { AnswerOption } from './fields';
import { choiceField, datePartsField, flagField, textField } from './fields';
import type { AssessmentContext } from './context';
import { IssueList } from './issues';
import type { Issue } from './issues';
import { checkLength, datePartsMessage } from './validation-helpers';
import { readArrivedAt, readEstimatedAge, readInjuryAt } from './patient-readers';

// Readers and the reason list live in small modules so lists and storage can use them
// without loading the whole section (first-load budget, PRODUCT.md section 10).
export { readAgeYears, readArrivedAt, readDateOfBirth, readEstimatedAge, readInjuryAt, readNhsNumber } from './patient-readers';
export { attendanceReasonOptions } from './options';

export const sexOptions = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

export const nhsNumberNotKnownReasonOptions = [
  { value: 'not-traced', label: 'Not traced' },
  { value: 'overseas-visitor', label: 'Overseas visitor' },
  { value: 'declined', label: 'Declined' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly AnswerOption[];


export const patientDraftSchema = z.object({
  arrivalDate: datePartsField(),
  arrivalTime: textField(),
  givenName: textField(),
  familyName: textField(),
  nameNotKnown: flagField(),
  nameNotKnownReason: textField(),
  dateOfBirth: datePartsField(),
  dateOfBirthNotKnown: flagField(),
  estimatedAgeYears: textField(),
  sex: choiceField(['female', 'male', 'other', 'not-known']),
  nhsNumber: textField(),
  nhsNumberNotKnown: flagField(),
  nhsNumberNotKnownReason: choiceField(['not-traced', 'overseas-visitor', 'declined', 'other']),
  nhsNumberNotKnownOther: textField(),
  address: textField(),
  postcode: textField(),
  gpPractice: textField(),
  gpNotRegistered: flagField(),
  school: textField(),
  notInEducation: flagField(),
  interpreterNeeded: choiceField(['yes', 'no']),
  interpreterLanguage: textField(),
  attendanceReason: choiceField(['injury', 'illness', 'self-harm', 'mental-health', 'intoxication', 'sexual-health', 'genital-urinary-gynaecological', 'assault', 'other']),
  attendanceReasonDetail: textField(),
  injuryDate: datePartsField(),
  injuryTime: textField(),
  injuryTimeNotKnown: flagField(),
});

export type PatientDraft = z.infer<typeof patientDraftSchema>;

export const emptyPatientDraft = (): PatientDraft => patientDraftSchema.parse({});

/** Canonical wording (PRODUCT.md 4.1). */
export const patientQuestions = {
  arrivedAt: { label: 'Arrival date and time', dateLabel: 'Arrival date', timeLabel: 'Arrival time', timeHint: 'Use the 24-hour clock, for example 14:30' },
  givenName: { label: 'First name' },
  familyName: { label: 'Last name' },
  nameNotKnown: { label: 'Name not known', reasonLabel: 'Why is the name not known?' },
  dateOfBirth: { label: 'Date of birth', hint: 'For example, 27 3 2012' },
  dateOfBirthNotKnown: { label: 'Date of birth not known' },
  estimatedAgeYears: { label: 'Estimated age (years)' },
  sex: { label: 'Sex' },
  nhsNumber: { label: 'NHS number', hint: 'For example, 943 476 5919' },
  nhsNumberNotKnown: { label: 'NHS number not known', reasonLabel: 'Why is the NHS number not known?', otherLabel: 'Describe why' },
  address: { label: 'Address' },
  postcode: { label: 'Postcode', noFixedAbode: 'No fixed abode', notKnown: 'Not known' },
  gpPractice: { label: 'GP practice', hint: 'Name and address, or ODS code' },
  gpNotRegistered: { label: 'Not registered with a GP' },
  school: { label: 'School, college or nursery' },
  notInEducation: { label: 'Not in education', hint: 'Not being in education is an indicator of child sexual exploitation risk' },
  interpreterNeeded: {
    label: 'Does the patient need an interpreter?',
    hint: 'Never use family members to interpret safeguarding questions',
    languageLabel: 'Language',
  },
  attendanceReason: { label: 'Reason for attendance', detailLabel: 'Describe the reason for attendance', detailOptionalLabel: 'Describe the reason for attendance (optional)' },
  injuryAt: {
    label: 'When did the injury happen?',
    dateLabel: 'Date of injury',
    timeLabel: 'Time of injury',
    notKnown: 'Not known',
  },
} as const;

/** London calendar date 120 years before an instant: the earliest believable date of birth. */
function earliestDateOfBirth(at: IsoInstant): IsoDate {
  const date = toLondon(at).date;
  return `${String(Number(date.slice(0, 4)) - 120).padStart(4, '0')}${date.slice(4)}`;
}

function validateDateAndTime(
  issues: IssueList,
  dateField: string,
  timeField: string,
  date: DateParts,
  time: string,
  name: string,
  timeName: string,
): void {
  const parsed = parseDateParts(date);
  if (!parsed.ok) issues.add(`${dateField}.${datePartsFieldFor(parsed.problem)}`, datePartsMessage(name, parsed.problem));
  if (isBlank(time)) issues.add(timeField, `Enter the ${timeName}, for example 14:30`);
  else if (!parseTimeOfDay(time)) issues.add(timeField, `Enter the ${timeName} using the 24-hour clock, for example 14:30`);
}

/** Which of day/month/year an error summary link should land on. */
export function datePartsFieldFor(problem: string): 'day' | 'month' | 'year' {
  if (problem === 'missing-month') return 'month';
  if (problem === 'missing-year' || problem === 'year-not-four-digits') return 'year';
  return 'day';
}

const LETTER = 'gp-letter';

/** The names of the answers only the GP letter and the MASH referral need, as a letter's readiness and the task list name them. */
export const patientLetterFieldNames: Record<string, string> = {
  address: 'address',
  postcode: 'postcode',
  gpPractice: 'GP practice',
  school: 'school, college or nursery',
};

/**
 * Whether "School, college or nursery" is asked: a child aged 2 or over. A baby has no school
 * and "Not in education" means nothing for them (issue 8: no school or "Not in education" for a
 * baby; the letters already leave the school row out under 2, letters/facts.ts schoolRows).
 */
export const schoolQuestionApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child && !ctx.pathway.underTwo;

/**
 * Whether the reason for attendance needs describing: only for "Other", which says nothing on
 * its own. For the other reasons the category carries the triggers (Think Family, Fraser, CSE)
 * and the accounts carry the story, so the detail is optional (issue 8: shorter shortest path).
 */
export const attendanceReasonDetailRequired = (draft: Pick<PatientDraft, 'attendanceReason'>): boolean => draft.attendanceReason === 'other';

export function validatePatient(draft: PatientDraft, ctx: AssessmentContext): Issue[] {
  const issues = new IssueList();
  const now = ctx.now;

  validateDateAndTime(issues, 'arrivalDate', 'arrivalTime', draft.arrivalDate, draft.arrivalTime, 'Arrival date', 'arrival time');
  const arrivedAt = readArrivedAt(draft);
  if (arrivedAt && compareIso(arrivedAt, now) > 0) issues.add('arrivalTime', 'Arrival date and time must be now or in the past');

  if (draft.nameNotKnown) {
    if (isBlank(draft.nameNotKnownReason)) issues.add('nameNotKnownReason', 'Enter why the name is not known');
  } else {
    if (isBlank(draft.givenName)) issues.add('givenName', "Enter the patient's first name, or select 'Name not known'");
    if (isBlank(draft.familyName)) issues.add('familyName', "Enter the patient's last name, or select 'Name not known'");
  }
  checkLength(issues, 'givenName', draft.givenName, MAX_SHORT_TEXT, 'First name');
  checkLength(issues, 'familyName', draft.familyName, MAX_SHORT_TEXT, 'Last name');

  if (draft.dateOfBirthNotKnown) {
    const text = draft.estimatedAgeYears.trim();
    if (text === '') issues.add('estimatedAgeYears', 'Enter the estimated age in years');
    else if (readEstimatedAge(draft) === undefined) issues.add('estimatedAgeYears', 'Estimated age must be a whole number of years from 0 to 120');
  } else {
    const parsed = parseDateParts(draft.dateOfBirth);
    if (!parsed.ok) {
      const message =
        parsed.problem === 'empty'
          ? "Enter the date of birth, or select 'Date of birth not known'"
          : datePartsMessage('Date of birth', parsed.problem);
      issues.add(`dateOfBirth.${datePartsFieldFor(parsed.problem)}`, message);
    } else {
      const reference = arrivedAt ?? now;
      if (compareIso(parsed.value, toLondon(reference).date) > 0 || compareIso(parsed.value, toLondon(now).date) > 0) {
        issues.add('dateOfBirth.day', 'Date of birth must be on or before the arrival date');
      } else if (compareIso(parsed.value, earliestDateOfBirth(reference)) < 0) {
        issues.add('dateOfBirth.year', 'Date of birth must be within the last 120 years');
      }
    }
  }

  if (draft.sex === '') issues.add('sex', "Select the patient's sex");

  const nhs = draft.nhsNumber.trim();
  if (nhs !== '') {
    const check = checkNhsNumber(nhs);
    if (!check.ok) {
      issues.add(
        'nhsNumber',
        check.problem === 'not-ten-digits'
          ? 'NHS number must be 10 digits, like 943 476 5919'
          : 'Enter a valid NHS number: check each digit, or select \'NHS number not known\'',
      );
    }
  } else if (!draft.nhsNumberNotKnown) {
    issues.add('nhsNumber', "Enter the NHS number, or select 'NHS number not known'");
  } else if (draft.nhsNumberNotKnownReason === '') {
    issues.add('nhsNumberNotKnownReason', 'Select why the NHS number is not known');
  } else if (draft.nhsNumberNotKnownReason === 'other' && isBlank(draft.nhsNumberNotKnownOther)) {
    issues.add('nhsNumberNotKnownOther', 'Describe why the NHS number is not known');
  }

  const postcode = draft.postcode.trim();
  const postcodeCheck = postcode === '' ? undefined : checkPostcode(postcode);
  // Address, postcode, GP practice and school are needed before the GP letter and the MASH
  // referral, not before signing: a demographic the triage nurse cannot get at 3 a.m. must not
  // stop the safeguarding record being signed (issue 8). Still shown as needed ("Needed for the
  // GP letter") on the task list and check answers, and the letters refuse to issue without them.
  // A postcode typed wrongly still has to be put right before signing.
  if (postcodeCheck === undefined) issues.add('postcode', "Enter the postcode, or choose 'No fixed abode' or 'Not known'", LETTER);
  else if (!postcodeCheck.ok) issues.add('postcode', "Enter a real postcode, like NG5 1PB, or choose 'No fixed abode' or 'Not known'");
  if (isBlank(draft.address) && !(postcodeCheck?.ok === true && postcodeCheck.pseudo)) {
    issues.add('address', "Enter the patient's address", LETTER);
  }
  checkLength(issues, 'address', draft.address, MAX_SHORT_TEXT * 2, 'Address');

  if (!draft.gpNotRegistered && isBlank(draft.gpPractice)) {
    issues.add('gpPractice', "Enter the GP practice, or select 'Not registered with a GP'", LETTER);
  }
  checkLength(issues, 'gpPractice', draft.gpPractice, MAX_SHORT_TEXT, 'GP practice');

  if (schoolQuestionApplies(ctx) && !draft.notInEducation && isBlank(draft.school)) {
    issues.add('school', "Enter the school, college or nursery, or select 'Not in education'", LETTER);
  }

  if (draft.interpreterNeeded === '') issues.add('interpreterNeeded', 'Select whether the patient needs an interpreter');
  else if (draft.interpreterNeeded === 'yes' && isBlank(draft.interpreterLanguage)) issues.add('interpreterLanguage', 'Enter the language');

  if (draft.attendanceReason === '') issues.add('attendanceReason', 'Select the reason for attendance');
  if (attendanceReasonDetailRequired(draft) && isBlank(draft.attendanceReasonDetail)) issues.add('attendanceReasonDetail', 'Describe the reason for attendance');
  checkLength(issues, 'attendanceReasonDetail', draft.attendanceReasonDetail, MAX_FREE_TEXT, 'Reason for attendance');

  if (ctx.injuryRelated && !draft.injuryTimeNotKnown) {
    const dateEmpty = parseDateParts(draft.injuryDate);
    if (!dateEmpty.ok && dateEmpty.problem === 'empty' && isBlank(draft.injuryTime)) {
      issues.add('injuryDate.day', "Enter when the injury happened, or select 'Not known'");
    } else {
      validateDateAndTime(issues, 'injuryDate', 'injuryTime', draft.injuryDate, draft.injuryTime, 'Date of injury', 'time of injury');
      const injuryAt = readInjuryAt(draft);
      if (injuryAt && arrivedAt && compareIso(injuryAt, arrivedAt) > 0) {
        issues.add('injuryTime', 'The injury must have happened before the arrival time');
      }
    }
  }

  return issues.items;
}
