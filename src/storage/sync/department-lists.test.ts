/**
 * The liaison review list and the compliance audit over the department (issue 14; CQC
 * recommendations 1.5 and 3.5): two tablets A and B on their own fake-indexeddb databases,
 * sharing the department's secret through the real enrolment, against the department server
 * (server/src/app.ts on PGlite) in this process, as engine.test.ts does.
 */
import { describe, expect, it } from 'vitest';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { twoTablets, unlockAs } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { complianceAudit } from '../../domain/oversight/compliance-audit';
import { createPatientAttendance, firstValue, rawTables, serialiseForSearch } from '../../test-support/storage-fixtures';
import { DEPARTMENT_DAYS_BUILT_KEY, DEPARTMENT_DAY_PREFIX } from './department-days';
import { readEnrolment } from './enrolment-state';

const server = departmentServerForThisFile();

type Tablet = DepartmentTablet;
const department = () => twoTablets(server);

/** The test clock's day (START is 2026-03-10T14:00Z). */
const DAY = { fromInstant: '2026-03-10T00:00:00.000Z', toInstant: '2026-03-11T00:00:00.000Z' };
const AUDIT_FILTER = { from: '2026-03-10', to: '2026-03-10', site: '', staffGroup: 'all' } as const;

describe('the liaison review list and the compliance audit over the department', () => {
  it("A's attendance of a child is on B's liaison list marked as another tablet's; B's liaison nurse records a review kept on B, audited as another tablet's attendance", async () => {
    const { a, b } = await department();
    const child = await createPatientAttendance(a.repos);
    const own = await createPatientAttendance(b.repos);
    await a.engine.syncNow();
    await b.engine.syncNow();

    const listed = await firstValue(b.repos.liaison.list(DAY));
    if (!listed.ok) throw new Error(listed.error.kind);
    const byId = new Map(listed.value.summaries.map((summary) => [summary.id, summary]));
    expect(byId.get(child.id)?.sharedFrom).toBeDefined();
    expect(byId.get(own.id)?.sharedFrom).toBeUndefined();
    expect(byId.get(child.id)?.ageYears).toBe(13);
    // A's own list is A's attendance only, unmarked (B's attendance is on A's list too, marked, once A pulls).
    const onA = await firstValue(a.repos.liaison.list(DAY));
    expect(onA.ok && onA.value.summaries.map((summary) => [summary.id, summary.sharedFrom])).toEqual([[child.id, undefined]]);

    const reviewed = await b.repos.liaison.recordReview(child.id, { action: 'no-further-action', note: 'Seen on the list from A' });
    expect(reviewed.ok).toBe(true);
    const after = await firstValue(b.repos.liaison.list(DAY));
    expect(after.ok && after.value.reviews.map((record) => [record.attendanceId, record.reviews.map((review) => review.note)])).toEqual([[child.id, ['Seen on the list from A']]]);

    // The review is B's own sealed row about A's attendance id; the audit event's words (sealed) say whose attendance it was.
    const tables = await rawTables(b.databaseName);
    expect((tables['liaisonReviews'] ?? []).map((row) => (row as { attendanceId: string }).attendanceId)).toEqual([child.id]);
    expect(serialiseForSearch(tables['liaisonReviews'])).not.toContain('Seen on the list');
    const events = await b.repos.audit.all();
    if (!events.ok) throw new Error(events.error.kind);
    expect(events.value.filter((event) => event.type === 'liaison-reviewed').map((event) => [event.entityId, event.detail])).toEqual([[child.id, 'Paediatric liaison review recorded of an attendance recorded on another tablet of the department']]);
    // Not on A before B shares.
    const beforeShare = await firstValue(a.repos.liaison.list(DAY));
    expect(beforeShare.ok && beforeShare.value.reviews).toEqual([]);
  }, 60_000);

  it("reviews travel: a review recorded on A of its attendance shows on B's list beside the department entry, and one recorded on B shows on A's; each tablet's is its own row, sealed", async () => {
    const { a, b } = await department();
    const child = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const notesOn = async (tablet: Tablet) => {
      const listed = await firstValue(tablet.repos.liaison.list(DAY));
      if (!listed.ok) throw new Error(listed.error.kind);
      return listed.value.reviews.filter((record) => record.attendanceId === child.id).flatMap((record) => record.reviews.map((review) => review.note));
    };
    expect((await a.repos.liaison.recordReview(child.id, { action: 'no-further-action', note: 'Reviewed on A' })).ok).toBe(true);
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await notesOn(b)).toEqual(['Reviewed on A']);

    b.clock.advance(60_000);
    expect((await b.repos.liaison.recordReview(child.id, { action: 'escalated', note: 'Reviewed on B' })).ok).toBe(true);
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect(await notesOn(a)).toEqual(['Reviewed on A', 'Reviewed on B']);
    expect(await notesOn(b)).toEqual(['Reviewed on A', 'Reviewed on B']);

    // Two rows at the server, one per reviewing tablet, under ids that do not name the attendance; nothing of the review in clear.
    // This department's (the server is shared by this file's tests).
    const departmentId = (await readEnrolment(a.repos.internals.db))?.departmentId ?? '';
    const rows = await server.db().query<{ row_id: string; author_tablet: string; sealed: Uint8Array }>('SELECT row_id, author_tablet, sealed FROM rows WHERE kind = $1 AND department_id = $2', ['liaison-review', departmentId]);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.author_tablet)).size).toBe(2);
    for (const row of rows) expect(row.row_id).not.toContain(child.id);
    const text = rows.map((row) => Buffer.from(row.sealed).toString()).join('\n');
    for (const clear of ['Reviewed on', 'escalated', child.id]) expect(text).not.toContain(clear);
  }, 60_000);

  it("the compliance audit on B counts A's attendance, says how many came from other tablets, counts its GP letter from its summary, and times its review recorded on A", async () => {
    const { a, b } = await department();
    const child = await createPatientAttendance(a.repos);
    await child.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, concernLevel: 'suspect', referral: 'made' } } }));
    await a.engine.syncNow();
    await b.engine.syncNow();
    const inputs = await b.repos.attendances.complianceAuditInputs({ start: DAY.fromInstant, end: DAY.toInstant });
    if (!inputs.ok) throw new Error(inputs.error.kind);
    expect(inputs.value.map((item) => [item.summary.id, item.recordedElsewhere, item.site])).toEqual([[child.id, true, '']]);
    // Two days later, so the GP letter and the liaison review have fallen due: the other tablet's attendance is counted in both. Its summary
    // says which letters are issued (version 9): none, so the GP letter counts as not issued in 24 hours.
    const report = complianceAudit(inputs.value, AUDIT_FILTER, '2026-03-12T18:00:00.000Z');
    expect(report.counted).toBe(1);
    expect(report.fromOtherTablets).toBe(1);
    const indicator = (id: string) => report.indicators.find((each) => each.id === id);
    expect(indicator('suspect-referral')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(indicator('gp-letter-24h')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(indicator('liaison-review')).toMatchObject({ numerator: 0, denominator: 1 });
    // Reviewed on A the same day: the review travels, and B's audit times it.
    expect((await a.repos.liaison.recordReview(child.id, { action: 'referral', note: '' })).ok).toBe(true);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const after = await b.repos.attendances.complianceAuditInputs({ start: DAY.fromInstant, end: DAY.toInstant });
    if (!after.ok) throw new Error(after.error.kind);
    const reviewed = complianceAudit(after.value, AUDIT_FILTER, '2026-03-12T18:00:00.000Z');
    expect(reviewed.indicators.find((each) => each.id === 'liaison-review')).toMatchObject({ numerator: 1, denominator: 1 });
  }, 60_000);

  it('pulled while B was locked, the attendance is on the list after the unlock; a missing or damaged day row is built again from the summaries held', async () => {
    const { a, b } = await department();
    await b.repos.session.lock('manual');
    const child = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    await b.engine.syncNow();
    await unlockAs(b.repos);
    await b.engine.afterUnlock();
    const ids = async () => {
      const listed = await firstValue(b.repos.liaison.list(DAY));
      return listed.ok ? listed.value.summaries.map((summary) => summary.id) : [];
    };
    expect(await ids()).toEqual([child.id]);

    // The day row lost (and the marker with it): the next unlock builds it from the held summary.
    const bdb = b.repos.internals.db;
    const dayKeys = await bdb.meta.where('key').startsWith(DEPARTMENT_DAY_PREFIX).primaryKeys();
    expect(dayKeys).toEqual([`${DEPARTMENT_DAY_PREFIX}2026-03-10`]);
    // The day is as coarse as an attendance's own arrival day; nothing else of the patient is in clear.
    expect(serialiseForSearch(await bdb.meta.bulkGet(dayKeys))).not.toContain('Quillfeather');
    await bdb.meta.bulkDelete([...dayKeys, DEPARTMENT_DAYS_BUILT_KEY]);
    expect(await ids()).toEqual([]);
    await b.engine.afterUnlock();
    expect(await ids()).toEqual([child.id]);

    // A day row changed outside the app does not open: the list reads every held summary instead (never hides), and asks for the build.
    await bdb.meta.put({ key: `${DEPARTMENT_DAY_PREFIX}2026-03-10`, value: (await bdb.meta.get('worklist:department'))?.value ?? 'damaged' });
    expect(await ids()).toEqual([child.id]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await bdb.meta.get(DEPARTMENT_DAYS_BUILT_KEY)).toBeUndefined();
    await b.engine.afterUnlock();
    expect(await ids()).toEqual([child.id]);
  }, 60_000);

  it("a referral planned on A whose list update B lost (the tab closed between the pull and the list) is on B's Referrals to make again from the next unlock", async () => {
    const { a, b } = await department();
    const planned = { concernLevel: 'suspect' as const, referral: 'next-working-day' as const, referralNextDayBy: 'Sam Patel', referralNextDayDate: { day: '11', month: '3', year: '2026' }, referralNextDayTime: '09:00' };
    const child = await createPatientAttendance(a.repos);
    await child.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, ...planned } } }));
    await a.engine.syncNow();
    await b.engine.syncNow();
    const toMake = async () => (await firstValue(b.repos.attendances.referralsToMake())).map((row) => row.id);
    expect(await toMake()).toEqual([child.id]);

    // What a tab closing mid-pull leaves: the summary held, its note never written to the list, and the
    // marker taken away before the pull (engine.ts) never put back.
    const bdb = b.repos.internals.db;
    await bdb.meta.bulkDelete(['worklist:department', DEPARTMENT_DAYS_BUILT_KEY]);
    expect(await toMake()).toEqual([]);
    await b.engine.afterUnlock();
    expect(await toMake()).toEqual([child.id]);
    // Built again, not listed twice, and made on A it leaves the list as before.
    await b.engine.afterUnlock();
    expect(await toMake()).toEqual([child.id]);
    await child.update((record) => ({ ...record, answers: { ...record.answers, outcome: { ...record.answers.outcome, referral: 'made' } } }));
    a.clock.advance(30_000);
    await a.engine.syncNow();
    await b.engine.syncNow();
    expect(await toMake()).toEqual([]);
    child.close();
  }, 60_000);

  it("a newer revision moves the attendance to its new arrival day, an older copy of a day row put back reads the summary held; a tombstone's attendance leaves the list", async () => {
    const { a, b } = await department();
    const child = await createPatientAttendance(a.repos);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const bdb = b.repos.internals.db;
    const firstCopy = await bdb.meta.get(`${DEPARTMENT_DAY_PREFIX}2026-03-10`);
    // A later arrival time the same day; then the day row's older copy put back: the list reads the summary held, not the older entry.
    await child.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, arrivalTime: '15:45' } } }));
    a.clock.advance(31_000);
    await a.engine.syncNow();
    await b.engine.syncNow();
    if (firstCopy) await bdb.meta.put(firstCopy);
    const arrivals = await firstValue(b.repos.liaison.list(DAY));
    expect(arrivals.ok && arrivals.value.summaries.map((summary) => [summary.id, summary.arrivedAt])).toEqual([[child.id, '2026-03-10T15:45:00.000Z']]);

    const moved = await child.update((record) => ({ ...record, answers: { ...record.answers, patient: { ...record.answers.patient, arrivalDate: { day: '9', month: '3', year: '2026' }, arrivalTime: '10:00' } } }));
    expect(moved.ok).toBe(true);
    // An assessment in progress is pushed at most every 30 seconds (push.ts).
    a.clock.advance(31_000);
    await a.engine.syncNow();
    await b.engine.syncNow();
    const listOf = async (window: typeof DAY) => {
      const listed = await firstValue(b.repos.liaison.list(window));
      return listed.ok ? listed.value.summaries.map((summary) => summary.id) : [];
    };
    expect(await listOf(DAY)).toEqual([]);
    expect(await listOf({ fromInstant: '2026-03-09T00:00:00.000Z', toInstant: '2026-03-10T00:00:00.000Z' })).toEqual([child.id]);

    // A tombstone takes the summary away (pull.ts); the day row's entry no longer counts.
    await bdb.departmentRows.delete(`summary ${child.id}`);
    expect(await listOf({ fromInstant: '2026-03-09T00:00:00.000Z', toInstant: '2026-03-10T00:00:00.000Z' })).toEqual([]);
  }, 60_000);
});
