/**
 * The department server (server/src/app.ts on an in-memory PGlite, migrated) in this process,
 * on an ephemeral loopback port, for the storage tests of department sharing: one per test
 * file, started before its tests and stopped after them, and every tablet a test opened closed
 * after that test (their sync engines stop with them). Tests that act as the server's operator
 * or as an attacker reach its database and its routes directly through `db()` and `app()`.
 * `options.now`: the server's clock (a lease's expiry, storage/sync/lease.test.ts).
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildServer } from '../../server/src/app.ts';
import { openPglite } from '../../server/src/db.ts';
import type { Database } from '../../server/src/db.ts';
import { migrate } from '../../server/src/migrate.ts';
import type { RealRepositories } from '../storage/repositories/create-repositories';

export interface DepartmentServerForTests {
  /** `http://127.0.0.1:<port>` once the server listens (read it inside a test). */
  origin(): string;
  db(): Database;
  app(): FastifyInstance;
  /** Closes these repositories after the current test. */
  keep(repos: RealRepositories): void;
}

/** Registers the server's start and stop, and the closing of tablets, in the calling test file. */
export function departmentServerForThisFile(options: { now?: () => Date } = {}): DepartmentServerForTests {
  let started: { origin: string; db: Database; app: FastifyInstance } | undefined;
  const opened: RealRepositories[] = [];
  const running = () => {
    if (!started) throw new Error('the department server has not started: use it inside a test');
    return started;
  };
  beforeAll(async () => {
    const db = await openPglite(undefined);
    await migrate(db);
    const app = await buildServer({ db, claimsPerMinute: 10_000, requestsPerMinute: 100_000, ...(options.now ? { now: options.now } : {}) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    started = { origin: `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`, db, app };
  }, 120_000);
  afterEach(() => {
    for (const repos of opened.splice(0)) repos.close();
  });
  afterAll(async () => {
    await started?.app.close();
    await started?.db.close();
  });
  return {
    origin: () => running().origin,
    db: () => running().db,
    app: () => running().app,
    keep: (repos) => {
      opened.push(repos);
    },
  };
}
