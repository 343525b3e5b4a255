/**
 * The paediatric liaison review list (PRODUCT.md section 6; issue 12; CQC recommendations
 * 1.5 and 3.5: a safety net that reviews every under-18 attendance): which attendances join
 * it and why, each one's review status (to review / reviewed / overdue), the filters, and the
 * overdue count the home screen shows.
 *
 * Pure, over any set of sealed summaries and review records (this tablet's today; a
 * department's when records are shared, PRODUCT.md section 8a): storage only fetches. Reads
 * summaries, never full records (issue 12 clarification: keep the list within budget with
 * sealed summaries). Kept light: the home screen's overdue count loads it.
 */
import { leftUnsigned } from '../assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../assessment/attendance-summary-schema';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { datePartsMessage } from '../assessment/validation-helpers';
import { addDays, compareIso, fromLondon, parseDateParts, toLondon } from '../shared/dates';
import type { DateParts, IsoDate, IsoInstant } from '../shared/dates';
import { latestReview } from './liaison-review';
import type { LiaisonReview, LiaisonReviewRecord } from './liaison-review';
import { liaisonReviewDueAt, liaisonReviewDueDate } from './working-days';

/**
 * Why an attendance is on the list (issue 12 "Liaison review list" and its clarifications).
 * 'age-not-known': no date of birth or estimated age is recorded, so it cannot be ruled out
 * that the patient is a child: the safety net keeps them rather than lose a child.
 */
export const liaisonReasons = ['under-18', 'age-not-known', 'think-family-children', 'open-follow-up', 'referral-to-make', 'left-before-assessment', 'left-unsigned'] as const;
export type LiaisonReason = (typeof liaisonReasons)[number];

export const liaisonReasonLabels: Record<LiaisonReason, string> = {
  'under-18': 'Under 18',
  'age-not-known': 'Age not recorded',
  'think-family-children': 'Think Family found children',
  'open-follow-up': 'Open follow-up',
  'referral-to-make': "Referral to children's social care still to make",
  'left-before-assessment': 'Left before assessment',
  'left-unsigned': 'Assessment left unsigned for more than 12 hours',
};

/** The oversight facts the list reads from a summary (the left-before and Think Family fields may come from other sections). */
export type LiaisonSummary = AttendanceSummary;

/** Every reason this attendance is on the list, in the order above; empty when it is not on it. */
export function liaisonReasonsFor(summary: LiaisonSummary, now: IsoInstant): LiaisonReason[] {
  const reasons: LiaisonReason[] = [];
  const age = summary.ageYears;
  if (age !== null && age < 18) reasons.push('under-18');
  if (age === null) reasons.push('age-not-known');
  if (age !== null && age >= 18 && (summary.thinkFamilyChildren ?? 0) > 0) reasons.push('think-family-children');
  if (summary.followUps.length > 0) reasons.push('open-follow-up');
  if (summary.pendingReferral !== null) reasons.push('referral-to-make');
  if (summary.leftBeforeAssessment) reasons.push('left-before-assessment');
  if (leftUnsigned(summary, now)) reasons.push('left-unsigned');
  return reasons;
}

export const liaisonStatuses = ['to-review', 'overdue', 'reviewed'] as const;
export type LiaisonStatus = (typeof liaisonStatuses)[number];

export const liaisonStatusLabels: Record<LiaisonStatus, string> = {
  'to-review': 'To review',
  overdue: 'Overdue',
  reviewed: 'Reviewed',
};

export interface LiaisonEntry {
  summary: LiaisonSummary;
  reasons: LiaisonReason[];
  /** The end of the next working day after arrival (working-days.ts): the instant it becomes overdue. */
  dueAt: IsoInstant;
  /** That working day, as a London date. */
  dueDate: IsoDate;
  status: LiaisonStatus;
  /** The newest review, when reviewed. */
  review: LiaisonReview | undefined;
  /** Reviewed, but after it fell due. */
  reviewedLate: boolean;
}

/** Review status: reviewed if any review is recorded; otherwise overdue once `now` is past the due time. */
export function liaisonStatus(dueAt: IsoInstant, review: LiaisonReview | undefined, now: IsoInstant): LiaisonStatus {
  if (review) return 'reviewed';
  return Date.parse(now) > Date.parse(dueAt) ? 'overdue' : 'to-review';
}

export interface LiaisonListOptions {
  now: IsoInstant;
  bankHolidays: readonly IsoDate[];
}

/** Reviews looked up by attendance id. */
export type ReviewsById = ReadonlyMap<string, LiaisonReviewRecord>;

/** Every attendance of `summaries` that is on the list, with its status; newest arrival first. */
export function liaisonEntries(summaries: readonly LiaisonSummary[], reviews: ReviewsById, options: LiaisonListOptions): LiaisonEntry[] {
  const entries: LiaisonEntry[] = [];
  for (const summary of summaries) {
    const reasons = liaisonReasonsFor(summary, options.now);
    if (reasons.length === 0) continue;
    const dueAt = liaisonReviewDueAt(summary.arrivedAt, options.bankHolidays);
    const review = latestReview(reviews.get(summary.id));
    const firstReview = reviews.get(summary.id)?.reviews[0];
    entries.push({
      summary,
      reasons,
      dueAt,
      dueDate: liaisonReviewDueDate(summary.arrivedAt, options.bankHolidays),
      status: liaisonStatus(dueAt, review, options.now),
      review,
      reviewedLate: firstReview !== undefined && Date.parse(firstReview.reviewedAt) > Date.parse(dueAt),
    });
  }
  return entries.sort((a, b) => compareIso(b.summary.arrivedAt, a.summary.arrivedAt));
}

export type LiaisonStatusFilter = 'all' | LiaisonStatus;

export const liaisonStatusFilterOptions = [
  { value: 'all', label: 'All' },
  { value: 'to-review', label: 'To review' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'reviewed', label: 'Reviewed' },
] as const satisfies readonly { value: LiaisonStatusFilter; label: string }[];

/** Entries of one status (or all). */
export const filterByStatus = (entries: readonly LiaisonEntry[], status: LiaisonStatusFilter): LiaisonEntry[] =>
  status === 'all' ? [...entries] : entries.filter((entry) => entry.status === status);

/** How many entries are overdue: the home screen's count for the liaison roles. */
export function overdueCount(summaries: readonly LiaisonSummary[], reviews: ReviewsById, options: LiaisonListOptions): number {
  return liaisonEntries(summaries, reviews, options).filter((entry) => entry.status === 'overdue').length;
}

/** An arrival window: from the start of the first London date to the start of the day after the last (exclusive). */
export interface ArrivalRange {
  from: IsoDate;
  to: IsoDate;
  fromInstant: IsoInstant;
  /** Exclusive. */
  toInstant: IsoInstant;
}

/** The longest range the list shows at once: a year (a ten-year range would open every summary on the tablet). */
export const MAX_RANGE_DAYS = 366;

/** The instants bounding London dates `from` to `to` inclusive. */
export function arrivalRange(from: IsoDate, to: IsoDate): ArrivalRange {
  return { from, to, fromInstant: fromLondon(from, '00:00'), toInstant: fromLondon(addDays(to, 1), '00:00') };
}

/** The default window: the last seven days up to today (London). */
export function defaultArrivalRange(now: IsoInstant): ArrivalRange {
  const today = toLondon(now).date;
  return arrivalRange(addDays(today, -6), today);
}

/** Days from one ISO date to another. */
const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Reads the date filter. Bad input gets a message that says what to do: an unreal date, an
 * end before the start, or more than a year (issue 12 "Bad input": end before start, a
 * ten-year range).
 */
export function readDateRange(fromParts: DateParts, toParts: DateParts): { ok: true; value: ArrivalRange } | { ok: false; issues: Issue[] } {
  const issues = new IssueList();
  const from = parseDateParts(fromParts);
  const to = parseDateParts(toParts);
  if (!from.ok) issues.add('from', datePartsMessage('Start date', from.problem));
  if (!to.ok) issues.add('to', datePartsMessage('End date', to.problem));
  if (from.ok && to.ok) {
    const days = daysBetween(from.value, to.value);
    if (days < 0) issues.add('to', 'The end date must be the same as or after the start date');
    else if (days + 1 > MAX_RANGE_DAYS) issues.add('to', 'Choose dates no more than one year apart, for example one week or one month');
  }
  if (!issues.isEmpty || !from.ok || !to.ok) return { ok: false, issues: issues.items };
  return { ok: true, value: arrivalRange(from.value, to.value) };
}

/** Whether an arrival falls in the range (from inclusive, to exclusive). */
export const arrivedInRange = (arrivedAt: IsoInstant, range: Pick<ArrivalRange, 'fromInstant' | 'toInstant'>): boolean =>
  arrivedAt >= range.fromInstant && arrivedAt < range.toInstant;

/**
 * How far back the home screen's overdue count looks: four weeks of arrivals, so the count
 * reads a bounded number of summaries at first load; older unreviewed items are on the list
 * page with a wider date range.
 */
export const OVERDUE_COUNT_WINDOW_DAYS = 28;
