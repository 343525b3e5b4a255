/**
 * The re-seal job (reseal.ts), against the real repositories (fake-indexeddb + WebCrypto):
 * rows written in the formats before the one sealed-row format are brought to the current
 * format and key epoch after unlock, without changing what they say or their revisions; a
 * half-done run resumes where it stopped; locking stops it and the next unlock finishes it;
 * a save made meanwhile wins; one tab at a time.
 */
import { describe, expect, test } from 'vitest';
import { composeLetter, restrictedContentOf } from '../../domain/letters/letters';
import { infantSuspectRecord, letterSettings } from '../../test-support/letter-fixtures';
import { createPatientAttendance, NURSE_IN_CHARGE, openTestStorage, setUpTablet, tamper } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import { seal } from '../crypto/codec';
import { isCurrentRow } from '../crypto/sealed-row';
import { openRowPart, revisionAad, WORKLIST_KEY, worklistAad } from './attendance-crypto';
import { legacyLetterDraftKey, letterAad, letterDraftAad, letterDraftKey } from './letter-rows';
import { tryHoldLock } from './locks';
import { RESEAL_KEY, RESEAL_LOCK, resealRows } from './reseal';
import type { Unlocked } from './vault';

function unlockedOf(storage: TestStorage): Unlocked {
  const unlocked = storage.repos.internals.vault.peek();
  if (!unlocked) throw new Error('expected the tablet to be unlocked');
  return unlocked;
}

/** A set-up tablet with `count` attendances, each with an issued GP letter and a letter draft. */
async function tabletWith(count: number): Promise<{ storage: TestStorage; staffId: string; ids: string[] }> {
  const storage = await openTestStorage();
  const staffId = await setUpTablet(storage.repos);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const editor = await createPatientAttendance(storage.repos);
    editor.close();
    ids.push(editor.id);
    const record = editor.record();
    const choices = { slots: { 'gp-requests': 'Please review' }, restricted: { include: false, reason: '' } };
    const issued = await storage.repos.letters.issue({
      attendanceId: record.id,
      kind: 'gp',
      choices,
      compose: (at, version, issuedBy) => {
        const input = { record: infantSuspectRecord(), settings: letterSettings(), at, choices, version, issuedBy };
        return { document: composeLetter('gp', input), restrictedCategories: restrictedContentOf('gp', input) };
      },
    });
    if (!issued.ok) throw new Error('issue failed');
    await storage.repos.letters.saveDraft(record.id, 'health-visitor', choices);
  }
  return { storage, staffId, ids };
}

/** Puts every sealed value back in the format an earlier release wrote (same contents, same revisions). */
async function makeLegacy(storage: TestStorage): Promise<void> {
  const unlocked = unlockedOf(storage);
  const { db } = storage.repos.internals;
  for (const row of await db.attendances.toArray()) {
    const payload = await openRowPart(unlocked, row, 'payload');
    const summary = await openRowPart(unlocked, row, 'summary');
    if (!payload || !summary) throw new Error('row does not open');
    const oldSummary = await seal(unlocked.keys.dataKey, summary.value, revisionAad(unlocked.deviceId, row.id, 'summary', row.rev));
    await db.attendances.update(row.id, { payload: await seal(unlocked.keys.dataKey, payload.value, revisionAad(unlocked.deviceId, row.id, 'payload', row.rev)), summary: oldSummary });
  }
  for (const row of await db.letters.toArray()) {
    const opened = await storage.repos.letters.open(row.id);
    if (!opened.ok) throw new Error('letter does not open');
    // As written before version 5: the kind in clear, no identity index, the old additional data.
    const payload = await seal(unlocked.keys.dataKey, opened.value, letterAad(unlocked.deviceId, row.attendanceId, row.id));
    await db.letters.put({ id: row.id, attendanceId: row.attendanceId, kind: opened.value.kind, version: row.version, issuedAt: row.issuedAt, issuedById: row.issuedById, payload });
  }
  for (const row of await db.attendances.toArray()) {
    const draft = await storage.repos.letters.loadDraft(row.id, 'health-visitor');
    if (!draft) throw new Error('draft does not open');
    await db.meta.delete(await letterDraftKey(unlocked.keys, row.id, { kind: 'health-visitor' }));
    await db.meta.put({ key: legacyLetterDraftKey(row.id, 'health-visitor'), value: await seal(unlocked.keys.dataKey, draft, letterDraftAad(unlocked.deviceId, row.id, 'health-visitor')) });
  }
  const worklist = await db.meta.get(WORKLIST_KEY);
  if (worklist) await db.meta.put({ key: WORKLIST_KEY, value: await seal(unlocked.keys.dataKey, { ids: [], rev: 1 }, worklistAad(unlocked.deviceId)) });
  await db.meta.delete(RESEAL_KEY);
}

/** Every sealed value storage holds, and whether each is in the current format. */
async function formats(storage: TestStorage): Promise<boolean[]> {
  const { db } = storage.repos.internals;
  const attendances = await db.attendances.orderBy(':id').toArray();
  const letters = await db.letters.orderBy(':id').toArray();
  const meta = (await db.meta.toArray()).filter((row) => row.key === WORKLIST_KEY || row.key.startsWith('letter-draft:'));
  const drafts = meta.map((row) => (/^letter-draft:[^:]+:/.test(row.key) ? undefined : row.value));
  return [...attendances.flatMap((row) => [row.payload, row.summary]), ...letters.flatMap((row) => [row.payload, row.kind === undefined ? row.about : undefined]), ...drafts].map((box) => isCurrentRow(box, { epoch: 1 }));
}

/** What each record and letter says, and each row's revision: the job must leave them as they are. */
async function contents(storage: TestStorage): Promise<unknown> {
  const { repos } = storage;
  const rows = await repos.internals.db.attendances.orderBy(':id').toArray();
  const letters = await repos.internals.db.letters.orderBy(':id').toArray();
  return {
    records: await Promise.all(rows.map(async (row) => [row.id, row.rev, row.updatedAt, row.status, (await openRowPart(unlockedOf(storage), row, 'payload'))?.value])),
    letters: await Promise.all(letters.map(async (row) => [row.id, row.version, await repos.letters.open(row.id)])),
    drafts: await Promise.all(rows.map((row) => repos.letters.loadDraft(row.id, 'health-visitor'))),
  };
}

describe('the re-seal job', () => {
  test('after unlock, brings every row written in an older format to the current one, and changes nothing it says', async () => {
    const { storage, staffId } = await tabletWith(2);
    await makeLegacy(storage);
    expect(await formats(storage)).not.toContain(true);
    const before = await contents(storage);

    await storage.repos.session.lock('manual');
    expect((await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    await storage.repos.backgroundWork();

    expect(await formats(storage)).not.toContain(false);
    expect(await contents(storage)).toEqual(before);
    expect((await storage.repos.internals.db.meta.get(RESEAL_KEY))?.value).toMatchObject({ format: 2, epoch: 1, done: true });
    // A finished job costs one read at the next unlock.
    expect(await resealRows(storage.repos.internals)).toEqual({ status: 'done', checked: 0, resealed: 0, unreadable: 0 });
  });

  test('resumes after an interruption where it stopped: the rows done are not done again', async () => {
    const { storage } = await tabletWith(5);
    await makeLegacy(storage);
    const before = await contents(storage);
    const ctx = storage.repos.internals;
    let stop = false;
    const first = await resealRows(ctx, {
      batchSize: 2,
      pause: () => {
        stop = true;
        return Promise.resolve();
      },
      shouldStop: () => stop,
    });
    expect(first).toEqual({ status: 'stopped', checked: 2, resealed: 2, unreadable: 0 });
    const sorted = (await ctx.db.attendances.orderBy(':id').primaryKeys()).map(String);
    expect((await ctx.db.meta.get(RESEAL_KEY))?.value).toEqual({ format: 2, epoch: 1, stage: 'attendances', after: sorted[1], done: false });
    expect((await ctx.db.attendances.orderBy(':id').toArray()).map((row) => isCurrentRow(row.payload, { epoch: 1 }))).toEqual([true, true, false, false, false]);

    // A reload (a closed tab) in between: the marker is in the database, not in memory.
    await storage.reload();
    expect((await storage.repos.session.unlock((await storage.repos.internals.db.staff.toArray())[0]?.id ?? '', NURSE_IN_CHARGE.pin)).ok).toBe(true);
    const second = await resealRows(storage.repos.internals, { batchSize: 2 });
    // Three attendances left (not five), then the letters, drafts and worklist.
    expect(second.status).toBe('done');
    expect(second.resealed).toBe(3 + 5 + 5 + 1);
    expect(await formats(storage)).not.toContain(false);
    expect(await contents(storage)).toEqual(before);
  });

  test('locking stops the job mid-way (nothing more is written without the key), and the next unlock finishes it', async () => {
    const { storage, staffId } = await tabletWith(4);
    await makeLegacy(storage);
    const ctx = storage.repos.internals;
    const stopped = await resealRows(ctx, { batchSize: 2, pause: () => storage.repos.session.lock('idle') });
    expect(stopped).toMatchObject({ status: 'stopped', resealed: 2 });
    expect(await resealRows(ctx)).toEqual({ status: 'stopped', checked: 0, resealed: 0, unreadable: 0 });
    expect((await formats(storage)).filter(Boolean)).toHaveLength(4);

    expect((await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    await storage.repos.backgroundWork();
    expect(await formats(storage)).not.toContain(false);
  });

  test('a record saved while its batch was being sealed keeps that save (the job never writes over a newer revision)', async () => {
    const { storage, ids } = await tabletWith(1);
    await makeLegacy(storage);
    const id = ids[0] ?? '';
    const opened = await storage.repos.attendances.open(id);
    if (!opened.ok) throw new Error('open failed');
    const editor = opened.value;
    const result = await resealRows(storage.repos.internals, {
      beforeWrite: async () => {
        await editor.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, givenName: 'Changed meanwhile' } } }));
      },
    });
    editor.close();
    expect(result.status).toBe('done');
    const row = await storage.repos.internals.db.attendances.get(id);
    expect(row && isCurrentRow(row.payload, { epoch: 1 })).toBe(true);
    const record = row ? await openRowPart(unlockedOf(storage), row, 'payload') : undefined;
    expect(record?.value).toMatchObject({ answers: { patient: { givenName: 'Changed meanwhile' } } });
  });

  test('a row that cannot be opened is counted and left as it is; another tab re-sealing makes this one wait its turn', async () => {
    const { storage, ids } = await tabletWith(2);
    await makeLegacy(storage);
    const [damagedId = ''] = [...ids].sort();
    const garbled = { v: 1 as const, iv: new Uint8Array(12), ct: new Uint8Array(40) };
    await tamper(storage.name, (db) => db.attendances.update(damagedId, { payload: garbled }));

    const release = await tryHoldLock(RESEAL_LOCK);
    expect(await resealRows(storage.repos.internals)).toMatchObject({ status: 'busy', checked: 0 });
    release?.();

    const result = await resealRows(storage.repos.internals);
    expect(result).toMatchObject({ status: 'done', unreadable: 1 });
    expect((await storage.repos.internals.db.attendances.get(damagedId))?.payload).toEqual(garbled);
  });
});
