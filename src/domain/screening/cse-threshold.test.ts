/**
 * The CSE other-indicator threshold (issue 9): its range, reading it, and the outcome at the
 * boundary, taken from the number recorded with the answers unless the page passes today's.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import { cseOtherIndicators, cseOutcome, cseSignificantIndicators, emptyCseDraft } from './cse';
import type { CseDraft } from './cse';
import { summariseCse } from './cse-crafft-sections';
import { emptyAnswers } from '../assessment/record';
import {
  DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD,
  MAX_CSE_OTHER_INDICATOR_THRESHOLD,
  MIN_CSE_OTHER_INDICATOR_THRESHOLD,
  readCseThreshold,
  recordedCseThreshold,
} from './cse-threshold';

/** Every significant indicator No, `yes` other indicators Yes, and the recorded threshold. */
function draft(yes: number, otherThreshold = ''): CseDraft {
  const d = { ...emptyCseDraft(), otherThreshold };
  for (const indicator of cseSignificantIndicators) d.significant[indicator.id] = 'no';
  for (const indicator of cseOtherIndicators.slice(0, yes)) d.other[indicator.id] = 'yes';
  return d;
}

const prompted = (d: CseDraft, threshold?: number): boolean => {
  const outcome = threshold === undefined ? cseOutcome(d, screeningContext(14)) : cseOutcome(d, screeningContext(14), threshold);
  return outcome.state === 'screened' && outcome.actions.includes('discuss-with-safeguarding-lead');
};

describe('the threshold range', () => {
  test('from 1 to the number of other indicators on the screen; default 3', () => {
    expect(MIN_CSE_OTHER_INDICATOR_THRESHOLD).toBe(1);
    expect(MAX_CSE_OTHER_INDICATOR_THRESHOLD).toBe(cseOtherIndicators.length);
    expect(DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD).toBe(3);
  });

  test.each<[string, number | undefined]>([
    ['0', undefined],
    ['1', 1],
    ['13', 13],
    ['14', undefined],
    [' 5 ', 5],
    ['2.5', undefined],
    ['-2', undefined],
    ['', undefined],
    ['x', undefined],
  ])('readCseThreshold("%s") → %s', (text, expected) => {
    expect(readCseThreshold(text)).toBe(expected);
  });

  test.each<[string, number]>([
    ['', 3],
    ['5', 5],
    ['99', 3],
  ])('recorded "%s" → %s', (otherThreshold, expected) => {
    expect(recordedCseThreshold({ otherThreshold })).toBe(expected);
  });
});

describe('the outcome at the threshold boundary', () => {
  test.each<[number, number, boolean]>([
    [1, 0, false],
    [1, 1, true],
    [3, 2, false],
    [3, 3, true],
    [5, 4, false],
    [5, 5, true],
    [13, 12, false],
    [13, 13, true],
  ])('threshold %s, %s other indicator(s) Yes → discussion %s', (threshold, yes, expected) => {
    // Passed in (the page, with today's setting) …
    expect(prompted(draft(yes), threshold)).toBe(expected);
    // … and recorded with the answers (Check answers, letters, the oversight summary).
    expect(prompted(draft(yes, String(threshold)))).toBe(expected);
  });

  test('with nothing recorded the default 3 applies', () => {
    expect(prompted(draft(2))).toBe(false);
    expect(prompted(draft(3))).toBe(true);
  });

  test('Check answers states the outcome with the recorded threshold', () => {
    const answers = { ...emptyAnswers(), cse: draft(2, '2') };
    const outcome = summariseCse(answers, screeningContext(14)).find((row) => row.key === 'Outcome');
    expect(outcome?.value).toEqual(['Discuss with the safeguarding lead']);
    const below = summariseCse({ ...answers, cse: draft(2, '4') }, screeningContext(14)).find((row) => row.key === 'Outcome');
    expect(below?.value).toEqual(['No significant indicator. 2 other indicator(s), fewer than 4: no discussion prompted']);
  });
});
