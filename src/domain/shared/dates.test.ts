import { isMainThread } from 'node:worker_threads';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  addDays,
  ageInMonths,
  ageInYears,
  compareIso,
  datePartsFromIso,
  daysInMonth,
  describeAge,
  emptyDateParts,
  formatClockTime,
  formatDate,
  formatDateTime,
  fromLondon,
  hoursBetween,
  isLeapYear,
  parseDateParts,
  parseTimeOfDay,
  toLondon,
  yearBeingTyped,
} from './dates';
import type { DatePartsProblem } from './dates';

const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('parseDateParts', () => {
  test.each([
    ['27', '3', '2026', '2026-03-27'],
    ['1', '1', '2026', '2026-01-01'],
    ['01', '01', '2026', '2026-01-01'],
    ['31', '12', '1999', '1999-12-31'],
    [' 5 ', ' 6 ', ' 2020 ', '2020-06-05'],
    ['29', '2', '2024', '2024-02-29'],
    ['29', '2', '2000', '2000-02-29'],
    ['28', '2', '2026', '2026-02-28'],
    ['30', '4', '2026', '2026-04-30'],
  ])('%s/%s/%s is %s', (day, month, year, expected) => {
    expect(parseDateParts(parts(day, month, year))).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['Mar', '2026-03-10'],
    ['march', '2026-03-10'],
    ['MARCH', '2026-03-10'],
    ['Sept', '2026-09-10'],
    ['sep', '2026-09-10'],
    ['Jun', '2026-06-10'],
    ['Jul', '2026-07-10'],
    ['dec', '2026-12-10'],
  ])('accepts the month name "%s"', (month, expected) => {
    expect(parseDateParts(parts('10', month, '2026'))).toEqual({ ok: true, value: expected });
  });

  test.each<[string, string, string, DatePartsProblem]>([
    ['', '', '', 'empty'],
    ['  ', ' ', '   ', 'empty'],
    ['', '3', '2026', 'missing-day'],
    ['', '', '2026', 'missing-day'],
    ['27', '', '2026', 'missing-month'],
    ['27', '3', '', 'missing-year'],
    ['27', '', '', 'missing-month'],
    // impossible dates
    ['31', '2', '2026', 'not-a-real-date'],
    ['30', '2', '2024', 'not-a-real-date'],
    ['29', '2', '2026', 'not-a-real-date'],
    ['29', '2', '1900', 'not-a-real-date'],
    ['31', '4', '2026', 'not-a-real-date'],
    ['32', '1', '2026', 'not-a-real-date'],
    ['0', '1', '2026', 'not-a-real-date'],
    ['1', '0', '2026', 'not-a-real-date'],
    ['1', '13', '2026', 'not-a-real-date'],
    // two-digit and other short or long years
    ['27', '3', '26', 'year-not-four-digits'],
    ['27', '3', '926', 'year-not-four-digits'],
    ['27', '3', '20266', 'year-not-four-digits'],
    // not numbers
    ['a', '3', '2026', 'not-a-number'],
    ['27', '3', '20a6', 'not-a-number'],
    ['27', 'Ma', '2026', 'not-a-number'],
    ['27', 'Marchh', '2026', 'not-a-number'],
    ['27', 'Smarch', '2026', 'not-a-number'],
    ['27', 'a1', '2026', 'not-a-number'],
    ['27', '1a', '2026', 'not-a-number'],
    ['27', '123', '2026', 'not-a-number'],
    ['123', '3', '2026', 'not-a-number'],
    ['-1', '3', '2026', 'not-a-number'],
    ['1.5', '3', '2026', 'not-a-number'],
    ['27', '3', '-2026', 'not-a-number'],
  ])('%s/%s/%s is rejected as %s', (day, month, year, problem) => {
    expect(parseDateParts(parts(day, month, year))).toEqual({ ok: false, problem });
  });
});

describe('yearBeingTyped', () => {
  test.each([
    [parts('14', '3', '2'), true],
    [parts('14', '3', '20'), true],
    [parts('14', '3', ' 201 '), true],
    [parts('14', '3', '2012'), false],
    [parts('14', '3', '20123'), false],
    [parts('14', '3', ''), false],
    [parts('', '3', '20'), false],
    [parts('14', '', '20'), false],
    [parts('14', '3', '2x'), false],
    [parts('31', '2', '20'), true],
  ])('%o: %s', (typed, expected) => {
    expect(yearBeingTyped(typed)).toBe(expected);
  });
});

describe('datePartsFromIso', () => {
  test('splits an ISO date into the parts a date input shows, without leading zeros', () => {
    expect(datePartsFromIso('2026-03-07')).toEqual({ day: '7', month: '3', year: '2026' });
  });

  test('empty parts are three empty strings', () => {
    expect(emptyDateParts()).toEqual({ day: '', month: '', year: '' });
    expect(parseDateParts(emptyDateParts())).toEqual({ ok: false, problem: 'empty' });
  });

  test('round-trips through parseDateParts', () => {
    expect(parseDateParts(datePartsFromIso('2012-11-30'))).toEqual({ ok: true, value: '2012-11-30' });
  });
});

describe('isLeapYear and daysInMonth', () => {
  test.each([
    [2024, true],
    [2026, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('isLeapYear(%i) is %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  test.each([
    [2024, 2, 29],
    [2026, 2, 28],
    [2026, 1, 31],
    [2026, 4, 30],
    [2026, 12, 31],
    [2026, 13, 0],
    [2026, 0, 0],
  ])('daysInMonth(%i, %i) is %i', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('parseTimeOfDay', () => {
  test.each([
    ['14:30', '14:30'],
    ['1430', '14:30'],
    ['14.30', '14:30'],
    ['9:05', '09:05'],
    ['905', '09:05'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    [' 14 : 30 ', '14:30'],
    ['14 30', '14:30'],
  ])('reads "%s" as %s', (text, expected) => {
    expect(parseTimeOfDay(text)).toBe(expected);
  });

  test.each(['', '   ', '24:00', '12:60', '9:5', '2pm', '14:30:15', '14-30', 'noon', '-1:00', '123:00'])('rejects "%s"', (text) => {
    expect(parseTimeOfDay(text)).toBeUndefined();
  });
});

describe('toLondon', () => {
  test('in winter (GMT) London reads the same as UTC', () => {
    expect(toLondon('2026-01-15T09:05:07.000Z')).toEqual({ date: '2026-01-15', time: '09:05', seconds: 7, isoWeekday: 4 });
  });

  test('in summer (BST) London is an hour ahead of UTC', () => {
    expect(toLondon('2026-07-01T12:00:00.000Z')).toEqual({ date: '2026-07-01', time: '13:00', seconds: 0, isoWeekday: 3 });
  });

  test('late evening UTC in summer is already the next day in London', () => {
    expect(toLondon('2026-06-30T23:30:00.000Z')).toMatchObject({ date: '2026-07-01', time: '00:30', isoWeekday: 3 });
  });

  test('accepts a Date as well as an ISO string', () => {
    expect(toLondon(new Date(Date.UTC(2026, 6, 1, 12)))).toMatchObject({ date: '2026-07-01', time: '13:00' });
  });

  test('numbers the ISO weekday from Monday 1 to Sunday 7', () => {
    expect(toLondon('2026-03-09T12:00:00.000Z').isoWeekday).toBe(1);
    expect(toLondon('2026-03-15T12:00:00.000Z').isoWeekday).toBe(7);
  });

  // Clocks go forward at 01:00 GMT on the last Sunday of March (29 March 2026)...
  test.each([
    ['2026-03-29T00:59:00.000Z', '00:59'],
    ['2026-03-29T01:00:00.000Z', '02:00'],
    ['2026-03-29T01:30:00.000Z', '02:30'],
  ])('spring forward: %s is %s in London', (instant, time) => {
    expect(toLondon(instant)).toMatchObject({ date: '2026-03-29', time });
  });

  // ...and back at 01:00 GMT on the last Sunday of October (25 October 2026): 01:00–01:59 happens twice.
  test.each([
    ['2026-10-25T00:30:00.000Z', '01:30'],
    ['2026-10-25T00:59:00.000Z', '01:59'],
    ['2026-10-25T01:00:00.000Z', '01:00'],
    ['2026-10-25T01:30:00.000Z', '01:30'],
    ['2026-10-25T02:00:00.000Z', '02:00'],
  ])('fall back: %s is %s in London', (instant, time) => {
    expect(toLondon(instant)).toMatchObject({ date: '2026-10-25', time });
  });

  // toLondon reads a cached offset for each UTC hour (the formatter is slow); these hold it to
  // the formatter's own answer at every minute either side of each kind of change in the zone.
  const byFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', weekday: 'short' });
  const formatterReads = (ms: number) => {
    const parts = Object.fromEntries(byFormatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
    return { date: `${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, seconds: Number(parts.second), isoWeekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(String(parts.weekday)) + 1 };
  };
  test.each([
    ['local mean time to GMT, 1 December 1847', '1847-12-01T00:00:00.000Z'],
    ['British Double Summer Time begins, 4 May 1941', '1941-05-04T01:00:00.000Z'],
    ['British Standard Time ends, 31 October 1971', '1971-10-31T02:00:00.000Z'],
    ['spring forward, 29 March 2026', '2026-03-29T01:00:00.000Z'],
    ['fall back, 25 October 2026', '2026-10-25T01:00:00.000Z'],
    ['fall back, 2100', '2100-10-31T01:00:00.000Z'],
  ])('reads what the time-zone formatter reads at every minute (and odd second) for three hours around %s', (_change, at) => {
    const centre = Date.parse(at);
    const offsets = new Set<number>();
    for (let ms = centre - 3 * 3_600_000; ms <= centre + 3 * 3_600_000; ms += 60_000) {
      for (const instant of [ms, ms + 17_345]) expect(toLondon(new Date(instant))).toEqual(formatterReads(instant));
      const wall = formatterReads(ms);
      offsets.add(Date.parse(`${wall.date}T${wall.time}:${String(wall.seconds).padStart(2, '0')}Z`) - Math.floor(ms / 1000) * 1000);
    }
    // The window does hold the change.
    expect(offsets.size).toBe(2);
  });
});

describe('fromLondon', () => {
  test.each([
    ['2026-01-15', '09:05', '2026-01-15T09:05:00.000Z'],
    ['2026-07-01', '13:00', '2026-07-01T12:00:00.000Z'],
    ['2026-07-01', '00:30', '2026-06-30T23:30:00.000Z'],
    ['2026-12-31', '23:59', '2026-12-31T23:59:00.000Z'],
    ['2024-02-29', '10:00', '2024-02-29T10:00:00.000Z'],
  ])('%s %s in London is %s', (date, time, instant) => {
    expect(fromLondon(date, time)).toBe(instant);
  });

  describe('last Sunday of March (29 March 2026): 01:00–01:59 does not exist', () => {
    test.each([
      ['00:59', '2026-03-29T00:59:00.000Z'],
      ['02:00', '2026-03-29T01:00:00.000Z'],
      ['03:15', '2026-03-29T02:15:00.000Z'],
    ])('%s is read normally', (time, instant) => {
      expect(fromLondon('2026-03-29', time)).toBe(instant);
    });

    test.each([
      ['01:00', '2026-03-29T01:00:00.000Z', '02:00'],
      ['01:30', '2026-03-29T01:30:00.000Z', '02:30'],
      ['01:59', '2026-03-29T01:59:00.000Z', '02:59'],
    ])('the skipped time %s is read as the instant an hour later (%s, shown as %s)', (time, instant, shownAs) => {
      expect(fromLondon('2026-03-29', time)).toBe(instant);
      expect(toLondon(instant).time).toBe(shownAs);
    });
  });

  describe('last Sunday of October (25 October 2026): 01:00–01:59 happens twice', () => {
    test.each([
      ['01:00', '2026-10-25T00:00:00.000Z'],
      ['01:30', '2026-10-25T00:30:00.000Z'],
      ['01:59', '2026-10-25T00:59:00.000Z'],
    ])('the repeated time %s is read as the earlier (BST) instant %s', (time, instant) => {
      expect(fromLondon('2026-10-25', time)).toBe(instant);
    });

    test.each([
      ['00:59', '2026-10-24T23:59:00.000Z'],
      ['02:00', '2026-10-25T02:00:00.000Z'],
    ])('%s either side is unambiguous (%s)', (time, instant) => {
      expect(fromLondon('2026-10-25', time)).toBe(instant);
    });
  });

  test('round-trips with toLondon for every half hour across both clock changes', () => {
    for (const date of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        if (date === '2026-03-29' && time.startsWith('01:')) continue; // does not exist
        expect(toLondon(fromLondon(date, time)), `${date} ${time}`).toMatchObject({ date, time });
      }
    }
  });
});

describe('ageInYears', () => {
  test.each([
    ['2012-03-27', '2026-03-26T12:00:00.000Z', 13],
    ['2012-03-27', '2026-03-27T00:00:00.000Z', 14],
    ['2012-03-27', '2026-03-27T12:00:00.000Z', 14],
    ['2012-03-27', '2026-03-28T12:00:00.000Z', 14],
    ['2008-03-10', '2026-03-09T23:59:00.000Z', 17],
    ['2008-03-10', '2026-03-10T00:00:00.000Z', 18],
    ['2026-03-10', '2026-03-10T12:00:00.000Z', 0],
    ['2025-03-10', '2026-03-09T12:00:00.000Z', 0],
    ['2025-03-10', '2026-03-10T12:00:00.000Z', 1],
    ['1906-03-10', '2026-03-10T12:00:00.000Z', 120],
    ['2010-12-31', '2026-01-01T00:00:00.000Z', 15],
  ])('born %s, at %s: %i', (dateOfBirth, at, years) => {
    expect(ageInYears(dateOfBirth, at)).toBe(years);
  });

  describe('29 February birthdays fall on 1 March in common years', () => {
    test.each([
      ['2027-02-28T12:00:00.000Z', 2],
      ['2027-03-01T00:00:00.000Z', 3],
      ['2028-02-28T12:00:00.000Z', 3],
      ['2028-02-29T00:00:00.000Z', 4],
      ['2028-03-01T12:00:00.000Z', 4],
      ['2042-02-28T12:00:00.000Z', 17],
      ['2042-03-01T00:00:00.000Z', 18],
    ])('born 2024-02-29, at %s: %i', (at, years) => {
      expect(ageInYears('2024-02-29', at)).toBe(years);
    });
  });

  test('uses the London date, not the UTC date: 23:30 UTC on 30 June is 1 July in London (BST)', () => {
    expect(ageInYears('2010-07-01', '2026-06-30T23:30:00.000Z')).toBe(16);
    expect(ageInYears('2010-07-01', '2026-06-30T22:30:00.000Z')).toBe(15);
  });

  test('is negative for a date of birth after the instant (the caller treats it as unknown)', () => {
    expect(ageInYears('2026-03-11', '2026-03-10T12:00:00.000Z')).toBe(-1);
  });
});

describe('ageInMonths', () => {
  test.each([
    ['2026-03-10', '2026-03-10T12:00:00.000Z', 0],
    ['2026-02-10', '2026-03-09T12:00:00.000Z', 0],
    ['2026-02-10', '2026-03-10T12:00:00.000Z', 1],
    ['2025-03-10', '2026-03-10T12:00:00.000Z', 12],
    ['2024-09-15', '2026-03-10T12:00:00.000Z', 17],
    ['2024-09-15', '2026-03-15T12:00:00.000Z', 18],
    ['2025-12-31', '2026-01-30T12:00:00.000Z', 0],
    ['2025-12-31', '2026-01-31T12:00:00.000Z', 1],
    ['2026-03-11', '2026-03-10T12:00:00.000Z', 0],
  ])('born %s, at %s: %i', (dateOfBirth, at, months) => {
    expect(ageInMonths(dateOfBirth, at)).toBe(months);
  });
});

describe('describeAge', () => {
  const at = '2026-03-10T12:00:00.000Z';
  test.each([
    ['2026-03-10', '0 days'],
    ['2026-03-09', '1 day'],
    ['2026-02-28', '10 days'],
    ['2026-02-10', '1 month'],
    ['2025-12-01', '3 months'],
    ['2025-03-10', '12 months'],
    ['2024-03-11', '23 months'],
    ['2024-03-10', '2 years'],
    ['2021-01-01', '5 years'],
    ['1950-06-01', '75 years'],
  ])('born %s: "%s"', (dateOfBirth, text) => {
    expect(describeAge(dateOfBirth, at)).toBe(text);
  });

  test('counts days by the London date: born 30 June, 2 days old at 00:30 BST on 2 July (23:30 UTC on 1 July)', () => {
    expect(describeAge('2026-06-30', '2026-07-01T23:30:00.000Z')).toBe('2 days');
    expect(describeAge('2026-06-30', '2026-07-01T22:30:00.000Z')).toBe('1 day');
  });
});

describe('addDays', () => {
  test.each([
    ['2026-03-10', 1, '2026-03-11'],
    ['2026-03-10', 0, '2026-03-10'],
    ['2026-03-10', -10, '2026-02-28'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('hoursBetween and compareIso', () => {
  test('hoursBetween is fractional and signed', () => {
    expect(hoursBetween('2026-03-10T12:00:00.000Z', '2026-03-10T13:30:00.000Z')).toBe(1.5);
    expect(hoursBetween('2026-03-10T13:30:00.000Z', '2026-03-10T12:00:00.000Z')).toBe(-1.5);
  });

  test('hoursBetween counts real hours across the spring clock change (23, not 24)', () => {
    expect(hoursBetween(fromLondon('2026-03-28', '12:00'), fromLondon('2026-03-29', '12:00'))).toBe(23);
    expect(hoursBetween(fromLondon('2026-10-24', '12:00'), fromLondon('2026-10-25', '12:00'))).toBe(25);
  });

  test.each([
    ['2026-03-10', '2026-03-11', -1],
    ['2026-03-11', '2026-03-10', 1],
    ['2026-03-10', '2026-03-10', 0],
    ['2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.000Z', -1],
  ])('compareIso(%s, %s) is %i', (a, b, expected) => {
    expect(compareIso(a, b)).toBe(expected);
  });
});

describe('formatDate, formatDateTime and formatClockTime', () => {
  test.each([
    ['2026-03-03', '3 March 2026'],
    ['2026-12-25', '25 December 2026'],
    ['2024-02-29', '29 February 2024'],
    ['2010-01-01', '1 January 2010'],
  ])('formatDate(%s) is "%s"', (date, text) => {
    expect(formatDate(date)).toBe(text);
  });

  test.each([
    ['2026-03-03T14:05:00.000Z', '3 March 2026 at 14:05'],
    ['2026-07-01T13:05:00.000Z', '1 July 2026 at 14:05'],
    ['2026-06-30T23:30:00.000Z', '1 July 2026 at 00:30'],
    ['2026-10-25T00:30:00.000Z', '25 October 2026 at 01:30'],
    ['2026-10-25T01:30:00.000Z', '25 October 2026 at 01:30'],
  ])('formatDateTime(%s) is "%s" (London time)', (instant, text) => {
    expect(formatDateTime(instant)).toBe(text);
  });

  test.each([
    ['2026-03-03T14:05:09.000Z', '14:05:09'],
    ['2026-07-01T13:32:05.999Z', '14:32:05'],
    ['2026-01-01T00:00:00.000Z', '00:00:00'],
  ])('formatClockTime(%s) is "%s" (London time, for "Saved on this device at")', (instant, text) => {
    expect(formatClockTime(instant)).toBe(text);
  });
});

// Setting process.env.TZ moves the clock only in a process's main thread: mutation testing
// runs these tests in worker threads, where the zone cannot be changed, so there they skip.
describe.skipIf(!isMainThread)('does not depend on the host time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  test.each(['America/Los_Angeles', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC'])('gives London answers with the host set to %s', (zone) => {
    process.env.TZ = zone;
    expect(new Date(Date.UTC(2026, 6, 1, 12)).getTimezoneOffset()).not.toBe(-60); // the host really is not in BST
    expect(toLondon('2026-06-30T23:30:00.000Z')).toMatchObject({ date: '2026-07-01', time: '00:30' });
    expect(fromLondon('2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(fromLondon('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(ageInYears('2010-07-01', '2026-06-30T23:30:00.000Z')).toBe(16);
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(formatDateTime('2026-06-30T23:30:00.000Z')).toBe('1 July 2026 at 00:30');
  });
});

// Shrunk counterexamples from the property-based tests (tests/unit/fuzz/dates.fuzz.test.ts),
// kept as ordinary regression tests.
describe('fuzz regressions', () => {
  test('addDays keeps a year from 0001 to 0099 (Date.UTC read "0099" as 1999)', () => {
    expect(addDays('0099-12-31', 0)).toBe('0099-12-31');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0012-03-01', -1)).toBe('0012-02-29');
  });

  test('toLondon writes a year before 1000 with four digits, and fromLondon keeps it', () => {
    expect(toLondon(fromLondon('0099-06-15', '12:00')).date).toBe('0099-06-15');
  });

  test('there is no year 0000: it is not a real date', () => {
    expect(parseDateParts({ day: '1', month: '1', year: '0000' })).toEqual({ ok: false, problem: 'not-a-real-date' });
    expect(parseDateParts({ day: '1', month: '1', year: '0001' })).toEqual({ ok: true, value: '0001-01-01' });
  });

  test('fromLondon lands on the London date before 1 December 1847 (local mean time, 75 seconds behind GMT)', () => {
    expect(toLondon(fromLondon('1847-12-01', '00:00')).date).toBe('1847-12-01');
  });

  test('fromLondon reads British Double Summer Time (UTC+2, 1940s) and British Standard Time (UTC+1 all year, 1968–71)', () => {
    expect(fromLondon('1944-06-15', '12:00')).toBe('1944-06-15T10:00:00.000Z');
    expect(fromLondon('1970-01-15', '12:00')).toBe('1970-01-15T11:00:00.000Z');
  });
});

describe('prepareLondonClock', () => {
  test('does ahead the work of the first London time read: the formatter is built and this hour read, so a read later in the hour calls no formatter', async () => {
    vi.resetModules();
    const dates = await import('./dates');
    const read = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      dates.prepareLondonClock(new Date('2026-11-30T20:05:00.000Z'));
      const calls = read.mock.calls.length;
      expect(calls).toBeGreaterThan(0);
      expect(dates.toLondon('2026-11-30T20:41:17.000Z')).toMatchObject({ date: '2026-11-30', time: '20:41' });
      expect(read).toHaveBeenCalledTimes(calls);
    } finally {
      read.mockRestore();
    }
  });
});
