/**
 * Tests for section 4.5 Safeguarding prompts: which questions apply, which features count, and
 * validation of each answer.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import { emptyAccountsDraft } from './accounts';
import type { SafeguardingDraft } from './safeguarding-prompts';
import {
  effectiveAlertingFeatures,
  emptySafeguardingDraft,
  householdRiskOptions,
  safeguardingApplies,
  safeguardingDraftSchema,
  safeguardingQuestions,
  suggestedAlertingFeatures,
  tickableAlertingFeatures,
  underThirteenQuestionApplies,
  validateSafeguarding,
} from './safeguarding-prompts';

/** A complete "nothing found" answer for a child of the given age. */
const nothingFound = (changes: Partial<SafeguardingDraft> = {}): SafeguardingDraft => ({
  ...emptySafeguardingDraft(),
  independentlyMobile: 'yes',
  alertingFeatures: ['none'],
  disclosure: 'no',
  carerChildInteraction: ['none'],
  householdRisks: ['none-known'],
  underThirteenSexualActivity: 'no',
  ...changes,
});

describe('which questions apply', () => {
  test.each<[number | undefined, boolean, boolean]>([
    [0, true, true],
    [12, true, true],
    [13, true, false],
    [17, true, false],
    [18, false, false],
    [undefined, false, false],
  ])('age %s: section %s, under-13 sexual activity question %s', (age, section, underThirteen) => {
    const ctx = contextForAge(age);
    expect(safeguardingApplies(ctx)).toBe(section);
    expect(underThirteenQuestionApplies(ctx)).toBe(underThirteen);
  });

  test('the canonical wording of PRODUCT.md 4.5 and section 3', () => {
    expect(safeguardingQuestions.independentlyMobile.label).toBe('Is the child independently mobile (crawling, cruising or bottom-shuffling)?');
    expect(safeguardingQuestions.alertingFeatures.explanationLabel).toBe('What explanation was given, and by whom?');
    expect(safeguardingQuestions.disclosure.label).toBe('Has the child, or anyone else, said that someone has hurt, abused or neglected them?');
    expect(safeguardingQuestions.carerChildInteraction.label).toBe('Concerns about how the carer and child interact');
    expect(safeguardingQuestions.householdRisks.label).toBe('Known risks in the household');
    expect(householdRiskOptions.map((option) => option.label)).toEqual(['Domestic abuse', 'Parental substance misuse', 'Parental mental illness', 'None known', 'Not known']);
    expect(safeguardingQuestions.underThirteenSexualActivity.label).toBe('Is there any sexual activity or pregnancy involving this child?');
  });

  test('the tick boxes leave out the interaction feature, which has its own checklist', () => {
    const ids = tickableAlertingFeatures(nothingFound(), contextForAge(8)).map((feature) => feature.id);
    expect(ids).not.toContain('carer-child-interaction');
    expect(ids).toContain('patterned-bruise');
  });
});

describe('effectiveAlertingFeatures', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, string[]]>([
    ['nothing ticked', 8, {}, []],
    ['a ticked feature', 8, { alertingFeatures: ['fracture'] }, ['fracture']],
    ['non-mobile bruising in a baby who is not mobile', 0, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, ['bruise-not-independently-mobile']],
    ['non-mobile bruising kept after the baby is recorded as mobile is not counted', 1, { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile'] }, []],
    ['non-mobile bruising at 2 years is not counted', 2, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, []],
    ['an id the catalogue does not know is kept but not counted', 8, { alertingFeatures: ['retired-item', 'neglect'] }, ['neglect']],
    ['an interaction concern counts as the interaction feature', 8, { carerChildInteraction: ['hostility-or-rejection'] }, ['carer-child-interaction']],
    ['"No concerns" about interaction does not', 8, { carerChildInteraction: ['none'] }, []],
  ])('%s', (_name, age, changes, expected) => {
    const draft = { ...emptySafeguardingDraft(), ...changes };
    expect(effectiveAlertingFeatures(draft, contextForAge(age)).map((feature) => feature.id)).toEqual(expected);
  });
});

describe('suggestedAlertingFeatures', () => {
  test.each<[string, 'yes' | 'no' | 'not-sure' | '', 'yes' | 'no' | '', boolean, string[]]>([
    ['nothing to suggest', 'yes', 'no', false, []],
    ['explanation not consistent', 'no', '', false, ['unsuitable-explanation']],
    ['frequent attendance', '', '', true, ['frequent-attendance']],
    ['delay in seeking help', '', 'yes', false, ['delay-in-presentation']],
    ['all three', 'no', 'yes', true, ['unsuitable-explanation', 'frequent-attendance', 'delay-in-presentation']],
  ])('%s', (_name, accountConsistent, delay, frequent, expected) => {
    expect(suggestedAlertingFeatures({ ...emptyAccountsDraft(), accountConsistent, delay }, frequent)).toEqual(expected);
  });
});

describe('validateSafeguarding', () => {
  test('a complete "nothing found" answer has no problems', () => {
    expect(validateSafeguarding(nothingFound(), contextForAge(0))).toEqual([]);
    expect(validateSafeguarding(nothingFound(), contextForAge(15))).toEqual([]);
  });

  test('an empty section for a baby asks every question, in page order', () => {
    expect(validateSafeguarding(emptySafeguardingDraft(), contextForAge(1))).toEqual([
      { field: 'independentlyMobile', message: 'Select whether the child is independently mobile' },
      { field: 'alertingFeatures', message: "Select the alerting features you have seen, or select 'None of these'" },
      { field: 'disclosure', message: 'Select whether the child, or anyone else, has said that someone has hurt, abused or neglected them' },
      { field: 'carerChildInteraction', message: "Select any concerns about how the carer and child interact, or select 'No concerns'" },
      { field: 'householdRisks', message: "Select the known risks in the household, or select 'None known' or 'Not known'" },
      { field: 'underThirteenSexualActivity', message: 'Select whether there is any sexual activity or pregnancy involving this child' },
    ]);
  });

  test('a 15-year-old is not asked about mobility or under-13 sexual activity', () => {
    const fields = validateSafeguarding(emptySafeguardingDraft(), contextForAge(15)).map((issue) => issue.field);
    expect(fields).toEqual(['alertingFeatures', 'disclosure', 'carerChildInteraction', 'householdRisks']);
  });

  test('nothing is asked of an adult', () => {
    expect(validateSafeguarding(emptySafeguardingDraft(), contextForAge(18))).toEqual([]);
  });

  test.each<[string, number, Partial<SafeguardingDraft>, { field: string; message: string }[]]>([
    [
      'a ticked feature needs the explanation',
      8,
      { alertingFeatures: ['fracture'] },
      [{ field: 'alertingFeatureExplanations.fracture', message: 'Enter what explanation was given for the fracture, and by whom' }],
    ],
    ['a ticked feature with its explanation', 8, { alertingFeatures: ['fracture'], alertingFeatureExplanations: { fracture: 'Mother: fell off the sofa' } }, []],
    [
      'each ticked feature needs its own explanation',
      0,
      { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile', 'burn-or-scald'], alertingFeatureExplanations: { 'burn-or-scald': 'Father: spilt tea' } },
      [{ field: 'alertingFeatureExplanations.bruise-not-independently-mobile', message: 'Enter what explanation was given for the bruise in a child who is not independently mobile, and by whom' }],
    ],
    ['a blank explanation is not an explanation', 8, { alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: '   ' } }, [{ field: 'alertingFeatureExplanations.neglect', message: 'Enter what explanation was given for the signs of neglect, and by whom' }]],
    ['"None of these" with a feature', 8, { alertingFeatures: ['none', 'fracture'], alertingFeatureExplanations: { fracture: 'x' } }, [{ field: 'alertingFeatures', message: "Select 'None of these' on its own, or select the alerting features you have seen" }]],
    [
      'a tick that no longer applies does not count as an answer',
      1,
      { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile'] },
      [{ field: 'alertingFeatures', message: "Select the alerting features you have seen, or select 'None of these'" }],
    ],
    [
      'a disclosure needs what was said and by whom',
      8,
      { disclosure: 'yes' },
      [
        { field: 'disclosureWhatWasSaid', message: 'Enter what was said, in their words' },
        { field: 'disclosureBy', message: 'Enter who said that someone has hurt, abused or neglected the child' },
      ],
    ],
    ['a complete disclosure', 8, { disclosure: 'yes', disclosureWhatWasSaid: '"Daddy hit me with the belt"', disclosureBy: 'The child' }, []],
    [
      '"No concerns" with an interaction concern',
      8,
      { carerChildInteraction: ['none', 'hostility-or-rejection'] },
      [{ field: 'carerChildInteraction', message: "Select 'No concerns' on its own, or select the concerns about how the carer and child interact" }],
    ],
    ['interaction concerns with no details (details are optional)', 8, { carerChildInteraction: ['hostility-or-rejection', 'emotionally-unavailable'] }, []],
    ['"None known" with a risk', 8, { householdRisks: ['none-known', 'domestic-abuse'] }, [{ field: 'householdRisks', message: "Select 'None known' on its own, or select the risks that are known" }]],
    ['"Not known" with a risk', 8, { householdRisks: ['not-known', 'parental-mental-illness'] }, [{ field: 'householdRisks', message: "Select 'Not known' on its own, or select the risks that are known" }]],
    ['"None known" with "Not known"', 8, { householdRisks: ['none-known', 'not-known'] }, [{ field: 'householdRisks', message: "Select 'None known' on its own, or select the risks that are known" }]],
    ['several risks', 8, { householdRisks: ['domestic-abuse', 'parental-substance-misuse', 'parental-mental-illness'] }, []],
    [
      'under 13: sexual activity or pregnancy needs what is known',
      12,
      { underThirteenSexualActivity: 'yes' },
      [{ field: 'underThirteenSexualActivityDetails', message: 'Enter what is known about the sexual activity or pregnancy' }],
    ],
    ['under 13: with what is known', 12, { underThirteenSexualActivity: 'yes', underThirteenSexualActivityDetails: 'Positive pregnancy test' }, []],
    ['13 and over: the under-13 answer is not checked', 13, { underThirteenSexualActivity: '' }, []],
    ['2 and over: mobility is not asked', 2, { independentlyMobile: '' }, []],
  ])('%s', (_name, age, changes, expected) => {
    expect(validateSafeguarding(nothingFound(changes), contextForAge(age))).toEqual(expected);
  });
});

describe('the draft schema', () => {
  test('parses anything into a draft without failing', () => {
    expect(safeguardingDraftSchema.parse({ alertingFeatures: 'fracture', alertingFeatureExplanations: 'x', householdRisks: ['made-up'] })).toEqual(emptySafeguardingDraft());
  });

  test('keeps ticked ids, without duplicates or non-strings, and string explanations only', () => {
    const draft = safeguardingDraftSchema.parse({
      alertingFeatures: ['fracture', 'fracture', 3, '', 'retired-item'],
      alertingFeatureExplanations: { fracture: 'Fell', neglect: 4 },
      householdRisks: ['domestic-abuse', 'made-up'],
    });
    expect(draft.alertingFeatures).toEqual(['fracture', 'retired-item']);
    expect(draft.alertingFeatureExplanations).toEqual({ fracture: 'Fell' });
    expect(draft.householdRisks).toEqual(['domestic-abuse']);
  });
});
