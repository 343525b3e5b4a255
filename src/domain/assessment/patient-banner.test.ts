/**
 * The patient banner's facts (wrong-patient control): name, age, NHS number, pathway and
 * arrival, and what it says before each is entered.
 */
import { describe, expect, test } from 'vitest';
import { completeAdultPatient, completeChildPatient, NOW, VALID_NHS_NUMBER } from '../../test-support/fixtures';
import { emptyPatientDraft } from './patient';
import type { PatientDraft } from './patient';
import { patientBannerFacts } from './patient-banner';

const child = (changes: Partial<PatientDraft> = {}) => patientBannerFacts({ ...completeChildPatient({ ageYears: 8 }), givenName: 'Amara', familyName: 'Okafor', nhsNumber: VALID_NHS_NUMBER, ...changes }, NOW);

describe('patientBannerFacts', () => {
  test('a child with everything entered', () => {
    expect(child()).toEqual({
      name: 'Amara Okafor',
      age: expect.stringMatching(/^Born \d{1,2} [A-Z][a-z]+ \d{4} \(8 years\)$/) as string,
      nhsNumber: 'NHS number 943 476 5919',
      pathway: 'Child pathway (under 18)',
      arrived: 'Arrived 10 March 2026 at 14:30',
    });
  });

  test('an adult is on the adult pathway', () => {
    expect(patientBannerFacts(completeAdultPatient({ ageYears: 34 }), NOW).pathway).toBe('Adult pathway');
  });

  test('an estimated age says so', () => {
    expect(child({ dateOfBirthNotKnown: true, estimatedAgeYears: '15' }).age).toBe('About 15 years (date of birth not known)');
  });

  test.each<[string, Partial<PatientDraft>, Partial<ReturnType<typeof patientBannerFacts>>]>([
    ['name not known', { nameNotKnown: true }, { name: 'Name not known' }],
    ['NHS number not known', { nhsNumber: '', nhsNumberNotKnown: true }, { nhsNumber: 'NHS number not known' }],
    ['NHS number invalid', { nhsNumber: '943 476 5918' }, { nhsNumber: 'NHS number not entered yet' }],
  ])('%s', (_name, changes, expected) => {
    expect(child(changes)).toMatchObject(expected);
  });

  test('an empty patient section says what is not entered yet', () => {
    expect(patientBannerFacts(emptyPatientDraft(), NOW)).toEqual({
      name: 'Name not entered yet',
      age: 'Age not entered yet',
      nhsNumber: 'NHS number not entered yet',
      pathway: 'Pathway decided when the age is entered',
      arrived: '',
    });
  });
});
