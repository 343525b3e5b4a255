/**
 * The sealed referral worklist behind the home screen's "Referrals to make": an attendance
 * is on it while a referral is planned for the next working day, off it once made, and the
 * list itself is never in clear. A database without a readable worklist (from before it
 * existed, or a damaged row) still lists every referral, and the worklist is rebuilt at
 * the next unlock.
 */
import { describe, expect, test } from 'vitest';
import { createPatientAttendance, firstValue, NURSE_IN_CHARGE, openTestStorage, PATIENT, setUpTablet } from '../../test-support/storage-fixtures';
import { TriageDatabase } from '../db';
import { WORKLIST_KEY } from './attendance-crypto';

/** A sealed value's shape with bytes that open under no key. */
const GARBLED = { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(40) };

const planned = {
  concernLevel: 'suspect' as const,
  referral: 'next-working-day' as const,
  referralNextDayBy: 'Sam Patel',
  referralNextDayDate: { day: '11', month: '3', year: '2026' },
  referralNextDayTime: '09:00',
};

describe('referrals to make', () => {
  test('a planned referral puts the attendance on the list; recording it made takes it off', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    expect(await firstValue(storage.repos.attendances.referralsToMake())).toEqual([]);

    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    const listed = await firstValue(storage.repos.attendances.referralsToMake());
    expect(listed.map((row) => [row.id, row.displayName, row.pendingReferral])).toEqual([[editor.id, `${PATIENT.givenName} ${PATIENT.familyName}`, { dueAt: '2026-03-11T09:00:00.000Z', by: 'Sam Patel' }]]);

    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, referral: 'made' } } }));
    expect(await firstValue(storage.repos.attendances.referralsToMake())).toEqual([]);
  });

  test('the list survives a reload, and is stored sealed: no id or name in clear', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    editor.close();

    const raw = new TriageDatabase(storage.name);
    const row = await raw.meta.get(WORKLIST_KEY);
    raw.close();
    expect(row).toBeDefined();
    const text = JSON.stringify(row, (_key, value: unknown) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value));
    expect(text).not.toContain(editor.id);
    expect(text).not.toContain(PATIENT.familyName);

    const reloaded = await storage.reload();
    const unlocked = await reloaded.session.unlock((await firstValue(reloaded.staff.list()))[0]?.id ?? '', NURSE_IN_CHARGE.pin);
    expect(unlocked.ok).toBe(true);
    expect((await firstValue(reloaded.attendances.referralsToMake())).map((summary) => summary.id)).toEqual([editor.id]);
  });

  test('two attendances saved at the same moment are both listed: no update is lost', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const first = await createPatientAttendance(storage.repos);
    const second = await createPatientAttendance(storage.repos);
    const plan = (record: Parameters<Parameters<typeof first.update>[0]>[0]) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } });
    await Promise.all([first.update(plan), second.update(plan)]);
    const ids = (await firstValue(storage.repos.attendances.referralsToMake())).map((summary) => summary.id);
    expect(ids.sort()).toEqual([first.id, second.id].sort());
  });

  test('locked, the list is empty', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    await storage.repos.session.lock('manual');
    expect(await firstValue(storage.repos.attendances.referralsToMake())).toEqual([]);
  });

  test('without a readable worklist every referral is still listed, and unlocking rebuilds it', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const editor = await createPatientAttendance(storage.repos);
    await editor.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    editor.close();
    const staffId = (await firstValue(storage.repos.staff.list()))[0]?.id ?? '';

    for (const damage of ['missing', 'garbled'] as const) {
      const raw = new TriageDatabase(storage.name);
      if (damage === 'missing') await raw.meta.delete(WORKLIST_KEY);
      else await raw.meta.put({ key: WORKLIST_KEY, value: GARBLED });
      raw.close();
      // Still unlocked: the list falls back to the sealed summaries.
      expect((await firstValue(storage.repos.attendances.referralsToMake())).map((summary) => summary.id)).toEqual([editor.id]);

      const reloaded = await storage.reload();
      expect((await reloaded.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
      const check = new TriageDatabase(storage.name);
      const rebuilt = await check.meta.get(WORKLIST_KEY);
      check.close();
      expect(rebuilt).toBeDefined();
      expect(rebuilt?.value).not.toEqual(GARBLED);
      expect((await firstValue(reloaded.attendances.referralsToMake())).map((summary) => summary.id)).toEqual([editor.id]);
    }
  });
});

