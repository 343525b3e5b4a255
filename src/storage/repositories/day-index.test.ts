/**
 * The sealed per-day index (day-index.ts, day-index-build.ts) against the real repositories
 * on fake-indexeddb: every writer keeps it in step in its own transaction, the liaison list
 * and the audit read it instead of each attendance's summary, an attendance it does not
 * hold is still read, the build fills it for older databases and resumes, a writer during
 * the build is not lost, and an older day row put back is reported against the audit trail.
 */
import { describe, expect, it } from 'vitest';
import type { AttendanceDayRow } from '../db';
import { PATIENT, createPatientAttendance, firstValue, like, openTestStorage, rawTables, serialiseForSearch, setUpTablet, tamper } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import { buildDayIndex } from './day-index-build';
import { arrivedInWindow, DAY_INDEX_BUILD_KEY, readDays } from './day-index';
import { recordRollbackMessage } from './revisions';
import { openRowPart } from './attendance-crypto';

const WHOLE_DAY = { fromInstant: '2026-03-10T00:00:00.000Z', toInstant: '2026-03-11T00:00:00.000Z' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function tablet(): Promise<{ storage: TestStorage; ids: string[] }> {
  const storage = await openTestStorage();
  await setUpTablet(storage.repos);
  const ids: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const editor = await createPatientAttendance(storage.repos);
    await editor.flush();
    editor.close();
    ids.push(editor.id);
  }
  return { storage, ids };
}

/** Signs the attendance and issues its GP letter (a bare document: what the index records is the issue, not the words). */
async function signAndIssueGpLetter(storage: TestStorage, attendanceId: string): Promise<void> {
  const opened = await storage.repos.attendances.open(attendanceId);
  if (!opened.ok) throw new Error('open failed');
  expect((await opened.value.sign()).ok).toBe(true);
  opened.value.close();
  const issued = await storage.repos.letters.issue({
    attendanceId,
    kind: 'gp',
    choices: { slots: {}, restricted: {} },
    compose: () => ({ document: { title: 'GP letter', blocks: [] }, restrictedCategories: [] }),
  } as unknown as Parameters<typeof storage.repos.letters.issue>[0]);
  expect(issued.ok).toBe(true);
}

async function entries(storage: TestStorage) {
  const unlocked = storage.repos.internals.vault.peek();
  if (!unlocked) throw new Error('locked');
  return readDays(storage.repos.internals, unlocked, WHOLE_DAY);
}

describe('the per-day index', () => {
  it('holds each attendance of the day sealed, with its summary, revision, letters and reviews, written by each writer', async () => {
    const { storage, ids } = await tablet();
    const [first = '', second = ''] = ids;
    const { db } = storage.repos.internals;
    await signAndIssueGpLetter(storage, first);
    expect((await storage.repos.liaison.recordReview(second, { action: 'referral', note: 'Seen by the named nurse' })).ok).toBe(true);

    const rows = await db.attendanceDays.toArray();
    expect(rows.map((row) => row.day)).toEqual(['2026-03-10']);
    // Nothing of the patients or the review in clear.
    const clear = serialiseForSearch(await rawTables(storage.name).then((tables) => tables['attendanceDays']));
    for (const secret of [PATIENT.familyName, PATIENT.nhsNumber, 'Seen by the named nurse', 'referral']) expect(clear).not.toContain(secret);

    const read = await entries(storage);
    const row = await db.attendances.get(first);
    expect(read.map((entry) => [entry.id, entry.summary.status, entry.letters.map((letter) => [letter.kind, letter.version]), entry.reviews.map((review) => review.action)])).toEqual(
      expect.arrayContaining([
        [first, 'signed', [['gp', 1]], []],
        [second, 'in-progress', [], ['referral']],
      ]),
    );
    expect(read.find((entry) => entry.id === first)?.rev).toBe(row?.rev);
    storage.repos.close();
  });

  it('is what the liaison list reads: an attendance row whose own summary no longer opens is still listed from its day row', async () => {
    const { storage, ids } = await tablet();
    await tamper(storage.name, async (db) => {
      for (const id of ids) await db.attendances.update(id, { summary: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(16) } });
    });
    const list = await firstValue(storage.repos.liaison.list(WHOLE_DAY));
    expect(list.ok && list.value.summaries.map((summary) => summary.id).sort()).toEqual([...ids].sort());
    storage.repos.close();
  });

  it('never hides an attendance it does not hold: a missing or damaged day row is read from the attendance rows, and the next write starts it again', async () => {
    const { storage, ids } = await tablet();
    const { db } = storage.repos.internals;
    await db.attendanceDays.clear();
    expect((await entries(storage)).map((entry) => entry.id).sort()).toEqual([...ids].sort());

    await db.attendanceDays.put({ day: '2026-03-10', seq: 7, payload: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(16) } });
    expect((await entries(storage)).map((entry) => entry.id).sort()).toEqual([...ids].sort());
    const opened = await storage.repos.attendances.open(ids[0] ?? '');
    if (!opened.ok) throw new Error('open failed');
    expect((await opened.value.update((record) => ({ ...record, resume: { page: '/again', field: '' } }))).ok).toBe(true);
    opened.value.close();
    // The damaged row was replaced, and the build is asked to go over every day again.
    expect((await db.attendanceDays.get('2026-03-10'))?.seq).toBe(8);
    expect(await db.meta.get(DAY_INDEX_BUILD_KEY)).toBeUndefined();
    expect(await buildDayIndex(storage.repos.internals)).toEqual(like({ status: 'done', attendances: 2 }));
    expect((await entries(storage)).map((entry) => entry.id).sort()).toEqual([...ids].sort());
    storage.repos.close();
  });

  it('is left as it is by an autosave that changes nothing it holds, and written again when the summary changes or the record is signed', async () => {
    const storage = await openTestStorage();
    await setUpTablet(storage.repos);
    const { db } = storage.repos.internals;
    const editor = await createPatientAttendance(storage.repos);
    const seq = async () => (await db.attendanceDays.get('2026-03-10'))?.seq;
    const revOf = async () => (await entries(storage)).find((entry) => entry.id === editor.id)?.rev;
    const written = await seq();
    const indexedRev = await revOf();
    expect(written).toBeGreaterThan(0);

    // An account typed in: the summary (name, age, flags, screens) is unchanged, so only the row is written.
    const typed = await editor.update((record) => ({ ...record, answers: { ...record.answers, accounts: { ...record.answers.accounts, childAccount: 'Fell off the climbing frame' } } }));
    expect(typed.ok && typed.value.rev).toBe((indexedRev ?? 0) + 1);
    expect(await seq()).toBe(written);
    expect(await revOf()).toBe(indexedRev);

    // The name changes what the lists show: the entry is written with the new summary and revision.
    const renamed = await editor.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, givenName: 'Maia' } } }));
    expect(await seq()).toBe((written ?? 0) + 1);
    const entry = (await entries(storage)).find((each) => each.id === editor.id);
    expect(entry?.summary.displayName).toMatch(/^Maia /);
    expect(entry?.rev).toBe(renamed.ok ? renamed.value.rev : -1);

    // Signing is named by the audit trail with its revision (revisions.ts): the entry holds that revision.
    expect((await editor.sign()).ok).toBe(true);
    const signedRow = await db.attendances.get(editor.id);
    expect(await revOf()).toBe(signedRow?.rev);
    editor.close();
  });

  it('an autosave reads the letters again when a letter row arrived for the attendance without its reseal', async () => {
    const { storage, ids } = await tablet();
    const [first = '', second = ''] = ids;
    const { db } = storage.repos.internals;
    const unlocked = storage.repos.internals.vault.peek();
    if (!unlocked) throw new Error('locked');
    const opened = await storage.repos.attendances.open(first);
    if (!opened.ok) throw new Error('open failed');
    const editor = opened.value;
    const summaryOfRow = async () => {
      const row = await db.attendances.get(first);
      return row ? (await openRowPart(unlocked, row, 'summary'))?.value : undefined;
    };
    expect((await editor.update((record) => ({ ...record, resume: { page: '/a', field: '' } }))).ok).toBe(true);
    // No letters yet: the summary says none is issued.
    expect(await summaryOfRow()).toMatchObject({ lettersIssued: { kinds: [] } });

    // A letter row for this attendance, as a pull could bring it ahead of the attendance row.
    // It was sealed for another attendance, so it does not open here: which letters are issued
    // is then not known, and the summary must stop saying "none" (letters-due-facts.ts).
    await signAndIssueGpLetter(storage, second);
    const letter = (await db.letters.toArray())[0];
    if (!letter) throw new Error('no letter');
    await db.letters.add({ ...letter, id: 'arrived-ahead', attendanceId: first });

    expect((await editor.update((record) => ({ ...record, resume: { page: '/b', field: '' } }))).ok).toBe(true);
    expect(await summaryOfRow()).not.toHaveProperty('lettersIssued');
    editor.close();
  });

  it('drops an entry whose attendance is gone from the arrival index', async () => {
    const { storage, ids } = await tablet();
    await tamper(storage.name, (db) => db.attendances.delete(ids[0] ?? ''));
    expect((await entries(storage)).map((entry) => entry.id)).toEqual([ids[1]]);
    storage.repos.close();
  });
});

describe('the build after unlock', () => {
  it('indexes a database from before the index day by day, resumes after a stop, and then costs one read', async () => {
    const { storage, ids } = await tablet();
    const { db } = storage.repos.internals;
    // A second day of arrivals.
    const other = await createPatientAttendance(storage.repos);
    await other.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, arrivalDate: { day: '9', month: '3', year: '2026' }, arrivalTime: '10:00' } } }));
    other.close();
    await db.attendanceDays.clear();
    await db.meta.delete(DAY_INDEX_BUILD_KEY);

    // Stopped after its first day, as a lock would stop it.
    let stop = false;
    const stopped = await buildDayIndex(storage.repos.internals, {
      pause: () => {
        stop = true;
        return Promise.resolve();
      },
      shouldStop: () => stop,
    });
    expect(stopped).toEqual({ status: 'stopped', days: 1, attendances: 1, unreadable: 0 });
    expect((await db.attendanceDays.toArray()).map((row) => row.day)).toEqual(['2026-03-09']);
    const resumed = await buildDayIndex(storage.repos.internals);
    expect(resumed).toEqual({ status: 'done', days: 1, attendances: 2, unreadable: 0 });
    expect((await entries(storage)).map((entry) => entry.id).sort()).toEqual([...ids].sort());
    expect(await buildDayIndex(storage.repos.internals)).toEqual({ status: 'done', days: 0, attendances: 0, unreadable: 0 });
    storage.repos.close();
  });

  it('does a day again when a writer changed it meanwhile, so the writer’s change is kept', async () => {
    const { storage, ids } = await tablet();
    const { db } = storage.repos.internals;
    await db.meta.delete(DAY_INDEX_BUILD_KEY);
    let once = true;
    const result = await buildDayIndex(storage.repos.internals, {
      beforeWrite: async () => {
        if (!once) return;
        once = false;
        expect((await storage.repos.liaison.recordReview(ids[0] ?? '', { action: 'escalated', note: '' })).ok).toBe(true);
      },
    });
    expect(result).toEqual(like({ status: 'done', days: 1 }));
    expect((await entries(storage)).find((entry) => entry.id === ids[0])?.reviews.map((review) => review.action)).toEqual(['escalated']);
    storage.repos.close();
  });
});

describe('an attacker who puts back an older day row', () => {
  it('is reported by the liaison list against the revision the audit trail holds; the attendance stays listed', async () => {
    const { storage, ids } = await tablet();
    const id = ids[0] ?? '';
    let older: AttendanceDayRow | undefined;
    let olderRev = 0;
    await tamper(storage.name, async (db) => {
      older = await db.attendanceDays.get('2026-03-10');
      olderRev = (await db.attendances.get(id))?.rev ?? 0;
    });
    const opened = await storage.repos.attendances.open(id);
    if (!opened.ok) throw new Error('open failed');
    expect((await opened.value.sign()).ok).toBe(true);
    opened.value.close();
    const signedRev = (await storage.repos.internals.db.attendances.get(id))?.rev ?? 0;
    const kept = older;
    if (!kept) throw new Error('no day row');
    await tamper(storage.name, (db) => db.attendanceDays.put(kept));

    const list = await firstValue(storage.repos.liaison.list(WHOLE_DAY));
    expect(list.ok && list.value.summaries.map((summary) => summary.id)).toContain(id);
    await settle();
    expect(await firstValue(storage.repos.session.tamperReports())).toEqual([{ key: `record:${id}`, kind: 'record', message: recordRollbackMessage(olderRev, signedRev) }]);
    storage.repos.close();
  });
});

describe('the window of a list over the day index', () => {
  const window = { fromInstant: '2026-03-09T00:00:00.000Z', toInstant: '2026-03-16T00:00:00.000Z' };
  it('keeps an arrival inside the window, drops one outside it on a boundary day, and keeps an unknown one', () => {
    expect(arrivedInWindow('2026-03-10T14:00:00.000Z', window)).toBe(true);
    expect(arrivedInWindow('2026-03-09T00:00:00.000Z', window)).toBe(true);
    expect(arrivedInWindow('2026-03-16T00:00:00.000Z', window)).toBe(false);
    expect(arrivedInWindow('2026-03-08T23:59:59.999Z', window)).toBe(false);
    expect(arrivedInWindow('', window)).toBe(true);
  });
});
