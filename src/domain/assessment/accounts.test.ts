import { describe, expect, test } from 'vitest';
import {
  completeAdultAnswers,
  completeChildAnswers,
  contextFor,
  dateParts,
  FATHER_ID,
  MOTHER_ID,
  testPerson,
  withAccounts,
  withPatient,
  withPeople,
} from '../../test-support/fixtures';
import type { AccountsDraft } from './accounts';
import { consistencyApplies, DELAY_THRESHOLD_HOURS, delayApplies, SOMEONE_ELSE, delayFromInjury, delayHint, validateAccounts } from './accounts';
import type { PatientDraft } from './patient';
import type { Answers } from './record';

function issuesOf(answers: Answers) {
  return validateAccounts(answers.accounts, contextFor(answers), answers.people);
}

function childIssues(changes: Partial<AccountsDraft>, ageYears = 8, reason: PatientDraft['attendanceReason'] = 'injury') {
  return issuesOf(withAccounts(completeChildAnswers({ ageYears, reason }), changes));
}

function adultIssues(changes: Partial<AccountsDraft>, reason: PatientDraft['attendanceReason'] = 'illness') {
  return issuesOf(withAccounts(completeAdultAnswers({ reason }), changes));
}

describe('validateAccounts', () => {
  test('complete child and adult accounts have no issues', () => {
    expect(childIssues({})).toEqual([]);
    expect(adultIssues({})).toEqual([]);
  });

  describe("the child's own account (under 18)", () => {
    test('is required, or a reason why the child could not give one', () => {
      expect(childIssues({ childAccount: '  ' })).toEqual([
        { field: 'childAccount', message: "Enter what the child says happened, or select 'The child could not give an account'" },
      ]);
    });

    test.each([0, 2, 17])('is required at %i', (ageYears) => {
      expect(childIssues({ childAccount: '', childAccountNotGiven: false, childAccountNotGivenReason: '' }, ageYears)).toEqual([
        { field: 'childAccount', message: "Enter what the child says happened, or select 'The child could not give an account'" },
      ]);
    });

    test('"could not give an account" needs a reason', () => {
      expect(childIssues({ childAccount: '', childAccountNotGiven: true })).toEqual([
        { field: 'childAccountNotGivenReason', message: 'Select why the child could not give an account' },
      ]);
    });

    test.each(['pre-verbal', 'too-unwell', 'declined'] as const)('"%s" is enough', (childAccountNotGivenReason) => {
      expect(childIssues({ childAccount: '', childAccountNotGiven: true, childAccountNotGivenReason })).toEqual([]);
    });

    test('a communication need must be described', () => {
      expect(childIssues({ childAccount: '', childAccountNotGiven: true, childAccountNotGivenReason: 'communication-need' })).toEqual([
        { field: 'childAccountCommunicationNeed', message: 'Describe the communication need' },
      ]);
      expect(
        childIssues({ childAccount: '', childAccountNotGiven: true, childAccountNotGivenReason: 'communication-need', childAccountCommunicationNeed: 'Non-verbal autism; uses Makaton' }),
      ).toEqual([]);
    });

    test('is stored as typed, however long (up to 20,000 characters), and in any script', () => {
      for (const childAccount of ['"Daddy did it" '.repeat(500), 'بابا ضربني', '😢 <b>he</b> pushed me', 'a'.repeat(20_000)]) {
        expect(childIssues({ childAccount })).toEqual([]);
      }
      expect(childIssues({ childAccount: 'a'.repeat(20_001) })).toEqual([{ field: 'childAccount', message: "The child's account must be 20,000 characters or fewer" }]);
    });
  });

  describe("the parent or carer's account (under 18)", () => {
    test('is optional', () => {
      expect(childIssues({ carerAccount: '', carerAccountGivenBy: '' })).toEqual([]);
    });

    test('when given, who gave it must be picked', () => {
      expect(childIssues({ carerAccountGivenBy: '' })).toEqual([{ field: 'carerAccountGivenBy', message: "Select who gave the parent or carer's account" }]);
    });

    test('who gave it must be a person recorded in the people section', () => {
      expect(childIssues({ carerAccountGivenBy: 'person-removed' })).toEqual([{ field: 'carerAccountGivenBy', message: "Select who gave the parent or carer's account" }]);
    });

    test('a person recorded as having parental responsibility (not here today) may have given it', () => {
      const answers = withAccounts(
        withPeople(completeChildAnswers(), { otherParentalResponsibility: [testPerson({ id: FATHER_ID, fullName: 'Daniel Smith', relationship: '13' })] }),
        { carerAccountGivenBy: FATHER_ID },
      );
      expect(issuesOf(answers)).toEqual([]);
    });

    test('a companion is no longer a valid giver once "came alone" is chosen', () => {
      expect(completeChildAnswers().accounts.carerAccountGivenBy).toBe(MOTHER_ID);
      const answers = withPeople(completeChildAnswers(), {
        accompaniedBy: 'alone',
        nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: 'named', person: testPerson({ id: 'nok' }) },
      });
      expect(issuesOf(answers)).toEqual([{ field: 'carerAccountGivenBy', message: "Select who gave the parent or carer's account" }]);
    });

    test('"someone else" needs their name and relationship', () => {
      expect(childIssues({ carerAccountGivenBy: SOMEONE_ELSE })).toEqual([
        { field: 'carerAccountGivenByOther', message: 'Enter the name and relationship of the person who gave the account' },
      ]);
      expect(childIssues({ carerAccountGivenBy: SOMEONE_ELSE, carerAccountGivenByOther: 'Mr Patel, neighbour' })).toEqual([]);
      expect(childIssues({ carerAccountGivenBy: SOMEONE_ELSE, carerAccountGivenByOther: 'a'.repeat(501) })).toEqual([
        { field: 'carerAccountGivenByOther', message: 'Name and relationship must be 500 characters or fewer' },
      ]);
    });

    test('over 20,000 characters is refused', () => {
      expect(childIssues({ carerAccount: 'a'.repeat(20_001) })).toEqual([
        { field: 'carerAccount', message: "The parent or carer's account must be 20,000 characters or fewer" },
      ]);
    });
  });

  describe('consistency of the explanation (a child’s injury or assault)', () => {
    const message = "Select whether the explanation is consistent with the injury and the child's age and development";

    test.each(['injury', 'assault'] as const)('is required for a child’s %s', (reason) => {
      expect(childIssues({ accountConsistent: '' }, 8, reason)).toEqual([{ field: 'accountConsistent', message }]);
    });

    test.each(['yes', 'no', 'not-sure'] as const)('"%s" is an answer', (accountConsistent) => {
      expect(childIssues({ accountConsistent })).toEqual([]);
    });

    test.each(['illness', 'self-harm', 'sexual-health', 'other'] as const)('is not asked for a child’s %s', (reason) => {
      expect(childIssues({ accountConsistent: '' }, 8, reason)).toEqual([]);
    });

    test('is not asked for an adult’s injury', () => {
      expect(adultIssues({ accountConsistent: '' }, 'injury')).toEqual([]);
    });
  });

  describe('delay in seeking help', () => {
    const message = 'Select whether there was a delay in seeking help';

    const late = { injuryDate: dateParts('2026-03-08'), injuryTime: '09:00' };
    const unknown = { injuryDate: { day: '', month: '', year: '' }, injuryTime: '', injuryTimeNotKnown: true };
    const issuesWith = (answers: Answers, patient: Partial<PatientDraft>) => issuesOf(withAccounts(withPatient(answers, patient), { delay: '' }));

    test.each<[string, () => Answers, Partial<PatientDraft>, boolean]>([
      ['child, injury within 24 hours (the times say so)', () => completeChildAnswers({ reason: 'injury' }), {}, false],
      ['child, injury more than 24 hours before arrival', () => completeChildAnswers({ reason: 'injury' }), late, true],
      ['child, injury time not known', () => completeChildAnswers({ reason: 'injury' }), unknown, true],
      ['child, assault within 24 hours', () => completeChildAnswers({ reason: 'assault' }), {}, false],
      ['child, illness (no injury time)', () => completeChildAnswers({ reason: 'illness' }), {}, true],
      ['adult, injury within 24 hours', () => completeAdultAnswers({ reason: 'injury' }), { injuryDate: dateParts('2026-03-10'), injuryTime: '12:00' }, false],
      ['adult, injury more than 24 hours before arrival', () => completeAdultAnswers({ reason: 'injury' }), late, true],
      ['adult, assault, time not known', () => completeAdultAnswers({ reason: 'assault' }), unknown, true],
      ['adult, illness', () => completeAdultAnswers({ reason: 'illness' }), {}, false],
    ])('%s: required %s', (_name, answers, patient, required) => {
      expect(issuesWith(answers(), patient)).toEqual(required ? [{ field: 'delay', message }] : []);
    });
  });

  describe('an adult', () => {
    test('the account is optional and child questions are not asked', () => {
      expect(adultIssues({ adultAccount: '', childAccount: '', carerAccount: 'left over', carerAccountGivenBy: 'nobody' })).toEqual([]);
    });

    test('the account is refused only over 20,000 characters', () => {
      expect(adultIssues({ adultAccount: 'a'.repeat(20_000) })).toEqual([]);
      expect(adultIssues({ adultAccount: 'a'.repeat(20_001) })).toEqual([{ field: 'adultAccount', message: "The patient's account must be 20,000 characters or fewer" }]);
    });
  });
});

describe('delayFromInjury', () => {
  function ctxWithInjury(injuryDate: string, injuryTime: string, changes: Partial<PatientDraft> = {}) {
    return contextFor(withPatient(completeChildAnswers(), { injuryDate: dateParts(injuryDate), injuryTime, ...changes }));
  }

  test('the threshold is 24 hours', () => {
    expect(DELAY_THRESHOLD_HOURS).toBe(24);
  });

  test.each([
    ['2026-03-10', '12:00', { overThreshold: false, hours: 2.5 }],
    ['2026-03-10', '14:30', { overThreshold: false, hours: 0 }],
    ['2026-03-09', '14:30', { overThreshold: false, hours: 24 }],
    ['2026-03-09', '14:29', { overThreshold: true, hours: 24 + 1 / 60 }],
    ['2026-03-07', '09:00', { overThreshold: true, hours: 77.5 }],
  ] as const)('injured %s %s, arrived 2026-03-10 14:30: %j', (date, time, expected) => {
    expect(delayFromInjury(ctxWithInjury(date, time))).toEqual(expected);
  });

  test.each([
    ['spring', '2026-03-28', '2026-03-29', '2026-03-29T14:00:00.000Z', { overThreshold: false, hours: 23 }],
    ['autumn', '2026-10-24', '2026-10-25', '2026-10-25T15:00:00.000Z', { overThreshold: true, hours: 25 }],
  ] as const)('counts real hours across the %s clock change (14:30 to 14:30 the next day)', (_, injuryDate, arrivalDate, now, expected) => {
    const answers = withPatient(completeChildAnswers(), {
      injuryDate: dateParts(injuryDate),
      injuryTime: '14:30',
      arrivalDate: dateParts(arrivalDate),
      arrivalTime: '14:30',
    });
    expect(delayFromInjury(contextFor(answers, now))).toEqual(expected);
  });

  test('no suggestion when the injury is after arrival (negative delay)', () => {
    expect(delayFromInjury(ctxWithInjury('2026-03-10', '14:31'))).toBeUndefined();
  });

  test.each<[string, Partial<PatientDraft>]>([
    ['the injury time is not known', { injuryTimeNotKnown: true }],
    ['the injury time is incomplete', { injuryTime: '' }],
    ['the arrival time is not valid', { arrivalTime: '' }],
    ['the reason is not an injury or assault', { attendanceReason: 'illness' }],
  ])('no suggestion when %s', (_, changes) => {
    expect(delayFromInjury(contextFor(withPatient(completeChildAnswers(), changes)))).toBeUndefined();
  });
});

describe('delayHint (a hint, never the answer)', () => {
  const hintFor = (injuryDate: string, injuryTime: string) => delayHint(contextFor(withPatient(completeChildAnswers(), { injuryDate: dateParts(injuryDate), injuryTime })));

  test.each([
    ['2026-03-10', '14:00', 'The patient arrived within an hour of the injury'],
    ['2026-03-10', '13:30', 'The patient arrived 1 hour after the injury'],
    ['2026-03-10', '12:00', 'The patient arrived 2 hours after the injury'],
    ['2026-03-09', '14:30', 'The patient arrived 24 hours after the injury'],
    ['2026-03-07', '09:00', 'The patient arrived 77 hours after the injury: more than 24 hours. A delay in seeking help can be an alerting feature (NICE CG89)'],
  ])('injured %s %s, arrived 2026-03-10 14:30: "%s"', (date, time, hint) => {
    expect(hintFor(date, time)).toBe(hint);
  });

  test('no hint without an injury time', () => {
    expect(delayHint(contextFor(withPatient(completeChildAnswers(), { injuryTimeNotKnown: true })))).toBeUndefined();
  });

  test('the delay answer is not derived from the times: an empty answer stays an issue whatever the delay', () => {
    const late = withAccounts(withPatient(completeChildAnswers(), { injuryDate: dateParts('2026-03-07'), injuryTime: '09:00' }), { delay: '' });
    expect(validateAccounts(late.accounts, contextFor(late), late.people)).toEqual([{ field: 'delay', message: 'Select whether there was a delay in seeking help' }]);
  });
});

describe('delayApplies and consistencyApplies', () => {
  test.each([
    ['child', 'injury', true, true],
    ['child', 'assault', true, true],
    ['child', 'illness', true, false],
    ['child', 'self-harm', true, false],
    ['adult', 'injury', true, false],
    ['adult', 'assault', true, false],
    ['adult', 'illness', false, false],
    ['adult', 'intoxication', false, false],
  ] as const)('%s, %s: delay %s, consistency %s', (who, reason, delay, consistency) => {
    const ctx = contextFor(who === 'child' ? completeChildAnswers({ reason }) : completeAdultAnswers({ reason }));
    expect(delayApplies(ctx)).toBe(delay);
    expect(consistencyApplies(ctx)).toBe(consistency);
  });
});
