/**
 * Department re-keying (issue 14 §8; department-rekey.ts): two tablets A and B on their own
 * fake-indexeddb databases, sharing the department's secret through the real enrolment,
 * against the real department server (PGlite) in this process. The nurse in charge removes a
 * member on A and re-keys the department alone; B takes the re-key up at a remaining member's
 * unlock. The attacks are written as the attacker's steps: the removed member at B's lock
 * screen, and someone holding the old secret opening what A wrote after the re-key.
 */
import { describe, expect, it } from 'vitest';
import { lookUpFlags } from '../../domain/assessment/patient-look-up';
import { runLookUp } from '../../features/lookup/run-look-up';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { joinedTablet, openTablet, twoTablets, withEngine } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { NURSE_IN_CHARGE, PATIENT, TRIAGE_NURSE, createPatientAttendance, firstValue, triageNurse } from '../../test-support/storage-fixtures';
import { deriveDeviceKeys } from '../crypto/keys';
import { openFromTransport } from '../crypto/transport';
import { openRowPart } from '../repositories/attendance-crypto';
import type { RealRepositories } from '../repositories/create-repositories';
import { runRekeyJob } from '../repositories/rekey';
import { tryHoldLock } from '../repositories/locks';
import { RESEAL_LOCK } from '../repositories/reseal';
import { KEY_EPOCH_KEY, PENDING_REKEY_KEY } from '../repositories/staff-keys';
import { brokenChainCount } from './chain-check';
import { HELD_REKEY_PREFIX, OUTGOING_REKEY_KEY, REKEY_SPREADING_MESSAGE, REMOVED_AT_REKEY_MESSAGE, rekeyDepartment } from './department-rekey';
import { readReport } from './engine-state';
import { boxFromWire, rowKey } from './engine-wire';
import { pulledReviews } from './travel-review';
import { SUPERSEDED_BY_REKEY } from './travel-staff';

const server = departmentServerForThisFile();
const REMOVED = { name: 'Robin Ellis', pin: '518274' } as const;

type Tablet = DepartmentTablet;

const idOf = async (repos: RealRepositories, name: string): Promise<string> => (await firstValue(repos.staff.list())).find((each) => each.name === name)?.id ?? '';

async function unlockAs(repos: RealRepositories, who: { name: string; pin: string }) {
  return repos.session.unlock(await idOf(repos, who.name), who.pin);
}

/** A and B of one department: a nurse in charge, a triage nurse and a member about to be removed, all on both. */
async function department(): Promise<{ a: Tablet; b: Tablet }> {
  return twoTablets(server, {
    beforeSharing: async (repos) => {
      expect((await repos.staff.add(triageNurse())).ok).toBe(true);
      expect((await repos.staff.add(triageNurse({ name: REMOVED.name, secret: REMOVED.pin }))).ok).toBe(true);
    },
    settled: true,
  });
}

/** A sync that another (the timer's, a write's) is already running may return without pushing what was just written: twice each. */
async function share(...tablets: Tablet[]): Promise<void> {
  for (const tablet of tablets) {
    await tablet.engine.syncNow();
    await tablet.engine.syncNow();
  }
}

async function signedAttendance(tablet: Tablet): Promise<string> {
  const editor = await createPatientAttendance(tablet.repos);
  expect((await editor.sign()).ok).toBe(true);
  editor.close();
  return editor.id;
}

async function found(tablet: Tablet): Promise<string[]> {
  const result = await runLookUp(tablet.repos.attendances, { nhsNumber: PATIENT.nhsDigits });
  if (!result.ok) throw new Error(result.error.message);
  expect(lookUpFlags(result.value.matches, tablet.clock.now().toISOString()).find((flag) => flag.kind === 'frequent')?.text).toBe(`3 or more attendances in 12 months (${String(result.value.matches.length)})`);
  return result.value.matches.map((match) => match.id).sort();
}

const eventTypes = async (repos: RealRepositories): Promise<string[]> => (await repos.internals.db.audit.orderBy('seq').toArray()).map((event) => event.type);

describe('re-keying a department', () => {
  it('A re-keys alone after a removal; B takes it up at a remaining member’s unlock; both read every record and find both tablets’ attendances; chains still verify on B', async () => {
    const { a, b } = await department();
    const before = [await signedAttendance(a), await signedAttendance(b)];
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();

    // The nurse in charge removes a member on A: that re-keys the department from A (knowing nobody's PIN).
    expect((await a.repos.staff.remove(await idOf(a.repos, REMOVED.name))).ok).toBe(true);
    expect(a.repos.internals.vault.peek()?.epoch).toBe(2);
    expect(await a.repos.internals.db.meta.get(OUTGOING_REKEY_KEY)).toEqual({ key: OUTGOING_REKEY_KEY, value: expect.objectContaining({ epoch: 2, author: a.deviceId }) as unknown });
    await runRekeyJob(a.repos.internals);
    expect((await a.repos.internals.db.meta.get(KEY_EPOCH_KEY))?.value).toBe(2);
    const after = await signedAttendance(a);
    await share(a);

    // B, unlocked at epoch 1 when the re-key arrives: it holds the envelope, A's newer rows wait, nothing is reported as tampered.
    await share(b);
    expect(await b.repos.internals.db.meta.get(`${HELD_REKEY_PREFIX}2`)).toBeDefined();
    expect((await readReport(b.repos.internals.db)).tampered).toEqual([]);
    expect(b.repos.internals.vault.peek()?.epoch).toBe(1);
    // The removal the envelope carries is applied on B at once (its binding verifies under epoch 1's audit key, which B holds).
    expect((await b.repos.internals.db.staff.get(await idOf(b.repos, REMOVED.name)))?.active).toBe(0);
    await b.repos.session.lock('manual');

    // The removed member at B's lock screen: refused, before B has taken the re-key up.
    expect(await unlockAs(b.repos, REMOVED)).toEqual({ ok: false, error: { kind: 'no-key', message: 'This member of staff cannot unlock this tablet. Ask the nurse in charge.' } });
    // A remaining member with their own PIN: B takes up epoch 2, with epoch 1's keys beside it until its re-seal finishes.
    expect((await unlockAs(b.repos, TRIAGE_NURSE)).ok).toBe(true);
    expect(b.repos.internals.vault.peek()?.epoch).toBe(2);
    expect(b.repos.internals.vault.peek()?.previous?.epoch).toBe(1);
    expect(await eventTypes(b.repos)).toContain('department-rekey-adopted');
    expect(await eventTypes(a.repos)).toContain('department-rekeyed');
    await b.engine.afterUnlock();
    await runRekeyJob(b.repos.internals);
    expect((await b.repos.internals.db.meta.get(KEY_EPOCH_KEY))?.value).toBe(2);
    expect(await b.repos.internals.db.meta.get(PENDING_REKEY_KEY)).toBeUndefined();
    await share(b, a, b);

    // Both tablets read every record and find both tablets' attendances, before and after the re-key.
    const every = [...before, after].sort();
    expect(await found(b)).toEqual(every);
    expect(await found(a)).toEqual(every);
    for (const id of every) {
      const onB = await b.repos.attendances.open(id).catch(() => undefined);
      if (onB?.ok) onB.value.close();
    }
    expect((await readReport(b.repos.internals.db)).tampered).toEqual([]);
    expect((await readReport(a.repos.internals.db)).tampered).toEqual([]);
    // A's audit chain, written across the re-key, still verifies on B.
    expect(await brokenChainCount(b.repos.internals.db)).toBe(0);

    // The removed member cannot unlock B (after it took epoch 2 up) nor A.
    await b.repos.session.lock('manual');
    expect((await unlockAs(b.repos, REMOVED)).ok).toBe(false);
    await a.repos.session.lock('manual');
    expect((await unlockAs(a.repos, REMOVED)).ok).toBe(false);
  }, 120_000);

  it('B locked when the re-key arrives: the removed member is refused in the re-key’s words before B takes it up, and a remaining member’s unlock takes it up', async () => {
    const { a, b } = await department();
    await b.repos.session.lock('manual');
    expect((await a.repos.staff.remove(await idOf(a.repos, REMOVED.name))).ok).toBe(true);
    await share(a, b);
    expect(await b.repos.internals.db.meta.get(`${HELD_REKEY_PREFIX}2`)).toBeDefined();
    // Pulled while locked: nothing could be opened, so the removal is not applied yet; the envelope alone refuses the member.
    expect((await b.repos.internals.db.staff.get(await idOf(b.repos, REMOVED.name)))?.active).toBe(1);
    expect(await unlockAs(b.repos, REMOVED)).toEqual({ ok: false, error: { kind: 'no-key', message: REMOVED_AT_REKEY_MESSAGE } });
    expect((await unlockAs(b.repos, TRIAGE_NURSE)).ok).toBe(true);
    expect(b.repos.internals.vault.peek()?.epoch).toBe(2);
    await b.engine.afterUnlock();
    await runRekeyJob(b.repos.internals);
    expect((await b.repos.internals.db.meta.get(KEY_EPOCH_KEY))?.value).toBe(2);
  });

  it('attack: someone holding only the old department secret cannot open what A wrote after the re-key', async () => {
    const { a } = await department();
    const unlocked = a.repos.internals.vault.peek();
    if (!unlocked) throw new Error('locked');
    const oldSecret = unlocked.secret.slice();
    expect((await a.repos.staff.remove(await idOf(a.repos, REMOVED.name))).ok).toBe(true);
    expect(a.repos.internals.vault.peek()?.epoch).toBe(2);
    const id = await signedAttendance(a);
    await a.engine.syncNow();
    const row = await a.repos.internals.db.attendances.get(id);
    if (!row) throw new Error('no row');
    const oldKeys = await deriveDeviceKeys(oldSecret);
    expect(await openRowPart({ ...unlocked, keys: oldKeys, epoch: 1, previous: undefined }, row, 'summary')).toBeUndefined();
    expect(await openRowPart({ ...unlocked, keys: oldKeys, epoch: 2, previous: undefined }, row, 'summary')).toBeUndefined();
    // What the server holds of it: the summary, and A's staff rows pushed after the re-key.
    const [summary] = await server.db().query<{ sealed: Uint8Array }>(`SELECT sealed FROM rows WHERE kind = 'summary' AND row_id = $1`, [id]);
    expect(summary).toBeDefined();
    const staffRows = await server.db().query<{ row_id: string; revision: number; sealed: Uint8Array }>(`SELECT row_id, revision, sealed FROM rows WHERE kind = 'staff' AND row_id NOT LIKE 'department-rekey:%' ORDER BY revision DESC LIMIT 1`);
    const staff = staffRows[0];
    if (!staff) throw new Error('no staff row pushed after the re-key');
    const box = boxFromWire(new TextDecoder().decode(staff.sealed));
    expect(await openFromTransport(oldSecret, box, { kind: 'staff', author: a.deviceId, rowId: staff.row_id, revision: staff.revision })).toBeUndefined();
    // And A itself opens it.
    expect(await openRowPart(a.repos.internals.vault.peek() ?? unlocked, row, 'summary')).toBeDefined();
    expect(rowKey('summary', id)).toContain(id);
  }, 120_000);

  it('a second re-key while the first is still spreading is refused in plain words, on A and on a tablet holding it', async () => {
    const { a, b } = await department();
    expect((await rekeyDepartment(a.repos.internals)).ok).toBe(true);
    expect(await rekeyDepartment(a.repos.internals)).toEqual({ ok: false, error: { kind: 'forbidden', message: REKEY_SPREADING_MESSAGE } });
    await share(a, b);
    expect(await rekeyDepartment(b.repos.internals)).toEqual({ ok: false, error: { kind: 'forbidden', message: REKEY_SPREADING_MESSAGE } });
  }, 120_000);

  it('a re-key interrupted on B (the tab closed before its re-seal finished) resumes at the next unlock and completes', async () => {
    const { a, b } = await department();
    for (let each = 0; each < 3; each += 1) await signedAttendance(b);
    await share(b);
    expect((await rekeyDepartment(a.repos.internals)).ok).toBe(true);
    await share(a, b);
    await b.repos.session.lock('manual');
    // The re-seal job waits for its lock (held here), then the tab is closed: B took the re-key up and re-sealed nothing.
    const release = await tryHoldLock(RESEAL_LOCK);
    expect((await unlockAs(b.repos, TRIAGE_NURSE)).ok).toBe(true);
    expect(b.repos.internals.vault.peek()?.epoch).toBe(2);
    await b.repos.session.lock('manual');
    // What the unlock started in the background (the trail's check, the engine's work at unlock) settles first.
    await new Promise((resolve) => setTimeout(resolve, 500));
    b.repos.close();
    release?.();

    // The tab opened again: B's pending re-key and its rows of epoch 1 are there; the next unlock resumes the re-seal job, which completes it.
    const reopened = await withEngine(await openTablet(server, { databaseName: b.databaseName, clock: b.clock }));
    expect((await reopened.repos.internals.db.meta.get(PENDING_REKEY_KEY))?.value).toEqual(expect.objectContaining({ epoch: 2, from: 1 }));
    expect((await reopened.repos.internals.db.attendances.toArray()).some((row) => (row.summary as { e?: number } | undefined)?.e === 1)).toBe(true);
    expect((await unlockAs(reopened.repos, NURSE_IN_CHARGE)).ok).toBe(true);
    expect(reopened.repos.internals.vault.peek()?.previous?.epoch).toBe(1);
    await runRekeyJob(reopened.repos.internals);
    expect((await reopened.repos.internals.db.meta.get(KEY_EPOCH_KEY))?.value).toBe(2);
    expect((await reopened.repos.internals.db.attendances.toArray()).every((row) => (row.summary as { e?: number } | undefined)?.e === 2)).toBe(true);
    await reopened.engine.afterUnlock();
    expect((await found(reopened)).length).toBe(3);
  }, 120_000);

  it('a tablet that joins after the re-key opens the rows the server still holds at the earlier epoch: it finds both tablets’ attendances from before, nothing reported', async () => {
    const { a, b } = await department();
    const before = [await signedAttendance(a), await signedAttendance(a), await signedAttendance(b)];
    await share(a, b, a);
    expect((await a.repos.staff.remove(await idOf(a.repos, REMOVED.name))).ok).toBe(true);
    await runRekeyJob(a.repos.internals);
    await share(a);
    // C joins with a code A makes at epoch 2: the package carries the department's key ring, which opens epoch 1's rows.
    const c = await joinedTablet(server, a);
    expect(c.repos.internals.vault.peek()?.epoch).toBe(2);
    await share(c);
    await c.engine.afterUnlock();
    expect(await found(c)).toEqual([...before].sort());
    expect((await readReport(c.repos.internals.db)).tampered).toEqual([]);
    // And C's own record, sealed at epoch 2, opens on B once B has taken the re-key up.
    const onC = await signedAttendance(c);
    await share(c, b);
    await b.repos.session.lock('manual');
    expect((await unlockAs(b.repos, TRIAGE_NURSE)).ok).toBe(true);
    await share(b);
    await b.engine.afterUnlock();
    expect(await found(b)).toEqual([...before, onC].sort());
  }, 120_000);

  it('a review and a staff change B shared before the re-key, pulled by A after it, raise no false tamper report: the review is shown, the staff change is left out and audited', async () => {
    const { a, b } = await department();
    const onB = await signedAttendance(b);
    await share(b, a);
    // B, at epoch 1, records a review and adds a member of staff, and shares both before A re-keys.
    expect((await b.repos.liaison.recordReview(onB, { action: 'no-further-action', note: 'Reviewed on B' })).ok).toBe(true);
    expect((await b.repos.staff.add(triageNurse({ name: 'Kit Doyle', secret: '604817' }))).ok).toBe(true);
    await share(b);
    // A re-keys before pulling them, then pulls them under epoch 2.
    expect((await a.repos.staff.remove(await idOf(a.repos, REMOVED.name))).ok).toBe(true);
    await runRekeyJob(a.repos.internals);
    await share(a);
    await a.engine.afterUnlock();
    expect((await readReport(a.repos.internals.db)).tampered).toEqual([]);
    const unlocked = a.repos.internals.vault.peek();
    if (!unlocked) throw new Error('A locked');
    const reviews = await pulledReviews(a.repos.internals.db, unlocked, { fromInstant: '2026-03-01T00:00:00.000Z', toInstant: '2026-03-31T00:00:00.000Z' });
    expect(reviews.get(onB)?.map((review) => review.note)).toEqual(['Reviewed on B']);
    // The account B added holds the earlier secret: not applied on A, and the audit says why.
    expect((await firstValue(a.repos.staff.list())).map((member) => member.name)).not.toContain('Kit Doyle');
    expect((await a.repos.internals.db.audit.toArray()).map((event) => event.detail)).toContain(SUPERSEDED_BY_REKEY);
  }, 120_000);
});
