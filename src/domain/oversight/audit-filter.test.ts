/** The audit's range, site and staff group: bad input gets a clear message (issue 12 "Bad input"). */
import { describe, expect, test } from 'vitest';
import { datePartsFromIso } from '../shared/dates';
import { auditFilterDraftSchema, auditRangeInstants, daysInRange, defaultAuditFilterDraft, MAX_AUDIT_RANGE_DAYS, readAuditFilter } from './audit-filter';

const draft = (from: string, to: string) => ({ from: datePartsFromIso(from), to: datePartsFromIso(to), site: '', staffGroup: 'all' as const });

describe('readAuditFilter', () => {
  test('a good range reads as ISO dates', () => {
    expect(readAuditFilter({ ...draft('2026-03-01', '2026-03-30'), site: 'Riverside ED', staffGroup: 'agency' })).toEqual({
      ok: true,
      value: { from: '2026-03-01', to: '2026-03-30', site: 'Riverside ED', staffGroup: 'agency' },
    });
  });

  test('one day (start and end the same) is allowed', () => {
    expect(readAuditFilter(draft('2026-03-01', '2026-03-01')).ok).toBe(true);
  });

  test('end before start', () => {
    expect(readAuditFilter(draft('2026-03-10', '2026-03-09'))).toEqual({ ok: false, issues: [{ field: 'to.day', message: 'End date must be the same as or after the start date' }] });
  });

  test.each<[string, string, boolean]>([
    ['a leap year, 366 days', '2024-12-31', true],
    ['367 days', '2025-01-01', false],
  ])('from 1 January 2024 to %s', (_name, to, allowed) => {
    expect(daysInRange('2024-01-01', to)).toBe(allowed ? MAX_AUDIT_RANGE_DAYS : MAX_AUDIT_RANGE_DAYS + 1);
    expect(readAuditFilter(draft('2024-01-01', to)).ok).toBe(allowed);
  });

  test('a ten-year range says to choose a year or less', () => {
    const result = readAuditFilter(draft('2016-03-01', '2026-03-01'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/^The date range must be a year or shorter/);
  });

  test('missing and impossible dates, each on its own field', () => {
    const result = readAuditFilter({ from: { day: '', month: '', year: '' }, to: { day: '31', month: '2', year: '2026' }, site: '', staffGroup: 'all' });
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'from.day', message: 'Enter the start date' },
        { field: 'to.day', message: 'End date must be a real date' },
      ],
    });
  });

  test('a damaged draft reads as empty dates and every staff group', () => {
    expect(auditFilterDraftSchema.parse({ from: 7, staffGroup: 'locum' })).toEqual({ from: { day: '', month: '', year: '' }, to: { day: '', month: '', year: '' }, site: '', staffGroup: 'all' });
  });
});

test('the default: the last 30 days up to today', () => {
  const filter = readAuditFilter(defaultAuditFilterDraft('2026-03-30'));
  expect(filter).toEqual({ ok: true, value: { from: '2026-03-01', to: '2026-03-30', site: '', staffGroup: 'all' } });
  if (filter.ok) expect(daysInRange(filter.value.from, filter.value.to)).toBe(30);
});

test('the query bounds are London midnights, across the clock change', () => {
  expect(auditRangeInstants({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ start: '2026-03-01T00:00:00.000Z', end: '2026-03-31T23:00:00.000Z' });
});
