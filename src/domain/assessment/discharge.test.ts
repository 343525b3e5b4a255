/**
 * The Discharge section's rules: what is required, the destination detail, the child-only
 * answers, and that its problems never stop signing (they stop the GP letter instead).
 */
import { describe, expect, test } from 'vitest';
import { contextForAge } from '../../test-support/domain-fixtures';
import { issuesBeforeSigning, relevantSections, sectionById } from '../rules/sections';
import { describeDestination, dischargeDraftSchema, emptyDischargeDraft, validateDischarge } from './discharge';
import type { DischargeDraft } from './discharge';
import { answersSchema, emptyAnswers } from './record';

const complete = (overrides: Partial<DischargeDraft> = {}): DischargeDraft => ({
  ...emptyDischargeDraft(),
  clinicalImpression: 'Sprain',
  treatmentGiven: 'None',
  destination: 'home',
  followUp: 'None',
  adviceToPatient: 'Rest',
  adviceToCarer: 'Painkillers',
  ...overrides,
});

const fields = (draft: DischargeDraft, age: number) => validateDischarge(draft, contextForAge(age)).map((issue) => issue.field);

describe('validation', () => {
  test('an empty section lists every required answer, in page order', () => {
    expect(fields(emptyDischargeDraft(), 8)).toEqual(['clinicalImpression', 'treatmentGiven', 'destination', 'followUp', 'adviceToPatient', 'adviceToCarer']);
    // Advice to a carer is optional for an adult.
    expect(fields(emptyDischargeDraft(), 40)).toEqual(['clinicalImpression', 'treatmentGiven', 'destination', 'followUp', 'adviceToPatient']);
  });

  test.each<[DischargeDraft['destination'], string, string[]]>([
    ['admitted', '', ['destinationDetail']],
    ['admitted', 'Ward 3', []],
    ['transferred', '', ['destinationDetail']],
    ['other', '', ['destinationDetail']],
    ['police-custody', '', []],
    ['left-before-treatment-complete', '', []],
  ])('destination %s with detail %j', (destination, destinationDetail, expected) => {
    expect(fields(complete({ destination, destinationDetail }), 30)).toEqual(expected);
  });

  test('"Home with parent or carer" is a child’s answer', () => {
    expect(fields(complete({ destination: 'home-with-carer' }), 8)).toEqual([]);
    expect(fields(complete({ destination: 'home-with-carer' }), 30)).toEqual(['destination']);
  });

  test('a senior reviewer is optional, but a role needs a name', () => {
    expect(fields(complete({ seniorReviewerRole: 'Registrar' }), 30)).toEqual(['seniorReviewerName']);
    expect(fields(complete({ seniorReviewerName: 'Dr Shah', seniorReviewerRole: 'Registrar' }), 30)).toEqual([]);
  });

  test('the destination in words', () => {
    expect(describeDestination(complete({ destination: 'admitted', destinationDetail: ' Ward 3 ' }))).toBe('Admitted to hospital: Ward 3');
    expect(describeDestination(emptyDischargeDraft())).toBe('');
  });
});

describe('never blocks signing', () => {
  test('it is on every task list, needed only before the GP letter', () => {
    expect(relevantSections(contextForAge(30)).map((section) => section.id)).toContain('discharge');
    expect(sectionById('discharge').requiredBefore).toBe('gp-letter');
  });

  test('an empty discharge section is not among the problems before signing', () => {
    expect(issuesBeforeSigning(emptyAnswers(), contextForAge(30)).map((entry) => entry.section.id)).not.toContain('discharge');
  });

  test('records saved before the section existed read with it empty', () => {
    expect(answersSchema.parse({ patient: {} }).discharge).toEqual(emptyDischargeDraft());
    expect(dischargeDraftSchema.parse({ destination: 'moon' }).destination).toBe('');
  });
});
