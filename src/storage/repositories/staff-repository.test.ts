/**
 * Staff accounts against the real repositories: each member of staff unlocks the same data
 * with their own PIN, a removed account can never unlock again, and only the nurse in
 * charge manages staff and settings.
 */
import { describe, expect, it } from 'vitest';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import {
  NURSE_IN_CHARGE,
  PATIENT,
  TRIAGE_NURSE,
  createPatientAttendance,
  firstValue,
  like,
  openTestStorage,
  rawTables,
  setUpTablet,
  triageNurse,
} from '../../test-support/storage-fixtures';
import type { StaffRow } from '../db';

const forbidden = { ok: false, error: like({ kind: 'forbidden' }) };

describe('staff accounts', () => {
  it('let two members of staff open the same attendance, each with their own PIN', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    editor.close();
    const added = await repos.staff.add(triageNurse());
    expect(added).toEqual({ ok: true, value: like({ name: TRIAGE_NURSE.name, role: 'triage-nurse', active: true }) });
    if (!added.ok) return;
    await repos.session.lock('manual');

    // The nurse in charge's PIN does not unlock the triage nurse's account.
    expect(await repos.session.unlock(added.value.id, NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect(await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).toEqual({ ok: true, value: like({ id: added.value.id, role: 'triage-nurse' }) });

    const opened = await repos.attendances.open(editor.id);
    expect(opened.ok && opened.value.record().answers.patient.givenName).toBe(PATIENT.givenName);
    const found = await repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.map((summary) => summary.id)).toEqual([editor.id]);
  });

  it('never lets a removed member of staff unlock again, even with the right PIN', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');

    expect(await repos.staff.remove(added.value.id)).toEqual({ ok: true, value: undefined });
    await repos.session.lock('manual');

    expect(await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).toEqual({ ok: false, error: like({ kind: 'no-key' }) });
    expect(repos.session.current().status).toBe('locked');
    // Their name stays for the records they signed; their wrapped key is gone, so even
    // someone who sets the account active again in the database cannot unlock with it.
    const row = (await rawTables(name))['staff']?.find((candidate) => (candidate as StaffRow).id === added.value.id) as StaffRow;
    expect(row).toMatchObject({ name: TRIAGE_NURSE.name, active: 0 });
    expect(row.wrapped.ciphertext).toHaveLength(0);
    expect((await firstValue(repos.staff.list())).find((member) => member.id === added.value.id)?.active).toBe(false);
  });

  it('are added and removed, and settings changed, only by the nurse in charge', async () => {
    const { repos } = await openTestStorage();
    const nurseInChargeId = await setUpTablet(repos);
    const added = await repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('add failed');
    await repos.session.lock('manual');
    await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin);

    expect(await repos.staff.add(triageNurse({ name: 'Not Allowed', secret: '264810' }))).toEqual(forbidden);
    expect(await repos.staff.remove(nurseInChargeId)).toEqual(forbidden);
    expect(await repos.device.updateSettings({ ...defaultDeviceSettings(), idleLockMinutes: 60 })).toEqual(forbidden);
    expect((await firstValue(repos.staff.list())).map((member) => [member.name, member.active])).toEqual([
      [NURSE_IN_CHARGE.name, true],
      [TRIAGE_NURSE.name, true],
    ]);
    expect((await repos.device.getSettings())?.idleLockMinutes).toBe(5);

    await repos.session.lock('manual');
    await repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin);
    expect(await repos.device.updateSettings({ ...defaultDeviceSettings(), idleLockMinutes: 2 })).toEqual({ ok: true, value: undefined });
    expect((await repos.device.getSettings())?.idleLockMinutes).toBe(2);
    expect(await repos.staff.remove(nurseInChargeId)).toEqual(forbidden);
  });

  it('added just as the tablet locks either works or is not added: never a key that opens nothing', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);

    const adding = repos.staff.add(triageNurse());
    await repos.session.lock('idle');
    const added = await adding;

    const members = await firstValue(repos.staff.list());
    if (added.ok) {
      expect(await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).toEqual({ ok: true, value: like({ id: added.value.id }) });
    } else {
      expect(added.error.kind).toBe('locked');
      expect(members.map((member) => member.name)).toEqual([NURSE_IN_CHARGE.name]);
    }
  });

  it('keep working after a PIN change that the tablet locks in the middle of', async () => {
    const { repos } = await openTestStorage();
    const staffId = await setUpTablet(repos);
    const newPin = 'quiet meadow compass';

    const changing = repos.staff.changeSecret(NURSE_IN_CHARGE.pin, { secretKind: 'passphrase', secret: newPin });
    await repos.session.lock('idle');
    const changed = await changing;

    const pin = changed.ok ? newPin : NURSE_IN_CHARGE.pin;
    expect(await repos.session.unlock(staffId, pin)).toEqual({ ok: true, value: like({ id: staffId }) });
  });

  it('change their own PIN: the old one stops working, the new one opens the same data', async () => {
    const { repos } = await openTestStorage();
    const staffId = await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    editor.close();
    const newPin = 'quiet meadow compass';

    expect(await repos.staff.changeSecret('000000', { secretKind: 'passphrase', secret: newPin })).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect(await repos.staff.changeSecret(NURSE_IN_CHARGE.pin, { secretKind: 'passphrase', secret: newPin })).toEqual({ ok: true, value: undefined });
    await repos.session.lock('manual');

    expect(await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).toEqual({ ok: false, error: like({ kind: 'wrong-secret' }) });
    expect((await repos.session.unlock(staffId, newPin)).ok).toBe(true);
    const opened = await repos.attendances.open(editor.id);
    expect(opened.ok && opened.value.record().answers.patient.familyName).toBe(PATIENT.familyName);
  });
});
