import { describe, expect, test } from 'vitest';
import { completeAdultAnswers, completeChildAnswers, contextFor, testPerson, withPeople } from '../../test-support/fixtures';
import type { PeopleDraft } from '../assessment/people';
import { localContactsSchema } from '../settings/device-settings';
import type { LocalContacts } from '../settings/device-settings';
import { peoplePrompts } from './people-prompts';
import { contactPhrase } from './prompt';

const contacts: LocalContacts = localContactsSchema.parse({ safeguardingTeam: '0115 970 9000' });
const NOT_SET = 'Hospital safeguarding team (ask the nurse in charge for the number: it is not set up on this tablet)';

function promptIds(changes: Partial<PeopleDraft>, ageYears: number): string[] {
  const answers = withPeople(ageYears < 18 ? completeChildAnswers({ ageYears }) : completeAdultAnswers({ ageYears }), changes);
  return peoplePrompts(answers.people, contextFor(answers), contacts).map((prompt) => prompt.id);
}

const noParentalResponsibility: Partial<PeopleDraft> = {
  companions: [testPerson({ hasParentalResponsibility: 'no', parentalResponsibilityBasis: '' })],
  noParentalResponsibilityReason: 'Brought by a neighbour',
};

describe('peoplePrompts', () => {
  test.each([0, 8, 14, 17])('a complete child of %i raises no prompt', (ageYears) => {
    expect(promptIds({}, ageYears)).toEqual([]);
  });

  test('a complete adult raises no prompt', () => {
    expect(promptIds({}, 34)).toEqual([]);
  });

  describe('no one with parental responsibility', () => {
    test.each([0, 8, 15, 16, 17])('is raised at %i once the next of kin is answered', (ageYears) => {
      expect(promptIds(noParentalResponsibility, ageYears)).toEqual(['no-parental-responsibility']);
    });

    test('is raised when the next of kin is "No next of kin can be named"', () => {
      expect(
        promptIds({ ...noParentalResponsibility, nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: 'none-named' } }, 8),
      ).toEqual(['no-parental-responsibility']);
    });

    test('is not raised before the next of kin is answered', () => {
      expect(promptIds({ ...noParentalResponsibility, nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: '' } }, 8)).toEqual([]);
    });

    test.each(['not-known', ''] as const)('is raised when the only companion’s parental responsibility is "%s"', (hasParentalResponsibility) => {
      expect(promptIds({ companions: [testPerson({ hasParentalResponsibility })] }, 8)).toEqual(['no-parental-responsibility']);
    });

    test('is not raised when someone not here has parental responsibility', () => {
      expect(promptIds({ ...noParentalResponsibility, otherParentalResponsibility: [testPerson({ id: 'dad', fullName: 'Daniel Smith', relationship: '13' })] }, 8)).toEqual([]);
    });

    test('is not raised for an adult', () => {
      expect(promptIds(noParentalResponsibility, 18)).toEqual([]);
    });

    test('says what to do, with the safeguarding team number from settings', () => {
      const answers = withPeople(completeChildAnswers(), noParentalResponsibility);
      expect(peoplePrompts(answers.people, contextFor(answers), contacts)).toEqual([
        {
          id: 'no-parental-responsibility',
          kind: 'escalate',
          title: 'No one with parental responsibility has been named',
          body: 'Tell the nurse in charge and the Hospital safeguarding team on 0115 970 9000 now. Consent and discharge need someone with parental responsibility. Record below why no one can be named.',
          source: 'PRODUCT.md 4.2; research §8.4 (parental responsibility)',
        },
      ]);
    });
  });

  describe('a child under 16 who came alone', () => {
    const alone: Partial<PeopleDraft> = {
      accompaniedBy: 'alone',
      nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: 'named', person: testPerson() },
    };

    test.each([0, 11, 15])('is raised at %i', (ageYears) => {
      expect(promptIds(alone, ageYears)).toEqual(['under-16-alone']);
    });

    test.each([16, 17, 18, 40])('is not raised at %i', (ageYears) => {
      expect(promptIds(alone, ageYears)).toEqual([]);
    });

    test('is not raised while who came is unanswered', () => {
      expect(promptIds({ ...alone, accompaniedBy: '' }, 14)).toEqual([]);
    });

    test('names it as a CSE indicator and points to the safeguarding team', () => {
      const answers = withPeople(completeChildAnswers({ ageYears: 14 }), alone);
      const [prompt] = peoplePrompts(answers.people, contextFor(answers), contacts);
      expect(prompt).toMatchObject({ id: 'under-16-alone', kind: 'escalate', title: 'A child under 16 has come alone' });
      expect(prompt?.body).toBe(
        'Coming alone is an indicator of child sexual exploitation risk. Ask who knows they are here and who they will go home to, and discuss with the Hospital safeguarding team on 0115 970 9000.',
      );
    });
  });

  describe('an adult who answered for the young person (11–17)', () => {
    const answeredFor: Partial<PeopleDraft> = { companionAnswersForPatient: 'yes' };

    test.each([11, 14, 17])('is raised at %i', (ageYears) => {
      expect(promptIds(answeredFor, ageYears)).toEqual(['adult-answers-for-young-person']);
    });

    test.each([10, 5])('is not raised at %i', (ageYears) => {
      expect(promptIds(answeredFor, ageYears)).toEqual([]);
    });

    test('is not raised at 18', () => {
      expect(promptIds({ accompaniedBy: 'accompanied', companions: [testPerson({ relationship: '02' })], companionAnswersForPatient: 'yes' }, 18)).toEqual([]);
    });

    test('is not raised when the answer is No, or when a Yes is left over after "came alone"', () => {
      expect(promptIds({ companionAnswersForPatient: 'no' }, 14)).toEqual([]);
      expect(
        promptIds({ accompaniedBy: 'alone', companionAnswersForPatient: 'yes', nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: 'named', person: testPerson() } }, 16),
      ).toEqual([]);
    });

    test('asks the nurse to see the young person alone', () => {
      const answers = withPeople(completeChildAnswers({ ageYears: 14 }), answeredFor);
      expect(peoplePrompts(answers.people, contextFor(answers), contacts)).toEqual([
        {
          id: 'adult-answers-for-young-person',
          kind: 'escalate',
          title: 'An adult answered for the young person',
          body: 'An adult who answers for a young person is an indicator of child sexual exploitation risk. Find a way to see the young person alone for part of the assessment.',
          source: 'PRODUCT.md 4.2; research §3.2 (other risk indicators)',
        },
      ]);
    });
  });

  test('several prompts come in a fixed order', () => {
    const answers = withPeople(completeChildAnswers({ ageYears: 13 }), {
      accompaniedBy: 'alone',
      nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: 'none-named' },
      noParentalResponsibilityReason: 'Will not say',
    });
    expect(peoplePrompts(answers.people, contextFor(answers), contacts).map((prompt) => prompt.id)).toEqual(['no-parental-responsibility', 'under-16-alone']);
  });

  describe('when the local number is not set up', () => {
    test.each([
      ['no settings at all', undefined],
      ['an empty number', localContactsSchema.parse({})],
      ['a number of spaces', localContactsSchema.parse({ safeguardingTeam: '   ' })],
    ])('with %s, the prompt says to ask the nurse in charge', (_, localContacts) => {
      const answers = withPeople(completeChildAnswers({ ageYears: 14 }), { ...noParentalResponsibility, accompaniedBy: 'alone', companions: [] });
      const bodies = peoplePrompts(answers.people, contextFor(answers), localContacts).map((prompt) => prompt.body);
      expect(bodies).toEqual([
        `Tell the nurse in charge and the ${NOT_SET} now. Consent and discharge need someone with parental responsibility. Record below why no one can be named.`,
        `Coming alone is an indicator of child sexual exploitation risk. Ask who knows they are here and who they will go home to, and discuss with the ${NOT_SET}.`,
      ]);
    });
  });
});

describe('contactPhrase', () => {
  test.each([
    ['safeguardingTeam', '0115 970 9000', 'Hospital safeguarding team on 0115 970 9000'],
    ['mash', ' 0300 500 80 90 ', "Children's social care (MASH) on 0300 500 80 90"],
    ['policeNonEmergency', '101', 'Police (non-emergency) on 101'],
    ['mash', '', "Children's social care (MASH) (ask the nurse in charge for the number: it is not set up on this tablet)"],
  ] as const)('%s "%s": "%s"', (key, number, phrase) => {
    expect(contactPhrase(localContactsSchema.parse({ [key]: number }), key)).toBe(phrase);
  });
});
