/**
 * Truth tables for the concern-level rules: the highest NICE level, every reason "No concern"
 * is refused (no false reassurance), when "Excluded" is available, barred or needs a senior's
 * own assessment (unsafe exclusion), and the messages.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { SafeguardingDraft } from '../assessment/safeguarding-prompts';
import { emptySafeguardingDraft } from '../assessment/safeguarding-prompts';
import type { ConcernFacts, ConcernLevel, ConcernStage, ExclusionSeniorRole, RefusalRule } from './concern-level';
import type { AssessmentContext } from '../assessment/context';
import { emptyAnswers } from '../assessment/record';
import { emptyCseDraft } from '../screening/cse';
import { emptyFgmDraft } from '../screening/fgm';
import { screeningContext } from '../../test-support/screening-contexts';
import {
  allowedConcernLevels,
  concernFactsFromAnswers,
  concernLevelProblem,
  concernLevelRefusals,
  exclusionRolesAllowed,
  highestNiceLevel,
  recordedConcerns,
  referralMandatory,
} from './concern-level';

const draft = (changes: Partial<SafeguardingDraft> = {}): SafeguardingDraft => ({
  ...emptySafeguardingDraft(),
  alertingFeatures: ['none'],
  disclosure: 'no',
  carerChildInteraction: ['none'],
  householdRisks: ['none-known'],
  underThirteenSexualActivity: 'no',
  ...changes,
});

type Checks = NonNullable<ConcernFacts['informationChecks']>;
const checks = (changes: Partial<Checks> = {}): Checks => ({ cpis: 'checked-no-plan', socialCare: 'no', openCase: '', ...changes });

const ALL: ConcernLevel[] = ['no-concern', 'consider', 'suspect', 'excluded'];
const NON_MOBILE_BRUISE: Partial<SafeguardingDraft> = { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] };

describe('highestNiceLevel', () => {
  test.each<[string, number | undefined, Partial<SafeguardingDraft>, 'consider' | 'suspect' | undefined]>([
    ['nothing recorded', 8, {}, undefined],
    ['a consider-level feature', 8, { alertingFeatures: ['neglect'] }, 'consider'],
    ['two consider-level features', 8, { alertingFeatures: ['neglect', 'poisoning'] }, 'consider'],
    ['a suspect-level feature', 8, { alertingFeatures: ['patterned-bruise'] }, 'suspect'],
    ['consider and suspect features', 8, { alertingFeatures: ['neglect', 'fracture'] }, 'suspect'],
    ['an interaction concern (consider)', 8, { carerChildInteraction: ['inappropriate-expectations'] }, 'consider'],
    ['household risks alone carry no NICE level', 8, { householdRisks: ['domestic-abuse'] }, undefined],
    ['non-mobile bruising, not mobile', 0, NON_MOBILE_BRUISE, 'suspect'],
    ['non-mobile bruising, not sure', 1, { independentlyMobile: 'not-sure', alertingFeatures: ['bruise-not-independently-mobile'] }, 'suspect'],
    // A tick never silently stops counting (issue 8): the safeguarding page asks the nurse to keep it or untick it.
    ['non-mobile bruising, but the baby is mobile', 1, { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile'] }, 'suspect'],
    ['non-mobile bruising at 2 years', 2, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, 'suspect'],
    ['disclosure', 15, { disclosure: 'yes' }, 'suspect'],
    ['disclosure with a consider-level feature', 15, { disclosure: 'yes', alertingFeatures: ['neglect'] }, 'suspect'],
    ['under-13 sexual activity at 12', 12, { underThirteenSexualActivity: 'yes' }, 'suspect'],
    ['a stale under-13 answer at 13', 13, { underThirteenSexualActivity: 'yes' }, undefined],
    ['an adult', 18, { alertingFeatures: ['fracture'], disclosure: 'yes' }, undefined],
    ['age not known', undefined, { alertingFeatures: ['fracture'], disclosure: 'yes' }, undefined],
  ])('%s → %s', (_name, age, changes, expected) => {
    expect(highestNiceLevel(draft(changes), contextForAge(age))).toBe(expected);
  });

  test('lists what was recorded with its level', () => {
    expect(recordedConcerns(draft({ alertingFeatures: ['neglect'], disclosure: 'yes', underThirteenSexualActivity: 'yes' }), contextForAge(11))).toEqual([
      { kind: 'feature', level: 'consider', text: 'signs of neglect', featureId: 'neglect' },
      { kind: 'disclosure', level: 'suspect', text: 'the child, or someone else, has said that someone has hurt, abused or neglected the child' },
      { kind: 'under-13-sexual-activity', level: 'suspect', text: 'sexual activity or pregnancy is recorded in a child under 13' },
    ]);
  });
});

describe('false reassurance: every reason "No concern" is refused (PRODUCT.md 4.9)', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, Partial<Checks>, RefusalRule[]]>([
    ['nothing recorded', 8, {}, {}, []],
    ['a consider-level feature', 8, { alertingFeatures: ['neglect'] }, {}, ['consider-feature']],
    ['two consider-level features', 8, { alertingFeatures: ['neglect', 'frequent-attendance'] }, {}, ['consider-feature', 'consider-feature']],
    ['a suspect-level feature', 8, { alertingFeatures: ['human-bite'] }, {}, ['suspect-feature']],
    ['two suspect-level features', 8, { alertingFeatures: ['human-bite', 'fracture'] }, {}, ['suspect-feature', 'suspect-feature']],
    ['non-mobile bruising', 0, NON_MOBILE_BRUISE, {}, ['suspect-feature']],
    ['a carer–child interaction concern', 8, { carerChildInteraction: ['hostility-or-rejection'] }, {}, ['carer-child-interaction']],
    ['household risk: domestic abuse', 8, { householdRisks: ['domestic-abuse'] }, {}, ['household-risk']],
    ['household risk: parental substance misuse', 8, { householdRisks: ['parental-substance-misuse'] }, {}, ['household-risk']],
    ['household risk: parental mental illness', 8, { householdRisks: ['parental-mental-illness'] }, {}, ['household-risk']],
    ['household risks: several make one reason', 8, { householdRisks: ['domestic-abuse', 'parental-mental-illness'] }, {}, ['household-risk']],
    ['household risks: none known', 8, { householdRisks: ['none-known'] }, {}, []],
    ['household risks: not known', 8, { householdRisks: ['not-known'] }, {}, []],
    ['CP-IS: child protection plan', 8, {}, { cpis: 'checked-cp-plan' }, ['child-protection-status']],
    ['CP-IS: looked after', 8, {}, { cpis: 'checked-looked-after' }, ['child-protection-status']],
    ['CP-IS: unborn child protection plan', 8, {}, { cpis: 'checked-unborn-cp-plan' }, ['child-protection-status']],
    ['CP-IS: no plan', 8, {}, { cpis: 'checked-no-plan' }, []],
    ['CP-IS: not checked', 8, {}, { cpis: 'not-checked-system-unavailable' }, []],
    ['known to social care with an open case', 8, {}, { socialCare: 'yes', openCase: 'yes' }, ['open-social-care-case']],
    ['known to social care, case closed', 8, {}, { socialCare: 'yes', openCase: 'no' }, []],
    ['known to social care, open case not known', 8, {}, { socialCare: 'yes', openCase: 'not-known' }, []],
    ['not known to social care: a stale open-case answer is not counted', 8, {}, { socialCare: 'no', openCase: 'yes' }, []],
    ['disclosure', 8, { disclosure: 'yes' }, {}, ['disclosure']],
    ['under-13 sexual activity or pregnancy', 12, { underThirteenSexualActivity: 'yes' }, {}, ['under-13-sexual-activity']],
    [
      'everything, in page order',
      10,
      { alertingFeatures: ['patterned-bruise'], disclosure: 'yes', householdRisks: ['domestic-abuse'], underThirteenSexualActivity: 'yes' },
      { cpis: 'checked-cp-plan', socialCare: 'yes', openCase: 'yes' },
      ['child-protection-status', 'open-social-care-case', 'suspect-feature', 'disclosure', 'household-risk', 'under-13-sexual-activity'],
    ],
    ['under-13 answer at 13 is not counted', 13, { underThirteenSexualActivity: 'yes' }, {}, []],
  ])('%s', (_name, age, changes, checkChanges, expected) => {
    expect(concernLevelRefusals(draft(changes), contextForAge(age), undefined, { informationChecks: checks(checkChanges) }).map((refusal) => refusal.rule)).toEqual(expected);
  });

  test('an adult has no refusals (the outcome is a child section)', () => {
    expect(concernLevelRefusals(draft({ householdRisks: ['domestic-abuse'] }), contextForAge(30), undefined, { informationChecks: checks({ cpis: 'checked-cp-plan' }) })).toEqual([]);
  });

  test('a feature refusal names the feature', () => {
    expect(concernLevelRefusals(draft({ alertingFeatures: ['human-bite'] }), contextForAge(8))).toEqual([
      { rule: 'suspect-feature', reason: 'a suspect-level alerting feature is recorded (human bite mark)', featureName: 'human bite mark', featureId: 'human-bite' },
    ]);
  });

  test('household risks are named', () => {
    expect(concernLevelRefusals(draft({ householdRisks: ['domestic-abuse', 'parental-substance-misuse'] }), contextForAge(8))).toEqual([
      { rule: 'household-risk', reason: 'risks in the household are recorded (domestic abuse, parental substance misuse)' },
    ]);
  });
});

describe('allowedConcernLevels: No concern refused, Excluded available, barred or left to a senior', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, Partial<Checks>, ConcernStage, ConcernLevel[]]>([
    ['nothing recorded: any level', 8, {}, {}, 'triage', ALL],
    ['consider-level feature: Consider, Suspect or Excluded', 8, { alertingFeatures: ['neglect'] }, {}, 'triage', ['consider', 'suspect', 'excluded']],
    ['interaction concern: Consider, Suspect or Excluded', 8, { carerChildInteraction: ['emotionally-unavailable'] }, {}, 'triage', ['consider', 'suspect', 'excluded']],
    ['household risk: Consider, Suspect or Excluded', 8, { householdRisks: ['parental-substance-misuse'] }, {}, 'triage', ['consider', 'suspect', 'excluded']],
    ['CP plan: Consider, Suspect or Excluded', 8, {}, { cpis: 'checked-cp-plan' }, 'triage', ['consider', 'suspect', 'excluded']],
    ['looked after: Consider, Suspect or Excluded', 8, {}, { cpis: 'checked-looked-after' }, 'triage', ['consider', 'suspect', 'excluded']],
    ['open case: Consider, Suspect or Excluded', 8, {}, { socialCare: 'yes', openCase: 'yes' }, 'triage', ['consider', 'suspect', 'excluded']],
    ['suspect-level feature: Suspect or Excluded', 8, { alertingFeatures: ['fracture'] }, {}, 'triage', ['suspect', 'excluded']],
    ['suspect-level feature, by addendum: Suspect or Excluded', 8, { alertingFeatures: ['fracture'] }, {}, 'addendum', ['suspect', 'excluded']],
    ['disclosure at triage: Suspect only', 8, { disclosure: 'yes' }, {}, 'triage', ['suspect']],
    ['disclosure by addendum: Suspect or Excluded (senior assessment)', 8, { disclosure: 'yes' }, {}, 'addendum', ['suspect', 'excluded']],
    ['non-mobile bruise at triage: Suspect only', 1, NON_MOBILE_BRUISE, {}, 'triage', ['suspect']],
    ['non-mobile bruise by addendum: Suspect or Excluded (senior assessment)', 1, NON_MOBILE_BRUISE, {}, 'addendum', ['suspect', 'excluded']],
    ['non-mobile bruise with another feature at triage: Suspect only', 1, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile', 'fracture'] }, {}, 'triage', ['suspect']],
    ['under-13 sexual activity at triage: Suspect only', 12, { underThirteenSexualActivity: 'yes' }, {}, 'triage', ['suspect']],
    ['under-13 sexual activity by addendum: still Suspect only', 12, { underThirteenSexualActivity: 'yes' }, {}, 'addendum', ['suspect']],
    ['under-13 sexual activity with a disclosure: Suspect only', 9, { underThirteenSexualActivity: 'yes', disclosure: 'yes' }, {}, 'addendum', ['suspect']],
  ])('%s', (_name, age, changes, checkChanges, stage, expected) => {
    expect(allowedConcernLevels(draft(changes), contextForAge(age), undefined, { informationChecks: checks(checkChanges), stage })).toEqual(expected);
  });

  test('without a stage the rules are those of triage', () => {
    expect(allowedConcernLevels(draft({ disclosure: 'yes' }), contextForAge(8))).toEqual(['suspect']);
  });
});

describe('unsafe exclusion: who may agree an exclusion', () => {
  const everyone: ExclusionSeniorRole[] = ['consultant-paediatrician', 'consultant', 'paediatric-registrar', 'safeguarding-team'];
  const seniorAssessment: ExclusionSeniorRole[] = ['consultant-paediatrician', 'safeguarding-team'];
  test.each<[string, number, Partial<SafeguardingDraft>, Partial<Checks>, ExclusionSeniorRole[]]>([
    ['a consider-level feature: consultant, paediatric registrar or safeguarding team', 8, { alertingFeatures: ['neglect'] }, {}, everyone],
    ['a suspect-level feature other than the bruise', 8, { alertingFeatures: ['fracture'] }, {}, everyone],
    ['a household risk', 8, { householdRisks: ['domestic-abuse'] }, {}, everyone],
    ['a CP plan', 8, {}, { cpis: 'checked-cp-plan' }, everyone],
    ['a disclosure: consultant paediatrician or safeguarding team only', 8, { disclosure: 'yes' }, {}, seniorAssessment],
    ['a non-mobile bruise: consultant paediatrician or safeguarding team only', 0, NON_MOBILE_BRUISE, {}, seniorAssessment],
  ])('%s', (_name, age, changes, checkChanges, expected) => {
    expect(exclusionRolesAllowed(draft(changes), contextForAge(age), undefined, { informationChecks: checks(checkChanges), stage: 'addendum' })).toEqual(expected);
  });
});

describe('concernLevelProblem: the message names why', () => {
  const senior = 'Select Suspect. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment';
  const under13 = "Select Suspect: referral to children's social care is mandatory for a child under 13";
  test.each<[string, number, Partial<SafeguardingDraft>, Partial<Checks>, ConcernLevel, ConcernStage, string | undefined]>([
    ['No concern with nothing recorded', 8, {}, {}, 'no-concern', 'triage', undefined],
    [
      'No concern with a consider-level feature',
      8,
      { alertingFeatures: ['neglect'] },
      {},
      'no-concern',
      'triage',
      'No concern cannot be chosen because a consider-level alerting feature is recorded (signs of neglect). Select Consider, Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
    ],
    ['Consider with a consider-level feature', 8, { alertingFeatures: ['neglect'] }, {}, 'consider', 'triage', undefined],
    [
      'No concern with a household risk and a CP plan',
      8,
      { householdRisks: ['parental-mental-illness'] },
      { cpis: 'checked-cp-plan' },
      'no-concern',
      'triage',
      'No concern cannot be chosen because CP-IS shows a child protection plan and a risk in the household is recorded (parental mental illness). Select Consider, Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
    ],
    [
      'No concern with an open social-care case',
      8,
      {},
      { socialCare: 'yes', openCase: 'yes' },
      'no-concern',
      'triage',
      "No concern cannot be chosen because the child has an open case with children's social care. Select Consider, Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed",
    ],
    [
      'No concern with a suspect-level feature',
      8,
      { alertingFeatures: ['fracture'] },
      {},
      'no-concern',
      'triage',
      'No concern cannot be chosen because a suspect-level alerting feature is recorded (fracture). Select Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
    ],
    [
      'No concern with two suspect-level features and a consider-level one',
      8,
      { alertingFeatures: ['fracture', 'human-bite', 'neglect'] },
      {},
      'no-concern',
      'triage',
      'No concern cannot be chosen because suspect-level alerting features are recorded (human bite mark, fracture) and a consider-level alerting feature is recorded (signs of neglect). Select Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
    ],
    [
      'Consider with a suspect-level feature names only the suspect-level reason',
      8,
      { alertingFeatures: ['fracture', 'neglect'] },
      {},
      'consider',
      'triage',
      'Consider cannot be chosen because a suspect-level alerting feature is recorded (fracture). Select Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
    ],
    ['Excluded with a suspect-level feature', 8, { alertingFeatures: ['fracture'] }, {}, 'excluded', 'triage', undefined],
    [
      'No concern with non-mobile bruising',
      0,
      NON_MOBILE_BRUISE,
      {},
      'no-concern',
      'triage',
      `No concern cannot be chosen because a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile). ${senior}`,
    ],
    [
      'Excluded with non-mobile bruising at triage',
      0,
      NON_MOBILE_BRUISE,
      {},
      'excluded',
      'triage',
      `Excluded cannot be chosen at triage because a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile). ${senior}`,
    ],
    ['Excluded with non-mobile bruising by addendum', 0, NON_MOBILE_BRUISE, {}, 'excluded', 'addendum', undefined],
    ['No concern with a disclosure', 8, { disclosure: 'yes' }, {}, 'no-concern', 'triage', `No concern cannot be chosen because the child, or someone else, has said that someone has hurt, abused or neglected the child. ${senior}`],
    ['Consider with a disclosure', 8, { disclosure: 'yes' }, {}, 'consider', 'triage', `Consider cannot be chosen because the child, or someone else, has said that someone has hurt, abused or neglected the child. ${senior}`],
    ['Excluded with a disclosure at triage', 8, { disclosure: 'yes' }, {}, 'excluded', 'triage', `Excluded cannot be chosen at triage because the child, or someone else, has said that someone has hurt, abused or neglected the child. ${senior}`],
    ['Excluded with a disclosure by addendum', 8, { disclosure: 'yes' }, {}, 'excluded', 'addendum', undefined],
    ['Suspect with a disclosure', 8, { disclosure: 'yes' }, {}, 'suspect', 'triage', undefined],
    [
      'No concern with a disclosure by addendum',
      8,
      { disclosure: 'yes' },
      {},
      'no-concern',
      'addendum',
      'No concern cannot be chosen because the child, or someone else, has said that someone has hurt, abused or neglected the child. Select Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
    ],
    ['No concern with under-13 sexual activity', 12, { underThirteenSexualActivity: 'yes' }, {}, 'no-concern', 'triage', `No concern cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. ${under13}`],
    ['Consider with under-13 sexual activity', 12, { underThirteenSexualActivity: 'yes' }, {}, 'consider', 'triage', `Consider cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. ${under13}`],
    [
      'Excluded with under-13 sexual activity and a disclosure: names the under-13 rule',
      12,
      { underThirteenSexualActivity: 'yes', disclosure: 'yes' },
      {},
      'excluded',
      'addendum',
      `Excluded cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. ${under13}`,
    ],
    ['Suspect with under-13 sexual activity', 12, { underThirteenSexualActivity: 'yes' }, {}, 'suspect', 'triage', undefined],
  ])('%s', (_name, age, changes, checkChanges, level, stage, expected) => {
    expect(concernLevelProblem(level, draft(changes), contextForAge(age), undefined, { informationChecks: checks(checkChanges), stage })).toBe(expected);
  });
});

describe('referralMandatory', () => {
  test.each<[number, 'yes' | 'no', boolean]>([
    [12, 'yes', true],
    [12, 'no', false],
    [13, 'yes', false],
  ])('age %s, sexual activity or pregnancy %s → %s', (age, answer, expected) => {
    expect(referralMandatory(draft({ underThirteenSexualActivity: answer }), contextForAge(age))).toBe(expected);
  });
});

describe('the young-person screens feed the concern level (PRODUCT.md 4.6, 4.9)', () => {
  const cseWith = (indicator: 'online-grooming' | 'sexual-activity-12-or-under') => {
    const draft = emptyCseDraft();
    draft.significant[indicator] = 'yes';
    return draft;
  };
  const fgmKnown = () => ({ ...emptyFgmDraft(), asked: 'yes' as const });

  test.each<[string, AssessmentContext, ConcernFacts, ConcernLevel[], boolean]>([
    ['nothing on the screens', screeningContext(15, 'injury', 'female'), { cse: emptyCseDraft(), fgm: emptyFgmDraft() }, ['no-concern', 'consider', 'suspect', 'excluded'], false],
    ['a CSE significant indicator refuses No concern', screeningContext(15, 'injury', 'female'), { cse: cseWith('online-grooming') }, ['consider', 'suspect', 'excluded'], false],
    ['a CSE screen not asked counts nothing', screeningContext(15, 'injury', 'female'), { cse: { ...cseWith('online-grooming'), notAsked: true } }, ['no-concern', 'consider', 'suspect', 'excluded'], false],
    ['sexual activity at 12 or under on the CSE screen: Suspect only, referral mandatory', screeningContext(12, 'injury', 'female'), { cse: cseWith('sexual-activity-12-or-under') }, ['suspect'], true],
    ['a known case of FGM: Suspect only, referral mandatory', screeningContext(14, 'genital-urinary-gynaecological', 'female'), { fgm: fgmKnown() }, ['suspect'], true],
    ['a child under 13 attending about sexual health: Suspect only, referral mandatory', screeningContext(12, 'sexual-health', 'female'), {}, ['suspect'], true],
    ['a 13-year-old attending about sexual health: Fraser applies, nothing refused', screeningContext(13, 'sexual-health', 'female'), {}, ['no-concern', 'consider', 'suspect', 'excluded'], false],
  ])('%s', (_case, ctx, facts, allowed, mandatory) => {
    expect(allowedConcernLevels(emptySafeguardingDraft(), ctx, undefined, facts)).toEqual(allowed);
    expect(referralMandatory(emptySafeguardingDraft(), ctx, facts)).toBe(mandatory);
  });

  test('the message names the screen and says why only Suspect is allowed', () => {
    expect(concernLevelProblem('no-concern', emptySafeguardingDraft(), screeningContext(15, 'injury', 'female'), undefined, { cse: cseWith('online-grooming') })).toBe(
      'No concern cannot be chosen because a child sexual exploitation significant indicator is recorded on the CSE screen. Select Consider, Suspect or Excluded. Excluded needs the suitable explanation and the senior who agreed',
    );
    expect(concernLevelProblem('excluded', emptySafeguardingDraft(), screeningContext(14, 'genital-urinary-gynaecological', 'female'), undefined, { fgm: fgmKnown() })).toBe(
      "Excluded cannot be chosen because a known case of female genital mutilation is recorded. Select Suspect: a known case of FGM in a girl under 18 needs a referral to children's social care and a report to the police",
    );
  });

  test('concernFactsFromAnswers carries the information checks and both screens', () => {
    const answers = emptyAnswers();
    expect(concernFactsFromAnswers(answers, 'addendum')).toEqual({
      informationChecks: answers.informationChecks,
      cse: answers.cse,
      fgm: answers.fgm,
      domesticAbuse: answers.domesticAbuse,
      stage: 'addendum',
    });
  });
});
