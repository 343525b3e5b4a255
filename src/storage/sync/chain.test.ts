/**
 * Each tablet's audit chain travelling and checked on every other tablet (travel-audit.ts,
 * chain-check.ts), against the real department server in this process (PGlite): A switches
 * sharing on, B joins by A's code. The server's misdeeds are done to its database by hand, as
 * a compromised server (or its operator) would.
 */
import { describe, expect, it } from 'vitest';
import { departmentServerForThisFile } from '../../test-support/department-server';
import { firstTablet, joinedTablet, unlockAs } from '../../test-support/department-tablets';
import type { DepartmentTablet } from '../../test-support/department-tablets';
import { NURSE_IN_CHARGE, createPatientAttendance, firstValue } from '../../test-support/storage-fixtures';
import type { RealRepositories } from '../repositories/create-repositories';
import type { DepartmentChainStatus } from '../repositories/types';
import { checkChainsAtUnlock } from './chain-check';
import { AUDIT_ANCHOR_KEY, CHAIN_ANCHORS_KEY, parseChainRowId, pullAuditEvents } from './travel-audit';
import { readReport, SYNC_UNAUDITED_KEY } from './engine-state';
import { readEnrolment } from './enrolment-state';
import { pushAll } from './push';
import { AUDIT_KIND, AUDIT_PULL_CURSOR_KEY, auditPushSource, chainRowId, foldAcknowledged } from './travel-audit';
import { wireClearText } from '../../test-support/wire-text';

const server = departmentServerForThisFile();

type Tablet = DepartmentTablet;
const unlockNurseInCharge = (repos: RealRepositories) => unlockAs(repos);

/** A and B; A has recorded an attendance and `eventsBeforeJoin` more events, and shared them, before B joins. */
async function department(eventsBeforeJoin = 0): Promise<{ a: Tablet; b: Tablet }> {
  const a = await firstTablet(server);
  await createPatientAttendance(a.repos);
  if (eventsBeforeJoin > 0) {
    for (let index = 0; index < eventsBeforeJoin; index += 1) await a.repos.internals.audit.append('print', '', 'Printed a test page');
    await settled(a);
  }
  const b = await joinedTablet(server, a);
  await b.engine.syncNow();
  return { a, b };
}

/** What the server holds of a tablet's chain: positions and the sealed bytes as text. */
async function serverChain(tabletId: string): Promise<{ chainSeq: number; rowId: string; text: string }[]> {
  const rows = await server.db().query<{ chain_seq: number; row_id: string; sealed: Uint8Array }>("SELECT chain_seq, row_id, sealed FROM rows WHERE kind = 'audit-event' AND author_tablet = $1 ORDER BY chain_seq", [tabletId]);
  return rows.map((row) => ({ chainSeq: row.chain_seq, rowId: row.row_id, text: Buffer.from(row.sealed).toString() }));
}

async function chainsOn(tablet: Tablet): Promise<DepartmentChainStatus[]> {
  const chains = await tablet.repos.audit.departmentChains();
  if (!chains.ok || !chains.value) throw new Error('no chains');
  return chains.value.others;
}

async function tamperEvents(tablet: Tablet, about: string) {
  return (await tablet.repos.internals.db.audit.where('type').equals('tamper-detected').toArray()).filter((event) => event.entityId === about);
}

/**
 * A writes more events and pushes them; returns the second of them, a position B has not
 * received (B prunes what it checked, so it is counted from what the server held before).
 */
async function newEventsOnA(a: Tablet): Promise<number> {
  await settled(a);
  const before = (await serverChain(a.deviceId)).length;
  for (let index = 0; index < 4; index += 1) await a.repos.audit.record('print', '', 'Printed a test page');
  await settled(a);
  expect((await serverChain(a.deviceId)).length).toBeGreaterThan(before + 2);
  return before + 2;
}

/** The positions of A's chain held on B, and their size as stored (characters of each row as JSON). */
async function heldOn(b: Tablet, a: Tablet): Promise<{ positions: number[]; chars: number }> {
  const rows = await b.repos.internals.db.departmentRows.where('key').startsWith(`${AUDIT_KIND} ${a.deviceId}:`).toArray();
  return { positions: rows.map((row) => parseChainRowId(row.rowId)?.chainSeq ?? 0).sort((x, y) => x - y), chars: rows.reduce((sum, row) => sum + JSON.stringify(row).length, 0) };
}

/**
 * A sync that starts after everything the test did: an engine's own sync (after a write) may
 * be running, and asking for one then answers with that one; the second starts afresh.
 */
async function settled(tablet: Tablet): Promise<void> {
  await tablet.engine.syncNow();
  expect(await tablet.engine.syncNow()).toMatchObject({ ok: true });
}

async function headerFacts(tablet: Tablet) {
  return firstValue(tablet.engine.state());
}

describe('each tablet’s audit chain travels whole and is checked on every other tablet', () => {
  it('A’s events reach B and verify there; the server holds positions and sealed bytes, never the actor’s name or the event’s words', async () => {
    const { a, b } = await department();
    await settled(a);
    await settled(b);

    const head = (await a.repos.internals.db.audit.orderBy('seq').last())?.seq ?? 0;
    const held = await serverChain(a.deviceId);
    expect(held.map((row) => row.chainSeq)).toEqual(Array.from({ length: held.length }, (_, index) => index + 1));
    expect(held.length).toBeGreaterThanOrEqual(head - 1);
    expect(held.length).toBeGreaterThan(3);

    const chains = await chainsOn(b);
    const ofA = chains.find((chain) => chain.tabletId === a.deviceId);
    expect(ofA).toMatchObject({ count: held.length, breaks: [] });
    expect(await tamperEvents(b, a.deviceId)).toEqual([]);
    expect((await headerFacts(b))?.brokenChains).toBe(0);

    const text = held.map((row) => wireClearText(row.text)).join('\n').toLowerCase();
    const words = [NURSE_IN_CHARGE.name.toLowerCase(), 'department-sharing-on', 'unlock', 'created', 'enrolment', 'sharing', 'alex', 'morgan', 'mash', 'referral'];
    for (const word of words) expect(text).not.toContain(word);
    // The trail on A does hold them in clear: the search would find them if they travelled so.
    const clearOnA = JSON.stringify(await a.repos.internals.db.audit.toArray()).toLowerCase();
    expect(clearOnA).toContain(NURSE_IN_CHARGE.name.toLowerCase());
    expect(clearOnA).toContain('department-sharing-on');
  });

  it('attack: an event’s bytes changed at the server are reported under the header line and audited on B; the rest of the chain is still held', async () => {
    const { a, b } = await department();
    const next = await newEventsOnA(a);
    const target = (await serverChain(a.deviceId)).find((row) => row.chainSeq === next);
    if (!target) throw new Error('no new event');
    const box = JSON.parse(target.text) as { ct: string };
    const flipped = { ...box, ct: (box.ct.startsWith('A') ? 'B' : 'A') + box.ct.slice(1) };
    await server.db().query("UPDATE rows SET sealed = $1 WHERE kind = 'audit-event' AND row_id = $2", [Buffer.from(JSON.stringify(flipped)), target.rowId]);

    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    const ofA = (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    expect(ofA?.count).toBe((await serverChain(a.deviceId)).length);
    expect(ofA?.breaks[0]).toMatchObject({ at: next, recordedByItsTablet: false, reason: expect.stringContaining('changed at the department server') as string });
    expect(await tamperEvents(b, a.deviceId)).toHaveLength(1);
    expect((await headerFacts(b))?.brokenChains).toBe(1);
    // Never blocking: B still works and shares.
    await createPatientAttendance(b.repos);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    expect(await tamperEvents(b, a.deviceId)).toHaveLength(1);
  });

  it('attack: an event the server leaves out (a gap it closes by omission) is reported and audited on B', async () => {
    const { a, b } = await department();
    const next = await newEventsOnA(a);
    await server.db().query("DELETE FROM rows WHERE kind = 'audit-event' AND row_id = $1", [chainRowId(a.deviceId, next)]);

    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    // Checked again (whole, as the audit trail page does): still the server's omission, not something removed on B.
    const ofA = (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    expect(ofA?.breaks[0]).toMatchObject({ at: next, reason: expect.stringContaining('left it out') as string });
    const audited = await tamperEvents(b, a.deviceId);
    expect(audited).toHaveLength(1);
    expect((await headerFacts(b))?.brokenChains).toBe(1);
  });

  it('attack: a rollback (the server serves a chain shorter than B already holds) is reported and audited on B at its next check', async () => {
    const { a, b } = await department();
    await settled(a);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    const held = await serverChain(a.deviceId);
    expect((await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId)).toMatchObject({ count: held.length, breaks: [] });
    // Checked and pruned: B holds only the newest event, so the rollback is below its checkpoint.
    expect((await heldOn(b, a)).positions).toEqual([held.length]);

    // The server put back to an older copy: its newest two events of A's chain are gone.
    await server.db().query("DELETE FROM rows WHERE kind = 'audit-event' AND author_tablet = $1 AND chain_seq > $2", [a.deviceId, held.length - 2]);
    await checkChainsAtUnlock(b.repos.internals, { origin: server.origin(), credential: (await readEnrolment(b.repos.internals.db))?.credential ?? '' });

    const ofA = (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    expect(ofA?.count).toBe(held.length);
    expect(ofA?.breaks.map((found) => found.reason)).toEqual([expect.stringContaining('no longer holds events it sent before') as string]);
    expect(await tamperEvents(b, a.deviceId)).toHaveLength(1);
    expect((await headerFacts(b))?.brokenChains).toBe(1);
  });

  it('attack: an event B already holds, sent again by the server with other bytes, is reported as a rewrite and the copy held is kept', async () => {
    const { a, b } = await department();
    await settled(a);
    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    // B holds A's chain checked to its newest position (the checkpoint); the rows below it are pruned.
    const { positions } = await heldOn(b, a);
    const checkpoint = positions.at(-1) ?? 0;
    expect(positions).toEqual([checkpoint]);
    const chain = await serverChain(a.deviceId);
    const [first] = chain;
    const target = chain.find((row) => row.chainSeq === checkpoint);
    if (!first || !target || first === target) throw new Error('no events');
    const heldBefore = await b.repos.internals.db.departmentRows.get(`${AUDIT_KIND} ${target.rowId}`);
    const flip = async (row: { rowId: string; text: string }) => {
      const box = JSON.parse(row.text) as { ct: string };
      await server.db().query("UPDATE rows SET sealed = $1 WHERE kind = 'audit-event' AND row_id = $2", [Buffer.from(JSON.stringify({ ...box, ct: (box.ct.startsWith('A') ? 'B' : 'A') + box.ct.slice(1) })), row.rowId]);
    };
    await flip(target);
    // A position below the checkpoint, pruned (or before B's anchor): nothing is left on B to compare it with.
    await flip(first);
    // B reads the department's audit events again from the start (a cursor lost, or a pull asked again).
    await b.repos.internals.db.meta.put({ key: AUDIT_PULL_CURSOR_KEY, value: 0 });

    expect(await b.engine.syncNow()).toMatchObject({ ok: true });
    const ofA = (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    expect(ofA?.breaks).toEqual([{ at: checkpoint, reason: expect.stringContaining('different copy of an event') as string, recordedByItsTablet: false }]);
    expect(await b.repos.internals.db.departmentRows.get(`${AUDIT_KIND} ${target.rowId}`)).toEqual(heldBefore);
    expect(await b.repos.internals.db.departmentRows.get(`${AUDIT_KIND} ${first.rowId}`)).toBeUndefined();
    expect(await tamperEvents(b, a.deviceId)).toHaveLength(1);
  });

  it('attack: A’s own chain rolled back at the server is refused at A’s next push, reported under A’s header line, and A pushes no more of its chain', async () => {
    const { a } = await department();
    await settled(a);
    const held = await serverChain(a.deviceId);
    await server.db().query("DELETE FROM rows WHERE kind = 'audit-event' AND author_tablet = $1 AND chain_seq > $2", [a.deviceId, held.length - 2]);
    await a.repos.audit.record('print', '', 'Printed a test page');

    expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    // Every event of the batch refused (the print, and any other event written since the last push).
    const problems = (await readReport(a.repos.internals.db)).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.kind === AUDIT_KIND && problem.status === 'refused' && problem.detail === 'audit-gap')).toBe(true);
    expect((await headerFacts(a))?.conflicts).toBe(problems.length);
    expect((await foldAcknowledged(a.repos.internals.db, a.deviceId)).blocked).toBe(true);
    await a.repos.audit.record('print', '', 'Printed a test page');
    await a.engine.syncNow();
    expect((await serverChain(a.deviceId)).length).toBe(held.length - 2);
  });

  it('pushing resumes after an answer lost on the way back: every position once, none skipped, batches of at most 500', async () => {
    const { a } = await department();
    // This test pushes by hand: the engine's own syncs (one may be running) are finished and stopped first.
    await a.engine.syncNow();
    a.engine.stop();
    for (let index = 0; index < 520; index += 1) await a.repos.internals.audit.append('print', '', 'Printed a test page');
    const db = a.repos.internals.db;
    const api = { origin: server.origin(), credential: a.credential };
    const sizes: number[] = [];
    let cut = true;
    const cutting: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { rows?: unknown[] }) : undefined;
      if (body?.rows) sizes.push(body.rows.length);
      const answer = await fetch(input, init);
      if (cut) {
        cut = false;
        throw new TypeError('the network went away with the answer');
      }
      return answer;
    };
    const source = auditPushSource(db, () => a.repos.internals.vault.peek(), a.deviceId, () => crypto.randomUUID());
    const first = await pushAll(db, { ...api, fetch: cutting }, a.repos.internals.now, () => crypto.randomUUID(), source);
    expect(first.ok).toBe(false);
    const second = await pushAll(db, { ...api, fetch: cutting }, a.repos.internals.now, () => crypto.randomUUID(), source);
    expect(second.ok).toBe(true);

    const held = await serverChain(a.deviceId);
    const head = (await db.audit.orderBy('seq').last())?.seq ?? 0;
    expect(held.map((row) => row.chainSeq)).toEqual(Array.from({ length: head }, (_, index) => index + 1));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    // The first request was sent twice (the same bytes: accepted again), then the rest.
    expect(sizes[0]).toBe(500);
    expect(sizes[1]).toBe(500);
    expect((await foldAcknowledged(db, a.deviceId)).mark).toEqual({ chainSeq: head, seq: head });
    expect(await db.syncPushed.where('kind').equals(AUDIT_KIND).count()).toBe(0);
  });

  it('pushing audit events writes no audit event of its own: quiet hours add nothing to the trail', async () => {
    const { a } = await department();
    await settled(a);
    a.clock.advance(2 * 3_600_000);
    await a.engine.syncNow();
    const before = await a.repos.internals.db.audit.count();
    for (let hour = 0; hour < 3; hour += 1) {
      a.clock.advance(2 * 3_600_000);
      expect(await a.engine.syncNow()).toMatchObject({ ok: true });
    }
    expect(await a.repos.internals.db.audit.count()).toBe(before);
    expect((await a.repos.internals.db.meta.get(SYNC_UNAUDITED_KEY))?.value ?? 0).toBe(0);
    expect((await serverChain(a.deviceId)).length).toBe(before);
  });
});

describe('the chains held on a tablet stay small: checked events are pruned, and a tablet that joins late starts from an anchor', () => {
  it('after B checks 1,200 of A’s events it holds only the newest (the checkpoint); A’s next events verify on from it, and a later gap is still found with the rows from the checkpoint kept', async () => {
    const { a, b } = await department();
    // B pulls and checks by hand (its engine's own syncs finished and stopped), so what the pull keeps can be measured before the check.
    await b.engine.syncNow();
    b.engine.stop();
    await settled(a);
    for (let index = 0; index < 1_200; index += 1) await a.repos.internals.audit.append('print', '', 'Printed a test page');
    await settled(a);
    const length = (await serverChain(a.deviceId)).length;
    expect(length).toBeGreaterThan(1_200);
    const api = { origin: server.origin(), credential: b.credential };
    expect(await pullAuditEvents(b.repos.internals.db, api, b.deviceId)).toMatchObject({ ok: true });
    const pulled = await heldOn(b, a);
    expect(pulled.positions.length).toBeGreaterThanOrEqual(1_200);

    const ofA = (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    expect(ofA).toMatchObject({ count: length, breaks: [] });
    const checked = await heldOn(b, a);
    expect(checked.positions).toEqual([length]);
    expect(checked.chars * 500).toBeLessThan(pulled.chars);

    // The next events are checked on from the checkpoint's hash, and pruned in turn.
    for (let index = 0; index < 4; index += 1) await a.repos.audit.record('print', '', 'Printed a test page');
    await settled(a);
    const longer = (await serverChain(a.deviceId)).length;
    expect(await pullAuditEvents(b.repos.internals.db, api, b.deviceId)).toMatchObject({ ok: true });
    expect((await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId)).toMatchObject({ count: longer, breaks: [] });
    expect((await heldOn(b, a)).positions).toEqual([longer]);
    expect(await tamperEvents(b, a.deviceId)).toEqual([]);

    // A later event left out by the server is still found, and the rows from the checkpoint on are kept while it is open.
    for (let index = 0; index < 4; index += 1) await a.repos.audit.record('print', '', 'Printed a test page');
    await settled(a);
    const newest = (await serverChain(a.deviceId)).length;
    await server.db().query("DELETE FROM rows WHERE kind = 'audit-event' AND row_id = $1", [chainRowId(a.deviceId, longer + 2)]);
    expect(await pullAuditEvents(b.repos.internals.db, api, b.deviceId)).toMatchObject({ ok: true });
    const broken = (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    expect(broken?.breaks[0]).toMatchObject({ at: longer + 2, reason: expect.stringContaining('left it out') as string });
    expect((await heldOn(b, a)).positions).toEqual(Array.from({ length: newest - longer + 1 }, (_, index) => longer + index).filter((position) => position !== longer + 2));
    expect(await tamperEvents(b, a.deviceId)).toHaveLength(1);
  }, 120_000);

  it('a break A recorded in its own trail is shown on B as recorded there, not audited, and does not stop B pruning A’s chain', async () => {
    const { a, b } = await department();
    await settled(a);
    await b.engine.syncNow();
    b.engine.stop();
    const api = { origin: server.origin(), credential: b.credential };
    const check = async () => {
      expect(await pullAuditEvents(b.repos.internals.db, api, b.deviceId)).toMatchObject({ ok: true });
      return (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    };
    await check();
    // Someone with A's files removes an event before it travels; A's own check at the next unlock records the break.
    a.engine.stop();
    for (let index = 0; index < 3; index += 1) await a.repos.audit.record('print', '', 'Printed a test page');
    const removed = (await a.repos.internals.db.audit.orderBy('seq').last())?.seq ?? 0;
    await a.repos.internals.db.audit.delete(removed - 1);
    await a.repos.session.lock('manual');
    await unlockNurseInCharge(a.repos);
    const source = auditPushSource(a.repos.internals.db, () => a.repos.internals.vault.peek(), a.deviceId, () => crypto.randomUUID());
    expect(await pushAll(a.repos.internals.db, { origin: server.origin(), credential: a.credential }, a.repos.internals.now, () => crypto.randomUUID(), source)).toMatchObject({ ok: true });

    const length = (await serverChain(a.deviceId)).length;
    const ofA = await check();
    expect(ofA?.count).toBe(length);
    expect(ofA?.breaks).toEqual([expect.objectContaining({ at: removed - 1, recordedByItsTablet: true })]);
    expect(await tamperEvents(b, a.deviceId)).toEqual([]);
    expect((await heldOn(b, a)).positions).toEqual([length]);

    // Later events prune on; the recorded break stays listed as A's own.
    await a.repos.audit.record('print', '', 'Printed a test page');
    expect(await pushAll(a.repos.internals.db, { origin: server.origin(), credential: a.credential }, a.repos.internals.now, () => crypto.randomUUID(), source)).toMatchObject({ ok: true });
    const later = await check();
    const longer = (await serverChain(a.deviceId)).length;
    expect(later).toMatchObject({ count: longer, breaks: [expect.objectContaining({ at: removed - 1, recordedByItsTablet: true })] });
    expect((await heldOn(b, a)).positions).toEqual([longer]);
    expect((await headerFacts(b))?.brokenChains).toBe(0);
  }, 120_000);

  it('a tablet that joins after A wrote 600 events pulls A’s chain only from its anchor (where the department stood when B first pulled audit events), and checks every event after it', async () => {
    const { a, b } = await department(600);
    const db = b.repos.internals.db;
    const anchor = (await db.meta.get(AUDIT_ANCHOR_KEY))?.value;
    expect(typeof anchor).toBe('number');
    // Every event of A's at the server when B joined came before the anchor: the cursor pull never sent them to B.
    const [{ seq: sixHundredth } = { seq: Infinity }] = await server.db().query<{ seq: string | number }>("SELECT seq FROM rows WHERE kind = 'audit-event' AND row_id = $1", [chainRowId(a.deviceId, 600)]);
    expect(Number(sixHundredth)).toBeLessThanOrEqual(Number(anchor));
    const anchorAt = ((await db.meta.get(CHAIN_ANCHORS_KEY))?.value as Record<string, number> | undefined)?.[a.deviceId] ?? 0;
    expect(anchorAt).toBeGreaterThanOrEqual(600);
    expect((await heldOn(b, a)).positions.every((position) => position > 600)).toBe(true);
    // A's chain is held and checked from its newest event at the anchor (fetched then), before A writes anything more.
    const atJoin = (await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId);
    expect(atJoin?.count).toBeGreaterThan(anchorAt);
    expect(atJoin?.breaks).toEqual([]);

    for (let index = 0; index < 4; index += 1) await a.repos.audit.record('print', '', 'Printed a test page');
    await settled(a);
    await settled(b);
    const length = (await serverChain(a.deviceId)).length;
    expect((await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId)).toMatchObject({ count: length, breaks: [] });
    expect((await heldOn(b, a)).positions).toEqual([length]);
    expect(await tamperEvents(b, a.deviceId)).toEqual([]);

    // From the anchor on every event is checked: one changed at the server after it is reported.
    const next = await newEventsOnA(a);
    const target = (await serverChain(a.deviceId)).find((row) => row.chainSeq === next);
    if (!target) throw new Error('no new event');
    const box = JSON.parse(target.text) as { ct: string };
    await server.db().query("UPDATE rows SET sealed = $1 WHERE kind = 'audit-event' AND row_id = $2", [Buffer.from(JSON.stringify({ ...box, ct: (box.ct.startsWith('A') ? 'B' : 'A') + box.ct.slice(1) })), target.rowId]);
    await settled(b);
    expect((await chainsOn(b)).find((chain) => chain.tabletId === a.deviceId)?.breaks[0]).toMatchObject({ at: next, reason: expect.stringContaining('changed at the department server') as string });
  }, 120_000);
});
