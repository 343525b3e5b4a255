import { describe, expect, test } from 'vitest';
import { MAX_FREE_TEXT } from '../shared/text';
import { latestReview, liaisonReviewActionOptions, liaisonReviewDraftSchema, liaisonReviewRecordSchema, validateLiaisonReview } from './liaison-review';

describe('the liaison review', () => {
  test('offers the four actions of PRODUCT.md section 6, in its words', () => {
    expect(liaisonReviewActionOptions.map((option) => option.label)).toEqual(['No further action', 'Shared with health visitor or school nurse', 'Referral', 'Escalated']);
  });

  test.each([
    [{}, [{ field: 'action', message: 'Select what was done after the review' }]],
    [{ action: 'referral' }, []],
    [{ action: 'escalated', note: 'Discussed with the named nurse' }, []],
    [{ action: 'escalated', note: 'x'.repeat(MAX_FREE_TEXT + 1) }, [{ field: 'note', message: `The note must be ${String(MAX_FREE_TEXT)} characters or fewer` }]],
    [{ action: 'made-up' }, [{ field: 'action', message: 'Select what was done after the review' }]],
  ])('checks %j', (draft, issues) => {
    expect(validateLiaisonReview(liaisonReviewDraftSchema.parse(draft))).toEqual(issues);
  });

  test('the newest of several reviews is the one shown; a stored record with an unknown action is refused', () => {
    const record = liaisonReviewRecordSchema.parse({
      attendanceId: 'a1',
      reviews: [
        { reviewedBy: { id: 's1', name: 'A' }, reviewedAt: '2026-12-01T10:00:00.000Z', action: 'referral' },
        { reviewedBy: { id: 's2', name: 'B' }, reviewedAt: '2026-12-02T10:00:00.000Z', action: 'escalated', note: 'n' },
      ],
    });
    expect(latestReview(record)?.reviewedBy.name).toBe('B');
    expect(record.reviews[0]?.note).toBe('');
    expect(latestReview(undefined)).toBeUndefined();
    expect(liaisonReviewRecordSchema.safeParse({ attendanceId: 'a1', reviews: [{ reviewedBy: { id: 's', name: 'A' }, reviewedAt: 'x', action: 'ignored' }] }).success).toBe(false);
  });
});
