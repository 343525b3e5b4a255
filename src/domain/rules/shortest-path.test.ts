/**
 * The shortest path (issue 8, "shorter shortest path"): the required answers for a well
 * 8-year-old with a minor injury, found from the section validators; the CQC items stay
 * required; and the enumeration itself (pre-filled answers, optional answers, dates).
 */
import { describe, expect, test } from 'vitest';
import { ARRIVED_AT, completeAdultAnswers, completeChildAnswers, NOW, testPerson, withAccounts, withPeople } from '../../test-support/fixtures';
import type { Answers } from '../assessment/record';
import { emptyOf, isAnswered, leaves, prefilledAnswers, questionOf, replaced, requiredAnswers } from './shortest-path';

/**
 * A well 8-year-old who fell off a trampoline two and a half hours ago, brought by their
 * mother (next of kin, parental responsibility as birth mother): the quickest complete record.
 * Optional answers are left empty (the carer's account, other people with parental
 * responsibility, the delay within 24 hours).
 */
function wellEightYearOldWithMinorInjury(): Answers {
  const complete = completeChildAnswers({ ageYears: 8, reason: 'injury' });
  const withoutOptional = withAccounts(complete, { carerAccount: '', carerAccountGivenBy: '', delay: '' });
  return withPeople(withoutOptional, { companions: [testPerson()], nextOfKin: { ...complete.people.nextOfKin, answer: 'same-as-companion', sameAsCompanionId: '' } });
}

const keys = (answers: Answers, scope: 'signing' | 'gp-letter' = 'signing') =>
  requiredAnswers(answers, NOW, { prefilled: prefilledAnswers(answers, ARRIVED_AT, NOW), scope }).map((answer) => `${answer.section}/${answer.question}`);

describe('the shortest path for a well 8-year-old with a minor injury', () => {
  // Measured before issue 8: 35 answers (34 counting the injury date and time as one question).
  // The people page now pre-fills a mother's parental responsibility and the next of kin as the
  // person with the patient; the delay is optional when the times show arrival within 24 hours
  // (30). Then: the under-13 sexual activity question is asked under 10 only when relevant; the
  // reason's description only for "Other"; address, postcode, GP practice and school before the
  // GP letter and the MASH referral, not before signing (24).
  const EXPECTED = [
    'patient/givenName',
    'patient/familyName',
    'patient/dateOfBirth',
    'patient/sex',
    'patient/nhsNumber',
    'patient/interpreterNeeded',
    'patient/attendanceReason',
    'patient/injuryDateTime',
    'people/accompaniedBy',
    'people/companions.0.fullName',
    'people/companions.0.relationship',
    'people/companions.0.phone',
    'people/livesWith',
    'accounts/childAccount',
    'accounts/accountConsistent',
    'informationChecks/cpis',
    'informationChecks/socialCare',
    'informationChecks/previousAttendances',
    'safeguarding/alertingFeatures',
    'safeguarding/disclosure',
    'safeguarding/carerChildInteraction',
    'safeguarding/householdRisks',
    'outcome/concernLevel',
    'outcome/notify',
  ];

  test('is exactly these answers, found from the validators (a new required question anywhere fails this test)', () => {
    expect(keys(wellEightYearOldWithMinorInjury())).toEqual(EXPECTED);
  });

  test('takes 25 answers or fewer to sign (24 now)', () => {
    // was 35 before issue 8, 30 after the people pre-fills
    expect(keys(wellEightYearOldWithMinorInjury()).length).toBeLessThanOrEqual(25);
  });

  test('the address, postcode, GP practice and school are needed for the GP letter, not for signing (misleading letters)', () => {
    const answers = wellEightYearOldWithMinorInjury();
    const signing = keys(answers);
    for (const demographic of ['patient/address', 'patient/postcode', 'patient/gpPractice', 'patient/school']) expect(signing).not.toContain(demographic);
  });

  test('keeps every item the CQC asked for required (CQC recommendations 1.1, 1.3, 3.2, 3.3)', () => {
    const required = keys(wellEightYearOldWithMinorInjury());
    // Accompanying adult (1.1); the child's own account or reason (1.3 / 1.9); CP-IS (3.3);
    // previous attendances (3.2); the concern level (1.3).
    expect(required).toEqual(expect.arrayContaining(['people/accompaniedBy', 'people/companions.0.fullName', 'accounts/childAccount', 'informationChecks/cpis', 'informationChecks/previousAttendances', 'outcome/concernLevel']));
  });

  test('next of kin and parental responsibility are pre-filled, not dropped: emptied, they are problems again (CQC recommendation 1.1)', () => {
    const answers = wellEightYearOldWithMinorInjury();
    const prefilled = prefilledAnswers(answers, ARRIVED_AT, NOW);
    expect(prefilled.people.nextOfKin.answer).toBe('same-as-companion');
    expect(prefilled.people.companions[0]).toMatchObject({ hasParentalResponsibility: 'yes', parentalResponsibilityBasis: 'birth-mother' });
    // Counted from empty instead, they are required answers.
    const fromEmpty = requiredAnswers(answers, NOW, { prefilled: { ...prefilled, people: { ...prefilled.people, companions: [], nextOfKin: { ...prefilled.people.nextOfKin, answer: '' } } }, scope: 'signing' }).map((answer) => `${answer.section}/${answer.question}`);
    expect(fromEmpty).toEqual(expect.arrayContaining(['people/nextOfKin.answer', 'people/companions.0.hasParentalResponsibility', 'people/companions.0.parentalResponsibilityBasis']));
  });

  test('the Discharge section adds what the GP letter needs', () => {
    const answers: Answers = {
      ...wellEightYearOldWithMinorInjury(),
      discharge: {
        ...wellEightYearOldWithMinorInjury().discharge,
        clinicalImpression: 'Sprained left wrist',
        treatmentGiven: 'Sling, paracetamol',
        destination: 'home-with-carer',
        followUp: 'None',
        adviceToPatient: 'Rest the wrist',
        adviceToCarer: 'Bring back if pain worsens',
      },
    };
    const gpLetter = keys(answers, 'gp-letter');
    const added = gpLetter.filter((key) => !EXPECTED.includes(key));
    expect(gpLetter.filter((key) => EXPECTED.includes(key))).toEqual(EXPECTED);
    // The demographics the letter and the MASH referral need, then the Discharge answers.
    expect(added.slice(0, 4)).toEqual(['patient/address', 'patient/postcode', 'patient/gpPractice', 'patient/school']);
    expect(added.slice(4).every((key) => key.startsWith('discharge/'))).toBe(true);
    expect(added.length).toBeGreaterThan(4);
  });
});

describe('requiredAnswers', () => {
  test('refuses a record that still has problems', () => {
    const answers = withAccounts(completeChildAnswers(), { childAccount: '' });
    expect(() => requiredAnswers(answers, NOW, { prefilled: prefilledAnswers(answers, ARRIVED_AT, NOW), scope: 'signing' })).toThrow(/no problems/);
  });

  test('optional answers given are not counted', () => {
    const base = wellEightYearOldWithMinorInjury();
    const more: Answers = { ...withAccounts(base, { delay: 'no' }), informationChecks: { ...base.informationChecks, hvOrSchoolNurse: 'Bramcote school nursing team' } };
    expect(keys(more)).toEqual(keys(base));
  });

  test('an answer that brings a required follow-up counts both', () => {
    const base = wellEightYearOldWithMinorInjury();
    const carer = withAccounts(base, { carerAccount: 'He fell', carerAccountGivenBy: base.people.companions[0]?.id ?? '' });
    const at = keys(base).indexOf('accounts/childAccount');
    expect(keys(carer)).toEqual([...keys(base).slice(0, at), 'accounts/carerAccountGivenBy', ...keys(base).slice(at)]);
  });

  test('the arrival the app fills in is not the nurse’s answer; changed, it is', () => {
    const answers = wellEightYearOldWithMinorInjury();
    expect(keys(answers)).not.toContain('patient/arrivalDateTime');
    const otherStart = requiredAnswers(answers, NOW, { prefilled: prefilledAnswers(answers, '2026-03-10T13:00:00.000Z', NOW), scope: 'signing' });
    expect(otherStart.map((answer) => answer.question)).toContain('arrivalDateTime');
  });

  test('an adult with an illness has no child questions on the path', () => {
    const required = keys(completeAdultAnswers({ reason: 'illness' }));
    expect(required.some((key) => /^(informationChecks|safeguarding|outcome)\//.test(key))).toBe(false);
    expect(required).toContain('people/accompaniedBy');
  });
});

describe('how answers are found and taken away', () => {
  test('day, month and year are one date, and a date with its time one moment', () => {
    expect(questionOf(['dateOfBirth', 'day'])).toBe('dateOfBirth');
    expect(questionOf(['companions', 0, 'year'])).toBe('companions.0');
    expect(questionOf(['injuryDate', 'month'])).toBe('injuryDateTime');
    expect(questionOf(['injuryTime'])).toBe('injuryDateTime');
    expect(questionOf(['companions', 2, 'phone'])).toBe('companions.2.phone');
    // Only the last key is a date part; "day" elsewhere in the path is a name.
    expect(questionOf(['day', 'notes', 'text'])).toBe('day.notes.text');
    expect(questionOf(['Time'])).toBe('Time');
  });

  test('an answer is given when the text is not blank, the flag is ticked, a choice is made', () => {
    expect(isAnswered('x')).toBe(true);
    expect(isAnswered('  ')).toBe(false);
    expect(isAnswered('')).toBe(false);
    expect(isAnswered(true)).toBe(true);
    expect(isAnswered(false)).toBe(false);
    expect(isAnswered(['bruising'])).toBe(true);
    expect(isAnswered([])).toBe(false);
  });

  test('taking an answer away leaves empty text, an unticked flag, no choices', () => {
    expect(emptyOf('Sprained wrist')).toBe('');
    expect(emptyOf(true)).toBe(false);
    expect(emptyOf(['bruising'])).toEqual([]);
  });

  test('every leaf is found with its path; lists of people item by item, other lists whole', () => {
    expect(
      leaves({ name: 'Ann', flag: true, off: false, choices: ['a'], none: [], people: [{ id: 'p1', phone: '0115' }], grid: [['x']], mixed: [{ a: 'b' }, 'c'], missing: null, count: 3 }),
    ).toEqual([
      [['name'], 'Ann'],
      [['flag'], true],
      [['off'], false],
      [['choices'], ['a']],
      [['none'], []],
      [['people', 0, 'id'], 'p1'],
      [['people', 0, 'phone'], '0115'],
      [['grid'], [['x']]],
      [['mixed'], [{ a: 'b' }, 'c']],
    ]);
    expect(leaves(null)).toEqual([]);
    expect(leaves('x', ['a'])).toEqual([[['a'], 'x']]);
  });

  test('replacing one answer copies the rest unchanged, with list indexes as numbers or text', () => {
    const root = { people: [{ phone: '1' }, { phone: '2' }], name: 'Ann' };
    expect(replaced(root, ['people', 1, 'phone'], '9')).toEqual({ people: [{ phone: '1' }, { phone: '9' }], name: 'Ann' });
    expect(replaced(root, ['people', '0', 'phone'], '9')).toEqual({ people: [{ phone: '9' }, { phone: '2' }], name: 'Ann' });
    expect(root.people[1]?.phone).toBe('2');
    // A path through something that is neither a record nor a list changes nothing.
    expect(replaced('text', ['a'], 'x')).toBe('text');
    expect(replaced(['a', 'b'], [0], 'x')).toEqual(['x', 'b']);
  });

  test('the pre-fills reach a companion beyond the tenth (list indexes of two digits)', () => {
    const base = wellEightYearOldWithMinorInjury();
    const mother = base.people.companions[0];
    if (!mother) throw new Error('fixture has a companion');
    const others = Array.from({ length: 10 }, (_, index) => ({ ...mother, id: `other-${String(index)}`, relationship: 'Neighbour', fullName: `Neighbour ${String(index)}` }));
    const answers = withPeople(base, { companions: [...others, { ...mother, id: 'mother-11' }] });
    const prefilled = prefilledAnswers(answers, ARRIVED_AT, NOW);
    expect(prefilled.people.companions).toHaveLength(11);
    expect(prefilled.people.companions[10]).toMatchObject({ id: 'mother-11', hasParentalResponsibility: 'yes', parentalResponsibilityBasis: 'birth-mother' });
  });

  test('the ids of people are made by the app and never counted, even when not pre-filled and another answer points at one', () => {
    const base = wellEightYearOldWithMinorInjury();
    // The carer's account names who gave it by the companion's id: without that id it is a problem.
    const answers = withAccounts(base, { carerAccount: 'He fell', carerAccountGivenBy: base.people.companions[0]?.id ?? '' });
    const prefilled = prefilledAnswers(answers, ARRIVED_AT, NOW);
    const fromNoPeople = requiredAnswers(answers, NOW, { prefilled: { ...prefilled, people: { ...prefilled.people, companions: [] } }, scope: 'signing' }).map((answer) => answer.question);
    expect(fromNoPeople.some((question) => question.endsWith('.id'))).toBe(false);
    expect(fromNoPeople).toContain('companions.0.fullName');
  });
});
