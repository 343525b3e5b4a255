import { describe, expect, test } from 'vitest';
import { completeAdultAnswers, completeChildAnswers, contextFor, testPerson, withPeople } from '../../test-support/fixtures';
import type { PeopleDraft } from '../assessment/people';
import { localContactsSchema } from '../settings/device-settings';
import type { LocalContacts } from '../settings/device-settings';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { CseSuggestionSource } from './people-prompts';
import { cseSuggestionSourceLabels, cseSuggestionSources, noParentalResponsibilityEscalation, peoplePrompts } from './people-prompts';
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

const SOURCE = 'PRODUCT.md 4.2; research §8.4 (parental responsibility) and §5.1 (16–17-year-olds consent for themselves)';
const namedNextOfKin = (): PeopleDraft['nextOfKin'] => ({ ...completeChildAnswers().people.nextOfKin, answer: 'named', person: testPerson() });

describe('peoplePrompts', () => {
  test.each([0, 8, 14, 15, 16, 17])('a complete child of %i raises no prompt', (ageYears) => {
    expect(promptIds({}, ageYears)).toEqual([]);
  });

  test('a complete adult raises no prompt', () => {
    expect(promptIds({}, 34)).toEqual([]);
  });

  describe('no one with parental responsibility (under 16 only)', () => {
    test.each([0, 1, 8, 12, 15])('is raised at %i once the next of kin is answered', (ageYears) => {
      expect(promptIds(noParentalResponsibility, ageYears)).toEqual(['no-parental-responsibility']);
    });

    // Research §5.1: 16–17-year-olds are presumed able to consent to their own treatment.
    test.each([16, 17, 18, 40])('is not raised at %i', (ageYears) => {
      expect(promptIds(noParentalResponsibility, ageYears)).toEqual([]);
    });

    test('is not raised while the age is not known', () => {
      const answers = withPeople(completeChildAnswers(), noParentalResponsibility);
      expect(peoplePrompts(answers.people, contextForAge(undefined), contacts)).toEqual([]);
    });

    test('is raised when the next of kin is "No next of kin can be named"', () => {
      expect(promptIds({ ...noParentalResponsibility, nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: 'none-named' } }, 8)).toEqual(['no-parental-responsibility']);
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

    test('says what to do, with the safeguarding team number from settings', () => {
      const answers = withPeople(completeChildAnswers(), noParentalResponsibility);
      expect(peoplePrompts(answers.people, contextFor(answers), contacts)).toEqual([
        {
          id: 'no-parental-responsibility',
          kind: 'escalate',
          title: 'No one with parental responsibility has been named',
          body: 'Tell the nurse in charge and the Hospital safeguarding team on 0115 970 9000 now. Consent and discharge need someone with parental responsibility. Record below why no one can be named.',
          source: SOURCE,
        },
      ]);
    });

    test.each<[number | undefined, string, boolean]>([
      [15, 'named', true],
      [15, '', false],
      [16, 'named', false],
      [undefined, 'named', false],
    ])('escalation rule: age %s, next of kin "%s": %s', (age, answer, expected) => {
      const draft = withPeople(completeChildAnswers(), {
        ...noParentalResponsibility,
        nextOfKin: { ...completeChildAnswers().people.nextOfKin, answer: answer === 'named' ? 'none-named' : '' },
      }).people;
      expect(noParentalResponsibilityEscalation(draft, contextForAge(age))).toBe(expected);
    });
  });

  // Alert fatigue: PRODUCT.md 4.2 makes these suggestions for the CSE screen, not alerts.
  describe('coming alone and an adult answering are never alerts', () => {
    test.each([0, 11, 14, 15])('a child of %i who came alone raises no prompt', (ageYears) => {
      expect(promptIds({ accompaniedBy: 'alone', nextOfKin: namedNextOfKin() }, ageYears)).toEqual([]);
    });

    test.each([11, 14, 17])('an adult who answered for a young person of %i raises no prompt', (ageYears) => {
      expect(promptIds({ companionAnswersForPatient: 'yes' }, ageYears)).toEqual([]);
    });
  });

  describe('when the local number is not set up', () => {
    test.each([
      ['no settings at all', undefined],
      ['an empty number', localContactsSchema.parse({})],
      ['a number of spaces', localContactsSchema.parse({ safeguardingTeam: '   ' })],
    ])('with %s, the prompt says to ask the nurse in charge', (_, localContacts) => {
      const answers = withPeople(completeChildAnswers({ ageYears: 14 }), { ...noParentalResponsibility, accompaniedBy: 'alone', companions: [] });
      const bodies = peoplePrompts(answers.people, contextFor(answers), localContacts).map((prompt) => prompt.body);
      expect(bodies).toEqual([`Tell the nurse in charge and the ${NOT_SET} now. Consent and discharge need someone with parental responsibility. Record below why no one can be named.`]);
    });
  });
});

describe('cseSuggestionSources (for the CSE screen, PRODUCT.md 4.6)', () => {
  const sources = (changes: Partial<PeopleDraft>, ageYears: number | undefined) => {
    const answers = withPeople(completeChildAnswers({ ageYears: ageYears ?? 8 }), changes);
    return cseSuggestionSources(answers.people, ageYears === undefined ? contextForAge(undefined) : contextFor(answers));
  };
  const alone: Partial<PeopleDraft> = { accompaniedBy: 'alone', nextOfKin: namedNextOfKin() };

  test.each<[string, Partial<PeopleDraft>, number | undefined, CseSuggestionSource[]]>([
    ['came alone at 0', alone, 0, ['came-alone-under-16']],
    ['came alone at 11', alone, 11, ['came-alone-under-16']],
    ['came alone at 15', alone, 15, ['came-alone-under-16']],
    ['came alone at 16', alone, 16, []],
    ['came alone at 17', alone, 17, []],
    ['came alone, age not known', alone, undefined, []],
    ['who came not answered at 14', { accompaniedBy: '' }, 14, []],
    ['accompanied at 14, adult did not answer for them', { companionAnswersForPatient: 'no' }, 14, []],
    ['accompanied at 11, adult answered for them', { companionAnswersForPatient: 'yes' }, 11, ['adult-answered-for-young-person']],
    ['accompanied at 17, adult answered for them', { companionAnswersForPatient: 'yes' }, 17, ['adult-answered-for-young-person']],
    ['accompanied at 10, adult answered for them', { companionAnswersForPatient: 'yes' }, 10, []],
    ['a Yes left over after "came alone" at 14', { ...alone, companionAnswersForPatient: 'yes' }, 14, ['came-alone-under-16']],
    ['a Yes left over after "came alone" at 16', { ...alone, companionAnswersForPatient: 'yes' }, 16, []],
    ['a complete accompanied child of 8', {}, 8, []],
  ])('%s: %j', (_name, changes, age, expected) => {
    expect(sources(changes, age)).toEqual(expected);
  });

  test('an adult of 18 who came alone, or with someone who answered, gives no suggestion', () => {
    const adult = withPeople(completeAdultAnswers({ ageYears: 18 }), { accompaniedBy: 'alone', companionAnswersForPatient: 'yes' });
    expect(cseSuggestionSources(adult.people, contextFor(adult))).toEqual([]);
  });

  test('each suggestion has plain words for the screen', () => {
    expect(cseSuggestionSourceLabels).toEqual({
      'came-alone-under-16': 'Came alone, under 16',
      'adult-answered-for-young-person': 'An adult answered for the young person',
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
