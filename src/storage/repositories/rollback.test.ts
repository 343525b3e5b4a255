/**
 * Rollback against the audit trail (issue 11), against the real repositories on
 * fake-indexeddb. Each test is an attacker's steps: they kept an older copy of a sealed row
 * (from a backup, a copied profile, or devtools earlier on) and put it back over the newer
 * one. Every copy is genuine, so it opens; what gives it away is that the audit trail
 * recorded a later revision when the record was signed, amended or had a letter issued.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AttendanceRow, MetaRow } from '../db';
import { NURSE_IN_CHARGE, createPatientAttendance, firstValue, like, openTestStorage, setUpTablet, tamper } from '../../test-support/storage-fixtures';
import { WORKLIST_KEY } from './attendance-crypto';
import { recordRollbackMessage, worklistRollbackMessage } from './revisions';

const planned = {
  concernLevel: 'suspect' as const,
  referral: 'next-working-day' as const,
  referralNextDayBy: 'Sam Patel',
  referralNextDayDate: { day: '11', month: '3', year: '2026' },
  referralNextDayTime: '09:00',
};

/** Lets the reports made after a list is sent (outside the live query) land. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function readRow(name: string, id: string): Promise<AttendanceRow> {
  let row: AttendanceRow | undefined;
  await tamper(name, async (db) => {
    row = await db.attendances.get(id);
  });
  if (!row) throw new Error('no row');
  return row;
}

async function signedWithOlderCopy() {
  const storage = await openTestStorage();
  await setUpTablet(storage.repos);
  const editor = await createPatientAttendance(storage.repos);
  const older = await readRow(storage.name, editor.id);
  await editor.update((record) => ({ ...record, resume: { page: '/outcome', field: '' } }));
  expect((await editor.sign()).ok).toBe(true);
  editor.close();
  const signed = await readRow(storage.name, editor.id);
  return { storage, repos: storage.repos, id: editor.id, older, signed };
}

describe('an attacker who puts back an older copy', () => {
  it('of a signed record is reported, and the older copy is not opened for editing or letters', async () => {
    const { storage, repos, id, older, signed } = await signedWithOlderCopy();
    expect(older.rev).toBeLessThan(signed.rev);

    await tamper(storage.name, (db) => db.attendances.put(older));

    const message = `${recordRollbackMessage(older.rev, signed.rev)} Tell the nurse in charge.`;
    expect(await repos.attendances.open(id)).toEqual({ ok: false, error: { kind: 'damaged', message } });
    expect(await repos.letters.readAttendance(id)).toEqual({ ok: false, error: { kind: 'damaged', message } });
    expect(await firstValue(repos.session.tamperReports())).toEqual([{ key: `record:${id}`, kind: 'record', message: recordRollbackMessage(older.rev, signed.rev) }]);
    // The report's audit event is appended after the read answers: wait for it (a fixed pause flaked on a loaded machine).
    await vi.waitFor(async () => expect((await repos.internals.audit.all()).filter((event) => event.type === 'tamper-detected').map((event) => [event.entityId, event.detail])).toEqual([[id, recordRollbackMessage(older.rev, signed.rev)]]), { timeout: 5000 });
    // Its list summary is older too: still listed (never hidden), and reported after a reload.
    const reloaded = await storage.reload();
    expect((await reloaded.session.unlock((await firstValue(reloaded.staff.list()))[0]?.id ?? '', NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect((await firstValue(reloaded.attendances.inProgress())).map((summary) => summary.id)).toEqual([id]);
    await vi.waitFor(async () => expect(await firstValue(reloaded.session.tamperReports())).toEqual([like({ key: `record:${id}`, kind: 'record' })]), { timeout: 5000 });
    await settle();
  });

  it('with its clear revision raised to the newer one does not open at all: the revision is sealed with the row', async () => {
    const { storage, repos, id, older, signed } = await signedWithOlderCopy();

    await tamper(storage.name, (db) => db.attendances.put({ ...older, rev: signed.rev }));

    expect(await repos.attendances.open(id)).toEqual({ ok: false, error: like({ kind: 'damaged', message: expect.stringContaining('changed or damaged') as string }) });
  });

  it('of the referral worklist is reported, and the home screen lists the referral from the records instead', async () => {
    const storage = await openTestStorage();
    const { repos } = storage;
    await setUpTablet(repos);
    let olderWorklist: MetaRow | undefined;
    await tamper(storage.name, async (db) => {
      olderWorklist = await db.meta.get(WORKLIST_KEY);
    });
    const editor = await createPatientAttendance(repos);
    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    expect((await editor.sign()).ok).toBe(true);
    editor.close();
    if (!olderWorklist) throw new Error('no worklist at set-up');
    const kept = olderWorklist;

    await tamper(storage.name, (db) => db.meta.put(kept));

    expect((await firstValue(repos.attendances.referralsToMake())).map((summary) => summary.id)).toEqual([editor.id]);
    expect(await firstValue(repos.session.tamperReports())).toEqual([{ key: 'worklist', kind: 'worklist', message: worklistRollbackMessage(1, 2) }]);
    await vi.waitFor(async () => expect((await repos.internals.audit.all()).filter((event) => event.type === 'tamper-detected').map((event) => event.detail)).toEqual([worklistRollbackMessage(1, 2)]), { timeout: 5000 });
    // The next unlock finds it too and rebuilds it from the records, numbered after the
    // trail's revision; after that it is current again and nothing is reported.
    const unlockAfterReload = async () => {
      const reloaded = await storage.reload();
      expect((await reloaded.session.unlock((await firstValue(reloaded.staff.list()))[0]?.id ?? '', NURSE_IN_CHARGE.pin)).ok).toBe(true);
      expect((await firstValue(reloaded.attendances.referralsToMake())).map((summary) => summary.id)).toEqual([editor.id]);
      const reports = await firstValue(reloaded.session.tamperReports());
      await settle();
      return reports;
    };
    expect(await unlockAfterReload()).toEqual([like({ key: 'worklist' })]);
    expect(await unlockAfterReload()).toEqual([]);
  });

  it('is not imagined: records and lists written normally, signed, amended and lettered, raise no report', async () => {
    const { storage, repos, id } = await signedWithOlderCopy();
    const opened = await repos.attendances.open(id);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect((await opened.value.addAddendum('Corrected the reason for attendance', {})).ok).toBe(true);
    opened.value.close();
    await firstValue(repos.attendances.completedSince('2000-01-01T00:00:00.000Z'));
    await settle();
    expect(await firstValue(repos.session.tamperReports())).toEqual([]);
    expect((await repos.internals.audit.all()).some((event) => event.type === 'tamper-detected')).toBe(false);
    expect((await readRow(storage.name, id)).rev).toBeGreaterThan(2);
  });
});
