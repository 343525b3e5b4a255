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
  noLongerApplicableFeatures,
  undecidedFeatures,
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
    [0, true, false],
    [9, true, false],
    [10, true, true],
    [12, true, true],
    [13, true, false],
    [17, true, false],
    [18, false, false],
    [undefined, false, false],
  ])('age %s: section %s, under-13 sexual activity question %s', (age, section, underThirteen) => {
    const ctx = contextForAge(age);
    expect(safeguardingApplies(ctx)).toBe(section);
    expect(underThirteenQuestionApplies(ctx, nothingFound({ underThirteenSexualActivity: '' }))).toBe(underThirteen);
  });

  describe('the under-13 sexual activity question under 10 is asked only when relevant (issue 8: none for an infant)', () => {
    const unanswered = nothingFound({ underThirteenSexualActivity: '' });
    test('not for a well infant or 8-year-old with an injury', () => {
      expect(underThirteenQuestionApplies(contextForAge(0, { attendanceReason: 'illness' }), unanswered)).toBe(false);
      expect(underThirteenQuestionApplies(contextForAge(8, { attendanceReason: 'injury' }), unanswered)).toBe(false);
    });
    test.each<[string, number, Parameters<typeof contextForAge>[1], Partial<SafeguardingDraft>]>([
      ['a sexual health, contraception or pregnancy attendance', 8, { attendanceReason: 'sexual-health' }, {}],
      ['an assault', 5, { attendanceReason: 'assault' }, {}],
      ['a genital, urinary or gynaecological problem', 7, { attendanceReason: 'genital-urinary-gynaecological' }, {}],
      ['a disclosure', 3, {}, { disclosure: 'yes' }],
      ['an anogenital injury ticked', 1, {}, { alertingFeatures: ['anogenital-injury'] }],
      ['an STI ticked', 9, {}, { alertingFeatures: ['sti-under-13'] }],
      ['anogenital warts ticked', 6, {}, { alertingFeatures: ['hepatitis-b-or-anogenital-warts-under-13'] }],
      ['sexualised behaviour ticked', 4, {}, { alertingFeatures: ['sexualised-behaviour-child'] }],
      ['a "Yes" already recorded (never dropped when another answer changes)', 2, {}, { underThirteenSexualActivity: 'yes' }],
    ])('asked for %s', (_name, age, ctx, changes) => {
      expect(underThirteenQuestionApplies(contextForAge(age, ctx), { ...unanswered, ...changes })).toBe(true);
    });
    test('not asked is not required, and the page has no problem without it', () => {
      expect(validateSafeguarding(unanswered, contextForAge(8, { attendanceReason: 'injury' }))).toEqual([]);
    });
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
    ['non-mobile bruising still counts after the baby is recorded as mobile (the page asks)', 1, { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile'] }, ['bruise-not-independently-mobile']],
    ['non-mobile bruising still counts at 2 years (the page asks)', 2, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, ['bruise-not-independently-mobile']],
    ['an under-13 infection still counts once the age is 13 (the page asks)', 13, { alertingFeatures: ['sti-under-13'] }, ['sti-under-13']],
    ['a disabled 6-year-old who is not independently mobile with a bruise', 6, { mobilityDisability: 'yes', independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, ['bruise-not-independently-mobile']],
    ['the retired neglect id counts at its old level; an id the catalogue does not know is kept but not counted', 8, { alertingFeatures: ['retired-item', 'neglect'] }, ['neglect']],
    ['nothing counts for an adult', 18, { alertingFeatures: ['fracture'] }, []],
    ['an interaction concern counts as the interaction feature', 8, { carerChildInteraction: ['hostility-or-rejection'] }, ['carer-child-interaction']],
    ['"No concerns" about interaction does not', 8, { carerChildInteraction: ['none'] }, []],
  ])('%s', (_name, age, changes, expected) => {
    const draft = { ...emptySafeguardingDraft(), ...changes };
    expect(effectiveAlertingFeatures(draft, contextForAge(age)).map((feature) => feature.id)).toEqual(expected);
  });
});

describe('a ticked feature never silently stops counting', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, string[]]>([
    ['nothing ticked', 8, {}, []],
    ['a feature that applies', 8, { alertingFeatures: ['fracture'] }, []],
    ['the mobility answer changed to "Yes"', 1, { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile', 'fracture'] }, ['bruise-not-independently-mobile']],
    ['the disability answer changed to "No" for a 6-year-old', 6, { mobilityDisability: 'no', independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, ['bruise-not-independently-mobile']],
    ['the age changed from 12 to 13', 13, { alertingFeatures: ['sti-under-13', 'hepatitis-b-or-anogenital-warts-under-13'] }, ['sti-under-13', 'hepatitis-b-or-anogenital-warts-under-13']],
    ['the age changed from 1 to 17', 17, { alertingFeatures: ['apparent-life-threatening-event'] }, ['apparent-life-threatening-event']],
    ['the retired neglect bundle in an older draft', 8, { alertingFeatures: ['neglect'] }, ['neglect']],
    ['an adult: the section does not apply', 18, { alertingFeatures: ['sti-under-13'] }, []],
  ])('%s', (_name, age, changes, expected) => {
    const draft = { ...emptySafeguardingDraft(), ...changes };
    expect(noLongerApplicableFeatures(draft, contextForAge(age)).map((feature) => feature.id)).toEqual(expected);
    expect(effectiveAlertingFeatures(draft, contextForAge(age)).map((feature) => feature.id)).toEqual(expect.arrayContaining(expected));
  });

  test('a kept feature still no longer applies, but is decided', () => {
    const draft = { ...emptySafeguardingDraft(), alertingFeatures: ['sti-under-13'], keptAlertingFeatures: ['sti-under-13'] };
    expect(noLongerApplicableFeatures(draft, contextForAge(13)).map((feature) => feature.id)).toEqual(['sti-under-13']);
    expect(undecidedFeatures(draft, contextForAge(13))).toEqual([]);
    expect(effectiveAlertingFeatures(draft, contextForAge(13)).map((feature) => feature.id)).toEqual(['sti-under-13']);
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

  test('an empty section for a baby asks every question that applies, in page order (no under-13 sexual activity question)', () => {
    expect(validateSafeguarding(emptySafeguardingDraft(), contextForAge(1))).toEqual([
      { field: 'independentlyMobile', message: 'Select whether the child is independently mobile' },
      { field: 'alertingFeatures', message: "Select the alerting features you have seen, or select 'None of these'" },
      { field: 'disclosure', message: 'Select whether the child, or anyone else, has said that someone has hurt, abused or neglected them' },
      { field: 'carerChildInteraction', message: "Select any concerns about how the carer and child interact, or select 'No concerns'" },
      { field: 'householdRisks', message: "Select the known risks in the household, or select 'None known' or 'Not known'" },
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
    [
      'a blank explanation is not an explanation',
      8,
      { alertingFeatures: ['neglect-hygiene-or-clothing'], alertingFeatureExplanations: { 'neglect-hygiene-or-clothing': '   ' } },
      [{ field: 'alertingFeatureExplanations.neglect-hygiene-or-clothing', message: 'Enter what explanation was given for the poor hygiene or unsuitable clothing, and by whom' }],
    ],
    [
      'the retired neglect bundle in an older draft: keep it or untick it',
      8,
      { alertingFeatures: ['neglect'], alertingFeatureExplanations: { neglect: 'Mother: no money for shoes' } },
      [{ field: 'keptAlertingFeatures.neglect', message: 'Select whether to keep or untick the signs of neglect: it no longer applies' }],
    ],
    [
      'the retired neglect bundle kept still needs its explanation',
      8,
      { alertingFeatures: ['neglect'], keptAlertingFeatures: ['neglect'] },
      [{ field: 'alertingFeatureExplanations.neglect', message: 'Enter what explanation was given for the signs of neglect, and by whom' }],
    ],
    ['"None of these" with a feature', 8, { alertingFeatures: ['none', 'fracture'], alertingFeatureExplanations: { fracture: 'x' } }, [{ field: 'alertingFeatures', message: "Select 'None of these' on its own, or select the alerting features you have seen" }]],
    [
      'a tick that no longer applies: the nurse keeps it or unticks it',
      1,
      { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile'], alertingFeatureExplanations: { 'bruise-not-independently-mobile': 'Mother: unknown' } },
      [{ field: 'keptAlertingFeatures.bruise-not-independently-mobile', message: 'Select whether to keep or untick the bruise in a child who is not independently mobile: it no longer applies' }],
    ],
    [
      'a tick that no longer applies, kept, with its explanation',
      1,
      { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile'], keptAlertingFeatures: ['bruise-not-independently-mobile'], alertingFeatureExplanations: { 'bruise-not-independently-mobile': 'Mother: unknown' } },
      [],
    ],
    [
      '"None of these" beside a tick that no longer applies is not a contradiction',
      13,
      { alertingFeatures: ['sti-under-13', 'none'], keptAlertingFeatures: ['sti-under-13'], alertingFeatureExplanations: { 'sti-under-13': 'Diagnosed at 12' } },
      [],
    ],
    [
      'a disabled 6-year-old is asked whether they are independently mobile',
      6,
      { mobilityDisability: 'yes', independentlyMobile: '' },
      [{ field: 'independentlyMobile', message: 'Select whether the child is independently mobile' }],
    ],
    ['the disability question is optional', 6, { mobilityDisability: '', independentlyMobile: '' }, []],
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

  test('a 3-month-old recorded as mobile is asked to confirm; "No" asks for the mobility answer to change', () => {
    const ctx = contextForAge(0, { dateOfBirth: '2025-12-01', ageSource: 'date-of-birth' });
    expect(validateSafeguarding(nothingFound({ independentlyMobile: 'yes' }), ctx)).toEqual([{ field: 'mobilityConfirmed', message: 'Select whether this baby is independently mobile' }]);
    expect(validateSafeguarding(nothingFound({ independentlyMobile: 'yes', mobilityConfirmed: 'no' }), ctx)).toEqual([
      { field: 'independentlyMobile', message: 'Change the answer to whether the child is independently mobile' },
    ]);
    expect(validateSafeguarding(nothingFound({ independentlyMobile: 'yes', mobilityConfirmed: 'yes' }), ctx)).toEqual([]);
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
