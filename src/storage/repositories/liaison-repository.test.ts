/**
 * The liaison review list in storage (issue 12), against the real repositories on
 * fake-indexeddb: the review is sealed (no action, note or name in clear), recorded as an
 * audit event, read back on the list, and refused to a triage nurse and while locked.
 */
import { describe, expect, it } from 'vitest';
import { NURSE_IN_CHARGE, TRIAGE_NURSE, createPatientAttendance, firstValue, like, openTestStorage, rawTables, serialiseForSearch, setUpTablet, triageNurse } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';

const NOTE = 'Shared with Brindlewood school nurse team';
const WHOLE_DAY = { fromInstant: '2026-03-10T00:00:00.000Z', toInstant: '2026-03-11T00:00:00.000Z' };

async function tabletWithChild(): Promise<{ storage: TestStorage; attendanceId: string; nurseInChargeId: string }> {
  const storage = await openTestStorage();
  const nurseInChargeId = await setUpTablet(storage.repos);
  const editor = await createPatientAttendance(storage.repos);
  const attendanceId = editor.id;
  await editor.flush();
  editor.close();
  return { storage, attendanceId, nurseInChargeId };
}

describe('liaison reviews in storage', () => {
  it('records a review sealed, with an audit event, and the list reads it back', async () => {
    const { storage, attendanceId, nurseInChargeId } = await tabletWithChild();
    const { repos } = storage;

    const before = await firstValue(repos.liaison.list(WHOLE_DAY));
    expect(before.ok && before.value.summaries.map((summary) => [summary.id, summary.ageYears])).toEqual([[attendanceId, 13]]);
    expect(before.ok && before.value.reviews).toEqual([]);

    storage.clock.advance(60_000);
    const recorded = await repos.liaison.recordReview(attendanceId, { action: 'shared-with-health-visitor-or-school-nurse', note: `  ${NOTE} ` });
    expect(recorded).toEqual({
      ok: true,
      value: { reviewedBy: { id: nurseInChargeId, name: NURSE_IN_CHARGE.name }, reviewedAt: '2026-03-10T14:01:00.000Z', action: 'shared-with-health-visitor-or-school-nurse', note: NOTE },
    });

    const after = await firstValue(repos.liaison.list(WHOLE_DAY));
    expect(after.ok && after.value.reviews).toEqual([{ attendanceId, reviews: [recorded.ok ? recorded.value : undefined] }]);

    // A second review is added after the first, which stays readable.
    await repos.liaison.recordReview(attendanceId, { action: 'escalated', note: '' });
    const twice = await firstValue(repos.liaison.list(WHOLE_DAY));
    expect(twice.ok && twice.value.reviews[0]?.reviews.map((review) => review.action)).toEqual(['shared-with-health-visitor-or-school-nurse', 'escalated']);

    const tables = await rawTables(storage.name);
    // Sealed: the row holds the opaque id and ciphertext only.
    const rows = tables['liaisonReviews'] ?? [];
    expect(rows).toEqual([{ attendanceId, payload: expect.anything() as unknown }]);
    const clear = serialiseForSearch(rows);
    for (const secret of [NOTE, 'shared-with-health-visitor', 'escalated', NURSE_IN_CHARGE.name]) expect(clear).not.toContain(secret);
    // Audited, with no clinical content in the clear detail.
    const events = (tables['audit'] ?? []) as { type: string; entityId: string; detail: string; actor: { name: string } | null }[];
    const reviewEvents = events.filter((event) => event.type === 'liaison-reviewed');
    expect(reviewEvents).toEqual([
      // The words are sealed (issue 11: audit-details.ts); the nurse in charge reads them on the audit page.
      like({ entityId: attendanceId, detail: '', actor: like({ name: NURSE_IN_CHARGE.name }) }),
      like({ entityId: attendanceId, detail: '' }),
    ]);
    expect(await repos.audit.verify()).toEqual(like({ ok: true }));
    repos.close();
  });

  it('a list left open hears the review recorded and the attendance that arrives, without being opened again', async () => {
    const { storage, attendanceId } = await tabletWithChild();
    const { repos } = storage;
    const seen: { ids: string[]; reviewed: string[] }[] = [];
    const subscription = repos.liaison.list(WHOLE_DAY).subscribe((list) => {
      if (list.ok) seen.push({ ids: list.value.summaries.map((summary) => summary.id).sort(), reviewed: list.value.reviews.map((review) => review.attendanceId) });
    });
    try {
      await expect.poll(() => seen.at(-1)).toEqual({ ids: [attendanceId], reviewed: [] });
      await repos.liaison.recordReview(attendanceId, { action: 'escalated', note: '' });
      // The list's code is loaded inside the query (a dynamic import): before observed.ts, nothing it read after that was observed.
      await expect.poll(() => seen.at(-1), { timeout: 3_000 }).toEqual({ ids: [attendanceId], reviewed: [attendanceId] });
      const second = await createPatientAttendance(repos);
      await second.flush();
      second.close();
      await expect.poll(() => seen.at(-1), { timeout: 3_000 }).toEqual({ ids: [attendanceId, second.id].sort(), reviewed: [attendanceId] });
    } finally {
      subscription.unsubscribe();
      repos.close();
    }
  });

  it('a review row moved to another attendance cannot be opened (the AAD names the attendance)', async () => {
    const { storage, attendanceId } = await tabletWithChild();
    const other = await createPatientAttendance(storage.repos);
    await other.flush();
    other.close();
    await storage.repos.liaison.recordReview(attendanceId, { action: 'referral', note: NOTE });
    const row = await storage.repos.internals.db.liaisonReviews.get(attendanceId);
    if (!row) throw new Error('no row');
    await storage.repos.internals.db.liaisonReviews.put({ attendanceId: other.id, payload: row.payload });
    const list = await firstValue(storage.repos.liaison.list(WHOLE_DAY));
    expect(list.ok && list.value.reviews.map((review) => review.attendanceId)).toEqual([attendanceId]);
    // A new review of the attendance with the unreadable row is refused rather than overwrite it.
    expect(await storage.repos.liaison.recordReview(other.id, { action: 'referral', note: '' })).toEqual({ ok: false, error: like({ kind: 'damaged' }) });
    storage.repos.close();
  });

  it('refuses an unknown action or attendance', async () => {
    const { storage, attendanceId } = await tabletWithChild();
    expect(await storage.repos.liaison.recordReview(attendanceId, { action: 'made-up' as 'referral', note: '' })).toEqual({ ok: false, error: like({ kind: 'unknown' }) });
    expect(await storage.repos.liaison.recordReview('no-such-attendance', { action: 'referral', note: '' })).toEqual({ ok: false, error: like({ kind: 'not-found' }) });
    expect((await rawTables(storage.name))['liaisonReviews']).toEqual([]);
    storage.repos.close();
  });
});

describe('storage refuses the liaison list', () => {
  it('to a triage nurse, who reads it or records a review from the console: nothing is written', async () => {
    const { storage, attendanceId } = await tabletWithChild();
    const { repos } = storage;
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    const unlocked = await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin);
    expect(unlocked.ok).toBe(true);
    const eventsBefore = (await rawTables(storage.name))['audit']?.length;

    const refusal = { ok: false, error: { kind: 'forbidden', message: 'Only the paediatric liaison nurse or the nurse in charge can see and record paediatric liaison reviews.' } };
    expect(await firstValue(repos.liaison.list(WHOLE_DAY))).toEqual(refusal);
    expect(await repos.liaison.recordReview(attendanceId, { action: 'no-further-action', note: '' })).toEqual(refusal);
    const tables = await rawTables(storage.name);
    expect(tables['liaisonReviews']).toEqual([]);
    expect(tables['audit']?.length).toBe(eventsBefore);
    repos.close();
  });

  it('to nobody while locked; the paediatric liaison nurse may record one once unlocked', async () => {
    const { storage, attendanceId } = await tabletWithChild();
    const { repos } = storage;
    const added = await repos.staff.add(triageNurse({ name: 'Jo Liaison', role: 'paediatric-liaison', secret: '918273' }));
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    expect(await firstValue(repos.liaison.list(WHOLE_DAY))).toEqual({ ok: false, error: like({ kind: 'locked' }) });
    expect(await repos.liaison.recordReview(attendanceId, { action: 'referral', note: '' })).toEqual({ ok: false, error: like({ kind: 'locked' }) });
    const unlocked = await repos.session.unlock(added.value.id, '918273');
    expect(unlocked.ok).toBe(true);
    expect(await repos.liaison.recordReview(attendanceId, { action: 'referral', note: '' })).toEqual({ ok: true, value: like({ reviewedBy: { id: added.value.id, name: 'Jo Liaison' } }) });
    repos.close();
  });
});

describe('the summaries the list reads', () => {
  it('stay in step with the attendance rows: created, saved, and a changed arrival moves it between windows', async () => {
    const { storage, attendanceId } = await tabletWithChild();
    const { repos } = storage;
    const db = repos.internals.db;
    // One sealed day row for the day of arrival (day-index.ts).
    expect((await db.attendanceDays.toArray()).map((row) => [row.day, row.seq])).toEqual([['2026-03-10', 2]]);

    // The nurse corrects the arrival to the day before: the list follows.
    const opened = await repos.attendances.open(attendanceId);
    if (!opened.ok) throw new Error('open failed');
    await opened.value.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, arrivalDate: { day: '9', month: '3', year: '2026' }, arrivalTime: '10:00' } } }));
    await opened.value.flush();
    opened.value.close();
    const today = await firstValue(repos.liaison.list(WHOLE_DAY));
    expect(today.ok && today.value.summaries).toEqual([]);
    const yesterday = await firstValue(repos.liaison.list({ fromInstant: '2026-03-09T00:00:00.000Z', toInstant: '2026-03-10T00:00:00.000Z' }));
    expect(yesterday.ok && yesterday.value.summaries.map((summary) => summary.id)).toEqual([attendanceId]);
    // The entry moved with it: the day left empty has no row.
    expect((await db.attendanceDays.toArray()).map((row) => row.day)).toEqual(['2026-03-09']);
    repos.close();
  });
});
