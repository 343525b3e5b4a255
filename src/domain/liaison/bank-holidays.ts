/**
 * The bank holidays a new tablet starts with: England and Wales, 2026 and 2027, as published
 * on gov.uk ("UK bank holidays"), under the Banking and Financial Dealings Act 1971,
 * Schedule 1 (a holiday that falls at a weekend moves to the next weekday: 28 December 2026;
 * 27 and 28 December 2027). Scotland and Northern Ireland differ: the nurse in charge edits
 * the list in settings (issue 12, settings "bank holidays").
 *
 * Owns: the default list only. Which dates are working days is working-days.ts.
 */
import type { IsoDate } from '../shared/dates';

export const ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027: readonly IsoDate[] = [
  '2026-01-01', // New Year's Day
  '2026-04-03', // Good Friday
  '2026-04-06', // Easter Monday
  '2026-05-04', // Early May bank holiday
  '2026-05-25', // Spring bank holiday
  '2026-08-31', // Summer bank holiday
  '2026-12-25', // Christmas Day
  '2026-12-28', // Boxing Day (substitute day)
  '2027-01-01', // New Year's Day
  '2027-03-26', // Good Friday
  '2027-03-29', // Easter Monday
  '2027-05-03', // Early May bank holiday
  '2027-05-31', // Spring bank holiday
  '2027-08-30', // Summer bank holiday
  '2027-12-27', // Christmas Day (substitute day)
  '2027-12-28', // Boxing Day (substitute day)
];
