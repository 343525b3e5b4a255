/**
 * The recovery key (issue 11 Clarification: a nurse in charge's lost passphrase must not lock
 * a department out), against the real repositories on fake-indexeddb. Each attack is written
 * as the attacker's steps: a used or replaced key typed again, a triage nurse using or
 * issuing one, a key of the wrong shape.
 */
import { describe, expect, it } from 'vitest';
import { NURSE_IN_CHARGE, PATIENT, TRIAGE_NURSE, createPatientAttendance, like, openTestStorage, rawTables, serialiseForSearch, setUpTablet, triageNurse } from '../../test-support/storage-fixtures';
import { RECOVERY_MESSAGES } from './recovery';

const KEY_SHAPE = /^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/;
const NEW_PASSPHRASE = 'violet compass meadow';

function shownKey(repos: { session: { current: () => { status: string; recoveryKey?: string } } }): string {
  const state = repos.session.current();
  if (state.status !== 'unlocked' || state.recoveryKey === undefined) throw new Error('no recovery key shown');
  return state.recoveryKey;
}

describe('the recovery key', () => {
  it('is issued at set-up and shown once: 160 bits in 8 groups of 4, never stored in clear, forgotten once kept', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const key = shownKey(repos);
    expect(key).toMatch(KEY_SHAPE);

    const stored = serialiseForSearch(await rawTables(name));
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.replace(/-/g, ''));
    expect((await repos.internals.audit.all()).map((event) => event.type)).toContain('recovery-key-issued');

    repos.session.recoveryKeyKept();
    expect(repos.session.current()).not.toHaveProperty('recoveryKey');
  });

  it('lets a nurse in charge who forgot their passphrase set a new one from the lock screen; the records still open, the old passphrase and the used key do not', async () => {
    const { repos } = await openTestStorage();
    const staffId = await setUpTablet(repos);
    const key = shownKey(repos);
    repos.session.recoveryKeyKept();
    (await createPatientAttendance(repos)).close();
    await repos.session.lock('manual');

    // Typed as someone would copy it from paper: lower case, spaces for hyphens.
    expect(await repos.session.recover(staffId, key.toLowerCase().replace(/-/g, ' '), NEW_PASSPHRASE)).toEqual({ ok: true, value: like({ id: staffId, role: 'nurse-in-charge' }) });
    const replacement = shownKey(repos);
    expect(replacement).not.toBe(key);
    const found = await repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value).toHaveLength(1);
    const trail = await repos.internals.audit.all();
    expect(trail.filter((event) => event.type === 'recovery-key-used').map((event) => [event.entityId, event.mac !== ''])).toEqual([[staffId, true]]);

    await repos.session.lock('manual');
    expect(await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    // The used key was typed on this tablet: it opens nothing now.
    expect(await repos.session.recover(staffId, key, 'another passphrase here')).toEqual({ ok: false, error: { kind: 'refused', message: RECOVERY_MESSAGES.wrongKey } });
    expect((await repos.session.unlock(staffId, NEW_PASSPHRASE)).ok).toBe(true);
    expect(repos.session.current()).not.toHaveProperty('recoveryKey');
  });

  it('used again after the nurse in charge issued a new one is refused, and the refusal is in the audit trail', async () => {
    const { repos } = await openTestStorage();
    const staffId = await setUpTablet(repos);
    const first = shownKey(repos);
    repos.session.recoveryKeyKept();
    const reissued = await repos.device.issueRecoveryKey();
    if (!reissued.ok) throw new Error('issue failed');
    expect(reissued.value).toMatch(KEY_SHAPE);
    expect(reissued.value).not.toBe(first);
    await repos.session.lock('manual');

    expect(await repos.session.recover(staffId, first, NEW_PASSPHRASE)).toEqual({ ok: false, error: { kind: 'refused', message: RECOVERY_MESSAGES.wrongKey } });
    expect(repos.session.current().status).toBe('locked');
    expect((await repos.session.recover(staffId, reissued.value, NEW_PASSPHRASE)).ok).toBe(true);
    const trail = await repos.internals.audit.all();
    expect(trail.map((event) => [event.type, event.detail])).toEqual(
      expect.arrayContaining([
        ['recovery-key-issued', 'Recovery key issued again; the earlier one no longer works'],
        ['unlock-failed', 'Recovery refused: wrong or replaced recovery key'],
        ['recovery-key-used', 'New passphrase set with the recovery key; a new recovery key was issued and the used one no longer works'],
      ]) as unknown,
    );
    // The refusal, written without a key while locked, was sealed into the chain at the recovery's unlock.
    expect(await repos.audit.verify()).toEqual(like({ ok: true }));
  });

  it('cannot be issued by a triage nurse, nor used to take over a triage nurse account; a key of the wrong shape is refused as such', async () => {
    const { repos } = await openTestStorage();
    const staffId = await setUpTablet(repos);
    const key = shownKey(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    expect((await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(await repos.device.issueRecoveryKey()).toEqual({ ok: false, error: like({ kind: 'forbidden' }) });
    await repos.session.lock('manual');

    expect(await repos.session.recover(added.value.id, key, NEW_PASSPHRASE)).toEqual({ ok: false, error: { kind: 'refused', message: RECOVERY_MESSAGES.notNurseInCharge } });
    expect(await repos.session.recover(staffId, 'ABCD-EFGH', NEW_PASSPHRASE)).toEqual({ ok: false, error: { kind: 'refused', message: RECOVERY_MESSAGES.malformed } });
    expect(await repos.session.recover(staffId, key, 'too short')).toEqual({ ok: false, error: { kind: 'refused', message: 'Passphrase must be at least 12 characters' } });
    expect(repos.session.current().status).toBe('locked');
    // Nothing was changed by the refusals: both still unlock as before, and the key still works.
    expect((await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    await repos.session.lock('manual');
    expect((await repos.session.recover(staffId, key, NEW_PASSPHRASE)).ok).toBe(true);
  });
});
