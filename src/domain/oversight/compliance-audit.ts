/**
 * The compliance audit (PRODUCT.md section 6; issue 12): for a date range, site and staff
 * group, each indicator as numerator / denominator / percentage, with who is counted and
 * what counts written here, once, and shown on screen and in the CSV as they are written.
 *
 * Pure, over any set of attendances (issue 12: "every list and query is written so that it
 * runs over any set of records"; a department's shared records later, PRODUCT.md 8a). It reads
 * only the sealed summaries and the issue time of each GP letter (the letters table's clear
 * issue time), never a full record (issue 12 clarification: keep within budget with sealed
 * summaries that carry the indicator inputs).
 *
 * Who is counted (issue 12 clarifications): signed attendances, and assessments started and
 * left unsigned for more than 12 hours (they count in the denominators and, having recorded
 * less, count against the numerators). An assessment still within its first 12 hours is left
 * out and counted separately. The staff group is the signer's; for one left unsigned, the
 * group of whoever started it.
 *
 * "Think Family asked when triggered" reads the summary's `thinkFamilyAsked` (summary version 8;
 * present only when Think Family was mandatory); "liaison review within one working day" reads who is on the liaison list
 * (liaison/liaison-list.ts), its due time (liaison/working-days.ts, with the site's bank
 * holidays from settings) and when the first sealed liaison review was recorded.
 */
import { leftUnsigned, summaryIsCurrent } from '../assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../assessment/attendance-summary-schema';
import type { StaffGroup } from '../assessment/staff-ref';
import { liaisonReasonsFor } from '../liaison/liaison-list';
import { liaisonReviewDueAt } from '../liaison/working-days';
import { hoursBetween, toLondon } from '../shared/dates';
import type { IsoDate, IsoInstant } from '../shared/dates';
import type { AuditFilter } from './audit-filter';

/** One attendance as the audit reads it. */
export interface AuditAttendance {
  summary: AttendanceSummary;
  /** The site it was recorded at (the recording tablet's site name). */
  site: string;
  /** When its first GP letter version was issued; '' when none has been. */
  gpLetterIssuedAt: IsoInstant;
  /** When its first paediatric liaison review was recorded (the sealed review row); '' when none has been. */
  liaisonReviewedAt: IsoInstant;
  /**
   * Recorded on another tablet of the department (issue 14): its letters are known here only
   * from its summary (`lettersIssued`, version 9), so without that it is left out of the GP
   * letter indicator (never counted as not done); it is counted in every other one. Liaison
   * reviews travel between the tablets, so its first review (on any tablet) is timed as this
   * tablet's are.
   */
  recordedElsewhere?: true;
}

/** When the audit is run, and the site's bank holidays (settings) that working days skip. */
export interface AuditClock {
  now: IsoInstant;
  bankHolidays: readonly IsoDate[];
}

/** Hours from arrival within which the GP letter is to be issued (PRODUCT.md section 6). */
export const GP_LETTER_HOURS = 24;

export interface IndicatorDefinition {
  /** Stable id: CSV rows and tests name indicators by it. */
  id: string;
  /** The indicator, as PRODUCT.md section 6 names it. */
  label: string;
  /** Who is counted: the denominator, in words. */
  denominator: string;
  /** What counts: the numerator, in words. */
  numerator: string;
  inDenominator: (item: AuditAttendance, clock: AuditClock) => boolean;
  inNumerator: (item: AuditAttendance, clock: AuditClock) => boolean;
}

const agedBetween = (summary: AttendanceSummary, min: number, max: number): boolean => summary.ageYears !== null && summary.ageYears >= min && summary.ageYears <= max;
const under18 = (summary: AttendanceSummary): boolean => agedBetween(summary, 0, 17);
const recorded = (state: string): boolean => state !== '';

/** The indicators of PRODUCT.md section 6 measurable from this version's summaries, in the spec's order. */
export const indicatorDefinitions: readonly IndicatorDefinition[] = [
  {
    id: 'next-of-kin',
    label: 'Next of kin recorded (with parental responsibility under 18)',
    denominator: 'All attendances counted',
    numerator: 'Next of kin named, or why not recorded; under 18, someone with parental responsibility named too, or why no one can be',
    inDenominator: () => true,
    inNumerator: ({ summary }) => recorded(summary.nextOfKin) && (!under18(summary) || recorded(summary.parentalResponsibility)),
  },
  {
    id: 'accompanying-person',
    label: 'Accompanying person recorded',
    denominator: 'All attendances counted',
    numerator: 'The person with the patient named, or that the patient came alone',
    inDenominator: () => true,
    inNumerator: ({ summary }) => summary.companion !== '',
  },
  {
    id: 'child-account',
    label: "Child's own account or reason",
    denominator: 'Attendances aged under 18',
    numerator: "The child's account in their own words, or the reason they could not give one",
    inDenominator: ({ summary }) => under18(summary),
    inNumerator: ({ summary }) => summary.childAccount !== '',
  },
  {
    id: 'cpis',
    label: 'CP-IS check recorded',
    denominator: 'Attendances aged under 18',
    numerator: 'CP-IS checked and its result recorded ("Not checked" with a reason does not count)',
    inDenominator: ({ summary }) => under18(summary),
    inNumerator: ({ summary }) => summary.cpis.startsWith('checked-'),
  },
  {
    id: 'cse-screen',
    label: 'CSE screen asked',
    denominator: 'Attendances aged 11–17',
    numerator: 'All eight significant indicators answered ("Not asked" with a reason does not count)',
    inDenominator: ({ summary }) => agedBetween(summary, 11, 17),
    inNumerator: ({ summary }) => summary.screens.cse?.state === 'asked',
  },
  {
    id: 'substance-screen',
    label: 'Substance screen asked',
    denominator: 'Attendances aged 12–17',
    numerator: 'CRAFFT scored ("Not asked" or deferred does not count)',
    inDenominator: ({ summary }) => agedBetween(summary, 12, 17),
    inNumerator: ({ summary }) => summary.screens.crafft?.state === 'asked',
  },
  {
    id: 'gp-letter-24h',
    label: 'GP letter issued within 24 hours',
    denominator: 'Attendances that need a GP letter and arrived 24 hours or more before the audit was run',
    numerator: 'First GP letter issued within 24 hours of arrival',
    // Another tablet's attendance counts when its summary says which letters are issued (summary version 9, issue 14), never from an absence.
    inDenominator: ({ summary, recordedElsewhere }, { now }) =>
      (recordedElsewhere !== true || (summary.lettersIssued !== undefined && summary.lettersIssued !== null)) && summary.letters.includes('gp') && summary.arrivedAt !== '' && hoursBetween(summary.arrivedAt, now) >= GP_LETTER_HOURS,
    inNumerator: ({ summary, gpLetterIssuedAt }) => gpLetterIssuedAt !== '' && hoursBetween(summary.arrivedAt, gpLetterIssuedAt) <= GP_LETTER_HOURS,
  },
  {
    id: 'suspect-referral',
    label: 'Suspect concerns with a referral recorded',
    denominator: 'Attendances with the concern level Suspect',
    numerator: "Referral to children's social care (MASH) recorded as made",
    inDenominator: ({ summary }) => summary.concernLevel === 'suspect',
    inNumerator: ({ summary }) => summary.referral === 'made',
  },
  {
    // PRODUCT.md 4.7 / research §2.4: mandatory when a trigger applies to an adult, or to a young
    // person who is a parent, carer or pregnant (screening/think-family.ts thinkFamilyMandatory).
    // "Asked": the first question (does the patient have children) answered Yes, No or Declined;
    // "Not able to ask" is recorded but was not asked, so it does not count.
    id: 'think-family',
    label: 'Think Family asked when triggered',
    denominator: 'Attendances where Think Family was mandatory (a trigger applied: adults, and under 18 a parent, carer or pregnant young person)',
    numerator: 'Asked whether the patient has children: answered Yes, No or Declined ("Not able to ask" does not count)',
    inDenominator: ({ summary }) => summary.thinkFamilyAsked !== undefined,
    inNumerator: ({ summary }) => summary.thinkFamilyAsked === true,
  },
  {
    // Issue 12: the liaison list (liaison/liaison-list.ts) is reviewed by the end of the next
    // working day after arrival (liaison/working-days.ts). Only attendances already due are counted.
    id: 'liaison-review',
    label: 'Liaison review within one working day',
    denominator: 'Attendances on the paediatric liaison review list whose review fell due before the audit was run',
    numerator: 'First liaison review recorded by the end of the next working day after arrival (weekends and bank holidays skipped)',
    // Attendances of other tablets count too: liaison reviews travel between the department's tablets (issue 14).
    inDenominator: ({ summary }, { now, bankHolidays }) => liaisonReasonsFor(summary, now).length > 0 && Date.parse(now) > Date.parse(liaisonReviewDueAt(summary.arrivedAt, bankHolidays)),
    inNumerator: ({ summary, liaisonReviewedAt }, { bankHolidays }) => liaisonReviewedAt !== '' && Date.parse(liaisonReviewedAt) <= Date.parse(liaisonReviewDueAt(summary.arrivedAt, bankHolidays)),
  },
];

export interface IndicatorResult {
  id: string;
  label: string;
  denominatorText: string;
  numeratorText: string;
  numerator: number;
  denominator: number;
  /** To one decimal place; null when nobody is in the denominator. */
  percentage: number | null;
}

export interface ComplianceAuditReport {
  filter: AuditFilter;
  ranAt: IsoInstant;
  /** Attendances in the range, site and staff group that the indicators count. */
  counted: number;
  /** Of those, signed and left unsigned for more than 12 hours. */
  signed: number;
  leftUnsigned: number;
  /** In the range, site and staff group, started under 12 hours ago and not signed: not counted yet. */
  stillInProgress: number;
  /** In the range and site, but summarised by an older version (staff group not known yet): not counted until rebuilt after unlock. */
  awaitingRebuild: number;
  /** Counted, with no age recorded: in no age-based denominator. */
  ageNotRecorded: number;
  indicators: IndicatorResult[];
  /** Counted, recorded on other tablets of the department (issue 14): not in the GP letter and liaison review indicators. */
  fromOtherTablets: number;
}

/** The staff group an attendance counts under: the signer's; for one left unsigned, the starter's. */
export function countedStaffGroup(summary: AttendanceSummary): StaffGroup | '' {
  return summary.status === 'signed' ? summary.signedByGroup : summary.createdByGroup;
}

export const percentage = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10);

/** "45 of 50 (90%)", or that there was nobody to count. */
export function describeResult(result: Pick<IndicatorResult, 'numerator' | 'denominator' | 'percentage'>): string {
  if (result.percentage === null) return 'No attendances to count';
  return `${String(result.numerator)} of ${String(result.denominator)} (${formatPercentage(result.percentage)})`;
}

export const formatPercentage = (value: number | null): string => (value === null ? 'Not applicable' : `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`);

/** `bankHolidays`: the site's, from settings (the liaison review's working days skip them). */
export function complianceAudit(items: Iterable<AuditAttendance>, filter: AuditFilter, now: IsoInstant, bankHolidays: readonly IsoDate[] = []): ComplianceAuditReport {
  const clock: AuditClock = { now, bankHolidays };
  const numerators = indicatorDefinitions.map(() => 0);
  const denominators = indicatorDefinitions.map(() => 0);
  const report = { counted: 0, signed: 0, leftUnsigned: 0, stillInProgress: 0, awaitingRebuild: 0, ageNotRecorded: 0, fromOtherTablets: 0 };
  for (const item of items) {
    const { summary } = item;
    if (summary.arrivedAt === '' || Number.isNaN(Date.parse(summary.arrivedAt))) continue;
    const day = toLondon(summary.arrivedAt).date;
    if (day < filter.from || day > filter.to) continue;
    if (filter.site !== '' && item.site !== filter.site) continue;
    // An older summary's staff groups and recorded facts read as defaults: not counted, in any group, until rebuilt.
    if (!summaryIsCurrent(summary)) {
      report.awaitingRebuild += 1;
      continue;
    }
    if (filter.staffGroup !== 'all' && countedStaffGroup(summary) !== filter.staffGroup) continue;
    const unsigned = leftUnsigned(summary, now);
    if (summary.status !== 'signed' && !unsigned) {
      report.stillInProgress += 1;
      continue;
    }
    report.counted += 1;
    if (unsigned) report.leftUnsigned += 1;
    else report.signed += 1;
    if (summary.ageYears === null) report.ageNotRecorded += 1;
    if (item.recordedElsewhere === true) report.fromOtherTablets += 1;
    indicatorDefinitions.forEach((definition, index) => {
      if (!definition.inDenominator(item, clock)) return;
      denominators[index] = (denominators[index] ?? 0) + 1;
      if (definition.inNumerator(item, clock)) numerators[index] = (numerators[index] ?? 0) + 1;
    });
  }
  return {
    filter,
    ranAt: now,
    ...report,
    indicators: indicatorDefinitions.map((definition, index) => {
      const numerator = numerators[index] ?? 0;
      const denominator = denominators[index] ?? 0;
      return { id: definition.id, label: definition.label, denominatorText: definition.denominator, numeratorText: definition.numerator, numerator, denominator, percentage: percentage(numerator, denominator) };
    }),
  };
}

/** The sites the attendances were recorded at, for the site choice (sorted, blank names left out). */
export function auditSites(items: Iterable<Pick<AuditAttendance, 'site'>>): string[] {
  const sites = new Set<string>();
  for (const item of items) if (item.site.trim() !== '') sites.add(item.site);
  return [...sites].sort((a, b) => a.localeCompare(b, 'en-GB'));
}
