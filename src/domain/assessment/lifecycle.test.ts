import { describe, expect, test } from 'vitest';
import { completeAdultAnswers, completeChildAnswers, recordWith, testStaff, withPatient, withPeople } from '../../test-support/fixtures';
import type { Addendum } from './record';
import { assessmentRecordSchema, emptyAnswers } from './record';
import {
  addAddendum,
  createAssessment,
  currentAnswers,
  initialAnswers,
  RecordLockedError,
  signAssessment,
  withAddendumDraft,
  withConfirmedSection,
  withSectionAnswers,
} from './lifecycle';
import { readArrivedAt } from './patient';

const nurse = testStaff();
const nurseInCharge = testStaff({ id: 'staff-2', name: 'Tom Okafor', role: 'nurse-in-charge' });

function addendum(overrides: Partial<Addendum> = {}): Addendum {
  return {
    id: 'addendum-1',
    at: '2026-03-10T18:00:00.000Z',
    by: nurseInCharge,
    reason: 'Father arrived and gave his details',
    changes: {},
    ...overrides,
  };
}

describe('createAssessment', () => {
  test.each([
    ['winter (GMT)', '2026-03-10T14:30:45.000Z', { day: '10', month: '3', year: '2026' }, '14:30'],
    ['summer (BST)', '2026-07-01T12:05:00.000Z', { day: '1', month: '7', year: '2026' }, '13:05'],
    ['after midnight BST, still the day before in UTC', '2026-06-30T23:30:00.000Z', { day: '1', month: '7', year: '2026' }, '00:30'],
    ['the repeated hour in October (BST reading)', '2026-10-25T00:30:00.000Z', { day: '25', month: '10', year: '2026' }, '01:30'],
  ])('in %s, arrival defaults to the London date and time of creation', (_, now, arrivalDate, arrivalTime) => {
    const record = createAssessment('a-1', now, nurse);
    expect(record.answers.patient.arrivalDate).toEqual(arrivalDate);
    expect(record.answers.patient.arrivalTime).toBe(arrivalTime);
  });

  test('the default arrival reads back as the creation instant, to the minute', () => {
    expect(readArrivedAt(createAssessment('a-1', '2026-07-01T12:05:59.999Z', nurse).answers.patient)).toBe('2026-07-01T12:05:00.000Z');
  });

  test('a new record is in progress, stamped with who created it, with nothing else answered', () => {
    const record = createAssessment('a-1', '2026-03-10T14:30:00.000Z', nurse);
    const expectedAnswers = emptyAnswers();
    expectedAnswers.patient.arrivalDate = { day: '10', month: '3', year: '2026' };
    expectedAnswers.patient.arrivalTime = '14:30';
    expect(record).toEqual({
      id: 'a-1',
      createdAt: '2026-03-10T14:30:00.000Z',
      createdBy: nurse,
      updatedAt: '2026-03-10T14:30:00.000Z',
      updatedBy: nurse,
      status: 'in-progress',
      answers: expectedAnswers,
      confirmedSections: [],
      resume: { page: '', field: '' },
      signature: undefined,
      addenda: [],
      addendumDraft: undefined,
    });
    expect(initialAnswers('2026-03-10T14:30:00.000Z')).toEqual(expectedAnswers);
  });

  test('survives a round trip through the stored-record schema unchanged', () => {
    const record = createAssessment('a-1', '2026-03-10T14:30:00.000Z', nurse);
    expect(assessmentRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });
});

describe('withSectionAnswers', () => {
  test('replaces one section, stamps the change and leaves the original record alone', () => {
    const record = recordWith(completeAdultAnswers());
    const before = structuredClone(record);
    const people = { ...record.answers.people, accompaniedBy: 'accompanied' as const };
    const changed = withSectionAnswers(record, 'people', people, '2026-03-10T14:40:00.000Z', nurseInCharge);
    expect(changed.answers.people).toBe(people);
    expect(changed.answers.patient).toBe(record.answers.patient);
    expect(changed.updatedAt).toBe('2026-03-10T14:40:00.000Z');
    expect(changed.updatedBy).toBe(nurseInCharge);
    expect(changed.createdBy).toEqual(nurse);
    expect(record).toEqual(before);
  });

  test('refuses a signed record: changes must be an addendum', () => {
    const signed = signAssessment(recordWith(completeAdultAnswers()), '2026-03-10T15:00:00.000Z', nurse);
    expect(() => withSectionAnswers(signed, 'patient', emptyAnswers().patient, '2026-03-10T15:05:00.000Z', nurse)).toThrow(RecordLockedError);
    expect(() => withSectionAnswers(signed, 'patient', emptyAnswers().patient, '2026-03-10T15:05:00.000Z', nurse)).toThrow(
      'This assessment has been signed. Changes must be made as an addendum with a reason.',
    );
  });
});

describe('withConfirmedSection', () => {
  test('marks and unmarks a section as saved, without duplicates', () => {
    const record = recordWith(completeAdultAnswers());
    const once = withConfirmedSection(record, 'people', true);
    expect(once.confirmedSections).toEqual(['people']);
    expect(withConfirmedSection(once, 'people', true).confirmedSections).toEqual(['people']);
    expect(withConfirmedSection(withConfirmedSection(once, 'patient', true), 'people', false).confirmedSections).toEqual(['patient']);
    expect(record.confirmedSections).toEqual([]);
  });
});

describe('signAssessment', () => {
  test('locks the record with who signed it and when, keeping the answers', () => {
    const record = recordWith(completeChildAnswers());
    const signed = signAssessment(record, '2026-03-10T15:00:00.000Z', nurse);
    expect(signed.status).toBe('signed');
    expect(signed.signature).toEqual({ signedAt: '2026-03-10T15:00:00.000Z', signedBy: nurse });
    expect(signed.answers).toBe(record.answers);
    expect(signed.updatedAt).toBe('2026-03-10T15:00:00.000Z');
    expect(record.status).toBe('in-progress');
  });

  test('cannot sign twice', () => {
    const signed = signAssessment(recordWith(completeChildAnswers()), '2026-03-10T15:00:00.000Z', nurse);
    expect(() => signAssessment(signed, '2026-03-10T15:01:00.000Z', nurseInCharge)).toThrow(RecordLockedError);
  });
});

describe('addenda', () => {
  const signed = signAssessment(recordWith(completeChildAnswers()), '2026-03-10T15:00:00.000Z', nurse);

  test('an addendum is refused on a record that is not signed', () => {
    expect(() => addAddendum(recordWith(completeChildAnswers()), addendum())).toThrow('Addenda are only added to signed assessments.');
    expect(() => withAddendumDraft(recordWith(completeChildAnswers()), 'people', emptyAnswers().people, 'reason')).toThrow('Addenda are only added to signed assessments.');
  });

  test('a draft addendum is saved apart from the signed answers', () => {
    const people = withPeople(signed.answers, { livesWith: 'Mother, father and brother' }).people;
    const drafted = withAddendumDraft(signed, 'people', people, 'Father arrived');
    expect(drafted.addendumDraft).toEqual({ section: 'people', reason: 'Father arrived', changes: { people } });
    expect(drafted.answers).toBe(signed.answers);
    expect(currentAnswers(drafted)).toEqual(signed.answers);
  });

  test('adding an addendum appends it, clears the draft and stamps who and when', () => {
    const drafted = withAddendumDraft(signed, 'people', signed.answers.people, 'Father arrived');
    const added = addAddendum(drafted, addendum());
    expect(added.addenda).toEqual([addendum()]);
    expect(added.addendumDraft).toBeUndefined();
    expect(added.updatedAt).toBe('2026-03-10T18:00:00.000Z');
    expect(added.updatedBy).toEqual(nurseInCharge);
    expect(added.status).toBe('signed');
    expect(added.signature).toEqual(signed.signature);
  });

  test('currentAnswers applies addenda in order and keeps the signed original', () => {
    const original = structuredClone(signed.answers);
    const first = withPeople(signed.answers, { livesWith: 'Mother and father' }).people;
    const second = withPeople(signed.answers, { livesWith: 'Mother, father and grandmother' }).people;
    const patient = withPatient(signed.answers, { gpPractice: 'Castle Medical Centre' }).patient;
    const record = addAddendum(
      addAddendum(signed, addendum({ id: 'a1', changes: { people: first } })),
      addendum({ id: 'a2', at: '2026-03-10T19:00:00.000Z', changes: { people: second, patient } }),
    );
    const current = currentAnswers(record);
    expect(current.people.livesWith).toBe('Mother, father and grandmother');
    expect(current.patient.gpPractice).toBe('Castle Medical Centre');
    expect(current.accounts).toBe(signed.answers.accounts);
    expect(record.answers).toEqual(original);
    expect(record.answers.people.livesWith).toBe('Mother and younger brother');
  });

  test('currentAnswers of a record with no addenda is its answers', () => {
    expect(currentAnswers(signed)).toEqual(signed.answers);
  });
});
