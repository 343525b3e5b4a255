/**
 * A tablet that already holds records, staff and an audit trail joins a department
 * (department-join-records.ts; design docs/design/department-sync.md §3, "Where the built
 * joining with records differs"): two tablets A and B on their own fake-indexeddb databases,
 * against the real department server (PGlite) in this process.
 */
import { describe, expect, it } from 'vitest';
import { lookUpFlags } from '../../domain/assessment/patient-look-up';
import { runLookUp } from '../../features/lookup/run-look-up';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { openTablet as openDepartmentTablet, withEngine } from '../../test-support/department-tablets';
import type { OpenedTablet } from '../../test-support/department-tablets';
import { NURSE_IN_CHARGE, PATIENT, TRIAGE_NURSE, createPatientAttendance, firstValue, setUpTablet, triageNurse } from '../../test-support/storage-fixtures';
import type { TestClock } from '../../test-support/storage-fixtures';
import { rekeyJobOf } from '../repositories/rekey';
import { PENDING_REKEY_KEY } from '../repositories/staff-keys';
import type { SyncEngine } from './engine';
import { JOIN_REKEY_UNFINISHED_MESSAGE } from './department-join-records';
import { joinHoldsPushes } from './department-join-records-hold';
import { readEnrolment } from './enrolment-state';

const server = departmentServerForThisFile();

type Tablet = OpenedTablet;
const openTablet = (databaseName?: string, clock?: TestClock): Promise<Tablet> => openDepartmentTablet(server, { ...(databaseName ? { databaseName } : {}), ...(clock ? { clock } : {}) });
const engineOf = async (tablet: Tablet): Promise<SyncEngine> => (await withEngine(tablet)).engine;

const staffRows = async (tablet: Tablet, name: string) => (await tablet.repos.internals.db.staff.toArray()).filter((row) => row.name === name);

async function unlockAs(tablet: Tablet, id: string, pin: string): Promise<void> {
  const unlocked = await tablet.repos.session.unlock(id, pin);
  if (!unlocked.ok) throw new Error(`unlock failed: ${unlocked.error.kind}`);
}

/** A: set up, sharing on, a triage nurse of its own; two attendances of the test patient. */
async function tabletA(): Promise<Tablet & { engine: SyncEngine; deviceId: string }> {
  const a = await openTablet();
  await setUpTablet(a.repos);
  expect((await a.repos.staff.add(triageNurse({ name: 'Jo Rivers', secret: '480263' }))).ok).toBe(true);
  const on = await a.repos.department.switchSharingOn();
  if (!on.ok) throw new Error(on.error.message);
  for (let each = 0; each < 2; each += 1) (await createPatientAttendance(a.repos)).close();
  const engine = await engineOf(a);
  await engine.syncNow();
  return { ...a, engine, deviceId: on.value.tabletId };
}

/** B: set up on its own (its nurse in charge has A's nurse in charge's name), a triage nurse, one signed attendance of the test patient. */
async function tabletB(): Promise<Tablet & { attendanceId: string }> {
  const b = await openTablet();
  await setUpTablet(b.repos);
  expect((await b.repos.staff.add(triageNurse())).ok).toBe(true);
  const editor = await createPatientAttendance(b.repos);
  expect((await editor.sign()).ok).toBe(true);
  editor.close();
  return { ...b, attendanceId: editor.id };
}

async function codeOn(a: Tablet): Promise<string> {
  const made = await a.repos.department.makeEnrolmentCode();
  if (!made.ok) throw new Error(made.error.message);
  return made.value.code;
}

const rowsAtServer = async (tabletId: string) => (await server.db().query<{ kind: string }>('SELECT kind FROM rows WHERE author_tablet = $1', [tabletId])).map((row) => row.kind);

describe('a tablet that holds records joins the department', () => {
  it("B with records and its own staff joins; after the background job A's look-up finds B's earlier attendance and counts it in 3 or more in 12 months; audited on B by counts", async () => {
    const a = await tabletA();
    const b = await tabletB();
    const bId = (await b.repos.internals.db.device.get('device'))?.deviceId ?? '';
    const joined = await b.repos.department.joinWithRecords(await codeOn(a));
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.value).toMatchObject({ sealing: true, counts: { attendances: 1, ownAccounts: 2, departmentAccounts: 2, sameNames: 1 }, sameNames: [NURSE_IN_CHARGE.name] });
    // Two accounts named Alex Morgan, one from each tablet: kept apart, never merged.
    expect(new Set((await staffRows(b, NURSE_IN_CHARGE.name)).map((row) => row.id)).size).toBe(2);
    // B keeps its database id, which is its tablet id at the server.
    expect((await readEnrolment(b.repos.internals.db))?.tabletId).toBe(bId);

    await rekeyJobOf(b.repos.internals);
    expect(await b.repos.internals.db.meta.get(PENDING_REKEY_KEY)).toBeUndefined();
    expect(await joinHoldsPushes(b.repos.internals.db)).toBe(false);
    const after = await b.repos.department.joinedWithRecords();
    expect(after.ok && after.value?.sealing).toBe(false);

    const engineB = await engineOf(b);
    expect(await engineB.syncNow()).toMatchObject({ ok: true });
    expect(await rowsAtServer(bId)).toEqual(expect.arrayContaining(['summary', 'attendance', 'staff', 'audit-event']));
    await a.engine.syncNow();
    const found = await runLookUp(a.repos.attendances, { nhsNumber: PATIENT.nhsDigits });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.matches.map((summary) => summary.id)).toContain(b.attendanceId);
    expect(found.value.matches.find((summary) => summary.id === b.attendanceId)?.sharedFrom?.tabletId).toBe(bId);
    expect(lookUpFlags(found.value.matches, a.clock.now().toISOString()).find((flag) => flag.kind === 'frequent')?.text).toBe('3 or more attendances in 12 months (3)');

    const events = (await b.repos.internals.db.audit.where('type').equals('department-joined').toArray()).map((event) => event.detail);
    expect(events).toEqual([expect.stringMatching(/holding records: 1 attendance, .* 2 accounts of this tablet moved .* 2 accounts of the department added, 1 name held by two accounts/)]);
    expect(events[0]).not.toContain(PATIENT.familyName);
  }, 90_000);

  it("B's own member unlocks after joining with their own PIN and reads every earlier record; A's nurse in charge unlocks B too; B's chain checks on A with no tamper report", async () => {
    const a = await tabletA();
    const b = await tabletB();
    const bId = (await b.repos.internals.db.device.get('device'))?.deviceId ?? '';
    const joined = await b.repos.department.joinWithRecords(await codeOn(a));
    if (!joined.ok) throw new Error(joined.error.message);
    await rekeyJobOf(b.repos.internals);
    await b.repos.session.lock('manual');

    const [bNurse] = await staffRows(b, TRIAGE_NURSE.name);
    await unlockAs(b, bNurse?.id ?? '', TRIAGE_NURSE.pin);
    const opened = await b.repos.attendances.open(b.attendanceId);
    if (!opened.ok) throw new Error(opened.error.kind);
    expect(opened.value.record().answers.patient.familyName).toBe(PATIENT.familyName);
    opened.value.close();
    // The wrap was made again under the member's PIN: it now holds the department's secret.
    await b.repos.session.lock('manual');
    await unlockAs(b, bNurse?.id ?? '', TRIAGE_NURSE.pin);
    await b.repos.session.lock('manual');

    const aNurseInCharge = (await staffRows(a, NURSE_IN_CHARGE.name))[0]?.id ?? '';
    await unlockAs(b, aNurseInCharge, NURSE_IN_CHARGE.pin);
    const again = await b.repos.attendances.open(b.attendanceId);
    expect(again.ok).toBe(true);
    if (again.ok) again.value.close();
    await b.repos.backgroundWork();

    const engineB = await engineOf(b);
    expect(await engineB.syncNow()).toMatchObject({ ok: true });
    await a.engine.syncNow();
    await a.engine.syncNow();
    const chains = await a.repos.audit.departmentChains();
    if (!chains.ok || !chains.value) throw new Error('no chains');
    const ofB = chains.value.others.find((chain) => chain.tabletId === bId);
    const trail = await b.repos.internals.db.audit.count();
    expect(ofB).toMatchObject({ breaks: [] });
    expect(ofB?.count).toBeGreaterThanOrEqual(trail - 2);
    const tamper = (await a.repos.internals.db.audit.where('type').equals('tamper-detected').toArray()).filter((event) => event.entityId === bId);
    expect(tamper).toEqual([]);
    // A's member unlocks B with their own PIN: a staff row of B travelled to A and opens there too.
    await a.repos.session.lock('manual');
    await unlockAs(a, bNurse?.id ?? '', TRIAGE_NURSE.pin);
  }, 120_000);

  it('a join interrupted by the tab closing resumes at the next unlock; nothing of B is shared before every row is under the department key', async () => {
    const a = await tabletA();
    const b = await tabletB();
    for (let each = 0; each < 3; each += 1) (await createPatientAttendance(b.repos)).close();
    const bId = (await b.repos.internals.db.device.get('device'))?.deviceId ?? '';
    const joined = await b.repos.department.joinWithRecords(await codeOn(a));
    if (!joined.ok) throw new Error(joined.error.message);
    // The tab is killed at once, before the background job can finish (its pending re-key is still there after).
    b.repos.close();
    await rekeyJobOf(b.repos.internals);

    const reopened = await openTablet(b.databaseName, b.clock);
    const db = reopened.repos.internals.db;
    expect(await db.meta.get(PENDING_REKEY_KEY)).toBeDefined();
    expect(await joinHoldsPushes(db)).toBe(true);
    const engineB = await engineOf(reopened);
    // Locked and mid-way: the engine runs, and pushes nothing of B.
    expect(await engineB.syncNow()).toMatchObject({ ok: true });
    expect(await rowsAtServer(bId)).toEqual([]);

    await unlockAs(reopened, (await staffRows(reopened, TRIAGE_NURSE.name))[0]?.id ?? '', TRIAGE_NURSE.pin);
    await reopened.repos.backgroundWork();
    await rekeyJobOf(reopened.repos.internals);
    expect(await db.meta.get(PENDING_REKEY_KEY)).toBeUndefined();
    expect(await engineB.syncNow()).toMatchObject({ ok: true });
    expect((await rowsAtServer(bId)).filter((kind) => kind === 'summary')).toHaveLength(4);
    await a.engine.syncNow();
    const found = await runLookUp(a.repos.attendances, { nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.matches).toHaveLength(6);
  }, 120_000);

  it("B re-keyed on its own before (its epoch above the department's): joins, and A finds B's attendance; B's removed member stays unable to unlock", async () => {
    const a = await tabletA();
    const b = await tabletB();
    const leaving = await b.repos.staff.add(triageNurse({ name: 'Kim Leaver', secret: '602917' }));
    if (!leaving.ok) throw new Error('not added');
    expect((await b.repos.staff.remove(leaving.value.id)).ok).toBe(true);
    await rekeyJobOf(b.repos.internals);
    expect((await b.repos.internals.db.meta.get('key-epoch'))?.value).toBe(2);
    const bId = (await b.repos.internals.db.device.get('device'))?.deviceId ?? '';
    const joined = await b.repos.department.joinWithRecords(await codeOn(a));
    if (!joined.ok) throw new Error(joined.error.message);
    await rekeyJobOf(b.repos.internals);
    expect((await b.repos.internals.db.meta.get('key-epoch'))?.value).toBe(1);
    expect(await (await engineOf(b)).syncNow()).toMatchObject({ ok: true });
    await a.engine.syncNow();
    const found = await runLookUp(a.repos.attendances, { nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.matches.find((summary) => summary.id === b.attendanceId)?.sharedFrom?.tabletId).toBe(bId);
    await b.repos.session.lock('manual');
    expect((await b.repos.session.unlock(leaving.value.id, '602917')).ok).toBe(false);
  }, 120_000);

  it('B holding an unfinished re-key of its own is refused with plain words, before the code is used', async () => {
    const a = await tabletA();
    const b = await tabletB();
    await b.repos.internals.db.meta.put({ key: PENDING_REKEY_KEY, value: { epoch: 2, keyCheck: 'x', previous: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(16) }, at: '2026-03-10T14:00:00.000Z' } });
    const code = await codeOn(a);
    expect(await b.repos.department.joinWithRecords(code)).toEqual({ ok: false, error: { kind: 'forbidden', message: JOIN_REKEY_UNFINISHED_MESSAGE } });
    expect(await readEnrolment(b.repos.internals.db)).toBeUndefined();
    // The code was not used: a new tablet still joins with it.
    const c = await openTablet();
    expect((await c.repos.department.join(code)).ok).toBe(true);
  }, 90_000);

  it('only the nurse in charge joins a tablet holding records; a tablet already sharing is refused', async () => {
    const a = await tabletA();
    const b = await tabletB();
    await b.repos.session.lock('manual');
    await unlockAs(b, (await staffRows(b, TRIAGE_NURSE.name))[0]?.id ?? '', TRIAGE_NURSE.pin);
    const refused = await b.repos.department.joinWithRecords(await codeOn(a));
    expect(refused.ok || refused.error.kind).toBe('forbidden');
    const again = await a.repos.department.joinWithRecords(await codeOn(a));
    expect(again.ok || again.error.message).toBe('This tablet already shares its records with a department.');
    expect(await firstValue(b.repos.department.state())).toBeUndefined();
  }, 90_000);
});
