/**
 * The sync engine against the real department server (server/src/app.ts on PGlite, in this
 * process, on an ephemeral loopback port), with two tablets A and B on their own
 * fake-indexeddb databases: A switches sharing on, B joins with A's enrolment code (the
 * department repository, storage/sync/department*), so both hold the department's secret.
 */
import { describe, expect, it } from 'vitest';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { firstTablet, joinedTablet, unlockAs } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { lookUpFlags } from '../../domain/assessment/patient-look-up';
import { composeLetter, restrictedContentOf } from '../../domain/letters/letters';
import { infantSuspectRecord, letterSettings } from '../../test-support/letter-fixtures';
import { createRepositories } from '../repositories/create-repositories';
import { PATIENT, createPatientAttendance, firstValue, setUpTablet, testClock, uniqueDatabaseName } from '../../test-support/storage-fixtures';
import { withSectionAnswers } from '../../domain/assessment/lifecycle';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { AFTER_WRITE_MS } from './engine';
import { readReport, SYNC_CURSOR_KEY, SYNC_PENDING_PUSH_KEY } from './engine-state';
import type { PendingPush } from './engine-state';
import { rowKey } from './engine-wire';
import { pullAll } from './pull';
import { checkWith } from './pull-record';
import { wireClearText } from '../../test-support/wire-text';

const server = departmentServerForThisFile();

type Tablet = DepartmentTablet & {
  /** Every request this tablet made, by path. */
  calls: string[];
};

/** fetch for a tablet: can be cut off ("offline"), can lose the answer to a push after the server wrote it, and can hold every request until let go. */
interface Network {
  offline: boolean;
  loseNextPushAnswer: boolean;
  failPullAfter: number | undefined;
  hold?: Promise<void> | undefined;
}

function tabletFetch(calls: string[], network: Network): typeof fetch {
  let pulls = 0;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(new URL(url).pathname);
    await network.hold;
    if (network.offline) throw new TypeError('fetch failed');
    if (url.includes('/api/v1/pull')) {
      pulls += 1;
      if (network.failPullAfter !== undefined && pulls > network.failPullAfter) throw new TypeError('fetch failed');
    }
    const response = await fetch(input, init);
    if (network.loseNextPushAnswer && url.endsWith('/api/v1/push')) {
      network.loseNextPushAnswer = false;
      await response.arrayBuffer();
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
}

/** The department's first tablet on `network`, every request it makes listed. */
async function firstOn(network: Network): Promise<Tablet> {
  const calls: string[] = [];
  return { ...(await firstTablet(server, { fetch: tabletFetch(calls, network) })), calls };
}

async function department(): Promise<{ a: Tablet; b: Tablet; networkA: Network; networkB: Network }> {
  const networkA: Network = { offline: false, loseNextPushAnswer: false, failPullAfter: undefined };
  const networkB: Network = { offline: false, loseNextPushAnswer: false, failPullAfter: undefined };
  const a = await firstOn(networkA);
  const callsB: string[] = [];
  const b: Tablet = { ...(await joinedTablet(server, a, { fetch: tabletFetch(callsB, networkB) })), calls: callsB };
  expect(b.deviceId).toBe(b.repos.internals.vault.peek()?.deviceId);
  return { a, b, networkA, networkB };
}

async function serverRows(rowId: string): Promise<{ kind: string; revision: number }[]> {
  return server.db().query<{ kind: string; revision: number }>('SELECT kind, revision FROM rows WHERE row_id = $1 ORDER BY kind, revision', [rowId]);
}

describe('department sync engine, two tablets and the real server', () => {
  it('A records an attendance; B finds it in the look-up, counts it in 3 or more in 12 months, and opens the record read-only', async () => {
    const { a, b } = await department();
    const first = await createPatientAttendance(a.repos);
    first.close();
    const second = await createPatientAttendance(a.repos);
    second.close();
    const pushed = await a.engine.syncNow();
    expect(pushed).toMatchObject({ ok: true, value: { pushed: 4 } });
    // Created at revision 1, the patient saved at 2: the newest revision travels.
    expect(await serverRows(first.id)).toEqual([
      { kind: 'attendance', revision: 2 },
      { kind: 'summary', revision: 2 },
    ]);

    // B's own attendance of the same patient, and A's two pulled.
    (await createPatientAttendance(b.repos)).close();
    const pulled = await b.engine.syncNow();
    expect(pulled).toMatchObject({ ok: true, value: { pulled: 2, tampered: 0 } });
    const found = await b.repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    if (!found.ok) throw new Error(found.error.kind);
    expect(found.value).toHaveLength(3);
    const fromA = found.value.filter((summary) => summary.sharedFrom?.tabletId === a.deviceId);
    expect(fromA.map((summary) => summary.id).sort()).toEqual([first.id, second.id].sort());
    expect(fromA[0]?.familyName).toBe(PATIENT.familyName);
    const byName = await b.repos.attendances.find({ familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirthIso });
    expect(byName.ok && byName.value.length).toBe(3);
    expect(lookUpFlags(found.value, b.clock.now().toISOString()).find((flag) => flag.kind === 'frequent')?.text).toBe('3 or more attendances in 12 months (3)');

    // Only summaries travel on the pull; the record is fetched when opened, then cached.
    expect(await b.repos.internals.db.departmentRows.get(rowKey('attendance', first.id))).toBeUndefined();
    const record = await b.repos.sync?.departmentRecord(first.id);
    expect(record?.ok && record.value.answers.patient.familyName).toBe(PATIENT.familyName);
    expect(b.calls.filter((path) => path.startsWith('/api/v1/rows/attendance/'))).toHaveLength(1);
    await b.repos.sync?.departmentRecord(first.id);
    expect(b.calls.filter((path) => path.startsWith('/api/v1/rows/attendance/'))).toHaveLength(1);

    // The header knows when it last shared, and the pushes are counted audit events, never one per push:
    // the staff account and the settings shared when sharing was switched on, then (an hour on) the 4 rows.
    const state = await firstValue(a.engine.state());
    expect(state?.lastSharedAt).toBe(a.clock.now().toISOString());
    a.clock.advance(3_600_000);
    await a.engine.syncNow();
    const events = await a.repos.audit.all();
    expect(events.ok && events.value.filter((event) => event.type === 'department-shared').map((event) => event.detail)).toEqual(['2 rows shared with the department', '4 rows shared with the department']);
  });

  it('an attendance written while enrolled is pushed soon after the write, with no one asking', async () => {
    const { a } = await department();
    // Settled first: what setting up and joining pushed.
    await a.engine.syncNow();
    const pushesBefore = a.calls.filter((path) => path.endsWith('/push')).length;
    const written = await createPatientAttendance(a.repos);
    written.close();
    // The engine hears of the write (a live query of this tablet's attendance writes) and pushes it a second later.
    await expect.poll(async () => serverRows(written.id), { timeout: AFTER_WRITE_MS + 4000 }).toEqual([
      { kind: 'attendance', revision: 2 },
      { kind: 'summary', revision: 2 },
    ]);
    expect(a.calls.filter((path) => path.endsWith('/push')).length).toBeGreaterThan(pushesBefore);
  });

  it('an attendance with no NHS number, and one with nothing saved yet, are taken by the server; B finds the first by name and date of birth', async () => {
    const { a, b } = await department();
    // Nothing saved yet: no NHS number, name or date of birth, so neither index (an empty one locally).
    const blank = await a.repos.attendances.create();
    if (!blank.ok) throw new Error(blank.error.kind);
    // The NHS number not known (a child from out of area at 3 a.m.): found by name and date of birth only.
    const unknown = await createPatientAttendance(a.repos);
    const saved = await unknown.update((record) => withSectionAnswers(record, 'patient', { ...record.answers.patient, nhsNumber: '' }, record.updatedAt, record.updatedBy));
    if (!saved.ok) throw new Error(saved.error.kind);
    unknown.close();
    // Before the fix the server refused the whole request (400: "a blind index"), and every row of the tablet with it.
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, value: { pushed: 4 } });
    expect(await serverRows(blank.value.id)).toEqual([
      { kind: 'attendance', revision: 1 },
      { kind: 'summary', revision: 1 },
    ]);
    const indexes = await server.db().query<{ nhs_index: string | null; name_dob_index: string | null }>("SELECT nhs_index, name_dob_index FROM rows WHERE row_id = $1 AND kind = 'summary'", [unknown.id]);
    expect(indexes.map((row) => [row.nhs_index, /^[A-Za-z0-9_-]{16,}$/.test(row.name_dob_index ?? '')])).toEqual([[null, true]]);
    expect(await readReport(a.repos.internals.db)).toMatchObject({ problems: [] });

    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    const byName = await b.repos.attendances.find({ familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirthIso });
    expect(byName.ok && byName.value.map((summary) => summary.id)).toEqual([unknown.id]);
  });

  it('B offline records one; when the server is back and after the back-off, A sees it; the online event restarts at once', async () => {
    const { a, b, networkB } = await department();
    networkB.offline = true;
    const offline = await createPatientAttendance(b.repos);
    offline.close();
    const failed = await b.engine.syncNow();
    expect(failed).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    // (The push soon after the write may have failed first: a retry is then already waiting its back-off.)
    const failures = b.engine.failuresInARow();
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(await b.engine.syncNow()).toMatchObject({ ok: false });
    expect(b.engine.failuresInARow()).toBe(failures + 1);
    // The record stays on B, unshared; nothing reached the server.
    expect(await serverRows(offline.id)).toEqual([]);

    networkB.offline = false;
    // The retry the back-off scheduled (run here without waiting for it).
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, value: { pushed: 2 } });
    expect(b.engine.failuresInARow()).toBe(0);
    await a.engine.syncNow();
    const found = await a.repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.map((summary) => [summary.id, summary.sharedFrom?.tabletId])).toEqual([[offline.id, b.deviceId]]);
  });

  it('the browser saying it is online again starts a sync at once, without waiting for the back-off', async () => {
    const networkA: Network = { offline: false, loseNextPushAnswer: false, failPullAfter: undefined };
    const tablet = await firstOn(networkA);
    const { calls } = tablet;
    // Everything shared first (the staff account and the settings), so the sync after 'online' starts with the pull (the audit
    // event the first sync wrote at its end may follow it, pushed with the trail).
    expect(await tablet.engine.syncNow()).toMatchObject({ ok: true });
    networkA.offline = true;
    expect(await tablet.engine.syncNow()).toMatchObject({ ok: false });
    const before = calls.length;
    networkA.offline = false;
    tablet.online.dispatchEvent(new Event('online'));
    // Two seconds at most: the back-off's first wait is five.
    for (let tries = 0; tries < 200 && !(calls.slice(before).includes('/api/v1/pull') && tablet.engine.failuresInARow() === 0); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls.slice(before)[0]).toBe('/api/v1/pull');
    expect(tablet.engine.failuresInARow()).toBe(0);
  });

  it('a push whose answer was lost is resent with the same request id and writes nothing twice', async () => {
    const { a, networkA } = await department();
    const editor = await createPatientAttendance(a.repos);
    editor.close();
    networkA.loseNextPushAnswer = true;
    expect(await a.engine.syncNow()).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    // The server wrote the rows; the tablet never heard, and kept the request to resend.
    expect(await serverRows(editor.id)).toHaveLength(2);
    const pending = (await a.repos.internals.db.meta.get(SYNC_PENDING_PUSH_KEY))?.value as PendingPush;
    expect(pending.rows).toHaveLength(2);
    const receipts = await server.db().query<{ request_id: string }>('SELECT request_id FROM push_receipts WHERE request_id = $1', [pending.requestId]);
    expect(receipts).toHaveLength(1);

    expect(await a.engine.syncNow()).toMatchObject({ ok: true, value: { pushed: 2 } });
    expect(await serverRows(editor.id)).toEqual([
      { kind: 'attendance', revision: 2 },
      { kind: 'summary', revision: 2 },
    ]);
    expect(await a.repos.internals.db.meta.get(SYNC_PENDING_PUSH_KEY)).toBeUndefined();
    expect((await a.repos.internals.db.syncPushed.get(rowKey('summary', editor.id)))?.acknowledged).toBe(2);
    // Nothing left to push: no new request.
    const pushesBefore = a.calls.filter((path) => path === '/api/v1/push').length;
    await a.engine.syncNow();
    expect(a.calls.filter((path) => path === '/api/v1/push').length).toBe(pushesBefore);
  });

  it('an assessment in progress is pushed at most every 30 seconds; a conflict is kept and reported, never dropped', async () => {
    const { a } = await department();
    const editor = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    await editor.update((record) => ({ ...record }));
    await a.engine.syncNow();
    expect(await serverRows(editor.id)).toEqual([
      { kind: 'attendance', revision: 2 },
      { kind: 'summary', revision: 2 },
    ]);
    a.clock.advance(30_000);
    await a.engine.syncNow();
    expect((await serverRows(editor.id)).map((row) => row.revision)).toEqual([2, 3, 2, 3]);

    // Another writer's revision 4 of the summary on the server: A's next revision is a conflict, kept and reported.
    await server.app().inject({ method: 'POST', url: '/api/v1/push', headers: { authorization: `Bearer ${a.credential}` }, payload: { requestId: crypto.randomUUID(), rows: [{ kind: 'summary', rowId: editor.id, revision: 4, baseRevision: 3, sealed: 'AAAA' }] } });
    await editor.update((record) => ({ ...record }));
    a.clock.advance(30_000);
    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    const report = await readReport(a.repos.internals.db);
    expect(report.problems).toEqual([{ kind: 'summary', rowId: editor.id, revision: 4, status: 'conflict', detail: '4' }]);
    expect((await firstValue(a.engine.state()))?.conflicts).toBe(1);
    expect((await a.repos.internals.db.syncPushed.get(rowKey('summary', editor.id)))?.problem).toEqual({ status: 'conflict', revision: 4, serverRevision: 4 });
    // The record itself was accepted at revision 4; the summary stays held at 3 on the server until reconciled.
    expect((await a.repos.internals.db.syncPushed.get(rowKey('attendance', editor.id)))?.acknowledged).toBe(4);
    editor.close();
  });

  it('a signed record is pushed at once with its letter versions; nothing of the letter kind or the patient reaches the server in clear', async () => {
    const { a } = await department();
    const editor = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    const fixture = infantSuspectRecord();
    await editor.update((record) => ({ ...record, answers: { ...fixture.answers, patient: record.answers.patient }, status: 'signed', signature: { signedAt: record.updatedAt, signedBy: record.createdBy } }));
    const record = editor.record();
    editor.close();
    const issued = await a.repos.letters.issue({
      attendanceId: record.id,
      kind: 'mash-referral',
      choices: { slots: {}, restricted: { include: false, reason: '' } },
      compose: (at, version, issuedBy) => {
        const input = { record, settings: letterSettings(), at, choices: { slots: {}, restricted: { include: false, reason: '' } }, version, issuedBy };
        return { document: composeLetter('mash-referral', input), restrictedCategories: restrictedContentOf('mash-referral', input) };
      },
    });
    if (!issued.ok) throw new Error(issued.error.kind);
    await a.repos.backgroundWork();
    // Signed: no 30-second wait.
    expect(await a.engine.syncNow()).toMatchObject({ ok: true, value: { pushed: 3 } });
    const rows = await server.db().query<{ kind: string; row_id: string; signed: boolean; sealed: Uint8Array }>('SELECT kind, row_id, signed, sealed FROM rows WHERE row_id = $1 OR kind = $2 AND author_tablet = $3 ORDER BY kind, revision', [record.id, 'letter-version', a.deviceId]);
    // The revision in progress pushed before, then the signed one and the letter.
    expect(rows.map((row) => [row.kind, row.signed])).toEqual([
      ['attendance', false],
      ['attendance', true],
      ['letter-version', true],
      ['summary', false],
      ['summary', true],
    ]);
    const letterIds = await a.repos.internals.db.letters.toCollection().primaryKeys();
    expect(rows.find((row) => row.kind === 'letter-version')?.row_id).toBe(letterIds[0]);
    const text = rows.map((row) => wireClearText(Buffer.from(row.sealed).toString())).join('\n').toLowerCase();
    for (const secret of ['mash', 'referral', PATIENT.familyName.toLowerCase(), PATIENT.nhsDigits, PATIENT.dateOfBirthIso]) expect(text).not.toContain(secret);
  });

  it('a referral planned on A for the next working day is listed on B, marked as A’s; made on A, it leaves B’s list; pulled while B was locked, it is listed after the unlock', async () => {
    const { a, b } = await department();
    const planned = { concernLevel: 'suspect' as const, referral: 'next-working-day' as const, referralNextDayBy: 'Sam Patel', referralNextDayDate: { day: '11', month: '3', year: '2026' }, referralNextDayTime: '09:00' };
    const editor = await createPatientAttendance(a.repos);
    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    await a.engine.syncNow();
    await b.engine.syncNow();
    const listed = await firstValue(b.repos.attendances.referralsToMake());
    expect(listed.map((row) => [row.id, row.pendingReferral, row.sharedFrom?.tabletId])).toEqual([[editor.id, { dueAt: '2026-03-11T09:00:00.000Z', by: 'Sam Patel' }, a.deviceId]]);
    // Nothing of it in clear on B: the list is sealed, like this tablet's own.
    expect(JSON.stringify((await b.repos.internals.db.meta.get('worklist:department'))?.value)).not.toContain(editor.id);

    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, referral: 'made' } } }));
    a.clock.advance(30_000);
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await firstValue(b.repos.attendances.referralsToMake())).toEqual([]);

    // Planned again while B is locked: B pulls without a key, and lists it once unlocked.
    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    a.clock.advance(30_000);
    await a.engine.syncNow();
    await b.repos.session.lock('manual');
    await b.engine.syncNow();
    await unlockAs(b.repos);
    await b.engine.afterUnlock();
    expect((await firstValue(b.repos.attendances.referralsToMake())).map((row) => row.id)).toEqual([editor.id]);
    editor.close();
  });

  it('a home screen open on B hears a referral planned on A arrive: the live list opens sealed rows before it reads the department’s, and still hears that list change', async () => {
    const { a, b } = await department();
    const planned = { concernLevel: 'suspect' as const, referral: 'next-working-day' as const, referralNextDayBy: 'Sam Patel', referralNextDayDate: { day: '11', month: '3', year: '2026' }, referralNextDayTime: '09:00' };
    const plan = (record: AssessmentRecord) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } });
    // B's own planned referral: its sealed worklist is opened first, then the department's read.
    const own = await createPatientAttendance(b.repos);
    await own.update(plan);
    own.close();
    const seen: string[][] = [];
    const subscription = b.repos.attendances.referralsToMake().subscribe((rows) => seen.push(rows.map((row) => row.id)));
    // As on the home screen: the list of assessments in progress is open too, and its revision checks read the audit trail outside any query.
    const inProgress = b.repos.attendances.inProgress().subscribe(() => undefined);
    try {
      await expect.poll(() => seen.at(-1)).toEqual([own.id]);
      const editor = await createPatientAttendance(a.repos);
      await editor.update(plan);
      editor.close();
      await a.engine.syncNow();
      await b.engine.syncNow();
      // Without a fresh subscription (the home screen stays open): before the fix the list stayed at B's own for good.
      await expect.poll(() => seen.at(-1), { timeout: 5_000 }).toEqual([own.id, editor.id]);
    } finally {
      inProgress.unsubscribe();
      subscription.unsubscribe();
    }
  });

  it('a tampered pulled row is reported and not applied; one pulled while locked waits for the unlock and the copy held stays', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const held = await b.repos.internals.db.departmentRows.get(rowKey('summary', editor.id));
    expect(held?.revision).toBe(2);

    // Revision 3, its sealed bytes changed on the server (one bit of the ciphertext).
    await editor.update((record) => ({ ...record }));
    a.clock.advance(30_000);
    await a.engine.syncNow();
    const [stored] = await server.db().query<{ sealed: Uint8Array }>(`SELECT sealed FROM rows WHERE row_id = $1 AND kind = 'summary' AND revision = 3`, [editor.id]);
    // The server keeps the bytes the base64url text carried: the box's JSON (engine-wire.ts).
    const wire = JSON.parse(Buffer.from(stored?.sealed ?? []).toString()) as { ct: string };
    const ct = Buffer.from(wire.ct, 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    const changed = Buffer.from(JSON.stringify({ ...wire, ct: ct.toString('base64url') }));
    await server.db().query(`UPDATE rows SET sealed = $1 WHERE row_id = $2 AND kind = 'summary' AND revision = 3`, [changed, editor.id]);

    await b.repos.session.lock('manual');
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, value: { tampered: 0 } });
    expect((await b.repos.internals.db.departmentRows.get(rowKey('summary', editor.id)))?.unchecked).toBe(1);
    await unlockAs(b.repos);
    await b.engine.afterUnlock();
    const after = await b.repos.internals.db.departmentRows.get(rowKey('summary', editor.id));
    expect(after).toMatchObject({ revision: 2, sealed: held?.sealed });
    expect(after?.incoming).toBeUndefined();
    expect((await readReport(b.repos.internals.db)).tampered).toEqual([`summary ${editor.id} revision 3`]);
    const found = await b.repos.attendances.find({ nhsNumber: PATIENT.nhsDigits });
    expect(found.ok && found.value.map((summary) => summary.id)).toEqual([editor.id]);
    expect((await firstValue(b.engine.state()))?.tampered).toBe(1);

    // Unlocked: the same kind of change is refused at once, and not applied.
    await editor.update((record) => ({ ...record }));
    a.clock.advance(30_000);
    await a.engine.syncNow();
    await server.db().query(`UPDATE rows SET sealed = $1 WHERE row_id = $2 AND kind = 'summary' AND revision = 4`, [changed, editor.id]);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true, value: { tampered: 1 } });
    expect((await b.repos.internals.db.departmentRows.get(rowKey('summary', editor.id)))?.revision).toBe(2);
    editor.close();
  });

  it('a pull cut off mid-way resumes from the stored cursor: every row once, none skipped', async () => {
    const { a, b, networkB } = await department();
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const editor = await createPatientAttendance(a.repos);
      ids.push(editor.id);
      editor.close();
    }
    await a.engine.syncNow();
    networkB.failPullAfter = 2;
    const api = { credential: b.credential, origin: server.origin(), fetch: tabletFetch(b.calls, networkB) };
    const cut = await pullAll(b.repos.internals.db, api, b.deviceId, checkWith(() => b.repos.internals.vault.peek()), undefined, 1);
    expect(cut).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    const cursor = (await b.repos.internals.db.meta.get(SYNC_CURSOR_KEY))?.value;
    expect(await b.repos.internals.db.departmentRows.where('kind').notEqual('audit-event').count()).toBe(2);
    networkB.failPullAfter = undefined;
    const resumed = await pullAll(b.repos.internals.db, api, b.deviceId, checkWith(() => b.repos.internals.vault.peek()), undefined, 1);
    expect(resumed).toMatchObject({ ok: true, value: { applied: 1 } });
    expect((await b.repos.internals.db.meta.get(SYNC_CURSOR_KEY))?.value).toBeGreaterThan(cursor as number);
    expect((await b.repos.internals.db.departmentRows.where('kind').notEqual('audit-event').toArray()).map((row) => row.rowId).sort()).toEqual([...ids].sort());
  });

  it('a sync asked for while one is under way runs once more after it, so what was saved meanwhile is shared: one more, however many ask', async () => {
    const { a, networkA } = await department();
    await a.engine.syncNow();
    const pushes = () => a.calls.filter((path) => path === '/api/v1/push').length;
    let letGo: () => void = () => undefined;
    networkA.hold = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const before = a.calls.length;
    const underWay = a.engine.syncNow();
    // The cycle has read what it will push and is waiting on the network.
    while (a.calls.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    const pushesBefore = pushes();
    const editor = await createPatientAttendance(a.repos);
    editor.close();
    const asked = [a.engine.syncNow(), a.engine.syncNow(), a.engine.syncNow()];
    networkA.hold = undefined;
    letGo();
    await underWay;
    expect((await Promise.all(asked)).every((outcome) => outcome.ok)).toBe(true);
    expect(await serverRows(editor.id)).toEqual([
      { kind: 'attendance', revision: 2 },
      { kind: 'summary', revision: 2 },
    ]);
    // The cycle under way pushed nothing new; the one more pushed the new attendance, once.
    expect(pushes() - pushesBefore).toBeLessThanOrEqual(2);
  });

  it('a tablet removed from the department stops syncing and the header says so; its records stay', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(b.repos);
    editor.close();
    await server.app().inject({ method: 'POST', url: `/api/v1/tablets/${b.deviceId}/revoke`, headers: { authorization: `Bearer ${a.credential}` } });
    expect(await b.engine.syncNow()).toMatchObject({ ok: false, error: { kind: 'revoked' } });
    const state = await firstValue(b.engine.state());
    expect(state?.revokedAt).toBe(b.clock.now().toISOString());
    const before = b.calls.length;
    expect(await b.engine.syncNow()).toMatchObject({ ok: false });
    expect(b.calls.length).toBe(before);
    expect(await b.repos.internals.db.attendances.get(editor.id)).toBeDefined();
  });

  it('a tablet that is not enrolled never calls the network, even with sharing composed', async () => {
    const calls: string[] = [];
    const network: Network = { offline: false, loseNextPushAnswer: false, failPullAfter: undefined };
    const repos = createRepositories({ databaseName: uniqueDatabaseName(), now: testClock().now, newId: () => crypto.randomUUID(), sync: { fetch: tabletFetch(calls, network), origin: server.origin(), onlineTarget: new EventTarget(), intervalMs: 10 } });
    await repos.ready;
    await setUpTablet(repos);
    (await createPatientAttendance(repos)).close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await repos.sync?.loaded()).toBeUndefined();
    expect(calls).toEqual([]);
    expect(await firstValue(repos.sync?.state() ?? { subscribe: () => ({ unsubscribe: () => undefined }) })).toBeUndefined();
    repos.close();
  });
});
