import { describe, expect, test } from 'vitest';
import { attendanceSummarySchema } from '../assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../assessment/attendance-summary-schema';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027 } from './bank-holidays';
import { filterByStatus, liaisonEntries, liaisonReasonsFor, overdueCount, readDateRange } from './liaison-list';
import type { LiaisonReason } from './liaison-list';
import type { LiaisonReviewRecord } from './liaison-review';

const NOW = '2026-12-02T12:00:00.000Z';
const options = { now: NOW, bankHolidays: ENGLAND_AND_WALES_BANK_HOLIDAYS_2026_2027 };

/** A summary as storage opens it: every field not given reads as its default. */
const summary = (fields: Partial<AttendanceSummary> & { id?: string }): AttendanceSummary =>
  attendanceSummarySchema.parse({ id: 'a1', ageYears: 30, status: 'signed', arrivedAt: '2026-12-01T10:00:00.000Z', startedAt: '2026-12-01T10:00:00.000Z', ...fields });

/** The inclusion rule (issue 12 "Liaison review list" and its clarification on unsigned assessments). */
describe('who is on the liaison review list', () => {
  test.each<[string, Partial<AttendanceSummary>, LiaisonReason[]]>([
    ['a child of 17', { ageYears: 17 }, ['under-18']],
    ['an infant', { ageYears: 0 }, ['under-18']],
    ['an adult of 18 with nothing else', { ageYears: 18 }, []],
    ['no age recorded: kept, it may be a child', { ageYears: null }, ['age-not-known']],
    ['an adult whose Think Family found 2 children', { thinkFamilyChildren: 2 }, ['think-family-children']],
    ['an adult whose Think Family found no children', { thinkFamilyChildren: 0 }, []],
    ['an adult with no Think Family recorded', { thinkFamilyChildren: null }, []],
    ['a child with Think Family children counts once, as a child', { ageYears: 15, thinkFamilyChildren: 2 }, ['under-18']],
    ['an adult with an open follow-up', { followUps: ['self-harm-parents-not-informed'] }, ['open-follow-up']],
    ['an adult with a referral still to make', { pendingReferral: { dueAt: '2026-12-02T09:00:00.000Z', by: 'Jo' } }, ['referral-to-make']],
    ['an adult who left before assessment', { leftBeforeAssessment: true }, ['left-before-assessment']],
    ['an adult assessment started 13 hours ago, unsigned', { status: 'in-progress', startedAt: '2026-12-01T23:00:00.000Z' }, ['left-unsigned']],
    ['an adult assessment started 11 hours ago, unsigned', { status: 'in-progress', startedAt: '2026-12-02T01:00:00.000Z' }, []],
    ['an adult assessment started 13 hours ago and signed', { status: 'signed', startedAt: '2026-12-01T23:00:00.000Z' }, []],
    [
      'a child who left, with a CSE follow-up, unsigned for 13 hours',
      { ageYears: 14, leftBeforeAssessment: true, followUps: ['cse-not-asked'], status: 'in-progress', startedAt: '2026-12-01T23:00:00.000Z' },
      ['under-18', 'open-follow-up', 'left-before-assessment', 'left-unsigned'],
    ],
  ])('%s', (_name, fields, reasons) => {
    expect(liaisonReasonsFor(summary(fields), NOW)).toEqual(reasons);
  });

  test('a summary sealed before the left-before and Think Family fields existed reads them as absent', () => {
    const old = attendanceSummarySchema.parse({ id: 'old', ageYears: 40, summaryVersion: 2 });
    expect(old.leftBeforeAssessment).toBe(false);
    expect(old.thinkFamilyChildren).toBeNull();
    expect(liaisonReasonsFor(old, NOW)).toEqual([]);
  });
});

const review = (at: string): LiaisonReviewRecord['reviews'][number] => ({ reviewedBy: { id: 's1', name: 'Jo Liaison' }, reviewedAt: at, action: 'no-further-action', note: '' });

describe('liaison entries and status', () => {
  // Due at the end of the next working day: Friday 27 Nov → Monday 30 Nov (overdue by now);
  // Tuesday 1 Dec → Wednesday 2 Dec (not yet due).
  const friday = summary({ id: 'friday', ageYears: 10, arrivedAt: '2026-11-27T20:00:00.000Z' });
  const tuesday = summary({ id: 'tuesday', ageYears: 10, arrivedAt: '2026-12-01T10:00:00.000Z' });
  const reviewed = summary({ id: 'reviewed', ageYears: 10, arrivedAt: '2026-11-26T10:00:00.000Z' });
  const adult = summary({ id: 'adult', ageYears: 40, arrivedAt: '2026-12-01T11:00:00.000Z' });
  const reviews = new Map<string, LiaisonReviewRecord>([['reviewed', { attendanceId: 'reviewed', reviews: [review('2026-11-30T10:00:00.000Z'), review('2026-12-01T10:00:00.000Z')] }]]);

  test('leave out attendances with no reason, newest first, each with its status', () => {
    const entries = liaisonEntries([reviewed, friday, adult, tuesday], reviews, options);
    expect(entries.map((entry) => [entry.summary.id, entry.status])).toEqual([
      ['tuesday', 'to-review'],
      ['friday', 'overdue'],
      ['reviewed', 'reviewed'],
    ]);
  });

  test('show the newest review, and say a first review after the due time was late', () => {
    const entry = liaisonEntries([reviewed], reviews, options)[0];
    expect(entry?.review?.reviewedAt).toBe('2026-12-01T10:00:00.000Z');
    // Thursday 26 Nov → due end of Friday 27 Nov; first reviewed Monday 30 Nov.
    expect(entry?.reviewedLate).toBe(true);
    const inTime = liaisonEntries([reviewed], new Map([['reviewed', { attendanceId: 'reviewed', reviews: [review('2026-11-27T16:00:00.000Z')] }]]), options)[0];
    expect(inTime?.reviewedLate).toBe(false);
  });

  test.each([
    ['all', ['tuesday', 'friday', 'reviewed']],
    ['to-review', ['tuesday']],
    ['overdue', ['friday']],
    ['reviewed', ['reviewed']],
  ] as const)('filter by status %s', (status, ids) => {
    expect(filterByStatus(liaisonEntries([reviewed, friday, adult, tuesday], reviews, options), status).map((entry) => entry.summary.id)).toEqual(ids);
  });

  test('count the overdue (the home screen), and count a reviewed one no more', () => {
    expect(overdueCount([reviewed, friday, adult, tuesday], reviews, options)).toBe(1);
    const afterReview = new Map(reviews).set('friday', { attendanceId: 'friday', reviews: [review(NOW)] });
    expect(overdueCount([reviewed, friday, adult, tuesday], afterReview, options)).toBe(0);
    expect(overdueCount([], reviews, options)).toBe(0);
  });
});

describe('the date filter', () => {
  const parts = (day: string, month: string, year: string) => ({ day, month, year });

  test('reads London dates into arrival instants (end exclusive, across the clock change)', () => {
    expect(readDateRange(parts('23', '3', '2026'), parts('29', '3', '2026'))).toEqual({
      ok: true,
      value: { from: '2026-03-23', to: '2026-03-29', fromInstant: '2026-03-23T00:00:00.000Z', toInstant: '2026-03-29T23:00:00.000Z' },
    });
  });

  test.each([
    ['end before start', parts('10', '12', '2026'), parts('1', '12', '2026'), [{ field: 'to', message: 'The end date must be the same as or after the start date' }]],
    ['a ten-year range', parts('1', '1', '2016'), parts('1', '1', '2026'), [{ field: 'to', message: 'Choose dates no more than one year apart, for example one week or one month' }]],
    ['a year and a day', parts('1', '1', '2026'), parts('2', '1', '2027'), [{ field: 'to', message: 'Choose dates no more than one year apart, for example one week or one month' }]],
    ['no start date', parts('', '', ''), parts('1', '12', '2026'), [{ field: 'from', message: 'Enter the start date' }]],
    ['an unreal end date', parts('1', '12', '2026'), parts('31', '2', '2027'), [{ field: 'to', message: 'End date must be a real date' }]],
  ])('refuses %s with a message that says what to do', (_name, from, to, issues) => {
    expect(readDateRange(from, to)).toEqual({ ok: false, issues });
  });

  test('accepts a single day and a whole leap-year range', () => {
    expect(readDateRange(parts('1', '12', '2026'), parts('1', '12', '2026')).ok).toBe(true);
    expect(readDateRange(parts('1', '1', '2028'), parts('31', '12', '2028')).ok).toBe(true);
  });
});
