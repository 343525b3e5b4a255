/**
 * Roles enforced by storage (issue 11; PRODUCT.md section 7), against the real repositories
 * on fake-indexeddb. Each test is an attacker's steps: a triage nurse who is signed in and
 * calls the repositories directly (a console, a changed screen), not through the screens
 * that hide the buttons. Every call is refused as 'forbidden' and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import type { Result } from '../../domain/shared/result';
import { NURSE_IN_CHARGE, TRIAGE_NURSE, firstValue, like, openTestStorage, rawTables, setUpTablet, triageNurse } from '../../test-support/storage-fixtures';
import type { LiveValue, StorageFailure } from './types';

const TRIAGE_REGISTRATION = '21C9876D';
const forbidden = { ok: false, error: like({ kind: 'forbidden' }) };

/** A tablet with a nurse in charge and a triage nurse; signed in as the triage nurse. */
async function signedInAsTriageNurse() {
  const storage = await openTestStorage();
  const { repos } = storage;
  const nurseInChargeId = await setUpTablet(repos);
  const added = await repos.staff.add(triageNurse({ registrationNumber: TRIAGE_REGISTRATION }));
  if (!added.ok) throw new Error('add failed');
  await repos.session.lock('manual');
  const unlocked = await repos.session.unlock(added.value.id, TRIAGE_NURSE.pin);
  if (!unlocked.ok) throw new Error('unlock failed');
  return { storage, repos, nurseInChargeId, triageNurseId: added.value.id };
}

/** Every value a live value sends until `stop` resolves. */
async function valuesUntil<T>(live: LiveValue<T>, stop: () => Promise<unknown>): Promise<T[]> {
  const seen: T[] = [];
  const subscription = live.subscribe((value) => seen.push(value));
  await stop();
  subscription.unsubscribe();
  return seen;
}

describe('storage refuses a triage nurse', () => {
  it('who reads, checks, exports or acknowledges a break in the audit trail from the console', async () => {
    const { repos, storage } = await signedInAsTriageNurse();
    const eventsBefore = (await rawTables(storage.name))['audit']?.length;

    expect(await firstValue(repos.audit.recent(200))).toEqual(forbidden);
    expect(await repos.audit.all()).toEqual(forbidden);
    expect(await repos.audit.exportAll()).toEqual(forbidden);
    expect(await repos.audit.verify()).toEqual({ ok: false, refused: like({ kind: 'forbidden', message: 'Only the nurse in charge can view the audit trail.' }) });
    // Refused before storage looks for the break: the answer is the same whether there is one or not.
    expect(await repos.audit.acknowledgeBreak(1)).toEqual({ ok: false, error: like({ kind: 'forbidden', message: 'Only the nurse in charge can acknowledge a break in the audit trail.' }) });
    // The refused export and acknowledgement are not recorded: nothing was written.
    expect((await rawTables(storage.name))['audit']?.length).toBe(eventsBefore);
  });

  it('who adds an account for themselves as nurse in charge, or removes the nurse in charge', async () => {
    const { repos, nurseInChargeId } = await signedInAsTriageNurse();

    const added = await repos.staff.add(triageNurse({ name: 'Mallory Quinn', role: 'nurse-in-charge', secret: '264810' }));
    expect(added).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Only the nurse in charge can add or remove staff.' } });
    expect(await repos.staff.remove(nurseInChargeId)).toEqual(forbidden);

    expect((await firstValue(repos.staff.list())).map((member) => [member.name, member.active])).toEqual([
      [NURSE_IN_CHARGE.name, true],
      [TRIAGE_NURSE.name, true],
    ]);
  });

  it('who changes the settings (a longer idle lock, another MASH number)', async () => {
    const { repos } = await signedInAsTriageNurse();
    const before = await repos.device.getSettings();

    expect(await repos.device.updateSettings({ ...defaultDeviceSettings(), idleLockMinutes: 60, contacts: { ...defaultDeviceSettings().contacts, mash: '01632 960999' } })).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Only the nurse in charge can change settings.' },
    });
    expect(await repos.device.getSettings()).toEqual(before);
  });

  it('who lists staff with their registration numbers; the lock screen still gets the names, and nothing more', async () => {
    const { repos } = await signedInAsTriageNurse();

    expect(await firstValue(repos.staff.details())).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Only the nurse in charge can see staff accounts and registration numbers.' },
    });
    await repos.session.lock('manual');
    const names = await firstValue(repos.staff.list());
    expect(names.map((member) => Object.keys(member).sort())).toEqual([
      ['active', 'id', 'name', 'secretKind'],
      ['active', 'id', 'name', 'secretKind'],
    ]);
    expect(JSON.stringify(names)).not.toContain(TRIAGE_REGISTRATION);
    expect(names.map((member) => member.name)).toEqual([NURSE_IN_CHARGE.name, TRIAGE_NURSE.name]);
  });

  it('who unlocks where the nurse in charge left the staff list or the audit trail open: the open lists turn into refusals', async () => {
    const { repos, nurseInChargeId, triageNurseId } = await signedInAsTriageNurse();
    await repos.session.lock('manual');
    expect((await repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin)).ok).toBe(true);

    const lastOf = <T>(values: Result<T, StorageFailure>[]) => values.at(-1);
    const switchToTriageNurse = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await repos.session.lock('manual');
      await repos.session.unlock(triageNurseId, TRIAGE_NURSE.pin);
    };
    let staffValues: Result<unknown, StorageFailure>[] = [];
    const auditValues = await valuesUntil(repos.audit.recent(10), async () => {
      staffValues = await valuesUntil(repos.staff.details(), switchToTriageNurse);
    });

    expect(staffValues).toContainEqual({ ok: true, value: expect.arrayContaining([like({ registrationNumber: TRIAGE_REGISTRATION })]) as unknown });
    expect(lastOf(staffValues)).toEqual(forbidden);
    expect(auditValues[0]).toEqual(like({ ok: true }));
    expect(lastOf(auditValues)).toEqual(forbidden);
  });

  it('but lets the nurse in charge do all of it', async () => {
    const { repos, nurseInChargeId } = await signedInAsTriageNurse();
    await repos.session.lock('manual');
    expect((await repos.session.unlock(nurseInChargeId, NURSE_IN_CHARGE.pin)).ok).toBe(true);

    expect(await firstValue(repos.staff.details())).toEqual({ ok: true, value: expect.arrayContaining([like({ registrationNumber: TRIAGE_REGISTRATION })]) as unknown });
    expect(await firstValue(repos.audit.recent(5))).toEqual(like({ ok: true }));
    expect(await repos.audit.verify()).toEqual(like({ ok: true }));
    const exported = await repos.audit.exportAll();
    expect(exported.ok && exported.value.at(-1)).toEqual(like({ type: 'export', actor: { id: nurseInChargeId, name: NURSE_IN_CHARGE.name } }));
    expect(await repos.device.updateSettings({ ...defaultDeviceSettings(), idleLockMinutes: 2 })).toEqual({ ok: true, value: undefined });
  });
});
