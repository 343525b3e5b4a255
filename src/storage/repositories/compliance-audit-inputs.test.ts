/**
 * The compliance audit's inputs from storage: the range's sealed summaries, the tablet's site
 * the first GP letter's issue time and the first liaison review's time (opened from its sealed row); refused to a triage nurse and while locked
 * (PRODUCT.md section 7: roles enforced by storage).
 */
import { describe, expect, test } from 'vitest';
import { complianceAudit } from '../../domain/oversight/compliance-audit';
import { buildDayIndex } from './day-index-build';
import { createPatientAttendance, openTestStorage, setUpTablet, START, TRIAGE_NURSE, triageNurse } from '../../test-support/storage-fixtures';

async function signedAttendanceWithGpLetters() {
  const storage = await openTestStorage();
  await setUpTablet(storage.repos);
  const editor = await createPatientAttendance(storage.repos);
  const signed = await editor.sign();
  if (!signed.ok) throw new Error(`sign failed: ${signed.error.kind}`);
  editor.close();
  const { db } = storage.repos.internals;
  const row = await db.attendances.get(editor.id);
  if (!row) throw new Error('no row');
  // Two versions of the GP letter, the later one put first: the first issue is what counts.
  await db.letters.bulkPut([
    { id: 'letter-2', attendanceId: editor.id, kind: 'gp', version: 2, issuedAt: '2026-03-12T09:00:00.000Z', issuedById: 'x', payload: row.summary },
    { id: 'letter-1', attendanceId: editor.id, kind: 'gp', version: 1, issuedAt: '2026-03-10T18:00:00.000Z', issuedById: 'x', payload: row.summary },
    { id: 'letter-3', attendanceId: editor.id, kind: 'school-nurse', version: 1, issuedAt: '2026-03-10T17:00:00.000Z', issuedById: 'x', payload: row.summary },
  ]);
  // Written straight to the table, as before the per-day index: the day goes with them, so
  // the audit reads this attendance the old way (its summary, letter rows and review row)
  // until the build after unlock indexes it (day-index.ts).
  await db.attendanceDays.clear();
  return { storage, id: editor.id };
}

describe('complianceAuditInputs', () => {
  test('the range’s summaries with the site and the first GP letter; nothing outside the range', async () => {
    const { storage, id } = await signedAttendanceWithGpLetters();
    const inputs = await storage.repos.attendances.complianceAuditInputs({ start: '2026-03-10T00:00:00.000Z', end: '2026-03-11T00:00:00.000Z' });
    expect(inputs.ok).toBe(true);
    if (!inputs.ok) return;
    expect(inputs.value.map((item) => [item.summary.id, item.summary.arrivedAt, item.site, item.gpLetterIssuedAt])).toEqual([[id, START, "Queen's Medical Centre ED", '2026-03-10T18:00:00.000Z']]);
    const report = complianceAudit(inputs.value, { from: '2026-03-10', to: '2026-03-10', site: '', staffGroup: 'substantive' }, '2026-03-20T00:00:00.000Z');
    expect(report.counted).toBe(1);
    expect(report.indicators.find((indicator) => indicator.id === 'gp-letter-24h')).toMatchObject({ numerator: 1, denominator: 1 });
    const after = await storage.repos.attendances.complianceAuditInputs({ start: '2026-03-10T14:00:00.001Z', end: '2026-03-11T00:00:00.000Z' });
    expect(after).toEqual({ ok: true, value: [] });
    // Once indexed, the same from the sealed day row.
    expect(await buildDayIndex(storage.repos.internals)).toEqual({ status: 'done', days: 1, attendances: 1, unreadable: 0 });
    expect(await storage.repos.internals.db.attendanceDays.count()).toBe(1);
    expect(await storage.repos.attendances.complianceAuditInputs({ start: '2026-03-10T00:00:00.000Z', end: '2026-03-11T00:00:00.000Z' })).toEqual(inputs);
    storage.repos.close();
  });

  test('the time of the first liaison review, from the sealed review row; none: empty', async () => {
    const { storage, id } = await signedAttendanceWithGpLetters();
    const range = { start: '2026-03-10T00:00:00.000Z', end: '2026-03-11T00:00:00.000Z' };
    const before = await storage.repos.attendances.complianceAuditInputs(range);
    expect(before.ok && before.value.map((item) => item.liaisonReviewedAt)).toEqual(['']);
    const first = await storage.repos.liaison.recordReview(id, { action: 'no-further-action', note: '' });
    if (!first.ok) throw new Error(`review failed: ${first.error.kind}`);
    expect((await storage.repos.liaison.recordReview(id, { action: 'escalated', note: 'Second look' })).ok).toBe(true);
    const after = await storage.repos.attendances.complianceAuditInputs(range);
    expect(after.ok && after.value.map((item) => [item.summary.id, item.liaisonReviewedAt])).toEqual([[id, first.value.reviewedAt]]);
    // A review row that cannot be opened (moved from another attendance) reads as not
    // reviewed, where the audit reads it (an attendance the day index does not hold).
    const { db } = storage.repos.internals;
    await db.attendanceDays.clear();
    const row = await db.liaisonReviews.get(id);
    if (!row) throw new Error('no review row');
    await db.liaisonReviews.put({ ...row, payload: (await db.attendances.get(id))?.summary ?? row.payload });
    const damaged = await storage.repos.attendances.complianceAuditInputs(range);
    expect(damaged.ok && damaged.value.map((item) => item.liaisonReviewedAt)).toEqual(['']);
    storage.repos.close();
  });

  test('refused to a triage nurse, and while locked', async () => {
    const { storage } = await signedAttendanceWithGpLetters();
    const range = { start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' };
    const added = await storage.repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await storage.repos.session.lock('manual');
    expect(await storage.repos.attendances.complianceAuditInputs(range)).toMatchObject({ ok: false, error: { kind: 'locked' } });
    expect((await storage.repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(await storage.repos.attendances.complianceAuditInputs(range)).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Only the nurse in charge or the paediatric liaison nurse can view the compliance audit.' },
    });
    storage.repos.close();
  });
});
