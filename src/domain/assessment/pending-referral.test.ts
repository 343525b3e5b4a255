/**
 * Tests for the pending referral carried by the list summary: when a referral counts as still
 * to be made, its due time, the outcome as amended by addenda, and that the two conditions
 * this module repeats (for the first-load budget) agree with their owners.
 */
import { describe, expect, test } from 'vitest';
import { ARRIVED_AT, NOW } from '../../test-support/domain-fixtures';
import { summariseAttendance } from './attendance-summary';
import { addAddendum, createAssessment, currentAnswers, signAssessment } from './lifecycle';
import type { OutcomeDraft } from './outcome';
import { emptyOutcomeDraft, referralApplies } from './outcome';
import { currentOutcome, pendingReferral } from './pending-referral';
import type { AssessmentRecord } from './record';
import { concernLevels } from '../rules/concern-level';
import type { StaffRef } from './staff-ref';

const NURSE: StaffRef = { id: 's1', name: 'Alex Morgan', role: 'triage-nurse', staffGroup: 'substantive', agencyName: '', registrationNumber: '' };

const planned = (changes: Partial<OutcomeDraft> = {}): OutcomeDraft => ({
  ...emptyOutcomeDraft(),
  concernLevel: 'suspect',
  referral: 'next-working-day',
  referralNextDayBy: ' Sam Patel, nurse in charge ',
  referralNextDayDate: { day: '11', month: '3', year: '2026' },
  referralNextDayTime: '09:00',
  ...changes,
});

function childRecord(outcome: OutcomeDraft, dateOfBirth = { day: '1', month: '6', year: '2025' }): AssessmentRecord {
  const record = createAssessment('a1', ARRIVED_AT, NURSE);
  return { ...record, answers: { ...record.answers, patient: { ...record.answers.patient, dateOfBirth }, outcome } };
}

describe('pendingReferral', () => {
  test('a referral to be made next working day is pending, due at the planned London time', () => {
    expect(pendingReferral(planned())).toEqual({ dueAt: '2026-03-11T09:00:00.000Z', by: 'Sam Patel, nurse in charge' });
  });

  test('due in British Summer Time is read as London wall-clock time', () => {
    expect(pendingReferral(planned({ referralNextDayDate: { day: '1', month: '6', year: '2026' } }))?.dueAt).toBe('2026-06-01T08:00:00.000Z');
  });

  test('still pending while the planned date or time is incomplete: the due time is empty', () => {
    expect(pendingReferral(planned({ referralNextDayTime: '' }))).toEqual({ dueAt: '', by: 'Sam Patel, nurse in charge' });
    expect(pendingReferral(planned({ referralNextDayDate: { day: '31', month: '2', year: '2026' } }))?.dueAt).toBe('');
  });

  test.each([['made'], ['not-made'], ['']] as const)('not pending when the referral is %j', (referral) => {
    expect(pendingReferral(planned({ referral }))).toBeUndefined();
  });

  test.each(concernLevels.map((level) => [level] as const))('pending under %s only when the referral question is asked (agrees with referralApplies)', (concernLevel) => {
    const outcome = planned({ concernLevel });
    expect(pendingReferral(outcome) !== undefined).toBe(referralApplies(outcome));
  });
});

describe('currentOutcome', () => {
  test('in progress: the live answers', () => {
    const record = childRecord(planned());
    expect(currentOutcome(record)).toEqual(record.answers.outcome);
  });

  test('signed: the latest addendum that changed the outcome, as currentAnswers reads it', () => {
    const signed = signAssessment(childRecord(planned()), NOW, NURSE);
    const made = planned({ referral: 'made', referralTakenBy: 'Jo at the MASH' });
    const first = addAddendum(signed, { id: 'x1', at: NOW, by: NURSE, reason: 'Referral made', changes: { outcome: made } });
    const second = addAddendum(first, { id: 'x2', at: NOW, by: NURSE, reason: 'Typo', changes: { patient: first.answers.patient } });
    expect(currentOutcome(second)).toEqual(made);
    expect(currentOutcome(second)).toEqual(currentAnswers(second).outcome);
  });
});

describe('the list summary', () => {
  test("carries a child's pending referral", () => {
    expect(summariseAttendance(childRecord(planned()), NOW).pendingReferral).toEqual({ dueAt: '2026-03-11T09:00:00.000Z', by: 'Sam Patel, nurse in charge' });
  });

  test('drops it once an addendum marks the referral made', () => {
    const signed = signAssessment(childRecord(planned()), NOW, NURSE);
    expect(summariseAttendance(signed, NOW).pendingReferral).not.toBeNull();
    const amended = addAddendum(signed, { id: 'x1', at: NOW, by: NURSE, reason: 'Referral made', changes: { outcome: planned({ referral: 'made' }) } });
    expect(summariseAttendance(amended, NOW).pendingReferral).toBeNull();
  });

  test('an adult, or a patient whose age is not known, has none (the outcome is on the child pathway)', () => {
    expect(summariseAttendance(childRecord(planned(), { day: '1', month: '1', year: '1990' }), NOW).pendingReferral).toBeNull();
    expect(summariseAttendance(childRecord(planned(), { day: '', month: '', year: '' }), NOW).pendingReferral).toBeNull();
  });
});
