import { describe, expect, test } from 'vitest';
import {
  completeAdultAnswers,
  completeChildAnswers,
  contextFor,
  FATHER_ID,
  testPerson,
  withAccounts,
  withPatient,
  withPeople,
} from '../../test-support/fixtures';
import type { AccountsDraft } from './accounts';
import { SOMEONE_ELSE } from './accounts';
import type { PatientDraft } from './patient';
import type { PeopleDraft, Person } from './people';
import { emptyPerson } from './people';
import type { Answers } from './record';
import { emptyAnswers } from './record';
import type { SummaryRow } from './summary';
import { carerAccountGiver, NOT_PROVIDED, summariseAccounts, summarisePatient, summarisePeople } from './summary';

const rows = (summarise: (answers: Answers, ctx: ReturnType<typeof contextFor>) => SummaryRow[], answers: Answers) => summarise(answers, contextFor(answers));

/** The value of the row with this key, for tests about one row. */
function valueOf(summarise: Parameters<typeof rows>[0], answers: Answers, key: string): string[] | undefined {
  return rows(summarise, answers).find((row) => row.key === key)?.value;
}

const nok = (changes: Partial<PeopleDraft['nextOfKin']>): PeopleDraft['nextOfKin'] => ({ answer: '', sameAsCompanionId: '', person: emptyPerson(''), notAbleReason: '', ...changes });

describe('summarisePatient', () => {
  test('an 8-year-old with an injury', () => {
    expect(rows(summarisePatient, completeChildAnswers({ ageYears: 8 }))).toEqual([
      { key: 'Arrival date and time', value: ['10 March 2026 at 14:30'], field: 'arrivalDate.day' },
      { key: 'Name', value: ['Jamie Smith'], field: 'givenName' },
      { key: 'Date of birth', value: ['1 January 2018'], field: 'dateOfBirth.day' },
      { key: 'Sex', value: ['Male'], field: 'sex' },
      { key: 'NHS number', value: ['943 476 5919'], field: 'nhsNumber' },
      { key: 'Address', value: ['12 Example Street', 'Nottingham', 'NG5 1PB'], field: 'address' },
      { key: 'GP practice', value: ['Valley Road Surgery, Nottingham'], field: 'gpPractice' },
      { key: 'School, college or nursery', value: ['Bramcote Park Academy'], field: 'school' },
      { key: 'Interpreter needed', value: ['No'], field: 'interpreterNeeded' },
      { key: 'Reason for attendance', value: ['Injury', 'Fell from a trampoline, pain in the left wrist'], field: 'attendanceReason' },
      { key: 'When the injury happened', value: ['10 March 2026 at 12:00'], field: 'injuryDate.day' },
    ]);
  });

  test('an adult with an illness: no school or injury rows', () => {
    expect(rows(summarisePatient, completeAdultAnswers())).toEqual([
      { key: 'Arrival date and time', value: ['10 March 2026 at 14:30'], field: 'arrivalDate.day' },
      { key: 'Name', value: ['Alex Morgan'], field: 'givenName' },
      { key: 'Date of birth', value: ['1 January 1992'], field: 'dateOfBirth.day' },
      { key: 'Sex', value: ['Female'], field: 'sex' },
      { key: 'NHS number', value: ['654 100 3238'], field: 'nhsNumber' },
      { key: 'Address', value: ['Flat 3, 40 Market Street', 'Nottingham', 'NG1 6HW'], field: 'address' },
      { key: 'GP practice', value: ['Castle Medical Centre'], field: 'gpPractice' },
      { key: 'Interpreter needed', value: ['No'], field: 'interpreterNeeded' },
      { key: 'Reason for attendance', value: ['Illness', 'Chest pain since this morning'], field: 'attendanceReason' },
    ]);
  });

  test('every blank answer says "Not provided"', () => {
    expect(rows(summarisePatient, emptyAnswers())).toEqual([
      { key: 'Arrival date and time', value: [NOT_PROVIDED], field: 'arrivalDate.day' },
      { key: 'Name', value: [NOT_PROVIDED], field: 'givenName' },
      { key: 'Date of birth', value: [NOT_PROVIDED], field: 'dateOfBirth.day' },
      { key: 'Sex', value: [NOT_PROVIDED], field: 'sex' },
      { key: 'NHS number', value: [NOT_PROVIDED], field: 'nhsNumber' },
      { key: 'Address', value: [NOT_PROVIDED], field: 'address' },
      { key: 'GP practice', value: [NOT_PROVIDED], field: 'gpPractice' },
      { key: 'Interpreter needed', value: [NOT_PROVIDED], field: 'interpreterNeeded' },
      { key: 'Reason for attendance', value: [NOT_PROVIDED], field: 'attendanceReason' },
    ]);
    expect(NOT_PROVIDED).toBe('Not provided');
  });

  test('the arrival time shows in London time', () => {
    const answers = withPatient(completeAdultAnswers(), { arrivalDate: { day: '1', month: '7', year: '2026' }, arrivalTime: '0030' });
    expect(valueOf(summarisePatient, answers, 'Arrival date and time')).toEqual(['1 July 2026 at 00:30']);
  });

  test.each<[string, Partial<PatientDraft>, string[], string]>([
    ['name not known', { nameNotKnown: true, nameNotKnownReason: ' Unconscious ' }, ['Name not known: Unconscious'], 'nameNotKnownReason'],
    ['name not known, no reason', { nameNotKnown: true }, ['Name not known: Not provided'], 'nameNotKnownReason'],
    ['first name only', { familyName: '' }, ['Alex'], 'givenName'],
  ])('Name: %s', (_, changes, value, field) => {
    expect(rows(summarisePatient, withPatient(completeAdultAnswers(), changes))[1]).toEqual({ key: 'Name', value, field });
  });

  test.each<[string, Partial<PatientDraft>, string[], string]>([
    ['estimated age', { dateOfBirthNotKnown: true, estimatedAgeYears: '40' }, ['Not known. Estimated age 40 years'], 'estimatedAgeYears'],
    ['impossible date', { dateOfBirth: { day: '30', month: '2', year: '1992' } }, [NOT_PROVIDED], 'dateOfBirth.day'],
    ['not known, no estimate', { dateOfBirthNotKnown: true, estimatedAgeYears: ' ' }, ['Not known. Estimated age: Not provided'], 'estimatedAgeYears'],
  ])('Date of birth: %s', (_, changes, value, field) => {
    expect(rows(summarisePatient, withPatient(completeAdultAnswers(), changes))[2]).toEqual({ key: 'Date of birth', value, field });
  });

  test.each<[string, Partial<PatientDraft>, string]>([
    ['typed without spaces', { nhsNumber: '6541003238' }, '654 100 3238'],
    ['invalid, shown as typed', { nhsNumber: '943 476 5918' }, '943 476 5918'],
    ['not known: overseas visitor', { nhsNumber: '', nhsNumberNotKnown: true, nhsNumberNotKnownReason: 'overseas-visitor' }, 'Not known: Overseas visitor'],
    ['not known: declined', { nhsNumber: '', nhsNumberNotKnown: true, nhsNumberNotKnownReason: 'declined' }, 'Not known: Declined'],
    ['not known: other, described', { nhsNumber: '', nhsNumberNotKnown: true, nhsNumberNotKnownReason: 'other', nhsNumberNotKnownOther: 'Spine unavailable' }, 'Not known: Spine unavailable'],
    ['not known: other, not described', { nhsNumber: '', nhsNumberNotKnown: true, nhsNumberNotKnownReason: 'other' }, 'Not known: Other'],
    ['not known: no reason', { nhsNumber: '', nhsNumberNotKnown: true }, 'Not known: Not provided'],
  ])('NHS number: %s', (_, changes, text) => {
    expect(valueOf(summarisePatient, withPatient(completeAdultAnswers(), changes), 'NHS number')).toEqual([text]);
  });

  test.each<[string, Partial<PatientDraft>, string[]]>([
    ['postcode normalised', { postcode: 'ng16hw' }, ['Flat 3, 40 Market Street', 'Nottingham', 'NG1 6HW']],
    ['no fixed abode, no address', { address: '', postcode: 'ZZ99 3VZ' }, ['ZZ99 3VZ (No fixed abode)']],
    ['address not known', { address: '', postcode: 'zz99 3wz' }, ['ZZ99 3WZ (Address not known)']],
    ['overseas', { address: '14 MG Road\r\nBengaluru', postcode: 'ZZ99 6CZ' }, ['14 MG Road', 'Bengaluru', 'ZZ99 6CZ (Overseas (NHS pseudo-postcode))']],
    ['invalid postcode, shown as typed', { postcode: ' qa1 1aa ' }, ['Flat 3, 40 Market Street', 'Nottingham', 'qa1 1aa']],
    ['address without a postcode', { postcode: '' }, ['Flat 3, 40 Market Street', 'Nottingham']],
  ])('Address: %s', (_, changes, value) => {
    expect(valueOf(summarisePatient, withPatient(completeAdultAnswers(), changes), 'Address')).toEqual(value);
  });

  test('GP not registered, not in education, and an interpreter', () => {
    const answers = withPatient(completeChildAnswers(), { gpNotRegistered: true, gpPractice: '', notInEducation: true, school: '', interpreterNeeded: 'yes', interpreterLanguage: 'Polish' });
    expect(valueOf(summarisePatient, answers, 'GP practice')).toEqual(['Not registered with a GP']);
    expect(valueOf(summarisePatient, answers, 'School, college or nursery')).toEqual(['Not in education']);
    expect(valueOf(summarisePatient, answers, 'Interpreter needed')).toEqual(['Yes: Polish']);
    expect(valueOf(summarisePatient, withPatient(answers, { interpreterLanguage: '' }), 'Interpreter needed')).toEqual(['Yes: Not provided']);
  });

  test('when the injury happened: not known, or only partly entered', () => {
    const child = completeChildAnswers();
    expect(valueOf(summarisePatient, withPatient(child, { injuryTimeNotKnown: true }), 'When the injury happened')).toEqual(['Not known']);
    expect(valueOf(summarisePatient, withPatient(child, { injuryTime: '' }), 'When the injury happened')).toEqual([NOT_PROVIDED]);
    expect(valueOf(summarisePatient, withPatient(child, { injuryTime: '0905', injuryDate: { day: '9', month: '3', year: '2026' } }), 'When the injury happened')).toEqual([
      '9 March 2026 at 09:05',
    ]);
  });

  test('free text comes back as typed (trimmed), markup and all', () => {
    const answers = withPatient(completeAdultAnswers(), { attendanceReasonDetail: '  <script>alert(1)</script> 😢 قال  ' });
    expect(valueOf(summarisePatient, answers, 'Reason for attendance')).toEqual(['Illness', '<script>alert(1)</script> 😢 قال']);
  });
});

describe('summarisePeople', () => {
  test('an 8-year-old with their mother', () => {
    expect(rows(summarisePeople, completeChildAnswers({ ageYears: 8 }))).toEqual([
      { key: 'Who has come with the patient today?', value: ['Someone came with the patient'], field: 'accompaniedBy' },
      { key: 'Person with the patient', value: ['Sarah Smith (Mother)', '07700 900123', 'Has parental responsibility: Birth mother'], field: 'companions.0.fullName' },
      { key: 'Next of kin', value: ['Same as the person with the patient: Sarah Smith'], field: 'nextOfKin.answer' },
      { key: 'Other people with parental responsibility', value: ['None recorded'], field: 'otherParentalResponsibility' },
      { key: 'Who does the child live with?', value: ['Mother and younger brother'], field: 'livesWith' },
      { key: "Who else lives in the child's household?", value: ['None recorded'], field: 'household' },
    ]);
  });

  test('a 14-year-old also has the young-person rows', () => {
    expect(rows(summarisePeople, completeChildAnswers({ ageYears: 14 })).map((row) => [row.key, row.value, row.field])).toEqual([
      ['Who has come with the patient today?', ['Someone came with the patient'], 'accompaniedBy'],
      ['Person with the patient', ['Sarah Smith (Mother)', '07700 900123', 'Has parental responsibility: Birth mother'], 'companions.0.fullName'],
      ['Adult answered for the young person', ['No'], 'companionAnswersForPatient'],
      ['Next of kin', ['Same as the person with the patient: Sarah Smith'], 'nextOfKin.answer'],
      ['Other people with parental responsibility', ['None recorded'], 'otherParentalResponsibility'],
      ['Who does the child live with?', ['Mother and younger brother'], 'livesWith'],
      ["Who else lives in the child's household?", ['None recorded'], 'household'],
      ['Seen alone for part of the assessment', ['Yes'], 'seenAlone'],
    ]);
  });

  test('an adult who came alone: no parental responsibility lines', () => {
    expect(rows(summarisePeople, completeAdultAnswers())).toEqual([
      { key: 'Who has come with the patient today?', value: ['Nobody, the patient came alone'], field: 'accompaniedBy' },
      { key: 'Next of kin', value: ['Chris Morgan (Partner)', '0115 496 0000'], field: 'nextOfKin.answer' },
    ]);
  });

  test('a blank section says "Not provided"', () => {
    const answers = withPeople(completeChildAnswers({ ageYears: 14 }), { ...emptyAnswers().people });
    expect(rows(summarisePeople, answers)).toEqual([
      { key: 'Who has come with the patient today?', value: [NOT_PROVIDED], field: 'accompaniedBy' },
      { key: 'Next of kin', value: [NOT_PROVIDED], field: 'nextOfKin.answer' },
      { key: 'Other people with parental responsibility', value: ['None recorded'], field: 'otherParentalResponsibility' },
      { key: 'No one with parental responsibility named because', value: [NOT_PROVIDED], field: 'noParentalResponsibilityReason' },
      { key: 'Who does the child live with?', value: [NOT_PROVIDED], field: 'livesWith' },
      { key: "Who else lives in the child's household?", value: ['None recorded'], field: 'household' },
      { key: 'Seen alone for part of the assessment', value: [NOT_PROVIDED], field: 'seenAlone' },
    ]);
  });

  test('the household: each person with relationship and age; an added entry left empty is ignored', () => {
    const answers = withPeople(completeChildAnswers(), {
      household: [
        { id: 'h1', fullName: 'Kofi Okafor', dateOfBirthOrAge: '4 years', relationship: 'Brother' },
        { id: 'h2', fullName: '', dateOfBirthOrAge: '', relationship: '' },
        { id: 'h3', fullName: 'Tomasz Wrona', dateOfBirthOrAge: '', relationship: '' },
      ],
    });
    expect(valueOf(summarisePeople, answers, "Who else lives in the child's household?")).toEqual(['Kofi Okafor (Brother), 4 years', 'Tomasz Wrona']);
  });

  test('several companions are numbered, each with its own Change link', () => {
    const father = testPerson({ id: FATHER_ID, fullName: 'Daniel Smith', relationship: '13', phone: '', hasParentalResponsibility: 'not-known' });
    const answers = withPeople(completeChildAnswers(), { companions: [testPerson(), father] });
    expect(rows(summarisePeople, answers).slice(1, 3)).toEqual([
      { key: 'Person with the patient (1)', value: ['Sarah Smith (Mother)', '07700 900123', 'Has parental responsibility: Birth mother'], field: 'companions.0.fullName' },
      { key: 'Person with the patient (2)', value: ['Daniel Smith (Father)', 'Parental responsibility: Not known'], field: 'companions.1.fullName' },
    ]);
  });

  test.each<[string, Partial<Person>, string[]]>([
    ['parental responsibility not answered', { hasParentalResponsibility: '' }, ['Sarah Smith (Mother)', '07700 900123', 'Parental responsibility: not answered']],
    ['no parental responsibility', { hasParentalResponsibility: 'no' }, ['Sarah Smith (Mother)', '07700 900123', 'Parental responsibility: No']],
    ['basis not recorded', { parentalResponsibilityBasis: '' }, ['Sarah Smith (Mother)', '07700 900123', 'Has parental responsibility: how not recorded']],
    ['basis described', { parentalResponsibilityBasis: 'other', parentalResponsibilityBasisOther: 'Child arrangements order' }, ['Sarah Smith (Mother)', '07700 900123', 'Has parental responsibility: Child arrangements order']],
    ['no name or relationship', { fullName: '', relationship: '' }, ['Not provided (relationship not given)', '07700 900123', 'Has parental responsibility: Birth mother']],
    ['relationship described', { relationship: '99', relationshipOther: 'Social worker', hasParentalResponsibility: 'no' }, ['Sarah Smith (Social worker)', '07700 900123', 'Parental responsibility: No']],
  ])("a child's companion: %s", (_, changes, value) => {
    const answers = withPeople(completeChildAnswers(), { companions: [testPerson(changes)] });
    expect(rows(summarisePeople, answers)[1]?.value).toEqual(value);
  });

  test.each<[string, PeopleDraft['nextOfKin'], string[]]>([
    ['declined', nok({ answer: 'declined' }), ['Patient declined to give next of kin']],
    ['not able to ask', nok({ answer: 'not-able', notAbleReason: 'Unconscious' }), ['Not able to ask: Unconscious']],
    ['not able to ask, no reason', nok({ answer: 'not-able' }), ['Not able to ask: Not provided']],
    ['not answered', nok({}), [NOT_PROVIDED]],
  ])('adult next of kin: %s', (_, nextOfKin, value) => {
    expect(valueOf(summarisePeople, withPeople(completeAdultAnswers(), { nextOfKin }), 'Next of kin')).toEqual(value);
  });

  test('child next of kin: none can be named, with the reason no one has parental responsibility', () => {
    const answers = withPeople(completeChildAnswers(), {
      accompaniedBy: 'alone',
      nextOfKin: nok({ answer: 'none-named' }),
      noParentalResponsibilityReason: 'Lives in supported housing; parents not in contact',
    });
    expect(valueOf(summarisePeople, answers, 'Next of kin')).toEqual(['No next of kin can be named']);
    expect(valueOf(summarisePeople, answers, 'No one with parental responsibility named because')).toEqual(['Lives in supported housing; parents not in contact']);
  });

  test('child next of kin named, with parental responsibility', () => {
    const answers = withPeople(completeChildAnswers(), {
      nextOfKin: nok({ answer: 'named', person: testPerson({ id: 'gran', fullName: 'Mary Smith', relationship: '16', hasParentalResponsibility: 'yes', parentalResponsibilityBasis: 'court-order' }) }),
    });
    expect(valueOf(summarisePeople, answers, 'Next of kin')).toEqual(['Mary Smith (Relative)', '07700 900123', 'Has parental responsibility: Court order']);
  });

  test('other people with parental responsibility are listed, always as having it', () => {
    const answers = withPeople(completeChildAnswers(), {
      otherParentalResponsibility: [testPerson({ id: FATHER_ID, fullName: 'Daniel Smith', relationship: '13', phone: '', hasParentalResponsibility: '', parentalResponsibilityBasis: 'father-married' })],
    });
    expect(valueOf(summarisePeople, answers, 'Other people with parental responsibility')).toEqual(['Daniel Smith (Father)', 'Has parental responsibility: Father – married to the mother at the birth']);
    expect(valueOf(summarisePeople, answers, 'No one with parental responsibility named because')).toBeUndefined();
  });

  test('not seen alone, with the reason', () => {
    const answers = withPeople(completeChildAnswers({ ageYears: 15 }), { seenAlone: 'no', seenAloneReason: 'Refused to let mother leave' });
    expect(valueOf(summarisePeople, answers, 'Seen alone for part of the assessment')).toEqual(['No: Refused to let mother leave']);
  });
});

describe('summariseAccounts', () => {
  test('a child with an injury', () => {
    expect(rows(summariseAccounts, completeChildAnswers())).toEqual([
      {
        key: 'What the parent or carer says happened',
        value: ['He was bouncing on the trampoline and fell onto the grass.', 'Given by Sarah Smith (Mother)'],
        field: 'carerAccount',
      },
      { key: 'What the child says happened, in their own words', value: ['I fell off the trampoline and landed on my hand.'], field: 'childAccount' },
      { key: 'Explanation consistent with the injury, age and development', value: ['Yes'], field: 'accountConsistent' },
      { key: 'Was there a delay in seeking help?', value: ['No'], field: 'delay' },
    ]);
  });

  test('a child with an illness: no consistency row', () => {
    expect(rows(summariseAccounts, completeChildAnswers({ reason: 'illness' })).map((row) => row.field)).toEqual(['carerAccount', 'childAccount', 'delay']);
  });

  test('an adult with an illness: only their account', () => {
    expect(rows(summariseAccounts, completeAdultAnswers())).toEqual([
      { key: 'What the patient says happened', value: ['Woke with a tight chest and felt sick.'], field: 'adultAccount' },
    ]);
  });

  test('an adult with an injury: their account and the delay', () => {
    expect(rows(summariseAccounts, completeAdultAnswers({ reason: 'assault' })).map((row) => [row.key, row.value])).toEqual([
      ['What the patient says happened', ['Woke with a tight chest and felt sick.']],
      ['Was there a delay in seeking help?', ['No']],
    ]);
  });

  test('blank accounts say "Not provided"', () => {
    const answers = withAccounts(completeChildAnswers(), emptyAnswers().accounts);
    expect(rows(summariseAccounts, answers).map((row) => row.value)).toEqual([[NOT_PROVIDED], [NOT_PROVIDED], [NOT_PROVIDED], [NOT_PROVIDED]]);
    expect(rows(summariseAccounts, withAccounts(completeAdultAnswers(), { adultAccount: ' ' }))[0]?.value).toEqual([NOT_PROVIDED]);
  });

  test.each<[string, Partial<AccountsDraft>, string[], string]>([
    ['pre-verbal', { childAccountNotGiven: true, childAccountNotGivenReason: 'pre-verbal' }, ['The child could not give an account: pre-verbal'], 'childAccountNotGivenReason'],
    ['too unwell', { childAccountNotGiven: true, childAccountNotGivenReason: 'too-unwell' }, ['The child could not give an account: too unwell'], 'childAccountNotGivenReason'],
    [
      'communication need',
      { childAccountNotGiven: true, childAccountNotGivenReason: 'communication-need', childAccountCommunicationNeed: 'Uses Makaton' },
      ['The child could not give an account: communication need – Uses Makaton'],
      'childAccountNotGivenReason',
    ],
    ['no reason', { childAccountNotGiven: true }, ['The child could not give an account: Not provided'], 'childAccountNotGivenReason'],
  ])("the child's account not given: %s", (_, changes, value, field) => {
    expect(rows(summariseAccounts, withAccounts(completeChildAnswers(), changes))[1]).toEqual({ key: 'What the child says happened, in their own words', value, field });
  });

  test('the carer’s account given by someone else, or by no one recorded', () => {
    const someoneElse = withAccounts(completeChildAnswers(), { carerAccountGivenBy: SOMEONE_ELSE, carerAccountGivenByOther: ' Mr Patel, neighbour ' });
    expect(rows(summariseAccounts, someoneElse)[0]?.value).toEqual(['He was bouncing on the trampoline and fell onto the grass.', 'Given by Mr Patel, neighbour']);
    const unknown = withAccounts(completeChildAnswers(), { carerAccountGivenBy: 'removed-person' });
    expect(rows(summariseAccounts, unknown)[0]?.value).toEqual(['He was bouncing on the trampoline and fell onto the grass.']);
  });

  test.each([
    ['not-sure', 'Not sure'],
    ['no', 'No'],
    ['', NOT_PROVIDED],
  ] as const)('consistency "%s" reads "%s"', (accountConsistent, text) => {
    expect(valueOf(summariseAccounts, withAccounts(completeChildAnswers(), { accountConsistent }), 'Explanation consistent with the injury, age and development')).toEqual([text]);
  });
});

describe('carerAccountGiver', () => {
  test.each<[string, Partial<AccountsDraft>, string]>([
    ['a recorded person', {}, 'Sarah Smith (Mother)'],
    ['someone else', { carerAccountGivenBy: SOMEONE_ELSE, carerAccountGivenByOther: ' Mr Patel ' }, 'Mr Patel'],
    ['nobody picked', { carerAccountGivenBy: '' }, ''],
  ])('%s', (_, changes, text) => {
    expect(carerAccountGiver(withAccounts(completeChildAnswers(), changes))).toBe(text);
  });
});
