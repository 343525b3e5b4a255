/**
 * When the GP letter is due: the NHS Standard Contract asks that the emergency care
 * discharge summary reach the GP within 24 hours of the attendance (research §7.1;
 * RCPCH "Facing the Future: Together for child health" standard 7). The home screen lists
 * signed attendances whose GP letter is not issued, with the hours since arrival.
 * Kept apart from the letter modules so the home screen loads only this.
 */
import { hoursBetween } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';

export const GP_LETTER_DEADLINE_HOURS = 24;

export interface GpLetterDue {
  /** Whole hours since arrival (never negative). */
  hoursSinceArrival: number;
  overdue: boolean;
  /** "5 hours since arrival", "1 hour since arrival", "30 hours since arrival: overdue". */
  text: string;
}

export function gpLetterDue(arrivedAt: IsoInstant, now: IsoInstant): GpLetterDue {
  const hours = Math.max(0, Math.floor(hoursBetween(arrivedAt, now)));
  const overdue = hoursBetween(arrivedAt, now) >= GP_LETTER_DEADLINE_HOURS;
  const text = `${hours} ${hours === 1 ? 'hour' : 'hours'} since arrival${overdue ? ': over 24 hours' : ''}`;
  return { hoursSinceArrival: hours, overdue, text };
}
