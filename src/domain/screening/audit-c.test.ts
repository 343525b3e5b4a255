/**
 * AUDIT-C (research §4.2): who is asked (adults with alcohol involvement), every item's score
 * 0–4, the total 0–12, the positive band at 4/5, brief advice for a positive screen, and the
 * "not asked" follow-up.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import type { AuditCDraft } from './audit-c';
import {
  alcoholInvolved,
  alcoholQuestionAsked,
  auditCApplies,
  auditCDraftSchema,
  auditCFollowUps,
  auditCItems,
  auditCPositive,
  auditCResult,
  auditCScore,
  itemScore,
  validateAuditC,
} from './audit-c';

const intoxicated = screeningContext(40, 'intoxication');
const draft = (changes: Partial<AuditCDraft> = {}): AuditCDraft => auditCDraftSchema.parse({ ...changes });

/** The answers that score `scores` for the three items in order. */
function scored(scores: [number, number, number], changes: Partial<AuditCDraft> = {}): AuditCDraft {
  const [frequency, typicalUnits, heavyEpisodes] = auditCItems.map((item, index) => item.options[scores[index] ?? 0]?.value ?? '');
  return draft({ frequency, typicalUnits, heavyEpisodes, ...changes } as Partial<AuditCDraft>);
}

describe('who is asked: adults with alcohol involvement', () => {
  test.each<[number, boolean]>([
    [17, false],
    [18, true],
  ])('intoxication at %i: applies = %s', (age, applies) => {
    expect(auditCApplies(screeningContext(age, 'intoxication'))).toBe(applies);
  });

  test.each([
    ['intoxication', true, false],
    ['injury', true, true],
    ['assault', true, true],
    ['self-harm', true, true],
    ['mental-health', true, true],
    ['illness', false, false],
    ['sexual-health', false, false],
    ['other', false, false],
  ] as const)('%s: section applies = %s; "Was alcohol involved?" asked = %s', (reason, applies, asked) => {
    const ctx = screeningContext(40, reason);
    expect(auditCApplies(ctx)).toBe(applies);
    expect(alcoholQuestionAsked(ctx)).toBe(asked);
  });

  test('intoxication is alcohol involvement; for an injury it is the answer', () => {
    expect(alcoholInvolved(draft(), intoxicated)).toBe(true);
    const injury = screeningContext(40, 'injury');
    expect(alcoholInvolved(draft(), injury)).toBe(false);
    expect(alcoholInvolved(draft({ alcoholInvolved: 'no' }), injury)).toBe(false);
    expect(alcoholInvolved(draft({ alcoholInvolved: 'yes' }), injury)).toBe(true);
    expect(validateAuditC(draft(), injury)).toEqual([{ field: 'alcoholInvolved', message: 'Select whether alcohol was involved in this attendance' }]);
    expect(validateAuditC(draft({ alcoholInvolved: 'no' }), injury)).toEqual([]);
  });
});

describe('scoring', () => {
  test.each(auditCItems.flatMap((item) => item.options.map((option, index) => [item.id, option.value, index] as const)))('%s %j scores %i', (id, value, score) => {
    const item = auditCItems.find((entry) => entry.id === id);
    expect(item && itemScore(item, value)).toBe(score);
  });

  test('an unanswered item has no score, and there is no total until all three are answered', () => {
    expect(itemScore(auditCItems[0], '')).toBeUndefined();
    expect(auditCScore(draft({ frequency: 'monthly-or-less', typicalUnits: '3-4' }))).toBeUndefined();
  });

  test.each<[[number, number, number], number]>([
    [[0, 0, 0], 0],
    [[4, 4, 4], 12],
    [[2, 1, 1], 4],
    [[2, 2, 1], 5],
    [[3, 2, 2], 7],
  ])('items %j total %i', (scores, total) => {
    expect(auditCScore(scored(scores))).toBe(total);
  });

  test.each<[number, boolean]>([
    [0, false],
    [4, false],
    [5, true],
    [12, true],
  ])('a total of %i is positive = %s', (score, positive) => {
    expect(auditCPositive(score)).toBe(positive);
  });
});

describe('validation, brief advice and not asked', () => {
  test('every item is required, named by its question', () => {
    expect(validateAuditC(draft(), intoxicated).map((issue) => issue.message)).toEqual(auditCItems.map((item) => `Select an answer to: ${item.label}`));
  });

  test('a total of 4: no brief advice required', () => {
    expect(auditCResult(scored([2, 1, 1]), intoxicated)).toEqual({ score: 4, positive: false });
    expect(validateAuditC(scored([2, 1, 1]), intoxicated)).toEqual([]);
  });

  test('a total of 5: brief advice is recorded, or why not', () => {
    expect(auditCResult(scored([2, 2, 1]), intoxicated)).toEqual({ score: 5, positive: true });
    expect(validateAuditC(scored([2, 2, 1]), intoxicated)).toEqual([{ field: 'briefAdvice', message: 'Select whether brief advice about alcohol was given' }]);
    expect(validateAuditC(scored([2, 2, 1], { briefAdvice: 'not-given' }), intoxicated)).toEqual([{ field: 'briefAdviceNotGivenReason', message: 'Enter why brief advice was not given' }]);
    expect(validateAuditC(scored([2, 2, 1], { briefAdvice: 'given' }), intoxicated)).toEqual([]);
  });

  test('not asked needs the reason, asks nothing else and creates a follow-up', () => {
    expect(validateAuditC(draft({ notAsked: true }), intoxicated)).toEqual([{ field: 'notAskedReason', message: 'Enter why AUDIT-C was not asked' }]);
    const d = draft({ notAsked: true, notAskedReason: 'Too intoxicated to answer' });
    expect(validateAuditC(d, intoxicated)).toEqual([]);
    expect(auditCResult(scored([4, 4, 4], { notAsked: true }), intoxicated)).toBeUndefined();
    expect(auditCFollowUps(d, intoxicated)).toEqual([
      { kind: 'audit-c-not-asked', screen: 'audit-c', text: 'Alcohol was involved in the attendance but AUDIT-C was not asked: ask it when the patient is able to answer', detail: 'Too intoxicated to answer' },
    ]);
    expect(auditCFollowUps(d, screeningContext(40, 'injury'))).toEqual([]);
  });
});
