import { describe, expect, test } from 'vitest';
import { attendanceSummarySchema } from '../assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../assessment/attendance-summary-schema';
import { classifyAttendances, lookUpFlags } from '../assessment/patient-look-up';
import { purgeDecision, RETAINED_STUB_NAME, stubAsSummary, stubExpired, stubFromSummary, stubKeptFrom } from './retention';
import type { KeepReason, PurgeInput } from './retention';

const NOW = '2026-06-30T12:00:00.000Z';

/** An adult's signed attendance 40 days ago with its GP letter issued: purged unless a case below says otherwise. */
const summary = (fields: Partial<AttendanceSummary>): AttendanceSummary =>
  attendanceSummarySchema.parse({ id: 'a1', ageYears: 30, status: 'signed', arrivedAt: '2026-05-21T09:00:00.000Z', signedAt: '2026-05-21T10:00:00.000Z', letters: ['gp'], ...fields });
const gp = { kind: 'gp', childId: '' };

describe('which finished attendances the purge removes (issue 13 and its clarifications)', () => {
  test.each<[string, PurgeInput, KeepReason[]]>([
    ['an adult, signed 40 days ago, GP letter issued, not on the liaison list', { summary: summary({}), issued: [gp], reviewed: false }, []],
    ['not signed (left unsigned, reviewed)', { summary: summary({ status: 'in-progress', signedAt: '' }), issued: [gp], reviewed: true }, ['not-signed']],
    ['signed 29 days ago', { summary: summary({ signedAt: '2026-06-01T13:00:00.000Z' }), issued: [gp], reviewed: false }, ['within-retention']],
    ['signed exactly 30 days ago', { summary: summary({ signedAt: '2026-05-31T12:00:00.000Z' }), issued: [gp], reviewed: false }, []],
    ['the GP letter not issued', { summary: summary({}), issued: [], reviewed: false }, ['letters-to-issue']],
    ['a child with both letters and the review', { summary: summary({ ageYears: 9, letters: ['gp', 'school-nurse'] }), issued: [gp, { kind: 'school-nurse', childId: '' }], reviewed: true }, []],
    ['a child without the liaison review', { summary: summary({ ageYears: 9, letters: ['gp', 'school-nurse'] }), issued: [gp, { kind: 'school-nurse', childId: '' }], reviewed: false }, ['liaison-review-to-do']],
    ['a MASH referral needed and not issued', { summary: summary({ ageYears: 9, letters: ['gp', 'school-nurse', 'mash-referral'] }), issued: [gp, { kind: 'school-nurse', childId: '' }], reviewed: true }, ['letters-to-issue']],
    [
      'a referral still to make, every letter issued and reviewed',
      { summary: summary({ ageYears: 9, letters: ['gp', 'mash-referral'], pendingReferral: { dueAt: '2026-05-22T09:00:00.000Z', by: 'Jo' } }), issued: [gp, { kind: 'mash-referral', childId: '' }], reviewed: true },
      ['referral-to-make'],
    ],
    [
      'two Think Family children to notify, one notification issued',
      { summary: summary({ thinkFamilyChildren: 2, letters: ['gp', 'health-visitor', 'health-visitor'] }), issued: [gp, { kind: 'health-visitor', childId: 'c1' }], reviewed: true },
      ['letters-to-issue'],
    ],
    [
      'two Think Family children, both notified and reviewed',
      { summary: summary({ thinkFamilyChildren: 2, letters: ['gp', 'health-visitor', 'health-visitor'] }), issued: [gp, { kind: 'health-visitor', childId: 'c1' }, { kind: 'health-visitor', childId: 'c2' }], reviewed: true },
      [],
    ],
    ['a conflicting edit from another tablet not reconciled, everything else done (issue 14)', { summary: summary({}), issued: [gp], reviewed: false, conflictToReconcile: true }, ['conflict-to-reconcile']],
    ['a conflicting edit from another tablet reconciled', { summary: summary({}), issued: [gp], reviewed: false, conflictToReconcile: false }, []],
  ])('%s', (_name, input, keep) => {
    expect(purgeDecision(input, NOW, 30)).toEqual({ purge: keep.length === 0, keep });
  });
});

describe('how long a stub stays', () => {
  test.each([
    ['2026-06-30T12:00:00.000Z', 12, '2025-06-30'],
    ['2028-02-29T12:00:00.000Z', 12, '2027-02-28'],
    ['2026-03-31T12:00:00.000Z', 1, '2026-02-28'],
    ['2026-01-15T12:00:00.000Z', 24, '2024-01-15'],
  ])('at %s, kept %i months: from %s', (now, months, from) => {
    expect(stubKeptFrom(now, months)).toBe(from);
  });

  test('a stub arrived the day before the kept-from date goes; one that day stays', () => {
    expect(stubExpired({ arrivedOn: '2025-06-29' }, NOW, 12)).toBe(true);
    expect(stubExpired({ arrivedOn: '2025-06-30' }, NOW, 12)).toBe(false);
  });
});

describe('a stub in a look-up', () => {
  const stub = stubFromSummary(summary({ id: 'gone', concernLevel: 'suspect', cpis: 'checked-cp-plan', arrivedAt: '2026-03-01T23:30:00.000Z', displayName: 'Jo Quill', nhsNumber: '943 476 5919' }), '5-10', NOW);

  test('keeps the documented fields only: no name, NHS number or date of birth; the London arrival date', () => {
    expect(stub).toEqual({ id: 'gone', arrivedOn: '2026-03-01', ageBand: '5-10', concernLevel: 'suspect', cpis: 'checked-cp-plan', thinkFamilyChildren: null, leftBeforeAssessment: false, purgedAt: NOW });
  });

  const found = (nhs: 'same' | 'different' | 'unknown', nameDob: 'same' | 'different' | 'unknown') => stubAsSummary(stub, { nhs, nameDob }, { nhsNumber: '9434765919', familyName: 'Quill', dateOfBirth: '2018-04-01' });
  const identity = { nhsNumber: '9434765919', familyName: 'quill', dateOfBirth: '2018-04-01' };

  test.each([
    ['found by the NHS number only', found('same', 'unknown'), 'match'],
    ['both keys agree', found('same', 'same'), 'match'],
    ['found by last name and date of birth, no NHS number kept', found('unknown', 'same'), 'match'],
    ['same NHS number, the other key differs: a possible match', found('same', 'different'), 'possible'],
    ['same last name and date of birth, another NHS number: a possible match', found('different', 'same'), 'possible'],
  ])('%s', (_name, stubSummary, expected) => {
    const result = classifyAttendances(identity, [stubSummary]);
    expect(result.matches.length === 1 ? 'match' : result.possible.length === 1 ? 'possible' : 'neither').toBe(expected);
  });

  test('a key known in the second look-up round beats unknown: the stub becomes a possible match', () => {
    const result = classifyAttendances(identity, [found('same', 'unknown'), found('same', 'different')]);
    expect(result.possible.map((item) => item.reasons)).toEqual([['same-nhs-different-name-or-date-of-birth']]);
  });

  test('counts in "3 or more in 12 months" and carries its flags', () => {
    const kept = [summary({ id: 'b', arrivedAt: '2026-05-01T09:00:00.000Z' }), summary({ id: 'c', arrivedAt: '2026-06-01T09:00:00.000Z' }), found('same', 'same')];
    expect(found('same', 'same').displayName).toBe(RETAINED_STUB_NAME);
    expect(lookUpFlags(kept, NOW).map((flag) => flag.kind)).toEqual(['frequent', 'earlier-concern', 'cp-plan-or-looked-after']);
  });
});
