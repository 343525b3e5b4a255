/**
 * Staff key pairs and re-keying (issue 11 Clarification: re-keying without knowing anyone's
 * PIN), against the real repositories on fake-indexeddb. The attacks are written as the
 * attacker's steps: a removed member's old row put back after the re-key, a public key
 * swapped for the attacker's own before a re-key, a triage nurse re-keying from the console.
 */
import { describe, expect, it } from 'vitest';
import { NURSE_IN_CHARGE, PATIENT, TRIAGE_NURSE, createPatientAttendance, firstValue, like, matching, openTestStorage, rawTables, setUpTablet, tamper, triageNurse } from '../../test-support/storage-fixtures';
import type { StaffRow } from '../db';
import { makeSealedKeyPair } from '../crypto/key-pairs';
import { wrapDeviceSecret } from '../crypto/keys';
import { ACCOUNT_CHANGED_MESSAGE, SUPERSEDED_KEY_MESSAGE } from './session-repository';
import { bindStaffRow, checkStaffRow } from './staff-binding';
import { rekeyDevice } from './rekey';
import { PENDING_REKEY_KEY } from './staff-keys';
import { tryHoldLock } from './locks';
import { RESEAL_LOCK } from './reseal';

const REMOVED = { name: 'Robin Ellis', pin: '518274' } as const;

async function staffRow(name: string, id: string): Promise<StaffRow> {
  const row = ((await rawTables(name))['staff'] as StaffRow[]).find((candidate) => candidate.id === id);
  if (!row) throw new Error(`no staff row ${id}`);
  return row;
}

describe('staff key pairs', () => {
  it('are made for every account at creation: the public key and the seal to it are covered by the binding', async () => {
    const { repos, name } = await openTestStorage();
    const nurseInChargeId = await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    const unlocked = repos.internals.vault.peek();
    if (!unlocked) throw new Error('locked');
    for (const id of [nurseInChargeId, added.value.id]) {
      const row = await staffRow(name, id);
      expect(row.keyPair).toEqual(like({ alg: 'ECDH-P-256' }));
      expect(row.secretForKey).toEqual(like({ epoch: 1 }));
      expect(await checkStaffRow(repos.internals.db, unlocked.keys.auditKey, row)).toBe('bound');
      // Another public key in the row breaks the binding.
      const other = await makeSealedKeyPair(await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']), `staff:${id}`);
      if (!row.keyPair) throw new Error('no key pair');
      expect(await checkStaffRow(repos.internals.db, unlocked.keys.auditKey, { ...row, keyPair: { ...row.keyPair, publicKey: other.publicKey } })).toBe('changed');
    }
  });

  it('are made at the next unlock for an account from before them, which a re-key then reaches', async () => {
    const { repos, name } = await openTestStorage();
    const nurseInChargeId = await setUpTablet(repos);
    const unlocked = repos.internals.vault.peek();
    if (!unlocked) throw new Error('locked');
    // What an earlier release wrote: a wrap, no key pair.
    const id = 'staff-from-before-key-pairs';
    await repos.internals.db.staff.add(
      await bindStaffRow(unlocked.keys.auditKey, {
        id,
        name: 'Pat Lee',
        role: 'triage-nurse',
        staffGroup: 'bank',
        agencyName: '',
        registrationNumber: '',
        secretKind: 'pin',
        wrapped: await wrapDeviceSecret(unlocked.secret, TRIAGE_NURSE.pin, id),
        active: 1,
        createdAt: '2026-03-10T14:00:00.000Z',
        createdBy: nurseInChargeId,
        failedAttempts: 0,
        retryAfter: '',
      }),
    );
    expect(await rekeyDevice(repos.internals)).toEqual({ ok: false, error: { kind: 'forbidden', message: 'These accounts must unlock once before the tablet can be re-keyed (they have no key pair yet): Pat Lee.' } });
    await repos.session.lock('manual');

    expect((await repos.session.unlock(id, TRIAGE_NURSE.pin)).ok).toBe(true);
    const migrated = await staffRow(name, id);
    expect(migrated.keyPair).toEqual(like({ alg: 'ECDH-P-256' }));
    expect(migrated.secretForKey).toEqual(like({ epoch: 1 }));
    expect(await firstValue(repos.session.tamperReports())).toEqual([]);
    await repos.session.lock('manual');

    expect((await repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await firstValue(repos.session.tamperReports())).toEqual([]);
    expect(await rekeyDevice(repos.internals)).toEqual({ ok: true, value: { epoch: 2 } });
    await repos.session.lock('manual');
    expect((await repos.session.unlock(id, TRIAGE_NURSE.pin)).ok).toBe(true);
  });
});

describe('re-keying the tablet', () => {
  it("locks out the removed member's old PIN, even with their old row put back, while every remaining member's PIN, the recovery key and every record still open", async () => {
    const { repos, name } = await openTestStorage();
    const nurseInChargeId = await setUpTablet(repos);
    const state = repos.session.current();
    const recoveryKey = state.status === 'unlocked' ? state.recoveryKey : undefined;
    if (!recoveryKey) throw new Error('no recovery key');
    repos.session.recoveryKeyKept();
    const staying = await repos.staff.add(triageNurse());
    const leaving = await repos.staff.add(triageNurse({ name: REMOVED.name, secret: REMOVED.pin }));
    if (!staying.ok || !leaving.ok) throw new Error('add failed');
    (await createPatientAttendance(repos)).close();
    // The attacker (the member who is leaving) keeps a copy of their row from before.
    const oldRow = await staffRow(name, leaving.value.id);

    // The job that re-seals after the removal waits its turn (another holder of its lock), so the re-key stays pending here.
    const release = await tryHoldLock(RESEAL_LOCK);
    expect(await repos.staff.remove(leaving.value.id)).toEqual({ ok: true, value: undefined });
    const removed = await staffRow(name, leaving.value.id);
    expect([removed.keyPair, removed.secretForKey, removed.wrapped.ciphertext.length]).toEqual([undefined, undefined, 0]);
    expect((await staffRow(name, staying.value.id)).secretForKey).toEqual(like({ epoch: 2 }));
    expect((await rawTables(name))['meta']?.some((row) => (row as { key: string }).key === PENDING_REKEY_KEY)).toBe(true);
    await repos.session.lock('manual');
    release?.();

    expect(await repos.session.unlock(leaving.value.id, REMOVED.pin)).toEqual({ ok: false, error: like({ kind: 'no-key' }) });
    await tamper(name, (db) => db.staff.put(oldRow));
    expect(await repos.session.unlock(leaving.value.id, REMOVED.pin)).toEqual({ ok: false, error: { kind: 'no-key', message: SUPERSEDED_KEY_MESSAGE } });
    expect(repos.session.current().status).toBe('locked');

    // Every remaining member: their key pair opens the new secret, and the records open.
    for (const [id, secret] of [
      [staying.value.id, TRIAGE_NURSE.pin],
      [nurseInChargeId, NURSE_IN_CHARGE.pin],
    ] as const) {
      expect((await repos.session.unlock(id, secret)).ok).toBe(true);
      const found = await repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
      expect(found.ok && found.value).toHaveLength(1);
      expect((await staffRow(name, id)).wrapped.ciphertext).toHaveLength(48);
      await repos.session.lock('manual');
      // Again, through the wrap made at that unlock.
      expect((await repos.session.unlock(id, secret)).ok).toBe(true);
      await repos.session.lock('manual');
    }
    expect((await repos.session.recover(nurseInChargeId, recoveryKey, 'violet compass meadow')).ok).toBe(true);
    await repos.backgroundWork();
    expect(await repos.audit.verify()).toEqual(like({ ok: true }));
    // Completed: the old row put back is still refused, and named as a key from before the re-key.
    expect((await rawTables(name))['meta']?.some((row) => (row as { key: string }).key === PENDING_REKEY_KEY)).toBe(false);
    await repos.session.lock('manual');
    await tamper(name, (db) => db.staff.put(oldRow));
    expect(await repos.session.unlock(leaving.value.id, REMOVED.pin)).toEqual({ ok: false, error: { kind: 'no-key', message: SUPERSEDED_KEY_MESSAGE } });
    const trail = await repos.internals.audit.all();
    expect(trail.map((event) => [event.type, event.detail])).toEqual(
      expect.arrayContaining([
        ['device-rekeyed', 'Tablet re-keyed to key epoch 2: a new device secret for 2 accounts and the recovery key; records are being sealed again in the background'],
        ['device-rekey-completed', 'Re-keying to key epoch 2 completed: every record sealed again under the new key, the old key no longer opens anything'],
        ['unlock-failed', 'Unlock refused: a key from before the tablet was re-keyed'],
      ]) as unknown,
    );
  });

  it("refuses when a public key was swapped for the attacker's own (the binding covers it), and that account cannot unlock", async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    const row = await staffRow(name, added.value.id);
    const attackers = await makeSealedKeyPair(await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']), `staff:${added.value.id}`);
    await tamper(name, (db) => db.staff.update(added.value.id, { keyPair: { ...attackers, iv: row.keyPair?.iv ?? '', privateKey: row.keyPair?.privateKey ?? '' } }));

    expect(await rekeyDevice(repos.internals)).toEqual({ ok: false, error: like({ kind: 'forbidden', message: matching(new RegExp(TRIAGE_NURSE.name)) }) });
    expect((await rawTables(name))['meta']?.some((meta) => (meta as { key: string }).key === PENDING_REKEY_KEY)).toBe(false);
    await repos.session.lock('manual');
    expect(await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).toEqual({ ok: false, error: { kind: 'no-key', message: ACCOUNT_CHANGED_MESSAGE } });
  });

  it('is refused to a triage nurse from the console', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin);
    expect(await rekeyDevice(repos.internals)).toEqual({ ok: false, error: like({ kind: 'forbidden' }) });
  });
});
