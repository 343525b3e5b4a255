import { describe, expect, test } from 'vitest';
import {
  ARRIVED_AT,
  completeAdultAnswers,
  completeChildAnswers,
  contextFor,
  dateParts,
  NOW,
  withPatient,
} from '../../test-support/fixtures';
import type { PatientDraft } from './patient';
import { datePartsFieldFor, emptyPatientDraft, readAgeYears, readArrivedAt, readDateOfBirth, readEstimatedAge, readInjuryAt, readNhsNumber, validatePatient } from './patient';
import type { Answers } from './record';
import { summarisePatient } from './summary';
import { emptyAnswers } from './record';

/** Validation issues for the adult fixture with these patient answers changed. */
function adultIssues(changes: Partial<PatientDraft>, now = NOW) {
  const answers = withPatient(completeAdultAnswers(), changes);
  return validatePatient(answers.patient, contextFor(answers, now));
}

function childIssues(changes: Partial<PatientDraft>, ageYears = 8, reason: PatientDraft['attendanceReason'] = 'injury') {
  const answers = withPatient(completeChildAnswers({ ageYears, reason }), changes);
  return validatePatient(answers.patient, contextFor(answers));
}

function issuesOf(answers: Answers, now = NOW) {
  return validatePatient(answers.patient, contextFor(answers, now));
}

describe('validatePatient', () => {
  test('a complete adult and a complete child have no issues', () => {
    expect(adultIssues({})).toEqual([]);
    expect(childIssues({})).toEqual([]);
  });

  test('an empty section asks for every required answer, in page order', () => {
    const answers = emptyAnswers();
    expect(issuesOf(answers)).toEqual([
      { field: 'arrivalDate.day', message: 'Enter the arrival date' },
      { field: 'arrivalTime', message: 'Enter the arrival time, for example 14:30' },
      { field: 'givenName', message: "Enter the patient's first name, or select 'Name not known'" },
      { field: 'familyName', message: "Enter the patient's last name, or select 'Name not known'" },
      { field: 'dateOfBirth.day', message: "Enter the date of birth, or select 'Date of birth not known'" },
      { field: 'sex', message: "Select the patient's sex" },
      { field: 'nhsNumber', message: "Enter the NHS number, or select 'NHS number not known'" },
      { field: 'postcode', message: "Enter the postcode, or choose 'No fixed abode' or 'Not known'", requiredBefore: 'gp-letter' },
      { field: 'address', message: "Enter the patient's address", requiredBefore: 'gp-letter' },
      { field: 'gpPractice', message: "Enter the GP practice, or select 'Not registered with a GP'", requiredBefore: 'gp-letter' },
      { field: 'interpreterNeeded', message: 'Select whether the patient needs an interpreter' },
      { field: 'attendanceReason', message: 'Select the reason for attendance' },
    ]);
  });

  describe('arrival date and time', () => {
    test.each<[Partial<PatientDraft>, string, string]>([
      [{ arrivalDate: { day: '', month: '3', year: '2026' } }, 'arrivalDate.day', 'Arrival date must include a day'],
      [{ arrivalDate: { day: '10', month: '', year: '2026' } }, 'arrivalDate.month', 'Arrival date must include a month'],
      [{ arrivalDate: { day: '10', month: '3', year: '' } }, 'arrivalDate.year', 'Arrival date must include a year'],
      [{ arrivalDate: { day: '10', month: '3', year: '26' } }, 'arrivalDate.year', 'Year must include 4 numbers'],
      [{ arrivalDate: { day: '31', month: '2', year: '2026' } }, 'arrivalDate.day', 'Arrival date must be a real date'],
      [{ arrivalDate: { day: 'ten', month: '3', year: '2026' } }, 'arrivalDate.day', 'Arrival date must be a real date, for example 27 3 2026'],
      [{ arrivalTime: '' }, 'arrivalTime', 'Enter the arrival time, for example 14:30'],
      [{ arrivalTime: '2.30pm' }, 'arrivalTime', 'Enter the arrival time using the 24-hour clock, for example 14:30'],
      [{ arrivalTime: '25:00' }, 'arrivalTime', 'Enter the arrival time using the 24-hour clock, for example 14:30'],
    ])('%j: %s "%s"', (changes, field, message) => {
      expect(adultIssues(changes)).toEqual([{ field, message }]);
    });

    test('arrival must be now or in the past', () => {
      expect(adultIssues({ arrivalTime: '15:01' })).toEqual([{ field: 'arrivalTime', message: 'Arrival date and time must be now or in the past' }]);
      expect(adultIssues({ arrivalTime: '15:00' })).toEqual([]);
      expect(adultIssues({ arrivalDate: dateParts('2026-03-11'), arrivalTime: '09:00' })).toEqual([
        { field: 'arrivalTime', message: 'Arrival date and time must be now or in the past' },
      ]);
    });

    test('the arrival time is London time: 15:30 BST is 14:30 UTC, before a "now" of 14:45 UTC', () => {
      const summer = withPatient(completeAdultAnswers(), { arrivalDate: dateParts('2026-07-01'), arrivalTime: '15:30' });
      expect(issuesOf(summer, '2026-07-01T14:45:00.000Z')).toEqual([]);
      expect(issuesOf(summer, '2026-07-01T14:15:00.000Z')).toEqual([{ field: 'arrivalTime', message: 'Arrival date and time must be now or in the past' }]);
    });
  });

  describe('name', () => {
    test.each<[Partial<PatientDraft>, string, string]>([
      [{ givenName: '' }, 'givenName', "Enter the patient's first name, or select 'Name not known'"],
      [{ givenName: '   ' }, 'givenName', "Enter the patient's first name, or select 'Name not known'"],
      [{ familyName: '' }, 'familyName', "Enter the patient's last name, or select 'Name not known'"],
    ])('%j: %s "%s"', (changes, field, message) => {
      expect(adultIssues(changes)).toEqual([{ field, message }]);
    });

    test("'Name not known' needs a reason instead of the names", () => {
      expect(adultIssues({ givenName: '', familyName: '', nameNotKnown: true, nameNotKnownReason: '' })).toEqual([
        { field: 'nameNotKnownReason', message: 'Enter why the name is not known' },
      ]);
      expect(adultIssues({ givenName: '', familyName: '', nameNotKnown: true, nameNotKnownReason: 'Unconscious, brought in by ambulance' })).toEqual([]);
    });

    test('names over 500 characters are refused; 500 are accepted', () => {
      expect(adultIssues({ givenName: 'a'.repeat(500) })).toEqual([]);
      expect(adultIssues({ givenName: 'a'.repeat(501) })).toEqual([{ field: 'givenName', message: 'First name must be 500 characters or fewer' }]);
      expect(adultIssues({ familyName: 'a'.repeat(501) })).toEqual([{ field: 'familyName', message: 'Last name must be 500 characters or fewer' }]);
    });

    test('names in any script, with apostrophes and hyphens, are accepted as typed', () => {
      expect(adultIssues({ givenName: 'Zoë', familyName: "O'Neil-Smith" })).toEqual([]);
      expect(adultIssues({ givenName: 'محمد', familyName: 'علي' })).toEqual([]);
    });
  });

  describe('date of birth', () => {
    test.each<[Partial<PatientDraft>, string, string]>([
      [{ dateOfBirth: { day: '', month: '', year: '' } }, 'dateOfBirth.day', "Enter the date of birth, or select 'Date of birth not known'"],
      [{ dateOfBirth: { day: '', month: '1', year: '1992' } }, 'dateOfBirth.day', 'Date of birth must include a day'],
      [{ dateOfBirth: { day: '1', month: '', year: '1992' } }, 'dateOfBirth.month', 'Date of birth must include a month'],
      [{ dateOfBirth: { day: '1', month: '1', year: '' } }, 'dateOfBirth.year', 'Date of birth must include a year'],
      [{ dateOfBirth: { day: '1', month: '1', year: '92' } }, 'dateOfBirth.year', 'Year must include 4 numbers'],
      [{ dateOfBirth: { day: '30', month: '2', year: '1992' } }, 'dateOfBirth.day', 'Date of birth must be a real date'],
      [{ dateOfBirth: { day: '29', month: '2', year: '1991' } }, 'dateOfBirth.day', 'Date of birth must be a real date'],
      [{ dateOfBirth: { day: '1', month: 'Smarch', year: '1992' } }, 'dateOfBirth.day', 'Date of birth must be a real date, for example 27 3 2026'],
    ])('%j: %s "%s"', (changes, field, message) => {
      expect(adultIssues(changes)).toEqual([{ field, message }]);
    });

    test('29 February in a leap year is a real date of birth', () => {
      expect(adultIssues({ dateOfBirth: dateParts('1992-02-29') })).toEqual([]);
    });

    test('a date of birth in the future is refused', () => {
      expect(adultIssues({ dateOfBirth: dateParts('2026-03-11') })).toEqual([
        { field: 'dateOfBirth.day', message: 'Date of birth must be on or before the arrival date' },
      ]);
    });

    test('a date of birth after the arrival date is refused, even if it is before now', () => {
      const answers = withPatient(completeChildAnswers({ ageYears: 0 }), { arrivalDate: dateParts('2026-03-08'), dateOfBirth: dateParts('2026-03-09'), injuryDate: dateParts('2026-03-08') });
      expect(issuesOf(answers)).toEqual([{ field: 'dateOfBirth.day', message: 'Date of birth must be on or before the arrival date' }]);
    });

    test('a baby born on the arrival date is accepted (age 0)', () => {
      const answers = withPatient(completeChildAnswers({ ageYears: 0 }), { dateOfBirth: dateParts('2026-03-10') });
      expect(issuesOf(answers)).toEqual([]);
      expect(contextFor(answers).pathway.ageYears).toBe(0);
    });

    test('without a valid arrival time the date of birth is checked against now', () => {
      expect(adultIssues({ arrivalTime: '', dateOfBirth: dateParts('2026-03-11') })).toEqual([
        { field: 'arrivalTime', message: 'Enter the arrival time, for example 14:30' },
        { field: 'dateOfBirth.day', message: 'Date of birth must be on or before the arrival date' },
      ]);
    });

    test('no more than 120 years before arrival: exactly 120 years is accepted, a day more is refused', () => {
      expect(adultIssues({ dateOfBirth: dateParts('1906-03-10') })).toEqual([]);
      expect(adultIssues({ dateOfBirth: dateParts('1906-03-09') })).toEqual([
        { field: 'dateOfBirth.year', message: 'Date of birth must be within the last 120 years' },
      ]);
      expect(adultIssues({ dateOfBirth: dateParts('1066-10-14') })).toEqual([
        { field: 'dateOfBirth.year', message: 'Date of birth must be within the last 120 years' },
      ]);
    });

    test("'Date of birth not known' needs an estimated age instead", () => {
      expect(adultIssues({ dateOfBirth: { day: '', month: '', year: '' }, dateOfBirthNotKnown: true, estimatedAgeYears: '' })).toEqual([
        { field: 'estimatedAgeYears', message: 'Enter the estimated age in years' },
      ]);
      expect(adultIssues({ dateOfBirth: { day: '', month: '', year: '' }, dateOfBirthNotKnown: true, estimatedAgeYears: '40' })).toEqual([]);
    });

    test("with 'Date of birth not known' a half-typed date of birth is ignored", () => {
      expect(adultIssues({ dateOfBirth: { day: '31', month: '2', year: '' }, dateOfBirthNotKnown: true, estimatedAgeYears: '40' })).toEqual([]);
    });

    test.each(['18', '120', ' 45 '])('estimated age "%s" is accepted for an adult', (estimatedAgeYears) => {
      expect(adultIssues({ dateOfBirthNotKnown: true, estimatedAgeYears })).toEqual([]);
    });

    test.each(['0', '7', '17'])('estimated age "%s" is accepted for a child', (estimatedAgeYears) => {
      expect(childIssues({ dateOfBirthNotKnown: true, estimatedAgeYears })).toEqual([]);
    });

    test.each(['121', '-1', '4.5', 'about 40', '40s', '1000'])('estimated age "%s" is refused', (estimatedAgeYears) => {
      expect(adultIssues({ dateOfBirthNotKnown: true, estimatedAgeYears })).toEqual([
        { field: 'estimatedAgeYears', message: 'Estimated age must be a whole number of years from 0 to 120' },
      ]);
    });
  });

  test('sex is required', () => {
    expect(adultIssues({ sex: '' })).toEqual([{ field: 'sex', message: "Select the patient's sex" }]);
  });

  describe('NHS number', () => {
    test.each(['943 476 5919', '943-476-5919', '9434765919', '401 023 2137'])('valid "%s" is accepted', (nhsNumber) => {
      expect(adultIssues({ nhsNumber })).toEqual([]);
    });

    test.each([
      ['943 476 5918', "Enter a valid NHS number: check each digit, or select 'NHS number not known'"],
      ['123 456 7890', "Enter a valid NHS number: check each digit, or select 'NHS number not known'"],
      ['987 654 4321', "Enter a valid NHS number: check each digit, or select 'NHS number not known'"],
      ['943 476 591', 'NHS number must be 10 digits, like 943 476 5919'],
      ['943 476 59190', 'NHS number must be 10 digits, like 943 476 5919'],
      ['943 476 591A', 'NHS number must be 10 digits, like 943 476 5919'],
    ])('"%s" is refused: "%s"', (nhsNumber, message) => {
      expect(adultIssues({ nhsNumber })).toEqual([{ field: 'nhsNumber', message }]);
    });

    test("an invalid number is refused even when 'NHS number not known' is also ticked", () => {
      expect(adultIssues({ nhsNumber: '943 476 5918', nhsNumberNotKnown: true, nhsNumberNotKnownReason: 'not-traced' })).toEqual([
        { field: 'nhsNumber', message: "Enter a valid NHS number: check each digit, or select 'NHS number not known'" },
      ]);
    });

    test('blank needs a number or "not known"', () => {
      expect(adultIssues({ nhsNumber: '' })).toEqual([{ field: 'nhsNumber', message: "Enter the NHS number, or select 'NHS number not known'" }]);
    });

    test('"not known" needs a reason', () => {
      expect(adultIssues({ nhsNumber: '', nhsNumberNotKnown: true })).toEqual([
        { field: 'nhsNumberNotKnownReason', message: 'Select why the NHS number is not known' },
      ]);
    });

    test.each(['not-traced', 'overseas-visitor', 'declined'] as const)('"not known" because %s is enough', (nhsNumberNotKnownReason) => {
      expect(adultIssues({ nhsNumber: '', nhsNumberNotKnown: true, nhsNumberNotKnownReason })).toEqual([]);
    });

    test('"not known" because of "Other" needs a description', () => {
      expect(adultIssues({ nhsNumber: '', nhsNumberNotKnown: true, nhsNumberNotKnownReason: 'other' })).toEqual([
        { field: 'nhsNumberNotKnownOther', message: 'Describe why the NHS number is not known' },
      ]);
      expect(adultIssues({ nhsNumber: '', nhsNumberNotKnown: true, nhsNumberNotKnownReason: 'other', nhsNumberNotKnownOther: 'Spine down' })).toEqual([]);
    });
  });

  describe('address and postcode', () => {
    test.each(['NG5 1PB', 'ng51pb', 'EC1A 1BB'])('postcode "%s" is accepted', (postcode) => {
      expect(adultIssues({ postcode })).toEqual([]);
    });

    test.each(['QA1 1AA', 'M1 1CA', 'GIR 0AA', 'NG5', '12345'])('postcode "%s" is refused', (postcode) => {
      expect(adultIssues({ postcode })).toEqual([
        { field: 'postcode', message: "Enter a real postcode, like NG5 1PB, or choose 'No fixed abode' or 'Not known'" },
      ]);
    });

    test('a blank postcode is asked for, before the GP letter (not before signing)', () => {
      expect(adultIssues({ postcode: '  ' })).toEqual([{ field: 'postcode', message: "Enter the postcode, or choose 'No fixed abode' or 'Not known'", requiredBefore: 'gp-letter' }]);
    });

    test('an address is needed with a real postcode, before the GP letter (not before signing)', () => {
      expect(adultIssues({ address: '' })).toEqual([{ field: 'address', message: "Enter the patient's address", requiredBefore: 'gp-letter' }]);
    });

    test.each(['ZZ99 3VZ', 'ZZ99 3WZ', 'ZZ99 3CZ', 'ZZ99 1WZ', 'ZZ99 2WZ', 'ZZ99 3GZ', 'ZZ99 6CZ'])('pseudo-postcode %s is accepted without an address', (postcode) => {
      expect(adultIssues({ postcode, address: '' })).toEqual([]);
    });

    test('an invalid postcode still needs an address', () => {
      expect(adultIssues({ postcode: 'QA1 1AA', address: '' }).map((issue) => issue.field)).toEqual(['postcode', 'address']);
    });

    test('an address over 1,000 characters is refused', () => {
      expect(adultIssues({ address: 'a'.repeat(1000) })).toEqual([]);
      expect(adultIssues({ address: 'a'.repeat(1001) })).toEqual([{ field: 'address', message: 'Address must be 1,000 characters or fewer' }]);
    });
  });

  describe('GP practice', () => {
    test('is required unless not registered, before the GP letter (not before signing)', () => {
      expect(adultIssues({ gpPractice: '' })).toEqual([{ field: 'gpPractice', message: "Enter the GP practice, or select 'Not registered with a GP'", requiredBefore: 'gp-letter' }]);
      expect(adultIssues({ gpPractice: '', gpNotRegistered: true })).toEqual([]);
    });

    test('over 500 characters is refused', () => {
      expect(adultIssues({ gpPractice: 'a'.repeat(501) })).toEqual([{ field: 'gpPractice', message: 'GP practice must be 500 characters or fewer' }]);
    });
  });

  describe('school, college or nursery (aged 2 to 17 only)', () => {
    test.each([2, 4, 11, 17])('is required at age %i, before the GP letter (not before signing)', (ageYears) => {
      expect(childIssues({ school: '' }, ageYears)).toEqual([
        { field: 'school', message: "Enter the school, college or nursery, or select 'Not in education'", requiredBefore: 'gp-letter' },
      ]);
      expect(childIssues({ school: '', notInEducation: true }, ageYears)).toEqual([]);
    });

    test.each([0, 1])('is not asked of a baby, age %i (issue 8: no school or "Not in education" for a baby)', (ageYears) => {
      expect(childIssues({ school: '' }, ageYears)).toEqual([]);
      const answers = withPatient(completeChildAnswers({ ageYears }), { school: '' });
      expect(summarisePatient(answers, contextFor(answers)).map((row) => row.field)).not.toContain('school');
    });

    test.each([18, 34])('is not asked at age %i', (ageYears) => {
      const answers = withPatient(completeAdultAnswers({ ageYears }), { school: '' });
      expect(issuesOf(answers)).toEqual([]);
    });

    test('is required for an estimated age under 18, and not for one of 18', () => {
      expect(childIssues({ school: '', dateOfBirthNotKnown: true, estimatedAgeYears: '15' })).toEqual([
        { field: 'school', message: "Enter the school, college or nursery, or select 'Not in education'", requiredBefore: 'gp-letter' },
      ]);
      expect(childIssues({ school: '', dateOfBirthNotKnown: true, estimatedAgeYears: '18' })).toEqual([]);
    });

    test('is not asked while the age is unknown', () => {
      expect(adultIssues({ dateOfBirth: { day: '', month: '', year: '' }, school: '' })).toEqual([
        { field: 'dateOfBirth.day', message: "Enter the date of birth, or select 'Date of birth not known'" },
      ]);
    });
  });

  describe('interpreter', () => {
    test('the question must be answered', () => {
      expect(adultIssues({ interpreterNeeded: '' })).toEqual([{ field: 'interpreterNeeded', message: 'Select whether the patient needs an interpreter' }]);
    });

    test('Yes needs the language', () => {
      expect(adultIssues({ interpreterNeeded: 'yes' })).toEqual([{ field: 'interpreterLanguage', message: 'Enter the language' }]);
      expect(adultIssues({ interpreterNeeded: 'yes', interpreterLanguage: 'Polish' })).toEqual([]);
    });

    test('a language left over from Yes does not matter after No', () => {
      expect(adultIssues({ interpreterNeeded: 'no', interpreterLanguage: 'Polish' })).toEqual([]);
    });
  });

  describe('reason for attendance', () => {
    test('needs a category; the description only for "Other"', () => {
      expect(adultIssues({ attendanceReason: '' })).toEqual([{ field: 'attendanceReason', message: 'Select the reason for attendance' }]);
      expect(adultIssues({ attendanceReasonDetail: ' ' })).toEqual([]);
      expect(adultIssues({ attendanceReason: 'other', attendanceReasonDetail: ' ' })).toEqual([{ field: 'attendanceReasonDetail', message: 'Describe the reason for attendance' }]);
    });

    test('free text is stored as typed: 10,000 characters, emoji, right-to-left text and markup are not refused', () => {
      const texts = [
        'Fell from bike. '.repeat(625),
        'Says “it hurts” 😢👍🏽 and points at the arm',
        'قال إنه سقط من الدراجة',
        '<script>alert("x")</script> & <b>bold</b>',
        'Line one\nLine two\r\nLine three\ttabbed',
      ];
      expect(texts[0]).toHaveLength(10_000);
      for (const attendanceReasonDetail of texts) {
        const answers = withPatient(completeAdultAnswers(), { attendanceReasonDetail });
        expect(issuesOf(answers)).toEqual([]);
        expect(answers.patient.attendanceReasonDetail).toBe(attendanceReasonDetail);
      }
    });

    test('the description is refused only over 20,000 characters', () => {
      expect(adultIssues({ attendanceReasonDetail: 'a'.repeat(20_000) })).toEqual([]);
      expect(adultIssues({ attendanceReasonDetail: 'a'.repeat(20_001) })).toEqual([
        { field: 'attendanceReasonDetail', message: 'Reason for attendance must be 20,000 characters or fewer' },
      ]);
    });
  });

  describe('when the injury happened (Injury and Assault only)', () => {
    const noInjuryTime = { injuryDate: { day: '', month: '', year: '' }, injuryTime: '' };

    test.each(['injury', 'assault'] as const)('%s: asked for when blank', (reason) => {
      expect(childIssues(noInjuryTime, 8, reason)).toEqual([{ field: 'injuryDate.day', message: "Enter when the injury happened, or select 'Not known'" }]);
    });

    test.each(['injury', 'assault'] as const)("%s: 'Not known' is enough", (reason) => {
      expect(childIssues({ ...noInjuryTime, injuryTimeNotKnown: true }, 8, reason)).toEqual([]);
    });

    test.each(['illness', 'self-harm', 'mental-health', 'intoxication', 'sexual-health', 'other'] as const)('%s: not asked', (reason) => {
      expect(childIssues(noInjuryTime, 8, reason)).toEqual([]);
      expect(childIssues({ injuryDate: { day: '31', month: '2', year: '2026' }, injuryTime: 'soon' }, 8, reason)).toEqual([]);
    });

    test.each<[Partial<PatientDraft>, { field: string; message: string }[]]>([
      [{ injuryTime: '' }, [{ field: 'injuryTime', message: 'Enter the time of injury, for example 14:30' }]],
      [{ injuryTime: 'lunchtime' }, [{ field: 'injuryTime', message: 'Enter the time of injury using the 24-hour clock, for example 14:30' }]],
      [{ injuryDate: { day: '', month: '', year: '' } }, [{ field: 'injuryDate.day', message: 'Enter the date of injury' }]],
      [{ injuryDate: { day: '10', month: '', year: '2026' } }, [{ field: 'injuryDate.month', message: 'Date of injury must include a month' }]],
      [{ injuryDate: { day: '31', month: '2', year: '2026' } }, [{ field: 'injuryDate.day', message: 'Date of injury must be a real date' }]],
      [{ injuryDate: { day: '1', month: '3', year: '26' } }, [{ field: 'injuryDate.year', message: 'Year must include 4 numbers' }]],
    ])('%j', (changes, expected) => {
      expect(childIssues(changes)).toEqual(expected);
    });

    test('the injury must have happened before arrival', () => {
      expect(childIssues({ injuryTime: '14:30' })).toEqual([]);
      expect(childIssues({ injuryTime: '14:31' })).toEqual([{ field: 'injuryTime', message: 'The injury must have happened before the arrival time' }]);
      expect(childIssues({ injuryDate: dateParts('2026-03-11'), injuryTime: '09:00' })).toEqual([
        { field: 'injuryTime', message: 'The injury must have happened before the arrival time' },
      ]);
    });

    test('an injury days before arrival is accepted', () => {
      expect(childIssues({ injuryDate: dateParts('2026-03-01'), injuryTime: '08:00' })).toEqual([]);
    });
  });
});

describe('datePartsFieldFor', () => {
  test.each([
    ['empty', 'day'],
    ['missing-day', 'day'],
    ['missing-month', 'month'],
    ['missing-year', 'year'],
    ['year-not-four-digits', 'year'],
    ['not-a-number', 'day'],
    ['not-a-real-date', 'day'],
  ])('%s links to the %s input', (problem, field) => {
    expect(datePartsFieldFor(problem)).toBe(field);
  });
});

describe('readArrivedAt', () => {
  test('is the London arrival instant', () => {
    expect(readArrivedAt(completeAdultAnswers().patient)).toBe(ARRIVED_AT);
    expect(readArrivedAt({ ...emptyPatientDraft(), arrivalDate: dateParts('2026-07-01'), arrivalTime: '0930' })).toBe('2026-07-01T08:30:00.000Z');
  });

  test.each<[string, Partial<PatientDraft>]>([
    ['no date', { arrivalDate: { day: '', month: '', year: '' } }],
    ['an impossible date', { arrivalDate: { day: '31', month: '2', year: '2026' } }],
    ['no time', { arrivalTime: '' }],
    ['an invalid time', { arrivalTime: '24:00' }],
  ])('is undefined with %s', (_, changes) => {
    expect(readArrivedAt({ ...completeAdultAnswers().patient, ...changes })).toBeUndefined();
  });
});

describe('readDateOfBirth and readEstimatedAge', () => {
  test('the date of birth is read unless it is marked not known', () => {
    const patient = completeAdultAnswers({ ageYears: 34 }).patient;
    expect(readDateOfBirth(patient)).toBe('1992-01-01');
    expect(readDateOfBirth({ ...patient, dateOfBirthNotKnown: true })).toBeUndefined();
    expect(readDateOfBirth({ ...patient, dateOfBirth: { day: '30', month: '2', year: '1992' } })).toBeUndefined();
  });

  test('the estimated age is read only when the date of birth is not known', () => {
    const patient = { ...completeAdultAnswers().patient, estimatedAgeYears: '40' };
    expect(readEstimatedAge(patient)).toBeUndefined();
    expect(readEstimatedAge({ ...patient, dateOfBirthNotKnown: true })).toBe(40);
    expect(readEstimatedAge({ ...patient, dateOfBirthNotKnown: true, estimatedAgeYears: '121' })).toBeUndefined();
  });
});

describe('readAgeYears', () => {
  const patient = completeAdultAnswers().patient;

  test('is the age at arrival from the date of birth', () => {
    expect(readAgeYears({ ...patient, dateOfBirth: dateParts('2008-03-10') }, ARRIVED_AT, NOW)).toBe(18);
    expect(readAgeYears({ ...patient, dateOfBirth: dateParts('2008-03-11') }, ARRIVED_AT, NOW)).toBe(17);
  });

  test('is the age at arrival, not now: a 17-year-old whose 18th birthday is the day after arrival stays 17', () => {
    expect(readAgeYears({ ...patient, dateOfBirth: dateParts('2008-03-11') }, ARRIVED_AT, '2026-03-11T09:00:00.000Z')).toBe(17);
  });

  test('uses now when the arrival time is not valid', () => {
    expect(readAgeYears({ ...patient, dateOfBirth: dateParts('2008-03-11') }, undefined, '2026-03-11T09:00:00.000Z')).toBe(18);
  });

  test('is the estimated age when the date of birth is not known', () => {
    expect(readAgeYears({ ...patient, dateOfBirthNotKnown: true, estimatedAgeYears: '15' }, ARRIVED_AT, NOW)).toBe(15);
  });

  test('is undefined with no date of birth or estimate, or a date of birth after arrival', () => {
    expect(readAgeYears({ ...patient, dateOfBirth: { day: '', month: '', year: '' } }, ARRIVED_AT, NOW)).toBeUndefined();
    expect(readAgeYears({ ...patient, dateOfBirthNotKnown: true, estimatedAgeYears: '' }, ARRIVED_AT, NOW)).toBeUndefined();
    expect(readAgeYears({ ...patient, dateOfBirth: dateParts('2027-01-01') }, ARRIVED_AT, NOW)).toBeUndefined();
  });
});

describe('readInjuryAt and readNhsNumber', () => {
  test('the injury instant is read from London date and time unless not known', () => {
    const patient = completeChildAnswers().patient;
    expect(readInjuryAt(patient)).toBe('2026-03-10T12:00:00.000Z');
    expect(readInjuryAt({ ...patient, injuryTimeNotKnown: true })).toBeUndefined();
    expect(readInjuryAt({ ...patient, injuryTime: '' })).toBeUndefined();
  });

  test('the NHS number is read as digits when valid', () => {
    const patient = completeChildAnswers().patient;
    expect(readNhsNumber({ ...patient, nhsNumber: '943-476-5919' })).toBe('9434765919');
    expect(readNhsNumber({ ...patient, nhsNumber: '943 476 5918' })).toBeUndefined();
    expect(readNhsNumber({ ...patient, nhsNumber: '' })).toBeUndefined();
  });
});
