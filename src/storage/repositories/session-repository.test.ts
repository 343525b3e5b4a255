/**
 * Set-up, unlock, lock and throttling against the real repositories (fake-indexeddb and
 * WebCrypto, real PBKDF2 cost): the PIN is the only way in, locking drops the keys, and
 * wrong PINs are slowed down in a way a reload does not reset.
 */
import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, throttleDelayMs } from './session-repository';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import {
  NURSE_IN_CHARGE,
  PATIENT,
  createPatientAttendance,
  firstValue,
  like,
  matching,
  openTestStorage,
  rawTables,
  sequentialIds,
  setUpTablet,
  tamper,
  testClock,
  triageNurse,
  uniqueDatabaseName,
} from '../../test-support/storage-fixtures';
import type { StaffRow } from '../db';

const WRONG_PIN = '111999';

describe('set-up', () => {
  it('creates the device and the nurse in charge, and leaves the tablet unlocked as them', async () => {
    const { repos, name } = await openTestStorage();
    expect(repos.session.current()).toEqual({ status: 'not-set-up' });

    const staffId = await setUpTablet(repos);

    const state = repos.session.current();
    expect(state.status).toBe('unlocked');
    if (state.status !== 'unlocked') return;
    expect(state.staff).toMatchObject({ id: staffId, name: NURSE_IN_CHARGE.name, role: 'nurse-in-charge' });
    expect(await firstValue(repos.staff.details())).toEqual({ ok: true, value: [like({ id: staffId, role: 'nurse-in-charge', active: true, secretKind: 'passphrase' })] });
    expect(await repos.device.getSettings()).toMatchObject({ siteName: "Queen's Medical Centre ED", siteType: 'ED' });

    const raw = await rawTables(name);
    expect(raw['device']).toHaveLength(1);
    const staff = raw['staff']?.[0] as StaffRow;
    expect(staff.wrapped.kdf).toBe('PBKDF2-SHA-256');
    expect(staff.wrapped.iterations).toBeGreaterThanOrEqual(600_000);
    expect(staff.wrapped.salt).toHaveLength(16);
    expect(staff.wrapped.ciphertext).toHaveLength(48);
  });

  it('cannot be done twice', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const again = await repos.device.setUp({
      settings: defaultDeviceSettings(),
      firstStaff: { name: 'Intruder', staffGroup: 'agency', agencyName: 'X', registrationNumber: '', secretKind: 'pin', secret: '999999' },
    });
    expect(again).toEqual({ ok: false, error: like({ kind: 'forbidden' }) });
    expect((await firstValue(repos.staff.list())).map((member) => member.name)).toEqual([NURSE_IN_CHARGE.name]);
  });
});

describe('lock', () => {
  it('drops the keys: every repository refuses with "locked" and lists give nothing', async () => {
    const { repos } = await openTestStorage();
    const staffId = await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    const seen: AttendanceSummary[][] = [];
    const subscription = repos.attendances.inProgress().subscribe((value) => seen.push(value));
    await expect.poll(() => seen.at(-1)?.map((summary) => summary.displayName)).toEqual([`${PATIENT.givenName} ${PATIENT.familyName}`]);

    await repos.session.lock('manual');

    expect(repos.session.current()).toEqual({ status: 'locked', reason: 'manual' });
    const locked = { ok: false, error: like({ kind: 'locked' }) };
    expect(await repos.attendances.create()).toEqual(locked);
    expect(await repos.attendances.open(editor.id)).toEqual(locked);
    expect(await repos.attendances.find({ nhsNumber: PATIENT.nhsNumber })).toEqual(locked);
    expect(await editor.update((record) => record)).toEqual(locked);
    expect(await repos.staff.add(triageNurse())).toEqual(locked);
    expect(await repos.staff.remove(staffId)).toEqual(locked);
    expect(await repos.device.updateSettings(defaultDeviceSettings())).toEqual(locked);
    expect(await firstValue(repos.attendances.inProgress())).toEqual([]);
    expect(await firstValue(repos.attendances.completedSince('2000-01-01T00:00:00.000Z'))).toEqual([]);
    // A list that was already open when the tablet locked lets go of the names too.
    await expect.poll(() => seen.at(-1)).toEqual([]);
    subscription.unsubscribe();
  });

  it('finishes pending saves while the keys are still there', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    let saved = false;
    repos.session.beforeLock(async () => {
      const result = await editor.update((record) => ({ ...record, resume: { page: '/saved-before-lock', field: '' } }));
      saved = result.ok;
    });
    await repos.session.lock('idle');
    expect(saved).toBe(true);
    expect(repos.session.current()).toEqual({ status: 'locked', reason: 'idle' });
  });

  it('still locks when a pending save never finishes (a full disk can leave a write unsettled)', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    repos.session.beforeLock(() => new Promise<void>(() => undefined));
    const locking = repos.session.lock('idle');
    await expect.poll(() => repos.session.current().status, { timeout: 10_000 }).toBe('locked');
    await locking;
  });
});

describe('unlock', () => {
  it('opens the data again with the right PIN after a reload', async () => {
    const storage = await openTestStorage();
    const staffId = await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    editor.close();
    const repos = await storage.reload();
    expect(repos.session.current()).toEqual({ status: 'locked', reason: 'start' });
    expect(await repos.attendances.open(editor.id)).toEqual({ ok: false, error: like({ kind: 'locked' }) });

    const unlocked = await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin);

    expect(unlocked).toEqual({ ok: true, value: like({ id: staffId, name: NURSE_IN_CHARGE.name }) });
    const reopened = await repos.attendances.open(editor.id);
    expect(reopened.ok && reopened.value.record().answers.patient.familyName).toBe(PATIENT.familyName);
  });

  it("says how many tries are left, then throttles after 5 with a growing wait that a reload does not reset", async () => {
    const storage = await openTestStorage();
    const staffId = await setUpTablet(storage.repos);
    await storage.repos.session.lock('manual');
    const { clock } = storage;

    for (let attempt = 1; attempt < FREE_ATTEMPTS; attempt += 1) {
      expect(await storage.repos.session.unlock(staffId, WRONG_PIN)).toEqual({ ok: false, error: { kind: 'wrong-secret', attemptsLeftBeforeDelay: FREE_ATTEMPTS - attempt } });
    }
    const fifth = await storage.repos.session.unlock(staffId, WRONG_PIN);
    const firstWait = new Date(clock.now().getTime() + 30_000).toISOString();
    expect(fifth).toEqual({ ok: false, error: { kind: 'throttled', retryAfter: firstWait } });

    // Even the right PIN is refused until then, and a reload does not reset the count.
    expect(await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: { kind: 'throttled', retryAfter: firstWait } });
    let repos = await storage.reload();
    expect(await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: { kind: 'throttled', retryAfter: firstWait } });
    expect(repos.session.current().status).toBe('locked');

    clock.advance(30_000);
    const sixth = await repos.session.unlock(staffId, WRONG_PIN);
    const secondWait = new Date(clock.now().getTime() + 60_000).toISOString();
    expect(sixth).toEqual({ ok: false, error: { kind: 'throttled', retryAfter: secondWait } });

    repos = await storage.reload();
    clock.advance(59_000);
    expect(await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: { kind: 'throttled', retryAfter: secondWait } });
    clock.advance(1_000);
    expect((await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);

    // The right PIN resets the count: the next wrong one has all its tries again.
    await repos.session.lock('manual');
    expect(await repos.session.unlock(staffId, WRONG_PIN)).toEqual({ ok: false, error: { kind: 'wrong-secret', attemptsLeftBeforeDelay: FREE_ATTEMPTS - 1 } });
  });

  it('waits 30 s after the 5th failure, doubling up to 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 10, 11, 50].map(throttleDelayMs)).toEqual([0, 0, 30_000, 60_000, 120_000, 900_000, 900_000, 900_000]);
  });

  it('cannot be raced: wrong PINs sent at the same time still count one by one', async () => {
    const storage = await openTestStorage();
    const staffId = await setUpTablet(storage.repos);
    await storage.repos.session.lock('manual');

    const results = await Promise.all(Array.from({ length: 8 }, () => storage.repos.session.unlock(staffId, WRONG_PIN)));

    const wrong = results.filter((result) => !result.ok && result.error.kind === 'wrong-secret');
    expect(wrong.length).toBeLessThan(FREE_ATTEMPTS);
    expect(await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: like({ kind: 'throttled' }) });
  });

  it('refuses a member of staff whose wrapped key is missing, without counting a failure', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    await tamper(name, (db) => db.staff.where('id').equals(added.value.id).modify((row) => {
      delete (row as Partial<StaffRow>).wrapped;
    }));

    const result = await repos.session.unlock(added.value.id, triageNurse().secret);

    expect(result).toEqual({ ok: false, error: { kind: 'no-key', message: matching(/Ask the nurse in charge/) } });
    expect(repos.session.current().status).toBe('locked');
    const row = (await rawTables(name))['staff']?.find((candidate) => (candidate as StaffRow).id === added.value.id) as StaffRow;
    expect(row.failedAttempts).toBe(0);
  });

  it("refuses a key that belongs to another tablet's database ('other-device') and opens nothing", async () => {
    // Two tablets whose first accounts happen to have the same staff id and PIN.
    const here = await openTestStorage(uniqueDatabaseName(), testClock(), sequentialIds('same'));
    const elsewhere = await openTestStorage(uniqueDatabaseName(), testClock(), sequentialIds('same'));
    const staffId = await setUpTablet(here.repos);
    expect(await setUpTablet(elsewhere.repos)).toBe(staffId);
    await here.repos.session.lock('manual');
    const foreign = (await rawTables(elsewhere.name))['staff']?.[0] as StaffRow;
    await tamper(here.name, (db) => db.staff.update(staffId, { wrapped: foreign.wrapped }));

    const result = await here.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin);

    expect(result).toEqual({ ok: false, error: { kind: 'other-device', message: matching(/another tablet/) } });
    expect(here.repos.session.current().status).toBe('locked');
    expect(await here.repos.attendances.create()).toEqual({ ok: false, error: like({ kind: 'locked' }) });
  });
});
