/**
 * The autosave's quick write (attendance-quick-write.ts), made by the seal worker on its own
 * connection when nothing but the row changes: it writes only over the revision the editor
 * read, refuses what the editor's own transaction refuses, leaves anything else to the page,
 * and closes for good when a newer version asks to upgrade. The editor takes its outcome as
 * its own (attendance-writes.ts); the seal worker is played here by a sealer that runs the
 * worker's code on a second connection, as the browser journeys run the real one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { createPatientAttendance, openTestStorage, setUpTablet } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import { TriageDatabase } from '../db';
import { quickWrite } from './attendance-quick-write';
import type { QuickWrite, QuickWriteOutcome, SealedAttendance, SealRequest } from './attendance-seal-work';
import { sealAttendanceParts } from './attendance-seal-work';
import type { Sealer } from './attendance-sealer';
import type { AssessmentEditor } from './types';

/** The seal worker as this file plays it: its outcomes, and whether its answers reach the editor. */
const worker = vi.hoisted(() => {
  const state: { outcomes: string[]; answers: boolean; connections: Map<string, unknown>; sealer: unknown } = {
    outcomes: [],
    /** When false, the worker writes but its answer never comes: the editor is handed the page's seal instead. */
    answers: true,
    connections: new Map(),
    sealer: undefined,
  };
  return state;
});

vi.mock('./attendance-sealer', async (importOriginal) => {
  const original: object = await importOriginal();
  return { ...original, appSealer: () => Promise.resolve(worker.sealer as Sealer) };
});

/** The worker's own connection to a database (a second one beside the page's). */
function workerConnection(name: string): TriageDatabase {
  const known = worker.connections.get(name) as TriageDatabase | undefined;
  if (known) return known;
  const db = new TriageDatabase(name);
  worker.connections.set(name, db);
  return db;
}

beforeEach(() => {
  worker.outcomes = [];
  worker.answers = true;
  worker.sealer = (async (request: SealRequest): Promise<SealedAttendance> => {
    const sealed = await sealAttendanceParts(request);
    if (!request.quick) return sealed;
    const quick = await quickWrite(sealed, request.quick, workerConnection);
    worker.outcomes.push(quick.kind === 'not-written' ? `not-written: ${quick.reason}` : quick.kind);
    return worker.answers ? { ...sealed, quick } : sealed;
  }) satisfies Sealer;
});

afterEach(() => {
  for (const db of worker.connections.values()) (db as TriageDatabase).close();
  worker.connections.clear();
});

const withReason = (text: string) => (record: AssessmentRecord) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, attendanceReasonDetail: text } } });

async function storedRecord(storage: TestStorage, id: string): Promise<AssessmentRecord | undefined> {
  const reopened = await storage.repos.attendances.open(id);
  if (!reopened.ok) throw new Error(reopened.error.kind);
  const record = reopened.value.record();
  reopened.value.close();
  return record;
}

/** A set-up tablet with an attendance whose first saves are behind it (they write the day index entry in the page), so the next save is the worker's to write. */
async function editorPastFirstSaves(): Promise<{ storage: TestStorage; editor: AssessmentEditor }> {
  const storage = await openTestStorage();
  await setUpTablet(storage.repos);
  const editor = await createPatientAttendance(storage.repos);
  await editor.update(withReason('Fell from a swing'));
  await editor.update(withReason('Fell from a swing onto concrete'));
  return { storage, editor };
}

describe('the autosave written by the seal worker', () => {
  it('writes a save that changes only the answers on its own connection; the editor goes on from it and a fresh read opens it', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    const first = await editor.update(withReason('Fell from a swing'));
    const second = await editor.update(withReason('Fell from a swing onto concrete'));
    const third = await editor.update(withReason('Fell from a swing onto concrete at the park'));
    expect([first.ok, second.ok, third.ok]).toEqual([true, true, true]);
    // The editor's first saves write the day index entry in the page; from then on, the worker writes the row.
    expect(worker.outcomes.slice(-2)).toEqual(['written', 'written']);
    expect(worker.outcomes[0]).toBe('not-written: more-changes');
    if (!second.ok || !third.ok) throw new Error('not saved');
    expect(third.value.rev).toBe(second.value.rev + 1);
    editor.close();
    expect((await storedRecord(storage, editor.id))?.answers.patient.attendanceReasonDetail).toBe('Fell from a swing onto concrete at the park');
    const row = await storage.repos.internals.db.attendances.get(editor.id);
    expect(row?.rev).toBe(third.value.rev);
  });

  it('refuses to write over a save made elsewhere since, and the editor reports it as stale', async () => {
    const { storage, editor } = await editorPastFirstSaves();
    const { db } = storage.repos.internals;
    const before = await db.attendances.get(editor.id);
    if (!before) throw new Error('no row');
    // Another tablet's or tab's save: a newer revision (its seal does not open at this editor's revision).
    await db.attendances.put({ ...before, rev: before.rev + 5 });
    const result = await editor.update(withReason('Fell from a swing onto gravel'));
    expect(result.ok ? 'saved' : result.error.kind).toBe('stale');
    expect(worker.outcomes.at(-1)).toBe('stale');
    expect(await db.attendances.get(editor.id)).toEqual({ ...before, rev: before.rev + 5 });
    editor.close();
  });

  it('when the worker wrote but its answer never came, the editor takes up its own write instead of calling it stale', async () => {
    const { storage, editor } = await editorPastFirstSaves();
    worker.answers = false;
    const result = await editor.update(withReason('Fell from a swing onto concrete at the park'));
    expect(result.ok).toBe(true);
    expect(worker.outcomes.at(-2)).toBe('written');
    editor.close();
    expect((await storedRecord(storage, editor.id))?.answers.patient.attendanceReasonDetail).toBe('Fell from a swing onto concrete at the park');
  });
});

describe('quickWrite', () => {
  /** An editor's saved attendance, and the next revision sealed as the worker seals it, with what the editor knows. */
  async function nextSave(storage: TestStorage) {
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    editor.close();
    const { db, vault } = storage.repos.internals;
    const stored = await db.attendances.get(editor.id);
    const unlocked = vault.peek();
    if (!stored || !unlocked) throw new Error('not saved');
    const record = withReason('Cut to the chin')(editor.record());
    const sealed = await sealAttendanceParts({ record, rev: stored.rev + 1, now: record.updatedAt, deviceId: unlocked.deviceId, epoch: unlocked.epoch, dataKey: unlocked.keys.dataKey, nhsIndex: stored.nhsIndex, nameDobIndex: stored.nameDobIndex });
    const quick: QuickWrite = {
      database: storage.name,
      read: { rev: stored.rev, day: stored.arrivedDay, letterRows: 0 },
      day: stored.arrivedDay,
      indexedSummary: JSON.stringify(sealed.summary),
      onWorklist: sealed.summary.pendingReferral !== null,
    };
    return { db, stored, sealed, quick };
  }

  it('writes the row over the revision read, and only then', async () => {
    const storage = await openTestStorage();
    const { db, stored, sealed, quick } = await nextSave(storage);
    expect(await quickWrite(sealed, quick, workerConnection)).toEqual({ kind: 'written', previousStatus: 'in-progress' });
    expect((await db.attendances.get(stored.id))?.rev).toBe(stored.rev + 1);
    // The same save again: the stored revision is no longer the one read.
    expect(await quickWrite(sealed, quick, workerConnection)).toEqual({ kind: 'stale' });
  });

  it.each<[string, (quick: QuickWrite) => QuickWrite, QuickWriteOutcome]>([
    ['a letter row added since the facts were read', (quick) => ({ ...quick, read: { ...quick.read, letterRows: 1 } }), { kind: 'again' }],
    ['the row indexed under another day than the editor knew', (quick) => ({ ...quick, read: { ...quick.read, day: '2026-03-09' } }), { kind: 'moved', storedDay: '2026-03-10' }],
    ['its first save (the day index entry not yet written by this editor)', (quick) => ({ ...quick, indexedSummary: undefined }), { kind: 'not-written', reason: 'more-changes' }],
    ['a summary that changes the day index entry', (quick) => ({ ...quick, indexedSummary: '{}' }), { kind: 'not-written', reason: 'more-changes' }],
    ['a change to the referral worklist', (quick) => ({ ...quick, onWorklist: !quick.onWorklist }), { kind: 'not-written', reason: 'more-changes' }],
    ['another day than the editor knew (the arrival moved)', (quick) => ({ ...quick, day: '2026-03-09' }), { kind: 'not-written', reason: 'more-changes' }],
  ])('writes nothing for %s', async (_case, change, outcome) => {
    const storage = await openTestStorage();
    const { db, stored, sealed, quick } = await nextSave(storage);
    expect(await quickWrite(sealed, change(quick), workerConnection)).toEqual(outcome);
    expect(await db.attendances.get(stored.id)).toEqual(stored);
  });

  it('writes nothing, and leaves the save to the page, when a write fails (a full disk)', async () => {
    const storage = await openTestStorage();
    const { db, stored, sealed, quick } = await nextSave(storage);
    const full = workerConnection(storage.name);
    const put = vi.spyOn(full.attendances, 'put').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(await quickWrite(sealed, quick, () => full)).toEqual({ kind: 'not-written', reason: 'unavailable' });
    expect(put).toHaveBeenCalled();
    expect(await db.attendances.get(stored.id)).toEqual(stored);
  });

  it('closes its connection for good when a newer version asks to upgrade, and writes no more', async () => {
    const storage = await openTestStorage();
    const { sealed, quick } = await nextSave(storage);
    const { workerDatabase } = await import('./attendance-quick-write');
    const own = workerDatabase(storage.name);
    await own?.open();
    // A newer version opens the database one version up (10 native); the page lets it through once its pending saves are written (schema-upgrade.ts).
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(storage.name, (own?.verno ?? 0) * 10 + 10);
      request.onerror = () => reject(request.error ?? new Error('upgrade failed'));
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    expect(workerDatabase(storage.name)).toBeUndefined();
    expect(await quickWrite(sealed, quick)).toEqual({ kind: 'not-written', reason: 'unavailable' });
    storage.repos.close();
  });
});
