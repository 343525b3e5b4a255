/**
 * Truth tables for the concern-level rules: the highest NICE level, every reason "No concern"
 * is refused, the levels allowed and the messages.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { SafeguardingDraft } from '../assessment/safeguarding-prompts';
import { emptySafeguardingDraft } from '../assessment/safeguarding-prompts';
import type { ConcernLevel, RefusalRule } from './concern-level';
import { allowedConcernLevels, concernLevelProblem, concernLevelRefusals, highestNiceLevel, recordedConcerns, referralMandatory } from './concern-level';

const draft = (changes: Partial<SafeguardingDraft> = {}): SafeguardingDraft => ({
  ...emptySafeguardingDraft(),
  alertingFeatures: ['none'],
  disclosure: 'no',
  carerChildInteraction: ['none'],
  householdRisks: ['none-known'],
  underThirteenSexualActivity: 'no',
  ...changes,
});

const ALL: ConcernLevel[] = ['no-concern', 'consider', 'suspect', 'excluded'];

describe('highestNiceLevel', () => {
  test.each<[string, number | undefined, Partial<SafeguardingDraft>, 'consider' | 'suspect' | undefined]>([
    ['nothing recorded', 8, {}, undefined],
    ['a consider-level feature', 8, { alertingFeatures: ['neglect'] }, 'consider'],
    ['two consider-level features', 8, { alertingFeatures: ['neglect', 'poisoning'] }, 'consider'],
    ['a suspect-level feature', 8, { alertingFeatures: ['patterned-bruise'] }, 'suspect'],
    ['consider and suspect features', 8, { alertingFeatures: ['neglect', 'fracture'] }, 'suspect'],
    ['an interaction concern (consider)', 8, { carerChildInteraction: ['inappropriate-expectations'] }, 'consider'],
    ['household risks alone carry no NICE level', 8, { householdRisks: ['domestic-abuse'] }, undefined],
    ['non-mobile bruising, not mobile', 0, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, 'suspect'],
    ['non-mobile bruising, not sure', 1, { independentlyMobile: 'not-sure', alertingFeatures: ['bruise-not-independently-mobile'] }, 'suspect'],
    ['non-mobile bruising, but the baby is mobile', 1, { independentlyMobile: 'yes', alertingFeatures: ['bruise-not-independently-mobile'] }, undefined],
    ['non-mobile bruising at 2 years', 2, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, undefined],
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

describe('concernLevelRefusals: every reason "No concern" is refused', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, RefusalRule[]]>([
    ['nothing recorded', 8, {}, []],
    ['consider-level features only', 8, { alertingFeatures: ['neglect', 'frequent-attendance'], carerChildInteraction: ['hostility-or-rejection'] }, []],
    ['a suspect-level feature', 8, { alertingFeatures: ['human-bite'] }, ['suspect-feature']],
    ['two suspect-level features', 8, { alertingFeatures: ['human-bite', 'fracture'] }, ['suspect-feature', 'suspect-feature']],
    ['non-mobile bruising', 0, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, ['suspect-feature']],
    ['disclosure', 8, { disclosure: 'yes' }, ['disclosure']],
    ['under-13 sexual activity or pregnancy', 12, { underThirteenSexualActivity: 'yes' }, ['under-13-sexual-activity']],
    ['all three', 10, { alertingFeatures: ['patterned-bruise'], disclosure: 'yes', underThirteenSexualActivity: 'yes' }, ['suspect-feature', 'disclosure', 'under-13-sexual-activity']],
    ['under-13 answer at 13 is not counted', 13, { underThirteenSexualActivity: 'yes' }, []],
  ])('%s', (_name, age, changes, expected) => {
    expect(concernLevelRefusals(draft(changes), contextForAge(age)).map((refusal) => refusal.rule)).toEqual(expected);
  });

  test('a feature refusal names the feature', () => {
    expect(concernLevelRefusals(draft({ alertingFeatures: ['human-bite'] }), contextForAge(8))).toEqual([
      { rule: 'suspect-feature', reason: 'a suspect-level alerting feature is recorded (human bite mark)', featureName: 'human bite mark', featureId: 'human-bite' },
    ]);
  });
});

describe('allowedConcernLevels', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, ConcernLevel[]]>([
    ['nothing recorded: any level', 8, {}, ALL],
    ['consider-level feature: any level (the clinician decides)', 8, { alertingFeatures: ['neglect'] }, ALL],
    ['suspect-level feature: Suspect or Excluded', 8, { alertingFeatures: ['fracture'] }, ['suspect', 'excluded']],
    ['disclosure: Suspect or Excluded', 8, { disclosure: 'yes' }, ['suspect', 'excluded']],
    ['non-mobile bruising: Suspect or Excluded', 1, { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] }, ['suspect', 'excluded']],
    ['under-13 sexual activity: Suspect only', 12, { underThirteenSexualActivity: 'yes' }, ['suspect']],
    ['under-13 sexual activity with a disclosure: Suspect only', 9, { underThirteenSexualActivity: 'yes', disclosure: 'yes' }, ['suspect']],
  ])('%s', (_name, age, changes, expected) => {
    expect(allowedConcernLevels(draft(changes), contextForAge(age))).toEqual(expected);
  });
});

describe('concernLevelProblem: the message names why', () => {
  test.each<[string, number, Partial<SafeguardingDraft>, ConcernLevel, string | undefined]>([
    ['No concern with nothing recorded', 8, {}, 'no-concern', undefined],
    ['No concern with a consider-level feature', 8, { alertingFeatures: ['neglect'] }, 'no-concern', undefined],
    [
      'No concern with a suspect-level feature',
      8,
      { alertingFeatures: ['fracture'] },
      'no-concern',
      'No concern cannot be chosen because a suspect-level alerting feature is recorded (fracture). Select Suspect, or Excluded with the suitable explanation and the senior who agreed',
    ],
    [
      'No concern with two suspect-level features',
      8,
      { alertingFeatures: ['fracture', 'human-bite'] },
      'no-concern',
      'No concern cannot be chosen because suspect-level alerting features are recorded (fracture, human bite mark). Select Suspect, or Excluded with the suitable explanation and the senior who agreed',
    ],
    [
      'No concern with non-mobile bruising',
      0,
      { independentlyMobile: 'no', alertingFeatures: ['bruise-not-independently-mobile'] },
      'no-concern',
      'No concern cannot be chosen because a suspect-level alerting feature is recorded (bruise in a child who is not independently mobile). Select Suspect, or Excluded with the suitable explanation and the senior who agreed',
    ],
    [
      'No concern with a disclosure',
      8,
      { disclosure: 'yes' },
      'no-concern',
      'No concern cannot be chosen because the child, or someone else, has said that someone has hurt, abused or neglected the child. Select Suspect, or Excluded with the suitable explanation and the senior who agreed',
    ],
    [
      'Consider with a disclosure',
      8,
      { disclosure: 'yes' },
      'consider',
      'Consider cannot be chosen because the child, or someone else, has said that someone has hurt, abused or neglected the child. Select Suspect, or Excluded with the suitable explanation and the senior who agreed',
    ],
    [
      'No concern with a feature and a disclosure',
      8,
      { alertingFeatures: ['fracture'], disclosure: 'yes' },
      'no-concern',
      'No concern cannot be chosen because a suspect-level alerting feature is recorded (fracture) and the child, or someone else, has said that someone has hurt, abused or neglected the child. Select Suspect, or Excluded with the suitable explanation and the senior who agreed',
    ],
    ['Excluded with a disclosure', 8, { disclosure: 'yes' }, 'excluded', undefined],
    ['Suspect with a disclosure', 8, { disclosure: 'yes' }, 'suspect', undefined],
    [
      'No concern with under-13 sexual activity',
      12,
      { underThirteenSexualActivity: 'yes' },
      'no-concern',
      "No concern cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. Select Suspect: referral to children's social care is mandatory for a child under 13",
    ],
    [
      'Consider with under-13 sexual activity',
      12,
      { underThirteenSexualActivity: 'yes' },
      'consider',
      "Consider cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. Select Suspect: referral to children's social care is mandatory for a child under 13",
    ],
    [
      'Excluded with under-13 sexual activity and a disclosure: names the under-13 rule',
      12,
      { underThirteenSexualActivity: 'yes', disclosure: 'yes' },
      'excluded',
      "Excluded cannot be chosen because sexual activity or pregnancy is recorded in a child under 13. Select Suspect: referral to children's social care is mandatory for a child under 13",
    ],
    ['Suspect with under-13 sexual activity', 12, { underThirteenSexualActivity: 'yes' }, 'suspect', undefined],
  ])('%s', (_name, age, changes, level, expected) => {
    expect(concernLevelProblem(level, draft(changes), contextForAge(age))).toBe(expected);
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
