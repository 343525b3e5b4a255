/**
 * When the GP letter is due: whole hours since arrival, and overdue from 24 hours (research
 * §7.1), as the home screen's "GP letters due" list shows them.
 */
import { describe, expect, test } from 'vitest';
import { GP_LETTER_DEADLINE_HOURS, gpLetterDue } from './due';

const ARRIVED = '2026-03-10T08:00:00.000Z';

describe('gpLetterDue', () => {
  test('the deadline is 24 hours', () => {
    expect(GP_LETTER_DEADLINE_HOURS).toBe(24);
  });

  test.each<[string, string, number, boolean, string]>([
    ['at arrival', '2026-03-10T08:00:00.000Z', 0, false, '0 hours since arrival'],
    ['59 minutes later', '2026-03-10T08:59:59.999Z', 0, false, '0 hours since arrival'],
    ['one hour later', '2026-03-10T09:00:00.000Z', 1, false, '1 hour since arrival'],
    ['two and a half hours later', '2026-03-10T10:30:00.000Z', 2, false, '2 hours since arrival'],
    ['a millisecond before 24 hours', '2026-03-11T07:59:59.999Z', 23, false, '23 hours since arrival'],
    ['exactly 24 hours', '2026-03-11T08:00:00.000Z', 24, true, '24 hours since arrival: over 24 hours'],
    ['30 hours', '2026-03-11T14:00:00.000Z', 30, true, '30 hours since arrival: over 24 hours'],
    ['a clock that reads before arrival', '2026-03-10T06:00:00.000Z', 0, false, '0 hours since arrival'],
  ])('%s', (_name, now, hours, overdue, text) => {
    expect(gpLetterDue(ARRIVED, now)).toEqual({ hoursSinceArrival: hours, overdue, text });
  });

  test('counts real hours across the October clock change (25 hours of wall-clock day)', () => {
    expect(gpLetterDue('2026-10-24T23:00:00.000Z', '2026-10-25T23:00:00.000Z')).toEqual({
      hoursSinceArrival: 24,
      overdue: true,
      text: '24 hours since arrival: over 24 hours',
    });
  });
});
