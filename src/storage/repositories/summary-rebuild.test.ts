/**
 * Rebuilding sealed summaries after a version change (issue 9: "summaries are versioned pure
 * derivations of the record, rebuilt after unlock when their version changes"), against the
 * real repositories (fake-indexeddb + WebCrypto): an old, missing or unreadable summary is
 * rebuilt from its sealed record in the background after unlock; a half-done rebuild resumes
 * where it stopped; locking stops it; records are never changed.
 */
import { describe, expect, test } from 'vitest';
import { SUMMARY_VERSION } from '../../domain/assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import { emptyCseDraft } from '../../domain/screening/cse';
import { createPatientAttendance, firstValue, NURSE_IN_CHARGE, openTestStorage, setUpTablet, tamper } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import { seal } from '../crypto/codec';
import type { Sealed } from '../crypto/codec';
import type { AttendanceRow } from '../db';
import { openRowPart, revisionAad } from './attendance-crypto';
import { rebuildSummaries, SUMMARY_REBUILD_KEY } from './summary-rebuild';

/** What a summary sealed before versions existed looked like (no oversight fields). */
const VERSION_1_FIELDS = ['id', 'displayName', 'dateOfBirth', 'ageText', 'ageYears', 'nhsNumber', 'reason', 'arrivedAt', 'status', 'signedAt', 'createdByName', 'pendingReferral', 'concernLevel'];

/** A sealed-box shape that opens under no key. */
const GARBLED: Sealed = { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(40) };

/** A set-up tablet with `count` attendances of a 13-year-old whose CSE screen was not asked. */
async function tabletWith(count: number): Promise<{ storage: TestStorage; staffId: string; ids: string[] }> {
  const storage = await openTestStorage();
  const staffId = await setUpTablet(storage.repos);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const editor = await createPatientAttendance(storage.repos);
    await editor.update((record) => ({ ...record, answers: { ...record.answers, cse: { ...emptyCseDraft(), notAsked: true, notAskedReason: 'declined' } } }));
    editor.close();
    ids.push(editor.id);
  }
  return { storage, staffId, ids };
}

function unlockedOf(storage: TestStorage) {
  const unlocked = storage.repos.internals.vault.peek();
  if (!unlocked) throw new Error('expected the tablet to be unlocked');
  return unlocked;
}

/** Opens a row's sealed summary with the test's keys. */
async function storedSummary(storage: TestStorage, id: string): Promise<AttendanceSummary | undefined> {
  const unlocked = unlockedOf(storage);
  const row = await storage.repos.internals.db.attendances.get(id);
  if (!row) return undefined;
  const opened = await openRowPart(unlocked, row, 'summary');
  return opened ? attendanceSummarySchema.parse(opened.value) : undefined;
}

/** Replaces each row's summary with a version-1 one sealed with the right keys (as an older release wrote it). */
async function makeVersion1(storage: TestStorage, ids: readonly string[]): Promise<void> {
  const unlocked = unlockedOf(storage);
  for (const id of ids) {
    const current = await storedSummary(storage, id);
    if (!current) throw new Error('summary not readable');
    const old = Object.fromEntries(VERSION_1_FIELDS.map((key) => [key, current[key as keyof AttendanceSummary]]));
    const row = await storage.repos.internals.db.attendances.get(id);
    if (!row) throw new Error('row missing');
    const sealed = await seal(unlocked.keys.dataKey, old, revisionAad(unlocked.deviceId, id, 'summary', row.rev));
    await storage.repos.internals.db.attendances.update(id, { summary: sealed });
  }
  await storage.repos.internals.db.meta.delete(SUMMARY_REBUILD_KEY);
}

/** The parts of each row that belong to the record: never changed by a rebuild. */
async function recordParts(storage: TestStorage): Promise<Pick<AttendanceRow, 'id' | 'payload' | 'rev' | 'updatedAt' | 'status' | 'arrivedDay'>[]> {
  const rows = await storage.repos.internals.db.attendances.orderBy(':id').toArray();
  return rows.map(({ id, payload, rev, updatedAt, status, arrivedDay }) => ({ id, payload, rev, updatedAt, status, arrivedDay }));
}

const versions = async (storage: TestStorage, ids: readonly string[]) => Promise.all(ids.map(async (id) => (await storedSummary(storage, id))?.summaryVersion));

describe('rebuilding summaries after unlock', () => {
  test('an old-version summary is rebuilt from the sealed record in the background after unlock; the record is unchanged', async () => {
    const { storage, staffId, ids } = await tabletWith(1);
    const id = ids[0] ?? '';
    await makeVersion1(storage, ids);
    expect(await storedSummary(storage, id)).toMatchObject({ summaryVersion: 1, followUps: [], screens: {} });
    const before = await recordParts(storage);

    await storage.repos.session.lock('manual');
    const unlocking = storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin);
    expect((await unlocking).ok).toBe(true);
    await storage.repos.backgroundWork();

    const rebuilt = await storedSummary(storage, id);
    expect(rebuilt).toMatchObject({ summaryVersion: SUMMARY_VERSION, followUps: ['cse-not-asked'], screens: { cse: { state: 'not-asked', reason: 'declined' } }, createdByGroup: 'substantive' });
    expect(await recordParts(storage)).toEqual(before);
    // Lists read the rebuilt summary.
    expect((await firstValue(storage.repos.attendances.inProgress())).map((summary) => [summary.id, summary.summaryVersion])).toEqual([[id, SUMMARY_VERSION]]);
  });

  test('a missing or unreadable summary is rebuilt, so the attendance is listed again', async () => {
    const { storage, staffId, ids } = await tabletWith(1);
    await tamper(storage.name, (db) => db.attendances.update(ids[0] ?? '', { summary: GARBLED }));
    expect(await firstValue(storage.repos.attendances.inProgress())).toEqual([]);

    await storage.repos.session.lock('manual');
    expect((await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    await storage.repos.backgroundWork();

    expect((await firstValue(storage.repos.attendances.inProgress())).map((summary) => summary.id)).toEqual(ids);
  });

  test('a half-done rebuild resumes where it stopped, and a finished one costs nothing at the next unlock', async () => {
    const { storage, ids } = await tabletWith(5);
    await makeVersion1(storage, ids);
    const before = await recordParts(storage);
    const ctx = storage.repos.internals;

    // Stopped after the first batch of two (a closed tab, a lock).
    let stop = false;
    const first = await rebuildSummaries(ctx, {
      batchSize: 2,
      pause: () => {
        stop = true;
        return Promise.resolve();
      },
      shouldStop: () => stop,
    });
    expect(first).toEqual({ status: 'stopped', checked: 2, rebuilt: 2, unreadable: 0 });
    const sorted = [...ids].sort();
    expect(await versions(storage, sorted)).toEqual([SUMMARY_VERSION, SUMMARY_VERSION, 1, 1, 1]);
    expect((await ctx.db.meta.get(SUMMARY_REBUILD_KEY))?.value).toEqual({ version: SUMMARY_VERSION, after: sorted[1], done: false });

    // The next run starts after the last row done: three left, not five.
    const second = await rebuildSummaries(ctx, { batchSize: 2 });
    expect(second).toEqual({ status: 'done', checked: 3, rebuilt: 3, unreadable: 0 });
    expect(await versions(storage, sorted)).toEqual(Array(5).fill(SUMMARY_VERSION));

    // Done for this version: nothing is opened again.
    expect(await rebuildSummaries(ctx, { batchSize: 2 })).toEqual({ status: 'done', checked: 0, rebuilt: 0, unreadable: 0 });
    expect(await recordParts(storage)).toEqual(before);
  });

  test('a progress marker from another version (or damaged) starts again from the first row; current summaries are left as they are', async () => {
    const { storage, ids } = await tabletWith(2);
    const ctx = storage.repos.internals;
    for (const marker of [{ version: SUMMARY_VERSION - 1, after: '', done: true }, 'garbage']) {
      await ctx.db.meta.put({ key: SUMMARY_REBUILD_KEY, value: marker });
      const sealedBefore = (await ctx.db.attendances.orderBy(':id').toArray()).map((row) => row.summary);
      expect(await rebuildSummaries(ctx)).toEqual({ status: 'done', checked: ids.length, rebuilt: 0, unreadable: 0 });
      expect((await ctx.db.attendances.orderBy(':id').toArray()).map((row) => row.summary)).toEqual(sealedBefore);
    }
  });

  test('locking stops the rebuild between batches, and the next unlock finishes it', async () => {
    const { storage, staffId, ids } = await tabletWith(4);
    await makeVersion1(storage, ids);
    const ctx = storage.repos.internals;
    const stopped = await rebuildSummaries(ctx, { batchSize: 2, pause: () => storage.repos.session.lock('idle') });
    expect(stopped).toMatchObject({ status: 'stopped', rebuilt: 2 });
    expect(storage.repos.session.current()).toEqual({ status: 'locked', reason: 'idle' });
    // Locked: no key, nothing more is done.
    expect(await rebuildSummaries(ctx)).toEqual({ status: 'stopped', checked: 0, rebuilt: 0, unreadable: 0 });

    expect((await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    await storage.repos.backgroundWork();
    expect(await versions(storage, [...ids].sort())).toEqual(Array(4).fill(SUMMARY_VERSION));
  });

  test('a record saved while its batch was being sealed keeps the summary its save wrote (never an older derivation)', async () => {
    const { storage, ids } = await tabletWith(1);
    const id = ids[0] ?? '';
    await makeVersion1(storage, ids);
    const opened = await storage.repos.attendances.open(id);
    if (!opened.ok) throw new Error('open failed');
    const editor = opened.value;
    const result = await rebuildSummaries(storage.repos.internals, {
      beforeWrite: async () => {
        // The nurse asks the screen after all: the save seals a current summary with the record.
        await editor.update((record) => ({ ...record, answers: { ...record.answers, cse: { ...emptyCseDraft(), notAsked: false } } }));
      },
    });
    editor.close();
    expect(result).toEqual({ status: 'done', checked: 1, rebuilt: 0, unreadable: 0 });
    expect(await storedSummary(storage, id)).toMatchObject({ summaryVersion: SUMMARY_VERSION, followUps: [], screens: { cse: { state: 'not-started' } } });
  });

  test('a record that cannot be opened is counted and left unchanged; the others are rebuilt', async () => {
    const { storage, ids } = await tabletWith(2);
    await makeVersion1(storage, ids);
    const [damagedId = '', goodId = ''] = [...ids].sort();
    await tamper(storage.name, (db) => db.attendances.update(damagedId, { payload: GARBLED }));
    const damagedBefore = await storage.repos.internals.db.attendances.get(damagedId);

    expect(await rebuildSummaries(storage.repos.internals)).toEqual({ status: 'done', checked: 2, rebuilt: 1, unreadable: 1 });
    expect(await storage.repos.internals.db.attendances.get(damagedId)).toEqual(damagedBefore);
    expect((await storedSummary(storage, goodId))?.summaryVersion).toBe(SUMMARY_VERSION);
  });

  test('the progress marker holds no patient data: only the version and an opaque id', async () => {
    const { storage } = await tabletWith(1);
    await rebuildSummaries(storage.repos.internals);
    const marker = (await storage.repos.internals.db.meta.get(SUMMARY_REBUILD_KEY))?.value;
    expect(Object.keys(marker as object).sort()).toEqual(['after', 'done', 'version']);
  });
});
