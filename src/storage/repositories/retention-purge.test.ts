/**
 * The retention purge (issue 13) against the real repositories on fake-indexeddb: what goes
 * and what stays, the one audit event with the count, nothing of a purged attendance left in
 * any store beyond its documented stub (raw rows searched), the look-up still finding the
 * stub and counting it in "3 or more in 12 months", a referral still to make blocking the
 * purge, stubs going after their months, and the nurse in charge alone may purge.
 */
import { describe, expect, it } from 'vitest';
import { lookUpFlags } from '../../domain/assessment/patient-look-up';
import { RETAINED_STUB_NAME, retainedStubSchema } from '../../domain/retention/retention';
import { runLookUp } from '../../features/lookup/run-look-up';
import { PATIENT, TRIAGE_NURSE, createPatientAttendance, firstValue, like, openTestStorage, rawTables, serialiseForSearch, setUpTablet, triageNurse } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import type { IssueLetterRequest } from './types';
import { openStub } from './retention-purge';
import { rekeyJobOf } from './rekey';
import { STUB_INDEX_KEYS_KEY } from './legacy-stub-keys';
import { readDays } from './day-index';
import type { RetainedStubRow } from '../db';
import { conflictAddendumId } from '../../domain/sync/conflict-addendum';
import type { ConflictAddendum } from '../../domain/sync/conflict-addendum';
import { sealAddendum } from '../sync/conflict';

const DAY = 86_400_000;
const planned = {
  concernLevel: 'suspect' as const,
  referral: 'next-working-day' as const,
  referralNextDayBy: 'Sam Patel',
  referralNextDayDate: { day: '11', month: '3', year: '2026' },
  referralNextDayTime: '09:00',
};

function unlockedOf(storage: TestStorage) {
  const unlocked = storage.repos.internals.vault.peek();
  if (!unlocked) throw new Error('locked');
  return unlocked;
}

/** A signed attendance of the test patient; with `letters`, every letter it needs issued; with `reviewed`, a liaison review. */
async function finished(storage: TestStorage, options: { letters: boolean; reviewed: boolean; referralToMake?: boolean }): Promise<string> {
  const { repos } = storage;
  const editor = await createPatientAttendance(repos);
  if (options.referralToMake) await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
  expect((await editor.sign()).ok).toBe(true);
  editor.close();
  const id = editor.id;
  if (options.letters) {
    const entry = (await readDays(repos.internals, unlockedOf(storage), { fromInstant: '2000-01-01T00:00:00.000Z', toInstant: '2100-01-01T00:00:00.000Z' })).find((each) => each.id === id);
    for (const kind of entry?.summary.letters ?? []) {
      const request = { attendanceId: id, kind, choices: { slots: {}, restricted: {} }, compose: () => ({ document: { title: kind, blocks: [] }, restrictedCategories: [] }) } as unknown as IssueLetterRequest;
      expect((await repos.letters.issue(request)).ok).toBe(true);
    }
    // An unfinished draft of a later version is left too: the purge takes it.
    expect((await repos.letters.saveDraft(id, 'gp', { slots: { 'gp-requests': 'Draft words' }, restricted: { include: false, reason: '' } })).ok).toBe(true);
  }
  if (options.reviewed) expect((await repos.liaison.recordReview(id, { action: 'no-further-action', note: 'Reviewed by the liaison nurse' })).ok).toBe(true);
  return id;
}

/** Every raw row (all tables) that names `id` anywhere, by table. */
async function rowsNaming(name: string, id: string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const [table, rows] of Object.entries(await rawTables(name))) {
    const count = rows.filter((row) => serialiseForSearch(row).includes(id)).length;
    if (count > 0) found[table] = count;
  }
  return found;
}

async function tabletWithFourAttendances() {
  const storage = await openTestStorage();
  await setUpTablet(storage.repos);
  const purged = await finished(storage, { letters: true, reviewed: true });
  const notReviewed = await finished(storage, { letters: true, reviewed: false });
  const referralToMake = await finished(storage, { letters: true, reviewed: true, referralToMake: true });
  storage.clock.advance(31 * DAY);
  const recent = await finished(storage, { letters: true, reviewed: true });
  return { storage, purged, notReviewed, referralToMake, recent };
}

describe('the retention purge', () => {
  it('removes a finished attendance past the retention days with its letters, drafts, review and index entry; keeps the rest; one audit event with the count', async () => {
    const { storage, purged, notReviewed, referralToMake, recent } = await tabletWithFourAttendances();
    const { repos } = storage;
    expect(await repos.retention.due()).toEqual({ ok: true, value: { attendances: 1, stubs: 0, retentionDays: 30, stubMonths: 12 } });
    const eventsBefore = (await repos.internals.audit.all()).length;
    // Before: its row, letters, review row and the trail name it; its draft is under a keyed meta key (issue 11) that does not.
    expect(Object.keys(await rowsNaming(storage.name, purged)).sort()).toEqual(['attendances', 'audit', 'letters', 'liaisonReviews']);
    expect(await repos.letters.loadDraft(purged, 'gp')).toMatchObject({ slots: { 'gp-requests': 'Draft words' } });
    const metaBefore = ((await rawTables(storage.name))['meta'] ?? []).length;

    expect(await repos.retention.purge()).toEqual({ ok: true, value: { purged: 1, stubsRemoved: 0, skipped: 0 } });

    // What goes: every row naming it, but its stub and the trail's events (opaque id, no patient details).
    expect(await rowsNaming(storage.name, purged)).toEqual({ retainedStubs: 1, audit: expect.any(Number) as number });
    expect(await repos.letters.loadDraft(purged, 'gp')).toBeUndefined();
    expect(((await rawTables(storage.name))['meta'] ?? []).length).toBeLessThan(metaBefore);
    const days = await readDays(repos.internals, unlockedOf(storage), { fromInstant: '2000-01-01T00:00:00.000Z', toInstant: '2100-01-01T00:00:00.000Z' });
    expect(days.map((entry) => entry.id).sort()).toEqual([notReviewed, referralToMake, recent].sort());
    // The stub holds exactly the documented fields, sealed; its clear columns are the blind indexes and the arrival date.
    // The look-up values the indexes were made from are sealed beside it (`lookup`), so a re-key can make them again (rekey.ts).
    const stubRow = ((await rawTables(storage.name))['retainedStubs'] ?? [])[0] as RetainedStubRow;
    expect(Object.keys(stubRow).sort()).toEqual(['arrivedOn', 'id', 'lookup', 'nameDobIndex', 'nhsIndex', 'payload']);
    expect(JSON.stringify(stubRow.lookup)).not.toContain(PATIENT.nhsDigits);
    const stub = await openStub(unlockedOf(storage), stubRow);
    expect(stub && Object.keys(stub).sort()).toEqual(Object.keys(retainedStubSchema.shape).sort());
    expect(stub).toEqual({ id: purged, arrivedOn: '2026-03-10', ageBand: '13-15', concernLevel: expect.anything() as unknown, cpis: '', thinkFamilyChildren: null, leftBeforeAssessment: false, purgedAt: '2026-04-10T14:00:00.000Z' });
    for (const secret of [PATIENT.familyName, PATIENT.nhsNumber, PATIENT.dateOfBirthIso, PATIENT.childAccount, 'Draft words', 'Reviewed by the liaison nurse']) {
      expect(JSON.stringify(stub)).not.toContain(secret);
    }
    // What stays: the three the rule keeps, whole.
    for (const id of [notReviewed, referralToMake, recent]) expect((await repos.attendances.open(id)).ok).toBe(true);
    // One audit event, with the count and not the patient.
    const added = (await repos.internals.audit.all()).slice(eventsBefore);
    expect(added.map((event) => [event.type, event.entityId])).toEqual([['purge', '']]);
    expect(added[0]?.detail).toBe('Retention purge: 1 finished attendance removed after 30 days, each leaving a sealed stub for look-ups; 0 stubs older than 12 months removed');
    expect(added[0]?.detail).not.toContain(purged);
    expect(await repos.audit.verify()).toEqual(like({ ok: true }));
    // Nothing more is due; a second purge changes nothing and writes no event.
    expect(await repos.retention.purge()).toEqual({ ok: true, value: { purged: 0, stubsRemoved: 0, skipped: 0 } });
    expect((await repos.internals.audit.all()).length).toBe(eventsBefore + 1);
    storage.repos.close();
  });

  it('leaves the look-up finding the stub, counted in "3 or more attendances in 12 months"', async () => {
    const { storage, purged } = await tabletWithFourAttendances();
    const { repos } = storage;
    const flagsNow = async () => {
      const result = await runLookUp(repos.attendances, { nhsNumber: PATIENT.nhsDigits });
      if (!result.ok) throw new Error(result.error.message);
      return { result: result.value, flags: lookUpFlags(result.value.matches, storage.clock.now().toISOString()) };
    };
    const before = await flagsNow();
    expect(before.result.matches).toHaveLength(4);
    expect((await repos.retention.purge()).ok).toBe(true);

    const after = await flagsNow();
    expect(after.result.matches).toHaveLength(4);
    // Found by the NHS number index, then by last name and date of birth in the look-up's second round: both keys agree.
    const stub = after.result.matches.find((summary) => summary.id === purged);
    expect(stub).toEqual(like({ displayName: RETAINED_STUB_NAME, arrivedAt: '2026-03-10T00:00:00.000Z', retainedStub: { arrivedOn: '2026-03-10', nhs: 'same', nameDob: 'same' } }));
    expect(after.flags.find((flag) => flag.kind === 'frequent')?.text).toBe('3 or more attendances in 12 months (4)');
    // By last name and date of birth too (the other blind index).
    const byName = await runLookUp(repos.attendances, { familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirthIso });
    expect(byName.ok && byName.value.matches.map((summary) => summary.id)).toContain(purged);
    storage.repos.close();
  });

  it('after a re-key the look-up still finds the stub by both indexes, made again under the new key from its sealed look-up values', async () => {
    const { storage, purged } = await tabletWithFourAttendances();
    const { repos } = storage;
    const { db } = repos.internals;
    expect((await repos.retention.purge()).ok).toBe(true);
    const before = await db.retainedStubs.get(purged);
    const leaving = await repos.staff.add(triageNurse({ name: 'Robin Ellis', secret: '518274' }));
    if (!leaving.ok) throw new Error('add failed');
    expect((await repos.staff.remove(leaving.value.id)).ok).toBe(true);
    await rekeyJobOf(repos.internals);
    const after = await db.retainedStubs.get(purged);
    // Both indexes changed with the key: the old index key (which the removed member held) finds nothing.
    expect(after && before && [after.nhsIndex === before.nhsIndex, after.nameDobIndex === before.nameDobIndex]).toEqual([false, false]);
    const found = await runLookUp(repos.attendances, { nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.matches.find((summary) => summary.id === purged)).toEqual(like({ retainedStub: { arrivedOn: '2026-03-10', nhs: 'same', nameDob: 'same' } }));
    const byName = await runLookUp(repos.attendances, { familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirthIso });
    expect(byName.ok && byName.value.matches.map((summary) => summary.id)).toContain(purged);
    storage.repos.close();
  });

  it('a stub purged before re-keying existed (no sealed look-up values) is still found after a re-key, by the retired index key kept for it alone', async () => {
    const { storage, purged } = await tabletWithFourAttendances();
    const { repos } = storage;
    const { db } = repos.internals;
    expect((await repos.retention.purge()).ok).toBe(true);
    // As the release before re-keying wrote it: no look-up values.
    const row = await db.retainedStubs.get(purged);
    if (!row) throw new Error('no stub');
    const { lookup: _lookup, ...legacy } = row;
    await db.retainedStubs.put(legacy);
    const leaving = await repos.staff.add(triageNurse({ name: 'Robin Ellis', secret: '518274' }));
    if (!leaving.ok) throw new Error('add failed');
    expect((await repos.staff.remove(leaving.value.id)).ok).toBe(true);
    await rekeyJobOf(repos.internals);
    expect((await db.retainedStubs.get(purged))?.nhsIndex).toBe(row.nhsIndex);
    expect(((await rawTables(storage.name))['meta'] ?? []).map((each) => (each as { key: string }).key)).toContain(STUB_INDEX_KEYS_KEY);
    const found = await runLookUp(repos.attendances, { nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.matches.find((summary) => summary.id === purged)).toEqual(like({ retainedStub: { arrivedOn: '2026-03-10', nhs: 'same', nameDob: 'same' } }));
    storage.repos.close();
  });

  it('keeps an attendance whose referral to children’s social care is still to make, even with every letter issued and reviewed', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const blocked = await finished(storage, { letters: true, reviewed: true, referralToMake: true });
    storage.clock.advance(400 * DAY);
    expect(await storage.repos.retention.due()).toEqual({ ok: true, value: like({ attendances: 0 }) });
    expect(await storage.repos.retention.purge()).toEqual({ ok: true, value: { purged: 0, stubsRemoved: 0, skipped: 0 } });
    expect((await storage.repos.attendances.open(blocked)).ok).toBe(true);
    storage.repos.close();
  });

  it('keeps an attendance with a conflicting edit from another tablet not yet reconciled (or one that does not open); once reconciled it goes, with its conflict addendum', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const { repos } = storage;
    const withConflict = await finished(storage, { letters: true, reviewed: true });
    const unreadable = await finished(storage, { letters: true, reviewed: true });
    const unlocked = unlockedOf(storage);
    const opened = await repos.attendances.open(withConflict);
    if (!opened.ok) throw new Error(opened.error.kind);
    const record = opened.value.record();
    opened.value.close();
    // As conflict.ts keeps one on a tablet that shares: a sealed `draft` row held in departmentRows.
    const addendum: ConflictAddendum = { v: 1, attendanceId: withConflict, tabletId: 'tablet-b', editedAt: record.updatedAt, editedBy: record.updatedBy, localRevision: 3, serverRevision: 2, record };
    const rowId = conflictAddendumId(withConflict, 'tablet-b', 3);
    await repos.internals.db.departmentRows.put(await sealAddendum(unlocked, addendum, rowId, 1, unlocked.deviceId));
    const damagedRow = await sealAddendum(unlocked, { ...addendum, attendanceId: unreadable }, conflictAddendumId(unreadable, 'tablet-b', 3), 1, unlocked.deviceId);
    await repos.internals.db.departmentRows.put({ ...damagedRow, authorTablet: 'another-tablet' });
    storage.clock.advance(40 * DAY);

    expect(await repos.retention.due()).toEqual({ ok: true, value: like({ attendances: 0 }) });
    expect(await repos.retention.purge()).toEqual({ ok: true, value: { purged: 0, stubsRemoved: 0, skipped: 0 } });
    expect(await repos.internals.db.attendances.get(withConflict)).toBeDefined();

    // Marked reconciled (a second revision of the row): the record goes, and its addendum with it; the unreadable one stays held back.
    const reconciled: ConflictAddendum = { ...addendum, reconciled: { at: storage.clock.now().toISOString(), by: unlocked.staff } };
    await repos.internals.db.departmentRows.put(await sealAddendum(unlocked, reconciled, rowId, 2, unlocked.deviceId));
    expect(await repos.retention.due()).toEqual({ ok: true, value: like({ attendances: 1 }) });
    expect(await repos.retention.purge()).toEqual({ ok: true, value: { purged: 1, stubsRemoved: 0, skipped: 0 } });
    expect(await repos.internals.db.attendances.get(withConflict)).toBeUndefined();
    expect(await repos.internals.db.departmentRows.where('kind').equals('draft').primaryKeys()).toEqual([`draft ${conflictAddendumId(unreadable, 'tablet-b', 3)}`]);
    expect(await repos.internals.db.attendances.get(unreadable)).toBeDefined();
    storage.repos.close();
  });

  it('removes stubs older than the months set, with the count in one event', async () => {
    const { storage, purged } = await tabletWithFourAttendances();
    const { repos } = storage;
    expect((await repos.retention.purge()).ok).toBe(true);
    storage.clock.advance(330 * DAY);
    expect(await repos.retention.due()).toEqual({ ok: true, value: like({ stubs: 0 }) });
    storage.clock.advance(40 * DAY);
    expect(await repos.retention.due()).toEqual({ ok: true, value: like({ stubs: 1 }) });
    // The attendance kept as recent is purged now too, and, older than 12 months, leaves no stub either.
    expect(await repos.retention.purge()).toEqual({ ok: true, value: { purged: 1, stubsRemoved: 2, skipped: 0 } });
    expect(await rowsNaming(storage.name, purged)).toEqual({ audit: expect.any(Number) as number });
    const event = (await repos.internals.audit.all()).at(-1);
    expect(event).toEqual(like({ type: 'purge', entityId: '' }));
    expect(event?.detail).toMatch(/; 2 stubs older than 12 months removed$/);
    storage.repos.close();
  });

  it('is refused to a triage nurse and while locked: nothing removed, no event', async () => {
    const { storage } = await tabletWithFourAttendances();
    const { repos } = storage;
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    expect(await repos.retention.purge()).toEqual({ ok: false, error: like({ kind: 'locked' }) });
    expect((await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    const eventsBefore = (await rawTables(storage.name))['audit']?.length;
    expect(await repos.retention.purge()).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Only the nurse in charge can remove records past the retention period.' } });
    expect(await repos.retention.due()).toEqual({ ok: false, error: like({ kind: 'forbidden' }) });
    const tables = await rawTables(storage.name);
    expect(tables['attendances']).toHaveLength(4);
    expect(tables['audit']?.length).toBe(eventsBefore);
    expect(await firstValue(repos.session.tamperReports())).toEqual([]);
    storage.repos.close();
  });
});
