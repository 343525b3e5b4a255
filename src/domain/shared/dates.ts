/**
 * Dates and times as the nurse sees them: Europe/London wall-clock time.
 *
 * Owns: calendar dates ("YYYY-MM-DD") typed as day/month/year, times of day ("HH:MM"),
 * conversion between London wall-clock time and instants (ISO 8601 UTC strings), age at a
 * given instant, and display formats. No clock here: "now" is always passed in.
 *
 * Why London explicitly: tablets are set to UK time, but the rules (age at arrival, delay
 * over 24 hours, MASH hours) must not change if a device or a test runs in another zone.
 */

export const LONDON = 'Europe/London';

/** A calendar date in ISO form, e.g. "2026-03-01". */
export type IsoDate = string;
/** An instant as an ISO 8601 UTC string, e.g. "2026-03-01T14:05:00.000Z". */
export type IsoInstant = string;

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePartsProblem =
  | 'empty'
  | 'missing-day'
  | 'missing-month'
  | 'missing-year'
  | 'not-a-number'
  | 'year-not-four-digits'
  | 'not-a-real-date';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function monthFromText(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * Reads a day/month/year input into an ISO date. Accepts month names ("Mar", "march") as
 * the GOV.UK date pattern recommends, and rejects impossible dates such as 31/02.
 */
export function parseDateParts(parts: DateParts): { ok: true; value: IsoDate } | { ok: false; problem: DatePartsProblem } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: false, problem: 'empty' };
  if (!day) return { ok: false, problem: 'missing-day' };
  if (!month) return { ok: false, problem: 'missing-month' };
  if (!year) return { ok: false, problem: 'missing-year' };
  const monthNumber = /^\d{1,2}$/.test(month) ? Number(month) : monthFromText(month);
  if (!/^\d{1,2}$/.test(day) || monthNumber === undefined || !/^\d+$/.test(year)) {
    return { ok: false, problem: 'not-a-number' };
  }
  if (year.length !== 4) return { ok: false, problem: 'year-not-four-digits' };
  const y = Number(year);
  // There is no year 0 in the calendar as written (1 BC is followed by AD 1).
  if (y === 0) return { ok: false, problem: 'not-a-real-date' };
  const d = Number(day);
  // daysInMonth is 0 for a month outside 1–12, so this refuses month 0 and 13 as well.
  if (d < 1 || d > daysInMonth(y, monthNumber)) {
    return { ok: false, problem: 'not-a-real-date' };
  }
  return { ok: true, value: `${pad(y, 4)}-${pad(monthNumber)}-${pad(d)}` };
}

/**
 * Whether a date's year is still being typed: one to three digits in the year, with the day
 * and month given (a year of four digits is typed one digit at a time). The patient page
 * keeps the pathway it last derived while this holds (features/assessment/sections/
 * use-live-context.ts), so the questions on screen do not go and come back with each digit.
 */
export function yearBeingTyped(parts: DateParts): boolean {
  const read = parseDateParts(parts);
  return !read.ok && read.problem === 'year-not-four-digits' && /^\d{1,3}$/.test(parts.year.trim());
}

/** Splits an ISO date back into the parts a date input shows. */
export function datePartsFromIso(date: IsoDate): DateParts {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export const emptyDateParts = (): DateParts => ({ day: '', month: '', year: '' });

/** Reads "14:30", "1430", "14.30" or "9:05" into "HH:MM" (24-hour clock). */
export function parseTimeOfDay(text: string): string | undefined {
  const match = /^\s*(\d{1,2})\s*[:.]?\s*(\d{2})\s*$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${pad(hours)}:${pad(minutes)}`;
}

/**
 * Made on first use, not at load: building a time-zone formatter loads the zone data, about
 * 100 ms of a cheap tablet's start-up, and the lock screen shows no date.
 */
let londonPartsFormatter: Intl.DateTimeFormat | undefined;
const londonParts = (date: Date): Intl.DateTimeFormatPart[] => {
  londonPartsFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: LONDON,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  });
  return londonPartsFormatter.formatToParts(date);
};

export interface LondonWallClock {
  date: IsoDate;
  time: string;
  seconds: number;
  /** 1 = Monday … 7 = Sunday */
  isoWeekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The London wall-clock date and time of an instant, read from the time-zone formatter. */
function toLondonByFormatter(date: Date): LondonWallClock {
  const parts: Record<string, string> = {};
  for (const part of londonParts(date)) parts[part.type] = part.value;
  return {
    // Intl writes years before 1000 without leading zeros ("99"): ISO dates have four digits.
    date: `${(parts.year ?? '').padStart(4, '0')}-${parts.month ?? ''}-${parts.day ?? ''}`,
    time: `${parts.hour ?? ''}:${parts.minute ?? ''}`,
    seconds: Number(parts.second),
    isoWeekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

const HOUR_MS = 3_600_000;
/** Years 1000–9999 (the formatter's four-digit years) take the cached offset; any other instant is read by the formatter. */
const CACHED_FROM_MS = Date.UTC(1000, 0, 1);
const CACHED_UNTIL_MS = Date.UTC(9999, 11, 31);
/** London's offset from UTC (ms) through each UTC hour seen, by hour number; null when it changes within that hour. */
const offsetByHour = new Map<number, number | null>();
const OFFSET_CACHE_LIMIT = 4096;

/** The offset at the whole second of `ms`, from the formatter. */
function formatterOffsetAt(ms: number): number {
  const wall = toLondonByFormatter(new Date(ms));
  const [y, mo, d] = wall.date.split('-').map(Number);
  const [h, mi] = wall.time.split(':').map(Number);
  return utcMillis(y ?? 0, mo ?? 1, d ?? 1, h ?? 0, mi ?? 0, wall.seconds) - Math.floor(ms / 1000) * 1000;
}

/**
 * London's offset through the UTC hour holding `ms`, or null when it changes within the hour.
 * Why: the formatter is the slow part of every date on screen and of every autosave (the
 * arrival instant is read back from its wall-clock time, three formatter calls). A profile
 * of ten answers on the people page at 4x (tests/bench/app.bench.ts, 30 November 2026) put
 * about 9 ms of them here. London's offset changes at most once in any hour (every change in
 * the zone's history, local mean time to GMT in 1847 included), so an offset the same at both
 * ends of an hour holds for all of it: two formatter calls an hour, then arithmetic.
 */
function offsetThroughHour(ms: number): number | null {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = formatterOffsetAt(hour * HOUR_MS);
    offset = start === formatterOffsetAt(hour * HOUR_MS + HOUR_MS - 1000) ? start : null;
    if (offsetByHour.size >= OFFSET_CACHE_LIMIT) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The offset at `ms` when the cache holds it for that hour; null when the formatter must read it. */
const cachedOffsetAt = (ms: number): number | null => (ms >= CACHED_FROM_MS && ms <= CACHED_UNTIL_MS ? offsetThroughHour(ms) : null);

/**
 * Builds the time-zone formatter and reads this hour's offset now, for a caller that knows the
 * main thread is idle: the app while a PIN is checked (PBKDF2 runs off the main thread). Else
 * the first screen after unlocking does it inside its first render (about 45 ms of a 63 ms
 * task at 4x CPU slowdown in a Lighthouse trace of the flow, 30 November 2026).
 */
export function prepareLondonClock(now: Date): void {
  toLondon(now);
}

/** The London wall-clock date and time of an instant. */
export function toLondon(instant: IsoInstant | Date): LondonWallClock {
  const date = new Date(instant);
  const ms = date.getTime();
  const offset = cachedOffsetAt(ms);
  if (offset === null) return toLondonByFormatter(date);
  // The wall clock, written as if it were UTC (the formatter drops milliseconds).
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    date: `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
    seconds: wall.getUTCSeconds(),
    isoWeekday: ((wall.getUTCDay() + 6) % 7) + 1,
  };
}

/**
 * Milliseconds since the epoch of a UTC calendar date and time. Unlike Date.UTC, a year from
 * 0 to 99 is that year, not 1900–1999 (a four-digit year such as 0012 can be typed).
 */
function utcMillis(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, 0);
  return date.getTime();
}

/** How far London wall-clock time is ahead of UTC at an instant, in milliseconds. */
function londonOffsetAt(ms: number): number {
  return cachedOffsetAt(ms) ?? formatterOffsetAt(ms);
}

const DAY_MS = 86_400_000;

/**
 * The instant at which London wall-clock time reads `date` `time`.
 * In the autumn hour that happens twice, the earlier (BST) instant is chosen; a time that
 * does not exist (the spring-forward hour) is read as the instant one hour later.
 * The offsets tried are the ones London used either side of that day, so the answer is
 * right in every year the zone data covers: GMT and BST, British Double Summer Time (UTC+2
 * in the 1940s), British Standard Time (UTC+1 all year, 1968–71) and local mean time
 * before 1 December 1847.
 */
export function fromLondon(date: IsoDate, time: string): IsoInstant {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const asUtc = utcMillis(y ?? 0, mo ?? 1, d ?? 1, h ?? 0, mi ?? 0);
  // The larger offset first, so a time that happens twice picks the earlier instant.
  const offsets = [...new Set([londonOffsetAt(asUtc - DAY_MS), londonOffsetAt(asUtc + DAY_MS)])].sort((a, b) => b - a);
  for (const offset of offsets) {
    const candidate = new Date(asUtc - offset);
    const wall = toLondon(candidate);
    if (wall.date === date && wall.time === time) return candidate.toISOString();
  }
  // In a skipped hour: read with the offset before the change, which lands that much later.
  return new Date(asUtc - Math.min(...offsets)).toISOString();
}

/** Whole years between a date of birth and an instant, with 29 February birthdays on 1 March in common years (UK practice). */
export function ageInYears(dateOfBirth: IsoDate, at: IsoInstant): number {
  const today = toLondon(at).date;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  // A common year has no 29 February, so "on or after 29 February" is "on or after 1 March":
  // the comparison needs no special case for leap-day birthdays.
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** Whole months between a date of birth and an instant (for infants' ages in letters). */
export function ageInMonths(dateOfBirth: IsoDate, at: IsoInstant): number {
  const today = toLondon(at).date;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const months = (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0);
  return Math.max(0, months);
}

/** Compares two ISO dates or two ISO instants (same kind). */
export const compareIso = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Adds whole days to an ISO calendar date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(utcMillis(y, m, d + days)).toISOString().slice(0, 10);
}

/** Hours (fractional) from one instant to another. */
export function hoursBetween(from: IsoInstant, to: IsoInstant): number {
  return (Date.parse(to) - Date.parse(from)) / 3_600_000;
}

/** "3 March 2026" */
export function formatDate(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1] ?? ''} ${y}`;
}

/** "3 March 2026 at 14:05" in London time. */
export function formatDateTime(instant: IsoInstant): string {
  const wall = toLondon(instant);
  return `${formatDate(wall.date)} at ${wall.time}`;
}

/** "14:05:09" in London time, for the "Saved on this device at" line. */
export function formatClockTime(instant: IsoInstant): string {
  const wall = toLondon(instant);
  return `${wall.time}:${pad(wall.seconds)}`;
}

/** "5 years", "1 year", "7 months", "10 days" — how old a patient is, for headings and letters. */
export function describeAge(dateOfBirth: IsoDate, at: IsoInstant): string {
  const years = ageInYears(dateOfBirth, at);
  if (years >= 2) return `${years} years`;
  const months = ageInMonths(dateOfBirth, at);
  if (months >= 1) return months === 1 ? '1 month' : `${months} months`;
  const days = Math.max(0, Math.floor((Date.parse(`${toLondon(at).date}T00:00:00Z`) - Date.parse(`${dateOfBirth}T00:00:00Z`)) / 86_400_000));
  return days === 1 ? '1 day' : `${days} days`;
}
