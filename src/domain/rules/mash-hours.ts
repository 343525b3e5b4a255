/**
 * MASH opening hours: whether children's social care (the MASH) is open at an instant, and
 * when it next opens.
 *
 * Owns the reading of the MASH hours in device settings (days, opensAt, closesAt, bank
 * holidays) against London wall-clock time. Out-of-hours referrals were CQC finding 3.4:
 * outside these hours the app shows the emergency duty team number and
 * asks who will make the referral next working day (PRODUCT.md 4.9).
 *
 * Why wall-clock time: the MASH opens at 09:00 London time all year, so the same rule must
 * hold on both sides of a clock change and whatever zone the device or test runs in.
 * closesAt is exclusive: with the default 16:00 close, 15:59 is in hours and 16:00 is not.
 */
import { addDays, compareIso, fromLondon, toLondon } from '../shared/dates';
import type { IsoDate, IsoInstant } from '../shared/dates';
import type { MashHours } from '../settings/device-settings';

/** Longest look-ahead for the next opening: a year covers any run of closures a trust configures. */
const MAX_DAYS_AHEAD = 366;

/** Whether the MASH is open on a London calendar date (weekday, not a bank holiday). */
export function isMashDay(date: IsoDate, isoWeekday: number, mashHours: MashHours): boolean {
  return mashHours.days.includes(isoWeekday) && !mashHours.bankHolidays.includes(date);
}

/** Whether the configured hours make any opening at all (opensAt before closesAt, and some day). */
const hasOpening = (mashHours: MashHours): boolean => mashHours.days.length > 0 && compareIso(mashHours.opensAt, mashHours.closesAt) < 0;

/**
 * Whether the MASH is open at an instant: an opening day that is not a bank holiday, from
 * opensAt (inclusive) to closesAt (exclusive), in London wall-clock time.
 */
export function isWithinMashHours(instant: IsoInstant, mashHours: MashHours): boolean {
  if (!hasOpening(mashHours)) return false;
  const wall = toLondon(instant);
  if (!isMashDay(wall.date, wall.isoWeekday, mashHours)) return false;
  return compareIso(wall.time, mashHours.opensAt) >= 0 && compareIso(wall.time, mashHours.closesAt) < 0;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekdayOf(date: IsoDate): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The first instant at or after `instant` when the MASH is open: `instant` itself when it is
 * open now, otherwise the next opening time. Undefined when the settings never open (no days,
 * or opensAt not before closesAt) or every day of the next year is closed.
 */
export function nextMashOpening(instant: IsoInstant, mashHours: MashHours): IsoInstant | undefined {
  if (!hasOpening(mashHours)) return undefined;
  if (isWithinMashHours(instant, mashHours)) return instant;
  const today = toLondon(instant).date;
  for (let offset = 0; offset <= MAX_DAYS_AHEAD; offset += 1) {
    const date = addDays(today, offset);
    if (!isMashDay(date, isoWeekdayOf(date), mashHours)) continue;
    const opening = fromLondon(date, mashHours.opensAt);
    // Compared as instants, so a caller's "…T09:00Z" and our "…T09:00:00.000Z" agree. An
    // opening time in the hour the clocks skip reads as an hour later, which can be after
    // closing: that day has no opening (fuzz regression in mash-hours.test.ts).
    if (Date.parse(opening) > Date.parse(instant) && isWithinMashHours(opening, mashHours)) return opening;
  }
  return undefined;
}
