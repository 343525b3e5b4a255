/**
 * The optional hardware-bound factor (issue 11 Clarification: "WebAuthn PRF where the tablet
 * has one"), against the real repositories on fake-indexeddb, with a fake authenticator whose
 * PRF is deterministic (HMAC of the credential and the salt under the authenticator's own
 * seed). Each attack is written as the attacker's steps: a copied profile and the right PIN,
 * another authenticator, the factor's fields edited in the database.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NURSE_IN_CHARGE, PATIENT, TRIAGE_NURSE, createPatientAttendance, firstValue, like, openTestStorage, rawTables, setUpTablet, tamper, triageNurse } from '../../test-support/storage-fixtures';
import type { RealRepositories } from './create-repositories';
import type { HardwareAuthenticator } from '../hardware-factor/authenticator';
import type { StaffRow } from '../db';
import { FACTOR_MESSAGES } from './hardware-factor-key';
import { openMember } from './staff-keys';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A platform authenticator: answers only for credentials it made (or, `answersAny`, a clone that answers for any id with its own PRF). */
function fakeAuthenticator(seed: string, answersAny = false): HardwareAuthenticator & { made: Set<string> } {
  const made = new Set<string>();
  return {
    made,
    available: () => Promise.resolve(true),
    enrol: ({ id }) => {
      const credentialId = new Uint8Array(createHash('sha256').update(`${seed}:${id}`).digest());
      made.add(hex(credentialId));
      return Promise.resolve(credentialId);
    },
    evaluate: (credentialId, salt) =>
      Promise.resolve(answersAny || made.has(hex(credentialId)) ? new Uint8Array(createHmac('sha256', seed).update(credentialId).update(salt).digest()) : undefined),
  };
}

async function triageNurseWithFactor(): Promise<{ repos: RealRepositories; name: string; staffId: string; authenticator: ReturnType<typeof fakeAuthenticator> }> {
  const { repos, name } = await openTestStorage();
  const authenticator = fakeAuthenticator('tablet-1');
  repos.internals.authenticator = authenticator;
  await setUpTablet(repos);
  (await createPatientAttendance(repos)).close();
  const added = await repos.staff.add(triageNurse());
  if (!added.ok) throw new Error('add failed');
  await repos.session.lock('manual');
  expect((await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
  expect(await repos.staff.enrolHardwareFactor(TRIAGE_NURSE.pin)).toEqual({ ok: true, value: undefined });
  await repos.session.lock('manual');
  return { repos, name, staffId: added.value.id, authenticator };
}

const events = async (repos: RealRepositories, type: string) => (await repos.internals.audit.all()).filter((event) => event.type === type);

async function staffRow(name: string, staffId: string): Promise<StaffRow> {
  return (await rawTables(name))['staff']?.find((row) => (row as StaffRow).id === staffId) as StaffRow;
}

describe('the hardware-bound factor (WebAuthn PRF)', () => {
  it('is not offered where the tablet has no authenticator', async () => {
    const { repos } = await openTestStorage();
    repos.internals.authenticator = undefined;
    await setUpTablet(repos);
    expect(await repos.staff.hardwareFactorAvailable()).toBe(false);
    expect(await repos.staff.enrolHardwareFactor(NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: { kind: 'forbidden', message: FACTOR_MESSAGES.unavailable } });
  });

  it('enrols with the current PIN: audited, the lock screen is told, and unlock with the PIN and the authenticator opens the records', async () => {
    const { repos, name, staffId, authenticator } = await triageNurseWithFactor();
    expect(authenticator.made.size).toBe(1);
    expect((await events(repos, 'hardware-factor-enrolled')).map((event) => event.entityId)).toEqual([staffId]);
    expect((await firstValue(repos.staff.list())).find((member) => member.id === staffId)).toEqual(like({ hardwareFactor: true }));
    const row = await staffRow(name, staffId);
    expect(row.hardwareFactor).toEqual(like({ credentialId: Buffer.from([...authenticator.made][0] ?? '', 'hex').toString('base64url') }));

    expect(await repos.session.unlock(staffId, TRIAGE_NURSE.pin)).toEqual({ ok: true, value: like({ id: staffId }) });
    const found = await repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value).toHaveLength(1);
  });

  it('refuses a wrong PIN at enrolment, counted like an unlock', async () => {
    const { repos } = await openTestStorage();
    repos.internals.authenticator = fakeAuthenticator('tablet-1');
    await setUpTablet(repos);
    expect(await repos.staff.enrolHardwareFactor('not my passphrase at all')).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect(await events(repos, 'hardware-factor-enrolled')).toHaveLength(0);
  });

  it('refuses the right PIN alone after enrolment: with the authenticator gone the unlock is refused with a plain message and audited', async () => {
    const { repos, staffId } = await triageNurseWithFactor();
    repos.internals.authenticator = fakeAuthenticator('tablet-1'); // the same tablet's authenticator with its credential deleted
    expect(await repos.session.unlock(staffId, TRIAGE_NURSE.pin)).toEqual({ ok: false, error: { kind: 'no-key', message: FACTOR_MESSAGES.noAnswer } });
    repos.internals.authenticator = undefined;
    expect(await repos.session.unlock(staffId, TRIAGE_NURSE.pin)).toEqual({ ok: false, error: { kind: 'no-key', message: FACTOR_MESSAGES.noAnswer } });
    expect(repos.session.current().status).toBe('locked');
    // Written while locked, without a key (sealed into the chain at the next unlock, like a failed unlock).
    expect((await events(repos, 'hardware-factor-failed')).map((event) => [event.entityId, event.actor])).toEqual([
      [staffId, null],
      [staffId, null],
    ]);
  });

  it('opens nothing from a copied profile and the right PIN: the wrap needs the PRF output too', async () => {
    const { name, staffId } = await triageNurseWithFactor();
    // The attacker has the row (a copy of the profile) and has guessed the PIN, offline.
    const row = await staffRow(name, staffId);
    expect(await openMember(row, TRIAGE_NURSE.pin)).toEqual({ ok: false, error: 'wrong-pin' });
  });

  it('refuses another authenticator that answers with its own PRF, as a wrong attempt', async () => {
    const { repos, staffId } = await triageNurseWithFactor();
    repos.internals.authenticator = fakeAuthenticator('attacker-tablet', true);
    expect(await repos.session.unlock(staffId, TRIAGE_NURSE.pin)).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect(repos.session.current().status).toBe('locked');
  });

  it('binds the credential id and salts to the account: changing them in the database is reported as tampering', async () => {
    const { repos, name, staffId } = await triageNurseWithFactor();
    // Someone points the account at a credential of their own.
    await tamper(name, (db) => db.staff.where('id').equals(staffId).modify((row) => {
      if (row.hardwareFactor) row.hardwareFactor.credentialId = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    }));
    const nurseInCharge = (await firstValue(repos.staff.list())).find((member) => member.name === NURSE_IN_CHARGE.name);
    expect((await repos.session.unlock(nurseInCharge?.id ?? '', NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await firstValue(repos.session.tamperReports())).toEqual([like({ key: `account:${staffId}`, kind: 'account' })]);
  });

  it('removes the factor only with the PIN and the authenticator, audited; then the PIN alone unlocks', async () => {
    const { repos, name, staffId, authenticator } = await triageNurseWithFactor();
    expect((await repos.session.unlock(staffId, TRIAGE_NURSE.pin)).ok).toBe(true);

    repos.internals.authenticator = undefined;
    expect(await repos.staff.removeHardwareFactor(TRIAGE_NURSE.pin)).toEqual({ ok: false, error: { kind: 'no-key', message: FACTOR_MESSAGES.noAnswer } });
    repos.internals.authenticator = authenticator;
    expect(await repos.staff.removeHardwareFactor('999999')).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect((await staffRow(name, staffId)).hardwareFactor).toBeDefined();
    expect(await repos.staff.removeHardwareFactor(TRIAGE_NURSE.pin)).toEqual({ ok: true, value: undefined });
    expect((await events(repos, 'hardware-factor-removed')).map((event) => event.entityId)).toEqual([staffId]);
    expect((await events(repos, 'hardware-factor-failed')).map((event) => event.detail)).toEqual(['Removal refused: the authenticator did not answer']);

    await repos.session.lock('manual');
    repos.internals.authenticator = undefined;
    expect(await repos.session.unlock(staffId, TRIAGE_NURSE.pin)).toEqual({ ok: true, value: like({ id: staffId }) });
    expect((await staffRow(name, staffId)).hardwareFactor).toBeUndefined();
  });

  it('keeps the factor through a PIN change: the new PIN alone still opens nothing', async () => {
    const { repos, name, staffId } = await triageNurseWithFactor();
    expect((await repos.session.unlock(staffId, TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(await repos.staff.changeSecret(TRIAGE_NURSE.pin, { secretKind: 'pin', secret: '482916' })).toEqual({ ok: true, value: undefined });
    await repos.session.lock('manual');
    expect(await openMember(await staffRow(name, staffId), '482916')).toEqual({ ok: false, error: 'wrong-pin' });
    expect((await repos.session.unlock(staffId, '482916')).ok).toBe(true);
  });

  it('lets a nurse in charge recover with the recovery key without the authenticator; the factor is dropped and audited', async () => {
    const { repos } = await openTestStorage();
    const authenticator = fakeAuthenticator('tablet-1');
    repos.internals.authenticator = authenticator;
    const staffId = await setUpTablet(repos);
    const state = repos.session.current();
    const key = state.status === 'unlocked' ? state.recoveryKey : undefined;
    repos.session.recoveryKeyKept();
    expect(await repos.staff.enrolHardwareFactor(NURSE_IN_CHARGE.pin)).toEqual({ ok: true, value: undefined });
    await repos.session.lock('manual');

    repos.internals.authenticator = undefined; // the tablet's authenticator is broken or replaced
    expect(await repos.session.recover(staffId, key ?? '', 'violet compass meadow')).toEqual({ ok: true, value: like({ id: staffId }) });
    expect((await events(repos, 'hardware-factor-removed')).map((event) => event.entityId)).toEqual([staffId]);
    await repos.session.lock('manual');
    expect((await repos.session.unlock(staffId, 'violet compass meadow')).ok).toBe(true);
  });
});
