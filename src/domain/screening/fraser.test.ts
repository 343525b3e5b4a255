/**
 * Fraser record: availability by age and reason, the under-13 refusal, the five criteria,
 * the sharing decision the letters call, and the CSE follow-up.
 */
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import type { FraserAvailability, FraserDraft, GpSharingInput, SharingView } from './fraser';
import {
  emptyFraserDraft,
  fraserAvailability,
  fraserCriteria,
  fraserFollowUps,
  fraserResult,
  fraserUnder13ReferralMandatory,
  gpSharingDecision,
  validateFraser,
} from './fraser';
import type { ScreeningReason } from './screening-context';
import { GENITAL_URINARY_GYNAE_REASON } from './screening-context';

function complete(notMet: readonly string[] = []): FraserDraft {
  const draft = emptyFraserDraft();
  for (const criterion of fraserCriteria) draft.criteria[criterion.id] = { answer: notMet.includes(criterion.id) ? 'not-met' : 'met', reason: 'Discussed with her' };
  return { ...draft, parentInvolvement: 'encouraged-declined', powerImbalance: 'no', gpSharing: 'agrees', parentSharing: 'declines' };
}

describe('fraserAvailability: under 16 on a sexual health, contraception or pregnancy visit', () => {
  test.each<[number | undefined, ScreeningReason | undefined, FraserAvailability]>([
    [11, 'sexual-health', 'under-13-not-available'],
    [12, 'sexual-health', 'under-13-not-available'],
    [13, 'sexual-health', 'available'],
    [15, 'sexual-health', 'available'],
    [16, 'sexual-health', 'not-applicable'],
    [17, 'sexual-health', 'not-applicable'],
    [14, 'injury', 'not-applicable'],
    [14, GENITAL_URINARY_GYNAE_REASON, 'not-applicable'],
    [14, undefined, 'not-applicable'],
    [undefined, 'sexual-health', 'not-applicable'],
  ])('age %s, %s → %s', (age, reason, expected) => {
    const ctx = screeningContext(age, reason);
    expect(fraserAvailability(ctx)).toBe(expected);
    expect(fraserUnder13ReferralMandatory(ctx)).toBe(expected === 'under-13-not-available');
  });

  test('under 13: no Fraser result, referral mandatory', () => {
    expect(fraserResult(complete(), screeningContext(12, 'sexual-health'))).toEqual({ state: 'under-13', referralMandatory: true });
  });

  test('a Fraser record for a 12-year-old is refused with a specific message', () => {
    const issues = validateFraser(complete(), screeningContext(12, 'sexual-health'), false);
    expect(issues).toEqual([
      {
        field: 'criteria.understandsAdvice.answer',
        message: 'A Fraser record cannot be made for a 12-year-old: a child under 13 cannot consent to sexual activity. Remove the Fraser answers and make a child protection referral',
      },
    ]);
    // Nothing typed, nothing refused: the page shows the under-13 notice instead.
    expect(validateFraser(emptyFraserDraft(), screeningContext(12, 'sexual-health'), false)).toEqual([]);
  });
});

describe('the five criteria', () => {
  test('all five, each Met / Not met with a reason', () => {
    expect(fraserCriteria).toHaveLength(5);
    const draft = emptyFraserDraft();
    draft.criteria.understandsAdvice = { answer: 'met', reason: '' };
    const fields = validateFraser(draft, screeningContext(14, 'sexual-health'), false).map((issue) => issue.field);
    expect(fields).toContain('criteria.understandsAdvice.reason');
    for (const criterion of fraserCriteria.slice(1)) expect(fields).toContain(`criteria.${criterion.id}.answer`);
  });

  test.each<[string, FraserDraft, string]>([
    ['all met: Fraser competent', complete(), 'competent'],
    ['one not met: senior or safeguarding discussion', complete(['likelyToHaveSex']), 'not-competent'],
    ['unanswered: incomplete', emptyFraserDraft(), 'incomplete'],
  ])('%s', (_name, draft, state) => {
    expect(fraserResult(draft, screeningContext(14, 'sexual-health')).state).toBe(state);
  });

  test('a complete record validates', () => {
    expect(validateFraser(complete(), screeningContext(14, 'sexual-health'), false)).toEqual([]);
  });

  test('"Not appropriate" to involve a parent needs a reason', () => {
    expect(validateFraser({ ...complete(), parentInvolvement: 'not-appropriate' }, screeningContext(14, 'sexual-health'), false)).toEqual([
      { field: 'parentInvolvementReason', message: 'Enter why involving a parent was not appropriate' },
    ]);
  });
});

describe('partner and power imbalance', () => {
  test('a power imbalance needs details and opens the CSE follow-up', () => {
    const ctx = screeningContext(14, 'sexual-health');
    const draft = { ...complete(), powerImbalance: 'yes' as const };
    expect(validateFraser(draft, ctx, false)).toEqual([{ field: 'powerImbalanceDetails', message: 'Describe the concern about a power imbalance' }]);
    expect(fraserFollowUps(draft, ctx).map((item) => item.kind)).toEqual(['fraser-power-imbalance']);
    expect(fraserFollowUps(complete(), ctx)).toEqual([]);
  });
});

describe('consent to share: gpSharingDecision', () => {
  test.each<[string, boolean, SharingView | '', boolean, string, string, boolean]>([
    ['competent, agrees', true, 'agrees', false, '', 'agreed', true],
    ['competent, declines, no concern: honoured', true, 'declines', false, '', 'young-person-declined', false],
    ['competent, declines, safeguarding concern: shared with the reason', true, 'declines', true, 'CSE indicator', 'safeguarding-override', true],
    ['competent, declines, concern without a reason: shared, reason owed', true, 'declines', true, '', 'safeguarding-override', true],
    ['competent, not asked', true, 'not-asked', false, '', 'view-not-recorded', true],
    ['not a Fraser-competent record', false, 'declines', false, '', 'not-fraser-record', true],
  ])('%s', (_name, fraserCompetent, gpSharing, safeguardingConcern, overrideReason, basis, share) => {
    const input: GpSharingInput = { fraserCompetent, gpSharing, safeguardingConcern, overrideReason };
    const decision = gpSharingDecision(input);
    expect(decision.basis).toBe(basis);
    expect(decision.share).toBe(share);
    if (decision.basis === 'safeguarding-override') expect(decision.reasonRecorded).toBe(overrideReason !== '');
  });

  test('validation asks for the reason when a declined view is overridden', () => {
    const draft = { ...complete(), gpSharing: 'declines' as const };
    const ctx = screeningContext(15, 'sexual-health');
    expect(validateFraser(draft, ctx, false)).toEqual([]);
    expect(validateFraser(draft, ctx, true)).toEqual([{ field: 'gpSharingOverrideReason', message: 'Enter the safeguarding concern that means the GP must be told' }]);
    expect(validateFraser({ ...draft, gpSharingOverrideReason: 'Significant CSE indicator' }, ctx, true)).toEqual([]);
  });

  test('the view on sharing with parents is asked', () => {
    expect(validateFraser({ ...complete(), parentSharing: '' }, screeningContext(15, 'sexual-health'), false)).toEqual([
      { field: 'parentSharing', message: 'Select whether the young person is happy for their parents to be told' },
    ]);
  });
});
