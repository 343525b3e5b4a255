/**
 * Tests for section 4.4 Information checks: relevance, CP-IS wording and suggestion, the
 * frequent-attendance flag and validation.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { InformationChecksDraft } from './information-checks';
import {
  cpisOptions,
  emptyInformationChecksDraft,
  frequentAttendanceFlag,
  hvOrSchoolNurseLabel,
  informationChecksApply,
  informationChecksDraftSchema,
  isCpisPositive,
  lookBackStart,
  openCaseApplies,
  openSocialCareCase,
  readPreviousAttendances,
  reportedFrequentAttendance,
  suggestedCpisAnswer,
  validateInformationChecks,
} from './information-checks';
import { emptyPatientDraft } from './patient';

const child = contextForAge(8);

const complete = (changes: Partial<InformationChecksDraft> = {}): InformationChecksDraft => ({
  ...emptyInformationChecksDraft(),
  cpis: 'checked-no-plan',
  socialCare: 'no',
  previousAttendances: '0',
  ...changes,
});

describe('when the section applies', () => {
  test.each<[number | undefined, boolean]>([
    [0, true],
    [17, true],
    [18, false],
    [undefined, false],
  ])('age %s → %s', (age, expected) => {
    expect(informationChecksApply(contextForAge(age))).toBe(expected);
  });

  test.each<[number, string]>([
    [0, 'Health visitor'],
    [4, 'Health visitor'],
    [5, 'School nurse'],
    [17, 'School nurse'],
  ])('age %s: the health visitor or school nurse question reads "%s"', (age, label) => {
    expect(hvOrSchoolNurseLabel(contextForAge(age))).toBe(label);
  });
});

describe('CP-IS', () => {
  test('the seven answers are the canonical wording of PRODUCT.md 4.4', () => {
    expect(cpisOptions.map((option) => option.label)).toEqual([
      'Checked – child protection plan',
      'Checked – looked after',
      'Checked – unborn child protection plan',
      'Checked – no plan',
      'Not checked – no NHS number',
      'Not checked – system unavailable',
      'Not checked – other (reason)',
    ]);
  });

  test.each<[InformationChecksDraft['cpis'], boolean]>([
    ['checked-cp-plan', true],
    ['checked-looked-after', true],
    ['checked-unborn-cp-plan', true],
    ['checked-no-plan', false],
    ['not-checked-no-nhs-number', false],
    ['not-checked-system-unavailable', false],
    ['not-checked-other', false],
    ['', false],
  ])('%s is a positive result for the GP letter: %s', (cpis, expected) => {
    expect(isCpisPositive({ cpis })).toBe(expected);
  });

  test.each<[string, string, boolean, string | undefined]>([
    ['no NHS number entered', '', false, 'not-checked-no-nhs-number'],
    ['"NHS number not known" ticked', '', true, 'not-checked-no-nhs-number'],
    ['an NHS number that fails the check', '943 476 5918', false, 'not-checked-no-nhs-number'],
    ['a valid NHS number', '943 476 5919', false, undefined],
  ])('suggests "Not checked – no NHS number" when the patient has %s', (_name, nhsNumber, notKnown, expected) => {
    expect(suggestedCpisAnswer({ ...emptyPatientDraft(), nhsNumber, nhsNumberNotKnown: notKnown })).toBe(expected);
  });
});

describe('frequentAttendanceFlag (3 or more in 12 months, counting this attendance)', () => {
  const arrivedAt = '2026-03-10T14:00:00.000Z';
  const at = (...instants: string[]) => instants.map((instant) => ({ arrivedAt: instant }));

  test.each<[string, { arrivedAt: string }[], boolean]>([
    ['no earlier attendances', [], false],
    ['one earlier attendance (2 with this one)', at('2026-01-05T10:00:00.000Z'), false],
    ['two earlier attendances (3 with this one)', at('2026-01-05T10:00:00.000Z', '2025-09-01T09:00:00.000Z'), true],
    ['two earlier, one exactly 12 months before (inclusive)', at('2026-01-05T10:00:00.000Z', '2025-03-10T14:00:00.000Z'), true],
    ['two earlier, one a minute more than 12 months before', at('2026-01-05T10:00:00.000Z', '2025-03-10T13:59:00.000Z'), false],
    ['later attendances do not count', at('2026-03-11T10:00:00.000Z', '2026-04-01T10:00:00.000Z'), false],
    ['an attendance at the same instant is not earlier', at('2026-03-10T14:00:00.000Z', '2026-01-05T10:00:00.000Z'), false],
    ['five earlier attendances', at('2026-03-09T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z', '2025-12-01T10:00:00.000Z', '2025-06-01T10:00:00.000Z'), true],
  ])('%s → %s', (_name, attendances, expected) => {
    expect(frequentAttendanceFlag(attendances, arrivedAt)).toBe(expected);
  });

  test.each<[string, string, string]>([
    ['GMT to GMT', '2026-03-10T14:00:00.000Z', '2025-03-10T14:00:00.000Z'],
    ['BST to BST: the same London wall-clock time', '2026-07-10T13:00:00.000Z', '2025-07-10T13:00:00.000Z'],
    ['29 February looks back to 28 February', '2024-02-29T12:00:00.000Z', '2023-02-28T12:00:00.000Z'],
    ['1 January looks back across the year', '2026-01-01T00:30:00.000Z', '2025-01-01T00:30:00.000Z'],
  ])('look-back start, %s', (_name, arrival, expected) => {
    expect(lookBackStart(arrival)).toBe(expected);
  });

  test.each<[string, boolean, boolean]>([
    ['0', false, false],
    ['1', false, false],
    ['2', false, true],
    ['12', false, true],
    ['', true, false],
    ['abc', false, false],
  ])('the number the nurse entered: %s earlier (not known: %s) → flag %s', (previousAttendances, previousAttendancesNotKnown, expected) => {
    expect(reportedFrequentAttendance(complete({ previousAttendances, previousAttendancesNotKnown }))).toBe(expected);
  });
});

describe('validateInformationChecks', () => {
  test('a complete section has no problems', () => {
    expect(validateInformationChecks(complete(), child)).toEqual([]);
  });

  test('an empty section asks for each required answer, in page order', () => {
    expect(validateInformationChecks(emptyInformationChecksDraft(), child)).toEqual([
      { field: 'cpis', message: 'Select whether CP-IS was checked, and the result' },
      { field: 'socialCare', message: "Select whether the child is known to children's social care" },
      { field: 'previousAttendances', message: "Enter the number of ED, MIU or urgent care attendances in the last 12 months, or select 'Not known'" },
    ]);
  });

  test('nothing is asked of an adult', () => {
    expect(validateInformationChecks(emptyInformationChecksDraft(), contextForAge(18))).toEqual([]);
  });

  test.each<[string, Partial<InformationChecksDraft>, { field: string; message: string }[]]>([
    ['CP-IS not checked for another reason, no reason', { cpis: 'not-checked-other' }, [{ field: 'cpisOtherReason', message: 'Enter why CP-IS was not checked' }]],
    ['CP-IS not checked for another reason, with a reason', { cpis: 'not-checked-other', cpisOtherReason: 'Smartcard not working' }, []],
    ['known to social care, no name or team', { socialCare: 'yes', openCase: 'no' }, [{ field: 'socialWorkerName', message: "Enter the social worker's name or team" }]],
    ['known to social care, team only', { socialCare: 'yes', openCase: 'no', socialWorkerTeam: 'Children in need, Mansfield' }, []],
    ['known to social care, name only', { socialCare: 'yes', openCase: 'yes', socialWorkerName: 'Sam Jones' }, []],
    [
      'known to social care, open case not answered',
      { socialCare: 'yes', socialWorkerName: 'Sam Jones' },
      [{ field: 'openCase', message: "Select whether there is an open case with children's social care now" }],
    ],
    ['known to social care, open case not known', { socialCare: 'yes', openCase: 'not-known', socialWorkerName: 'Sam Jones' }, []],
    ['not known to social care: a stale open-case answer is not asked', { socialCare: 'no', openCase: '' }, []],
    [
      'known to social care, phone not a phone number',
      { socialCare: 'yes', openCase: 'no', socialWorkerName: 'Sam Jones', socialWorkerPhone: 'ring the office' },
      [{ field: 'socialWorkerPhone', message: "Enter the social worker's phone number like 0115 496 0000 or 07700 900 982" }],
    ],
    ['known to social care, valid phone', { socialCare: 'yes', openCase: 'no', socialWorkerName: 'Sam Jones', socialWorkerPhone: '0115 496 0000' }, []],
    ['not known to social care: social worker details are not asked', { socialCare: 'not-known' }, []],
    ['attendances not a number', { previousAttendances: 'two' }, [{ field: 'previousAttendances', message: 'Number of attendances must be a whole number from 0 to 99' }]],
    ['attendances over 99', { previousAttendances: '100' }, [{ field: 'previousAttendances', message: 'Number of attendances must be a whole number from 0 to 99' }]],
    ['attendances negative', { previousAttendances: '-1' }, [{ field: 'previousAttendances', message: 'Number of attendances must be a whole number from 0 to 99' }]],
    ['attendances 99', { previousAttendances: '99' }, []],
    ['attendances not known', { previousAttendances: '', previousAttendancesNotKnown: true }, []],
    ['health visitor too long', { hvOrSchoolNurse: 'x'.repeat(501) }, [{ field: 'hvOrSchoolNurse', message: 'School nurse must be 500 characters or fewer' }]],
  ])('%s', (_name, changes, expected) => {
    expect(validateInformationChecks(complete(changes), child)).toEqual(expected);
  });

  test('the health visitor or school nurse is optional', () => {
    expect(validateInformationChecks(complete({ hvOrSchoolNurse: '' }), contextForAge(1))).toEqual([]);
  });
});

describe('the open social-care case (PRODUCT.md 4.9: only an open case refuses "No concern")', () => {
  test.each<[InformationChecksDraft['socialCare'], InformationChecksDraft['openCase'], boolean, boolean]>([
    ['yes', 'yes', true, true],
    ['yes', 'no', true, false],
    ['yes', 'not-known', true, false],
    ['yes', '', true, false],
    ['no', 'yes', false, false],
    ['not-known', 'yes', false, false],
    ['', 'yes', false, false],
  ])('known to social care %s, open case %s → asked %s, open case recorded %s', (socialCare, openCase, asked, open) => {
    expect(openCaseApplies({ socialCare })).toBe(asked);
    expect(openSocialCareCase({ socialCare, openCase })).toBe(open);
  });
});

describe('the draft schema', () => {
  test('parses anything into a draft without failing', () => {
    const draft = informationChecksDraftSchema.parse({ cpis: 'made-up', socialCare: 3, previousAttendances: null });
    expect(draft).toEqual(emptyInformationChecksDraft());
  });

  test('reads the number of previous attendances', () => {
    expect(readPreviousAttendances(complete({ previousAttendances: ' 7 ' }))).toBe(7);
    expect(readPreviousAttendances(complete({ previousAttendances: '7', previousAttendancesNotKnown: true }))).toBeUndefined();
  });
});
