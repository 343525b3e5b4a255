/**
 * "Left before assessment" (issue 12): the record can be signed with the minimum identity and
 * this section only; its own questions are required; an under-18 prompts the calls; the
 * attendance summary carries the flag the liaison list reads.
 */
import { describe, expect, test } from 'vitest';
import { assessmentRecord } from '../../test-support/assessment-fixtures';
import { contextForAge, NOW } from '../../test-support/domain-fixtures';
import { issuesBeforeSigning, relevantSections } from '../rules/sections';
import { summariseAttendance } from './attendance-summary';
import { deriveContext } from './derive-context';
import { callParentAndSafeguardingTeam, emptyLeftBeforeAssessmentDraft, validateLeftBeforeAssessment } from './left-before-assessment';
import type { LeftBeforeAssessmentDraft } from './left-before-assessment';
import type { Answers } from './record';

const ARRIVED = '2026-03-10T12:00:00.000Z';

const leftDraft = (changes: Partial<LeftBeforeAssessmentDraft> = {}): LeftBeforeAssessmentDraft => ({
  ...emptyLeftBeforeAssessmentDraft(),
  left: 'yes',
  leftDate: { day: '10', month: '3', year: '2026' },
  leftTime: '13:15',
  whatIsKnown: 'Came with mother after a fall; left from the waiting room before triage',
  informed: ['parent-or-carer', 'safeguarding-team'],
  informedDetails: 'Mother phoned 13:20, no answer; safeguarding team told 13:25',
  ...changes,
});

/** A child with only the minimum identity entered (no sex, no reason, no interpreter answer). */
function childAnswers(left: LeftBeforeAssessmentDraft): Answers {
  const record = assessmentRecord({ id: 'left', arrivedAt: ARRIVED, dateOfBirth: '2016-02-01', answers: { patient: { attendanceReason: '', sex: '', interpreterNeeded: '' } } });
  return { ...record.answers, leftBeforeAssessment: left };
}

describe('signing without the full assessment', () => {
  test('once the patient has left, only Patient and attendance and Left before assessment are relevant', () => {
    const ctx = deriveContext(childAnswers(leftDraft()), NOW);
    expect(ctx.leftBeforeAssessment).toBe(true);
    expect(relevantSections(ctx).map((section) => section.id)).toEqual(['patient', 'leftBeforeAssessment']);
  });

  test('a child who left can be signed with the minimum identity and this section', () => {
    const answers = childAnswers(leftDraft());
    expect(issuesBeforeSigning(answers, deriveContext(answers, NOW))).toEqual([]);
  });

  test('the same answers without "left" cannot be signed: the full assessment applies', () => {
    const answers = childAnswers(emptyLeftBeforeAssessmentDraft());
    const ctx = deriveContext(answers, NOW);
    expect(relevantSections(ctx).map((section) => section.id)).not.toContain('leftBeforeAssessment');
    expect(issuesBeforeSigning(answers, ctx).map((entry) => entry.section.id)).toEqual(expect.arrayContaining(['patient', 'people', 'accounts', 'informationChecks']));
  });

  test('the minimum identity stays required: a name (or "Name not known") and a malformed NHS number stop signing', () => {
    const answers = childAnswers(leftDraft());
    const noName = { ...answers, patient: { ...answers.patient, givenName: '', familyName: '', nhsNumber: '943 476 591' } };
    const fields = issuesBeforeSigning(noName, deriveContext(noName, NOW)).flatMap((entry) => entry.issues.map((issue) => issue.field));
    expect(fields).toEqual(expect.arrayContaining(['givenName', 'familyName', 'nhsNumber']));
    expect(fields).not.toContain('sex');
    expect(fields).not.toContain('attendanceReason');
  });

  test('an unfinished "left" section stops signing', () => {
    const answers = childAnswers(leftDraft({ whatIsKnown: '', informed: [] }));
    const found = issuesBeforeSigning(answers, deriveContext(answers, NOW));
    expect(found.map((entry) => entry.section.id)).toEqual(['leftBeforeAssessment']);
  });
});

describe('the left before assessment questions', () => {
  const ctx = contextForAge(9, { arrivedAt: ARRIVED, leftBeforeAssessment: true });

  test.each<[string, Partial<LeftBeforeAssessmentDraft>, string, string]>([
    ['no answer', { left: '' }, 'left', 'Select whether the patient left before assessment or treatment'],
    ['no time', { leftTime: '' }, 'leftTime', 'Enter the time they left, for example 21:30'],
    ['left before arriving', { leftTime: '11:00' }, 'leftTime', 'The time they left must be after they arrived'],
    ['in the future', { leftTime: '15:00' }, 'leftTime', 'The time they left must be now or in the past'],
    ['nothing known', { whatIsKnown: ' ' }, 'whatIsKnown', 'Enter what is known about the patient and why they came'],
    ['nobody selected', { informed: [] }, 'informed', "Select who has been told, or 'Nobody has been told yet'"],
    ['told without details', { informedDetails: '' }, 'informedDetails', 'Enter who was told, how to reach them and when'],
    ['nobody told without a reason', { informed: ['nobody'], informedDetails: '' }, 'nobodyReason', 'Enter why nobody has been told yet'],
  ])('%s', (_name, changes, field, message) => {
    expect(validateLeftBeforeAssessment(leftDraft(changes), ctx)).toContainEqual({ field, message });
  });

  test('a complete record has no problems', () => {
    expect(validateLeftBeforeAssessment(leftDraft(), ctx)).toEqual([]);
  });

  test('"No, the patient is still here" asks nothing more', () => {
    expect(validateLeftBeforeAssessment({ ...emptyLeftBeforeAssessmentDraft(), left: 'no' }, ctx)).toEqual([]);
  });
});

describe('under 18: call the parent or carer and the safeguarding team', () => {
  test.each([
    [17, true],
    [18, false],
    [undefined, true],
  ])('age %s prompts the calls: %s', (age, prompted) => {
    expect(callParentAndSafeguardingTeam(contextForAge(age))).toBe(prompted);
  });
});

describe('the attendance summary', () => {
  test('carries "left before assessment" so the liaison list keeps the attendance', () => {
    const record = assessmentRecord({ id: 'left', arrivedAt: ARRIVED, dateOfBirth: '2016-02-01' });
    expect(summariseAttendance({ ...record, answers: { ...record.answers, leftBeforeAssessment: leftDraft() } }, NOW).leftBeforeAssessment).toBe(true);
    expect(summariseAttendance(record, NOW).leftBeforeAssessment).toBe(false);
  });
});
