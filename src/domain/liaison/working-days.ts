/**
 * Working days and the liaison review's due time (PRODUCT.md section 6; issue 12
 * clarification: "Overdue means not reviewed by the end of the next working day").
 *
 * Owns: whether a London calendar date is a working day (Monday to Friday, not a bank
 * holiday from settings) and when an attendance's liaison review falls due.
 *
 * Why London wall-clock dates: "the end of the next working day" is midnight as the ward
 * clock reads it, so the same rule holds on both sides of a clock change (a day of 23 or
 * 25 hours) and whatever zone the device runs in.
 */
import { addDays, fromLondon, toLondon } from '../shared/dates';
import type { IsoDate, IsoInstant } from '../shared/dates';

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekdayOfDate(date: IsoDate): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: IsoDate, bankHolidays: readonly IsoDate[]): boolean {
  return isoWeekdayOfDate(date) <= 5 && !bankHolidays.includes(date);
}

/** The first working day after `date`. A run of closed days is finite: a settings list cannot close every day of a year. */
export function nextWorkingDayAfter(date: IsoDate, bankHolidays: readonly IsoDate[]): IsoDate {
  let next = addDays(date, 1);
  for (let i = 0; i < 366 && !isWorkingDay(next, bankHolidays); i += 1) next = addDays(next, 1);
  return next;
}

/**
 * When the liaison review of an attendance falls due: the end of the next working day after
 * the London date of arrival, as the instant the following day begins (midnight London).
 * A review at or before that instant is in time; after it, late.
 */
export function liaisonReviewDueAt(arrivedAt: IsoInstant, bankHolidays: readonly IsoDate[]): IsoInstant {
  return fromLondon(addDays(liaisonReviewDueDate(arrivedAt, bankHolidays), 1), '00:00');
}

/** The London date by the end of which the review is due (the next working day after arrival). */
export function liaisonReviewDueDate(arrivedAt: IsoInstant, bankHolidays: readonly IsoDate[]): IsoDate {
  return nextWorkingDayAfter(toLondon(arrivedAt).date, bankHolidays);
}
