/**
 * The PIN and passphrase rules enforced where the key is wrapped (issue 11), against the
 * real repositories on fake-indexeddb. Each test is someone's steps who skips the form and
 * calls storage directly (a console in an unlocked tab): a weak secret is refused before any
 * wrap is made, and guessing the current PIN through "change my PIN" is throttled exactly
 * like the lock screen, with every wrong guess in the audit trail.
 */
import { describe, expect, it } from 'vitest';
import { NURSE_IN_CHARGE, TRIAGE_NURSE, anyString, firstValue, like, openTestStorage, rawTables, setUpTablet, testClock, triageNurse } from '../../test-support/storage-fixtures';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import type { StaffRow } from '../db';
import { wrapDeviceSecret } from '../crypto/keys';
import { FREE_ATTEMPTS, NURSE_IN_CHARGE_PIN_MESSAGE, WEAK_SECRET_MESSAGE } from './session-repository';
import { NURSE_IN_CHARGE_NEEDS_PASSPHRASE } from '../../domain/settings/secret-policy';
import { bindStaffRow } from './staff-binding';

const DATE_REFUSAL = { ok: false, error: { kind: 'forbidden', message: 'Choose a PIN that is not a date, such as a birthday (DDMMYY or DDMMYYYY)' } };
const RUN_REFUSAL = { ok: false, error: { kind: 'forbidden', message: 'Choose a PIN that is harder to guess: not all the same number or a run like 123456' } };

describe('storage refuses a weak PIN or passphrase', () => {
  it('when the nurse in charge adds an account from the console with a birthday, a run, a repeat or a short passphrase', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);

    expect(await repos.staff.add(triageNurse({ secret: '140312' }))).toEqual(DATE_REFUSAL);
    expect(await repos.staff.add(triageNurse({ secret: '14032012' }))).toEqual(DATE_REFUSAL);
    expect(await repos.staff.add(triageNurse({ secret: '123456' }))).toEqual(RUN_REFUSAL);
    expect(await repos.staff.add(triageNurse({ secret: '777777' }))).toEqual(RUN_REFUSAL);
    expect(await repos.staff.add(triageNurse({ secretKind: 'passphrase', secret: 'too short' }))).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Passphrase must be at least 12 characters' } });
    expect((await rawTables(name))['staff']).toHaveLength(1);
  });

  it('at set-up, and when someone changes their own PIN to a date', async () => {
    const fresh = await openTestStorage();
    expect(
      await fresh.repos.device.setUp({ settings: defaultDeviceSettings(), firstStaff: { name: NURSE_IN_CHARGE.name, staffGroup: 'substantive', agencyName: '', registrationNumber: '', secretKind: 'passphrase', secret: 'eleven char' } }),
    ).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Passphrase must be at least 12 characters' } });
    expect((await rawTables(fresh.name))['device']).toEqual([]);

    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    expect((await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(await repos.staff.changeSecret(TRIAGE_NURSE.pin, { secretKind: 'pin', secret: '25121990' })).toEqual(DATE_REFUSAL);
    await repos.session.lock('manual');
    expect((await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
  });
});

const PIN_FOR_NURSE_IN_CHARGE = { ok: false, error: { kind: 'forbidden', message: NURSE_IN_CHARGE_NEEDS_PASSPHRASE } };

describe('storage refuses a PIN-only nurse in charge', () => {
  it('set up from the console with a good PIN: nothing is written', async () => {
    const { repos, name } = await openTestStorage();
    expect(
      await repos.device.setUp({ settings: defaultDeviceSettings(), firstStaff: { name: NURSE_IN_CHARGE.name, staffGroup: 'substantive', agencyName: '', registrationNumber: '', secretKind: 'pin', secret: '482916' } }),
    ).toEqual(PIN_FOR_NURSE_IN_CHARGE);
    const raw = await rawTables(name);
    expect([raw['device'], raw['staff']]).toEqual([[], []]);
    expect(repos.session.current()).toEqual({ status: 'not-set-up' });
  });

  it('added from the console with a PIN, or changing their own passphrase to a PIN; a triage nurse may have that PIN', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    expect(await repos.staff.add(triageNurse({ name: 'Second Charge', role: 'nurse-in-charge', secret: '650273' }))).toEqual(PIN_FOR_NURSE_IN_CHARGE);
    expect(await repos.staff.changeSecret(NURSE_IN_CHARGE.pin, { secretKind: 'pin', secret: '650273' })).toEqual(PIN_FOR_NURSE_IN_CHARGE);
    expect((await rawTables(name))['staff']).toHaveLength(1);
    expect((await repos.staff.add(triageNurse({ secret: '650273' }))).ok).toBe(true);
    expect((await repos.staff.add(triageNurse({ name: 'Second Charge', role: 'nurse-in-charge', secretKind: 'passphrase', secret: 'copper violet tundra' }))).ok).toBe(true);
  });
});

describe('a nurse in charge made with a PIN before passphrases were required', () => {
  it('opens once more, into the page that asks for a new one, where only a passphrase is accepted; the PIN never opens again', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const unlocked = repos.internals.vault.peek();
    if (!unlocked) throw new Error('not unlocked');
    // What an earlier release could write: a second nurse in charge with a good PIN.
    const id = 'charge-nurse-with-a-pin';
    await repos.internals.db.staff.add(
      await bindStaffRow(unlocked.keys.auditKey, {
        id,
        name: 'Jo Reid',
        role: 'nurse-in-charge',
        staffGroup: 'substantive',
        agencyName: '',
        registrationNumber: '',
        secretKind: 'pin',
        wrapped: await wrapDeviceSecret(unlocked.secret, '650273', id),
        active: 1,
        createdAt: '2026-03-10T14:00:00.000Z',
        createdBy: id,
        failedAttempts: 0,
        retryAfter: '',
      }),
    );
    await repos.session.lock('manual');

    expect((await repos.session.unlock(id, '650273')).ok).toBe(true);
    expect(repos.session.current()).toEqual(like({ status: 'unlocked', mustChangeSecret: NURSE_IN_CHARGE_PIN_MESSAGE }));
    expect(await repos.staff.changeSecret('650273', { secretKind: 'pin', secret: '836150' })).toEqual(PIN_FOR_NURSE_IN_CHARGE);
    expect(await repos.staff.changeSecret('650273', { secretKind: 'passphrase', secret: 'copper violet tundra' })).toEqual({ ok: true, value: undefined });
    expect(repos.session.current()).not.toHaveProperty('mustChangeSecret');

    await repos.session.lock('manual');
    expect(await repos.session.unlock(id, '650273')).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect((await repos.session.unlock(id, 'copper violet tundra')).ok).toBe(true);
    expect(repos.session.current()).not.toHaveProperty('mustChangeSecret');
    expect(await firstValue(repos.staff.details())).toEqual({ ok: true, value: expect.arrayContaining([like({ id, secretKind: 'passphrase' })]) as unknown });
  });
});

describe('changing my PIN', () => {
  it('is throttled like unlock: a script guessing the current PIN from an unlocked tab waits after 5 wrong tries, and each is audited', async () => {
    const clock = testClock();
    const { repos, name } = await openTestStorage(undefined, clock);
    await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    expect((await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    const next = { secretKind: 'pin' as const, secret: '650273' };

    const answers = [];
    for (const guess of ['000001', '000002', '000003', '000004', '000005', '000006']) answers.push(await repos.staff.changeSecret(guess, next));

    expect(answers.slice(0, FREE_ATTEMPTS - 1)).toEqual([4, 3, 2, 1].map((left) => ({ ok: false, error: { kind: 'wrong-secret', attemptsLeftBeforeDelay: left } })));
    expect(answers[FREE_ATTEMPTS - 1]).toEqual({ ok: false, error: { kind: 'throttled', retryAfter: new Date(clock.now().getTime() + 30_000).toISOString() } });
    // Waiting: even the right PIN is refused until the time has passed.
    expect(answers[FREE_ATTEMPTS]).toEqual({ ok: false, error: like({ kind: 'throttled' }) });
    expect(await repos.staff.changeSecret(TRIAGE_NURSE.pin, next)).toEqual({ ok: false, error: like({ kind: 'throttled' }) });
    const row = ((await rawTables(name))['staff'] as StaffRow[]).find((member) => member.id === added.value.id);
    expect(row?.failedAttempts).toBe(FREE_ATTEMPTS);

    const trail = await repos.internals.audit.all();
    expect(trail.filter((event) => event.type === 'pin-change-failed').map((event) => [event.entityId, event.detail, event.mac !== ''])).toEqual(
      [1, 2, 3, 4, 5].map((attempt) => [added.value.id, `Wrong current PIN or passphrase (attempt ${String(attempt)})`, true]),
    );

    clock.advance(30_001);
    expect(await repos.staff.changeSecret(TRIAGE_NURSE.pin, next)).toEqual({ ok: true, value: undefined });
    await repos.session.lock('manual');
    expect((await repos.session.unlock(added.value.id, next.secret)).ok).toBe(true);
    expect(await firstValue(repos.session.tamperReports())).toEqual([]);
  });
});

describe('a PIN made before the rules were enforced in storage', () => {
  it('(a birthday) opens once more, into "change it first", and is asked no more once changed', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    // What an earlier release could write: a triage nurse whose PIN is 14 March 2012.
    const unlocked = repos.internals.vault.peek();
    if (!unlocked) throw new Error('not unlocked');
    const id = 'staff-with-a-birthday-pin';
    const row = await bindStaffRow(unlocked.keys.auditKey, {
      id,
      name: 'Pat Lee',
      role: 'triage-nurse',
      staffGroup: 'bank',
      agencyName: '',
      registrationNumber: '',
      secretKind: 'pin',
      wrapped: await wrapDeviceSecret(unlocked.secret, '140312', id),
      active: 1,
      createdAt: '2026-03-10T14:00:00.000Z',
      createdBy: id,
      failedAttempts: 0,
      retryAfter: '',
    });
    await repos.internals.db.staff.add(row);
    await repos.session.lock('manual');

    expect((await repos.session.unlock(id, '140312')).ok).toBe(true);
    expect(repos.session.current()).toEqual(like({ status: 'unlocked', mustChangeSecret: WEAK_SECRET_MESSAGE }));
    expect(await repos.staff.changeSecret('140312', { secretKind: 'pin', secret: '650273' })).toEqual({ ok: true, value: undefined });
    expect(repos.session.current()).toEqual({ status: 'unlocked', staff: like({ id }), unlockedAt: anyString() });

    await repos.session.lock('manual');
    expect(await repos.session.unlock(id, '140312')).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect((await repos.session.unlock(id, '650273')).ok).toBe(true);
    expect(repos.session.current()).not.toHaveProperty('mustChangeSecret');
  });
});
