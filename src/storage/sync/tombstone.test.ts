/**
 * Purges travelling as sealed tombstones with their stubs (tombstone.ts, travel-stub.ts;
 * issue 14 clarification "Purges travel as tombstones; the server keeps nothing of a purged
 * record beyond its stub"; hazard H13): two tablets A and B on their own fake-indexeddb
 * databases, sharing the department's secret through the real enrolment, against the real
 * department server (PGlite) in this process.
 */
import { describe, expect, it } from 'vitest';
import { lookUpFlags } from '../../domain/assessment/patient-look-up';
import { runLookUp } from '../../features/lookup/run-look-up';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { twoTablets } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { readDays } from '../repositories/day-index';
import type { IssueLetterRequest } from '../repositories/types';
import { PATIENT, createPatientAttendance, firstValue, like, rawTables, serialiseForSearch } from '../../test-support/storage-fixtures';
import { readReport } from './engine-state';
import { rowKey } from './engine-wire';
import { readEnrolment } from './enrolment-state';
import { callApi } from './http';
import { sealTombstone } from './tombstone';
import { sealAddendum } from './conflict';
import { gpLetterDueBySummary } from './letters-due';
import { complianceAudit } from '../../domain/oversight/compliance-audit';

const server = departmentServerForThisFile();
const DAY_MS = 86_400_000;

type Tablet = DepartmentTablet;
const department = () => twoTablets(server, { settled: true });

/** A signed attendance of the test patient on A, every letter it needs issued and a liaison review recorded: what the purge lets go. */
async function finishedOn(a: Tablet): Promise<string> {
  const editor = await createPatientAttendance(a.repos);
  expect((await editor.sign()).ok).toBe(true);
  editor.close();
  const unlocked = a.repos.internals.vault.peek();
  if (!unlocked) throw new Error('locked');
  const entry = (await readDays(a.repos.internals, unlocked, { fromInstant: '2000-01-01T00:00:00.000Z', toInstant: '2100-01-01T00:00:00.000Z' })).find((each) => each.id === editor.id);
  for (const kind of entry?.summary.letters ?? []) {
    const request = { attendanceId: editor.id, kind, choices: { slots: {}, restricted: {} }, compose: () => ({ document: { title: kind, blocks: [] }, restrictedCategories: [] }) } as unknown as IssueLetterRequest;
    expect((await a.repos.letters.issue(request)).ok).toBe(true);
  }
  expect((await a.repos.liaison.recordReview(editor.id, { action: 'no-further-action', note: 'Reviewed on A' })).ok).toBe(true);
  return editor.id;
}

const serverRows = (id: string) => server.db().query<{ kind: string; row_id: string }>('SELECT kind, row_id FROM rows WHERE row_id = $1 ORDER BY kind', [id]);
/** The rows of a kind at the server in A's department (the server is shared by this file's tests). */
const kindCount = async (a: Tablet, kind: string) => (await server.db().query('SELECT 1 FROM rows WHERE kind = $1 AND department_id = $2', [kind, (await readEnrolment(a.repos.internals.db))?.departmentId ?? ''])).length;

describe('GP letters due across the department', () => {
  it("B's home lists A's attendance whose GP letter is due, marked as another tablet's, and drops it once A issues the letter; B's audit then counts it as issued", async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    expect((await editor.sign()).ok).toBe(true);
    editor.close();
    await a.engine.syncNow();
    await b.engine.syncNow();
    const dueOnB = async () => (await firstValue(b.repos.letters.awaitingGpLetter())).filter((summary) => summary.id === editor.id);
    const listed = await dueOnB();
    expect(listed.map((summary) => [summary.letters.includes('gp'), summary.lettersIssued?.gpFirstIssuedAt, summary.sharedFrom?.tabletId])).toEqual([[true, '', a.deviceId]]);

    a.clock.advance(60 * 60_000);
    const request = { attendanceId: editor.id, kind: 'gp', choices: { slots: {}, restricted: {} }, compose: () => ({ document: { title: 'gp', blocks: [] }, restrictedCategories: [] }) } as unknown as IssueLetterRequest;
    expect((await a.repos.letters.issue(request)).ok).toBe(true);
    // Still due on B until A shares: B's list is as late as any department fact, never earlier than the letter.
    expect(await dueOnB()).toHaveLength(1);
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await dueOnB()).toEqual([]);

    const inputs = await b.repos.attendances.complianceAuditInputs({ start: '2026-03-10T00:00:00.000Z', end: '2026-03-11T00:00:00.000Z' });
    if (!inputs.ok) throw new Error(inputs.error.kind);
    expect(inputs.value.filter((item) => item.summary.id === editor.id).map((item) => [item.recordedElsewhere, item.gpLetterIssuedAt])).toEqual([[true, '2026-03-10T15:00:00.000Z']]);
    const report = complianceAudit(inputs.value, { from: '2026-03-10', to: '2026-03-10', site: '', staffGroup: 'all' }, '2026-03-12T18:00:00.000Z');
    expect(report.indicators.find((each) => each.id === 'gp-letter-24h')).toMatchObject({ numerator: 1, denominator: 1 });
  }, 60_000);

  it('a summary that does not say which letters are issued (older, or its letters did not open) is never listed as due', () => {
    const signed = { status: 'signed' as const, letters: ['gp' as const] };
    expect(gpLetterDueBySummary({ ...signed, lettersIssued: { kinds: [], gpFirstIssuedAt: '' } })).toBe(true);
    expect(gpLetterDueBySummary({ ...signed, lettersIssued: { kinds: ['gp'], gpFirstIssuedAt: '2026-03-10T15:00:00.000Z' } })).toBe(false);
    expect(gpLetterDueBySummary({ ...signed, lettersIssued: undefined })).toBe(false);
    expect(gpLetterDueBySummary({ ...signed, lettersIssued: null })).toBe(false);
    expect(gpLetterDueBySummary({ status: 'in-progress', letters: ['gp'], lettersIssued: { kinds: [], gpFirstIssuedAt: '' } })).toBe(false);
  });
});

describe('purges travel as sealed tombstones with their stubs', () => {
  it('A purges: B removes the record but finds the stub in the look-up and counts it in 3 or more in 12 months; nothing else of it is left on B or the server', async () => {
    const { a, b } = await department();
    const purged = await finishedOn(a);
    await a.engine.syncNow();
    await b.engine.syncNow();
    // B's liaison nurse reviews A's attendance too: B's own review row, pushed as B's row at the server.
    expect((await b.repos.liaison.recordReview(purged, { action: 'no-further-action', note: 'Reviewed on B' })).ok).toBe(true);
    await b.engine.syncNow();
    expect(await b.repos.internals.db.departmentRows.get(rowKey('summary', purged))).toBeDefined();
    expect((await kindCount(a, 'liaison-review'))).toBe(2);
    expect((await kindCount(a, 'letter-version'))).toBeGreaterThan(0);

    // A conflict addendum of it held on both tablets (rows `draft <attendance>:…`, conflict.ts), reconciled (one not reconciled holds the purge back): it goes with the record.
    const addendumId = `${purged}:conflict:${b.deviceId}:2`;
    const unlockedB = b.repos.internals.vault.peek();
    const openedOnA = await a.repos.attendances.open(purged);
    if (!unlockedB || !openedOnA.ok) throw new Error('B locked, or the record does not open on A');
    const record = openedOnA.value.record();
    openedOnA.value.close();
    const edit = { v: 1 as const, attendanceId: purged, tabletId: b.deviceId, editedAt: record.updatedAt, editedBy: record.updatedBy, localRevision: 2, serverRevision: 2, record, reconciled: { at: record.updatedAt, by: record.updatedBy } };
    const addendum = await sealAddendum(unlockedB, edit, addendumId, 2, b.deviceId);
    await a.repos.internals.db.departmentRows.put(addendum);
    await b.repos.internals.db.departmentRows.put(addendum);

    a.clock.advance(31 * DAY_MS);
    b.clock.advance(31 * DAY_MS);
    const outcome = await a.repos.retention.purge();
    expect(outcome.ok && outcome.value.purged).toBe(1);
    expect(await a.repos.internals.db.departmentRows.get(addendum.key)).toBeUndefined();
    // Two more attendances of the same patient on A: with the purged one's stub, three in 12 months.
    for (let each = 0; each < 2; each += 1) (await createPatientAttendance(a.repos)).close();
    await a.engine.syncNow();

    // The server keeps the stub and the tombstone of it and nothing else: no record, summary, letter version or review row (either tablet's).
    expect((await serverRows(purged)).map((row) => row.kind)).toEqual(['stub', 'tombstone']);
    expect((await kindCount(a, 'letter-version'))).toBe(0);
    expect((await kindCount(a, 'liaison-review'))).toBe(0);

    await b.engine.syncNow();
    const bdb = b.repos.internals.db;
    const found = await runLookUp(b.repos.attendances, { nhsNumber: PATIENT.nhsDigits });
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.matches.find((summary) => summary.id === purged)).toEqual(like({ retainedStub: like({ nhs: 'same', nameDob: 'same' }) }));
    expect(found.value.matches).toHaveLength(3);
    expect(lookUpFlags(found.value.matches, b.clock.now().toISOString()).find((flag) => flag.kind === 'frequent')?.text).toBe('3 or more attendances in 12 months (3)');
    const byName = await runLookUp(b.repos.attendances, { familyName: PATIENT.familyName, dateOfBirth: PATIENT.dateOfBirthIso });
    expect(byName.ok && byName.value.matches.map((summary) => summary.id)).toContain(purged);

    // Nothing of the purged attendance is left on B beyond its stub: no cached summary or record, no review (B's own or A's),
    // no entry on the liaison list; its id only on the stub row and on the acknowledgements that mark the stub and tombstone held.
    const tables = await rawTables(b.databaseName);
    const naming: Record<string, number> = {};
    for (const [table, rows] of Object.entries(tables)) {
      const count = rows.filter((row) => serialiseForSearch(row).includes(purged)).length;
      if (count > 0) naming[table] = count;
    }
    expect(naming).toEqual({ retainedStubs: 1, syncPushed: 2, audit: 1 });
    expect((tables['audit'] ?? []).filter((row) => serialiseForSearch(row).includes(purged)).map((row) => (row as { type: string }).type)).toEqual(['liaison-reviewed']);
    expect(await bdb.liaisonReviews.get(purged)).toBeUndefined();
    const listed = await firstValue(b.repos.liaison.list({ fromInstant: '2026-03-01T00:00:00.000Z', toInstant: '2026-04-30T00:00:00.000Z' }));
    expect(listed.ok && listed.value.summaries.map((summary) => summary.id)).not.toContain(purged);
    expect(listed.ok && listed.value.reviews.map((record) => record.attendanceId)).not.toContain(purged);
    const events = await b.repos.audit.all();
    expect(events.ok && events.value.filter((event) => event.type === 'purge').map((event) => event.detail)).toEqual(['1 attendance purged on another tablet of the department removed from this tablet, each leaving its sealed stub for look-ups']);
    // The stub's look-up flags travelled sealed: no name, no NHS number at the server.
    const dump = (await server.db().query<{ sealed: Uint8Array }>('SELECT sealed FROM rows WHERE row_id = $1', [purged])).map((row) => Buffer.from(row.sealed).toString()).join('\n');
    for (const clear of [PATIENT.familyName, PATIENT.givenName, PATIENT.nhsDigits]) expect(dump).not.toContain(clear);
  }, 90_000);

  it('attack: a tombstone sealed with the key by a tablet that did not record the attendance is refused, reported and audited; the attendance stays', async () => {
    const { a, b } = await department();
    const editor = await createPatientAttendance(a.repos);
    editor.close();
    await a.engine.syncNow();
    await b.engine.syncNow();
    // Someone unlocked on A (the key) makes a tombstone claiming B's attendance... here the other way: a tombstone
    // for A's attendance sealed as B, naming B as the recording tablet, pushed with B's credential, received by A.
    const unlockedB = b.repos.internals.vault.peek();
    if (!unlockedB) throw new Error('locked');
    const sealed = await sealTombstone(unlockedB, { attendanceId: editor.id, recordedOn: b.deviceId, arrivedOn: '2026-03-10', purgedAt: b.clock.now().toISOString() });
    const pushed = await callApi<{ results: { status: string }[] }>('POST', '/api/v1/push', { requestId: crypto.randomUUID(), rows: [{ kind: 'tombstone', rowId: editor.id, revision: 1, baseRevision: null, sealed, purges: [] }] }, { origin: server.origin(), credential: b.credential });
    expect(pushed.ok && pushed.value.results[0]?.status).toBe('accepted');
    await a.engine.syncNow();
    // A's own attendance: never purged by another tablet's tombstone.
    expect(await a.repos.internals.db.attendances.get(editor.id)).toBeDefined();
    expect((await readReport(a.repos.internals.db)).tampered).toContain(`${rowKey('tombstone', editor.id)} revision 1`);
    const events = await a.repos.audit.all();
    expect(events.ok && events.value.some((event) => event.type === 'tamper-detected' && event.entityId === editor.id)).toBe(true);
  }, 60_000);
});
