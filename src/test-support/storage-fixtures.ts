/**
 * Fixtures for storage tests against the real repositories (fake-indexeddb + WebCrypto):
 * a controllable clock, ids that never repeat across simulated reloads, a set-up tablet,
 * a patient with identifying details, and raw views of the database that bypass the
 * repositories (what someone who copied the browser's storage would see).
 */
import { expect } from 'vitest';
import { withSectionAnswers } from '../domain/assessment/lifecycle';
import type { AssessmentRecord } from '../domain/assessment/record';
import { defaultDeviceSettings } from '../domain/settings/device-settings';
import { TriageDatabase } from '../storage/db';
import { createRepositories } from '../storage/repositories/create-repositories';
import type { RealRepositories } from '../storage/repositories/create-repositories';
import type { AssessmentEditor, LiveValue, NewStaffMember } from '../storage/repositories/types';

/** Tuesday 10 March 2026, 14:00 London time. */
export const START = '2026-03-10T14:00:00.000Z';

export interface TestClock {
  now: () => Date;
  advance: (ms: number) => void;
}

export function testClock(start = START): TestClock {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
}

/** A new, empty database name for each test. */
export function uniqueDatabaseName(): string {
  return `test-${crypto.randomUUID()}`;
}

/**
 * Ids `prefix-1`, `prefix-2` … Share one generator between repository sets on one database.
 * The default prefix is new each time: editing locks are per tab (per test file here), so
 * record ids must not repeat between tests.
 */
export function sequentialIds(prefix = crypto.randomUUID().slice(0, 8)): () => string {
  let counter = 0;
  return () => `${prefix}-${String(++counter)}`;
}

/**
 * `pin` is the nurse in charge's secret: a passphrase since issue 11 (the nurse in charge may
 * not use a PIN). The key keeps its name so the many tests that unlock with it read unchanged.
 */
export const NURSE_IN_CHARGE = { name: 'Alex Morgan', pin: 'harbour lantern orchard' } as const;
export const TRIAGE_NURSE = { name: 'Sam Patel', pin: '735104' } as const;

/** The patient whose details must never appear in clear in storage. */
export const PATIENT = {
  givenName: 'Zephyrine',
  familyName: 'Quillfeather',
  nhsNumber: '943 476 5919',
  nhsDigits: '9434765919',
  dateOfBirth: { day: '14', month: '3', year: '2012' },
  dateOfBirthIso: '2012-03-14',
  childAccount: 'Daddy pushed me off the trampoline by the shed',
} as const;

export interface TestStorage {
  name: string;
  clock: TestClock;
  newId: () => string;
  repos: RealRepositories;
  /** Simulates a page reload: closes these repositories and opens new ones on the same database. */
  reload: () => Promise<RealRepositories>;
}

export async function openTestStorage(name = uniqueDatabaseName(), clock = testClock(), newId = sequentialIds()): Promise<TestStorage> {
  const storage: TestStorage = {
    name,
    clock,
    newId,
    repos: createRepositories({ databaseName: name, now: clock.now, newId }),
    reload: async () => {
      storage.repos.close();
      storage.repos = createRepositories({ databaseName: name, now: clock.now, newId });
      await storage.repos.ready;
      return storage.repos;
    },
  };
  await storage.repos.ready;
  return storage;
}

/** Sets up the tablet with the nurse in charge's passphrase; leaves it unlocked as them. Returns their staff id. */
export async function setUpTablet(repos: RealRepositories): Promise<string> {
  const result = await repos.device.setUp({
    settings: { ...defaultDeviceSettings(), siteName: "Queen's Medical Centre ED", siteType: 'ED' },
    firstStaff: { name: NURSE_IN_CHARGE.name, staffGroup: 'substantive', agencyName: '', registrationNumber: '', secretKind: 'passphrase', secret: NURSE_IN_CHARGE.pin },
  });
  if (!result.ok) throw new Error(`set-up failed: ${result.error.kind}`);
  return result.value.id;
}

export const triageNurse = (overrides: Partial<NewStaffMember> = {}): NewStaffMember => ({
  name: TRIAGE_NURSE.name,
  role: 'triage-nurse',
  staffGroup: 'bank',
  agencyName: '',
  registrationNumber: '',
  secretKind: 'pin',
  secret: TRIAGE_NURSE.pin,
  ...overrides,
});

/** The record with the test patient's name, date of birth, NHS number and the child's account. */
export function withPatient(record: AssessmentRecord): AssessmentRecord {
  const at = record.updatedAt;
  const withDetails = withSectionAnswers(
    record,
    'patient',
    { ...record.answers.patient, givenName: PATIENT.givenName, familyName: PATIENT.familyName, dateOfBirth: { ...PATIENT.dateOfBirth }, nhsNumber: PATIENT.nhsNumber },
    at,
    record.updatedBy,
  );
  return withSectionAnswers(withDetails, 'accounts', { ...withDetails.answers.accounts, childAccount: PATIENT.childAccount }, at, record.updatedBy);
}

/** Creates an attendance and saves the test patient into it. Returns the open editor. */
export async function createPatientAttendance(repos: RealRepositories): Promise<AssessmentEditor> {
  const created = await repos.attendances.create();
  if (!created.ok) throw new Error(`create failed: ${created.error.kind}`);
  const opened = await repos.attendances.open(created.value.id);
  if (!opened.ok) throw new Error(`open failed: ${opened.error.kind}`);
  const saved = await opened.value.update((record) => withPatient(record));
  if (!saved.ok) throw new Error(`save failed: ${saved.error.kind}`);
  return opened.value;
}

/** The first value a live value emits (then unsubscribes). */
export function firstValue<T>(live: LiveValue<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = live.subscribe(
      (value) => {
        resolve(value);
        // Runs after subscribe() has returned, even when the first value came synchronously.
        queueMicrotask(() => {
          subscription.unsubscribe();
        });
      },
      (error) => {
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Every value, bytes included, as text: byte arrays are decoded as UTF-8 and as Latin-1 so clear text inside them shows. */
export function serialiseForSearch(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof ArrayBuffer) item = new Uint8Array(item);
    if (ArrayBuffer.isView(item)) {
      const bytes = new Uint8Array(item.buffer, item.byteOffset, item.byteLength);
      return `${new TextDecoder('utf-8').decode(bytes)}|${String.fromCharCode(...bytes)}`;
    }
    return item;
  });
}

/** Every row of every table, read straight from IndexedDB with a second connection (no repository, no key). */
export async function rawTables(name: string): Promise<Record<string, unknown[]>> {
  const db = new TriageDatabase(name);
  try {
    const tables: Record<string, unknown[]> = {};
    for (const table of db.tables) tables[table.name] = await table.toArray();
    return tables;
  } finally {
    db.close();
  }
}

/** Changes raw rows with a second connection, bypassing the repositories. */
export async function tamper(name: string, change: (db: TriageDatabase) => Promise<unknown>): Promise<void> {
  const db = new TriageDatabase(name);
  try {
    await change(db);
  } finally {
    db.close();
  }
}

/*
 * Typed asymmetric matchers: vitest's expect.objectContaining and friends return `any`,
 * which the lint rules refuse inside object literals.
 */
export const like = <T extends object>(partial: T): T => expect.objectContaining<object>(partial) as T;
export const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;
export const anyString = (): string => expect.any(String) as string;
export const anyNumber = (): number => expect.any(Number) as number;
