/**
 * The edit lease, continuing another tablet's assessment, and conflict addenda (issue 14;
 * design docs/design/department-sync.md §6), against the real department server in this
 * process (PGlite), with two tablets A and B on their own fake-indexeddb databases: A switches
 * sharing on with a triage nurse added, B joins with A's enrolment code. The server's clock is
 * this file's, so a lease's expiry is tested without waiting.
 */
import { describe, expect, it } from 'vitest';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { share, twoTablets, unlockAs } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { createRepositories } from '../repositories/create-repositories';
import { NURSE_IN_CHARGE, PATIENT, TRIAGE_NURSE, createPatientAttendance, firstValue, setUpTablet, testClock, triageNurse, uniqueDatabaseName } from '../../test-support/storage-fixtures';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { ConflictAddendumView } from '../../domain/sync/conflict-addendum';
import type { EditLeaseHandle } from '../repositories/types';
import { readReport } from './engine-state';

let serverNow = Date.parse('2026-03-10T14:00:00.000Z');
const server = departmentServerForThisFile({ now: () => new Date(serverNow) });

interface Network {
  offline: boolean;
}

type Tablet = DepartmentTablet & { network: Network };

function tabletFetch(network: Network): typeof fetch {
  return async (input, init) => {
    if (network.offline) throw new TypeError('fetch failed');
    return fetch(input, init);
  };
}

/** A and B, each on a network the test can cut; A has a triage nurse as well as the nurse in charge. */
async function department(): Promise<{ a: Tablet; b: Tablet }> {
  const networkA: Network = { offline: false };
  const networkB: Network = { offline: false };
  const { a, b } = await twoTablets(server, { a: { fetch: tabletFetch(networkA) }, b: { fetch: tabletFetch(networkB) }, beforeSharing: (repos) => repos.staff.add(triageNurse()) });
  return { a: { ...a, network: networkA }, b: { ...b, network: networkB } };
}

/** The lease's state once it has an answer. */
async function settled(handle: EditLeaseHandle): Promise<EditLeaseState> {
  for (let tries = 0; tries < 200; tries += 1) {
    const state = await firstValue(handle.state());
    if (state.status !== 'checking') return state;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the lease never answered');
}

function leaseOn(tablet: Tablet, id: string, idleLockMinutes = 5): EditLeaseHandle {
  const handle = tablet.repos.sync?.editLease(id, idleLockMinutes);
  if (!handle) throw new Error('no lease');
  return handle;
}

async function addendaOn(tablet: Tablet, id: string): Promise<ConflictAddendumView[]> {
  const live = tablet.repos.sync?.conflictAddenda(id);
  if (!live) throw new Error('no conflict addenda');
  return firstValue(live);
}

function tabletAll(tablet: Tablet) {
  const live = tablet.repos.sync?.conflictAddenda();
  if (!live) throw new Error('no conflict addenda');
  return live;
}

async function serverLease(rowId: string): Promise<{ tablet_id: string; holder: string; expires_at: string }[]> {
  return server.db().query('SELECT tablet_id, holder, expires_at FROM leases WHERE row_id = $1', [rowId]);
}

async function recordOn(tablet: Tablet, id: string) {
  const opened = await tablet.repos.attendances.open(id);
  if (!opened.ok) throw new Error(`open failed: ${opened.error.kind}`);
  const record = opened.value.record();
  opened.value.close();
  return record;
}

describe('the edit lease between two tablets and the real server', () => {
  it('a tablet that is not enrolled takes no lease and calls no one: editing as always', async () => {
    let calls = 0;
    const repos = createRepositories({
      databaseName: uniqueDatabaseName(),
      now: testClock().now,
      newId: () => crypto.randomUUID(),
      sync: {
        fetch: () => {
          calls += 1;
          return Promise.resolve(new Response('{}'));
        },
        origin: server.origin(),
        onlineTarget: new EventTarget(),
      },
    });
    await repos.ready;
    server.keep(repos);
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    const handle = repos.sync?.editLease(editor.id, 5);
    if (!handle) throw new Error('no lease');
    expect(await firstValue(handle.state())).toEqual({ status: 'not-shared' });
    expect(await repos.sync?.leaseOf(editor.id)).toEqual({ status: 'not-shared' });
    await handle.close();
    editor.close();
    expect(calls).toBe(0);
  });

  it('B cannot edit while A holds the lease and sees who holds it; the lease lasts the idle-lock time and lapses after it', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    await share(a);
    const held = leaseOn(a, editor.id, 7);
    expect(await settled(held)).toMatchObject({ status: 'held' });
    const [stored] = await serverLease(editor.id);
    // Holder: the unlocked member's opaque staff id; length: the idle-lock time (7 minutes).
    expect(stored?.holder).toBe(a.repos.internals.vault.peek()?.staff.id);
    expect(Date.parse(stored?.expires_at ?? '') - serverNow).toBe(7 * 60 * 1000);

    await share(b);
    expect(await b.repos.sync?.leaseOf(editor.id)).toEqual({ status: 'elsewhere', holder: { name: NURSE_IN_CHARGE.name, thisTablet: false }, tabletId: a.deviceId, expiresAt: expect.any(String) as string });
    const refused = await b.repos.sync?.continueHere(editor.id, 5);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'held-elsewhere' } });
    expect(await b.repos.attendances.open(editor.id)).toMatchObject({ ok: false, error: { kind: 'not-found' } });

    // Left for the idle-lock time (the server's clock moves on): the lease lapses and B may take it.
    serverNow += 7 * 60 * 1000 + 1000;
    expect(await b.repos.sync?.leaseOf(editor.id)).toEqual({ status: 'free' });
    const continued = await b.repos.sync?.continueHere(editor.id, 5);
    expect(continued).toEqual({ ok: true, value: editor.id });
    await held.close();
    editor.close();
  });

  it('the nurse in charge takes over editing (audited); a triage nurse cannot', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    await share(a);
    const onA = leaseOn(a, editor.id);
    expect(await settled(onA)).toMatchObject({ status: 'held' });

    await unlockAs(b.repos, TRIAGE_NURSE);
    const triage = leaseOn(b, editor.id);
    expect(await settled(triage)).toMatchObject({ status: 'elsewhere', holder: { name: NURSE_IN_CHARGE.name } });
    expect(await triage.takeOver()).toMatchObject({ ok: false, error: { kind: 'forbidden', message: 'Only the nurse in charge can take over editing.' } });
    expect((await serverLease(editor.id))[0]?.tablet_id).toBe(a.deviceId);
    await triage.close();

    await unlockAs(b.repos, NURSE_IN_CHARGE);
    const nic = leaseOn(b, editor.id);
    expect(await settled(nic)).toMatchObject({ status: 'elsewhere' });
    expect(await nic.takeOver()).toMatchObject({ ok: true, value: { status: 'held' } });
    expect((await serverLease(editor.id))[0]?.tablet_id).toBe(b.deviceId);
    const events = await firstValue(b.repos.audit.recent(5));
    if (!events.ok) throw new Error('no audit');
    expect(events.value.find((event) => event.type === 'edit-lease-taken-over')).toMatchObject({ entityId: editor.id, detail: expect.stringContaining(a.deviceId) as string });
    await nic.close();
    await onA.close();
    editor.close();
  });

  it('B continues A’s assessment in progress; A picks up B’s revision by pull and shows it read-only with B’s holder', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    editor.close();
    await share(a);
    await share(b);

    const continued = await b.repos.sync?.continueHere(editor.id, 5);
    expect(continued).toEqual({ ok: true, value: editor.id });
    // Continuing pushes at once (the sync it starts, joined here).
    await share(b);
    const onB = leaseOn(b, editor.id);
    expect(await settled(onB)).toMatchObject({ status: 'held' });
    const opened = await b.repos.attendances.open(editor.id);
    if (!opened.ok) throw new Error(opened.error.kind);
    expect(opened.value.record().answers.patient.familyName).not.toBe('');
    const saved = await opened.value.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, givenName: 'Continued on B' } } }));
    expect(saved.ok).toBe(true);
    opened.value.close();
    // An assessment in progress is pushed at most every 30 seconds (push.ts).
    b.clock.advance(31_000);
    await share(b);
    const rows = await server.db().query<{ revision: number; author_tablet: string }>("SELECT revision, author_tablet FROM rows WHERE row_id = $1 AND kind = 'attendance' ORDER BY revision DESC LIMIT 1", [editor.id]);
    expect(rows[0]?.author_tablet).toBe(b.deviceId);

    await share(a);
    expect((await recordOn(a, editor.id)).answers.patient.givenName).toBe('Continued on B');
    // Listed once in A's look-up: A's own copy, B's summary not held beside it.
    const found = await a.repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    if (!found.ok) throw new Error(found.error.kind);
    expect(found.value.filter((summary) => summary.id === editor.id)).toHaveLength(1);
    const onA = leaseOn(a, editor.id);
    expect(await settled(onA)).toEqual({ status: 'elsewhere', holder: { name: NURSE_IN_CHARGE.name, thisTablet: false }, tabletId: b.deviceId, expiresAt: expect.any(String) as string });
    await onA.close();
    await onB.close();
  });

  it('an edit made offline on A after B took over becomes a conflict addendum: nothing dropped, shown on both, reconciled on B', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    await share(a);
    await share(b);

    // A goes offline and goes on typing (offline first: never blocked).
    a.network.offline = true;
    const onA = leaseOn(a, editor.id);
    expect(await settled(onA)).toEqual({ status: 'unreachable' });
    const typed = await editor.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, givenName: 'Typed offline on A' } } }));
    expect(typed.ok).toBe(true);
    editor.close();

    // Meanwhile B continues it and saves its own change.
    expect(await b.repos.sync?.continueHere(editor.id, 5)).toEqual({ ok: true, value: editor.id });
    await share(b);
    const onB = await b.repos.attendances.open(editor.id);
    if (!onB.ok) throw new Error(onB.error.kind);
    await onB.value.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, givenName: 'Saved on B' } } }));
    onB.value.close();
    b.clock.advance(31_000);
    await share(b);

    // A is back: its push is a conflict; its edit becomes an addendum and its copy takes B's revision.
    a.network.offline = false;
    a.clock.advance(31_000);
    expect((await a.engine.syncNow()).ok).toBe(true);
    expect((await recordOn(a, editor.id)).answers.patient.givenName).toBe('Saved on B');
    const onAList = await addendaOn(a, editor.id);
    expect(onAList).toHaveLength(1);
    expect(onAList[0]).toMatchObject({ madeHere: true, canReconcile: false, reconciled: undefined, editedBy: { name: NURSE_IN_CHARGE.name } });
    expect(onAList[0]?.record.answers.patient.givenName).toBe('Typed offline on A');
    expect((await readReport(a.repos.internals.db)).problems).toEqual([]);
    const eventsA = await firstValue(a.repos.audit.recent(10));
    if (!eventsA.ok) throw new Error('no audit');
    expect(eventsA.value.some((event) => event.type === 'conflict-addendum-made' && event.entityId === editor.id)).toBe(true);
    // Sealed on the server: the typed words are not there in clear.
    const drafts = await server.db().query<{ sealed: Uint8Array }>("SELECT sealed FROM rows WHERE kind = 'draft'");
    expect(drafts).toHaveLength(1);
    expect(Buffer.from(drafts[0]?.sealed ?? new Uint8Array()).toString('latin1')).not.toContain('Typed offline');

    // B, the record's current tablet, sees it and marks it reconciled; A sees that.
    await share(b);
    const onBList = await addendaOn(b, editor.id);
    expect(onBList).toHaveLength(1);
    expect(onBList[0]).toMatchObject({ madeHere: false, canReconcile: true });
    // The liaison review list reads every one, unreconciled, with where the record opens.
    const all = tabletAll(b);
    expect(await firstValue(all)).toEqual([expect.objectContaining({ attendanceId: editor.id, recordHere: true, reconciled: undefined })]);
    expect(onBList[0]?.record.answers.patient.givenName).toBe('Typed offline on A');
    expect(await a.repos.sync?.reconcileConflict(onAList[0]?.rowId ?? '')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await b.repos.sync?.reconcileConflict(onBList[0]?.rowId ?? '')).toEqual({ ok: true, value: undefined });
    await share(b);
    await share(a);
    expect((await addendaOn(a, editor.id))[0]).toMatchObject({ reconciled: { by: { name: NURSE_IN_CHARGE.name } }, canReconcile: false });
    const eventsB = await firstValue(b.repos.audit.recent(10));
    if (!eventsB.ok) throw new Error('no audit');
    expect(eventsB.value.some((event) => event.type === 'conflict-addendum-reconciled' && event.entityId === editor.id)).toBe(true);
    await onA.close();
  });
});
