/**
 * The liaison list over the department at scale (issue 14; the list's budget, issue 12: a week
 * under 100 ms): 10,000 attendances recorded on another tablet over a year, held as pulled
 * rows, the day rows built from them at unlock, then a week of the liaison list and a 30-day
 * audit read. fake-indexeddb and Node's WebCrypto; times are printed for the report, and the
 * tablet's browser will differ.
 */
import { describe, expect, it } from 'vitest';
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import { addDays, fromLondon } from '../../domain/shared/dates';
import { createPatientAttendance, firstValue, openTestStorage, setUpTablet } from '../../test-support/storage-fixtures';
import type { DepartmentRow } from '../db';
import { openRowPart, sealAttendancePart } from '../repositories/attendance-crypto';
import { buildDepartmentDays } from './department-days';
import { boxToWire, rowKey } from './engine-wire';
import { countWebCrypto } from '../../test-support/webcrypto-count';

const COUNT = 10_000;
const AUTHOR = 'tablet-a-0000-0000';

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

describe('the department day rows at scale', () => {
  it('10,000 attendances from another tablet: a week of the liaison list opens a week of day rows, not the year', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    editor.close();
    const ctx = storage.repos.internals;
    const unlocked = ctx.vault.peek();
    if (!unlocked) throw new Error('locked');
    const own = await ctx.db.attendances.get(editor.id);
    const opened = own ? await openRowPart(unlocked, own, 'summary') : undefined;
    const template = attendanceSummarySchema.parse(opened?.value);
    const author = { ...unlocked, deviceId: AUTHOR };
    // A year of arrivals ending on the test clock's day (2026-03-10), about 27 a day, sealed by tablet A as it pushes them.
    const rows: DepartmentRow[] = await Promise.all(
      Array.from({ length: COUNT }, async (_, index) => {
        const id = `dept-${String(index).padStart(5, '0')}`;
        const arrivedAt = fromLondon(addDays('2026-03-10', -(index % 365)), '10:30');
        const box = await sealAttendancePart(author, { ...template, id, arrivedAt }, id, 'summary', 1);
        return { key: rowKey('summary', id), kind: 'summary', rowId: id, revision: 1, authorTablet: AUTHOR, seq: index + 1, sealed: boxToWire(box), nhsIndex: '', nameDobIndex: '', signed: false };
      }),
    );
    await ctx.db.departmentRows.bulkPut(rows);

    const build = await timed(() => buildDepartmentDays(ctx.db, unlocked, '2026-03-10T14:00:00.000Z'));
    expect(build.value).toEqual({ built: true, entries: COUNT });

    const week = { fromInstant: fromLondon('2026-03-04', '00:00'), toInstant: fromLondon('2026-03-11', '00:00') };
    await firstValue(storage.repos.liaison.list(week));
    const times: number[] = [];
    let listed = 0;
    for (let run = 0; run < 5; run += 1) {
      const { ms, value } = await timed(() => firstValue(storage.repos.liaison.list(week)));
      times.push(ms);
      listed = value.ok ? value.value.summaries.length : -1;
    }
    const audit = await timed(() => storage.repos.attendances.complianceAuditInputs({ start: fromLondon('2026-02-09', '00:00'), end: fromLondon('2026-03-11', '00:00') }));
    const median = [...times].sort((a, b) => a - b)[2] ?? Infinity;
    // The work a week's list does, counted (the budget itself is the benchmark's: npm run bench).
    const { calls } = await countWebCrypto(() => firstValue(storage.repos.liaison.list(week)));
    process.stdout.write(
      `department day rows, ${String(COUNT)} attendances from another tablet: build at unlock ${build.ms.toFixed(0)} ms; liaison list for a week (${String(listed)} attendances) median ${median.toFixed(1)} ms of ${times.map((ms) => ms.toFixed(1)).join(', ')}; 30-day audit inputs ${audit.ms.toFixed(0)} ms (${String(audit.value.ok ? audit.value.value.length : -1)})\n`,
    );
    // Every one of the department's that arrived in those 7 days, and this tablet's own attendance.
    expect(listed).toBe(Array.from({ length: COUNT }, (_, index) => index % 365).filter((daysBack) => daysBack < 7).length + 1);
    // A few boxes a day for the week (the department's day rows and this tablet's own), never
    // one per attendance: the year holds 10,000, the week about 190.
    process.stdout.write(`a week of the liaison list: ${String(calls.decrypt)} boxes opened\n`);
    expect(calls.decrypt).toBeGreaterThan(0);
    expect(calls.decrypt).toBeLessThan(30);
  }, 600_000);
});
