/**
 * Tests for the NICE CG89 alerting-feature catalogue: every item's age range at the
 * boundaries, the "not independently mobile" rule at any age, the young-baby plausibility
 * question, the retired neglect id, and that every item carries its level, group, source and
 * evidence label.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { AlertingFeature, IndependentlyMobile, MobilityConfirmation, MobilityDisability } from './nice-alerting-features';
import {
  alertingFeatureById,
  alertingFeatureGroups,
  alertingFeaturesFor,
  carerChildInteractionOptions,
  effectiveMobility,
  featureApplies,
  mobilityConfirmationApplies,
  mobilityDisabilityQuestionApplies,
  mobilityQuestionApplies,
  needsTrustConfirmation,
  niceAlertingFeatures,
  offeredForNewTicks,
  TRUST_CONFIRMATION_NOTICE,
} from './nice-alerting-features';

/**
 * The catalogue as reviewed for issue 8: level, first age and first age no longer included
 * (18: to the end of childhood), evidence label. Written out so a change to any item's level,
 * age range or evidence fails here and is seen in review.
 */
const CATALOGUE: [id: string, level: 'consider' | 'suspect', fromAge: number, untilAge: number, evidence: 'V' | 'S' | 'U'][] = [
  ['bruise-not-independently-mobile', 'suspect', 0, 18, 'V'],
  ['patterned-bruise', 'suspect', 0, 18, 'V'],
  ['unexplained-bruising', 'suspect', 0, 18, 'V'],
  ['lacerations-abrasions-scars', 'suspect', 0, 18, 'S'],
  ['human-bite', 'suspect', 0, 18, 'S'],
  ['animal-bite-poor-supervision', 'consider', 0, 18, 'S'],
  ['unsuitable-explanation', 'consider', 0, 18, 'V'],
  ['delay-in-presentation', 'consider', 0, 18, 'S'],
  ['frequent-attendance', 'consider', 0, 18, 'U'],
  ['poisoning', 'consider', 0, 13, 'U'],
  ['fabricated-illness', 'consider', 0, 18, 'S'],
  ['fabricated-illness-with-alerting-signs', 'suspect', 0, 18, 'S'],
  ['apparent-life-threatening-event', 'consider', 0, 2, 'U'],
  ['burn-or-scald', 'suspect', 0, 18, 'S'],
  ['cold-injury', 'consider', 0, 18, 'S'],
  ['hypothermia', 'consider', 0, 18, 'U'],
  ['fracture', 'suspect', 0, 18, 'S'],
  ['intracranial-injury', 'suspect', 0, 18, 'S'],
  ['eye-injury', 'suspect', 0, 18, 'S'],
  ['spinal-injury', 'suspect', 0, 18, 'S'],
  ['visceral-injury', 'suspect', 0, 18, 'S'],
  ['oral-injury', 'consider', 0, 18, 'S'],
  ['neglect-failure-to-seek-medical-help', 'suspect', 0, 18, 'U'],
  ['neglect-inadequate-supervision', 'consider', 0, 18, 'U'],
  ['neglect-missed-treatment-or-follow-up', 'consider', 0, 18, 'U'],
  ['neglect-hygiene-or-clothing', 'consider', 0, 18, 'U'],
  ['neglect', 'consider', 0, 18, 'U'],
  ['self-harm', 'consider', 5, 18, 'U'],
  ['running-away', 'consider', 5, 18, 'U'],
  ['sexualised-behaviour-child', 'suspect', 0, 13, 'S'],
  ['sexual-behaviour-young-person', 'suspect', 0, 18, 'S'],
  ['anogenital-injury', 'suspect', 0, 18, 'S'],
  ['anogenital-symptom-with-behaviour-change', 'suspect', 0, 18, 'S'],
  ['anogenital-symptom', 'consider', 0, 18, 'S'],
  ['sti-under-13', 'suspect', 0, 13, 'S'],
  ['hepatitis-b-or-anogenital-warts-under-13', 'consider', 0, 13, 'S'],
  ['sti-13-to-15', 'consider', 13, 16, 'S'],
  ['sti-16-to-17', 'consider', 16, 18, 'U'],
  ['pregnancy-13-to-15', 'consider', 13, 16, 'U'],
  ['carer-child-interaction', 'consider', 0, 18, 'U'],
];

const BOUNDARY_AGES = [0, 1, 2, 5, 13, 16, 17];

describe('the catalogue as reviewed', () => {
  test('has exactly the items in the review table, in order', () => {
    expect(niceAlertingFeatures.map((feature) => feature.id)).toEqual(CATALOGUE.map(([id]) => id));
  });

  test.each(CATALOGUE)('%s: %s, ages %i up to %i, evidence %s', (id, level, _from, _until, evidence) => {
    const feature = alertingFeatureById(id);
    expect(feature?.level).toBe(level);
    expect(feature?.source.evidence).toBe(evidence);
  });

  test.each(CATALOGUE.flatMap(([id, , fromAge, untilAge]) => BOUNDARY_AGES.map((age) => [id, age, age >= fromAge && age < untilAge] as const)))(
    '%s at %i years applies: %s',
    (id, age, expected) => {
      const feature = alertingFeatureById(id);
      if (!feature) throw new Error(`No feature ${id}`);
      // "No" to the mobility question, so only the age range decides.
      expect(featureApplies(feature, contextForAge(age), 'no')).toBe(expected);
    },
  );

  test('no item applies to an adult or before an age is known', () => {
    for (const feature of niceAlertingFeatures) {
      expect(featureApplies(feature, contextForAge(18), 'no')).toBe(false);
      expect(featureApplies(feature, contextForAge(undefined), 'no')).toBe(false);
    }
  });

  test('no apparent life-threatening event for a 17-year-old; the 13 to 15 infection item is not offered at 12 or 16', () => {
    expect(alertingFeaturesFor(contextForAge(17)).map((feature) => feature.id)).not.toContain('apparent-life-threatening-event');
    expect(alertingFeaturesFor(contextForAge(12)).map((feature) => feature.id)).toContain('sti-under-13');
    expect(alertingFeaturesFor(contextForAge(12)).map((feature) => feature.id)).not.toContain('sti-13-to-15');
    expect(alertingFeaturesFor(contextForAge(16)).map((feature) => feature.id)).not.toContain('sti-13-to-15');
  });
});

describe('each item carries what the review needs', () => {
  test('ids are unique kebab-case slugs', () => {
    const ids = niceAlertingFeatures.map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test.each(niceAlertingFeatures.map((feature) => [feature.id, feature] as const))('%s has a label, a short name, one sentence of why, a group, an age description and a citation', (_id, feature) => {
    expect(feature.label.length).toBeGreaterThan(8);
    expect(feature.name).toMatch(/^[a-z]/);
    expect(feature.name).not.toMatch(/^(a|an|the) /);
    expect(feature.why).toMatch(/^[A-Z].*\.$/);
    expect(alertingFeatureGroups.map((group) => group.id)).toContain(feature.group);
    expect(feature.source.citation).not.toBe('');
    expect(feature.appliesTo.description).not.toBe('');
  });

  test('an item is marked V only with the CG89 sentence quoted in its source', () => {
    for (const feature of niceAlertingFeatures.filter((item) => item.source.evidence === 'V')) expect(feature.source.quote ?? '').not.toBe('');
  });

  test('an item marked S names the secondary reproduction it was read in', () => {
    for (const feature of niceAlertingFeatures.filter((item) => item.source.evidence === 'S')) expect(feature.source.note ?? '').not.toBe('');
  });

  test('items not verified against NICE need trust confirmation; verified ones do not', () => {
    expect(niceAlertingFeatures.filter((feature) => !needsTrustConfirmation(feature)).map((feature) => feature.id)).toEqual([
      'bruise-not-independently-mobile',
      'patterned-bruise',
      'unexplained-bruising',
      'unsuitable-explanation',
    ]);
    expect(TRUST_CONFIRMATION_NOTICE).toBe('Wording to be confirmed by the trust safeguarding team');
  });

  test('groups run by body system, most common first, with bruising first', () => {
    expect(alertingFeatureGroups.map((group) => group.id)).toEqual(['skin', 'presentation', 'burns-cold', 'bones-head-internal', 'neglect', 'behaviour', 'sexual', 'interaction']);
    expect(niceAlertingFeatures[0]?.group).toBe('skin');
  });

  test('the carer–child interaction feature is recorded through its own checklist, which has an exclusive "none" answer', () => {
    expect(niceAlertingFeatures.filter((feature) => feature.recordedAs !== 'tick').map((feature) => feature.id)).toEqual(['carer-child-interaction']);
    expect(carerChildInteractionOptions.map((option) => option.value)).toEqual([
      'hostility-or-rejection',
      'inappropriate-expectations',
      'exposed-to-domestic-abuse',
      'emotionally-unavailable',
      'none',
    ]);
  });
});

describe('the retired neglect bundle', () => {
  test('"neglect" stays readable at its old level but is never offered for a new tick', () => {
    const neglect = alertingFeatureById('neglect');
    expect(neglect?.level).toBe('consider');
    expect(neglect && offeredForNewTicks(neglect)).toBe(false);
    expect(neglect?.retired?.replacedBy).toEqual(['neglect-failure-to-seek-medical-help', 'neglect-inadequate-supervision', 'neglect-missed-treatment-or-follow-up', 'neglect-hygiene-or-clothing']);
    for (const id of neglect?.retired?.replacedBy ?? []) expect(alertingFeatureById(id)?.group).toBe('neglect');
  });

  test('failure to seek medical help that harms the child carries its own level, apart from the other neglect items', () => {
    expect(alertingFeatureById('neglect-failure-to-seek-medical-help')?.level).toBe('suspect');
    expect(alertingFeatureById('neglect-hygiene-or-clothing')?.level).toBe('consider');
  });

  test('only the neglect bundle is retired', () => {
    expect(niceAlertingFeatures.filter((feature) => !offeredForNewTicks(feature)).map((feature) => feature.id)).toEqual(['neglect']);
  });
});

describe('"not independently mobile" at any age', () => {
  const answers = (mobilityDisability: MobilityDisability, independentlyMobile: IndependentlyMobile | '', mobilityConfirmed: MobilityConfirmation = '') => ({
    mobilityDisability,
    independentlyMobile,
    mobilityConfirmed,
  });

  test.each<[string, number | undefined, MobilityDisability, boolean]>([
    ['0 years', 0, '', true],
    ['1 year', 1, '', true],
    ['2 years, no disability answer', 2, '', false],
    ['6 years, disability affects how they move', 6, 'yes', true],
    ['6 years, no such disability', 6, 'no', false],
    ['17 years, disability affects how they move', 17, 'yes', true],
    ['18 years: adult', 18, 'yes', false],
    ['age not known', undefined, 'yes', false],
  ])('%s: mobility question asked %s', (_name, age, disability, asked) => {
    expect(mobilityQuestionApplies(contextForAge(age), disability)).toBe(asked);
  });

  test('the disability question is asked of every child and no adult', () => {
    expect(mobilityDisabilityQuestionApplies(contextForAge(0))).toBe(true);
    expect(mobilityDisabilityQuestionApplies(contextForAge(17))).toBe(true);
    expect(mobilityDisabilityQuestionApplies(contextForAge(18))).toBe(false);
  });

  test('a disabled 6-year-old who is not independently mobile: a bruise becomes the suspect-level non-mobile item', () => {
    const ctx = contextForAge(6);
    const mobility = effectiveMobility(ctx, answers('yes', 'no'));
    expect(mobility).toBe('no');
    const bruise = alertingFeaturesFor(ctx, mobility).find((feature) => feature.id === 'bruise-not-independently-mobile');
    expect(bruise?.level).toBe('suspect');
    // Without the disability answer the same "No" is not asked, so it does not count.
    expect(effectiveMobility(ctx, answers('', 'no'))).toBe('');
    expect(alertingFeaturesFor(ctx, effectiveMobility(ctx, answers('', 'no'))).map((feature) => feature.id)).not.toContain('bruise-not-independently-mobile');
  });

  test('a stale "No" from when the question was asked is ignored once it is not asked', () => {
    expect(effectiveMobility(contextForAge(2), answers('', 'no'))).toBe('');
  });
});

describe('a young baby recorded as mobile is asked again', () => {
  const dated = (dateOfBirth: string) => contextForAge(0, { dateOfBirth, ageSource: 'date-of-birth' });
  /** Arrival is 10 March 2026. */
  const THREE_MONTHS = '2025-12-01';
  const FIVE_MONTHS = '2025-10-01';
  const SIX_MONTHS = '2025-09-10';

  test.each<[string, string, boolean]>([
    ['3 months', THREE_MONTHS, true],
    ['5 months', FIVE_MONTHS, true],
    ['6 months', SIX_MONTHS, false],
  ])('%s recorded as mobile: plausibility question asked %s', (_name, dateOfBirth, asked) => {
    expect(mobilityConfirmationApplies(dated(dateOfBirth), '', 'yes')).toBe(asked);
  });

  test('only a "Yes" is questioned, and only with a date of birth', () => {
    expect(mobilityConfirmationApplies(dated(THREE_MONTHS), '', 'no')).toBe(false);
    expect(mobilityConfirmationApplies(dated(THREE_MONTHS), '', '')).toBe(false);
    expect(mobilityConfirmationApplies(contextForAge(0), '', 'yes')).toBe(false);
  });

  test('an estimated age is not questioned even when a date of birth is on the record', () => {
    expect(mobilityConfirmationApplies(contextForAge(0, { dateOfBirth: THREE_MONTHS, ageSource: 'estimate' }), '', 'yes')).toBe(false);
  });

  test('the age counts at arrival, not when the form is filled in: a baby who turned 6 months since arriving is still asked', () => {
    // Arrived 9 March 2026 at 23:00 (GMT), five months old; six months old on 10 March.
    const ctx = contextForAge(0, { dateOfBirth: SIX_MONTHS, ageSource: 'date-of-birth', arrivedAt: '2026-03-09T23:00:00.000Z' });
    expect(mobilityConfirmationApplies(ctx, '', 'yes')).toBe(true);
    expect(mobilityConfirmationApplies({ ...ctx, arrivedAt: undefined }, '', 'yes')).toBe(false);
  });

  test('a 3-month-old recorded as mobile counts as "not sure" until the nurse confirms, so the non-mobile bruise item stays', () => {
    const ctx = dated(THREE_MONTHS);
    const unconfirmed = effectiveMobility(ctx, { mobilityDisability: '', independentlyMobile: 'yes', mobilityConfirmed: '' });
    expect(unconfirmed).toBe('not-sure');
    expect(alertingFeaturesFor(ctx, unconfirmed).map((feature) => feature.id)).toContain('bruise-not-independently-mobile');
    const confirmed = effectiveMobility(ctx, { mobilityDisability: '', independentlyMobile: 'yes', mobilityConfirmed: 'yes' });
    expect(confirmed).toBe('yes');
    expect(alertingFeaturesFor(ctx, confirmed).map((feature) => feature.id)).not.toContain('bruise-not-independently-mobile');
  });
});

describe('a trust catalogue', () => {
  test('replaces the default one', () => {
    const trustItem: AlertingFeature = {
      id: 'trust-item',
      label: 'Trust item',
      name: 'trust item',
      level: 'consider',
      why: 'Local reason.',
      group: 'presentation',
      appliesTo: { underAgeYears: 5, description: 'Under 5' },
      recordedAs: 'tick',
      injury: false,
      source: { citation: 'Local procedure', evidence: 'S', research: 'local' },
    };
    expect(alertingFeaturesFor(contextForAge(4), '', [trustItem]).map((feature) => feature.id)).toEqual(['trust-item']);
    expect(alertingFeaturesFor(contextForAge(5), '', [trustItem])).toEqual([]);
  });
});
