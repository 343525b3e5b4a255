/**
 * Tests for the NICE CG89 alerting-feature data: which features each age sees, and that every
 * item carries its level, source and evidence label.
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import type { AlertingFeature, IndependentlyMobile } from './nice-alerting-features';
import {
  alertingFeatureById,
  alertingFeaturesFor,
  carerChildInteractionOptions,
  mobilityQuestionApplies,
  needsTrustConfirmation,
  niceAlertingFeatures,
  TRUST_CONFIRMATION_NOTICE,
} from './nice-alerting-features';

const ALL_AGES_IDS = niceAlertingFeatures.map((feature) => feature.id).filter((id) => id !== 'bruise-not-independently-mobile');
const WITH_NON_MOBILE = niceAlertingFeatures.map((feature) => feature.id);

describe('alertingFeaturesFor: the checklist at each age', () => {
  test.each<[string, number | undefined, IndependentlyMobile | '', boolean, string[]]>([
    ['0 years, mobility not answered', 0, '', true, ALL_AGES_IDS],
    ['0 years, not independently mobile', 0, 'no', true, WITH_NON_MOBILE],
    ['0 years, not sure', 0, 'not-sure', true, WITH_NON_MOBILE],
    ['1 year, independently mobile', 1, 'yes', true, ALL_AGES_IDS],
    ['1 year, not independently mobile', 1, 'no', true, WITH_NON_MOBILE],
    ['2 years: mobility not asked, a stale "No" is ignored', 2, 'no', false, ALL_AGES_IDS],
    ['12 years', 12, '', false, ALL_AGES_IDS],
    ['17 years', 17, '', false, ALL_AGES_IDS],
    ['18 years: adult, none', 18, '', false, []],
    ['age not known: none until an age is given', undefined, '', false, []],
  ])('%s', (_name, age, mobility, mobilityAsked, expectedIds) => {
    const ctx = contextForAge(age);
    expect(mobilityQuestionApplies(ctx)).toBe(mobilityAsked);
    expect(alertingFeaturesFor(ctx, mobility).map((feature) => feature.id)).toEqual(expectedIds);
  });

  test('without a mobility answer the function takes only the context', () => {
    expect(alertingFeaturesFor(contextForAge(1)).map((feature) => feature.id)).not.toContain('bruise-not-independently-mobile');
  });

  test('a trust catalogue replaces the default one', () => {
    const trustItem: AlertingFeature = {
      id: 'trust-item',
      label: 'Trust item',
      name: 'trust item',
      level: 'consider',
      why: 'Local reason.',
      appliesTo: { underAgeYears: 5, description: 'Under 5' },
      recordedAs: 'tick',
      injury: false,
      source: { citation: 'Local procedure', evidence: 'S', research: 'local' },
    };
    expect(alertingFeaturesFor(contextForAge(4), '', [trustItem]).map((feature) => feature.id)).toEqual(['trust-item']);
    expect(alertingFeaturesFor(contextForAge(5), '', [trustItem])).toEqual([]);
  });
});

describe('the checklist data', () => {
  test('ids are unique kebab-case slugs', () => {
    const ids = niceAlertingFeatures.map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test('covers research §1.4 rows 1, 2 and 5–16 (3 and 4 are their own questions)', () => {
    const rows = new Set(niceAlertingFeatures.flatMap((feature) => [...feature.source.research.matchAll(/row (\d+)/g)].map((match) => Number(match[1]))));
    expect([...rows].sort((a, b) => a - b)).toEqual([1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  test.each(niceAlertingFeatures.map((feature) => [feature.id, feature] as const))('%s has a label, a short name, one sentence of why and a citation', (_id, feature) => {
    expect(feature.label.length).toBeGreaterThan(10);
    expect(feature.name).toMatch(/^[a-z]/);
    expect(feature.name).not.toMatch(/^(a|an|the) /);
    expect(feature.why).toMatch(/^[A-Z].*\.$/);
    expect(feature.source.citation).not.toBe('');
    expect(feature.appliesTo.description).not.toBe('');
  });

  test.each<[string, 'consider' | 'suspect', string, 'V' | 'S' | 'U']>([
    ['bruise-not-independently-mobile', 'suspect', 'NICE CG89 1.1.2', 'V'],
    ['patterned-bruise', 'suspect', 'NICE CG89 1.1.1', 'V'],
    ['unexplained-bruising', 'suspect', 'NICE CG89 1.1.2', 'V'],
    ['unsuitable-explanation', 'consider', 'NICE CG89 (definition of an unsuitable explanation)', 'V'],
    ['frequent-attendance', 'consider', 'NICE CG89 (attendance at medical services; 2019 surveillance)', 'U'],
    ['apparent-life-threatening-event', 'consider', 'NICE CG89 (apparent life-threatening events)', 'U'],
    ['carer-child-interaction', 'consider', 'NICE CG89 chapter 8 (parent–child interactions)', 'U'],
    ['burn-or-scald', 'suspect', 'NICE CG89 (burns and scalds)', 'U'],
    ['fracture', 'suspect', 'NICE CG89 (fractures)', 'U'],
    ['intracranial-injury', 'suspect', 'NICE CG89 (intracranial injuries)', 'U'],
    ['human-bite', 'suspect', 'NICE CG89 (bite marks)', 'U'],
    ['neglect', 'consider', 'NICE CG89 (neglect)', 'U'],
    ['poisoning', 'consider', 'NICE CG89 (poisoning)', 'U'],
    ['fabricated-illness', 'consider', 'NICE CG89 (fabricated or induced illness)', 'U'],
    ['delay-in-presentation', 'consider', 'Local ED checklist item (Sidebotham et al., Archives of Disease in Childhood)', 'S'],
  ])('%s: level %s, %s [%s]', (id, level, citation, evidence) => {
    const feature = alertingFeatureById(id);
    expect(feature?.level).toBe(level);
    expect(feature?.source.citation).toBe(citation);
    expect(feature?.source.evidence).toBe(evidence);
  });

  test('the catalogue has exactly the features listed above', () => {
    expect(niceAlertingFeatures).toHaveLength(15);
  });

  test('items not verified against NICE are marked for trust confirmation; verified ones are not', () => {
    const unconfirmed = niceAlertingFeatures.filter(needsTrustConfirmation).map((feature) => feature.id);
    expect(unconfirmed).toEqual([
      'frequent-attendance',
      'apparent-life-threatening-event',
      'carer-child-interaction',
      'burn-or-scald',
      'fracture',
      'intracranial-injury',
      'human-bite',
      'neglect',
      'poisoning',
      'fabricated-illness',
      'delay-in-presentation',
    ]);
    expect(TRUST_CONFIRMATION_NOTICE).toBe('Wording to be confirmed by the trust safeguarding team');
  });

  test('only the non-mobile bruising item is filtered by age and mobility', () => {
    const filtered = niceAlertingFeatures.filter((feature) => feature.appliesTo.underAgeYears !== undefined || feature.appliesTo.notIndependentlyMobileOnly === true);
    expect(filtered.map((feature) => [feature.id, feature.appliesTo.underAgeYears, feature.appliesTo.notIndependentlyMobileOnly])).toEqual([['bruise-not-independently-mobile', 2, true]]);
  });

  test('the carer–child interaction feature is recorded through its own checklist, which has an exclusive "none" answer', () => {
    expect(alertingFeatureById('carer-child-interaction')?.recordedAs).toBe('interaction-checklist');
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
