import { describe, expect, test } from 'vitest';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027 } from './bank-holidays';
import { liaisonStatus } from './liaison-list';
import { isWorkingDay, liaisonReviewDueAt, liaisonReviewDueDate, nextWorkingDayAfter } from './working-days';

const EW = ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027;
const NO_HOLIDAYS: readonly string[] = [];

describe('working days', () => {
  test.each([
    ['2026-11-27', true, 'a Friday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-08-31', false, 'the summer bank holiday (a Monday)'],
    ['2026-12-28', false, 'Boxing Day substitute (a Monday)'],
    ['2026-12-29', true, 'the Tuesday after Christmas'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, EW)).toBe(expected);
  });

  test('the next working day skips weekends and bank holidays together (Christmas 2026: Friday, weekend, Monday substitute)', () => {
    expect(nextWorkingDayAfter('2026-12-24', EW)).toBe('2026-12-29');
    expect(nextWorkingDayAfter('2026-12-24', NO_HOLIDAYS)).toBe('2026-12-25');
  });
});

/** Overdue = not reviewed by the end of the next working day (issue 12 clarification). */
describe('liaison review due time at working-day boundaries', () => {
  test.each<[string, string, readonly string[], string, string]>([
    // Friday evening: the next working day is Monday; overdue from midnight Monday/Tuesday.
    ['Friday evening (GMT)', '2026-11-27T21:30:00.000Z', EW, '2026-11-30', '2026-12-01T00:00:00.000Z'],
    ['Saturday', '2026-11-28T10:00:00.000Z', EW, '2026-11-30', '2026-12-01T00:00:00.000Z'],
    ['Monday morning: due end of Tuesday', '2026-11-30T08:00:00.000Z', EW, '2026-12-01', '2026-12-02T00:00:00.000Z'],
    // Bank holiday Monday: Friday's attendance is due at the end of Tuesday.
    ['Friday before the August bank holiday', '2026-08-28T19:00:00.000Z', EW, '2026-09-01', '2026-09-01T23:00:00.000Z'],
    ['the same Friday with no bank holidays set', '2026-08-28T19:00:00.000Z', NO_HOLIDAYS, '2026-08-31', '2026-08-31T23:00:00.000Z'],
    ['on the spring bank holiday Monday itself', '2026-05-25T12:00:00.000Z', EW, '2026-05-26', '2026-05-26T23:00:00.000Z'],
    ['Christmas Eve 2026', '2026-12-24T15:00:00.000Z', EW, '2026-12-29', '2026-12-30T00:00:00.000Z'],
    // Clock change (spring forward, Sunday 29 March 2026): the end of Monday is 23:00 UTC.
    ['Friday evening before the clocks go forward', '2026-03-27T22:30:00.000Z', EW, '2026-03-30', '2026-03-30T23:00:00.000Z'],
    // Clock change (fall back, Sunday 25 October 2026): the end of Monday is midnight UTC.
    ['Friday evening before the clocks go back', '2026-10-23T21:30:00.000Z', EW, '2026-10-26', '2026-10-27T00:00:00.000Z'],
    // 23:30 UTC on Friday 23 October is 00:30 BST on Saturday in London: a Saturday attendance.
    ['just after midnight London time, still Friday in UTC', '2026-10-23T23:30:00.000Z', EW, '2026-10-26', '2026-10-27T00:00:00.000Z'],
    // 23:30 UTC on Thursday 4 June is 00:30 BST on Friday: due end of Monday, not end of Friday.
    ['Friday 00:30 BST (Thursday in UTC)', '2026-06-04T23:30:00.000Z', EW, '2026-06-08', '2026-06-08T23:00:00.000Z'],
  ])('%s', (_name, arrivedAt, holidays, dueDate, dueAt) => {
    expect(liaisonReviewDueDate(arrivedAt, holidays)).toBe(dueDate);
    expect(liaisonReviewDueAt(arrivedAt, holidays)).toBe(dueAt);
  });

  test('Friday evening: not overdue at 23:59 on Monday, overdue just after midnight', () => {
    const dueAt = liaisonReviewDueAt('2026-11-27T21:30:00.000Z', EW);
    expect(liaisonStatus(dueAt, undefined, '2026-11-30T23:59:00.000Z')).toBe('to-review');
    expect(liaisonStatus(dueAt, undefined, '2026-12-01T00:00:00.000Z')).toBe('to-review');
    expect(liaisonStatus(dueAt, undefined, '2026-12-01T00:00:01.000Z')).toBe('overdue');
    expect(liaisonStatus(dueAt, undefined, '2026-11-30T09:00:00.000Z')).toBe('to-review');
  });

  test('bank holiday Monday: still to review all Monday and Tuesday, overdue on Wednesday', () => {
    const dueAt = liaisonReviewDueAt('2026-08-28T19:00:00.000Z', EW);
    expect(liaisonStatus(dueAt, undefined, '2026-08-31T23:30:00.000Z')).toBe('to-review');
    expect(liaisonStatus(dueAt, undefined, '2026-09-01T22:59:00.000Z')).toBe('to-review');
    expect(liaisonStatus(dueAt, undefined, '2026-09-01T23:00:01.000Z')).toBe('overdue');
  });

  test('clock change: the Monday after the clocks go forward is overdue from 00:00 BST, an hour earlier in UTC', () => {
    const dueAt = liaisonReviewDueAt('2026-03-27T22:30:00.000Z', EW);
    expect(liaisonStatus(dueAt, undefined, '2026-03-30T22:59:59.000Z')).toBe('to-review');
    expect(liaisonStatus(dueAt, undefined, '2026-03-30T23:00:01.000Z')).toBe('overdue');
  });

  test('a recorded review is reviewed whatever the time', () => {
    const review = { reviewedBy: { id: 's1', name: 'Jo Liaison' }, reviewedAt: '2026-12-10T10:00:00.000Z', action: 'no-further-action' as const, note: '' };
    expect(liaisonStatus('2026-12-01T00:00:00.000Z', review, '2026-12-10T10:00:00.000Z')).toBe('reviewed');
  });
});

describe('England and Wales bank holidays 2026–2027 (gov.uk)', () => {
  test('are the sixteen published dates, each a weekday', () => {
    expect(EW).toHaveLength(16);
    for (const date of EW) expect(isWorkingDay(date, NO_HOLIDAYS), date).toBe(true);
    expect(EW).toContain('2027-03-26');
    expect(EW).toContain('2027-12-27');
  });
});
