/**
 * The department server's behaviour, as one suite run against each engine (PGlite and a real
 * PostgreSQL 15): each test file opens one database and calls `defineServerSuite`. Every test
 * makes its own department, so tests share the database without touching each other's rows.
 * Requests go through Fastify's `inject` (no socket); the clock is the suite's own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../src/pwa/security-headers.ts';
import { buildServer, EXPIRED_CODE_MESSAGE, TABLET_ID_TAKEN_MESSAGE } from '../../src/app.ts';
import type { ServerOptions } from '../../src/app.ts';
import { asNumber } from '../../src/db.ts';
import type { Database, Queryable } from '../../src/db.ts';
import { migrate, readMigrations } from '../../src/migrate.ts';
import { sha256 } from '../../src/store.ts';
import type { PulledRow, PushAnswer } from '../../src/store.ts';

export interface SuiteContext {
  db: Database;
  app: FastifyInstance;
  clock: { ms: number };
}

export function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** A tablet's own id, as the app makes them (its database id); not a uuid, to show the syntax is the row ids'. */
export function newTabletId(): string {
  return `tablet-${randomUUID().slice(0, 18)}`;
}

export function bearer(credential: string): Record<string, string> {
  return { authorization: `Bearer ${credential}` };
}

export interface Department {
  departmentId: string;
  tabletId: string;
  credential: string;
}

export async function newDepartment(app: FastifyInstance): Promise<Department> {
  const credential = secret();
  const response = await app.inject({ method: 'POST', url: '/api/v1/departments', payload: { credential, tabletId: newTabletId() } });
  expect(response.statusCode).toBe(201);
  return { ...(response.json<{ departmentId: string; tabletId: string }>()), credential };
}

export async function enrol(app: FastifyInstance, by: Department, packageBytes: Buffer = randomBytes(64)): Promise<{ token: string; tablet: Department }> {
  const token = secret();
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/enrolments',
    headers: bearer(by.credential),
    payload: { tokenSha256: sha256(token).toString('hex'), package: packageBytes.toString('base64url') },
  });
  expect(created.statusCode).toBe(201);
  const credential = secret();
  const claimed = await app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token, credential, tabletId: newTabletId() } });
  expect(claimed.statusCode).toBe(200);
  const body = claimed.json<{ tabletId: string; departmentId: string; package: string }>();
  expect(Buffer.from(body.package, 'base64url').equals(packageBytes)).toBe(true);
  return { token, tablet: { departmentId: body.departmentId, tabletId: body.tabletId, credential } };
}

export interface RowInput {
  kind?: string;
  rowId?: string;
  revision?: number;
  baseRevision?: number | null;
  sealed?: string;
  signed?: boolean;
  chainSeq?: number;
  nhsIndex?: string;
}

export function row(input: RowInput = {}): Record<string, unknown> {
  return {
    kind: input.kind ?? 'attendance',
    rowId: input.rowId ?? randomUUID(),
    revision: input.revision ?? 1,
    baseRevision: input.baseRevision === undefined ? (input.revision ?? 1) - 1 : input.baseRevision,
    sealed: input.sealed ?? randomBytes(48).toString('base64url'),
    ...(input.signed === undefined ? {} : { signed: input.signed }),
    ...(input.chainSeq === undefined ? {} : { chainSeq: input.chainSeq }),
    ...(input.nhsIndex === undefined ? {} : { nhsIndex: input.nhsIndex }),
  };
}

export async function pushRows(app: FastifyInstance, tablet: Department, rows: readonly Record<string, unknown>[], requestId: string = randomUUID()) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(tablet.credential), payload: { requestId, rows } });
  return { response, answer: response.json<PushAnswer>() };
}

async function pullAll(app: FastifyInstance, tablet: Department, query: string): Promise<{ rows: PulledRow[]; cursor: number; more: boolean }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/pull?${query}`, headers: bearer(tablet.credential) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function storedCount(db: Queryable, departmentId: string): Promise<number> {
  const rows = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM rows WHERE department_id = $1', [departmentId]);
  return asNumber(rows[0]?.n);
}

async function lastSeq(db: Queryable, departmentId: string): Promise<number> {
  const rows = await db.query<{ last_seq: unknown }>('SELECT last_seq FROM department_seq WHERE department_id = $1', [departmentId]);
  return asNumber(rows[0]?.last_seq);
}

/** Opens the engine once for the file, applies the migrations, and defines every test. */
export function defineServerSuite(open: () => Promise<Database>, extra?: (context: SuiteContext) => void): void {
  const context = {} as SuiteContext;
  const clock = { ms: Date.parse('2026-11-29T10:00:00Z') };
  const now = () => new Date(clock.ms);
  let appliedAtStart: string[] = [];
  const apps: FastifyInstance[] = [];
  const makeApp = async (options: Partial<ServerOptions> = {}) => {
    const app = await buildServer({ db: context.db, now, claimsPerMinute: 10_000, ...options });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    context.db = await open();
    appliedAtStart = await migrate(context.db);
    context.app = await makeApp();
    context.clock = clock;
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await context.db.close();
  });

  describe('migrations', () => {
    it('applies every migration to an empty database, in order, and records each', async () => {
      expect(appliedAtStart).toEqual(readMigrations().map((migration) => migration.name));
      const recorded = await context.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(recorded.map((migration) => migration.name)).toEqual(appliedAtStart);
      const tables = await context.db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
      expect(tables.map((table) => table.table_name)).toEqual(['department_seq', 'departments', 'enrolments', 'leases', 'purged_rows', 'push_receipts', 'rows', 'schema_migrations', 'tablets']);
    });

    it('re-running the migrations is a no-op', async () => {
      expect(await migrate(context.db)).toEqual([]);
      const recorded = await context.db.query('SELECT version FROM schema_migrations');
      expect(recorded).toHaveLength(readMigrations().length);
    });

    it('a migration that fails leaves nothing behind: neither its changes nor its record', async () => {
      const broken = { version: readMigrations().length + 1, name: '999-broken.sql', sql: 'CREATE TABLE half_done (a integer); SELECT no_such_column FROM departments;' };
      await expect(migrate(context.db, [...readMigrations(), broken])).rejects.toThrow();
      const half = await context.db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
      expect(half).toHaveLength(0);
      const recorded = await context.db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [broken.version]);
      expect(recorded).toHaveLength(0);
    });
  });

  describe('serving the app', () => {
    it('serves dist/ with the security headers and falls back to index.html for app routes', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'st-dist-'));
      try {
        writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app shell</title>');
        mkdirSync(join(dir, 'assets'));
        writeFileSync(join(dir, 'assets', 'app.js'), 'export const a = 1;');
        const app = await makeApp({ appDir: dir });
        const page = await app.inject({ method: 'GET', url: '/' });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('app shell');
        for (const [name, value] of Object.entries(securityHeaders)) expect(page.headers[name.toLowerCase()]).toBe(value);
        const deep = await app.inject({ method: 'GET', url: '/attendances/123/letters' });
        expect(deep.statusCode).toBe(200);
        expect(deep.body).toContain('app shell');
        expect(deep.headers['content-security-policy']).toBe(securityHeaders['Content-Security-Policy']);
        const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
        expect(asset.body).toBe('export const a = 1;');
        expect(asset.headers['x-frame-options']).toBe('DENY');
        const api = await app.inject({ method: 'GET', url: '/api/v1/no-such-route', headers: bearer(secret()) });
        expect(api.statusCode).toBe(401);
        expect(api.headers['content-security-policy']).toBe(securityHeaders['Content-Security-Policy']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('answers an unknown API route with 404 JSON, never the app shell', async () => {
      const department = await newDepartment(context.app);
      const response = await context.app.inject({ method: 'GET', url: '/api/v1/no-such-route', headers: bearer(department.credential) });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not-found' });
    });
  });

  describe('tablet credentials', () => {
    it('refuses a request with no credential or an unknown one, and stores only the SHA-256 of a credential', async () => {
      const department = await newDepartment(context.app);
      expect((await context.app.inject({ method: 'GET', url: '/api/v1/pull' })).statusCode).toBe(401);
      expect((await context.app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(secret()) })).statusCode).toBe(401);
      expect((await context.app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(department.credential) })).statusCode).toBe(200);
      const stored = await context.db.query<{ credential_sha256: Uint8Array }>('SELECT credential_sha256 FROM tablets WHERE id = $1', [department.tabletId]);
      expect(Buffer.from(stored[0]!.credential_sha256).equals(sha256(department.credential))).toBe(true);
      const clear = await context.db.query('SELECT 1 FROM tablets WHERE credential_sha256 = $1 OR credential_sha256 = $2', [Buffer.from(department.credential), Buffer.from(department.credential, 'base64url')]);
      expect(clear).toHaveLength(0);
    });

    it('a revoked tablet is refused on every request, its pending codes die with it; a tablet of another department cannot be revoked', async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const other = await newDepartment(context.app);
      const foreign = await context.app.inject({ method: 'POST', url: `/api/v1/tablets/${tablet.tabletId}/revoke`, headers: bearer(other.credential) });
      expect(foreign.statusCode).toBe(404);
      const revoked = await context.app.inject({ method: 'POST', url: `/api/v1/tablets/${tablet.tabletId}/revoke`, headers: bearer(department.credential) });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ tabletId: tablet.tabletId });
      for (const request of [
        { method: 'GET' as const, url: '/api/v1/pull' },
        { method: 'POST' as const, url: '/api/v1/push', payload: { requestId: randomUUID(), rows: [row()] } },
        { method: 'GET' as const, url: '/api/v1/tablets' },
      ]) {
        const response = await context.app.inject({ ...request, headers: bearer(tablet.credential) });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ error: 'tablet-revoked', message: 'This tablet has been removed from the department.' });
      }
      const pendingToken = secret();
      const second = await enrol(context.app, department);
      await context.app.inject({ method: 'POST', url: '/api/v1/enrolments', headers: bearer(second.tablet.credential), payload: { tokenSha256: sha256(pendingToken).toString('hex'), package: 'AAAA' } });
      await context.app.inject({ method: 'POST', url: `/api/v1/tablets/${second.tablet.tabletId}/revoke`, headers: bearer(department.credential) });
      const orphanClaim = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token: pendingToken, credential: secret(), tabletId: newTabletId() } });
      expect(orphanClaim.statusCode).toBe(410);
      const list = await context.app.inject({ method: 'GET', url: '/api/v1/tablets', headers: bearer(department.credential) });
      const tablets = list.json<{ tablets: { tabletId: string; revokedAt: string | null }[] }>().tablets;
      expect(new Map(tablets.map((t) => [t.tabletId, t.revokedAt !== null]))).toEqual(new Map([[department.tabletId, false], [tablet.tabletId, true], [second.tablet.tabletId, true]]));
    });
  });

  describe('enrolment', () => {
    it('relays the sealed package to the tablet that claims the code, and stores only the token hash', async () => {
      const department = await newDepartment(context.app);
      const packageBytes = randomBytes(300);
      const { token, tablet } = await enrol(context.app, department, packageBytes);
      expect(tablet.departmentId).toBe(department.departmentId);
      const stored = await context.db.query<{ token_sha256: Uint8Array }>('SELECT token_sha256 FROM enrolments WHERE department_id = $1', [department.departmentId]);
      for (const entry of stored) expect(Buffer.from(entry.token_sha256).equals(Buffer.from(token, 'base64url'))).toBe(false);
      const pulled = await context.app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(tablet.credential) });
      expect(pulled.statusCode).toBe(200);
    });

    it('a reused code is refused with the clear message', async () => {
      const department = await newDepartment(context.app);
      const { token } = await enrol(context.app, department);
      const again = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token, credential: secret(), tabletId: newTabletId() } });
      expect(again.statusCode).toBe(410);
      expect(again.json()).toEqual({ error: 'enrolment-expired-or-used', message: EXPIRED_CODE_MESSAGE });
    });

    it('a tablet registers under its own id: a taken id is 409 tablet-id-taken and leaves the code unused; a malformed id is 400', async () => {
      const department = await newDepartment(context.app);
      const taken = await context.app.inject({ method: 'POST', url: '/api/v1/departments', payload: { credential: secret(), tabletId: department.tabletId } });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toEqual({ error: 'tablet-id-taken', message: TABLET_ID_TAKEN_MESSAGE });
      expect(await context.db.query('SELECT 1 FROM tablets WHERE id = $1', [department.tabletId])).toHaveLength(1);
      const token = secret();
      await context.app.inject({ method: 'POST', url: '/api/v1/enrolments', headers: bearer(department.credential), payload: { tokenSha256: sha256(token).toString('hex'), package: 'AAAA' } });
      const clash = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token, credential: secret(), tabletId: department.tabletId } });
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ error: 'tablet-id-taken' });
      const tabletId = newTabletId();
      const claimed = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token, credential: secret(), tabletId } });
      expect(claimed.statusCode).toBe(200);
      expect(claimed.json()).toMatchObject({ tabletId, departmentId: department.departmentId });
      for (const bad of ['', 'has space', 'x'.repeat(129), 'semi;colon']) {
        const refused = await context.app.inject({ method: 'POST', url: '/api/v1/departments', payload: { credential: secret(), tabletId: bad } });
        expect(refused.statusCode).toBe(400);
      }
      const missing = await context.app.inject({ method: 'POST', url: '/api/v1/departments', payload: { credential: secret() } });
      expect(missing.statusCode).toBe(400);
    });

    it('a code claimed after its 10 minutes is refused, and one claimed within them works', async () => {
      const department = await newDepartment(context.app);
      const tokens = [secret(), secret()];
      for (const token of tokens) {
        const created = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments', headers: bearer(department.credential), payload: { tokenSha256: sha256(token).toString('hex'), package: 'AAAA' } });
        expect(created.statusCode).toBe(201);
        expect(Date.parse(created.json<{ expiresAt: string }>().expiresAt) - clock.ms).toBe(10 * 60 * 1000);
      }
      clock.ms += 10 * 60 * 1000 - 1000;
      const inTime = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token: tokens[0], credential: secret(), tabletId: newTabletId() } });
      expect(inTime.statusCode).toBe(200);
      clock.ms += 2000;
      const late = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token: tokens[1], credential: secret(), tabletId: newTabletId() } });
      expect(late.statusCode).toBe(410);
      expect(late.json()).toMatchObject({ message: EXPIRED_CODE_MESSAGE });
    });

    it('two tablets claiming one code at once: exactly one gets it', async () => {
      const department = await newDepartment(context.app);
      const token = secret();
      await context.app.inject({ method: 'POST', url: '/api/v1/enrolments', headers: bearer(department.credential), payload: { tokenSha256: sha256(token).toString('hex'), package: 'AAAA' } });
      const claims = await Promise.all([0, 1, 2].map(() => context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token, credential: secret(), tabletId: newTabletId() } })));
      expect(claims.map((claim) => claim.statusCode).sort()).toEqual([200, 410, 410]);
      const tablets = await context.db.query('SELECT 1 FROM tablets WHERE department_id = $1', [department.departmentId]);
      expect(tablets).toHaveLength(2);
    });

    it('making a code needs an enrolled tablet and a well-formed body', async () => {
      const department = await newDepartment(context.app);
      const anonymous = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments', payload: { tokenSha256: sha256(secret()).toString('hex'), package: 'AAAA' } });
      expect(anonymous.statusCode).toBe(401);
      const malformed = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments', headers: bearer(department.credential), payload: { tokenSha256: 'not-hex', package: 'AAAA' } });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ error: 'bad-request', issues: [{ path: 'tokenSha256' }] });
      const badClaim = await context.app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token: 'short', credential: secret(), tabletId: newTabletId() } });
      expect(badClaim.statusCode).toBe(400);
    });

    it('enrolment claims are rate-limited per address: 429 with Retry-After, open again after the minute', async () => {
      const app = await makeApp({ claimsPerMinute: 3 });
      const claim = () => app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token: secret(), credential: secret(), tabletId: newTabletId() }, remoteAddress: '10.0.0.7' });
      for (let i = 0; i < 3; i += 1) expect((await claim()).statusCode).toBe(410);
      const limited = await claim();
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      const otherAddress = await app.inject({ method: 'POST', url: '/api/v1/enrolments/claim', payload: { token: secret(), credential: secret(), tabletId: newTabletId() }, remoteAddress: '10.0.0.8' });
      expect(otherAddress.statusCode).toBe(410);
      clock.ms += 60_000;
      expect((await claim()).statusCode).toBe(410);
    });
  });

  describe('push', () => {
    it('stores new rows with the department sequence: 1, 2, 3 … per department', async () => {
      const a = await newDepartment(context.app);
      const b = await newDepartment(context.app);
      const first = await pushRows(context.app, a, [row(), row({ kind: 'summary' }), row({ kind: 'stub' })]);
      expect(first.response.statusCode).toBe(200);
      expect(first.answer.results.map((result) => [result.status, result.status === 'accepted' ? result.seq : null])).toEqual([['accepted', 1], ['accepted', 2], ['accepted', 3]]);
      const second = await pushRows(context.app, b, [row()]);
      expect(second.answer.results[0]).toMatchObject({ status: 'accepted', seq: 1 });
      expect(await lastSeq(context.db, a.departmentId)).toBe(3);
    });

    it('a stale revision is a conflict carrying the server revision, and nothing is stored', async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const rowId = randomUUID();
      await pushRows(context.app, department, [row({ rowId, revision: 1 })]);
      await pushRows(context.app, department, [row({ rowId, revision: 2 })]);
      const stale = await pushRows(context.app, tablet, [row({ rowId, revision: 2, baseRevision: 1 })]);
      expect(stale.answer.results).toEqual([{ kind: 'attendance', rowId, revision: 2, status: 'conflict', serverRevision: 2 }]);
      const skipped = await pushRows(context.app, tablet, [row({ rowId, revision: 4, baseRevision: 3 })]);
      expect(skipped.answer.results[0]).toMatchObject({ status: 'conflict', serverRevision: 2 });
      expect(await storedCount(context.db, department.departmentId)).toBe(2);
    });

    it('a replayed request gets the same answer and writes nothing twice', async () => {
      const department = await newDepartment(context.app);
      const requestId = randomUUID();
      const rows = [row(), row()];
      const first = await pushRows(context.app, department, rows, requestId);
      const again = await pushRows(context.app, department, rows, requestId);
      expect(again.response.statusCode).toBe(200);
      expect(again.answer).toEqual(first.answer);
      expect(again.response.headers['idempotent-replay']).toBe('true');
      expect(await storedCount(context.db, department.departmentId)).toBe(2);
      expect(await lastSeq(context.db, department.departmentId)).toBe(2);
    });

    it('the same row with identical bytes under a new request id is accepted again with its first seq', async () => {
      const department = await newDepartment(context.app);
      const same = row();
      await pushRows(context.app, department, [row(), same]);
      const retry = await pushRows(context.app, department, [same]);
      expect(retry.answer.results[0]).toMatchObject({ status: 'accepted', seq: 2 });
      expect(await storedCount(context.db, department.departmentId)).toBe(2);
      expect(await lastSeq(context.db, department.departmentId)).toBe(2);
    });

    it('a tampered sealed row is stored exactly as sent: the server never parses a sealed value', async () => {
      const department = await newDepartment(context.app);
      const bytes = randomBytes(64);
      bytes[20] = (bytes[20] ?? 0) ^ 0xff;
      const rowId = randomUUID();
      const pushed = await pushRows(context.app, department, [row({ rowId, sealed: bytes.toString('base64url') })]);
      expect(pushed.answer.results[0]).toMatchObject({ status: 'accepted' });
      const fetched = await context.app.inject({ method: 'GET', url: `/api/v1/rows/attendance/${rowId}`, headers: bearer(department.credential) });
      expect(Buffer.from(fetched.json<{ rows: PulledRow[] }>().rows[0]!.sealed, 'base64url').equals(bytes)).toBe(true);
    });

    it("another department's row is refused, and that department's copy is untouched", async () => {
      const a = await newDepartment(context.app);
      const b = await newDepartment(context.app);
      const original = row();
      await pushRows(context.app, a, [original]);
      const copied = await pushRows(context.app, b, [{ ...original }]);
      expect(copied.answer.results[0]).toMatchObject({ status: 'refused', reason: 'other-department' });
      const rewritten = await pushRows(context.app, b, [{ ...original, revision: 2, baseRevision: 1 }]);
      expect(rewritten.answer.results[0]).toMatchObject({ status: 'refused', reason: 'other-department' });
      expect(await storedCount(context.db, b.departmentId)).toBe(0);
      const mine = await context.app.inject({ method: 'GET', url: `/api/v1/rows/attendance/${String(original['rowId'])}`, headers: bearer(a.credential) });
      expect(mine.json<{ rows: PulledRow[] }>().rows.map((r) => r.sealed)).toEqual([original['sealed']]);
      const theirs = await context.app.inject({ method: 'GET', url: `/api/v1/rows/attendance/${String(original['rowId'])}`, headers: bearer(b.credential) });
      expect(theirs.statusCode).toBe(404);
    });

    it('a signed record is immutable: no rewrite of a stored revision, no unsigned revision over it', async () => {
      const department = await newDepartment(context.app);
      const rowId = randomUUID();
      const unsigned = row({ rowId, revision: 1 });
      await pushRows(context.app, department, [unsigned]);
      const overwrite = await pushRows(context.app, department, [{ ...unsigned, sealed: randomBytes(48).toString('base64url') }]);
      expect(overwrite.answer.results[0]).toMatchObject({ status: 'conflict', serverRevision: 1 });
      const signed = row({ rowId, revision: 2, signed: true });
      await pushRows(context.app, department, [signed]);
      const rewrite = await pushRows(context.app, department, [{ ...signed, sealed: randomBytes(48).toString('base64url') }]);
      expect(rewrite.answer.results[0]).toMatchObject({ status: 'refused', reason: 'immutable' });
      const edit = await pushRows(context.app, department, [row({ rowId, revision: 3 })]);
      expect(edit.answer.results[0]).toMatchObject({ status: 'refused', reason: 'signed' });
      const resealed = await pushRows(context.app, department, [row({ rowId, revision: 3, signed: true })]);
      expect(resealed.answer.results[0]).toMatchObject({ status: 'accepted' });
    });

    it('a letter version is immutable', async () => {
      const department = await newDepartment(context.app);
      const letter = row({ kind: 'letter-version' });
      await pushRows(context.app, department, [letter]);
      const rewrite = await pushRows(context.app, department, [{ ...letter, sealed: randomBytes(48).toString('base64url') }]);
      expect(rewrite.answer.results[0]).toMatchObject({ status: 'refused', reason: 'immutable' });
    });

    it("each tablet's audit chain is append-only and contiguous: a gap or a rewrite is refused", async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const audit = (chainSeq: number) => row({ kind: 'audit-event', chainSeq });
      const start = await pushRows(context.app, department, [audit(1), audit(2)]);
      expect(start.answer.results.map((result) => result.status)).toEqual(['accepted', 'accepted']);
      const gap = await pushRows(context.app, department, [audit(4)]);
      expect(gap.answer.results[0]).toMatchObject({ status: 'refused', reason: 'audit-gap' });
      const rewrite = await pushRows(context.app, department, [audit(2)]);
      expect(rewrite.answer.results[0]).toMatchObject({ status: 'refused', reason: 'audit-rewrite' });
      const sameRow = start.answer.results[0]!;
      const moved = await pushRows(context.app, department, [row({ kind: 'audit-event', rowId: sameRow.rowId, revision: 2, chainSeq: 5 })]);
      expect(moved.answer.results[0]).toMatchObject({ status: 'refused', reason: 'audit-rewrite' });
      const changed = await pushRows(context.app, department, [row({ kind: 'audit-event', rowId: sameRow.rowId, revision: 1, chainSeq: 1 })]);
      expect(changed.answer.results[0]).toMatchObject({ status: 'refused', reason: 'immutable' });
      const next = await pushRows(context.app, department, [audit(3)]);
      expect(next.answer.results[0]).toMatchObject({ status: 'accepted' });
      const otherChain = await pushRows(context.app, tablet, [audit(1)]);
      expect(otherChain.answer.results[0]).toMatchObject({ status: 'accepted' });
      const missingSeq = await pushRows(context.app, department, [row({ kind: 'audit-event' })]);
      expect(missingSeq.response.statusCode).toBe(400);
    });

    it('a push is one transaction: a failure part-way stores none of its rows', async () => {
      const department = await newDepartment(context.app);
      let inserts = 0;
      const failing: Database = {
        ...context.db,
        transaction: (work) =>
          context.db.transaction((tx) =>
            work({
              exec: (text) => tx.exec(text),
              query: (text, params) => {
                if (text.includes('INSERT INTO rows')) {
                  inserts += 1;
                  if (inserts === 3) throw new Error('disk full');
                }
                return tx.query(text, params);
              },
            }),
          ),
      };
      const app = await makeApp({ db: failing });
      const response = await app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(department.credential), payload: { requestId: randomUUID(), rows: [row(), row(), row()] } });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: 'server-error', message: 'The server could not complete the request.' });
      expect(await storedCount(context.db, department.departmentId)).toBe(0);
      expect(await lastSeq(context.db, department.departmentId)).toBe(0);
    });

    it('pushes racing from two tablets get distinct, gap-free sequence numbers', async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const pushes = await Promise.all(Array.from({ length: 8 }, (_, i) => pushRows(context.app, i % 2 === 0 ? department : tablet, [row(), row()])));
      const seqs = pushes.flatMap((p) => p.answer.results.map((result) => (result.status === 'accepted' ? result.seq : -1))).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    });

    it('an oversized push is 413: more than 500 rows, or more than 4 MB', async () => {
      const department = await newDepartment(context.app);
      const many = await pushRows(context.app, department, Array.from({ length: 501 }, () => row()));
      expect(many.response.statusCode).toBe(413);
      expect(many.answer).toMatchObject({ error: 'too-large' });
      const big = await pushRows(context.app, department, [row({ sealed: 'A'.repeat(4 * 1024 * 1024) })]);
      expect(big.response.statusCode).toBe(413);
      expect(await storedCount(context.db, department.departmentId)).toBe(0);
      const atLimit = await pushRows(context.app, department, Array.from({ length: 500 }, () => row({ kind: 'summary' })));
      expect(atLimit.response.statusCode).toBe(200);
    });

    it('a malformed push is 400 naming the field, and stores nothing', async () => {
      const department = await newDepartment(context.app);
      const cases: unknown[] = [
        { rows: [row()] },
        { requestId: randomUUID(), rows: [row({ kind: 'mash-referral' })] },
        { requestId: randomUUID(), rows: [{ ...row(), sealed: 'not base64!' }] },
        { requestId: randomUUID(), rows: [{ ...row(), clinical: 'x' }] },
        { requestId: 'not-a-uuid', rows: [row()] },
      ];
      for (const payload of cases) {
        const response = await context.app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(department.credential), payload: payload as Record<string, unknown> });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ error: 'bad-request' });
      }
      const notJson = await context.app.inject({ method: 'POST', url: '/api/v1/push', headers: { ...bearer(department.credential), 'content-type': 'application/json' }, payload: '{"requestId":' });
      expect(notJson.statusCode).toBe(400);
      expect(await storedCount(context.db, department.departmentId)).toBe(0);
    });
  });

  describe('purges and receipts', () => {
    it("a tombstone deletes the record's rows but its stub, and a purged row pushed again is refused", async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const recordId = randomUUID();
      const letterId = randomUUID();
      const unrelated = row({ kind: 'summary' });
      const addendum = row({ kind: 'draft', rowId: `${recordId}:conflict:${randomUUID()}:3` });
      const otherAddendum = row({ kind: 'draft', rowId: `${randomUUID()}:conflict:${randomUUID()}:1` });
      await pushRows(context.app, department, [row({ rowId: recordId }), row({ kind: 'summary', rowId: recordId }), row({ kind: 'letter-version', rowId: letterId }), row({ kind: 'stub', rowId: recordId }), unrelated, row({ kind: 'audit-event', chainSeq: 1 })]);
      await pushRows(context.app, tablet, [addendum, otherAddendum]);
      const lateEdit = row({ rowId: recordId, revision: 2 });
      const tombstone = { ...row({ kind: 'tombstone', rowId: recordId }), purges: [{ kind: 'letter-version', rowId: letterId }] };
      const purged = await pushRows(context.app, department, [tombstone]);
      expect(purged.answer.results[0]).toMatchObject({ status: 'accepted' });
      const left = await pullAll(context.app, tablet, 'after=0');
      // The record's conflict addendum (id `<record>:…`, pushed by another tablet, not listed) goes with it; another record's stays.
      expect(left.rows.map((r) => [r.kind, r.rowId === recordId || r.rowId === otherAddendum.rowId])).toEqual([['stub', true], ['summary', false], ['audit-event', false], ['draft', true], ['tombstone', true]]);
      const lateAddendum = row({ kind: 'draft', rowId: `${recordId}:conflict:${randomUUID()}:4` });
      const again = await pushRows(context.app, tablet, [{ ...lateEdit, revision: 1, baseRevision: 0 }, row({ kind: 'letter-version', rowId: letterId }), lateAddendum]);
      expect(again.answer.results.map((result) => result.status === 'refused' && result.reason)).toEqual(['purged', 'purged', 'purged']);
      const badPurge = await pushRows(context.app, department, [{ ...row({ kind: 'tombstone' }), purges: [{ kind: 'audit-event', rowId: randomUUID() }] }]);
      expect(badPurge.response.statusCode).toBe(400);
      const notTombstone = await pushRows(context.app, department, [{ ...row(), purges: [{ kind: 'draft', rowId: randomUUID() }] }]);
      expect(notTombstone.response.statusCode).toBe(400);
    });

    it('receipts are kept 7 days: after that a retry is answered from the rows (identical bytes), still writing nothing twice', async () => {
      const department = await newDepartment(context.app);
      const requestId = randomUUID();
      const rows = [row()];
      await pushRows(context.app, department, rows, requestId);
      clock.ms += 8 * 24 * 60 * 60 * 1000;
      await pushRows(context.app, department, [row()]);
      const receipts = await context.db.query('SELECT 1 FROM push_receipts WHERE request_id = $1', [requestId]);
      expect(receipts).toHaveLength(0);
      const retry = await pushRows(context.app, department, rows, requestId);
      expect(retry.response.headers['idempotent-replay']).toBeUndefined();
      expect(retry.answer.results[0]).toMatchObject({ status: 'accepted', seq: 1 });
      expect(await storedCount(context.db, department.departmentId)).toBe(2);
    });
  });

  describe('pull and rows on demand', () => {
    it('a pull cut off after a batch resumes from its stored cursor: every row once, in seq order', async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const pushed = await pushRows(context.app, department, Array.from({ length: 25 }, (_, i) => row({ kind: i % 5 === 0 ? 'attendance' : 'summary' })));
      const expected = pushed.answer.results.map((result) => result.rowId);
      const first = await pullAll(context.app, tablet, 'after=0&limit=10');
      expect(first).toMatchObject({ cursor: 10, more: true });
      // The connection drops here; the tablet stored cursor 10 with the rows of batch one.
      const seen = first.rows.map((r) => r.rowId);
      let cursor = first.cursor;
      for (;;) {
        const page = await pullAll(context.app, tablet, `after=${cursor}&limit=10`);
        seen.push(...page.rows.map((r) => r.rowId));
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(seen).toEqual(expected);
      expect(cursor).toBe(25);
      const empty = await pullAll(context.app, tablet, `after=${cursor}&limit=10`);
      expect(empty).toEqual({ rows: [], cursor: 25, more: false });
    });

    it('filters by kind, returns what a tablet needs of each row, and never another department’s rows', async () => {
      const department = await newDepartment(context.app);
      const other = await newDepartment(context.app);
      await pushRows(context.app, other, [row({ kind: 'summary' })]);
      const summary = row({ kind: 'summary', nhsIndex: 'AAAAAAAAAAAAAAAAAAAAAA' });
      await pushRows(context.app, department, [row(), summary, row({ kind: 'stub' }), row({ kind: 'letter-version' })]);
      const page = await pullAll(context.app, department, 'after=0&kinds=summary,stub');
      expect(page.rows.map((r) => r.kind)).toEqual(['summary', 'stub']);
      expect(page.rows[0]).toMatchObject({ rowId: summary['rowId'], revision: 1, seq: 2, authorTablet: department.tabletId, sealed: summary['sealed'], nhsIndex: 'AAAAAAAAAAAAAAAAAAAAAA', nameDobIndex: null, signed: false, chainSeq: null });
      const all = await pullAll(context.app, department, 'after=0');
      expect(all.rows).toHaveLength(4);
      const bad = await context.app.inject({ method: 'GET', url: '/api/v1/pull?kinds=referral', headers: bearer(department.credential) });
      expect(bad.statusCode).toBe(400);
      const badLimit = await context.app.inject({ method: 'GET', url: '/api/v1/pull?limit=0', headers: bearer(department.credential) });
      expect(badLimit.statusCode).toBe(400);
    });

    it('rows on demand: every revision of one row, 404 for an unknown row', async () => {
      const department = await newDepartment(context.app);
      const rowId = randomUUID();
      await pushRows(context.app, department, [row({ rowId, revision: 1 })]);
      await pushRows(context.app, department, [row({ rowId, revision: 2 })]);
      const response = await context.app.inject({ method: 'GET', url: `/api/v1/rows/attendance/${rowId}`, headers: bearer(department.credential) });
      expect(response.json<{ rows: PulledRow[] }>().rows.map((r) => r.revision)).toEqual([1, 2]);
      const missing = await context.app.inject({ method: 'GET', url: `/api/v1/rows/attendance/${randomUUID()}`, headers: bearer(department.credential) });
      expect(missing.statusCode).toBe(404);
    });

    it('audit heads: the department’s newest sequence number and each tablet’s newest chain position, never another department’s', async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const other = await newDepartment(context.app);
      const audit = (chainSeq: number) => row({ kind: 'audit-event', chainSeq });
      const heads = async (who: Department) => (await context.app.inject({ method: 'GET', url: '/api/v1/audit-heads', headers: bearer(who.credential) })).json<{ seq: number; chains: { tabletId: string; chainSeq: number }[] }>();
      expect(await heads(department)).toEqual({ seq: 0, chains: [] });
      await pushRows(context.app, department, [audit(1), audit(2), audit(3), row()]);
      await pushRows(context.app, tablet, [audit(1)]);
      await pushRows(context.app, other, [audit(1), audit(2), audit(3), audit(4)]);
      const seen = await heads(tablet);
      expect(seen.seq).toBe(5);
      expect([...seen.chains].sort((x, y) => x.chainSeq - y.chainSeq)).toEqual([{ tabletId: tablet.tabletId, chainSeq: 1 }, { tabletId: department.tabletId, chainSeq: 3 }]);
      const refused = await context.app.inject({ method: 'GET', url: '/api/v1/audit-heads' });
      expect(refused.statusCode).toBe(401);
    });
  });

  describe('edit leases', () => {
    it('one tablet edits at a time: take, refuse, renew, expire, take over and release', async () => {
      const department = await newDepartment(context.app);
      const { tablet } = await enrol(context.app, department);
      const rowId = randomUUID();
      const lease = (who: Department, action: string, holder = 'staff-a') =>
        context.app.inject({ method: 'POST', url: `/api/v1/leases/${rowId}`, headers: bearer(who.credential), payload: { action, holder, ttlSeconds: 300 } });
      const taken = await lease(department, 'take');
      expect(taken.statusCode).toBe(200);
      expect(taken.json()).toMatchObject({ status: 'held', lease: { rowId, tabletId: department.tabletId, holder: 'staff-a' } });
      const refused = await lease(tablet, 'take', 'staff-b');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ status: 'refused', reason: 'held-by-another', lease: { tabletId: department.tabletId, holder: 'staff-a' } });
      expect((await lease(tablet, 'renew', 'staff-b')).statusCode).toBe(409);
      clock.ms += 200_000;
      const renewed = await lease(department, 'renew');
      expect(Date.parse(renewed.json<{ lease: { expiresAt: string } }>().lease.expiresAt)).toBe(clock.ms + 300_000);
      clock.ms += 301_000;
      const afterExpiry = await lease(tablet, 'take', 'staff-b');
      expect(afterExpiry.json()).toMatchObject({ status: 'held', lease: { tabletId: tablet.tabletId } });
      const lost = await lease(department, 'renew');
      expect(lost.json()).toMatchObject({ status: 'refused', reason: 'not-held' });
      const takeOver = await lease(department, 'take-over', 'nurse-in-charge');
      expect(takeOver.json()).toMatchObject({ status: 'held', lease: { tabletId: department.tabletId, holder: 'nurse-in-charge' }, previous: { tabletId: tablet.tabletId, holder: 'staff-b' } });
      expect((await lease(tablet, 'release', 'staff-b')).json()).toEqual({ status: 'released' });
      const stillHeld = await context.app.inject({ method: 'GET', url: `/api/v1/leases/${rowId}`, headers: bearer(tablet.credential) });
      expect(stillHeld.json()).toMatchObject({ lease: { tabletId: department.tabletId } });
      await lease(department, 'release');
      const free = await context.app.inject({ method: 'GET', url: `/api/v1/leases/${rowId}`, headers: bearer(tablet.credential) });
      expect(free.json()).toEqual({ lease: null });
      const other = await newDepartment(context.app);
      const otherView = await context.app.inject({ method: 'POST', url: `/api/v1/leases/${rowId}`, headers: bearer(other.credential), payload: { action: 'take', holder: 'x' } });
      expect(otherView.json()).toMatchObject({ status: 'held', lease: { tabletId: other.tabletId } });
    });
  });

  describe('rate limit per tablet', () => {
    it('answers 429 with Retry-After past the per-minute budget, per tablet', async () => {
      const app = await makeApp({ requestsPerMinute: 5 });
      const department = await newDepartment(app);
      const { tablet } = await enrol(app, department);
      for (let i = 0; i < 4; i += 1) expect((await app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(department.credential) })).statusCode).toBe(200);
      const limited = await app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(department.credential) });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: 'rate-limited' });
      expect((await app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(tablet.credential) })).statusCode).toBe(200);
      clock.ms += 60_000;
      expect((await app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(department.credential) })).statusCode).toBe(200);
    });
  });

  extra?.(context);
}
