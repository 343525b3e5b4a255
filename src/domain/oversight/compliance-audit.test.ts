/**
 * The compliance audit (PRODUCT.md section 6, issue 12 "Tests that must exist"): each
 * indicator's numerator and denominator as a truth table over hand-built summaries; who is
 * counted (signed, left unsigned over 12 hours, still in progress, not yet rebuilt); the
 * signer's staff group, agency against substantive; the London date range; the site.
 */
import { describe, expect, test } from 'vitest';
import { attendanceSummarySchema, SUMMARY_VERSION } from '../assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../assessment/attendance-summary-schema';
import type { AuditFilter } from './audit-filter';
import { auditSites, complianceAudit, countedStaffGroup, describeResult, indicatorDefinitions } from './compliance-audit';
import type { AuditAttendance } from './compliance-audit';

const NOW = '2026-03-20T12:00:00.000Z';
const ARRIVED = '2026-03-10T14:30:00.000Z';
const FILTER: AuditFilter = { from: '2026-03-01', to: '2026-03-20', site: '', staffGroup: 'all' };

/** A signed summary of the current version that records nothing; tests add what they need. */
function summary(changes: Partial<AttendanceSummary> = {}): AttendanceSummary {
  return {
    ...attendanceSummarySchema.parse({ id: 'a-1' }),
    summaryVersion: SUMMARY_VERSION,
    arrivedAt: ARRIVED,
    startedAt: ARRIVED,
    status: 'signed',
    signedAt: '2026-03-10T16:00:00.000Z',
    signedByGroup: 'substantive',
    createdByGroup: 'substantive',
    ageYears: 34,
    ...changes,
  };
}

const item = (changes: Partial<AttendanceSummary> = {}, extra: Partial<Omit<AuditAttendance, 'summary'>> = {}): AuditAttendance => ({
  summary: summary(changes),
  site: 'Riverside ED',
  gpLetterIssuedAt: '',
  liaisonReviewedAt: '',
  ...extra,
});

function resultFor(id: string, items: AuditAttendance[], filter: AuditFilter = FILTER) {
  const found = complianceAudit(items, filter, NOW).indicators.find((indicator) => indicator.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

/** [case, the attendance, counted in the denominator, counted in the numerator] */
type Row = [string, AuditAttendance, boolean, boolean];

const cse = (state: 'asked' | 'not-asked' | 'not-started' | 'incomplete') => ({
  cse: { ...attendanceSummarySchema.parse({ id: 'x', screens: { cse: {} } }).screens.cse, state } as NonNullable<AttendanceSummary['screens']['cse']>,
});
const crafft = (state: 'asked' | 'not-asked' | 'deferred' | 'not-started') => ({
  crafft: { ...attendanceSummarySchema.parse({ id: 'x', screens: { crafft: {} } }).screens.crafft, state } as NonNullable<AttendanceSummary['screens']['crafft']>,
});

const truthTables: Record<string, Row[]> = {
  'next-of-kin': [
    ['adult, next of kin named', item({ nextOfKin: 'named' }), true, true],
    ['adult, declined (a reason recorded)', item({ nextOfKin: 'reason' }), true, true],
    ['adult, not recorded', item({ nextOfKin: '' }), true, false],
    ['child, next of kin and parental responsibility named', item({ ageYears: 8, nextOfKin: 'named', parentalResponsibility: 'named' }), true, true],
    ['child, next of kin named, why no one has parental responsibility', item({ ageYears: 8, nextOfKin: 'named', parentalResponsibility: 'reason' }), true, true],
    ['child, next of kin named, parental responsibility not recorded', item({ ageYears: 8, nextOfKin: 'named', parentalResponsibility: '' }), true, false],
    ['child, parental responsibility named, next of kin not recorded', item({ ageYears: 17, nextOfKin: '', parentalResponsibility: 'named' }), true, false],
    ['age not recorded: parental responsibility not asked of it', item({ ageYears: null, nextOfKin: 'named' }), true, true],
  ],
  'accompanying-person': [
    ['came alone', item({ companion: 'alone' }), true, true],
    ['someone named', item({ companion: 'named' }), true, true],
    ['not recorded', item({ companion: '' }), true, false],
  ],
  'child-account': [
    ['child, account given', item({ ageYears: 8, childAccount: 'given' }), true, true],
    ['baby, pre-verbal (reason)', item({ ageYears: 0, childAccount: 'reason' }), true, true],
    ['child, neither', item({ ageYears: 17, childAccount: '' }), true, false],
    ['adult of 18: not counted', item({ ageYears: 18, childAccount: '' }), false, false],
    ['age not recorded: not counted', item({ ageYears: null }), false, false],
  ],
  cpis: [
    ['child, checked: no plan', item({ ageYears: 5, cpis: 'checked-no-plan' }), true, true],
    ['child, checked: looked after', item({ ageYears: 5, cpis: 'checked-looked-after' }), true, true],
    ['child, not checked: system unavailable', item({ ageYears: 5, cpis: 'not-checked-system-unavailable' }), true, false],
    ['child, not answered', item({ ageYears: 5, cpis: '' }), true, false],
    ['adult', item({ ageYears: 40, cpis: '' }), false, false],
  ],
  'cse-screen': [
    ['10: too young to count', item({ ageYears: 10 }), false, false],
    ['11, asked', item({ ageYears: 11, screens: cse('asked') }), true, true],
    ['17, asked', item({ ageYears: 17, screens: cse('asked') }), true, true],
    ['15, not asked with a reason', item({ ageYears: 15, screens: cse('not-asked') }), true, false],
    ['15, started, not finished', item({ ageYears: 15, screens: cse('incomplete') }), true, false],
    ['15, nothing recorded', item({ ageYears: 15, screens: {} }), true, false],
    ['18: adult', item({ ageYears: 18, screens: cse('asked') }), false, false],
  ],
  'substance-screen': [
    ['11: too young to count', item({ ageYears: 11, screens: crafft('asked') }), false, false],
    ['12, scored', item({ ageYears: 12, screens: crafft('asked') }), true, true],
    ['17, deferred while intoxicated', item({ ageYears: 17, screens: crafft('deferred') }), true, false],
    ['14, not asked', item({ ageYears: 14, screens: crafft('not-asked') }), true, false],
    ['18: adult', item({ ageYears: 18, screens: crafft('asked') }), false, false],
  ],
  'gp-letter-24h': [
    ['issued 2 hours after arrival', item({ letters: ['gp'] }, { gpLetterIssuedAt: '2026-03-10T16:30:00.000Z' }), true, true],
    ['issued exactly 24 hours after arrival', item({ letters: ['gp'] }, { gpLetterIssuedAt: '2026-03-11T14:30:00.000Z' }), true, true],
    ['issued 24 hours and 1 minute after arrival', item({ letters: ['gp'] }, { gpLetterIssuedAt: '2026-03-11T14:31:00.000Z' }), true, false],
    ['not issued', item({ letters: ['gp', 'school-nurse'] }), true, false],
    ['needs no GP letter (an older summary without letters)', item({ letters: [] }), false, false],
    ['arrived under 24 hours before the audit: not due yet', item({ letters: ['gp'], arrivedAt: '2026-03-20T00:00:00.000Z' }), false, false],
  ],
  'suspect-referral': [
    ['Suspect, referral made', item({ ageYears: 6, concernLevel: 'suspect', referral: 'made' }), true, true],
    ['Suspect, to be made next working day', item({ ageYears: 6, concernLevel: 'suspect', referral: 'next-working-day' }), true, false],
    ['Suspect, not made', item({ ageYears: 6, concernLevel: 'suspect', referral: 'not-made' }), true, false],
    ['Suspect, not answered', item({ ageYears: 6, concernLevel: 'suspect', referral: '' }), true, false],
    ['Consider, referral made: not counted', item({ ageYears: 6, concernLevel: 'consider', referral: 'made' }), false, false],
    ['No concern', item({ ageYears: 6, concernLevel: 'no-concern' }), false, false],
  ],
  'think-family': [
    ['adult, triggered, asked', item({ thinkFamilyAsked: true }), true, true],
    ['adult, triggered, "Not able to ask" (or not answered)', item({ thinkFamilyAsked: false }), true, false],
    ['adult, not triggered (nothing recorded for the audit): not counted', item({}), false, false],
    ['young parent of 16, triggered, asked', item({ ageYears: 16, thinkFamilyAsked: true }), true, true],
    ['young person of 16, triggered, not a parent or carer: not mandatory', item({ ageYears: 16 }), false, false],
    ['child pathway: Think Family does not apply', item({ ageYears: 8 }), false, false],
  ],
  // Arrived Tuesday 10 March 14:30: due by the end of Wednesday 11 March (12 March 00:00 London = 00:00Z in GMT).
  'liaison-review': [
    ['child, reviewed the next morning', item({ ageYears: 8 }, { liaisonReviewedAt: '2026-03-11T09:00:00.000Z' }), true, true],
    ['child, reviewed the same day', item({ ageYears: 8 }, { liaisonReviewedAt: '2026-03-10T17:00:00.000Z' }), true, true],
    ['child, reviewed at the due instant', item({ ageYears: 8 }, { liaisonReviewedAt: '2026-03-12T00:00:00.000Z' }), true, true],
    ['child, reviewed a minute late', item({ ageYears: 8 }, { liaisonReviewedAt: '2026-03-12T00:01:00.000Z' }), true, false],
    ['child, not reviewed', item({ ageYears: 8 }), true, false],
    ['age not known, not reviewed', item({ ageYears: null }), true, false],
    ['adult whose Think Family found children, reviewed in time', item({ thinkFamilyChildren: 2 }, { liaisonReviewedAt: '2026-03-11T15:00:00.000Z' }), true, true],
    ['adult with an open follow-up, not reviewed', item({ followUps: ['cse-not-asked'] }), true, false],
    ['adult who left before assessment, reviewed late', item({ leftBeforeAssessment: true }, { liaisonReviewedAt: '2026-03-13T10:00:00.000Z' }), true, false],
    ['adult not on the list, reviewed anyway: not counted', item({}, { liaisonReviewedAt: '2026-03-11T09:00:00.000Z' }), false, false],
    ['child arrived Friday 13 March, reviewed Monday: in time (the weekend skipped)', item({ ageYears: 8, arrivedAt: '2026-03-13T14:30:00.000Z', startedAt: '2026-03-13T14:30:00.000Z' }, { liaisonReviewedAt: '2026-03-16T16:00:00.000Z' }), true, true],
    ['child arrived Friday 13 March, reviewed Tuesday: late', item({ ageYears: 8, arrivedAt: '2026-03-13T14:30:00.000Z', startedAt: '2026-03-13T14:30:00.000Z' }, { liaisonReviewedAt: '2026-03-17T09:00:00.000Z' }), true, false],
    ['child arrived the day before the audit: not due yet, not counted', item({ ageYears: 8, arrivedAt: '2026-03-19T10:00:00.000Z', startedAt: '2026-03-19T10:00:00.000Z' }, { liaisonReviewedAt: '2026-03-19T12:00:00.000Z' }), false, false],
  ],
};

describe('each indicator: numerator and denominator', () => {
  test('every indicator has a truth table, and every table an indicator', () => {
    expect(Object.keys(truthTables).sort()).toEqual(indicatorDefinitions.map((definition) => definition.id).sort());
  });

  for (const [id, rows] of Object.entries(truthTables)) {
    describe(id, () => {
      test.each(rows)('%s', (_name, attendance, inDenominator, inNumerator) => {
        expect(resultFor(id, [attendance])).toMatchObject({ denominator: inDenominator ? 1 : 0, numerator: inNumerator ? 1 : 0 });
      });

      test('over the whole table at once: the counts add up, and the percentage follows', () => {
        const items = rows.map(([, attendance], index) => ({ ...attendance, summary: { ...attendance.summary, id: `a-${String(index)}` } }));
        const denominator = rows.filter((row) => row[2]).length;
        const numerator = rows.filter((row) => row[3]).length;
        const result = resultFor(id, items);
        expect(result).toMatchObject({ numerator, denominator, percentage: Math.round((numerator / denominator) * 1000) / 10 });
      });
    });
  }

  test('denominators and numerators are defined in words, shown on screen and in the CSV', () => {
    expect(resultFor('cse-screen', [])).toMatchObject({ label: 'CSE screen asked', denominatorText: 'Attendances aged 11–17', denominator: 0, numerator: 0, percentage: null });
    expect(resultFor('substance-screen', []).denominatorText).toBe('Attendances aged 12–17');
    for (const definition of indicatorDefinitions) {
      expect(definition.denominator.length).toBeGreaterThan(10);
      expect(definition.numerator.length).toBeGreaterThan(10);
    }
  });
});

describe('staff group: the signer’s', () => {
  // Two agency-signed attendances that skip the CSE screen, three substantive that ask it.
  const items = [
    item({ id: 'ag-1', ageYears: 14, signedByGroup: 'agency', createdByGroup: 'substantive', screens: cse('not-asked') }),
    item({ id: 'ag-2', ageYears: 15, signedByGroup: 'agency', createdByGroup: 'agency', screens: {} }),
    item({ id: 'su-1', ageYears: 13, signedByGroup: 'substantive', createdByGroup: 'agency', screens: cse('asked') }),
    item({ id: 'su-2', ageYears: 16, signedByGroup: 'substantive', screens: cse('asked') }),
    item({ id: 'su-3', ageYears: 17, signedByGroup: 'substantive', screens: cse('asked') }),
    item({ id: 'ba-1', ageYears: 12, signedByGroup: 'bank', screens: cse('asked') }),
  ];

  test.each<[AuditFilter['staffGroup'], number, number]>([
    ['all', 4, 6],
    ['agency', 0, 2],
    ['substantive', 3, 3],
    ['bank', 1, 1],
  ])('%s: %i of %i', (staffGroup, numerator, denominator) => {
    expect(resultFor('cse-screen', items, { ...FILTER, staffGroup })).toMatchObject({ numerator, denominator });
  });

  test('started by agency and signed by substantive counts as substantive, and the other way round', () => {
    expect(countedStaffGroup(summary({ status: 'signed', signedByGroup: 'substantive', createdByGroup: 'agency' }))).toBe('substantive');
    expect(countedStaffGroup(summary({ status: 'signed', signedByGroup: 'agency', createdByGroup: 'substantive' }))).toBe('agency');
  });

  test('left unsigned: the group of who started it', () => {
    expect(countedStaffGroup(summary({ status: 'in-progress', signedByGroup: '', createdByGroup: 'bank' }))).toBe('bank');
  });
});

describe('Think Family and the liaison review by staff group: agency against substantive', () => {
  const items = [
    item({ id: 'ag-1', signedByGroup: 'agency', thinkFamilyAsked: false, ageYears: 9 }, { liaisonReviewedAt: '2026-03-13T09:00:00.000Z' }),
    item({ id: 'ag-2', signedByGroup: 'agency', thinkFamilyAsked: true, leftBeforeAssessment: true }),
    item({ id: 'su-1', signedByGroup: 'substantive', thinkFamilyAsked: true, leftBeforeAssessment: true }, { liaisonReviewedAt: '2026-03-11T09:00:00.000Z' }),
    item({ id: 'su-2', signedByGroup: 'substantive', thinkFamilyAsked: true }),
    item({ id: 'su-3', signedByGroup: 'substantive', ageYears: 4 }, { liaisonReviewedAt: '2026-03-11T20:00:00.000Z' }),
  ];

  test.each<[AuditFilter['staffGroup'], string, number, number]>([
    ['all', 'think-family', 3, 4],
    ['agency', 'think-family', 1, 2],
    ['substantive', 'think-family', 2, 2],
    ['all', 'liaison-review', 2, 4],
    ['agency', 'liaison-review', 0, 2],
    ['substantive', 'liaison-review', 2, 2],
  ])('%s, %s: %i of %i', (staffGroup, id, numerator, denominator) => {
    expect(resultFor(id, items, { ...FILTER, staffGroup })).toMatchObject({ numerator, denominator });
  });
});

describe('liaison review: working days from the bank holidays in settings', () => {
  // Thursday 2 April 2026, before Good Friday (3 April) and Easter Monday (6 April): due by the end of Tuesday 7 April.
  const easter = item({ ageYears: 8, arrivedAt: '2026-04-02T10:00:00.000Z', startedAt: '2026-04-02T10:00:00.000Z' }, { liaisonReviewedAt: '2026-04-06T10:00:00.000Z' });
  const april: AuditFilter = { ...FILTER, from: '2026-04-01', to: '2026-04-30' };
  const liaison = (bankHolidays: string[]) => complianceAudit([easter], april, '2026-04-20T12:00:00.000Z', bankHolidays).indicators.find((indicator) => indicator.id === 'liaison-review');

  test('reviewed on Easter Monday: in time when the bank holidays are set', () => {
    expect(liaison(['2026-04-03', '2026-04-06'])).toMatchObject({ numerator: 1, denominator: 1 });
  });

  test('the same review without bank holidays set: due by the end of Good Friday, so late', () => {
    expect(liaison([])).toMatchObject({ numerator: 0, denominator: 1 });
  });

  test('a review due in British Summer Time is timed to London midnight', () => {
    const late = { ...easter, liaisonReviewedAt: '2026-04-07T23:00:01.000Z' };
    const onTime = { ...easter, liaisonReviewedAt: '2026-04-07T22:59:00.000Z' };
    const count = (entry: AuditAttendance) => complianceAudit([entry], april, '2026-04-20T12:00:00.000Z', ['2026-04-03', '2026-04-06']).indicators.find((indicator) => indicator.id === 'liaison-review')?.numerator;
    expect([count(onTime), count(late)]).toEqual([1, 0]);
  });
});

describe('who is counted', () => {
  const inProgress = (startedAt: string, changes: Partial<AttendanceSummary> = {}) =>
    item({ status: 'in-progress', signedAt: '', signedByGroup: '', createdByGroup: 'agency', arrivedAt: startedAt, startedAt, companion: 'alone', ...changes });

  test('an assessment left unsigned for more than 12 hours counts in the denominators and against the numerators', () => {
    const report = complianceAudit([inProgress('2026-03-19T23:59:00.000Z', { companion: '' })], { ...FILTER, staffGroup: 'agency' }, NOW);
    expect(report).toMatchObject({ counted: 1, leftUnsigned: 1, signed: 0, stillInProgress: 0 });
    expect(report.indicators.find((indicator) => indicator.id === 'accompanying-person')).toMatchObject({ numerator: 0, denominator: 1 });
  });

  test('one started under 12 hours ago is not counted yet, and is reported as such', () => {
    const report = complianceAudit([inProgress('2026-03-20T00:01:00.000Z')], FILTER, NOW);
    expect(report).toMatchObject({ counted: 0, stillInProgress: 1 });
    expect(report.indicators.every((indicator) => indicator.denominator === 0 && indicator.percentage === null)).toBe(true);
  });

  test('a summary from an older version is not counted until it is rebuilt, whatever the staff group asked for', () => {
    const report = complianceAudit([item({ summaryVersion: SUMMARY_VERSION - 1 })], { ...FILTER, staffGroup: 'agency' }, NOW);
    expect(report).toMatchObject({ counted: 0, awaitingRebuild: 1 });
  });

  test('no age recorded is counted, and reported, but in no age-based denominator', () => {
    const report = complianceAudit([item({ ageYears: null })], FILTER, NOW);
    expect(report).toMatchObject({ counted: 1, ageNotRecorded: 1 });
    expect(report.indicators.find((indicator) => indicator.id === 'cpis')?.denominator).toBe(0);
  });

  test('an empty set: nothing counted, every percentage not applicable', () => {
    const report = complianceAudit([], FILTER, NOW);
    expect(report.counted).toBe(0);
    expect(report.indicators.map((indicator) => describeResult(indicator))).toEqual(indicatorDefinitions.map(() => 'No attendances to count'));
  });
});

describe('range and site', () => {
  test.each<[string, string, boolean]>([
    ['23:30 UTC on 28 Feb is 28 Feb in London: outside', '2026-02-28T23:30:00.000Z', false],
    ['00:00 UTC on 1 Mar is in', '2026-03-01T00:00:00.000Z', true],
    ['23:59 on the last day is in', '2026-03-20T23:59:00.000Z', true],
    ['00:00 the day after is out', '2026-03-21T00:00:00.000Z', false],
  ])('winter: %s', (_name, arrivedAt, counted) => {
    expect(complianceAudit([item({ arrivedAt, startedAt: arrivedAt })], FILTER, '2026-03-25T00:00:00.000Z').counted).toBe(counted ? 1 : 0);
  });

  test('summer time: 23:30 UTC on 31 May is 1 June in London', () => {
    const june = { ...FILTER, from: '2026-06-01', to: '2026-06-30' };
    expect(complianceAudit([item({ arrivedAt: '2026-05-31T23:30:00.000Z' })], june, '2026-07-01T00:00:00.000Z').counted).toBe(1);
    expect(complianceAudit([item({ arrivedAt: '2026-06-30T23:30:00.000Z' })], june, '2026-07-02T00:00:00.000Z').counted).toBe(0);
  });

  test('one site, or every site', () => {
    const items = [item({ id: 'a' }), item({ id: 'b' }, { site: 'Hilltop MIU' }), item({ id: 'c' }, { site: 'Hilltop MIU' })];
    expect(complianceAudit(items, { ...FILTER, site: 'Hilltop MIU' }, NOW).counted).toBe(2);
    expect(complianceAudit(items, { ...FILTER, site: 'Riverside ED' }, NOW).counted).toBe(1);
    expect(complianceAudit(items, FILTER, NOW).counted).toBe(3);
    expect(auditSites([...items, item({}, { site: ' ' })])).toEqual(['Hilltop MIU', 'Riverside ED']);
  });

  test('a summary with no arrival time is left out', () => {
    expect(complianceAudit([item({ arrivedAt: '' })], FILTER, NOW).counted).toBe(0);
  });
});
