/**
 * The compliance audit as CSV (PRODUCT.md sections 6 and 9: "CSV export of the audit"): what
 * was asked (range, site, staff group, when run), who was counted, then one row per indicator
 * with who is counted and what counts in words beside the figures, so a copy filed on its own
 * still says what each percentage means.
 *
 * Every cell goes through the audit trail's csvCell (domain/audit/csv.ts): quoted, quotes
 * doubled, so commas and line breaks stay inside their cell; and a cell beginning with =, +, -,
 * @, tab or carriage return is prefixed with an apostrophe so a spreadsheet never runs it as a
 * formula (CSV injection; a site name is typed by staff).
 */
import { staffGroupOptions } from '../assessment/staff-ref';
import { csvCell } from '../audit/csv';
import type { ComplianceAuditReport } from './compliance-audit';

export function staffGroupLabel(group: ComplianceAuditReport['filter']['staffGroup']): string {
  return group === 'all' ? 'All staff groups' : (staffGroupOptions.find((option) => option.value === group)?.label ?? group);
}

export function complianceAuditCsv(report: ComplianceAuditReport): string {
  const { filter } = report;
  const rows: string[][] = [
    ['Compliance audit'],
    ['From', filter.from],
    ['To', filter.to],
    ['Site', filter.site === '' ? 'All sites' : filter.site],
    ['Staff group', staffGroupLabel(filter.staffGroup)],
    ['Run at (UTC)', report.ranAt],
    ['Attendances counted', String(report.counted)],
    ['Of which left unsigned for more than 12 hours', String(report.leftUnsigned)],
    ['Started in the last 12 hours and not signed (not counted)', String(report.stillInProgress)],
    ['Not yet brought up to date after unlock (not counted)', String(report.awaitingRebuild)],
    ['Counted with no age recorded', String(report.ageNotRecorded)],
    [],
    ['Indicator', 'Who is counted', 'What counts', 'Numerator', 'Denominator', 'Percentage'],
    ...report.indicators.map((item) => [
      item.label,
      item.denominatorText,
      item.numeratorText,
      String(item.numerator),
      String(item.denominator),
      item.percentage === null ? 'Not applicable' : item.percentage.toFixed(1),
    ]),
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The file name: dates only, nothing about a patient. */
export const complianceAuditFileName = (report: Pick<ComplianceAuditReport, 'filter'>): string => `compliance-audit-${report.filter.from}-to-${report.filter.to}.csv`;

/** The audit trail's words for an export or a print of the audit (no patient data: PRODUCT.md section 7). */
export const complianceAuditTrailDetail = (report: ComplianceAuditReport, what: 'CSV exported' | 'printed'): string =>
  `Compliance audit ${what}: ${report.filter.from} to ${report.filter.to}, ${report.filter.site === '' ? 'all sites' : 'one site'}, ${staffGroupLabel(report.filter.staffGroup).toLowerCase()}, ${String(report.counted)} ${report.counted === 1 ? 'attendance' : 'attendances'}`;
