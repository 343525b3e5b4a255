/**
 * Department sharing, the tablet's side of enrolment (issue 14), against the real server
 * (server/src/app.ts on PGlite, in this process, on an ephemeral loopback port) and the real
 * repositories (fake-indexeddb + WebCrypto).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildServer, EXPIRED_CODE_MESSAGE } from '../../../server/src/app.ts';
import { openPglite } from '../../../server/src/db.ts';
import type { Database } from '../../../server/src/db.ts';
import { migrate } from '../../../server/src/migrate.ts';
import { NURSE_IN_CHARGE, openTestStorage, setUpTablet, TRIAGE_NURSE, triageNurse } from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';
import { createRepositories } from '../repositories/create-repositories';
import type { RealRepositories } from '../repositories/create-repositories';
import { ENROLMENT_KEY, readEnrolment } from './enrolment-state';
import { BAD_PACKAGE_MESSAGE, NOT_NEW_MESSAGE } from './department-join';
import { REKEY_PENDING_MESSAGE } from './department-repository';
import { callApi } from './http';

let serverDb: Database;
let close: () => Promise<void>;
let origin = '';

beforeAll(async () => {
  serverDb = await openPglite(undefined);
  await migrate(serverDb);
  const app = await buildServer({ db: serverDb, claimsPerMinute: 10_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
  close = async () => {
    await app.close();
    await serverDb.close();
  };
  // PGlite's WebAssembly start takes seconds on a shared machine.
}, 120_000);

afterAll(async () => {
  await close();
});

/** A tablet whose repositories talk to the in-process server. */
async function tablet(): Promise<TestStorage> {
  const storage = await openTestStorage();
  storage.repos.close();
  storage.repos = createRepositories({ databaseName: storage.name, now: storage.clock.now, newId: storage.newId, departmentApi: { origin } });
  await storage.repos.ready;
  return storage;
}

/** Tablet A: set up, with a triage nurse added, sharing on; unlocked as the nurse in charge. */
async function sharingTablet(): Promise<TestStorage> {
  const a = await tablet();
  await setUpTablet(a.repos);
  const added = await a.repos.staff.add(triageNurse());
  expect(added.ok).toBe(true);
  const on = await a.repos.department.switchSharingOn();
  expect(on.ok).toBe(true);
  return a;
}

async function code(repos: RealRepositories): Promise<string> {
  const made = await repos.department.makeEnrolmentCode();
  if (!made.ok) throw new Error(made.error.message);
  return made.value.code;
}

async function nothingWritten(repos: RealRepositories): Promise<void> {
  const { db } = repos.internals;
  expect([await db.device.count(), await db.staff.count(), await db.meta.count(), await db.audit.count()]).toEqual([0, 0, 0, 0]);
  expect(repos.session.current().status).toBe('not-set-up');
}

const staffId = async (repos: RealRepositories, name: string) => (await repos.internals.db.staff.toArray()).find((row) => row.name === name)?.id ?? '';

describe('switching sharing on', () => {
  test('makes the department with this tablet as its first tablet, under its database id; writes the enrolment row and an audit event', async () => {
    const a = await sharingTablet();
    const device = await a.repos.internals.db.device.get('device');
    const enrolment = await readEnrolment(a.repos.internals.db);
    expect(enrolment?.tabletId).toBe(device?.deviceId);
    const stored = await serverDb.query<{ id: string; department_id: string }>('SELECT id, department_id FROM tablets WHERE id = $1', [device?.deviceId]);
    expect(stored).toEqual([{ id: device?.deviceId, department_id: enrolment?.departmentId }]);
    const events = await a.repos.audit.all();
    expect(events.ok && events.value.filter((event) => event.type === 'department-sharing-on')).toHaveLength(1);
    const listed = await a.repos.department.listTablets();
    expect(listed.ok && listed.value).toEqual([expect.objectContaining({ tabletId: device?.deviceId, revokedAt: null, thisTablet: true })]);
    expect((await a.repos.department.switchSharingOn()).ok).toBe(false);
  });

  test('only the nurse in charge can switch sharing on, make a code or see the tablets', async () => {
    const a = await sharingTablet();
    await a.repos.session.lock('manual');
    const unlocked = await a.repos.session.unlock(await staffId(a.repos, TRIAGE_NURSE.name), TRIAGE_NURSE.pin);
    expect(unlocked.ok).toBe(true);
    for (const result of [await a.repos.department.switchSharingOn(), await a.repos.department.makeEnrolmentCode(), await a.repos.department.listTablets(), await a.repos.department.revokeTablet('x')]) {
      expect(result).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Only the nurse in charge can share this tablet with the department, add tablets or remove them.' } });
    }
  });

  test('is refused while a re-key is pending, and nothing is sent', async () => {
    const a = await tablet();
    await setUpTablet(a.repos);
    await a.repos.internals.db.meta.put({ key: 'rekey:pending', value: { epoch: 2, keyCheck: 'x', previous: { v: 1, iv: new Uint8Array(12), ct: new Uint8Array(16) }, at: '2026-03-10T14:00:00.000Z' } });
    expect(await a.repos.department.switchSharingOn()).toEqual({ ok: false, error: { kind: 'forbidden', message: REKEY_PENDING_MESSAGE } });
    expect(await a.repos.internals.db.meta.get(ENROLMENT_KEY)).toBeUndefined();
  });

  test('an unreachable server: words, and nothing written', async () => {
    const a = await openTestStorage();
    a.repos.close();
    a.repos = createRepositories({ databaseName: a.name, now: a.clock.now, newId: a.newId, departmentApi: { origin: 'http://127.0.0.1:9' } });
    await a.repos.ready;
    await setUpTablet(a.repos);
    const result = await a.repos.department.switchSharingOn();
    expect(result).toEqual({ ok: false, error: { kind: 'server', reason: 'unreachable', message: expect.stringContaining('cannot be reached') as string } });
    expect(await readEnrolment(a.repos.internals.db)).toBeUndefined();
  });
});

describe('enrolment by code', () => {
  test('B joins with the code: its own device id, the same staff and settings, locked; staff unlock B with their own PIN; its trail starts with "joined the department"', async () => {
    const a = await sharingTablet();
    const made = await a.repos.department.makeEnrolmentCode();
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const aEvents = await a.repos.audit.all();
    const codeEvent = aEvents.ok ? aEvents.value.find((event) => event.type === 'enrolment-code-made') : undefined;
    expect(codeEvent?.detail).toBeDefined();
    expect(codeEvent?.detail).not.toContain(made.value.code);
    expect(codeEvent?.detail).not.toContain(made.value.code.replace(/-/g, ''));

    const b = await tablet();
    // Typed loosely: lower case, spaces for hyphens.
    const joined = await b.repos.department.join(made.value.code.toLowerCase().replace(/-/g, ' '));
    expect(joined.ok).toBe(true);
    expect(b.repos.session.current()).toEqual({ status: 'locked', reason: 'start' });
    const [aDevice, bDevice] = await Promise.all([a.repos.internals.db.device.get('device'), b.repos.internals.db.device.get('device')]);
    expect(bDevice?.deviceId).not.toBe(aDevice?.deviceId);
    expect(bDevice?.keyCheck).toBe(aDevice?.keyCheck);
    const bEnrolment = await readEnrolment(b.repos.internals.db);
    expect(bEnrolment).toMatchObject({ departmentId: (await readEnrolment(a.repos.internals.db))?.departmentId, tabletId: bDevice?.deviceId });
    expect((await serverDb.query('SELECT 1 FROM tablets WHERE id = $1 AND revoked_at IS NULL', [bDevice?.deviceId])).length).toBe(1);

    // Each member of staff unlocks B with their own secret.
    const nurse = await b.repos.session.unlock(await staffId(b.repos, NURSE_IN_CHARGE.name), NURSE_IN_CHARGE.pin);
    expect(nurse.ok).toBe(true);
    expect((await b.repos.device.getSettings())?.siteName).toBe("Queen's Medical Centre ED");
    const bEvents = await b.repos.audit.all();
    expect(bEvents.ok && bEvents.value.map((event) => event.type)).toEqual(['department-joined', 'unlock']);
    expect((await b.repos.audit.verify()).ok).toBe(true);
    await b.repos.session.lock('manual');
    expect((await b.repos.session.unlock(await staffId(b.repos, TRIAGE_NURSE.name), TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(b.repos.session.current().status).toBe('unlocked');
    // A wrong PIN is still refused on B.
    await b.repos.session.lock('manual');
    expect((await b.repos.session.unlock(await staffId(b.repos, TRIAGE_NURSE.name), '000000')).ok).toBe(false);
  });

  test('the server holds only the token hash and ciphertext: no staff name, no wrap, no code', async () => {
    const a = await sharingTablet();
    const made = await code(a.repos);
    const rows = await serverDb.query<{ package: Uint8Array; token_sha256: Uint8Array }>('SELECT package, token_sha256 FROM enrolments');
    expect(rows.length).toBeGreaterThan(0);
    const wrap = (await a.repos.internals.db.staff.toArray())[0]?.wrapped.ciphertext;
    for (const row of rows) {
      const bytes = Buffer.from(row.package);
      for (const needle of [NURSE_IN_CHARGE.name, TRIAGE_NURSE.name, 'nurse-in-charge', "Queen's Medical Centre", made.replace(/-/g, '')]) expect(bytes.includes(needle)).toBe(false);
      if (wrap) expect(bytes.includes(Buffer.from(wrap).subarray(0, 16))).toBe(false);
    }
  });

  test('a used code is refused on a third tablet with the server’s words, and nothing is written there', async () => {
    const a = await sharingTablet();
    const made = await code(a.repos);
    const b = await tablet();
    expect((await b.repos.department.join(made)).ok).toBe(true);
    const c = await tablet();
    expect(await c.repos.department.join(made)).toEqual({ ok: false, error: { kind: 'server', reason: 'refused', message: EXPIRED_CODE_MESSAGE } });
    await nothingWritten(c.repos);
  });

  test('a code nobody made (the wrong code) is refused with the same words; a malformed one is refused before anything is sent', async () => {
    const c = await tablet();
    expect(await c.repos.department.join('7KQ2-M9XD-4TNC-HW3B')).toEqual({ ok: false, error: { kind: 'server', reason: 'refused', message: EXPIRED_CODE_MESSAGE } });
    expect(await c.repos.department.join('7KQ2-M9XD')).toEqual({ ok: false, error: { kind: 'code', message: 'The enrolment code has 16 letters and numbers, in four groups of four' } });
    await nothingWritten(c.repos);
  });

  test('a tampered package is not opened: nothing is written, and the claimed registration is withdrawn', async () => {
    const a = await sharingTablet();
    const made = await code(a.repos);
    await serverDb.query("UPDATE enrolments SET package = overlay(package placing '\\x00'::bytea from 40 for 1) WHERE used_at IS NULL");
    const b = await tablet();
    const joined = await b.repos.department.join(made);
    expect(joined).toEqual({ ok: false, error: { kind: 'server', reason: 'package', message: BAD_PACKAGE_MESSAGE } });
    await nothingWritten(b.repos);
    const ids = await serverDb.query<{ id: string; revoked_at: Date | null }>("SELECT id, revoked_at FROM tablets WHERE id LIKE $1", [`${b.newId().split('-')[0] ?? ''}-%`]);
    expect(ids.length).toBe(1);
    expect(ids[0]?.revoked_at).not.toBeNull();
  });

  test('a tablet holding records cannot join, and says so plainly', async () => {
    const a = await sharingTablet();
    const made = await code(a.repos);
    const other = await tablet();
    await setUpTablet(other.repos);
    await other.repos.session.lock('manual');
    expect(await other.repos.department.join(made)).toEqual({ ok: false, error: { kind: 'not-new', message: NOT_NEW_MESSAGE } });
    // The code was not spent by the refusal.
    const b = await tablet();
    expect((await b.repos.department.join(made)).ok).toBe(true);
  });

  test('an unreachable server, or an address that is not a department server: words, nothing written', async () => {
    const unreachable = await openTestStorage();
    unreachable.repos.close();
    unreachable.repos = createRepositories({ databaseName: unreachable.name, now: unreachable.clock.now, newId: unreachable.newId, departmentApi: { origin: 'http://127.0.0.1:9' } });
    await unreachable.repos.ready;
    const refused = await unreachable.repos.department.join('7KQ2-M9XD-4TNC-HW3B');
    expect(refused.ok || refused.error.message).toContain('cannot be reached');
    await nothingWritten(unreachable.repos);

    const html = () => Promise.resolve(new Response('<!doctype html><title>Intranet</title>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const notOurs = await openTestStorage();
    notOurs.repos.close();
    notOurs.repos = createRepositories({ databaseName: notOurs.name, now: notOurs.clock.now, newId: notOurs.newId, departmentApi: { fetch: html } });
    await notOurs.repos.ready;
    const answer = await notOurs.repos.department.join('7KQ2-M9XD-4TNC-HW3B');
    expect(answer).toEqual({ ok: false, error: { kind: 'server', reason: 'not-a-department-server', message: expect.stringContaining('no department server') as string } });
    await nothingWritten(notOurs.repos);
  });
});

describe('the tablets page and hand-back', () => {
  test('the nurse in charge removes tablet B: the server refuses B from then on and B records it; audited on A', async () => {
    const a = await sharingTablet();
    const b = await tablet();
    expect((await b.repos.department.join(await code(a.repos))).ok).toBe(true);
    const bId = (await readEnrolment(b.repos.internals.db))?.tabletId ?? '';
    expect(await a.repos.department.revokeTablet(bId)).toEqual({ ok: true, value: undefined });
    const listed = await a.repos.department.listTablets();
    expect(listed.ok && listed.value.find((item) => item.tabletId === bId)?.revokedAt).toEqual(expect.any(String));
    const events = await a.repos.audit.all();
    expect(events.ok && events.value.filter((event) => event.type === 'tablet-revoked').map((event) => event.entityId)).toEqual([bId]);

    expect((await b.repos.session.unlock(await staffId(b.repos, NURSE_IN_CHARGE.name), NURSE_IN_CHARGE.pin)).ok).toBe(true);
    const refused = await b.repos.department.listTablets();
    expect(refused).toEqual({ ok: false, error: { kind: 'server', reason: 'revoked', message: expect.stringContaining('removed from the department') as string } });
    expect((await readEnrolment(b.repos.internals.db))?.revokedAt).toEqual(expect.any(String));
  });

  test('the nurse in charge cannot remove the tablet in use from the tablets page', async () => {
    const a = await sharingTablet();
    const own = (await readEnrolment(a.repos.internals.db))?.tabletId ?? '';
    const result = await a.repos.department.revokeTablet(own);
    expect(result.ok).toBe(false);
    expect((await serverDb.query('SELECT revoked_at FROM tablets WHERE id = $1 AND revoked_at IS NULL', [own])).length).toBe(1);
  });

  test('hand-back revokes this tablet’s own credential first', async () => {
    const a = await sharingTablet();
    const own = (await readEnrolment(a.repos.internals.db))?.tabletId ?? '';
    const credential = (await readEnrolment(a.repos.internals.db))?.credential ?? '';
    expect(await a.repos.department.leave()).toEqual({ ok: true, value: undefined });
    expect((await serverDb.query('SELECT 1 FROM tablets WHERE id = $1 AND revoked_at IS NOT NULL', [own])).length).toBe(1);
    // The old credential is refused from then on (a copy of the profile kept after the wipe reaches nothing).
    const after = await callApi('GET', '/api/v1/tablets', undefined, { origin, credential });
    expect(after.ok ? 200 : after.error).toMatchObject({ kind: 'revoked' });
    // Audited before the wipe, on this tablet's own trail.
    const events = await a.repos.internals.db.audit.toArray();
    expect(events.filter((event) => event.type === 'tablet-revoked').map((event) => event.entityId)).toEqual([own]);
    // A tablet that does not share has nothing to revoke.
    const alone = await tablet();
    await setUpTablet(alone.repos);
    expect(await alone.repos.department.leave()).toEqual({ ok: true, value: undefined });
  });
});
