/**
 * Staff accounts and settings travelling between two tablets of a department (travel-staff.ts,
 * travel-settings.ts), against the real department server in this process (PGlite), each
 * tablet on its own fake-indexeddb database: A switches sharing on, B joins by A's code.
 * Each attack is written as the attacker's steps.
 */
import { describe, expect, it, vi } from 'vitest';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { firstTablet as firstDepartmentTablet, joinedTablet, tryUnlockAs } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { createDeviceSecret, wrapDeviceSecret } from '../crypto/keys';
import type { StaffRow } from '../db';
import type { RealRepositories } from '../repositories/create-repositories';
import { NURSE_IN_CHARGE, PATIENT, TRIAGE_NURSE, createPatientAttendance, firstValue, triageNurse } from '../../test-support/storage-fixtures';
import { readReport } from './engine-state';
import { rowKey } from './engine-wire';
import { callApi } from './http';
import { sealToWire } from './travel';
import { SETTINGS_FROM_ANOTHER_TABLET, settingsRowId } from './travel-settings';
import { wireClearText } from '../../test-support/wire-text';

const server = departmentServerForThisFile();

type Tablet = DepartmentTablet;
const unlockAs = (repos: RealRepositories, name: string, secret: string): Promise<boolean> => tryUnlockAs(repos, { name, pin: secret });

/** The department's first tablet, its first share done. */
async function firstTablet(): Promise<Tablet> {
  const tablet = await firstDepartmentTablet(server);
  await tablet.engine.syncNow();
  return tablet;
}

async function department(): Promise<{ a: Tablet; b: Tablet }> {
  const a = await firstTablet();
  const b = await joinedTablet(server, a);
  // The first shares done (each engine starts one by itself): what a test does next goes in the next sync, never raced by one already running.
  await a.engine.syncNow();
  await b.engine.syncNow();
  return { a, b };
}

/** A and B; a triage nurse added on A, shared, and signed in on B with their own PIN. */
async function triageNurseSignedInOnB(): Promise<{ a: Tablet; b: Tablet }> {
  const { a, b } = await department();
  await a.repos.staff.add(triageNurse());
  await a.engine.syncNow();
  await b.engine.syncNow();
  await b.repos.session.lock('manual');
  expect(await unlockAs(b.repos, TRIAGE_NURSE.name, TRIAGE_NURSE.pin)).toBe(true);
  return { a, b };
}

async function staffIdOf(repos: RealRepositories, name: string): Promise<string> {
  const member = (await firstValue(repos.staff.list())).find((each) => each.name === name);
  if (!member) throw new Error(`no ${name}`);
  return member.id;
}

/** The server's rows of a kind, their sealed bytes as text (what a dump shows: the box's JSON). */
async function serverText(kind: string): Promise<string> {
  const rows = await server.db().query<{ sealed: Uint8Array }>('SELECT sealed FROM rows WHERE kind = $1', [kind]);
  return rows.map((row) => wireClearText(Buffer.from(row.sealed).toString())).join('\n');
}

/** A push made by hand with a tablet's credential (what an attacker holding only the credential can send). */
async function pushByHand(credential: string, row: { kind: string; rowId: string; revision: number; baseRevision: number | null; sealed: string }) {
  return callApi<{ results: { status: string; reason?: string }[] }>('POST', '/api/v1/push', { requestId: crypto.randomUUID(), rows: [row] }, { origin: server.origin(), credential });
}

describe('staff accounts travel between the department’s tablets', () => {
  it('a member of staff added on A after B joined unlocks B with their own PIN; the server holds no name, registration number or wrap in clear', async () => {
    const { a, b } = await department();
    const added = await a.repos.staff.add(triageNurse({ registrationNumber: '12A3456E' }));
    expect(added.ok).toBe(true);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });

    await b.repos.session.lock('manual');
    expect(await unlockAs(b.repos, TRIAGE_NURSE.name, TRIAGE_NURSE.pin)).toBe(true);
    const events = await b.repos.internals.db.audit.toArray();
    expect(events.filter((event) => event.type === 'department-staff-received').map((event) => event.entityId)).toContain(await staffIdOf(b.repos, TRIAGE_NURSE.name));

    const text = (await serverText('staff')).toLowerCase();
    expect(text).not.toBe('');
    for (const clear of [TRIAGE_NURSE.name.toLowerCase(), '12a3456e', 'pbkdf2', 'ciphertext', 'salt', NURSE_IN_CHARGE.name.toLowerCase()]) expect(text).not.toContain(clear);
  });

  it('removed on A, the member’s wrap is emptied on B too and they can no longer unlock B', async () => {
    const { a, b } = await department();
    await a.repos.staff.add(triageNurse());
    await a.engine.syncNow();
    await b.engine.syncNow();
    const id = await staffIdOf(a.repos, TRIAGE_NURSE.name);
    expect((await a.repos.staff.remove(id)).ok).toBe(true);
    await a.engine.syncNow();
    // Pulled while B is locked: it waits for the key, then applies at the unlock.
    await b.repos.session.lock('manual');
    await b.engine.syncNow();
    expect((await b.repos.internals.db.staff.get(id))?.active).toBe(1);
    expect(await unlockAs(b.repos, NURSE_IN_CHARGE.name, NURSE_IN_CHARGE.pin)).toBe(true);
    await b.engine.afterUnlock();
    const row = await b.repos.internals.db.staff.get(id);
    expect(row?.active).toBe(0);
    expect(row?.wrapped.ciphertext.every((byte) => byte === 0)).toBe(true);
    await b.repos.session.lock('manual');
    expect(await unlockAs(b.repos, TRIAGE_NURSE.name, TRIAGE_NURSE.pin)).toBe(false);
  });

  it('a member signed in on B when A removes them is signed out of B at B’s next share, before the re-key the removal made is taken up; the lock is audited with why', async () => {
    const { a, b } = await triageNurseSignedInOnB();
    expect(b.repos.session.current().status).toBe('unlocked');

    const removedId = await staffIdOf(a.repos, TRIAGE_NURSE.name);
    expect((await a.repos.staff.remove(removedId)).ok).toBe(true);
    await a.engine.syncNow();
    await b.engine.syncNow();
    await vi.waitFor(() => expect(b.repos.session.current()).toEqual({ status: 'locked', reason: 'account-removed' }));
    expect(b.repos.internals.vault.peek()).toBeUndefined();
    // Applied from the re-key's envelope (the removal's own row waits for the re-key), and not pushed again from B.
    expect((await b.repos.internals.db.staff.get(removedId))?.active).toBe(0);
    expect(await unlockAs(b.repos, TRIAGE_NURSE.name, TRIAGE_NURSE.pin)).toBe(false);

    expect(await unlockAs(b.repos, NURSE_IN_CHARGE.name, NURSE_IN_CHARGE.pin)).toBe(true);
    const events = await b.repos.audit.all();
    const locks = events.ok ? events.value.filter((event) => event.type === 'lock') : [];
    expect(locks.at(-1)?.detail).toBe('Locked: the account signed in was removed');
    // The nurse in charge's unlock took the re-key up; the removal's own row then applies, and they stay signed in.
    await b.engine.syncNow();
    expect(b.repos.session.current().status).toBe('unlocked');
    expect((await b.repos.internals.db.staff.get(removedId))?.active).toBe(0);
    expect(await readReport(b.repos.internals.db)).toMatchObject({ tampered: [] });
  });

  it('a PIN changed on B travels to A: the member unlocks A with the new PIN, not the old', async () => {
    const { a, b } = await triageNurseSignedInOnB();
    expect((await b.repos.staff.changeSecret(TRIAGE_NURSE.pin, { secretKind: 'pin', secret: '481926' })).ok).toBe(true);
    await b.engine.syncNow();
    await a.engine.syncNow();
    await a.repos.session.lock('manual');
    expect(await unlockAs(a.repos, TRIAGE_NURSE.name, TRIAGE_NURSE.pin)).toBe(false);
    expect(await unlockAs(a.repos, TRIAGE_NURSE.name, '481926')).toBe(true);
  });

  it('attack: a tablet holding a credential but not the key pushes a staff row making itself nurse in charge; B refuses it, reports it and never writes it', async () => {
    const { a, b } = await department();
    // The attacker copied A's credential from its profile. Without the department secret, they make their own secret, wrap it under a PIN they know, and seal the row under a key from it.
    const theirSecret = createDeviceSecret();
    const forged: Omit<StaffRow, 'failedAttempts' | 'retryAfter'> = {
      id: 'forged-member',
      name: 'Dr Intruder',
      role: 'nurse-in-charge',
      staffGroup: 'substantive',
      agencyName: '',
      registrationNumber: '',
      secretKind: 'pin',
      wrapped: await wrapDeviceSecret(theirSecret, '111111', 'forged-member'),
      active: 1,
      createdAt: a.clock.now().toISOString(),
      createdBy: 'forged-member',
      binding: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    };
    const sealed = await sealToWire(theirSecret, forged, { kind: 'staff', author: a.deviceId, rowId: forged.id, revision: 1 });
    const answer = await pushByHand(a.credential, { kind: 'staff', rowId: forged.id, revision: 1, baseRevision: null, sealed });
    // The server cannot tell (it holds no key): it stores it.
    expect(answer.ok && answer.value.results[0]?.status).toBe('accepted');

    await b.engine.syncNow();
    expect(await b.repos.internals.db.staff.get(forged.id)).toBeUndefined();
    expect((await readReport(b.repos.internals.db)).tampered).toContain(`${rowKey('staff', forged.id)} revision 1`);
    const events = await b.repos.internals.db.audit.toArray();
    expect(events.some((event) => event.type === 'tamper-detected' && event.entityId === forged.id)).toBe(true);
    await b.repos.session.lock('manual');
    expect(await unlockAs(b.repos, 'Dr Intruder', '111111')).toBe(false);
  });

  it('attack: a tablet holding a credential but not the key pushes a tombstone for an attendance; B keeps it and still finds it in the look-up', async () => {
    // Hazard H13: a tombstone is applied only when it opens under the department key (tombstone.ts).
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    editor.close();
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    const found = async () => {
      const result = await b.repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
      return result.ok ? result.value.map((summary) => summary.id) : [];
    };
    expect(await found()).toContain(editor.id);

    // The attacker copied A's credential; the server cannot check a tombstone (it holds no key) and stores it.
    const answer = await callApi<{ results: { status: string }[] }>('POST', '/api/v1/push', { requestId: crypto.randomUUID(), rows: [{ kind: 'tombstone', rowId: editor.id, revision: 1, baseRevision: null, sealed: 'AAAA', purges: [] }] }, { origin: server.origin(), credential: a.credential });
    expect(answer.ok && answer.value.results[0]?.status).toBe('accepted');

    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect(await b.repos.internals.db.departmentRows.get(rowKey('summary', editor.id))).toBeDefined();
    expect(await found()).toContain(editor.id);
    // Not applied, reported under the header line and audited.
    expect((await readReport(b.repos.internals.db)).tampered).toContain(`${rowKey('tombstone', editor.id)} revision 1`);
    const events = await b.repos.internals.db.audit.toArray();
    expect(events.some((event) => event.type === 'tamper-detected' && event.entityId === editor.id)).toBe(true);
    expect(await b.repos.internals.db.retainedStubs.get(editor.id)).toBeUndefined();
  });

  it('attack: a row sealed with the key but with a changed role (its binding no longer holds) is refused on B', async () => {
    const { a, b } = await department();
    await a.repos.staff.add(triageNurse());
    const id = await staffIdOf(a.repos, TRIAGE_NURSE.name);
    const row = await a.repos.internals.db.staff.get(id);
    const unlocked = a.repos.internals.vault.peek();
    if (!row || !unlocked) throw new Error('no row');
    // Someone with the secret but not the audit binding's consent: the role raised, the binding left as it was.
    const { failedAttempts: _f, retryAfter: _r, ...travelling } = row;
    const sealed = await sealToWire(unlocked.secret, { ...travelling, role: 'nurse-in-charge' }, { kind: 'staff', author: a.deviceId, rowId: id, revision: 1 });
    expect(await pushByHand(a.credential, { kind: 'staff', rowId: id, revision: 1, baseRevision: null, sealed })).toMatchObject({ ok: true });
    await b.engine.syncNow();
    expect(await b.repos.internals.db.staff.get(id)).toBeUndefined();
    expect((await readReport(b.repos.internals.db)).tampered).toContain(`${rowKey('staff', id)} revision 1`);
  });

  it('attack: a staff row from another department, copied from its server rows, is refused by the server under its own id and does not open on B under another', async () => {
    const { a, b } = await department();
    const other = await firstTablet();
    await other.repos.staff.add(triageNurse({ name: 'Other Department Nurse' }));
    await other.engine.syncNow();
    const otherId = await staffIdOf(other.repos, 'Other Department Nurse');
    const [copied] = await server.db().query<{ sealed: Uint8Array }>('SELECT sealed FROM rows WHERE kind = $1 AND row_id = $2', ['staff', otherId]);
    if (!copied) throw new Error('the other department pushed nothing');
    const sealed = Buffer.from(copied.sealed).toString('base64url');
    // Under its own id: the server refuses a row id another department holds.
    const same = await pushByHand(a.credential, { kind: 'staff', rowId: otherId, revision: 1, baseRevision: null, sealed });
    expect(same.ok && same.value.results[0]).toMatchObject({ status: 'refused', reason: 'other-department' });
    // Under a fresh id: stored, but it opens under no key of this department.
    expect(await pushByHand(a.credential, { kind: 'staff', rowId: 'copied-member', revision: 1, baseRevision: null, sealed })).toMatchObject({ ok: true });
    await b.engine.syncNow();
    expect(await b.repos.internals.db.staff.get('copied-member')).toBeUndefined();
    expect(await b.repos.internals.db.staff.get(otherId)).toBeUndefined();
    expect((await readReport(b.repos.internals.db)).tampered).toContain(`${rowKey('staff', 'copied-member')} revision 1`);
  });
});

describe('settings travel: last writer wins, verified, audited', () => {
  it('settings changed on A are applied on B with an audit event there; the later of two changes wins on both tablets', async () => {
    const { a, b } = await department();
    const settings = await a.repos.device.getSettings();
    if (!settings) throw new Error('no settings');
    expect((await a.repos.device.updateSettings({ ...settings, idleLockMinutes: 3 })).ok).toBe(true);
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect((await b.repos.device.getSettings())?.idleLockMinutes).toBe(3);
    const events = await b.repos.internals.db.audit.toArray();
    expect(events.filter((event) => event.type === 'settings-changed').map((event) => event.detail)).toContain(SETTINGS_FROM_ANOTHER_TABLET);
    // Nothing of them in clear at the server.
    expect((await serverText('settings')).toLowerCase()).not.toContain('queen');

    // B changes them later than A does: B's win on both, whatever order the pulls come in.
    a.clock.advance(60_000);
    expect((await a.repos.device.updateSettings({ ...settings, idleLockMinutes: 4 })).ok).toBe(true);
    b.clock.advance(120_000);
    expect((await b.repos.device.updateSettings({ ...settings, idleLockMinutes: 7 })).ok).toBe(true);
    await b.engine.syncNow();
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect((await a.repos.device.getSettings())?.idleLockMinutes).toBe(7);
    expect((await b.repos.device.getSettings())?.idleLockMinutes).toBe(7);
  });

  it('attack: a settings row whose MAC does not hold (sealed with the key, settings changed after the MAC) is refused on B and B keeps its own', async () => {
    const { a, b } = await department();
    const device = await a.repos.internals.db.device.get('device');
    const unlocked = a.repos.internals.vault.peek();
    if (!device?.settingsMac || !unlocked) throw new Error('no settings');
    const rowId = settingsRowId(a.deviceId);
    const ack = await a.repos.internals.db.syncPushed.get(rowKey('settings', rowId));
    const revision = (ack?.acknowledged ?? 0) + 1;
    const changed = { ...(device.settings as Record<string, unknown>), siteName: 'Attacker’s MASH number here' };
    const sealed = await sealToWire(unlocked.secret, { settings: changed, contentFiles: device.contentFiles ?? {}, settingsMac: device.settingsMac, changedAt: '2030-01-01T00:00:00.000Z' }, { kind: 'settings', author: a.deviceId, rowId, revision });
    const pushed = await pushByHand(a.credential, { kind: 'settings', rowId, revision, baseRevision: revision === 1 ? null : revision - 1, sealed });
    expect(pushed.ok && pushed.value.results[0]?.status).toBe('accepted');
    await b.engine.syncNow();
    expect((await b.repos.device.getSettings())?.siteName).toBe("Queen's Medical Centre ED");
    expect((await readReport(b.repos.internals.db)).tampered).toContain(`${rowKey('settings', rowId)} revision ${String(revision)}`);
  });
});
