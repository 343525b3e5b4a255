/** The compliance audit CSV: escaping and CSV-injection neutralising (issue 12 "Bad input"). */
import { describe, expect, test } from 'vitest';
import { attendanceSummarySchema, SUMMARY_VERSION } from '../assessment/attendance-summary-schema';
import { complianceAuditCsv, complianceAuditTrailDetail, complianceAuditFileName } from './audit-csv';
import { complianceAudit } from './compliance-audit';
import type { ComplianceAuditReport } from './compliance-audit';

const NOW = '2026-03-20T12:00:00.000Z';

function reportFor(site: string): ComplianceAuditReport {
  const summary = { ...attendanceSummarySchema.parse({ id: 'a-1' }), summaryVersion: SUMMARY_VERSION, arrivedAt: '2026-03-10T10:00:00.000Z', status: 'signed' as const, signedByGroup: 'agency' as const, ageYears: 30, companion: 'alone' as const };
  return complianceAudit([{ summary, site, gpLetterIssuedAt: '', liaisonReviewedAt: '' }], { from: '2026-03-01', to: '2026-03-20', site, staffGroup: 'agency' }, NOW);
}

/** The cells of one CSV line, read back as a spreadsheet would (quoted cells only). */
function cells(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => (match[1] ?? '').replace(/""/g, '"'));
}

describe('complianceAuditCsv', () => {
  test('the header, what was asked, and one row per indicator with its definitions', () => {
    const lines = complianceAuditCsv(reportFor('Riverside ED')).split('\r\n');
    expect(cells(lines[0] ?? '')).toEqual(['Compliance audit']);
    expect(cells(lines[3] ?? '')).toEqual(['Site', 'Riverside ED']);
    expect(cells(lines[4] ?? '')).toEqual(['Staff group', 'Agency']);
    const header = lines.findIndex((line) => line.startsWith('"Indicator"'));
    expect(cells(lines[header] ?? '')).toEqual(['Indicator', 'Who is counted', 'What counts', 'Numerator', 'Denominator', 'Percentage']);
    expect(cells(lines[header + 2] ?? '')).toEqual(['Accompanying person recorded', 'All attendances counted', 'The person with the patient named, or that the patient came alone', '1', '1', '100.0']);
    expect(cells(lines[header + 3] ?? '')).toEqual(["Child's own account or reason", 'Attendances aged under 18', "The child's account in their own words, or the reason they could not give one", '0', '0', 'Not applicable']);
  });

  test('Think Family asked when triggered and the liaison review within one working day are rows, with their definitions', () => {
    const lines = complianceAuditCsv(reportFor('Riverside ED')).split('\r\n');
    const labels = lines.map((line) => cells(line)[0]);
    const thinkFamily = cells(lines[labels.indexOf('Think Family asked when triggered')] ?? '');
    expect(thinkFamily.slice(1)).toEqual([
      'Attendances where Think Family was mandatory (a trigger applied: adults, and under 18 a parent, carer or pregnant young person)',
      'Asked whether the patient has children: answered Yes, No or Declined ("Not able to ask" does not count)',
      '0',
      '0',
      'Not applicable',
    ]);
    const liaison = cells(lines[labels.indexOf('Liaison review within one working day')] ?? '');
    expect(liaison.slice(1)).toEqual([
      'Attendances on the paediatric liaison review list whose review fell due before the audit was run',
      'First liaison review recorded by the end of the next working day after arrival (weekends and bank holidays skipped)',
      '0',
      '0',
      'Not applicable',
    ]);
  });

  test.each<[string, string, string]>([
    ['a comma stays inside its cell', 'Riverside, North', '"Riverside, North"'],
    ['a quote is doubled', 'The "new" ED', '"The ""new"" ED"'],
    ['a line break stays inside its cell', 'Riverside\nNorth', '"Riverside\nNorth"'],
    ['= is neutralised', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+ is neutralised', '+44 ward', `"'+44 ward"`],
    ['- is neutralised', '-2+3', `"'-2+3"`],
    ['@ is neutralised', '@SUM(A1)', `"'@SUM(A1)"`],
    ['a leading tab is neutralised', '\tED', `"'\tED"`],
    ['a leading carriage return is neutralised', '\rED', `"'\rED"`],
    ['a plain name is left alone', 'Riverside ED', '"Riverside ED"'],
  ])('site name: %s', (_name, site, expected) => {
    const csv = complianceAuditCsv(reportFor(site));
    expect(csv).toContain(`"Site",${expected}\r\n`);
  });

  test('the file name and the audit trail detail carry no site name and no patient data', () => {
    const report = reportFor('Riverside ED');
    expect(complianceAuditFileName(report)).toBe('compliance-audit-2026-03-01-to-2026-03-20.csv');
    expect(complianceAuditTrailDetail(report, 'CSV exported')).toBe('Compliance audit CSV exported: 2026-03-01 to 2026-03-20, one site, agency, 1 attendance');
    expect(complianceAuditTrailDetail(report, 'printed')).toBe('Compliance audit printed: 2026-03-01 to 2026-03-20, one site, agency, 1 attendance');
  });
});
