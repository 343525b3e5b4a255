/**
 * Re-keying joined with the re-seal job (issue 11: "re-keying preserves every record and
 * locks out the removed account's old PIN"), against the real repositories on
 * fake-indexeddb. Removing a member of staff re-keys; the job moves every sealed value, keyed
 * hash and audit MAC to the new key epoch and completes the re-key in one transaction. The
 * attacks are written as the attacker's steps: a copy of the old secret kept by the removed
 * member, a crash between batches, a lock mid-job, a save in another tab.
 */
import { describe, expect, test } from 'vitest';
import { composeLetter, restrictedContentOf } from '../../domain/letters/letters';
import { infantSuspectRecord, letterSettings } from '../../test-support/letter-fixtures';
import { createPatientAttendance, firstValue, like, NURSE_IN_CHARGE, openTestStorage, PATIENT, rawTables, setUpTablet, TRIAGE_NURSE, triageNurse } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import { open as openSealed } from '../crypto/codec';
import { blindIndex } from '../crypto/blind-index';
import { deriveDeviceKeys } from '../crypto/keys';
import { openRow } from '../crypto/sealed-row';
import type { AttendanceRow } from '../db';
import { attendanceAddress, openRowPart } from './attendance-crypto';
import { tryHoldLock } from './locks';
import { rekeyJobOf } from './rekey';
import { OUTGOING_REKEY_KEY } from '../sync/department-rekey';
import { RESEAL_LOCK, resealRowsHeld } from './reseal';
import { KEY_EPOCH_KEY, PENDING_REKEY_KEY } from './staff-keys';
import { ENROLMENT_KEY } from '../sync/enrolment-state';
import type { Unlocked } from './vault';

const REMOVED = { name: 'Robin Ellis', pin: '518274' } as const;
const WHOLE_DAY = { fromInstant: '2026-03-10T00:00:00.000Z', toInstant: '2026-03-11T00:00:00.000Z' };
const RANGE = { start: WHOLE_DAY.fromInstant, end: WHOLE_DAY.toInstant };

function unlockedOf(storage: TestStorage): Unlocked {
  const unlocked = storage.repos.internals.vault.peek();
  if (!unlocked) throw new Error('expected the tablet to be unlocked');
  return unlocked;
}

interface Tablet {
  storage: TestStorage;
  nurseInChargeId: string;
  stayingId: string;
  leavingId: string;
  ids: string[];
}

/** A set-up tablet with `count` attendances of the test patient (the first signed and reviewed), each with a GP letter and a draft. */
async function tabletWith(count: number): Promise<Tablet> {
  const storage = await openTestStorage();
  const nurseInChargeId = await setUpTablet(storage.repos);
  const staying = await storage.repos.staff.add(triageNurse());
  const leaving = await storage.repos.staff.add(triageNurse({ name: REMOVED.name, secret: REMOVED.pin }));
  if (!staying.ok || !leaving.ok) throw new Error('add failed');
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const editor = await createPatientAttendance(storage.repos);
    if (i === 0 && !(await editor.sign()).ok) throw new Error('sign failed');
    editor.close();
    ids.push(editor.id);
    const choices = { slots: { 'gp-requests': `Please review ${String(i)}` }, restricted: { include: false, reason: '' } };
    const issued = await storage.repos.letters.issue({
      attendanceId: editor.id,
      kind: 'gp',
      choices,
      compose: (at, version, issuedBy) => {
        const input = { record: infantSuspectRecord(), settings: letterSettings(), at, choices, version, issuedBy };
        return { document: composeLetter('gp', input), restrictedCategories: restrictedContentOf('gp', input) };
      },
    });
    if (!issued.ok) throw new Error('issue failed');
    await storage.repos.letters.saveDraft(editor.id, 'health-visitor', choices);
  }
  const [first = ''] = ids;
  if (!(await storage.repos.liaison.recordReview(first, { action: 'no-further-action', note: 'Reviewed by the liaison nurse' })).ok) throw new Error('review failed');
  // The day index built, as after any unlock.
  await storage.repos.session.lock('manual');
  expect((await storage.repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
  await storage.repos.backgroundWork();
  return { storage, nurseInChargeId, stayingId: staying.value.id, leavingId: leaving.value.id, ids: [...ids].sort() };
}

/** Everything a nurse can read back: records, letters, drafts, look-ups both ways, the compliance and liaison inputs, the trail's verdict. */
async function readable(storage: TestStorage): Promise<unknown> {
  const { repos } = storage;
  const { db } = repos.internals;
  const rows = await db.attendances.orderBy(':id').toArray();
  const records = [];
  for (const row of rows) {
    const opened = await repos.attendances.open(row.id);
    records.push(opened.ok ? [row.id, row.rev, opened.value.record()] : [row.id, 'does not open']);
    if (opened.ok) opened.value.close();
  }
  const letters = await Promise.all((await db.letters.orderBy(':id').toArray()).map(async (row) => [row.id, await repos.letters.open(row.id)]));
  const drafts = await Promise.all(rows.map((row) => repos.letters.loadDraft(row.id, 'health-visitor')));
  const ids = (found: Awaited<ReturnType<typeof repos.attendances.find>>) => (found.ok ? found.value.map((summary) => summary.id).sort() : found.error.kind);
  const byNhs = ids(await repos.attendances.find({ nhsNumber: PATIENT.nhsDigits }));
  const byNameDob = ids(await repos.attendances.find({ familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirthIso }));
  const compliance = await repos.attendances.complianceAuditInputs(RANGE);
  const liaison = await firstValue(repos.liaison.list(WHOLE_DAY));
  const trail = await repos.internals.audit.verify();
  return { records, letters, drafts, byNhs, byNameDob, compliance, liaison, trail: trail.ok };
}

const metaKeys = async (storage: TestStorage) => ((await rawTables(storage.name))['meta'] ?? []).map((row) => (row as { key: string }).key);

describe('re-keying after a removal, with the re-seal job', () => {
  test('preserves every record: each table opens, look-ups by NHS number and by name + date of birth find every attendance during and after the job, letters and drafts open, the trail verifies, the compliance and liaison lists are unchanged', async () => {
    const { storage, leavingId, ids } = await tabletWith(5);
    const ctx = storage.repos.internals;
    const before = await readable(storage);
    expect(before).toMatchObject({ byNhs: ids, byNameDob: ids, trail: true });

    // The job waits while this test holds its lock: the re-key is pending, nothing moved yet.
    const release = await tryHoldLock(RESEAL_LOCK);
    expect(await storage.repos.staff.remove(leavingId)).toEqual({ ok: true, value: undefined });
    expect(await metaKeys(storage)).toContain(PENDING_REKEY_KEY);
    expect(unlockedOf(storage)).toMatchObject({ epoch: 2, previous: like({ epoch: 1 }) });
    expect(await readable(storage)).toEqual(before);

    // Part-way: two attendances moved (their indexes under the new key), the rest not yet.
    let stop = false;
    const partial = await resealRowsHeld(ctx, {
      batchSize: 2,
      pause: () => {
        stop = true;
        return Promise.resolve();
      },
      shouldStop: () => stop,
    });
    expect(partial.status).toBe('stopped');
    const epochs = (await ctx.db.attendances.orderBy(':id').toArray()).map((row) => (row.payload as { e?: number }).e);
    expect(epochs).toEqual([2, 2, 1, 1, 1]);
    const moved = (await ctx.db.attendances.orderBy(':id').toArray()).map((row) => row.nhsIndex);
    expect(new Set(moved).size).toBe(2);
    expect(await readable(storage)).toEqual(before);

    release?.();
    await rekeyJobOf(ctx);
    expect(await metaKeys(storage)).not.toContain(PENDING_REKEY_KEY);
    expect((await ctx.db.meta.get(KEY_EPOCH_KEY))?.value).toBe(2);
    expect(unlockedOf(storage).previous).toBeUndefined();
    // Every box of every table in the new epoch; one blind index for the patient again.
    const raw = await rawTables(storage.name);
    const boxes = [
      ...(raw['attendances'] as AttendanceRow[]).flatMap((row) => [row.payload, row.summary]),
      ...(raw['letters'] ?? []).flatMap((row) => [(row as { payload: unknown }).payload, (row as { about: unknown }).about]),
      ...(raw['liaisonReviews'] ?? []).map((row) => (row as { payload: unknown }).payload),
      ...(raw['attendanceDays'] ?? []).map((row) => (row as { payload: unknown }).payload),
      ...(raw['meta'] ?? []).filter((row) => /^(letter-draft:|worklist:)/.test((row as { key: string }).key)).map((row) => (row as { value: unknown }).value),
    ];
    expect(boxes.map((box) => (box as { e?: number }).e)).toEqual(boxes.map(() => 2));
    expect(new Set((raw['attendances'] as AttendanceRow[]).map((row) => row.nhsIndex)).size).toBe(1);
    expect(await readable(storage)).toEqual(before);

    // After a lock, for every remaining member.
    await storage.repos.session.lock('manual');
    expect((await storage.repos.session.unlock((await ctx.db.staff.toArray()).find((row) => row.name === TRIAGE_NURSE.name)?.id ?? '', TRIAGE_NURSE.pin)).ok).toBe(true);
    await storage.repos.backgroundWork();
    const trail = await ctx.audit.verify();
    expect(trail).toEqual({ ok: true, count: expect.any(Number) as number });
    storage.repos.close();
  });

  test("while the re-key is pending, the removed member's old PIN is refused, and so is their old staff row put back", async () => {
    const { storage, leavingId } = await tabletWith(1);
    const oldRow = await storage.repos.internals.db.staff.get(leavingId);
    const release = await tryHoldLock(RESEAL_LOCK);
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    await storage.repos.session.lock('manual');
    expect(await storage.repos.session.unlock(leavingId, REMOVED.pin)).toEqual({ ok: false, error: like({ kind: 'no-key' }) });
    await storage.repos.internals.db.staff.put(oldRow as NonNullable<typeof oldRow>);
    expect(await storage.repos.session.unlock(leavingId, REMOVED.pin)).toEqual({ ok: false, error: like({ kind: 'no-key', message: expect.stringMatching(/before the tablet was re-keyed/) as string }) });
    release?.();
    expect(storage.repos.session.current().status).toBe('locked');
    storage.repos.close();
  });

  test('a copy of the OLD secret opens none of the rows written after the re-key completes, nor their blind indexes', async () => {
    const { storage, leavingId, nurseInChargeId } = await tabletWith(1);
    const ctx = storage.repos.internals;
    // The attacker (about to be removed) kept the device secret of epoch 1.
    const oldSecret = Uint8Array.from(unlockedOf(storage).secret);
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    await rekeyJobOf(ctx);
    expect((await ctx.db.meta.get(KEY_EPOCH_KEY))?.value).toBe(2);
    const editor = await createPatientAttendance(storage.repos);
    editor.close();
    const row = await ctx.db.attendances.get(editor.id);
    if (!row) throw new Error('no row');
    const oldKeys = await deriveDeviceKeys(oldSecret);
    const asAttacker = { deviceId: unlockedOf(storage).deviceId, epoch: 1, keys: oldKeys };
    expect(await openRow(asAttacker, row.payload, attendanceAddress(row.id, 'payload', row.rev))).toBeUndefined();
    // Even claiming the box is of the old epoch: the additional data names epoch 2, and the key is not the old one.
    expect(await openRow({ ...asAttacker, epoch: 2 }, row.payload, attendanceAddress(row.id, 'payload', row.rev))).toBeUndefined();
    expect(await openSealed(oldKeys.dataKey, row.payload, 'anything')).toMatchObject({ ok: false });
    // Its blind indexes: the attacker's index of the patient's NHS number finds nothing.
    const attackersIndex = await blindIndex(oldKeys.indexKey, 'nhs-number', PATIENT.nhsDigits);
    expect(await ctx.db.attendances.where('nhsIndex').equals(attackersIndex).count()).toBe(0);
    expect(await ctx.db.attendances.where('nhsIndex').equals(await blindIndex(unlockedOf(storage).keys.indexKey, 'nhs-number', PATIENT.nhsDigits)).count()).toBe(2);
    // Every older row moved too: nothing on the tablet opens with the old key any more.
    for (const each of await ctx.db.attendances.toArray()) expect(await openRow(asAttacker, each.payload, attendanceAddress(each.id, 'payload', each.rev))).toBeUndefined();
    // The remaining members read it.
    expect(await openRowPart(unlockedOf(storage), row, 'payload')).toMatchObject({ current: true });
    await storage.repos.session.lock('manual');
    expect((await storage.repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    storage.repos.close();
  });

  test('locking mid-job stops it; another member unlocking resumes it where it stopped and completes the re-key', async () => {
    const { storage, leavingId, nurseInChargeId } = await tabletWith(4);
    const ctx = storage.repos.internals;
    const before = await readable(storage);
    const release = await tryHoldLock(RESEAL_LOCK);
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    const stopped = await resealRowsHeld(ctx, { batchSize: 2, pause: () => storage.repos.session.lock('idle') });
    // Two records and their two drafts (moved to the keys the new index key names).
    expect(stopped).toMatchObject({ status: 'stopped', resealed: 4 });
    release?.();
    await rekeyJobOf(ctx);
    expect(await metaKeys(storage)).toContain(PENDING_REKEY_KEY);

    // The triage nurse, not the nurse in charge who removed the account: their key pair opens the new secret.
    const stayingId = (await ctx.db.staff.toArray()).find((row) => row.name === TRIAGE_NURSE.name)?.id ?? '';
    expect((await storage.repos.session.unlock(stayingId, TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(unlockedOf(storage)).toMatchObject({ epoch: 2, previous: like({ epoch: 1 }) });
    await storage.repos.backgroundWork();
    expect(await metaKeys(storage)).not.toContain(PENDING_REKEY_KEY);
    // What the nurse in charge reads (the compliance inputs are theirs) is as before.
    await storage.repos.session.lock('manual');
    expect((await storage.repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await readable(storage)).toEqual(before);
    storage.repos.close();
  });

  test('a record saved in another tab while its batch was being sealed keeps that save', async () => {
    const { storage, leavingId, ids } = await tabletWith(2);
    const ctx = storage.repos.internals;
    const release = await tryHoldLock(RESEAL_LOCK);
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    const id = ids[0] ?? '';
    const opened = await storage.repos.attendances.open(id);
    if (!opened.ok) throw new Error('open failed');
    const result = await resealRowsHeld(ctx, {
      beforeWrite: async () => {
        if (opened.value.record().answers.patient.givenName === 'Changed meanwhile') return;
        expect((await opened.value.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, givenName: 'Changed meanwhile' } } }))).ok).toBe(true);
      },
    });
    opened.value.close();
    release?.();
    expect(result).toMatchObject({ status: 'done', rekeyed: 2 });
    const row = await ctx.db.attendances.get(id);
    const record = row ? await openRowPart(unlockedOf(storage), row, 'payload') : undefined;
    expect(record).toMatchObject({ current: true, value: { answers: { patient: { givenName: 'Changed meanwhile' } } } });
    const found = await storage.repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.map((summary) => summary.id).sort()).toEqual(ids);
    storage.repos.close();
  });

  test('a crash between batches, or after the last batch before completing, leaves everything readable, and the next unlock completes it', async () => {
    const { storage, leavingId, nurseInChargeId } = await tabletWith(3);
    const ctx = storage.repos.internals;
    const before = await readable(storage);
    const release = await tryHoldLock(RESEAL_LOCK);
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    // The tab dies while its second batch is being written.
    let writes = 0;
    const midway = await resealRowsHeld(ctx, {
      batchSize: 1,
      beforeWrite: () => {
        writes += 1;
        if (writes === 2) throw new Error('crash');
        return Promise.resolve();
      },
    }).catch((error: unknown) => error);
    expect(midway).toEqual(new Error('crash'));
    expect((await ctx.db.attendances.orderBy(':id').toArray()).map((row) => (row.payload as { e?: number }).e)).toEqual([2, 1, 1]);
    expect(await readable(storage)).toEqual(before);
    // The tab dies after the last batch, just before the completing transaction.
    const crashed = await resealRowsHeld(ctx, {
      beforeComplete: () => {
        throw new Error('crash');
      },
    }).catch((error: unknown) => error);
    expect(crashed).toEqual(new Error('crash'));
    release?.();
    await storage.repos.session.lock('manual');
    await rekeyJobOf(ctx);
    expect(await metaKeys(storage)).toContain(PENDING_REKEY_KEY);
    await storage.reload();
    expect((await storage.repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await readable(storage)).toEqual(before);
    await storage.repos.backgroundWork();
    expect(await metaKeys(storage)).not.toContain(PENDING_REKEY_KEY);
    expect(await readable(storage)).toEqual(before);
    storage.repos.close();
  });
});

describe('removing a member of staff when re-keying cannot run now', () => {
  test('a tablet that shares its records with a department: the member is removed and the department is re-keyed from this tablet (issue 14 §8)', async () => {
    const { storage, leavingId } = await tabletWith(1);
    const ctx = storage.repos.internals;
    await ctx.db.meta.put({ key: ENROLMENT_KEY, value: { departmentId: 'dept-1', tabletId: unlockedOf(storage).deviceId, credential: 'a'.repeat(43), enrolledAt: '2026-03-10T14:00:00.000Z' } });
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    expect((await ctx.db.staff.get(leavingId))?.active).toBe(0);
    expect(await metaKeys(storage)).toContain(OUTGOING_REKEY_KEY);
    await rekeyJobOf(ctx);
    expect(await metaKeys(storage)).not.toContain(PENDING_REKEY_KEY);
    const trail = await storage.repos.internals.audit.all();
    expect(trail.map((event) => event.type)).toEqual(expect.arrayContaining(['device-rekeyed', 'department-rekeyed', 'device-rekey-completed']));
    storage.repos.close();
  });

  test('an account with no key pair yet: removed anyway, and the page names the account that must unlock first', async () => {
    const { storage, leavingId, stayingId } = await tabletWith(1);
    const ctx = storage.repos.internals;
    const row = await ctx.db.staff.get(stayingId);
    if (!row) throw new Error('no row');
    const { bindStaffRow } = await import('./staff-binding');
    const { keyPair: _keyPair, secretForKey: _secretForKey, ...without } = row;
    await ctx.db.staff.put(await bindStaffRow(unlockedOf(storage).keys.auditKey, without));
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    expect((await ctx.db.staff.get(leavingId))?.active).toBe(0);
    expect(await firstValue(storage.repos.staff.rekeyStatus())).toEqual({ kind: 'waiting', message: expect.stringContaining(`they have no key pair yet): ${TRIAGE_NURSE.name}`) as string });
    storage.repos.close();
  });

  test('a second removal while the first re-key is re-sealing is queued, and the tablet re-keys again when it completes', async () => {
    const { storage, leavingId, stayingId } = await tabletWith(2);
    const ctx = storage.repos.internals;
    const release = await tryHoldLock(RESEAL_LOCK);
    expect((await storage.repos.staff.remove(leavingId)).ok).toBe(true);
    expect((await storage.repos.staff.remove(stayingId)).ok).toBe(true);
    expect(await firstValue(storage.repos.staff.rekeyStatus())).toMatchObject({ kind: 'waiting' });
    release?.();
    await rekeyJobOf(ctx);
    // The re-key queued behind the first ran its own job too: epoch 3, nothing pending.
    for (let tries = 0; tries < 200 && (await ctx.db.meta.get(PENDING_REKEY_KEY)); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await ctx.db.meta.get(KEY_EPOCH_KEY))?.value).toBe(3);
    expect(await metaKeys(storage)).not.toContain(PENDING_REKEY_KEY);
    await storage.repos.session.lock('manual');
    expect(await storage.repos.session.unlock(stayingId, TRIAGE_NURSE.pin)).toEqual({ ok: false, error: like({ kind: 'no-key' }) });
    storage.repos.close();
  });
});
