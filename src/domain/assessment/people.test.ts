import { describe, expect, test } from 'vitest';
import {
  completeAdultAnswers,
  completeChildAnswers,
  contextFor,
  FATHER_ID,
  MOTHER_ID,
  testPerson,
  withPeople,
} from '../../test-support/fixtures';
import type { PeopleDraft, Person } from './people';
import {
  describeHouseholdMember,
  emptyHouseholdMember,
  emptyPeopleDraft,
  isEmptyHouseholdMember,
  emptyPerson,
  nextOfKinAnswers,
  nextOfKinCompanion,
  nextOfKinPerson,
  noParentalResponsibilityReasonApplies,
  peoplePrefills,
  peopleWithParentalResponsibility,
  prBasisLabel,
  recordedPeople,
  relationshipLabel,
  validatePeople,
} from './people';

const father = (overrides: Partial<Person> = {}): Person =>
  testPerson({ id: FATHER_ID, fullName: 'Daniel Smith', relationship: '13', phone: '07700 900456', parentalResponsibilityBasis: 'father-birth-certificate', ...overrides });

const nok = (changes: Partial<PeopleDraft['nextOfKin']>): PeopleDraft['nextOfKin'] => ({
  answer: '',
  sameAsCompanionId: '',
  person: emptyPerson(''),
  notAbleReason: '',
  ...changes,
});

function childIssues(changes: Partial<PeopleDraft>, ageYears = 8) {
  const answers = withPeople(completeChildAnswers({ ageYears }), changes);
  return validatePeople(answers.people, contextFor(answers));
}

function adultIssues(changes: Partial<PeopleDraft>) {
  const answers = withPeople(completeAdultAnswers(), changes);
  return validatePeople(answers.people, contextFor(answers));
}

const child = contextFor(completeChildAnswers({ ageYears: 8 }));
const adult = contextFor(completeAdultAnswers());

describe('the household (under 18, optional)', () => {
  test('nothing recorded, or an added entry left empty: no issue', () => {
    expect(childIssues({ household: [] })).toEqual([]);
    expect(childIssues({ household: [emptyHouseholdMember('h1')] })).toEqual([]);
  });

  test('an entry without a name asks for it, by index', () => {
    const issues = childIssues({ household: [{ id: 'h1', fullName: 'Kofi Okafor', dateOfBirthOrAge: '4', relationship: 'Brother' }, { id: 'h2', fullName: ' ', dateOfBirthOrAge: 'about 40', relationship: '' }] });
    expect(issues).toEqual([{ field: 'household.1.fullName', message: 'Enter the name of the person in the household, or remove them' }]);
  });

  test('over-long answers are reported', () => {
    const issues = childIssues({ household: [{ id: 'h1', fullName: 'x'.repeat(501), dateOfBirthOrAge: 'y'.repeat(501), relationship: 'z'.repeat(501) }] });
    expect(issues.map((issue) => issue.field)).toEqual(['household.0.fullName', 'household.0.dateOfBirthOrAge', 'household.0.relationship']);
  });

  test('not asked of an adult: a stray entry is ignored', () => {
    expect(adultIssues({ household: [{ id: 'h1', fullName: '', dateOfBirthOrAge: '4', relationship: '' }] })).toEqual([]);
  });

  test('each person reads as name (relationship), age', () => {
    expect(describeHouseholdMember({ id: 'h1', fullName: ' Kofi Okafor ', dateOfBirthOrAge: ' 4 years ', relationship: ' Brother ' })).toBe('Kofi Okafor (Brother), 4 years');
    expect(describeHouseholdMember({ id: 'h1', fullName: '', dateOfBirthOrAge: '', relationship: 'Lodger' })).toBe('Name not given (Lodger)');
    expect(isEmptyHouseholdMember({ id: 'h1', fullName: '', dateOfBirthOrAge: '', relationship: ' ' })).toBe(true);
    expect(isEmptyHouseholdMember({ id: 'h1', fullName: '', dateOfBirthOrAge: '3', relationship: '' })).toBe(false);
  });
});

describe('validatePeople', () => {
  test.each([0, 8, 11, 14, 17])('a complete child of %i has no issues', (ageYears) => {
    expect(childIssues({}, ageYears)).toEqual([]);
  });

  test('a complete adult has no issues', () => {
    expect(adultIssues({})).toEqual([]);
  });

  test('an empty section for a 14-year-old asks for everything, in page order', () => {
    // The parental-responsibility reason is asked once next of kin is answered, as its prompt
    // and its field appear then: an error must never point at a field that is not shown.
    const answers = withPeople(completeChildAnswers({ ageYears: 14 }), emptyPeopleDraft());
    expect(validatePeople(answers.people, contextFor(answers))).toEqual([
      { field: 'accompaniedBy', message: 'Select who has come with the patient today' },
      { field: 'nextOfKin.answer', message: 'Select the next of kin, or say that none can be named' },
      { field: 'livesWith', message: 'Enter who the child lives with' },
      { field: 'seenAlone', message: 'Select whether the young person was seen alone for part of the assessment' },
    ]);
  });

  test('an empty section for an adult asks who came and the next of kin only', () => {
    const answers = withPeople(completeAdultAnswers(), emptyPeopleDraft());
    expect(validatePeople(answers.people, contextFor(answers))).toEqual([
      { field: 'accompaniedBy', message: 'Select who has come with the patient today' },
      { field: 'nextOfKin.answer', message: 'Select the next of kin, or say why they cannot be given' },
    ]);
  });

  describe('who came with the patient', () => {
    test('someone came, but no one is entered', () => {
      expect(adultIssues({ accompaniedBy: 'accompanied', companions: [] })).toEqual([
        { field: 'companions.0.fullName', message: 'Enter the full name of the person with the patient' },
      ]);
    });

    test.each<[Partial<Person>, string, string]>([
      [{ fullName: ' ' }, 'companions.0.fullName', 'Enter the full name of the person with the patient'],
      [{ fullName: 'a'.repeat(501) }, 'companions.0.fullName', 'Full name must be 500 characters or fewer'],
      [{ relationship: '' }, 'companions.0.relationship', 'Select the relationship of the person with the patient to the patient'],
      [{ relationship: '99', relationshipOther: '' }, 'companions.0.relationshipOther', 'Describe the relationship of the person with the patient to the patient'],
      [{ phone: '' }, 'companions.0.phone', 'Enter a phone number for the person with the patient'],
      [{ phone: 'ring mum' }, 'companions.0.phone', 'Enter a phone number for the person with the patient like 07700 900 982 or +44 115 496 0000'],
    ])('adult companion %j: %s "%s"', (changes, field, message) => {
      expect(adultIssues({ accompaniedBy: 'accompanied', companions: [testPerson({ relationship: '02', hasParentalResponsibility: '', parentalResponsibilityBasis: '', ...changes })] })).toEqual([
        { field, message },
      ]);
    });

    test('"Other" relationship with a description is accepted', () => {
      expect(adultIssues({ accompaniedBy: 'accompanied', companions: [testPerson({ relationship: '99', relationshipOther: 'Social worker', hasParentalResponsibility: '' })] })).toEqual([]);
    });

    test('parental responsibility is not asked about an adult patient’s companion', () => {
      expect(adultIssues({ accompaniedBy: 'accompanied', companions: [testPerson({ relationship: '02', hasParentalResponsibility: '', parentalResponsibilityBasis: '' })] })).toEqual([]);
    });

    test.each<[Partial<Person>, string, string]>([
      [{ hasParentalResponsibility: '' }, 'companions.0.hasParentalResponsibility', 'Select whether the person with the patient has parental responsibility'],
      [{ parentalResponsibilityBasis: '' }, 'companions.0.parentalResponsibilityBasis', 'Select how the person with the patient has parental responsibility'],
      [
        { parentalResponsibilityBasis: 'other', parentalResponsibilityBasisOther: '' },
        'companions.0.parentalResponsibilityBasisOther',
        'Describe how the person with the patient has parental responsibility',
      ],
    ])("child's companion %j: %s \"%s\"", (changes, field, message) => {
      expect(childIssues({ companions: [testPerson(changes)], otherParentalResponsibility: [father()] })).toEqual([{ field, message }]);
    });

    test.each(['no', 'not-known'] as const)('parental responsibility "%s" needs no basis', (hasParentalResponsibility) => {
      expect(
        childIssues({ companions: [testPerson({ hasParentalResponsibility, parentalResponsibilityBasis: '' })], otherParentalResponsibility: [father()] }),
      ).toEqual([]);
    });

    test('each companion is checked, with paths by index', () => {
      expect(
        childIssues({
          companions: [testPerson(), father({ phone: '', hasParentalResponsibility: '' })],
        }),
      ).toEqual([
        { field: 'companions.1.phone', message: 'Enter a phone number for the person with the patient' },
        { field: 'companions.1.hasParentalResponsibility', message: 'Select whether the person with the patient has parental responsibility' },
      ]);
    });

    test.each([11, 14, 17])('at %i, whether the adult answered for the young person is required', (ageYears) => {
      expect(childIssues({ companionAnswersForPatient: '' }, ageYears)).toEqual([
        { field: 'companionAnswersForPatient', message: 'Select whether the adult answered questions for the young person' },
      ]);
    });

    test.each([0, 10])('at %i, whether the adult answered for the child is not asked', (ageYears) => {
      expect(childIssues({ companionAnswersForPatient: '' }, ageYears)).toEqual([]);
    });

    test('companions left over from before "came alone" was chosen are ignored', () => {
      expect(adultIssues({ accompaniedBy: 'alone', companions: [testPerson({ fullName: '', phone: 'x' })] })).toEqual([]);
    });
  });

  describe('next of kin', () => {
    test.each([
      ['child, accompanied', child, true, ['same-as-companion', 'named', 'none-named']],
      ['child, alone', child, false, ['named', 'none-named']],
      ['adult, accompanied', adult, true, ['same-as-companion', 'named', 'declined', 'not-able']],
      ['adult, alone', adult, false, ['named', 'declined', 'not-able']],
    ] as const)('%s: offered %j', (_, ctx, accompanied, values) => {
      expect(nextOfKinAnswers(ctx, accompanied).map((option) => option.value)).toEqual(values);
    });

    test('the answers use the canonical wording', () => {
      expect(nextOfKinAnswers(adult, true).map((option) => option.label)).toEqual([
        'Same as the person with the patient',
        'Someone else',
        'Patient declined to give next of kin',
        'Not able to ask',
      ]);
      expect(nextOfKinAnswers(child, false).map((option) => option.label)).toEqual(['Someone else', 'No next of kin can be named']);
    });

    test.each([
      ['declined', 'Select the next of kin, or say that none can be named'],
      ['not-able', 'Select the next of kin, or say that none can be named'],
    ] as const)('an under-18 cannot answer "%s"', (answer, message) => {
      expect(childIssues({ nextOfKin: nok({ answer, notAbleReason: 'Unconscious' }) }, 14)).toEqual([{ field: 'nextOfKin.answer', message }]);
    });

    test('an adult may decline', () => {
      expect(adultIssues({ nextOfKin: nok({ answer: 'declined' }) })).toEqual([]);
    });

    test('an adult who cannot be asked needs a reason', () => {
      expect(adultIssues({ nextOfKin: nok({ answer: 'not-able' }) })).toEqual([
        { field: 'nextOfKin.notAbleReason', message: 'Enter why it is not possible to ask for the next of kin' },
      ]);
      expect(adultIssues({ nextOfKin: nok({ answer: 'not-able', notAbleReason: 'Unconscious' }) })).toEqual([]);
    });

    test('"No next of kin can be named" is for under-18s only', () => {
      expect(adultIssues({ nextOfKin: nok({ answer: 'none-named' }) })).toEqual([
        { field: 'nextOfKin.answer', message: 'Select the next of kin, or say why they cannot be given' },
      ]);
      expect(childIssues({ nextOfKin: nok({ answer: 'none-named' }) })).toEqual([]);
    });

    test('"Same as the person with the patient" is refused when the patient came alone', () => {
      expect(adultIssues({ nextOfKin: nok({ answer: 'same-as-companion' }) })).toEqual([
        { field: 'nextOfKin.answer', message: 'Select the next of kin, or say why they cannot be given' },
      ]);
    });

    test('"Same as the person with the patient" resolves to the only companion without a choice', () => {
      const draft = withPeople(completeChildAnswers(), { nextOfKin: nok({ answer: 'same-as-companion', sameAsCompanionId: '' }) }).people;
      expect(nextOfKinCompanion(draft)?.id).toBe(MOTHER_ID);
      expect(childIssues({ nextOfKin: nok({ answer: 'same-as-companion', sameAsCompanionId: '' }) })).toEqual([]);
    });

    test('"Same as the person with the patient" still resolves to the one companion left after the chosen one is removed', () => {
      // Two came; the nurse chose the father, then removed him. With one companion the form
      // no longer asks "Which person…?", so a stale choice must not block the section.
      const changes = { nextOfKin: nok({ answer: 'same-as-companion', sameAsCompanionId: FATHER_ID }) };
      const draft = withPeople(completeChildAnswers(), changes).people;
      expect(draft.companions.map((person) => person.id)).toEqual([MOTHER_ID]);
      expect(nextOfKinCompanion(draft)?.id).toBe(MOTHER_ID);
      expect(childIssues(changes)).toEqual([]);
    });

    test('"Same as the person with the patient" with several companions needs the person chosen', () => {
      const companions = [testPerson(), father()];
      expect(childIssues({ companions, nextOfKin: nok({ answer: 'same-as-companion' }) })).toEqual([
        { field: 'nextOfKin.sameAsCompanionId', message: 'Select which person with the patient is the next of kin' },
      ]);
      expect(childIssues({ companions, nextOfKin: nok({ answer: 'same-as-companion', sameAsCompanionId: FATHER_ID }) })).toEqual([]);
      expect(childIssues({ companions, nextOfKin: nok({ answer: 'same-as-companion', sameAsCompanionId: 'someone-removed' }) })).toEqual([
        { field: 'nextOfKin.sameAsCompanionId', message: 'Select which person with the patient is the next of kin' },
      ]);
    });

    test.each<[Partial<Person>, string, string]>([
      [{ fullName: '' }, 'nextOfKin.person.fullName', 'Enter the full name of the next of kin'],
      [{ relationship: '' }, 'nextOfKin.person.relationship', 'Select the relationship of the next of kin to the patient'],
      [{ phone: '' }, 'nextOfKin.person.phone', 'Enter a phone number for the next of kin'],
      [{ phone: '12' }, 'nextOfKin.person.phone', 'Enter a phone number for the next of kin like 07700 900 982 or +44 115 496 0000'],
    ])('a named adult next of kin %j: %s "%s"', (changes, field, message) => {
      const person = { ...completeAdultAnswers().people.nextOfKin.person, ...changes };
      expect(adultIssues({ nextOfKin: nok({ answer: 'named', person }) })).toEqual([{ field, message }]);
    });

    test("a named next of kin for a child is asked about parental responsibility", () => {
      expect(childIssues({ nextOfKin: nok({ answer: 'named', person: father({ hasParentalResponsibility: '' }) }) })).toEqual([
        { field: 'nextOfKin.person.hasParentalResponsibility', message: 'Select whether the next of kin has parental responsibility' },
      ]);
      expect(childIssues({ nextOfKin: nok({ answer: 'named', person: father({ parentalResponsibilityBasis: '' }) }) })).toEqual([
        { field: 'nextOfKin.person.parentalResponsibilityBasis', message: 'Select how the next of kin has parental responsibility' },
      ]);
      expect(childIssues({ nextOfKin: nok({ answer: 'named', person: father() }) })).toEqual([]);
    });
  });

  describe('parental responsibility (under 18)', () => {
    test('no one with parental responsibility: the reason is required', () => {
      const companions = [testPerson({ hasParentalResponsibility: 'not-known', parentalResponsibilityBasis: '' })];
      expect(childIssues({ companions })).toEqual([
        { field: 'noParentalResponsibilityReason', message: 'Enter why no one with parental responsibility can be named' },
      ]);
      expect(childIssues({ companions, noParentalResponsibilityReason: 'Brought by a neighbour; parents abroad, not contactable' })).toEqual([]);
    });

    test('a person with parental responsibility who is not here counts, with how they have it', () => {
      const companions = [testPerson({ fullName: 'Jo Bloggs', relationship: '16', hasParentalResponsibility: 'no', parentalResponsibilityBasis: '' })];
      expect(childIssues({ companions, otherParentalResponsibility: [father({ phone: '' })] })).toEqual([]);
      expect(childIssues({ companions, otherParentalResponsibility: [father({ parentalResponsibilityBasis: '', phone: '' })] })).toEqual([
        { field: 'otherParentalResponsibility.0.parentalResponsibilityBasis', message: 'Select how the person with parental responsibility has parental responsibility' },
      ]);
    });

    test('other people with parental responsibility: name and relationship required, phone optional but checked', () => {
      expect(childIssues({ otherParentalResponsibility: [father({ fullName: '', relationship: '', phone: '123456789012345' })] })).toEqual([
        { field: 'otherParentalResponsibility.0.fullName', message: 'Enter the full name of the person with parental responsibility' },
        { field: 'otherParentalResponsibility.0.relationship', message: 'Select the relationship of the person with parental responsibility to the patient' },
        {
          field: 'otherParentalResponsibility.0.phone',
          message: 'Enter a phone number for the person with parental responsibility like 07700 900 982 or +44 115 496 0000',
        },
      ]);
    });

    test('who the child lives with is required, up to 20,000 characters', () => {
      expect(childIssues({ livesWith: '' })).toEqual([{ field: 'livesWith', message: 'Enter who the child lives with' }]);
      expect(childIssues({ livesWith: 'a'.repeat(20_001) })).toEqual([{ field: 'livesWith', message: 'Who the child lives with must be 20,000 characters or fewer' }]);
    });

    test('none of this is asked for an adult', () => {
      expect(adultIssues({ livesWith: '', noParentalResponsibilityReason: '', otherParentalResponsibility: [emptyPerson('x')] })).toEqual([]);
    });
  });

  describe('seen alone (11–17)', () => {
    test.each([11, 17])('at %i it is required, and No needs a reason', (ageYears) => {
      expect(childIssues({ seenAlone: '' }, ageYears)).toEqual([
        { field: 'seenAlone', message: 'Select whether the young person was seen alone for part of the assessment' },
      ]);
      expect(childIssues({ seenAlone: 'no' }, ageYears)).toEqual([{ field: 'seenAloneReason', message: 'Enter why the young person was not seen alone' }]);
      expect(childIssues({ seenAlone: 'no', seenAloneReason: 'Too distressed to be separated from mother' }, ageYears)).toEqual([]);
    });

    test.each([0, 10])('at %i it is not asked', (ageYears) => {
      expect(childIssues({ seenAlone: '' }, ageYears)).toEqual([]);
    });

    test('at 18 it is not asked', () => {
      expect(adultIssues({ seenAlone: '' })).toEqual([]);
    });
  });
});

describe('recordedPeople', () => {
  test('lists companions, a named next of kin and other people with parental responsibility, with their roles', () => {
    const draft: PeopleDraft = {
      ...emptyPeopleDraft(),
      accompaniedBy: 'accompanied',
      companions: [testPerson({ fullName: '  Sarah Smith  ' }), testPerson({ id: 'blank', fullName: ' ' })],
      nextOfKin: nok({ answer: 'named', person: testPerson({ id: 'gran', fullName: 'Mary Smith', relationship: '16' }) }),
      otherParentalResponsibility: [father(), testPerson({ id: 'social-worker', fullName: 'Kim Lee', relationship: '99', relationshipOther: 'Social worker' })],
    };
    expect(recordedPeople(draft)).toEqual([
      { id: MOTHER_ID, fullName: 'Sarah Smith', relationship: 'Mother', role: 'companion' },
      { id: 'gran', fullName: 'Mary Smith', relationship: 'Relative', role: 'next-of-kin' },
      { id: FATHER_ID, fullName: 'Daniel Smith', relationship: 'Father', role: 'parental-responsibility' },
      { id: 'social-worker', fullName: 'Kim Lee', relationship: 'Social worker', role: 'parental-responsibility' },
    ]);
  });

  test('leaves out companions once "came alone" is chosen, and a next of kin person not currently named', () => {
    const draft: PeopleDraft = {
      ...emptyPeopleDraft(),
      accompaniedBy: 'alone',
      companions: [testPerson()],
      nextOfKin: nok({ answer: 'declined', person: father() }),
    };
    expect(recordedPeople(draft)).toEqual([]);
  });
});

describe('peopleWithParentalResponsibility', () => {
  test('counts companions and a named next of kin answered Yes, and every other person listed', () => {
    const draft: PeopleDraft = {
      ...emptyPeopleDraft(),
      accompaniedBy: 'accompanied',
      companions: [testPerson(), testPerson({ id: 'aunt', fullName: 'Ann Smith', hasParentalResponsibility: 'no' })],
      nextOfKin: nok({ answer: 'named', person: testPerson({ id: 'gran', fullName: 'Mary Smith', hasParentalResponsibility: 'not-known' }) }),
      otherParentalResponsibility: [father({ hasParentalResponsibility: '' })],
    };
    expect(peopleWithParentalResponsibility(draft).map((person) => [person.id, person.hasParentalResponsibility])).toEqual([
      [MOTHER_ID, 'yes'],
      [FATHER_ID, 'yes'],
    ]);
  });

  test('ignores people with no name, and companions when the patient came alone', () => {
    const draft: PeopleDraft = {
      ...emptyPeopleDraft(),
      accompaniedBy: 'alone',
      companions: [testPerson()],
      otherParentalResponsibility: [father({ fullName: '' })],
    };
    expect(peopleWithParentalResponsibility(draft)).toEqual([]);
  });

  test('a named next of kin with parental responsibility counts', () => {
    const draft: PeopleDraft = { ...emptyPeopleDraft(), accompaniedBy: 'alone', nextOfKin: nok({ answer: 'named', person: father() }) };
    expect(peopleWithParentalResponsibility(draft).map((person) => person.id)).toEqual([FATHER_ID]);
  });
});

describe('nextOfKinPerson', () => {
  const base: PeopleDraft = { ...emptyPeopleDraft(), accompaniedBy: 'accompanied', companions: [testPerson(), father()] };

  test('a named next of kin', () => {
    expect(nextOfKinPerson({ ...base, nextOfKin: nok({ answer: 'named', person: testPerson({ id: 'gran', fullName: 'Mary Smith' }) }) })?.fullName).toBe('Mary Smith');
  });

  test('the companion chosen as next of kin', () => {
    expect(nextOfKinPerson({ ...base, nextOfKin: nok({ answer: 'same-as-companion', sameAsCompanionId: FATHER_ID }) })?.fullName).toBe('Daniel Smith');
  });

  test('no one when the patient came alone, even if "same as" and an id are left over', () => {
    expect(nextOfKinPerson({ ...base, accompaniedBy: 'alone', nextOfKin: nok({ answer: 'same-as-companion', sameAsCompanionId: FATHER_ID }) })).toBeUndefined();
  });

  test.each(['declined', 'not-able', 'none-named', ''] as const)('no one for "%s"', (answer) => {
    expect(nextOfKinPerson({ ...base, nextOfKin: nok({ answer, person: father() }) })).toBeUndefined();
  });
});

describe('relationshipLabel and prBasisLabel', () => {
  test.each([
    ['12', '', 'Mother'],
    ['05', '', 'Guardian (other than parent)'],
    ['98', '', 'Not known'],
    ['99', ' Social worker ', 'Social worker'],
    ['99', '', 'Other'],
    ['', '', ''],
  ] as const)('relationship %s (%s) is "%s"', (relationship, relationshipOther, label) => {
    expect(relationshipLabel({ relationship, relationshipOther })).toBe(label);
  });

  test.each([
    ['birth-mother', '', 'Birth mother'],
    ['father-birth-certificate', '', 'Father – on the birth certificate (births registered from 1 December 2003)'],
    ['local-authority', '', 'Local authority (care order)'],
    ['other', 'Residence order', 'Residence order'],
    ['other', '', 'Other'],
    ['', '', ''],
  ] as const)('basis %s (%s) is "%s"', (parentalResponsibilityBasis, parentalResponsibilityBasisOther, label) => {
    expect(prBasisLabel({ parentalResponsibilityBasis, parentalResponsibilityBasisOther })).toBe(label);
  });
});

describe('peoplePrefills (what the people page fills in; the nurse can change it)', () => {
  const prefillsFor = (changes: Partial<PeopleDraft>, ageYears = 8) => {
    const answers = withPeople(ageYears < 18 ? completeChildAnswers({ ageYears }) : completeAdultAnswers({ ageYears }), changes);
    return peoplePrefills(answers.people, contextFor(answers));
  };
  const blankPr = { hasParentalResponsibility: '', parentalResponsibilityBasis: '' } as const;

  test.each<[string, Partial<PeopleDraft>, number, { field: string; value: string }[]]>([
    [
      'a child with their mother',
      { companions: [testPerson(blankPr)] },
      8,
      [
        { field: 'companions.0.hasParentalResponsibility', value: 'yes' },
        { field: 'companions.0.parentalResponsibilityBasis', value: 'birth-mother' },
        { field: 'nextOfKin.answer', value: 'same-as-companion' },
      ],
    ],
    ['a child with their father: parental responsibility is asked', { companions: [father()] }, 8, [{ field: 'nextOfKin.answer', value: 'same-as-companion' }]],
    ['a child with a step-parent', { companions: [testPerson({ relationship: '07' })] }, 8, [{ field: 'nextOfKin.answer', value: 'same-as-companion' }]],
    [
      'a child with mother and father: next of kin is asked',
      { companions: [testPerson(), father()] },
      8,
      [
        { field: 'companions.0.hasParentalResponsibility', value: 'yes' },
        { field: 'companions.0.parentalResponsibilityBasis', value: 'birth-mother' },
      ],
    ],
    ['a child who came alone', { accompaniedBy: 'alone', companions: [testPerson()] }, 14, []],
    ['who came not answered yet', { accompaniedBy: '', companions: [testPerson()] }, 8, []],
    ['an adult with their mother: no parental responsibility question', { accompaniedBy: 'accompanied', companions: [testPerson()] }, 30, [{ field: 'nextOfKin.answer', value: 'same-as-companion' }]],
  ])('%s', (_name, changes, age, expected) => {
    expect(prefillsFor(changes, age)).toEqual(expected);
  });

  test('the pre-filled answers make a valid section with the mother alone entered', () => {
    const answers = withPeople(completeChildAnswers(), { companions: [testPerson(blankPr)], nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: '' } });
    const draft = structuredClone(answers.people);
    for (const prefill of peoplePrefills(draft, contextFor(answers))) {
      if (prefill.field === 'nextOfKin.answer') draft.nextOfKin.answer = 'same-as-companion';
      else if (prefill.field.endsWith('hasParentalResponsibility')) draft.companions[0]!.hasParentalResponsibility = 'yes';
      else draft.companions[0]!.parentalResponsibilityBasis = 'birth-mother';
    }
    expect(validatePeople(draft, contextFor(answers))).toEqual([]);
  });
});

describe('noParentalResponsibilityReasonApplies (asked for every child; the escalation is under 16 only)', () => {
  const noPr = { companions: [testPerson({ hasParentalResponsibility: 'no', parentalResponsibilityBasis: '' })] };
  test.each<[number, Partial<PeopleDraft>, boolean]>([
    [8, noPr, true],
    [16, noPr, true],
    [17, noPr, true],
    [17, {}, false],
    [8, { ...noPr, nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: '' } }, false],
  ])('age %i (case %#): %s', (ageYears, changes, expected) => {
    const answers = withPeople(completeChildAnswers({ ageYears }), changes);
    expect(noParentalResponsibilityReasonApplies(answers.people, contextFor(answers))).toBe(expected);
  });

  test('is not asked of an adult', () => {
    const answers = withPeople(completeAdultAnswers(), noPr);
    expect(noParentalResponsibilityReasonApplies(answers.people, contextFor(answers))).toBe(false);
  });

  test('a 16-year-old with no one with parental responsibility still records why', () => {
    const answers = withPeople(completeChildAnswers({ ageYears: 16 }), noPr);
    expect(validatePeople(answers.people, contextFor(answers))).toEqual([{ field: 'noParentalResponsibilityReason', message: 'Enter why no one with parental responsibility can be named' }]);
  });
});
