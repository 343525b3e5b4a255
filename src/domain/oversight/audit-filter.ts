/**
 * What the compliance audit is asked for (PRODUCT.md section 6): a date range, a site and a
 * staff group (issue 12: "per staff group so a trust can see whether agency staff follow the
 * prompts"). Owns the form's draft, its validation (issue 12 "Bad input": end before start,
 * a ten-year range) and the instants that bound the storage query.
 *
 * Dates are London calendar dates, as the nurse in charge reads them: an attendance at 00:30
 * BST on 1 April belongs to 1 April, whatever its UTC instant.
 */
import * as z from 'zod/mini';
import type { AnswerOption } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { staffGroupOptions } from '../assessment/staff-ref';
import type { StaffGroup } from '../assessment/staff-ref';
import { datePartsMessage } from '../assessment/validation-helpers';
import { addDays, datePartsFromIso, fromLondon, parseDateParts } from '../shared/dates';
import type { IsoDate, IsoInstant } from '../shared/dates';

/**
 * The longest range one audit covers: a year (366 days, a leap year included). Records are
 * purged after the retention period and stubs kept for 12 months (PRODUCT.md section 8), so a
 * longer range would only look complete; and at 100,000 attendances a year it keeps one audit
 * inside its time budget (PRODUCT.md section 10).
 */
export const MAX_AUDIT_RANGE_DAYS = 366;

/** The range the page opens with: the last 30 days up to today (the budgeted audit, PRODUCT.md section 10). */
export const DEFAULT_AUDIT_DAYS = 30;

export type StaffGroupFilter = 'all' | StaffGroup;

export const staffGroupFilterOptions = [{ value: 'all', label: 'All staff groups' }, ...staffGroupOptions] as const satisfies readonly AnswerOption[];

const parts = () =>
  z.catch(z.object({ day: z.catch(z.string(), ''), month: z.catch(z.string(), ''), year: z.catch(z.string(), '') }), () => ({ day: '', month: '', year: '' }));

export const auditFilterDraftSchema = z.object({
  from: parts(),
  to: parts(),
  /** '' for every site in the records. */
  site: z.catch(z.string(), ''),
  staffGroup: z.catch(z.enum(['all', 'substantive', 'bank', 'agency']), 'all'),
});

export type AuditFilterDraft = z.infer<typeof auditFilterDraftSchema>;

export interface AuditFilter {
  from: IsoDate;
  to: IsoDate;
  site: string;
  staffGroup: StaffGroupFilter;
}

/** Canonical wording of the audit's questions. */
export const auditFilterQuestions = {
  from: { legend: 'From', hint: 'For example, 1 3 2026' },
  to: { legend: 'To', hint: 'Attendances on this date are included' },
  site: { label: 'Site', allSites: 'All sites' },
  staffGroup: { legend: 'Staff group', hint: 'The group of the nurse who signed the assessment; for an assessment left unsigned, the nurse who started it' },
} as const;

/** The last DEFAULT_AUDIT_DAYS days up to `today`, every site and staff group. */
export function defaultAuditFilterDraft(today: IsoDate): AuditFilterDraft {
  return { from: datePartsFromIso(addDays(today, -(DEFAULT_AUDIT_DAYS - 1))), to: datePartsFromIso(today), site: '', staffGroup: 'all' };
}

/** Days in the range, both ends included. */
export const daysInRange = (from: IsoDate, to: IsoDate): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The filter, or the problems with it in page order (an error summary's items). */
export function readAuditFilter(draft: AuditFilterDraft): { ok: true; value: AuditFilter } | { ok: false; issues: Issue[] } {
  const issues = new IssueList();
  const from = parseDateParts(draft.from);
  const to = parseDateParts(draft.to);
  if (!from.ok) issues.add('from.day', datePartsMessage('Start date', from.problem));
  if (!to.ok) issues.add('to.day', datePartsMessage('End date', to.problem));
  if (from.ok && to.ok) {
    if (to.value < from.value) issues.add('to.day', 'End date must be the same as or after the start date');
    else if (daysInRange(from.value, to.value) > MAX_AUDIT_RANGE_DAYS) {
      issues.add('to.day', `The date range must be a year or shorter: choose an end date within ${String(MAX_AUDIT_RANGE_DAYS)} days of the start date, and run the audit again for the next year`);
    }
  }
  if (!from.ok || !to.ok || !issues.isEmpty) return { ok: false, issues: issues.items };
  return { ok: true, value: { from: from.value, to: to.value, site: draft.site, staffGroup: draft.staffGroup } };
}

/** The instants that bound the range for a storage query: from London midnight at the start to London midnight after the end. */
export function auditRangeInstants(filter: Pick<AuditFilter, 'from' | 'to'>): { start: IsoInstant; end: IsoInstant } {
  return { start: fromLondon(filter.from, '00:00'), end: fromLondon(addDays(filter.to, 1), '00:00') };
}
