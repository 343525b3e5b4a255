/**
 * Two-tablet journeys with one department server (issue 14; design:
 * docs/design/department-sync.md §3, §10).
 *
 * `startDepartmentServer()` runs the real server (`server/src/main.ts`, compiled with
 * `tsc -p server/tsconfig.build.json` to `server/build/`, as `npm run server` does) as a child
 * process on 127.0.0.1, on the built app in `dist/` (it builds nothing: `npm run test:browser`
 * builds first) and an embedded PGlite database in a fresh temporary `DATA_DIR`, and stops it
 * (and deletes the folder) with `stop()`. Use it from a spec's `beforeAll` / `afterAll`:
 *
 *     let server: DepartmentServer;
 *     test.beforeAll(async () => { server = await startDepartmentServer(); });
 *     test.afterAll(async () => { await server.stop(); });
 *
 * The server is compiled at most once per run: the first worker that needs it compiles under a
 * lock folder, and a build newer than every server source is reused.
 *
 * `enrolTwoTablets()` sets up tablet A through the UI (as `support.ts` does), switches sharing
 * on, makes an enrolment code, and joins tablet B (a second browser context: its own
 * IndexedDB) with it, leaving B on its lock screen and A on the department page.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { NURSE, fillDate, fillPatient, londonParts, saveAndContinue, setUpTablet, startAssessment, unlock } from './support';
import type { ChildDetails } from './support';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER_MAIN = join(ROOT, 'server', 'build', 'server', 'src', 'main.js');
const LOCK_DIR = join(ROOT, 'server', 'build.lock');

export interface DepartmentServer {
  /** `http://127.0.0.1:<port>`: the app and the API, one origin. */
  origin: string;
  port: number;
  /** The PGlite data folder (deleted by `stop()`). */
  dataDir: string;
  /** What the server wrote, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function buildIsFresh(): boolean {
  if (!existsSync(SERVER_MAIN)) return false;
  const sources = Math.max(newestMtime(join(ROOT, 'server', 'src')), newestMtime(join(ROOT, 'src', 'pwa', 'security-headers.ts')));
  return statSync(SERVER_MAIN).mtimeMs >= sources;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} failed (${String(code)}):\n${output}`))));
  });
}

const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/** Compiles the server once (workers share the build; a lock folder keeps two from compiling at once). */
async function ensureServerBuilt(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (buildIsFresh()) return;
    try {
      mkdirSync(LOCK_DIR);
    } catch {
      // Another worker is compiling; a lock older than two minutes was left by a killed run.
      if (existsSync(LOCK_DIR) && Date.now() - statSync(LOCK_DIR).mtimeMs > 120_000) rmSync(LOCK_DIR, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('The department server was not compiled within two minutes.');
      await sleep(500);
      continue;
    }
    try {
      if (!buildIsFresh()) await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'server/tsconfig.build.json']);
      return;
    } finally {
      rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

/**
 * Starts the department server on 127.0.0.1 (`port` 0, the default, lets the system choose a
 * free one, so specs in two workers never collide). Resolves once it is listening.
 */
export async function startDepartmentServer(options: { port?: number; env?: Record<string, string> } = {}): Promise<DepartmentServer> {
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ is missing: build the app first (npm run build), as npm run test:browser does.');
  await ensureServerBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'triage-department-'));
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      DATA_DIR: dataDir,
      APP_DIR: join(ROOT, 'dist'),
      LOG_LEVEL: 'info',
      // Journeys claim codes from one address (127.0.0.1) many times a run.
      RATE_LIMIT_CLAIMS_PER_MINUTE: '1000',
      ...options.env,
    },
  });
  let output = '';
  const port = await new Promise<number>((resolvePromise, reject) => {
    // PGlite starts in a second or two; a host with its cores busy (two workers, each with two browsers) took over 30 s once.
    const timer = setTimeout(() => reject(new Error(`The department server did not start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The department server exited (${String(code)}) before listening:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  return {
    origin: `http://127.0.0.1:${String(port)}`,
    port,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
        if (!killed) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Tablet {
  context: BrowserContext;
  page: Page;
}

/** A fresh tablet: its own browser context (own IndexedDB and service worker), London time, en-GB. */
export async function newTablet(browser: Browser): Promise<Tablet> {
  const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB', serviceWorkers: 'allow' });
  const page = await context.newPage();
  return { context, page };
}

/** A member of staff: their name on the lock screen and their own PIN (or passphrase). */
export interface StaffMember {
  name: string;
  pin: string;
}

/** Unlocks as `member`: picks their name when the lock screen lists more than one account. */
export async function unlockAs(page: Page, member: StaffMember = NURSE): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible();
  const choice = page.getByRole('radio', { name: member.name });
  if ((await choice.count()) > 0) await choice.check();
  await unlock(page, member.pin);
}

/** On tablet A (unlocked as the nurse in charge): adds a triage nurse who unlocks with a PIN, as support.ts's journeys do. */
export async function addTriageNurse(page: Page, member: StaffMember): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Staff accounts' }).click();
  await page.getByRole('link', { name: 'Add a member of staff' }).click();
  await page.getByLabel('Full name').fill(member.name);
  await page.getByRole('radio', { name: 'Triage nurse' }).check();
  await page.getByRole('radio', { name: 'Substantive' }).check();
  await page.getByRole('radio', { name: 'PIN', exact: true }).check();
  await page.getByRole('textbox', { name: 'PIN', exact: true }).fill(member.pin);
  await page.getByLabel('Enter it again').fill(member.pin);
  await page.getByRole('button', { name: 'Add member of staff' }).click();
  await expect(page.getByRole('cell', { name: member.name, exact: true })).toBeVisible();
}

/**
 * On tablet A (set up, nurse in charge): switches sharing on from the department page. Loading
 * the page's address locks the app (keys live in memory only); unlocking shows the page asked for.
 */
export async function switchSharingOn(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/settings/department`);
  await unlockAs(page, NURSE);
  await expect(page.getByRole('heading', { name: 'Department sharing', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Share with the department' }).click();
  await page.getByRole('button', { name: "Yes, share this tablet's records" }).click();
  await expect(page.getByRole('heading', { name: 'Tablets in the department' })).toBeVisible({ timeout: 20_000 });
}

/** On tablet A (sharing on): "Add a tablet", and reads the code shown (four groups of four). */
export async function makeEnrolmentCode(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Add a tablet' }).click();
  const code = page.locator('[data-enrolment-code]');
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, { timeout: 20_000 });
  return (await code.textContent()) ?? '';
}

/** On a new tablet's start page: "Join a department", types the code and joins. Does not wait for the outcome. */
export async function enterEnrolmentCode(page: Page, origin: string, code: string): Promise<void> {
  await page.goto(`${origin}/`);
  await expect(page.getByRole('heading', { name: 'Set up this tablet' })).toBeVisible();
  await page.getByRole('link', { name: 'Join a department' }).click();
  await expect(page.getByRole('heading', { name: 'Join a department', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Enrolment code' }).fill(code);
  await page.getByRole('button', { name: 'Join the department' }).click();
}

/** Joins a new tablet with `code` and waits for its lock screen. */
export async function joinDepartment(page: Page, origin: string, code: string): Promise<void> {
  await enterEnrolmentCode(page, origin, code);
  await expect(page.getByRole('heading', { name: 'Unlock Safeguarding Triage' })).toBeVisible({ timeout: 30_000 });
}

export interface EnrolledTablets {
  /** Tablet A: set up, sharing on, unlocked as the nurse in charge (support.ts NURSE). */
  a: Tablet;
  /** Tablet B: joined with the code, on its lock screen (unlock it with `unlockAs(b.page, member)`). */
  b: Tablet;
  /** The code B used (spent). */
  code: string;
}

/**
 * Tablet A set up and sharing; tablet B joined by code. `staff`: triage nurses (PIN) added on A
 * before the code is made, so they unlock B with their own PIN too. Close both contexts in the spec.
 */
export async function enrolTwoTablets(browser: Browser, server: Pick<DepartmentServer, 'origin'>, options: { staff?: StaffMember[] } = {}): Promise<EnrolledTablets> {
  const a = await newTablet(browser);
  await setUpTablet(a.page, server.origin);
  for (const member of options.staff ?? []) await addTriageNurse(a.page, member);
  await switchSharingOn(a.page, server.origin);
  const code = await makeEnrolmentCode(a.page);
  const b = await newTablet(browser);
  await joinDepartment(b.page, server.origin, code);
  return { a, b, code };
}

/** An attendance of `child` (an illness, with `detail`) `daysAgo` days ago, the patient section saved; back on the home screen. */
export async function recordAttendance(page: Page, child: Omit<ChildDetails, 'reason' | 'detail'>, detail: string, daysAgo: number): Promise<void> {
  await page.getByRole('link', { name: 'Home' }).first().click();
  await startAssessment(page);
  await fillPatient(page, { ...child, reason: 'Illness', detail });
  await fillDate(page, 'Arrival date', londonParts(new Date(Date.now() - daysAgo * 86_400_000)).date);
  await saveAndContinue(page);
  await page.getByRole('link', { name: 'Home' }).first().click();
  await expect(page.getByRole('heading', { name: 'Safeguarding assessments' })).toBeVisible();
}

/**
 * Asks each tablet to share now rather than at its next 30-second turn, through the app's own
 * path for a network coming back: the sync engine starts a push and pull at once when the
 * window hears `online` (engine.ts). What a cycle pushes, pulls and refuses is unchanged; only
 * when it starts. The journeys would otherwise spend most of their time waiting for the turn.
 */
export async function shareNow(...pages: Page[]): Promise<void> {
  for (const page of pages) await page.evaluate(() => window.dispatchEvent(new Event('online')));
}

/**
 * Looks the child up by NHS number until the heading says `heading` (the department's rows
 * arrive in the background). Each try first asks `alsoShare` (the tablet the rows come from)
 * and then this tablet to share now.
 */
export async function lookUpUntil(page: Page, nhsNumber: string, heading: string, alsoShare: Page[] = []): Promise<void> {
  await expect(async () => {
    await shareNow(...alsoShare, page);
    await page.getByRole('link', { name: 'Home' }).first().click();
    await page.getByRole('link', { name: "Find a patient's earlier attendances" }).click();
    await page.getByLabel('NHS number (optional)').fill(nhsNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { name: heading })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 120_000, intervals: [1_000] });
}
