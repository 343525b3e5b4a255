/**
 * What of an assessment in progress reaches the department, and when (issue 14; design
 * docs/design/department-sync.md §5 and "Where the built edit lease differs"): letting the
 * edit lease go pushes the record's newest revision first, so a tablet continuing it has every
 * answer saved; an addendum being written on a signed record travels inside the record; a push
 * time in the future (a clock set back) never holds an assessment in progress back for good.
 * Two tablets A and B on their own fake-indexeddb databases against the real department server
 * in this process (PGlite), as in lease.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { twoTablets } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { withAddendumDraft } from '../../domain/assessment/lifecycle';
import { createPatientAttendance, firstValue, triageNurse } from '../../test-support/storage-fixtures';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { AssessmentEditor, EditLeaseHandle } from '../repositories/types';
import { readReport } from './engine-state';
import { heldBack, IN_PROGRESS_PUSH_MS } from './push';

const serverNow = Date.parse('2026-03-10T14:00:00.000Z');
const server = departmentServerForThisFile({ now: () => new Date(serverNow) });

type Tablet = DepartmentTablet;
/** A and B; A has a triage nurse as well as the nurse in charge. */
const department = () => twoTablets(server, { beforeSharing: (repos) => repos.staff.add(triageNurse()) });

async function settled(handle: EditLeaseHandle): Promise<EditLeaseState> {
  for (let tries = 0; tries < 200; tries += 1) {
    const state = await firstValue(handle.state());
    if (state.status !== 'checking') return state;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the lease never answered');
}

/**
 * The lease as the assessment's screens take it (assessment-routes.tsx): what the editor still
 * has to write is written before the release push. `unsaved`: words on screen the autosave has
 * not written yet when the lease is let go (its flush writes them).
 */
function leaseOn(
  tablet: Tablet,
  editor: AssessmentEditor,
  unsaved?: { words: string | undefined },
): EditLeaseHandle {
  const handle = tablet.repos.sync?.editLease(editor.id, 5, async () => {
    const words = unsaved?.words;
    if (unsaved && words !== undefined) {
      unsaved.words = undefined;
      await editor.update(typed(words));
    }
    return editor.flush();
  });
  if (!handle) throw new Error('no lease');
  return handle;
}

/** The newest revision of the record the server holds. */
async function serverRevision(id: string): Promise<number> {
  const rows = await server
    .db()
    .query<{ revision: number }>(
      "SELECT revision FROM rows WHERE row_id = $1 AND kind = 'attendance' ORDER BY revision DESC LIMIT 1",
      [id],
    );
  return rows[0]?.revision ?? 0;
}

async function localRevision(tablet: Tablet, id: string): Promise<number> {
  return (await tablet.repos.internals.db.attendances.get(id))?.rev ?? 0;
}

function typed(givenName: string) {
  return (record: Parameters<Parameters<AssessmentEditor['update']>[0]>[0]) => ({
    ...record,
    answers: { ...record.answers, patient: { ...record.answers.patient, givenName } },
  });
}

describe('what of an assessment in progress reaches the department, and when', () => {
  it('A lets the lease go seconds after its last push: its newest revision, with what the editor still had to write, is pushed before the release, and B continuing it has every answer A saved; no conflict addendum on A', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    const unsaved: { words: string | undefined } = { words: undefined };
    const lease = leaseOn(a, editor, unsaved);
    expect(await settled(lease)).toMatchObject({ status: 'held' });

    // Typed within 30 seconds of the last push: the sync holds it back (push.ts, at most every 30 seconds).
    a.clock.advance(5_000);
    expect((await editor.update(typed('Saved on A'))).ok).toBe(true);
    await a.engine.syncNow();
    expect(await serverRevision(editor.id)).toBeLessThan(await localRevision(a, editor.id));

    // The nurse leaves the assessment with words typed that the autosave has not written yet.
    unsaved.words = 'Typed just before leaving';
    await lease.close();
    expect(unsaved.words).toBeUndefined();
    const saved = editor.record();
    editor.close();
    expect(await serverRevision(editor.id)).toBe(await localRevision(a, editor.id));
    expect(await b.repos.sync?.leaseOf(editor.id)).toEqual({ status: 'free' });

    // B continues it: every answer A saved is there.
    await b.engine.syncNow();
    expect(await b.repos.sync?.continueHere(editor.id, 5)).toEqual({ ok: true, value: editor.id });
    const onB = await b.repos.attendances.open(editor.id);
    if (!onB.ok) throw new Error(onB.error.kind);
    expect(onB.value.record().answers).toEqual(saved.answers);
    expect(onB.value.record().answers.patient.givenName).toBe('Typed just before leaving');
    onB.value.close();
    await b.engine.syncNow();

    // A's next sync finds nothing of its own in conflict: no conflict addendum, nothing reported.
    a.clock.advance(31_000);
    expect((await a.engine.syncNow()).ok).toBe(true);
    expect((await readReport(a.repos.internals.db)).problems).toEqual([]);
    expect(await a.repos.internals.db.departmentRows.where('kind').equals('draft').count()).toBe(0);
  });

  it('locking A lets the lease go after pushing the newest revision', async () => {
    const { a } = await department();
    const editor = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    const lease = leaseOn(a, editor);
    expect(await settled(lease)).toMatchObject({ status: 'held' });
    a.clock.advance(2_000);
    expect((await editor.update(typed('Saved before the lock'))).ok).toBe(true);
    const newest = await localRevision(a, editor.id);
    expect(await serverRevision(editor.id)).toBeLessThan(newest);

    await a.repos.session.lock('manual');
    for (
      let tries = 0;
      tries < 300 &&
      (await server.db().query('SELECT 1 FROM leases WHERE row_id = $1', [editor.id])).length > 0;
      tries += 1
    )
      {await new Promise((resolve) => setTimeout(resolve, 10));}
    expect(await server.db().query('SELECT 1 FROM leases WHERE row_id = $1', [editor.id])).toEqual(
      [],
    );
    // Pushed while locked (sealed rows need no key), before the lease went.
    expect(await serverRevision(editor.id)).toBe(newest);
    editor.close();
  });

  it('an addendum being written on a signed record travels at once, sealed, inside the record’s signed revision', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    expect((await editor.sign()).ok).toBe(true);
    await a.engine.syncNow();
    const signedAt = await serverRevision(editor.id);

    // No 30-second wait for a signed record: the addendum in progress goes with the next sync.
    const draft = await editor.update((record) =>
      withAddendumDraft(
        record,
        'patient',
        { ...record.answers.patient, givenName: 'Corrected in an addendum' },
        'Name misheard at triage',
      ),
    );
    expect(draft.ok).toBe(true);
    await a.engine.syncNow();
    expect(await serverRevision(editor.id)).toBe(signedAt + 1);
    const stored = await server
      .db()
      .query<{ signed: boolean; sealed: Uint8Array }>(
        "SELECT signed, sealed FROM rows WHERE row_id = $1 AND kind = 'attendance' ORDER BY revision DESC LIMIT 1",
        [editor.id],
      );
    expect(stored[0]?.signed).toBe(true);
    expect(Buffer.from(stored[0]?.sealed ?? new Uint8Array()).toString('latin1')).not.toContain(
      'misheard',
    );

    await b.engine.syncNow();
    const onB = await b.engine.departmentRecord(editor.id);
    if (!onB.ok) throw new Error(onB.error.kind);
    expect(onB.value.addendumDraft).toMatchObject({
      section: 'patient',
      reason: 'Name misheard at triage',
      changes: { patient: { givenName: 'Corrected in an addendum' } },
    });
    // Still a draft: the signed answers and the addenda are as signed.
    expect(onB.value.addenda).toEqual([]);
    expect(onB.value.answers.patient.givenName).not.toBe('Corrected in an addendum');
    editor.close();
  });

  it('a push time in the future (the tablet’s clock set back) does not hold an assessment in progress back for good', async () => {
    const { a } = await department();
    const editor = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    const first = await serverRevision(editor.id);

    // The clock goes back an hour: the last push now seems to lie in the future.
    a.clock.advance(-3_600_000);
    expect((await editor.update(typed('Saved after the clock went back'))).ok).toBe(true);
    await a.engine.syncNow();
    expect(await serverRevision(editor.id)).toBe(await localRevision(a, editor.id));
    expect(await serverRevision(editor.id)).toBeGreaterThan(first);

    // From that push on, the 30-second rule holds again.
    expect((await editor.update(typed('Saved seconds later'))).ok).toBe(true);
    a.clock.advance(5_000);
    await a.engine.syncNow();
    expect(await serverRevision(editor.id)).toBeLessThan(await localRevision(a, editor.id));
    a.clock.advance(IN_PROGRESS_PUSH_MS);
    await a.engine.syncNow();
    expect(await serverRevision(editor.id)).toBe(await localRevision(a, editor.id));
    editor.close();
  });

  it('the 30-second rule: a push time in the future or unreadable is due; one under 30 seconds ago waits', () => {
    expect(heldBack(-1, IN_PROGRESS_PUSH_MS)).toBe(false);
    expect(heldBack(Number.NaN, IN_PROGRESS_PUSH_MS)).toBe(false);
    expect(heldBack(0, IN_PROGRESS_PUSH_MS)).toBe(true);
    expect(heldBack(IN_PROGRESS_PUSH_MS - 1, IN_PROGRESS_PUSH_MS)).toBe(true);
    expect(heldBack(IN_PROGRESS_PUSH_MS, IN_PROGRESS_PUSH_MS)).toBe(false);
  });
});
