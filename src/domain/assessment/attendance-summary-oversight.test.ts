/**
 * The oversight facts of the sealed attendance summary (issue 9 "Oversight data"; issue 12):
 * each field, the version, the "left unsigned" timing rule at its boundary, and a size budget
 * (the summary is decrypted once per row of every list).
 */
import { describe, expect, test } from 'vitest';
import { ARRIVED_AT, completeAdultAnswers, completeChildAnswers, NOW, recordWith, testStaff } from '../../test-support/fixtures';
import { emptyCseDraft } from '../screening/cse';
import { summariseAttendance } from './attendance-summary';
import { attendanceSummarySchema, LEFT_UNSIGNED_HOURS, leftUnsigned, SUMMARY_VERSION, summaryIsCurrent } from './attendance-summary-schema';
import { addAddendum, signAssessment } from './lifecycle';
import type { Answers } from './record';

const summary = (answers: Answers) => summariseAttendance(recordWith(answers), NOW);

describe('oversight fields', () => {
  test('the version and the start time', () => {
    expect(summary(completeChildAnswers())).toMatchObject({ summaryVersion: SUMMARY_VERSION, startedAt: ARRIVED_AT });
    expect(SUMMARY_VERSION).toBe(9);
  });

  test.each<[string, Answers, string]>([
    ['a child: the CP-IS answer', { ...completeChildAnswers(), informationChecks: { ...completeChildAnswers().informationChecks, cpis: 'checked-looked-after' } }, 'checked-looked-after'],
    ['a child with CP-IS not answered', { ...completeChildAnswers(), informationChecks: { ...completeChildAnswers().informationChecks, cpis: '' } }, ''],
    ['an adult: none, whatever is stored', { ...completeAdultAnswers(), informationChecks: { ...completeAdultAnswers().informationChecks, cpis: 'checked-cp-plan' } }, ''],
  ])('CP-IS: %s', (_name, answers, cpis) => {
    expect(summary(answers).cpis).toBe(cpis);
  });

  test('the concern level as the record now stands', () => {
    expect(summary({ ...completeChildAnswers(), outcome: { ...completeChildAnswers().outcome, concernLevel: 'consider' } }).concernLevel).toBe('consider');
  });

  test.each<[string, Answers, string[]]>([
    ['an adult: the GP letter', completeAdultAnswers(), ['gp']],
    ['a child of 3: GP and health visitor', completeChildAnswers({ ageYears: 3 }), ['gp', 'health-visitor']],
    ['a child of 8: GP and school nurse', completeChildAnswers({ ageYears: 8 }), ['gp', 'school-nurse']],
    [
      'a child with a Suspect concern: the MASH referral too',
      { ...completeChildAnswers({ ageYears: 8 }), outcome: { ...completeChildAnswers().outcome, concernLevel: 'suspect' } },
      ['gp', 'school-nurse', 'mash-referral'],
    ],
  ])('letters it needs: %s', (_name, answers, letters) => {
    expect(summary(answers).letters).toEqual(letters);
  });

  test('the screens that apply, with their state', () => {
    expect(summary(completeChildAnswers({ ageYears: 8 })).screens).toEqual({});
    expect(summary(completeAdultAnswers()).screens).toEqual({});
    const screens = summary(completeChildAnswers({ ageYears: 15 })).screens;
    expect(Object.keys(screens)).toEqual(['cse', 'crafft']);
    expect(screens.cse).toMatchObject({ state: 'asked', significant: 0, discussion: false });
    expect(screens.crafft).toMatchObject({ state: 'asked', score: 0, positive: false });
  });

  test.each<[string, Answers, boolean | undefined]>([
    ['an adult after self-harm (a trigger), children asked: Yes', { ...completeAdultAnswers({ reason: 'self-harm' }), thinkFamily: { ...completeAdultAnswers().thinkFamily, hasChildren: 'yes' } }, true],
    ['an adult after self-harm, answered Declined: asked', { ...completeAdultAnswers({ reason: 'self-harm' }), thinkFamily: { ...completeAdultAnswers().thinkFamily, hasChildren: 'declined' } }, true],
    ['an adult after self-harm, "Not able to ask": not asked', { ...completeAdultAnswers({ reason: 'self-harm' }), thinkFamily: { ...completeAdultAnswers().thinkFamily, hasChildren: 'not-able-to-ask' } }, false],
    ['an adult after self-harm, not answered', { ...completeAdultAnswers({ reason: 'self-harm' }), thinkFamily: { ...completeAdultAnswers().thinkFamily, hasChildren: '' } }, false],
    ['an adult with an illness (no trigger), asked anyway: not recorded as mandatory', { ...completeAdultAnswers(), thinkFamily: { ...completeAdultAnswers().thinkFamily, hasChildren: 'no' } }, undefined],
    ['a child of 8: Think Family does not apply', completeChildAnswers({ ageYears: 8 }), undefined],
  ])('Think Family for the audit: %s', (_name, answers, asked) => {
    expect(summary(answers).thinkFamilyAsked).toBe(asked);
  });

  test('open follow-ups by kind', () => {
    const answers = { ...completeChildAnswers({ ageYears: 15 }), cse: { ...emptyCseDraft(), notAsked: true, notAskedReason: 'declined' as const } };
    expect(summary(answers).followUps).toEqual(['cse-not-asked']);
    expect(summary(answers).screens.cse).toMatchObject({ state: 'not-asked', reason: 'declined' });
  });

  test('staff groups: the signer’s once signed, and who started it', () => {
    const record = { ...recordWith(completeChildAnswers()), createdBy: testStaff({ staffGroup: 'bank' }) };
    expect(summariseAttendance(record, NOW)).toMatchObject({ signedByGroup: '', createdByGroup: 'bank' });
    const signed = signAssessment(record, '2026-03-10T16:00:00.000Z', testStaff({ id: 'staff-2', staffGroup: 'agency', agencyName: 'Nurses Direct' }));
    expect(summariseAttendance(signed, NOW)).toMatchObject({ signedByGroup: 'agency', createdByGroup: 'bank' });
  });

  test('a signed record is summarised with its addenda applied', () => {
    const answers = { ...completeChildAnswers({ ageYears: 15 }), cse: { ...emptyCseDraft(), notAsked: true, notAskedReason: 'declined' as const } };
    const signed = signAssessment(recordWith(answers), '2026-03-10T16:00:00.000Z', testStaff());
    const later = addAddendum(signed, { id: 'a1', at: '2026-03-11T10:00:00.000Z', by: testStaff(), reason: 'Asked', changes: { cse: completeChildAnswers({ ageYears: 15 }).cse } });
    expect(summariseAttendance(later, NOW)).toMatchObject({ followUps: [], screens: { cse: { state: 'asked' } } });
  });

  test('a derived summary reads back unchanged through the stored schema', () => {
    for (const answers of [completeChildAnswers({ ageYears: 15, reason: 'self-harm' }), completeAdultAnswers(), completeChildAnswers({ ageYears: 14, reason: 'sexual-health' })]) {
      const derived = summary(answers);
      expect(attendanceSummarySchema.parse(JSON.parse(JSON.stringify(derived)))).toEqual(derived);
    }
  });

  test('damaged oversight fields read back as defaults, keeping the ids this version knows', () => {
    const parsed = attendanceSummarySchema.parse({
      id: 'a-1',
      summaryVersion: 2,
      screens: { cse: { state: 'exploded', significant: -1, discussion: 'yes' }, crafft: 'x' },
      followUps: ['cse-not-asked', 'no-such-kind', 7],
      letters: ['gp', 'fax'],
      signedByGroup: 'locum',
    });
    expect(parsed.screens).toEqual({
      cse: { state: 'not-started', reason: '', mandatory: false, significant: 0, other: 0, discussion: false, under13: false },
      crafft: { state: 'not-started', reason: '', score: null, positive: false, adviceGiven: false, serviceReferral: '' },
    });
    expect(parsed).toMatchObject({ followUps: ['cse-not-asked'], letters: ['gp'], signedByGroup: '' });
  });

  test('a typical young person’s summary stays under 1 kB of JSON (decrypted per row)', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(summary(completeChildAnswers({ ageYears: 15, reason: 'self-harm' })))).length;
    expect(bytes).toBeLessThan(1024);
  });
});

describe('summaryIsCurrent', () => {
  test.each<[number, boolean]>([
    [1, false],
    [SUMMARY_VERSION - 1, false],
    [SUMMARY_VERSION, true],
    [SUMMARY_VERSION + 1, true],
  ])('version %s → %s', (summaryVersion, current) => {
    expect(summaryIsCurrent({ summaryVersion })).toBe(current);
  });
});

describe('leftUnsigned: started and not signed for more than 12 hours', () => {
  const startedAt = '2026-03-10T14:30:00.000Z';
  const at = (hours: number, minutes = 0) => new Date(Date.parse(startedAt) + (hours * 60 + minutes) * 60_000).toISOString();

  test.each<[string, string, boolean]>([
    ['11 h 59 min', at(11, 59), false],
    ['exactly 12 h', at(12), false],
    ['12 h 1 min', at(12, 1), true],
    ['a day later', at(24), true],
  ])('in progress, %s after the start → %s', (_name, now, expected) => {
    expect(LEFT_UNSIGNED_HOURS).toBe(12);
    expect(leftUnsigned({ status: 'in-progress', startedAt, arrivedAt: startedAt }, now)).toBe(expected);
  });

  test('a signed assessment is never left unsigned', () => {
    expect(leftUnsigned({ status: 'signed', startedAt, arrivedAt: startedAt }, at(48))).toBe(false);
  });

  test('across the clock change (29 March 2026) elapsed hours count, not wall-clock hours', () => {
    // 20:00 GMT on 28 March to 09:00 BST on 29 March is 12 hours elapsed.
    expect(leftUnsigned({ status: 'in-progress', startedAt: '2026-03-28T20:00:00.000Z', arrivedAt: '' }, '2026-03-29T08:00:00.000Z')).toBe(false);
    expect(leftUnsigned({ status: 'in-progress', startedAt: '2026-03-28T20:00:00.000Z', arrivedAt: '' }, '2026-03-29T08:01:00.000Z')).toBe(true);
  });

  test('a summary from before the start time was kept falls back to the arrival time; neither known → not flagged', () => {
    expect(leftUnsigned({ status: 'in-progress', startedAt: '', arrivedAt: startedAt }, at(13))).toBe(true);
    expect(leftUnsigned({ status: 'in-progress', startedAt: '', arrivedAt: '' }, at(13))).toBe(false);
  });
});
