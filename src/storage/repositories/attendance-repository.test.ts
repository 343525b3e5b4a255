/**
 * Attendances at rest, against the real repositories: nothing identifying is stored in the
 * clear, a changed or moved ciphertext is refused rather than shown, and storage failures
 * (full disk, lost connection, a newer save elsewhere) come back as typed failures while
 * the editor keeps the unsaved version.
 */
import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sealed } from '../crypto/codec';
import { TriageDatabase } from '../db';
import type { AttendanceRow } from '../db';
import {
  PATIENT,
  anyNumber,
  createPatientAttendance,
  firstValue,
  like,
  matching,
  openTestStorage,
  rawTables,
  serialiseForSearch,
  setUpTablet,
  tamper,
} from '../../test-support/storage-fixtures';

/** Everything that would identify the patient or tell their story. */
const SECRETS = [
  PATIENT.givenName,
  PATIENT.familyName,
  PATIENT.nhsNumber,
  PATIENT.nhsDigits,
  PATIENT.dateOfBirthIso,
  '"day":"14","month":"3","year":"2012"',
  PATIENT.childAccount,
  'trampoline',
];

async function rawRow(name: string, id: string): Promise<AttendanceRow> {
  const row = (await rawTables(name))['attendances']?.find((candidate) => (candidate as AttendanceRow).id === id);
  if (!row) throw new Error('row not found');
  return row as AttendanceRow;
}

function flipBit(sealed: Sealed, index: number): Sealed {
  const ct = new Uint8Array(sealed.ct);
  ct[index] = (ct[index] ?? 0) ^ 0x01;
  return { ...sealed, ct };
}

const damaged = { ok: false, error: { kind: 'damaged', message: matching(/could not be opened.*changed or damaged.*Tell the nurse in charge/) } };

describe('attendances at rest', () => {
  it('store no name, NHS number, date of birth or account in the clear, yet read them back', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    editor.close();

    const raw = await rawTables(name);
    expect(Object.keys(raw).sort()).toEqual(['attendanceDays', 'attendances', 'audit', 'departmentRows', 'device', 'gpLettersDue', 'letters', 'liaisonReviews', 'meta', 'retainedStubs', 'staff', 'syncPushed']);
    expect(raw['attendances']).toHaveLength(1);
    for (const [table, rows] of Object.entries(raw)) {
      const text = serialiseForSearch(rows);
      for (const secret of SECRETS) expect(text.includes(secret), `${secret} found in ${table}`).toBe(false);
    }
    // The search itself works: the sealed bytes are searched as text too.
    expect(serialiseForSearch([{ bytes: new TextEncoder().encode(`x${PATIENT.familyName}x`) }])).toContain(PATIENT.familyName);

    const opened = await repos.attendances.open(editor.id);
    expect(opened.ok && opened.value.record().answers.patient).toMatchObject({ givenName: PATIENT.givenName, familyName: PATIENT.familyName, nhsNumber: PATIENT.nhsNumber, dateOfBirth: PATIENT.dateOfBirth });
    expect(opened.ok && opened.value.record().answers.accounts.childAccount).toBe(PATIENT.childAccount);
    expect((await firstValue(repos.attendances.inProgress())).map((summary) => [summary.displayName, summary.nhsNumber, summary.dateOfBirth])).toEqual([
      [`${PATIENT.givenName} ${PATIENT.familyName}`, PATIENT.nhsNumber, PATIENT.dateOfBirthIso],
    ]);
    // Look-ups go through the blind indexes.
    const byNhs = await repos.attendances.find({ nhsNumber: PATIENT.nhsNumber });
    const byNameDob = await repos.attendances.find({ familyName: PATIENT.familyName.toUpperCase(), dateOfBirth: PATIENT.dateOfBirthIso });
    expect(byNhs.ok && byNhs.value.map((summary) => summary.id)).toEqual([editor.id]);
    expect(byNameDob.ok && byNameDob.value.map((summary) => summary.id)).toEqual([editor.id]);
  });

  it.each([
    ['the first byte', 0],
    ['a middle byte', 40],
    ['the last byte of the tag', -1],
  ])('refuse to open a payload with one bit flipped in %s, saying so plainly', async (_where, index) => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    editor.close();
    const row = await rawRow(name, editor.id);
    await tamper(name, (db) => db.attendances.update(editor.id, { payload: flipBit(row.payload, index < 0 ? row.payload.ct.length + index : index) }));

    expect(await repos.attendances.open(editor.id)).toEqual(damaged);
  });

  it('refuse a changed IV', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    editor.close();
    const row = await rawRow(name, editor.id);
    const iv = new Uint8Array(row.payload.iv);
    iv[0] = (iv[0] ?? 0) ^ 0x80;
    await tamper(name, (db) => db.attendances.update(editor.id, { payload: { ...row.payload, iv } }));

    expect(await repos.attendances.open(editor.id)).toEqual(damaged);
  });

  it("refuse a payload moved onto another attendance's row, and a summary moved with it", async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const first = await createPatientAttendance(repos);
    first.close();
    const second = await repos.attendances.create();
    if (!second.ok) throw new Error('create failed');
    const source = await rawRow(name, first.id);
    await tamper(name, (db) => db.attendances.update(second.value.id, { payload: source.payload, summary: source.summary }));

    expect(await repos.attendances.open(second.value.id)).toEqual(damaged);
    // The moved summary does not show the first patient's name against the second row.
    const list = await firstValue(repos.attendances.inProgress());
    expect(list.filter((summary) => summary.displayName.includes(PATIENT.familyName)).map((summary) => summary.id)).toEqual([first.id]);
    // The original still opens.
    expect((await repos.attendances.open(first.id)).ok).toBe(true);
  });

  it('refuse a whole row copied under another id', async () => {
    const { repos, name } = await openTestStorage();
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    editor.close();
    const row = await rawRow(name, editor.id);
    await tamper(name, (db) => db.attendances.add({ ...row, id: 'copied-row' }));

    expect(await repos.attendances.open('copied-row')).toEqual(damaged);
  });
});

describe('saving an attendance', () => {
  // The Table prototype every Dexie table shares, so a stub reaches the repositories' own connection.
  const tablePrototype = Object.getPrototypeOf(Object.getPrototypeOf(new TriageDatabase('prototype-probe').attendances)) as Table;
  const originalPut = Reflect.get(tablePrototype, 'put') as (this: Table, ...args: Parameters<Table['put']>) => ReturnType<Table['put']>;

  function failAttendancePuts(error: () => unknown) {
    return vi.spyOn(tablePrototype, 'put').mockImplementation(function (this: Table, ...args: Parameters<Table['put']>) {
      if (this.name === 'attendances') throw error();
      return originalPut.apply(this, args);
    });
  }

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['a full disk (QuotaExceededError)', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'quota', /storage is full.*still on screen/],
    ["a full disk reported as Chrome's AbortError", () => new Dexie.AbortError('Transaction aborted', new DOMException('Quota exceeded', 'QuotaExceededError')), 'quota', /storage is full/],
    ['a lost connection (DatabaseClosedError)', () => new Dexie.DatabaseClosedError('Connection to Indexed Database server lost'), 'connection-lost', /connection to storage.*lost.*still on screen/],
  ])('reports %s as a typed failure and keeps the unsaved version to retry', async (_what, error, kind, message) => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const editor = await createPatientAttendance(repos);
    const failing = failAttendancePuts(error);

    const result = await editor.update((record) => ({ ...record, resume: { page: '/unsaved-change', field: 'givenName' } }));

    expect(result).toEqual({ ok: false, error: { kind, message: matching(message) } });
    expect(editor.record().resume.page).toBe('/unsaved-change');
    expect(await editor.flush()).toEqual({ ok: false, error: like({ kind }) });

    failing.mockRestore();
    const retried = await editor.flush();
    expect(retried).toEqual({ ok: true, value: like({ rev: anyNumber() }) });
    editor.close();
    const reopened = await repos.attendances.open(editor.id);
    expect(reopened.ok && reopened.value.record().resume.page).toBe('/unsaved-change');
  });

  it("refuses a stale write from a second editor ('stale') instead of overwriting the newer save", async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const first = await createPatientAttendance(repos);
    first.close();
    const second = await repos.attendances.open(first.id);
    if (!second.ok) throw new Error('open failed');
    expect(second.value.readOnly).toBe(false);
    expect((await second.value.update((record) => ({ ...record, resume: { page: '/newer', field: '' } }))).ok).toBe(true);

    const stale = await first.update((record) => ({ ...record, resume: { page: '/older', field: '' } }));

    expect(stale).toEqual({ ok: false, error: { kind: 'stale', message: matching(/changed in another tab/) } });
    second.value.close();
    const reopened = await repos.attendances.open(first.id);
    expect(reopened.ok && reopened.value.record().resume.page).toBe('/newer');
  });

  it('opens read-only in a second editor while the first has it open', async () => {
    const { repos } = await openTestStorage();
    await setUpTablet(repos);
    const first = await createPatientAttendance(repos);
    const second = await repos.attendances.open(first.id);
    if (!second.ok) throw new Error('open failed');
    expect(second.value.readOnly).toBe(true);
    expect(await second.value.update((record) => record)).toEqual({ ok: false, error: like({ kind: 'forbidden' }) });
  });
});
