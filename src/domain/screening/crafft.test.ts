/**
 * Substance use screen (CRAFFT 2.1 structure): Part A numbers, the skip logic, every score
 * 0–6, partial and out-of-date states, defer / not asked, and the link to the CSE screen.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import type { CrafftDraft, CrafftPartBId, DaysProblem } from './crafft';
import {
  crafftApplies,
  crafftFollowUps,
  crafftPartBAsked,
  crafftPartBIds,
  crafftResult,
  crafftSuggestsCseScreen,
  emptyCrafftDraft,
  readDays,
  stampPartB,
  validateCrafft,
} from './crafft';

const CTX = screeningContext(15);

/** Part A as typed, then Part B answers, stamped as the screen's wiring would. */
function crafft(days: [string, string, string], partB: Partial<Record<CrafftPartBId, 'yes' | 'no'>> = {}): CrafftDraft {
  const draft: CrafftDraft = { ...emptyCrafftDraft(), daysAlcohol: days[0], daysCannabis: days[1], daysOther: days[2], ...partB };
  return Object.keys(partB).length > 0 ? stampPartB(draft) : draft;
}

const allSix = (yesCount: number): Record<CrafftPartBId, 'yes' | 'no'> =>
  Object.fromEntries(crafftPartBIds.map((id, index) => [id, index < yesCount ? 'yes' : 'no'])) as Record<CrafftPartBId, 'yes' | 'no'>;

describe('crafftApplies: ages 12–17', () => {
  test.each<[number | undefined, boolean]>([
    [11, false],
    [12, true],
    [17, true],
    [18, false],
    [undefined, false],
  ])('age %s → %s', (age, expected) => {
    expect(crafftApplies(screeningContext(age))).toBe(expected);
  });
});

describe('Part A: whole days 0–365', () => {
  test.each<[string, number | DaysProblem]>([
    ['0', 0],
    ['12', 12],
    [' 7 ', 7],
    ['365', 365],
    ['366', 'over-365'],
    ['1000', 'over-365'],
    ['-1', 'negative'],
    ['-0.5', 'negative'],
    ['1.5', 'not-whole'],
    ['2,5', 'not-whole'],
    ['abc', 'not-a-number'],
    ['1e3', 'not-a-number'],
    ['', 'empty'],
  ])('%j → %s', (text, expected) => {
    const read = readDays(text);
    expect(read.ok ? read.value : read.problem).toBe(expected);
  });

  test.each<[string, string]>([
    ['-3', 'Number of days must be 0 or more'],
    ['2.5', 'Number of days must be a whole number, like 0 or 12'],
    ['400', 'Number of days must be 365 or fewer'],
    ['lots', 'Number of days must be a number, like 0 or 12'],
    ['', 'Enter the number of days in the last 12 months the young person drank more than a few sips of alcohol, or 0 if none'],
  ])('%j is refused with "%s"', (text, message) => {
    expect(validateCrafft(crafft([text, '0', '0']), CTX)).toContainEqual({ field: 'daysAlcohol', message });
  });
});

describe('skip logic: only CAR when all Part A answers are 0, otherwise all six', () => {
  test.each<[[string, string, string], readonly CrafftPartBId[] | undefined]>([
    [['0', '0', '0'], ['car']],
    [['1', '0', '0'], crafftPartBIds],
    [['0', '1', '0'], crafftPartBIds],
    [['0', '0', '1'], crafftPartBIds],
    [['365', '365', '365'], crafftPartBIds],
    [['', '0', '0'], undefined],
    [['0', '0', '-1'], undefined],
    [['0', '0', '0.5'], undefined],
  ])('Part A %j → %j', (days, asked) => {
    expect(crafftPartBAsked(crafft(days))).toEqual(asked);
  });

  test('no use: CAR no scores 0, CAR yes scores 1, and stale answers to the other items are ignored', () => {
    expect(crafftResult(crafft(['0', '0', '0'], { car: 'no' }), CTX)).toEqual({ state: 'scored', score: 0, positive: false, asked: ['car'], anyUse: false });
    expect(crafftResult(crafft(['0', '0', '0'], { car: 'yes', relax: 'yes', alone: 'yes' }), CTX)).toEqual({
      state: 'scored',
      score: 1,
      positive: false,
      asked: ['car'],
      anyUse: false,
    });
  });

  test('no use: only CAR is required', () => {
    expect(validateCrafft(crafft(['0', '0', '0'], { car: 'no' }), CTX)).toEqual([]);
  });
});

describe('score = number of yes answers; 2 or more is positive', () => {
  test.each([0, 1, 2, 3, 4, 5, 6])('%i yes answers', (yesCount) => {
    const result = crafftResult(crafft(['3', '0', '0'], allSix(yesCount)), CTX);
    expect(result).toEqual({ state: 'scored', score: yesCount, positive: yesCount >= 2, asked: crafftPartBIds, anyUse: true });
  });

  test.each(crafftPartBIds)('each item counts: %s alone scores 1', (id) => {
    const result = crafftResult(crafft(['0', '4', '0'], { ...allSix(0), [id]: 'yes' }), CTX);
    expect(result.state === 'scored' && result.score).toBe(1);
  });

  test('positive: brief advice and the referral must be recorded', () => {
    const positive = crafft(['10', '0', '0'], allSix(2));
    expect(validateCrafft(positive, CTX)).toEqual([
      { field: 'briefAdvice', message: 'Select whether brief advice was given' },
      { field: 'referral', message: "Select whether a referral was made to the young people's substance misuse service" },
    ]);
    expect(validateCrafft({ ...positive, briefAdvice: 'given', referral: 'not-made' }, CTX)).toEqual([
      { field: 'referralNotMadeReason', message: 'Enter why a referral was not made' },
    ]);
    expect(validateCrafft({ ...positive, briefAdvice: 'given', referral: 'made' }, CTX)).toEqual([]);
    // A score of 1 asks for neither.
    expect(validateCrafft(crafft(['10', '0', '0'], allSix(1)), CTX)).toEqual([]);
  });
});

describe('partial data is never scored silently', () => {
  test.each<[string, CrafftDraft, unknown]>([
    ['nothing answered', emptyCrafftDraft(), { state: 'not-started' }],
    ['Part A incomplete', crafft(['2', '', '0']), { state: 'partial', missing: ['days-cannabis'] }],
    ['Part A invalid', crafft(['2', '0', '400']), { state: 'partial', missing: ['days-other'] }],
    ['use, Part B unanswered', crafft(['2', '0', '0']), { state: 'partial', missing: crafftPartBIds }],
    ['use, some of Part B answered', crafft(['2', '0', '0'], { car: 'yes', relax: 'yes' }), { state: 'partial', missing: ['alone', 'forget', 'friends', 'trouble'] }],
    ['no use, CAR unanswered', crafft(['0', '0', '0']), { state: 'partial', missing: ['car'] }],
  ])('%s', (_name, draft, expected) => {
    expect(crafftResult(draft, CTX)).toEqual(expected);
  });
});

describe('score out of date', () => {
  test('Part B answered before Part A', () => {
    const draft = stampPartB({ ...emptyCrafftDraft(), car: 'yes', relax: 'yes' });
    const completed = { ...draft, daysAlcohol: '5', daysCannabis: '0', daysOther: '0' };
    expect(crafftResult(completed, CTX)).toEqual({ state: 'out-of-date' });
    expect(validateCrafft(completed, CTX)).toContainEqual({ field: 'car', message: expect.stringContaining('Part A has changed') as string });
  });

  test('Part A changed after Part B, until Part B is answered again', () => {
    const scored = crafft(['0', '0', '0'], { car: 'yes' });
    expect(crafftResult(scored, CTX).state).toBe('scored');
    const changed = { ...scored, daysCannabis: '3' };
    expect(crafftResult(changed, CTX)).toEqual({ state: 'out-of-date' });
    const reanswered = stampPartB({ ...changed, ...allSix(3) });
    expect(crafftResult(reanswered, CTX)).toEqual({ state: 'scored', score: 3, positive: true, asked: crafftPartBIds, anyUse: true });
  });

  test('Part B answers with no stamp at all are out of date, not scored', () => {
    expect(crafftResult({ ...crafft(['1', '0', '0']), ...allSix(4) }, CTX)).toEqual({ state: 'out-of-date' });
  });
});

describe('defer and not asked', () => {
  test('deferred while intoxicated: no score, a follow-up and the CSE link', () => {
    const draft: CrafftDraft = { ...emptyCrafftDraft(), notAsked: 'deferred-intoxicated' };
    expect(crafftResult(draft, CTX)).toEqual({ state: 'deferred' });
    expect(validateCrafft(draft, CTX)).toEqual([]);
    expect(crafftFollowUps(draft, CTX, false).map((item) => item.kind)).toEqual(['crafft-deferred-intoxicated', 'crafft-suggests-cse']);
  });

  test.each(['too-unwell', 'not-seen-alone', 'declined'] as const)('not asked (%s): a follow-up with the reason', (reason) => {
    const draft: CrafftDraft = { ...emptyCrafftDraft(), notAsked: reason };
    expect(crafftResult(draft, CTX)).toEqual({ state: 'not-asked', reason });
    const followUps = crafftFollowUps(draft, CTX, false);
    expect(followUps.map((item) => item.kind)).toEqual(['crafft-not-asked']);
    expect(followUps[0]?.detail).toMatch(/^Not asked – /);
  });

  test('outside 12–17: nothing', () => {
    const ctx = screeningContext(11);
    expect(crafftResult(emptyCrafftDraft(), ctx)).toEqual({ state: 'not-applicable' });
    expect(validateCrafft(emptyCrafftDraft(), ctx)).toEqual([]);
    expect(crafftFollowUps({ ...emptyCrafftDraft(), notAsked: 'declined' }, ctx, false)).toEqual([]);
  });
});

describe('suggests the CSE screen: CAR yes or intoxication', () => {
  test.each<[string, CrafftDraft, Parameters<typeof screeningContext>[1], boolean]>([
    ['CAR yes', crafft(['0', '0', '0'], { car: 'yes' }), 'illness', true],
    ['CAR no', crafft(['0', '0', '0'], { car: 'no' }), 'illness', false],
    ['intoxicated at presentation', emptyCrafftDraft(), 'intoxication', true],
    ['deferred, intoxicated now', { ...emptyCrafftDraft(), notAsked: 'deferred-intoxicated' }, 'injury', true],
    ['nothing', emptyCrafftDraft(), 'injury', false],
  ])('%s → %s', (_name, draft, reason, expected) => {
    const ctx = screeningContext(14, reason);
    expect(crafftSuggestsCseScreen(draft, ctx)).toBe(expected);
    expect(crafftFollowUps(draft, ctx, false).some((item) => item.kind === 'crafft-suggests-cse')).toBe(expected);
    // Once the CSE screen is answered the link is not a follow-up any more.
    expect(crafftFollowUps(draft, ctx, true).some((item) => item.kind === 'crafft-suggests-cse')).toBe(false);
  });
});
