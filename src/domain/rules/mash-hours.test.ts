/**
 * Tests for MASH hours at every boundary: closing and opening minutes, weekends, configured
 * bank holidays and both clock changes.
 */
import { describe, expect, test } from 'vitest';
import { addDays, toLondon } from '../shared/dates';
import { mashHoursSchema } from '../settings/device-settings';
import { isWithinMashHours, nextMashOpening } from './mash-hours';

const DEFAULT = mashHoursSchema.parse({});
const EVERY_DAY = mashHoursSchema.parse({ days: [1, 2, 3, 4, 5, 6, 7] });
/** Good Friday and Easter Monday 2026, as a trust would configure them. */
const EASTER_2026 = mashHoursSchema.parse({ bankHolidays: ['2026-04-03', '2026-04-06'] });

describe('isWithinMashHours', () => {
  test('the default settings are Monday to Friday 09:00–16:00 with no bank holidays', () => {
    expect(DEFAULT).toEqual({ days: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '16:00', bankHolidays: [] });
  });

  test.each<[string, string, string, boolean]>([
    // Winter (GMT = UTC)
    ['Friday 15:59 (GMT)', '2026-03-06T15:59:00.000Z', 'Fri', true],
    ['Friday 15:59:59 (GMT)', '2026-03-06T15:59:59.000Z', 'Fri', true],
    ['Friday 16:00 (GMT): closesAt is exclusive', '2026-03-06T16:00:00.000Z', 'Fri', false],
    ['Monday 08:59 (GMT)', '2026-03-09T08:59:00.000Z', 'Mon', false],
    ['Monday 09:00 (GMT)', '2026-03-09T09:00:00.000Z', 'Mon', true],
    ['Saturday midday', '2026-03-07T12:00:00.000Z', 'Sat', false],
    ['Sunday midday', '2026-03-08T12:00:00.000Z', 'Sun', false],
    ['Tuesday midnight', '2026-03-10T00:00:00.000Z', 'Tue', false],
    // Summer (BST = UTC+1): the rule follows London wall-clock time
    ['Friday 15:59 BST', '2026-07-03T14:59:00.000Z', 'Fri', true],
    ['Friday 16:00 BST', '2026-07-03T15:00:00.000Z', 'Fri', false],
    ['Monday 08:59 BST', '2026-07-06T07:59:00.000Z', 'Mon', false],
    ['Monday 09:00 BST', '2026-07-06T08:00:00.000Z', 'Mon', true],
    // Spring clock change: Sunday 29 March 2026
    ['Friday before spring change, 15:59 GMT', '2026-03-27T15:59:00.000Z', 'Fri', true],
    ['Friday before spring change, 16:00 GMT', '2026-03-27T16:00:00.000Z', 'Fri', false],
    ['Monday after spring change, 08:59 BST', '2026-03-30T07:59:00.000Z', 'Mon', false],
    ['Monday after spring change, 09:00 BST', '2026-03-30T08:00:00.000Z', 'Mon', true],
    // Autumn clock change: Sunday 25 October 2026
    ['Friday before autumn change, 15:59 BST', '2026-10-23T14:59:00.000Z', 'Fri', true],
    ['Friday before autumn change, 16:00 BST', '2026-10-23T15:00:00.000Z', 'Fri', false],
    ['Monday after autumn change, 08:00 GMT (09:00 had it been BST)', '2026-10-26T08:00:00.000Z', 'Mon', false],
    ['Monday after autumn change, 08:59 GMT', '2026-10-26T08:59:00.000Z', 'Mon', false],
    ['Monday after autumn change, 09:00 GMT', '2026-10-26T09:00:00.000Z', 'Mon', true],
  ])('default hours: %s', (_name, instant, weekday, expected) => {
    expect(toLondon(instant).isoWeekday).toBe(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekday) + 1);
    expect(isWithinMashHours(instant, DEFAULT)).toBe(expected);
  });

  test.each<[string, string, boolean]>([
    ['spring change day 08:59 BST', '2026-03-29T07:59:00.000Z', false],
    ['spring change day 09:00 BST', '2026-03-29T08:00:00.000Z', true],
    ['spring change day 15:59 BST', '2026-03-29T14:59:00.000Z', true],
    ['spring change day 16:00 BST', '2026-03-29T15:00:00.000Z', false],
    ['autumn change day 08:00 GMT', '2026-10-25T08:00:00.000Z', false],
    ['autumn change day 09:00 GMT', '2026-10-25T09:00:00.000Z', true],
    ['autumn change day 15:59 GMT', '2026-10-25T15:59:00.000Z', true],
    ['autumn change day 16:00 GMT', '2026-10-25T16:00:00.000Z', false],
  ])('seven-day MASH on a clock-change Sunday: %s', (_name, instant, expected) => {
    expect(isWithinMashHours(instant, EVERY_DAY)).toBe(expected);
  });

  test.each<[string, string, boolean, boolean]>([
    ['Thursday before Good Friday, 10:00 BST', '2026-04-02T09:00:00.000Z', true, true],
    ['Good Friday 10:00 BST', '2026-04-03T09:00:00.000Z', true, false],
    ['Easter Monday 10:00 BST', '2026-04-06T09:00:00.000Z', true, false],
    ['Tuesday after Easter 10:00 BST', '2026-04-07T09:00:00.000Z', true, true],
  ])('configured bank holidays: %s', (_name, instant, withoutHolidays, withHolidays) => {
    expect(isWithinMashHours(instant, DEFAULT)).toBe(withoutHolidays);
    expect(isWithinMashHours(instant, EASTER_2026)).toBe(withHolidays);
  });

  test('configured hours and days are honoured', () => {
    const hours = mashHoursSchema.parse({ days: [6], opensAt: '10:00', closesAt: '12:30' });
    expect(isWithinMashHours('2026-03-07T12:29:00.000Z', hours)).toBe(true);
    expect(isWithinMashHours('2026-03-07T12:30:00.000Z', hours)).toBe(false);
    expect(isWithinMashHours('2026-03-09T11:00:00.000Z', hours)).toBe(false);
  });

  test('settings that never open are never in hours', () => {
    expect(isWithinMashHours('2026-03-09T10:00:00.000Z', mashHoursSchema.parse({ days: [] }))).toBe(false);
    expect(isWithinMashHours('2026-03-09T10:00:00.000Z', mashHoursSchema.parse({ opensAt: '16:00', closesAt: '09:00' }))).toBe(false);
  });
});

describe('nextMashOpening', () => {
  test.each<[string, string, typeof DEFAULT, string | undefined]>([
    ['open now: the same instant', '2026-03-06T15:59:00.000Z', DEFAULT, '2026-03-06T15:59:00.000Z'],
    ['Friday 16:00 → Monday 09:00', '2026-03-06T16:00:00.000Z', DEFAULT, '2026-03-09T09:00:00.000Z'],
    ['Monday 08:59 → Monday 09:00', '2026-03-09T08:59:00.000Z', DEFAULT, '2026-03-09T09:00:00.000Z'],
    ['Tuesday 00:30 → Tuesday 09:00', '2026-03-10T00:30:00.000Z', DEFAULT, '2026-03-10T09:00:00.000Z'],
    ['Wednesday 20:00 → Thursday 09:00', '2026-03-11T20:00:00.000Z', DEFAULT, '2026-03-12T09:00:00.000Z'],
    ['Saturday before spring change → Monday 09:00 BST', '2026-03-28T12:00:00.000Z', DEFAULT, '2026-03-30T08:00:00.000Z'],
    ['Friday before autumn change, 16:00 BST → Monday 09:00 GMT', '2026-10-23T15:00:00.000Z', DEFAULT, '2026-10-26T09:00:00.000Z'],
    ['Thursday before Easter, 16:00 BST → Tuesday 09:00 BST', '2026-04-02T15:00:00.000Z', EASTER_2026, '2026-04-07T08:00:00.000Z'],
    ['Easter without configured bank holidays → Good Friday 09:00', '2026-04-02T15:00:00.000Z', DEFAULT, '2026-04-03T08:00:00.000Z'],
    ['no opening days', '2026-03-06T16:00:00.000Z', mashHoursSchema.parse({ days: [] }), undefined],
    ['opening after closing', '2026-03-06T16:00:00.000Z', mashHoursSchema.parse({ opensAt: '16:00', closesAt: '09:00' }), undefined],
  ])('%s', (_name, instant, hours, expected) => {
    expect(nextMashOpening(instant, hours)).toBe(expected);
  });

  test('a MASH open on Sundays only opens next on Sunday (ISO weekday 7)', () => {
    const sundays = mashHoursSchema.parse({ days: [7] });
    expect(nextMashOpening('2026-03-06T16:00:00.000Z', sundays)).toBe('2026-03-08T09:00:00.000Z');
    expect(isWithinMashHours('2026-03-08T09:00:00.000Z', sundays)).toBe(true);
  });

  test('opening and closing at the same time never opens', () => {
    const none = mashHoursSchema.parse({ opensAt: '09:00', closesAt: '09:00' });
    expect(isWithinMashHours('2026-03-09T09:00:00.000Z', none)).toBe(false);
    expect(nextMashOpening('2026-03-09T08:00:00.000Z', none)).toBeUndefined();
  });

  test('looks a year ahead: an opening 366 days away is found, one 367 days away is not', () => {
    const closedFor = (days: number) => mashHoursSchema.parse({ days: [1, 2, 3, 4, 5, 6, 7], bankHolidays: Array.from({ length: days }, (_, offset) => addDays('2026-03-09', offset)) });
    expect(nextMashOpening('2026-03-09T12:00:00.000Z', closedFor(366))).toBe('2027-03-10T09:00:00.000Z');
    expect(nextMashOpening('2026-03-09T12:00:00.000Z', closedFor(367))).toBeUndefined();
  });

  test('accepts an instant written without milliseconds', () => {
    expect(nextMashOpening('2026-03-09T08:59Z', DEFAULT)).toBe('2026-03-09T09:00:00.000Z');
  });
});

// Shrunk counterexample from the property-based tests (tests/unit/fuzz/dates.fuzz.test.ts,
// "the next opening is never before the instant, and the MASH is open at it").
describe('fuzz regressions', () => {
  test('hours that open and close inside the hour the clocks skip have no opening that day', () => {
    const hours = mashHoursSchema.parse({ days: [7], opensAt: '01:30', closesAt: '02:00' });
    // 29 March 2026: 01:30 London does not exist; read as 02:30 BST it is after closing.
    const opening = nextMashOpening('2026-03-29T01:00:00.000Z', hours);
    expect(opening).toBe('2026-04-05T00:30:00.000Z');
    expect(opening && isWithinMashHours(opening, hours)).toBe(true);
  });
});
