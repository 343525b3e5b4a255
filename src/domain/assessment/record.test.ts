import { describe, expect, test } from 'vitest';
import { completeChildAnswers, recordWith } from '../../test-support/fixtures';
import { fieldId, IssueList } from './issues';
import { answersSchema, assessmentRecordSchema, emptyAnswers } from './record';
import { checkLength, datePartsMessage } from './validation-helpers';

describe('answersSchema (stored answers are untrusted input)', () => {
  test('complete answers read back unchanged', () => {
    const answers = completeChildAnswers({ ageYears: 14 });
    expect(answersSchema.parse(JSON.parse(JSON.stringify(answers)))).toEqual(answers);
  });

  test('the empty answers are what the schema makes of nothing, and each caller gets its own copy to fill in', () => {
    const first = emptyAnswers();
    expect(first).toEqual(answersSchema.parse({}));
    first.patient.givenName = 'Maya';
    first.patient.dateOfBirth.day = '01';
    const second = emptyAnswers();
    expect(second).toEqual(answersSchema.parse({}));
    expect(second.patient).not.toBe(first.patient);
  });

  test('a missing section reads back empty', () => {
    const answers = completeChildAnswers();
    const older = { patient: answers.patient, people: answers.people };
    expect(answersSchema.parse(older).accounts).toEqual(emptyAnswers().accounts);
  });

  test('malformed values become empty answers instead of failing the record', () => {
    const parsed = answersSchema.parse({
      patient: { givenName: 42, sex: 'unknown-value', nameNotKnown: 'yes', dateOfBirth: '2012-01-01', attendanceReason: 'injury' },
      people: { companions: 'Sarah', nextOfKin: null },
      accounts: 'garbage',
    });
    expect(parsed.patient).toMatchObject({ givenName: '', sex: '', nameNotKnown: false, dateOfBirth: { day: '', month: '', year: '' }, attendanceReason: 'injury' });
    expect(parsed.people.companions).toEqual([]);
    expect(parsed.people.nextOfKin.answer).toBe('');
    expect(parsed.accounts).toEqual(emptyAnswers().accounts);
  });

  test('free text is never cut or cleaned: 30,000 characters and markup survive', () => {
    const long = '<script>x</script>😢'.repeat(1500);
    expect(answersSchema.parse({ accounts: { childAccount: long } }).accounts.childAccount).toBe(long);
  });
});

describe('assessmentRecordSchema', () => {
  test('a record reads back unchanged', () => {
    const record = recordWith(completeChildAnswers(), ['patient']);
    expect(assessmentRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  test('a record without an id is refused', () => {
    expect(assessmentRecordSchema.safeParse({ ...recordWith(completeChildAnswers()), id: '' }).success).toBe(false);
  });

  test('an unknown status reads as in progress', () => {
    expect(assessmentRecordSchema.parse({ ...recordWith(completeChildAnswers()), status: 'archived' }).status).toBe('in-progress');
  });
  // Shrunk counterexample from the property-based tests (tests/unit/fuzz/letters.fuzz.test.ts):
  // a stored signature whose time was not an instant read back, and composing any letter
  // then threw ("Invalid time value") printing "Signed: …".
  test('a signature whose time is not an ISO instant does not read as a signature', () => {
    const record = recordWith(completeChildAnswers());
    const signedBy = record.createdBy;
    expect(assessmentRecordSchema.parse({ ...record, signature: { signedAt: '<script>', signedBy } }).signature).toBeUndefined();
    expect(assessmentRecordSchema.parse({ ...record, signature: { signedAt: '2026-03-10T16:30:00.000Z', signedBy } }).signature).toEqual({ signedAt: '2026-03-10T16:30:00.000Z', signedBy });
  });
});

describe('IssueList and fieldId', () => {
  test('keeps issues in the order added and only the first for a field', () => {
    const issues = new IssueList();
    expect(issues.isEmpty).toBe(true);
    issues.add('givenName', 'Enter the first name');
    issues.add('familyName', 'Enter the last name');
    issues.add('givenName', 'First name must be 500 characters or fewer');
    expect(issues.items).toEqual([
      { field: 'givenName', message: 'Enter the first name' },
      { field: 'familyName', message: 'Enter the last name' },
    ]);
    expect(issues.isEmpty).toBe(false);
  });

  test.each([
    ['companions.0.fullName', 'companions-0-fullName'],
    ['dateOfBirth.day', 'dateOfBirth-day'],
    ['sex', 'sex'],
  ])('the input id for %s is %s', (path, id) => {
    expect(fieldId(path)).toBe(id);
  });
});

describe('validation helpers', () => {
  test.each([
    ['empty', 'Enter the date of injury'],
    ['missing-day', 'Date of injury must include a day'],
    ['missing-month', 'Date of injury must include a month'],
    ['missing-year', 'Date of injury must include a year'],
    ['not-a-number', 'Date of injury must be a real date, for example 27 3 2026'],
    ['year-not-four-digits', 'Year must include 4 numbers'],
    ['not-a-real-date', 'Date of injury must be a real date'],
  ] as const)('datePartsMessage for %s: "%s"', (problem, message) => {
    expect(datePartsMessage('Date of injury', problem)).toBe(message);
  });

  test('checkLength reports only text over the limit, with the limit written out', () => {
    const issues = new IssueList();
    checkLength(issues, 'a', 'x'.repeat(20_000), 20_000, 'Account');
    checkLength(issues, 'b', 'x'.repeat(20_001), 20_000, 'Account');
    expect(issues.items).toEqual([{ field: 'b', message: 'Account must be 20,000 characters or fewer' }]);
  });
});
