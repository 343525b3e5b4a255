/**
 * Patient look-up (issue 12): reading the form (malformed NHS number, name without date of
 * birth), near misses of each kind within the two blind indexes, the 3-in-12-months flag at
 * its boundary, the other flags, match decisions and the pre-fill of a new assessment.
 */
import { describe, expect, test } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import type { RecordOptions } from '../../test-support/assessment-fixtures';
import { emptyDateParts } from '../shared/dates';
import { summariseAttendance } from './attendance-summary';
import type { AttendanceSummary } from './attendance-summary';
import {
  applyMatchDecisions,
  attendancesInLastYear,
  classifyAttendances,
  lookUpFlags,
  prefillFromEarlierAttendance,
  readLookUpForm,
  referenceIdentity,
  storageQueryFor,
} from './patient-look-up';
import { createAssessment } from './lifecycle';
import { TEST_NURSE_REF } from '../../test-support/render-screen';

const NOW = '2026-03-10T14:00:00.000Z';
const DOB = '2019-05-04';
const NHS = '9434765919';
const OTHER_NHS = '4010232137';

function summary(id: string, arrivedAt: string, options: Partial<RecordOptions> = {}): AttendanceSummary {
  return summariseAttendance(assessmentRecord({ id, arrivedAt, dateOfBirth: DOB, nhsNumber: NHS, familyName: 'Okafor', ...options }), NOW);
}

describe('reading the look-up form', () => {
  test.each([
    ['943 476 591', 'NHS number must be 10 digits, like 943 476 5919'],
    ['943 476 5918', 'Enter a valid NHS number: check each digit'],
  ])('a malformed NHS number %s says what is wrong', (nhsNumber, message) => {
    expect(readLookUpForm({ nhsNumber, familyName: '', dateOfBirth: emptyDateParts() }, NOW)).toEqual({ ok: false, issues: [{ field: 'nhsNumber', message }] });
  });

  test('a valid NHS number with spaces or dashes is enough on its own', () => {
    expect(readLookUpForm({ nhsNumber: '943-476-5919', familyName: '', dateOfBirth: emptyDateParts() }, NOW)).toEqual({ ok: true, query: { nhsNumber: NHS } });
  });

  test('nothing typed asks for an NHS number, or a last name and date of birth', () => {
    const read = readLookUpForm({ nhsNumber: '', familyName: '', dateOfBirth: emptyDateParts() }, NOW);
    expect(read.ok ? [] : read.issues.map((issue) => issue.message)).toEqual(['Enter an NHS number, or a last name and date of birth']);
  });

  test('a last name without a date of birth is refused (it would find other people)', () => {
    const read = readLookUpForm({ nhsNumber: '', familyName: 'Okafor', dateOfBirth: emptyDateParts() }, NOW);
    expect(read.ok ? [] : read.issues).toEqual([{ field: 'dateOfBirth.day', message: 'Enter the date of birth' }]);
  });

  test('a date of birth in the future is refused', () => {
    const read = readLookUpForm({ nhsNumber: '', familyName: 'Okafor', dateOfBirth: { day: '1', month: '1', year: '2027' } }, NOW);
    expect(read.ok ? [] : read.issues.map((issue) => issue.message)).toEqual(['Date of birth must be today or in the past']);
  });

  test('last name and date of birth', () => {
    expect(readLookUpForm({ nhsNumber: '', familyName: ' Okafor ', dateOfBirth: { day: '4', month: '5', year: '2019' } }, NOW)).toEqual({ ok: true, query: { familyName: 'Okafor', dateOfBirth: DOB } });
  });
});

describe('near misses, within the two blind indexes', () => {
  const identity = { nhsNumber: NHS, familyName: 'okafor', dateOfBirth: DOB };

  test('same NHS number, name and date of birth is a match; an attendance without an NHS number matches on name and date of birth', () => {
    const result = classifyAttendances(identity, [summary('a', '2026-01-01T10:00:00.000Z'), summary('b', '2026-02-01T10:00:00.000Z', { nhsNumber: '' })]);
    expect(result.matches.map((item) => item.id)).toEqual(['b', 'a']);
    expect(result.possible).toEqual([]);
  });

  test('same NHS number with a different last name is a possible match, not a match', () => {
    const result = classifyAttendances(identity, [summary('renamed', '2026-01-01T10:00:00.000Z', { familyName: 'Okafor-Smith' })]);
    expect(result.matches).toEqual([]);
    expect(result.possible.map((item) => [item.summary.id, item.reasons])).toEqual([['renamed', ['same-nhs-different-name']]]);
  });

  test('same NHS number with a different date of birth is a possible match', () => {
    const other = summariseAttendance(assessmentRecord({ id: 'dob', arrivedAt: '2026-01-01T10:00:00.000Z', dateOfBirth: '2019-04-05', nhsNumber: NHS }), NOW);
    const result = classifyAttendances(identity, [other]);
    expect(result.possible.map((item) => item.reasons)).toEqual([['same-nhs-different-date-of-birth']]);
  });

  test('same last name and date of birth with a different NHS number is a possible match', () => {
    const result = classifyAttendances(identity, [summary('twin', '2026-01-01T10:00:00.000Z', { nhsNumber: OTHER_NHS, givenName: 'Chidi' })]);
    expect(result.matches).toEqual([]);
    expect(result.possible.map((item) => item.reasons)).toEqual([['same-name-and-date-of-birth-different-nhs']]);
  });

  test('last name matching ignores case, spaces and punctuation', () => {
    const result = classifyAttendances({ nhsNumber: NHS, familyName: 'oconnor', dateOfBirth: DOB }, [summary('a', '2026-01-01T10:00:00.000Z', { familyName: "O'Connor" })]);
    expect(result.matches).toHaveLength(1);
  });

  test('an attendance that shares neither key (an index collision) is left out', () => {
    const other = summariseAttendance(assessmentRecord({ id: 'x', arrivedAt: '2026-01-01T10:00:00.000Z', dateOfBirth: '2010-01-01', nhsNumber: OTHER_NHS, familyName: 'Jones' }), NOW);
    expect(classifyAttendances(identity, [other])).toMatchObject({ matches: [], possible: [] });
  });

  test('a look-up by NHS number alone compares with the newest attendance and asks storage for its name and date of birth too', () => {
    const found = [summary('old', '2025-06-01T10:00:00.000Z', { familyName: 'Smith' }), summary('new', '2026-02-01T10:00:00.000Z')];
    const identity = referenceIdentity({ nhsNumber: NHS }, found);
    expect(identity).toEqual({ nhsNumber: NHS, familyName: 'okafor', dateOfBirth: DOB });
    expect(storageQueryFor(identity)).toEqual({ nhsNumber: NHS, familyName: 'okafor', dateOfBirth: DOB });
    expect(classifyAttendances(identity, found).possible.map((item) => item.summary.id)).toEqual(['old']);
  });

  test('a look-up by name and date of birth with nothing found compares with what was typed only', () => {
    expect(referenceIdentity({ familyName: 'Okafor', dateOfBirth: DOB }, [])).toEqual({ familyName: 'okafor', dateOfBirth: DOB });
  });

  test('nothing joins the attendances until the nurse confirms it; a rejected one is counted as rejected only', () => {
    const result = classifyAttendances(identity, [summary('a', '2026-01-01T10:00:00.000Z'), summary('b', '2026-02-01T10:00:00.000Z', { familyName: 'Smith' }), summary('c', '2025-12-01T10:00:00.000Z', { nhsNumber: OTHER_NHS })]);
    expect(applyMatchDecisions(result, {})).toMatchObject({ attendances: [{ id: 'a' }], rejected: 0 });
    const decided = applyMatchDecisions(result, { b: 'confirmed', c: 'rejected' });
    expect(decided.attendances.map((item) => item.id)).toEqual(['b', 'a']);
    expect(decided.undecided).toEqual([]);
    expect(decided.rejected).toBe(1);
  });
});

describe('3 or more attendances in 12 months', () => {
  // 10 March 2026 14:00 London: the look-back starts 10 March 2025 14:00 London.
  test.each([
    ['2025-03-10T14:00:00.000Z', true],
    ['2025-03-10T13:59:00.000Z', false],
  ])('on the look-up page, the third attendance at %s counts: %s', (oldest, flagged) => {
    const attendances = [summary('a', oldest), summary('b', '2025-10-01T10:00:00.000Z'), summary('c', '2026-03-09T10:00:00.000Z')];
    expect(attendancesInLastYear(attendances, NOW)).toBe(flagged ? 3 : 2);
    expect(lookUpFlags(attendances, NOW).some((flag) => flag.kind === 'frequent')).toBe(flagged);
  });

  test('during an assessment, two earlier attendances and this one make three', () => {
    const earlier = [summary('a', '2025-10-01T10:00:00.000Z'), summary('b', '2026-01-01T10:00:00.000Z')];
    expect(lookUpFlags(earlier, NOW, { countCurrent: true })).toContainEqual({ kind: 'frequent', text: '3 or more attendances in 12 months (3, including this one)' });
    expect(lookUpFlags(earlier.slice(0, 1), NOW, { countCurrent: true })).toEqual([]);
  });
});

describe('other flags', () => {
  test('an earlier concern of Consider or Suspect, CP-IS plan or looked after, and open follow-ups', () => {
    const concern = summariseAttendance(
      assessmentRecord({ id: 'c', arrivedAt: '2025-01-01T10:00:00.000Z', dateOfBirth: DOB, answers: { outcome: { concernLevel: 'suspect' }, informationChecks: { cpis: 'checked-looked-after' } } }),
      NOW,
    );
    const withFollowUp: AttendanceSummary = { ...summary('f', '2024-01-01T10:00:00.000Z'), followUps: ['cse-not-asked'] };
    const flags = lookUpFlags([concern, withFollowUp], NOW);
    expect(flags.map((flag) => flag.kind)).toEqual(['earlier-concern', 'cp-plan-or-looked-after', 'open-follow-ups']);
    expect(flags[0]?.text).toBe('An earlier attendance recorded a concern level of Suspect');
    expect(flags[1]?.text).toBe('CP-IS recorded looked after at an earlier attendance');
  });

  test('No concern and CP-IS "no plan" raise no flag', () => {
    const plain = summariseAttendance(
      assessmentRecord({ id: 'p', arrivedAt: '2025-01-01T10:00:00.000Z', dateOfBirth: DOB, answers: { outcome: { concernLevel: 'no-concern' }, informationChecks: { cpis: 'checked-no-plan' } } }),
      NOW,
    );
    expect(lookUpFlags([plain], NOW)).toEqual([]);
  });
});

describe('pre-filling a new assessment', () => {
  test('copies who the patient is and how to reach their GP and school; leaves arrival, reason and the section unsaved', () => {
    const earlier = assessmentRecord({
      id: 'earlier',
      arrivedAt: '2026-01-05T10:00:00.000Z',
      dateOfBirth: DOB,
      answers: { patient: { sex: 'female', address: '1 High Street', postcode: 'NG5 1PB', gpPractice: 'Valley Surgery', school: 'Hill Primary', interpreterNeeded: 'no', attendanceReason: 'assault' } },
    });
    const fresh = createAssessment('new', NOW, TEST_NURSE_REF);
    const filled = prefillFromEarlierAttendance(fresh, earlier);
    expect(filled.answers.patient).toMatchObject({
      givenName: 'Amara',
      familyName: 'Okafor',
      dateOfBirth: { day: '4', month: '5', year: '2019' },
      sex: 'female',
      nhsNumber: '943 476 5919',
      address: '1 High Street',
      postcode: 'NG5 1PB',
      gpPractice: 'Valley Surgery',
      school: 'Hill Primary',
      interpreterNeeded: 'no',
      attendanceReason: '',
    });
    expect(filled.answers.patient.arrivalDate).toEqual(fresh.answers.patient.arrivalDate);
    expect(filled.confirmedSections).not.toContain('patient');
    expect(filled.prefilledFrom).toEqual({ attendanceId: 'earlier', arrivedAt: '2026-01-05T10:00:00.000Z' });
  });
});
