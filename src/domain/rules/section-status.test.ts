import { describe, expect, test } from 'vitest';
import {
  ARRIVED_AT,
  completeAdultAnswers,
  completeChildAnswers,
  contextFor,
  dateParts,
  recordWith,
  testStaff,
  withPatient,
  withPeople,
} from '../../test-support/fixtures';
import { createAssessment, withSectionAnswers } from '../assessment/lifecycle';
import type { AssessmentRecord } from '../assessment/record';
import { emptyAnswers } from '../assessment/record';
import { issuesBeforeSigning, relevantSections, sectionById, sectionBySlug, sectionStatus, sectionStatusLabels } from './sections';

const statusOf = (record: AssessmentRecord) => {
  const ctx = contextFor(record.answers);
  return Object.fromEntries(relevantSections(ctx).map((section) => [section.id, sectionStatus(record, section, ctx)]));
};

describe('section definitions', () => {
  // Order, titles and slugs of the whole registry are pinned in sections.test.ts.
  test('the first three sections and discharge apply to everyone, of any age; the child sections only under 18', () => {
    // Think Family (PRODUCT.md 4.7) is for adults: not shown until the age is known.
    expect(relevantSections(contextFor(completeAdultAnswers())).map((section) => section.id)).toEqual(['patient', 'people', 'accounts', 'thinkFamily', 'discharge']);
    expect(relevantSections(contextFor(emptyAnswers())).map((section) => section.id)).toEqual(['patient', 'people', 'accounts', 'discharge']);
    expect(relevantSections(contextFor(completeChildAnswers({ ageYears: 0 }))).map((section) => section.id)).toEqual(['patient', 'people', 'accounts', 'informationChecks', 'safeguarding', 'outcome', 'discharge']);
    // 11–17 adds the young-person screens before the outcome.
    expect(relevantSections(contextFor(completeChildAnswers({ ageYears: 15 }))).map((section) => section.id)).toEqual([
      'patient',
      'people',
      'accounts',
      'informationChecks',
      'safeguarding',
      'cse',
      'substanceUse',
      'thinkFamily',
      'outcome',
      'discharge',
    ]);
  });

  test('sections are found by slug and by id', () => {
    expect(sectionBySlug('next-of-kin')?.id).toBe('people');
    expect(sectionBySlug('people')).toBeUndefined();
    expect(sectionById('accounts').slug).toBe('accounts');
    expect(() => sectionById('unknown' as 'accounts')).toThrow('Unknown section unknown');
  });

  test('status labels use the task list wording', () => {
    expect(sectionStatusLabels).toEqual({ 'not-started': 'Not started', 'in-progress': 'In progress', completed: 'Completed' });
  });
});

describe('sectionStatus', () => {
  test('a new assessment: every section is Not started (the arrival time filled in by the app does not count)', () => {
    const record = createAssessment('a-1', ARRIVED_AT, testStaff());
    expect(statusOf(record)).toEqual({ patient: 'not-started', people: 'not-started', accounts: 'not-started', discharge: 'not-started' });
  });

  test('nothing entered at all: Not started', () => {
    expect(statusOf(recordWith(emptyAnswers()))).toEqual({ patient: 'not-started', people: 'not-started', accounts: 'not-started', discharge: 'not-started' });
  });

  test('something entered but never saved: In progress', () => {
    const answers = { ...emptyAnswers(), people: { ...emptyAnswers().people, accompaniedBy: 'alone' as const } };
    expect(statusOf(recordWith(answers)).people).toBe('in-progress');
  });

  test('a changed arrival time on a new assessment is In progress', () => {
    const record = createAssessment('a-1', ARRIVED_AT, testStaff());
    const changed = withSectionAnswers(record, 'patient', { ...record.answers.patient, arrivalTime: '14:00' }, ARRIVED_AT, testStaff());
    expect(statusOf(changed).patient).toBe('in-progress');
  });

  test('saved with no problems: Completed', () => {
    expect(statusOf(recordWith(completeAdultAnswers(), ['patient', 'people', 'accounts']))).toEqual({ patient: 'completed', people: 'completed', accounts: 'completed', thinkFamily: 'not-started', discharge: 'not-started' });
  });

  test('complete but never saved with "Save and continue": In progress', () => {
    expect(statusOf(recordWith(completeAdultAnswers(), ['patient']))).toEqual({ patient: 'completed', people: 'in-progress', accounts: 'in-progress', thinkFamily: 'not-started', discharge: 'not-started' });
  });

  test('saved empty (confirmed, with problems): In progress, not Not started', () => {
    expect(statusOf(recordWith(emptyAnswers(), ['people'])).people).toBe('in-progress');
  });

  test('a completed section goes back to In progress when it is made incomplete; answers that do not apply do not count', () => {
    const record = recordWith(completeAdultAnswers(), ['patient', 'people', 'accounts']);
    const changed = { ...record, answers: withPeople(record.answers, { livesWith: '' }) };
    expect(statusOf(changed).people).toBe('completed');
    const withoutNextOfKin = { ...record, answers: withPeople(record.answers, { nextOfKin: { ...record.answers.people.nextOfKin, answer: '' } }) };
    expect(statusOf(withoutNextOfKin).people).toBe('in-progress');
  });

  test('a completed adult record reverts to In progress when a new date of birth makes the patient 14', () => {
    const record = recordWith(completeAdultAnswers(), ['patient', 'people', 'accounts']);
    expect(statusOf(record)).toEqual({ patient: 'completed', people: 'completed', accounts: 'completed', thinkFamily: 'not-started', discharge: 'not-started' });
    const nowFourteen = { ...record, answers: withPatient(record.answers, { dateOfBirth: dateParts('2012-01-01') }) };
    // Parental responsibility, who the child lives with, seen alone, the child's own account
    // and the delay question now apply. School applies too, but only the GP letter needs it:
    // the patient section stays complete for signing (issue 8).
    expect(statusOf(nowFourteen)).toEqual({
      patient: 'completed',
      people: 'in-progress',
      accounts: 'in-progress',
      informationChecks: 'not-started',
      safeguarding: 'not-started',
      cse: 'not-started',
      substanceUse: 'not-started',
      thinkFamily: 'not-started',
      outcome: 'not-started',
      discharge: 'not-started',
    });
  });

  test('the answers to judge can be passed in (an addendum being written)', () => {
    const record = recordWith(completeAdultAnswers(), ['people']);
    const ctx = contextFor(record.answers);
    const people = sectionById('people');
    const edited = withPeople(record.answers, { nextOfKin: { ...record.answers.people.nextOfKin, answer: '' } });
    expect(sectionStatus(record, people, ctx)).toBe('completed');
    expect(sectionStatus(record, people, ctx, edited)).toBe('in-progress');
  });
});

describe('issuesBeforeSigning', () => {
  test('a complete child and a complete adult record have none', () => {
    expect(issuesBeforeSigning(completeChildAnswers({ ageYears: 14 }), contextFor(completeChildAnswers({ ageYears: 14 })))).toEqual([]);
    expect(issuesBeforeSigning(completeAdultAnswers(), contextFor(completeAdultAnswers()))).toEqual([]);
  });

  test('a 14-year-old with no next of kin: names the missing next of kin, under its section', () => {
    const answers = withPeople(completeChildAnswers({ ageYears: 14 }), { nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: '' } });
    const found = issuesBeforeSigning(answers, contextFor(answers));
    expect(found.map((entry) => ({ section: entry.section.title, issues: entry.issues }))).toEqual([
      {
        section: 'Next of kin and who came with the patient',
        issues: [{ field: 'nextOfKin.answer', message: 'Select the next of kin, or say that none can be named' }],
      },
    ]);
  });

  test('a 14-year-old whose next of kin is "declined" (an adult answer) is also stopped', () => {
    const answers = withPeople(completeChildAnswers({ ageYears: 14 }), { nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: 'declined' } });
    const found = issuesBeforeSigning(answers, contextFor(answers));
    expect(found.flatMap((entry) => entry.issues.map((issue) => issue.field))).toEqual(['nextOfKin.answer']);
  });

  test('lists problems by section in task-list order', () => {
    const answers = withPatient(withPeople(completeChildAnswers(), { livesWith: '' }), { sex: '' });
    const found = issuesBeforeSigning(answers, contextFor(answers));
    expect(found.map((entry) => [entry.section.id, entry.issues.map((issue) => issue.field)])).toEqual([
      ['patient', ['sex']],
      ['people', ['livesWith']],
    ]);
  });

  test('an empty record: problems in the patient and people sections (the accounts questions depend on age)', () => {
    expect(issuesBeforeSigning(emptyAnswers(), contextFor(emptyAnswers())).map((entry) => entry.section.id)).toEqual(['patient', 'people']);
  });
});
