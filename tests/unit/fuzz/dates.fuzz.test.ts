/**
 * Properties of the date and number helpers (src/domain/shared) at the edges: 29 February,
 * the Europe/London clock changes, years 1900 and 2100, and any text typed into a date,
 * time, NHS number, postcode or phone field. They never throw, and what they read
 * round-trips.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mashHoursSchema } from '../../../src/domain/settings/device-settings';
import { isWithinMashHours, nextMashOpening } from '../../../src/domain/rules/mash-hours';
import { addDays, ageInMonths, ageInYears, datePartsFromIso, describeAge, formatDate, formatDateTime, fromLondon, hoursBetween, isLeapYear, parseDateParts, parseTimeOfDay, toLondon } from '../../../src/domain/shared/dates';
import { checkNhsNumber, formatNhsNumber, normaliseNhsNumber } from '../../../src/domain/shared/nhs-number';
import { isValidPhone, normalisePhone } from '../../../src/domain/shared/phone';
import { checkPostcode } from '../../../src/domain/shared/postcode';
import { normaliseNameForMatching } from '../../../src/domain/shared/text';
import { anyString, asObject, dateParts, fromSchema, fuzzParameters, isoDate, isoInstant, timeOfDay } from '../../../src/test-support/fuzz-arbitraries';

/** Any date parseDateParts accepts: four-digit years from 0001 (what a slip of the keyboard can type) to 9999. */
const anyAcceptedDate = fc.oneof(
  isoDate,
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
);

describe('dates', () => {
  it('parseDateParts reads any text without throwing, and a date it accepts reads back the same from its parts', () => {
    fc.assert(
      fc.property(dateParts, (parts) => {
        const read = parseDateParts(parts);
        if (!read.ok) return;
        expect(read.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(parseDateParts(datePartsFromIso(read.value))).toEqual(read);
        expect(formatDate(read.value)).toContain(String(Number(read.value.slice(0, 4))));
      }),
      fuzzParameters(200),
    );
  });

  it('parseTimeOfDay reads any text without throwing, and only into a real 24-hour time', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, timeOfDay), (text) => {
        const time = parseTimeOfDay(text);
        if (time !== undefined) {
          expect(time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          expect(parseTimeOfDay(time)).toBe(time);
        }
      }),
      fuzzParameters(200),
    );
  });

  it('fromLondon lands on the same London calendar date for every date and time, clock-change days and years 1 to 9999 included', () => {
    fc.assert(
      fc.property(anyAcceptedDate, timeOfDay, (date, time) => {
        const instant = fromLondon(date, time);
        const wall = toLondon(instant);
        expect(wall.date).toBe(date);
        // The spring-forward hour does not exist: read as one hour later, the same day.
        if (wall.time !== time) expect(hoursBetween(fromLondon(date, wall.time), instant)).toBe(0);
      }),
      fuzzParameters(200),
    );
  });

  it('fromLondon gives back any instant from its London wall-clock reading (the earlier one in the autumn hour)', () => {
    fc.assert(
      fc.property(isoInstant, (instant) => {
        const minute = new Date(Math.floor(Date.parse(instant) / 60_000) * 60_000).toISOString();
        const wall = toLondon(instant);
        const back = fromLondon(wall.date, wall.time);
        expect([0, -1]).toContain(hoursBetween(minute, back));
        expect(formatDateTime(instant)).toContain(wall.time);
      }),
      fuzzParameters(200),
    );
  });

  it('toLondon reads what the time-zone formatter reads at any instant from year 1 to 9999 (its offset is cached by the hour)', () => {
    const formatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    fc.assert(
      fc.property(fc.oneof(isoInstant, fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString())), (instant) => {
        const parts = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
        const wall = toLondon(instant);
        expect(wall.date).toBe(`${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}`);
        expect(`${wall.time}:${String(wall.seconds).padStart(2, '0')}`).toBe(`${parts.hour}:${parts.minute}:${parts.second}`);
      }),
      fuzzParameters(500),
    );
  });

  it('addDays moves by whole calendar days and back again, for every date parseDateParts accepts', () => {
    fc.assert(
      fc.property(anyAcceptedDate, fc.integer({ min: -40_000, max: 40_000 }), (date, days) => {
        expect(addDays(date, 0)).toBe(date);
        const moved = addDays(date, days);
        if (moved >= '0001-01-01' && moved <= '9999-12-31') expect(addDays(moved, -days)).toBe(date);
      }),
      fuzzParameters(200),
    );
  });

  it('age in years turns over on the birthday, and on 1 March in a common year for a 29 February birthday (UK practice)', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 120 }), timeOfDay, (dateOfBirth, years, time) => {
        const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
        const year = by + years;
        fc.pre(year <= 2200);
        const leapDayInCommonYear = bm === 2 && bd === 29 && !isLeapYear(year);
        const birthday = leapDayInCommonYear ? `${String(year).padStart(4, '0')}-03-01` : `${String(year).padStart(4, '0')}${dateOfBirth.slice(4)}`;
        const at = fromLondon(birthday, time);
        expect(ageInYears(dateOfBirth, at)).toBe(years);
        if (years > 0) expect(ageInYears(dateOfBirth, fromLondon(addDays(birthday, -1), time))).toBe(years - 1);
        expect(ageInMonths(dateOfBirth, at)).toBeGreaterThanOrEqual(years * 12);
        expect(describeAge(dateOfBirth, at)).not.toMatch(/-|NaN|undefined/);
      }),
      fuzzParameters(200),
    );
  });
});

describe('MASH hours over the clock changes', () => {
  it('the next opening is never before the instant, and the MASH is open at it', () => {
    const hours = fromSchema(mashHoursSchema).map((value) => mashHoursSchema.parse(asObject(value)));
    // Hours that open or close in the hour the clocks skip or repeat, read in the days before a change.
    const clockChangeHours = fc.record({ days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), opensAt: timeOfDay, closesAt: timeOfDay, bankHolidays: fc.constant<string[]>([]) });
    const beforeAChange = fc.tuple(fc.constantFrom('2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z', '2027-03-28T01:00:00.000Z'), fc.integer({ min: 0, max: 8 * 24 * 60 })).map(([change, minutes]) => new Date(Date.parse(change) - minutes * 60_000).toISOString());
    fc.assert(
      fc.property(fc.oneof(fc.tuple(isoInstant, hours), fc.tuple(beforeAChange, clockChangeHours)), ([instant, mashHours]) => {
        const opening = nextMashOpening(instant, mashHours);
        if (opening === undefined) return;
        expect(Date.parse(opening)).toBeGreaterThanOrEqual(Date.parse(instant));
        expect(isWithinMashHours(opening, mashHours)).toBe(true);
      }),
      fuzzParameters(150),
    );
  });
});

describe('identifiers typed by hand', () => {
  it('NHS number, postcode, phone and name readers take any text without throwing, and what they accept is stable', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const nhs = checkNhsNumber(normaliseNhsNumber(text));
        if (nhs.ok) {
          expect(nhs.value).toMatch(/^\d{10}$/);
          expect(checkNhsNumber(normaliseNhsNumber(formatNhsNumber(nhs.value)))).toEqual(nhs);
        }
        const postcode = checkPostcode(text);
        if (postcode.ok) expect(checkPostcode(postcode.value)).toEqual(postcode);
        if (isValidPhone(text)) expect(isValidPhone(normalisePhone(text))).toBe(true);
        const name = normaliseNameForMatching(text);
        expect(normaliseNameForMatching(name)).toBe(name);
      }),
      fuzzParameters(200),
    );
  });
});
