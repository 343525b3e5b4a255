/**
 * Tablets of one department for the storage tests of department sharing: each on its own
 * fake-indexeddb database and clock, talking to the department server this test file runs
 * (department-server.ts), enrolled the real way (the first tablet switches sharing on, the
 * next joins with a code the first makes) and unlocked by the nurse in charge. A test that
 * needs a network it can cut passes its own `fetch`.
 */
import type { RealRepositories } from '../storage/repositories/create-repositories';
import { createRepositories } from '../storage/repositories/create-repositories';
import type { SyncEngine } from '../storage/sync/engine';
import { readEnrolment } from '../storage/sync/enrolment-state';
import type { DepartmentServerForTests } from './department-server';
import { NURSE_IN_CHARGE, firstValue, setUpTablet, testClock, uniqueDatabaseName } from './storage-fixtures';
import type { TestClock } from './storage-fixtures';

export interface OpenedTablet {
  repos: RealRepositories;
  clock: TestClock;
  databaseName: string;
  /** Where this tablet hears the browser's 'online'. */
  online: EventTarget;
}

export interface DepartmentTablet extends OpenedTablet {
  engine: SyncEngine;
  /** The tablet's id at the server: its database's device id. */
  deviceId: string;
  credential: string;
}

export interface TabletOptions {
  clock?: TestClock;
  /** The tablet's network (default the real `fetch` to the server). */
  fetch?: typeof fetch;
  databaseName?: string;
}

/** Opens a tablet's repositories pointed at the server, syncing only when the test asks (hourly otherwise). */
export async function openTablet(server: DepartmentServerForTests, options: TabletOptions = {}): Promise<OpenedTablet> {
  const clock = options.clock ?? testClock();
  const databaseName = options.databaseName ?? uniqueDatabaseName();
  const online = new EventTarget();
  const network = options.fetch ?? fetch;
  const repos = createRepositories({
    databaseName,
    now: clock.now,
    newId: () => crypto.randomUUID(),
    departmentApi: { fetch: network, origin: server.origin() },
    sync: { fetch: network, origin: server.origin(), random: () => 0.5, onlineTarget: online, intervalMs: 3_600_000 },
  });
  await repos.ready;
  server.keep(repos);
  return { repos, clock, databaseName, online };
}

/** Waits for the sync engine an enrolled tablet starts by itself. */
export async function withEngine(opened: OpenedTablet): Promise<DepartmentTablet> {
  for (let tries = 0; tries < 200 && !(await opened.repos.sync?.loaded()); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  const engine = await opened.repos.sync?.loaded();
  const enrolment = await readEnrolment(opened.repos.internals.db);
  if (!engine || !enrolment) throw new Error('the engine did not start');
  return { ...opened, engine, deviceId: enrolment.tabletId, credential: enrolment.credential };
}

/** Unlocks as a member of staff (locking first when someone is signed in); false when refused. */
export async function tryUnlockAs(repos: RealRepositories, who: { name: string; pin: string } = NURSE_IN_CHARGE): Promise<boolean> {
  if (repos.session.current().status === 'unlocked') await repos.session.lock('manual');
  const member = (await firstValue(repos.staff.list())).find((each) => each.name === who.name);
  if (!member) return false;
  return (await repos.session.unlock(member.id, who.pin)).ok;
}

export async function unlockAs(repos: RealRepositories, who: { name: string; pin: string } = NURSE_IN_CHARGE): Promise<void> {
  if (!(await tryUnlockAs(repos, who))) throw new Error(`${who.name} did not unlock`);
}

/** A set-up tablet that switched sharing on: the department's first. `beforeSharing` runs after set-up. */
export async function firstTablet(
  server: DepartmentServerForTests,
  options: TabletOptions & { beforeSharing?: (repos: RealRepositories) => Promise<unknown> } = {},
): Promise<DepartmentTablet> {
  const opened = await openTablet(server, options);
  await setUpTablet(opened.repos);
  await options.beforeSharing?.(opened.repos);
  const on = await opened.repos.department.switchSharingOn();
  if (!on.ok) throw new Error(`switch on failed: ${on.error.message}`);
  return withEngine(opened);
}

/** A new tablet joined with a code made on `by`, unlocked by the nurse in charge. */
export async function joinedTablet(server: DepartmentServerForTests, by: DepartmentTablet, options: TabletOptions = {}): Promise<DepartmentTablet> {
  const code = await by.repos.department.makeEnrolmentCode();
  if (!code.ok) throw new Error(`no code: ${code.error.message}`);
  const opened = await openTablet(server, options);
  const joined = await opened.repos.department.join(code.value.code);
  if (!joined.ok) throw new Error(`join failed: ${joined.error.message}`);
  await unlockAs(opened.repos);
  return withEngine(opened);
}

/**
 * Each tablet shares what it holds now. A sync already running (the engine's timer, or one a
 * write started) answers a call made during it, and may have read before the write the test
 * just made: the second call starts a cycle after it.
 */
export async function share(...tablets: DepartmentTablet[]): Promise<void> {
  for (const tablet of tablets) {
    await tablet.engine.syncNow();
    await tablet.engine.syncNow();
  }
}

/**
 * Tablets A and B of one department. `settled`: both have finished a sync before the test
 * goes on (each engine starts one by itself), so what the test does next goes in the next
 * sync, never raced by one already running.
 */
export async function twoTablets(
  server: DepartmentServerForTests,
  options: { a?: TabletOptions; b?: TabletOptions; beforeSharing?: (repos: RealRepositories) => Promise<unknown>; settled?: boolean } = {},
): Promise<{ a: DepartmentTablet; b: DepartmentTablet }> {
  const a = await firstTablet(server, { ...options.a, ...(options.beforeSharing ? { beforeSharing: options.beforeSharing } : {}) });
  const b = await joinedTablet(server, a, options.b);
  if (options.settled) {
    await a.engine.syncNow();
    await b.engine.syncNow();
  }
  return { a, b };
}
