import { describe, expect, test } from 'vitest';
import { completeAdultAnswers, completeChildAnswers, recordWith, testStaff, withPatient, withPeople } from '../../test-support/fixtures';
import type { Addendum, Answers } from './record';
import { assessmentRecordSchema, emptyAnswers } from './record';
import {
  addAddendum,
  addendumAnswers,
  addendumConcernIssue,
  changedSections,
  createAssessment,
  currentAnswers,
  initialAnswers,
  RecordLockedError,
  REVISIT_CONCERN_FIELD,
  signAssessment,
  withAddendumDraft,
  withoutAddendumDraft,
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

describe('an addendum across several sections', () => {
  const signed = signAssessment(recordWith(completeChildAnswers()), '2026-03-10T15:00:00.000Z', nurse);

  test('a draft keeps the changes already typed on another section', () => {
    const safeguarding = { ...signed.answers.safeguarding, alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: 'Mother: no money for shoes' } };
    const outcome = { ...signed.answers.outcome, concernLevel: 'consider' as const };
    const drafted = withAddendumDraft(withAddendumDraft(signed, 'safeguarding', safeguarding, 'Neglect seen on review'), 'outcome', outcome, 'Neglect seen on review');
    expect(drafted.addendumDraft).toEqual({ section: 'outcome', reason: 'Neglect seen on review', changes: { safeguarding, outcome } });
    expect(addendumAnswers(drafted).safeguarding).toEqual(safeguarding);
    expect(addendumAnswers(drafted).outcome).toEqual(outcome);
    expect(changedSections(drafted, drafted.addendumDraft?.changes ?? {})).toEqual(['safeguarding', 'outcome']);
    expect(withoutAddendumDraft(drafted).addendumDraft).toBeUndefined();
  });

  test('a page opened and left as it was changes nothing', () => {
    expect(changedSections(signed, { people: signed.answers.people })).toEqual([]);
  });
});

describe('addenda follow the concern-level rules: a new concern on a "No concern" record revisits the level', () => {
  const signedNoConcern = signAssessment(recordWith(completeChildAnswers()), '2026-03-10T15:00:00.000Z', nurse);
  const base = signedNoConcern.answers;
  const sg = (changes: Partial<Answers['safeguarding']>): Answers['safeguarding'] => ({ ...base.safeguarding, ...changes });
  const checks = (changes: Partial<Answers['informationChecks']>): Answers['informationChecks'] => ({ ...base.informationChecks, ...changes });
  const later = '2026-03-10T18:00:00.000Z';

  test.each<[string, Addendum['changes'], boolean]>([
    ['a consider-level feature, level left at No concern: revisit', { safeguarding: sg({ alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: 'x' } }) }, true],
    ['a suspect-level feature: revisit', { safeguarding: sg({ alertingFeatures: ['fracture'], alertingFeatureExplanations: { fracture: 'x' } }) }, true],
    ['a disclosure: revisit', { safeguarding: sg({ disclosure: 'yes', disclosureWhatWasSaid: 'He hit me', disclosureBy: 'the child' }) }, true],
    ['a carer–child interaction concern: revisit', { safeguarding: sg({ carerChildInteraction: ['hostility-or-rejection'] }) }, true],
    ['a household risk: revisit', { safeguarding: sg({ householdRisks: ['parental-substance-misuse'] }) }, true],
    ['CP-IS shows a child protection plan: revisit', { informationChecks: checks({ cpis: 'checked-cp-plan' }) }, true],
    ['CP-IS shows looked after: revisit', { informationChecks: checks({ cpis: 'checked-looked-after' }) }, true],
    ['an open social-care case: revisit', { informationChecks: checks({ socialCare: 'yes', socialWorkerTeam: 'CIN team', openCase: 'yes' }) }, true],
    ['known to social care, no open case: accepted', { informationChecks: checks({ socialCare: 'yes', socialWorkerTeam: 'CIN team', openCase: 'no' }) }, false],
    ['nothing of concern (the GP practice corrected): accepted', { patient: { ...base.patient, gpPractice: 'Castle Medical Centre' } }, false],
    [
      'a household risk with the level revisited to Consider in the same addendum: accepted',
      { safeguarding: sg({ householdRisks: ['domestic-abuse'] }), outcome: { ...base.outcome, concernLevel: 'consider' } },
      false,
    ],
    [
      'a household risk with the level still No concern in the outcome change: revisit',
      { safeguarding: sg({ householdRisks: ['domestic-abuse'] }), outcome: { ...base.outcome, notify: 'yes' } },
      true,
    ],
  ])('%s', (_name, changes, revisit) => {
    const issue = addendumConcernIssue(signedNoConcern, changes, later);
    expect(issue?.field).toBe(revisit ? REVISIT_CONCERN_FIELD : undefined);
  });

  test('the message names what the addendum records and the level it contradicts', () => {
    expect(addendumConcernIssue(signedNoConcern, { safeguarding: sg({ householdRisks: ['domestic-abuse'] }) }, later)).toEqual({
      field: REVISIT_CONCERN_FIELD,
      message: 'What this addendum records contradicts the concern level "No concern": a risk in the household is recorded (domestic abuse). Revisit the concern level in this addendum: continue to Outcome and actions',
    });
  });

  test('a concern already on a record signed under older rules does not block an unrelated addendum', () => {
    const older = signAssessment(recordWith({ ...completeChildAnswers(), safeguarding: sg({ householdRisks: ['domestic-abuse'] }) }), '2026-03-10T15:00:00.000Z', nurse);
    expect(addendumConcernIssue(older, { patient: { ...base.patient, gpPractice: 'Castle Medical Centre' } }, later)).toBeUndefined();
  });

  test('a disclosure added to a Consider record: Consider is refused too, so the level is revisited', () => {
    const consider = signAssessment(
      recordWith({ ...completeChildAnswers(), safeguarding: sg({ alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: 'x' } }), outcome: { ...base.outcome, concernLevel: 'consider' } }),
      '2026-03-10T15:00:00.000Z',
      nurse,
    );
    expect(addendumConcernIssue(consider, { safeguarding: sg({ alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: 'x' }, disclosure: 'yes' }) }, later)?.field).toBe(REVISIT_CONCERN_FIELD);
  });
});
