/**
 * Migration harness (PRODUCT.md section 8: "every upgrade is tested from a database seeded
 * at each earlier version").
 *
 * For every released schema version this file keeps two things, frozen at release:
 * - RELEASED_STORES: the stores that version declared, exactly as released. The current
 *   TriageDatabase must still declare every one of them unchanged (Dexie needs the whole
 *   history to upgrade a tablet that skipped releases).
 * - SEEDERS: a function that writes a database the way that release's code did (its own
 *   schema, its own row shapes, its own AAD strings), without using today's repositories.
 *
 * Each seeded database is then opened with today's repositories, unlocked with the PIN,
 * and every kind of data is checked. Releasing version N+1 means adding its stores here
 * and one seeding function that writes rows as version N+1 does.
 */
import { Dexie } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { nextEvent } from '../domain/audit/chain';
import type { AuditEvent, AuditEventType } from '../domain/audit/events';
import { macAuditHash } from './crypto/audit-mac';
import { blindIndex } from './crypto/blind-index';
import { seal } from './crypto/codec';
import { createDeviceSecret, deriveDeviceKeys, deviceKeyCheck, wrapDeviceSecret } from './crypto/keys';
import { TriageDatabase } from './db';
import { createRepositories } from './repositories/create-repositories';
import {
  PATIENT,
  firstValue,
  like,
  matching,
  rawTables,
  uniqueDatabaseName,
} from '../test-support/storage-fixtures';

/** What each released version declared. Never edit a released entry. */
const RELEASED_STORES: Record<number, Record<string, string>> = {
  1: {
    device: 'id',
    staff: 'id, name, active',
    attendances: 'id, status, arrivedAt, updatedAt, nhsIndex, nameDobIndex',
    letters: 'id, attendanceId, [attendanceId+kind]',
    audit: 'seq, at, type',
    meta: 'key',
  },
  2: {
    gpLettersDue: 'attendanceId',
  },
  3: {
    liaisonReviews: 'attendanceId',
    attendanceSummaries: 'id, arrivedAt',
  },
  4: {
    attendanceDays: 'day',
    attendanceSummaries: null as unknown as string,
    retainedStubs: 'id, arrivedOn, nhsIndex, nameDobIndex',
  },
  5: {
    attendances: 'id, status, arrivedDay, updatedAt, nhsIndex, nameDobIndex',
    letters: 'id, attendanceId, identity, [attendanceId+kind]',
  },
  6: {
    departmentRows: 'key, kind, nhsIndex, nameDobIndex, unchecked',
    syncPushed: 'key, kind',
  },
};

/** What a seeded database holds, for the checks after the upgrade. */
interface Seeded {
  staffId: string;
  pin: string;
  attendanceId: string;
  auditCount: number;
  siteName: string;
}

const PIN = '482916';
const AT = '2026-01-05T09:30:00.000Z';
const STAFF = { id: 'staff-v1', name: 'Alex Morgan', role: 'nurse-in-charge', staffGroup: 'substantive', agencyName: '', registrationNumber: '' } as const;

/** Opens `name` at `version` with the released stores of every version up to it. */
function openAtVersion(name: string, version: number): Dexie {
  const db = new Dexie(name);
  for (let each = 1; each <= version; each += 1) {
    const stores = RELEASED_STORES[each];
    if (!stores) throw new Error(`no released stores for version ${String(each)}`);
    db.version(each).stores(stores);
  }
  return db;
}

/**
 * Version 1 (first release): rows exactly as version 1's repositories wrote them. Version 2
 * wrote the same rows (it only added the GP-letters-due table, empty for an in-progress
 * attendance), so the same function seeds both, opened at its version.
 */
async function seedVersion1(name: string, version = 1): Promise<Seeded> {
  const secret = createDeviceSecret();
  const keys = await deriveDeviceKeys(secret);
  const deviceId = 'device-v1';
  const attendanceId = 'attendance-v1';
  const record = {
    id: attendanceId,
    createdAt: AT,
    createdBy: STAFF,
    updatedAt: AT,
    updatedBy: STAFF,
    status: 'in-progress',
    answers: {
      patient: { givenName: PATIENT.givenName, familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirth, nhsNumber: PATIENT.nhsNumber, arrivalDate: { day: '5', month: '1', year: '2026' }, arrivalTime: '09:30' },
      accounts: { childAccount: PATIENT.childAccount },
    },
    confirmedSections: ['patient'],
    resume: { page: `/assessments/${attendanceId}/accounts`, field: 'childAccount' },
    addenda: [],
  };
  const summary = {
    id: attendanceId,
    displayName: `${PATIENT.givenName} ${PATIENT.familyName}`,
    dateOfBirth: PATIENT.dateOfBirthIso,
    ageText: '13 years',
    ageYears: 13,
    nhsNumber: PATIENT.nhsNumber,
    reason: '',
    arrivedAt: AT,
    status: 'in-progress',
    signedAt: '',
    createdByName: STAFF.name,
  };
  const [wrapped, keyCheck, payload, sealedSummary, nhsIndex, nameDobIndex] = await Promise.all([
    wrapDeviceSecret(secret, PIN, STAFF.id),
    deviceKeyCheck(keys),
    seal(keys.dataKey, record, `${deviceId}:attendance:${attendanceId}:payload`),
    seal(keys.dataKey, summary, `${deviceId}:attendance:${attendanceId}:summary`),
    blindIndex(keys.indexKey, 'nhs-number', PATIENT.nhsDigits),
    blindIndex(keys.indexKey, 'name-dob', `quillfeather|${PATIENT.dateOfBirthIso}`),
  ]);
  const events: AuditEvent[] = [];
  const append = async (type: AuditEventType, entityId: string, detail: string) => {
    const event = nextEvent(events.at(-1), { at: AT, actor: { id: STAFF.id, name: STAFF.name }, type, entityId, detail });
    events.push({ ...event, mac: await macAuditHash(keys.auditKey, event.hash) });
  };
  await append('device-set-up', '', 'Site set up: ED');
  await append('staff-added', STAFF.id, 'Nurse in charge (first account)');
  await append('create', attendanceId, 'Assessment started');
  const head = events.at(-1);

  const db = openAtVersion(name, version);
  await db.transaction('rw', db.tables, async () => {
    await db.table('device').add({ id: 'device', deviceId, createdAt: AT, keyCheck, settings: { siteName: 'Version 1 ED', siteType: 'ED', idleLockMinutes: 7 } });
    await db.table('staff').add({ ...STAFF, secretKind: 'pin', wrapped, active: 1, createdAt: AT, createdBy: STAFF.id, failedAttempts: 0, retryAfter: '' });
    await db.table('attendances').add({ id: attendanceId, status: 'in-progress', arrivedAt: AT, updatedAt: AT, ageBand: '13-15', createdById: STAFF.id, nhsIndex, nameDobIndex, summary: sealedSummary, payload, rev: 3 });
    await db.table('audit').bulkAdd(events);
    await db.table('meta').put({ key: 'audit-head', value: { seq: head?.seq, hash: head?.hash, mac: head?.mac } });
  });
  db.close();
  return { staffId: STAFF.id, pin: PIN, attendanceId, auditCount: events.length, siteName: 'Version 1 ED' };
}

/** One seeding function per released version. */
const SEEDERS: Record<number, (name: string) => Promise<Seeded>> = {
  1: seedVersion1,
  2: (name) => seedVersion1(name, 2),
  // Version 3 added the liaison reviews (empty until a review is recorded) and the summary
  // copies, which version 3 writes with every attendance row: version 1's rows plus those.
  3: async (name) => {
    const seeded = await seedVersion1(name, 3);
    const db = openAtVersion(name, 3);
    const rows = (await db.table('attendances').toArray()) as { id: string; arrivedAt: string; rev: number; summary: unknown }[];
    await db.table('attendanceSummaries').bulkPut(rows.map((row) => ({ id: row.id, arrivedAt: row.arrivedAt, rev: row.rev, summary: row.summary })));
    db.close();
    return seeded;
  },
  // Version 4 replaced the summary copies by the sealed per-day index; its writers seal a day
  // row with every attendance, which the build after unlock also does for a version 4
  // database written before a row was sealed: version 1's rows, an empty index.
  4: (name) => seedVersion1(name, 4),
  // Version 5 (issue 11) changed no row on its own that version 3's code wrote differently
  // but the clear arrival and age band, which its upgrade turns into the day: what a
  // version 5 tablet holds before its first unlock is version 3's rows upgraded.
  5: async (name) => {
    const seeded = await SEEDERS[3]?.(name);
    if (!seeded) throw new Error('no version 3 seeder');
    const db = new TriageDatabase(name);
    await db.open();
    db.close();
    return seeded;
  },
  // Version 6 (issue 14) added the department's pulled rows and the push acknowledgements,
  // empty on a tablet that does not share (every tablet until it is enrolled): version 5's rows.
  6: (name) => {
    const seeder = SEEDERS[5];
    if (!seeder) throw new Error('no version 5 seeder');
    return seeder(name);
  },
};

/** The stores each version() of today's TriageDatabase declares, captured through Dexie's public API. */
function declaredStores(): Record<number, Record<string, string>> {
  const declared: Record<number, Record<string, string>> = {};
  const prototype = Dexie.prototype as Dexie;
  const original = Reflect.get<Dexie, 'version'>(prototype, 'version');
  const spy = vi.spyOn(prototype, 'version').mockImplementation(function (this: Dexie, ...args: unknown[]) {
    const version = Number(args[0]);
    const result = original.call(this, version);
    const stores = result.stores.bind(result);
    result.stores = (schema: Record<string, string | null>) => {
      declared[version] = { ...(declared[version] ?? {}), ...(schema as Record<string, string>) };
      return stores(schema);
    };
    return result;
  });
  try {
    new TriageDatabase(uniqueDatabaseName()).close();
  } finally {
    spy.mockRestore();
  }
  return declared;
}

const releasedVersions = Object.keys(RELEASED_STORES).map(Number);

describe('schema versions', () => {
  it('keeps every released version() declaration unchanged, and declares nothing unreleased without a seeder', () => {
    const declared = declaredStores();
    expect(Object.keys(declared).map(Number)).toEqual(releasedVersions);
    for (const version of releasedVersions) expect(declared[version], `version ${String(version)}`).toEqual(RELEASED_STORES[version]);
  });

  it('has a seeding function for every released version', () => {
    expect(Object.keys(SEEDERS).map(Number)).toEqual(releasedVersions);
  });
});

describe.each(releasedVersions)('a database seeded at version %i', (version) => {
  it('opens with the current schema and every kind of data is intact', async () => {
    const name = uniqueDatabaseName();
    const seeder = SEEDERS[version];
    if (!seeder) throw new Error(`no seeder for version ${String(version)}`);
    const seeded = await seeder(name);

    const repos = createRepositories({ databaseName: name, now: () => new Date('2026-03-10T14:00:00.000Z') });
    await repos.ready;
    expect(repos.session.current()).toEqual({ status: 'locked', reason: 'start' });
    const unlocked = await repos.session.unlock(seeded.staffId, seeded.pin);
    expect(unlocked).toEqual({ ok: true, value: like({ id: seeded.staffId, role: 'nurse-in-charge' }) });

    const db = new TriageDatabase(name);
    await db.open();
    expect(db.verno).toBe(Math.max(...releasedVersions));
    db.close();

    expect(await repos.device.getSettings()).toMatchObject({ siteName: seeded.siteName, idleLockMinutes: 7 });
    const opened = await repos.attendances.open(seeded.attendanceId);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.record().answers.patient).toMatchObject({ givenName: PATIENT.givenName, familyName: PATIENT.familyName, nhsNumber: PATIENT.nhsNumber, dateOfBirth: PATIENT.dateOfBirth });
    expect(opened.value.record().answers.accounts.childAccount).toBe(PATIENT.childAccount);
    // It can still be saved after the upgrade.
    expect((await opened.value.update((record) => ({ ...record, resume: { page: '/after-upgrade', field: '' } }))).ok).toBe(true);
    opened.value.close();

    const byNhs = await repos.attendances.find({ nhsNumber: PATIENT.nhsNumber });
    expect(byNhs.ok && byNhs.value.map((summary) => summary.displayName)).toEqual([`${PATIENT.givenName} ${PATIENT.familyName}`]);
    const byNameDob = await repos.attendances.find({ familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirthIso });
    expect(byNameDob.ok && byNameDob.value.map((summary) => summary.id)).toEqual([seeded.attendanceId]);
    // The unlock is chained after the seeded events, then the settings from before they had
    // a MAC are sealed as found (issue 11), and the whole trail still verifies, after the
    // re-seal job has moved the words of the events about the patient into seals.
    await repos.backgroundWork();
    expect(await repos.audit.verify()).toEqual({ ok: true, count: seeded.auditCount + 2 });
    const rawAudit = ((await rawTables(name))['audit'] ?? []) as { type: string; detail: string }[];
    expect(rawAudit.find((event) => event.type === 'create')).toMatchObject({ detail: '', detailHashed: true });
    expect((await repos.internals.audit.all()).find((event) => event.type === 'create')?.detail).toBe('Assessment started');
    expect((await repos.internals.audit.all()).slice(-2).map((event) => [event.type, event.entityId, event.detail])).toEqual([
      ['unlock', seeded.staffId, 'Unlocked'],
      ['settings-changed', 'device-settings', 'Settings sealed against change outside the app, as found at this unlock'],
    ]);
    // The account from before bindings was bound at its first unlock (its role agrees with the trail's record).
    const tables = await rawTables(name);
    expect(tables['staff']).toEqual([like({ id: seeded.staffId, binding: matching(/^[A-Za-z0-9_-]{43}$/) })]);
    expect(tables['device']).toEqual([like({ settingsMac: matching(/^[A-Za-z0-9_-]{43}$/) })]);
    expect(await firstValue(repos.session.tamperReports())).toEqual([]);
    // The head written by earlier releases (seq, hash and the event's own MAC) was accepted
    // once and replaced by the unlock with the head and high-water mark under their own MACs.
    const meta = ((await rawTables(name))['meta'] ?? []) as { key: string; value: unknown }[];
    expect(['audit-head', 'audit-high-water'].map((key) => meta.find((row) => row.key === key)?.value)).toEqual([
      { count: seeded.auditCount + 2, hash: matching(/^[0-9a-f]{64}$/), mac: matching(/^[A-Za-z0-9_-]{43}$/) },
      { count: seeded.auditCount + 2, hash: matching(/^[0-9a-f]{64}$/), mac: matching(/^[A-Za-z0-9_-]{43}$/) },
    ]);
    repos.close();
  });
});

describe('upgrade to version 2', () => {
  it('lists as GP letter due every signed attendance of version 1 without a GP letter, and nothing else', async () => {
    const name = uniqueDatabaseName();
    const old = openAtVersion(name, 1);
    const row = (id: string, status: 'in-progress' | 'signed') => ({ id, status, arrivedAt: AT, updatedAt: AT, ageBand: '13-15', createdById: STAFF.id, nhsIndex: '', nameDobIndex: '', summary: {}, payload: {}, rev: 1 });
    const letter = (id: string, attendanceId: string, kind: string) => ({ id, attendanceId, kind, version: 1, issuedAt: AT, issuedById: STAFF.id, payload: {} });
    await old.table('attendances').bulkAdd([row('signed-no-letter', 'signed'), row('signed-gp-letter', 'signed'), row('signed-only-hv-letter', 'signed'), row('in-progress', 'in-progress')]);
    await old.table('letters').bulkAdd([letter('l1', 'signed-gp-letter', 'gp'), letter('l2', 'signed-only-hv-letter', 'health-visitor')]);
    old.close();

    const db = new TriageDatabase(name);
    await db.open();
    expect(db.verno).toBe(Math.max(...releasedVersions));
    expect((await db.gpLettersDue.toCollection().primaryKeys()).sort()).toEqual(['signed-no-letter', 'signed-only-hv-letter']);
    db.close();
  });
});

describe('upgrade to version 3', () => {
  it('copies every attendance row’s sealed summary, as it is, into the summaries table; no review rows', async () => {
    const name = uniqueDatabaseName();
    const old = openAtVersion(name, 2);
    const row = (id: string, arrivedAt: string, rev: number) => ({ id, status: 'signed', arrivedAt, updatedAt: AT, ageBand: '13-15', createdById: STAFF.id, nhsIndex: '', nameDobIndex: '', summary: { sealed: id }, payload: { sealed: `${id}-record` }, rev });
    await old.table('attendances').bulkAdd([row('a1', '2026-03-01T10:00:00.000Z', 1), row('a2', '2026-03-02T10:00:00.000Z', 4)]);
    old.close();

    // Version 3 as released (its upgrade copied the summaries); version 4 retires the table.
    const v3 = new Dexie(name);
    for (const version of [1, 2]) v3.version(version).stores(RELEASED_STORES[version] ?? {});
    v3.version(3)
      .stores(RELEASED_STORES[3] ?? {})
      .upgrade(async (tx) => {
        const rows = (await tx.table('attendances').toArray()) as { id: string; arrivedAt: string; rev: number; summary: unknown }[];
        await tx.table('attendanceSummaries').bulkPut(rows.map((each) => ({ id: each.id, arrivedAt: each.arrivedAt, rev: each.rev, summary: each.summary })));
      });
    await v3.open();
    v3.close();
    const db = new TriageDatabase(name);
    await db.open();
    expect(db.tables.map((table) => table.name)).not.toContain('attendanceSummaries');
    expect(await db.liaisonReviews.count()).toBe(0);
    db.close();
  });
});

describe('upgrade to version 4', () => {
  it('drops the summary copies and starts the sealed per-day index empty; the first unlock builds it from the sealed summaries', async () => {
    const name = uniqueDatabaseName();
    const seeded = await SEEDERS[3]?.(name);
    if (!seeded) throw new Error('no seeder');
    const repos = createRepositories({ databaseName: name, now: () => new Date('2026-03-10T14:00:00.000Z') });
    await repos.ready;
    expect((await rawTables(name))['attendanceDays']).toEqual([]);
    expect(Object.keys(await rawTables(name))).not.toContain('attendanceSummaries');

    expect((await repos.session.unlock(seeded.staffId, seeded.pin)).ok).toBe(true);
    await repos.backgroundWork();
    // One sealed row for the seeded attendance's arrival day; nothing of the patient in clear.
    const days = ((await rawTables(name))['attendanceDays'] ?? []) as { day: string; seq: number }[];
    expect(days.map((row) => [row.day, row.seq])).toEqual([['2026-01-05', 1]]);
    const { serialiseForSearch } = await import('../test-support/storage-fixtures');
    for (const secret of [PATIENT.familyName, PATIENT.nhsNumber, PATIENT.dateOfBirthIso]) expect(serialiseForSearch(days)).not.toContain(secret);
    repos.close();
  });
});

describe('upgrade to version 5', () => {
  it('keeps only the London day of arrival and drops the age band from the clear attendance rows; letters are left for the re-seal job', async () => {
    const name = uniqueDatabaseName();
    const old = openAtVersion(name, 3);
    const row = (id: string, arrivedAt: string) => ({ id, status: 'signed', arrivedAt, updatedAt: AT, ageBand: '13-15', createdById: STAFF.id, nhsIndex: '', nameDobIndex: '', summary: { sealed: id }, payload: { sealed: `${id}-record` }, rev: 2 });
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    await old.table('attendances').bulkAdd([row('a1', '2026-03-01T10:00:00.000Z'), row('a2', '2026-06-30T23:30:00.000Z')]);
    await old.table('letters').add({ id: 'l1', attendanceId: 'a1', kind: 'mash-referral', version: 1, issuedAt: AT, issuedById: STAFF.id, payload: {} });
    old.close();

    const db = new TriageDatabase(name);
    await db.open();
    expect(await db.attendances.orderBy('arrivedDay').toArray()).toEqual([
      { id: 'a1', status: 'signed', arrivedDay: '2026-03-01', updatedAt: AT, createdById: STAFF.id, nhsIndex: '', nameDobIndex: '', summary: { sealed: 'a1' }, payload: { sealed: 'a1-record' }, rev: 2 },
      { id: 'a2', status: 'signed', arrivedDay: '2026-07-01', updatedAt: AT, createdById: STAFF.id, nhsIndex: '', nameDobIndex: '', summary: { sealed: 'a2' }, payload: { sealed: 'a2-record' }, rev: 2 },
    ]);
    // No key in an upgrade: the letter's kind is sealed by the re-seal job after the first unlock.
    expect(await db.letters.get('l1')).toMatchObject({ kind: 'mash-referral' });
    db.close();
  });
});

describe('upgrade to version 6', () => {
  it('adds the department rows and push acknowledgements empty, keeps every version 5 row, and finds pulled rows by their blind indexes', async () => {
    const name = uniqueDatabaseName();
    const old = openAtVersion(name, 5);
    const row = { id: 'a1', status: 'signed', arrivedDay: '2026-03-01', updatedAt: AT, createdById: STAFF.id, nhsIndex: 'n1', nameDobIndex: 'd1', summary: { sealed: 'a1' }, payload: { sealed: 'a1-record' }, rev: 2 };
    await old.table('attendances').add(row);
    await old.table('meta').put({ key: 'audit-head', value: { seq: 1 } });
    old.close();

    const db = new TriageDatabase(name);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.attendances.toArray()).toEqual([row]);
    expect(await db.meta.get('audit-head')).toEqual({ key: 'audit-head', value: { seq: 1 } });
    expect(await db.departmentRows.count()).toBe(0);
    expect(await db.syncPushed.count()).toBe(0);
    const pulled = { key: 'summary a9', kind: 'summary', rowId: 'a9', revision: 3, authorTablet: 't2', seq: 7, sealed: 'eyJ2IjoxfQ', nhsIndex: 'n1', nameDobIndex: '', signed: true };
    await db.departmentRows.put(pulled);
    await db.departmentRows.put({ ...pulled, key: 'summary a10', rowId: 'a10', nhsIndex: 'n2', incoming: { ...pulled, revision: 1 }, unchecked: 1 });
    expect((await db.departmentRows.where('nhsIndex').equals('n1').toArray()).map((each) => each.rowId)).toEqual(['a9']);
    expect(await db.departmentRows.where('unchecked').equals(1).primaryKeys()).toEqual(['summary a10']);
    db.close();
  });
});
