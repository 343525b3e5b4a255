/**
 * The audit trail against the real repositories: every act is appended, the chain and its
 * MACs verify, and each kind of tampering with the stored trail is reported at the first
 * event that can no longer be trusted.
 */
import { describe, expect, it } from 'vitest';
import { hashEvent } from '../../domain/audit/chain';
import type { AuditEvent } from '../../domain/audit/events';
import type { AuditRow } from '../db';
import {
  NURSE_IN_CHARGE,
  anyString,
  createPatientAttendance,
  matching,
  openTestStorage,
  rawTables,
  setUpTablet,
  tamper,
} from '../../test-support/storage-fixtures';
import type { TestStorage } from '../../test-support/storage-fixtures';

/** A tablet with a realistic trail: set-up, create, change, sign, lock, a failed unlock, unlock, lock, unlock. */
async function tabletWithHistory(): Promise<{ storage: TestStorage; staffId: string; events: AuditEvent[] }> {
  const storage = await openTestStorage();
  const staffId = await setUpTablet(storage.repos);
  const editor = await createPatientAttendance(storage.repos);
  await editor.noteChange('Patient and attendance: saved as complete');
  expect((await editor.sign()).ok).toBe(true);
  editor.close();
  await storage.repos.session.lock('manual');
  await storage.repos.session.unlock(staffId, '000000');
  await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin);
  await storage.repos.session.lock('idle');
  await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin);
  return { storage, staffId, events: await storage.repos.internals.audit.all() };
}

async function rawAudit(name: string): Promise<AuditRow[]> {
  return ((await rawTables(name))['audit'] ?? []) as AuditRow[];
}

/** Rewrites events from `fromSeq` on, recomputing every hash after it, as someone who knows the format but not the key would. */
async function rewriteFrom(name: string, fromSeq: number, change: (event: AuditRow) => AuditRow): Promise<void> {
  const events = await rawAudit(name);
  let prevHash = events[fromSeq - 2]?.hash ?? '0'.repeat(64);
  const rewritten: AuditRow[] = [];
  for (const event of events.slice(fromSeq - 1)) {
    const changed = event.seq === fromSeq ? change(event) : event;
    const hash = hashEvent(changed, prevHash);
    rewritten.push({ ...changed, prevHash, hash });
    prevHash = hash;
  }
  await tamper(name, async (db) => {
    await db.audit.bulkPut(rewritten);
    const last = rewritten.at(-1);
    const head = (await db.meta.get('audit-head'))?.value as { mac: string };
    if (last) await db.meta.put({ key: 'audit-head', value: { ...head, seq: last.seq, hash: last.hash } });
  });
}

const seqOf = (events: AuditEvent[], type: AuditEvent['type'], nth = 0): number => {
  const found = events.filter((event) => event.type === type)[nth];
  if (!found) throw new Error(`no ${type} event`);
  return found.seq;
};

describe('the audit trail', () => {
  it('records set-up, unlock, failed unlock, create, change, sign and lock, and verifies', async () => {
    const { storage, staffId, events } = await tabletWithHistory();

    expect(events.map((event) => event.type)).toEqual([
      'device-set-up',
      'staff-added',
      'create',
      'change',
      'sign',
      'lock',
      'unlock-failed',
      'unlock',
      'lock',
      'unlock',
    ]);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const failed = events.find((event) => event.type === 'unlock-failed');
    expect(failed).toMatchObject({ actor: null, entityId: staffId, mac: '' });
    for (const event of events.filter((candidate) => candidate.type !== 'unlock-failed')) {
      expect(event.mac, `${event.type} has a MAC`).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(event.actor).toEqual({ id: staffId, name: NURSE_IN_CHARGE.name });
    }
    expect(await storage.repos.audit.verify()).toEqual({ ok: true, count: 10 });
  });

  it("reports a changed event's detail at that event", async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'sign');
    await tamper(storage.name, (db) => db.audit.update(target, { detail: 'Nothing happened' }));

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: target, reason: matching(/changed/) });
  });

  it('reports a changed event at that event even when every hash after it is recomputed (the MAC catches it)', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'sign');
    await rewriteFrom(storage.name, target, (event) => ({ ...event, detail: 'Nothing happened' }));

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: target, reason: matching(/not written by this app.*or has been changed/) });
  });

  it('reports a deleted middle event at the gap', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'create');
    await tamper(storage.name, (db) => db.audit.delete(target));

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: target, reason: anyString() });
  });

  it('reports the newest event deleted at its seq', async () => {
    const { storage, events } = await tabletWithHistory();
    const newest = events.at(-1)?.seq ?? 0;
    await tamper(storage.name, (db) => db.audit.delete(newest));

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: newest, reason: matching(/missing from the end/) });
  });

  it('reports the newest events deleted together with the record of the newest event', async () => {
    const { storage, events } = await tabletWithHistory();
    const newest = events.at(-1)?.seq ?? 0;
    await tamper(storage.name, async (db) => {
      await db.audit.bulkDelete([newest - 1, newest]);
      await db.meta.delete('audit-head');
    });

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: newest - 1, reason: anyString() });
  });

  it('reports a trail emptied together with the record of the newest event', async () => {
    const { storage } = await tabletWithHistory();
    await tamper(storage.name, async (db) => {
      await db.audit.clear();
      await db.meta.delete('audit-head');
    });

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: 1, reason: anyString() });
  });

  it('reports a forged MAC at that event', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'unlock');
    await tamper(storage.name, (db) => db.audit.update(target, { mac: 'A'.repeat(43) }));

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: target, reason: matching(/not written by this app/) });
  });

  it('reports a MAC copied from another event at the event it was copied to', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'lock', 1);
    const donor = events.find((event) => event.seq === target - 1);
    await tamper(storage.name, (db) => db.audit.update(target, { mac: donor?.mac ?? '' }));

    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: target, reason: anyString() });
  });

  it('reports a MAC removed to pass an event off as a failed unlock', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'sign');
    await rewriteFrom(storage.name, target, (event) => ({ ...event, type: 'unlock-failed', actor: null, mac: '' }));

    // A failed unlock needs no MAC, so the lie shows at the next event that has one.
    expect(await storage.repos.audit.verify()).toEqual({ ok: false, brokenAt: target + 1, reason: matching(/not written by this app/) });
  });

  it('still verifies after a reload and a failed unlock written while locked', async () => {
    const { storage, staffId } = await tabletWithHistory();
    await storage.repos.session.lock('manual');
    const repos = await storage.reload();
    await repos.session.unlock(staffId, '000000');
    await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin);
    expect(await repos.audit.verify()).toEqual({ ok: true, count: 13 });
  });

  it('never holds patient details: only opaque ids and fixed wording', async () => {
    const { storage } = await tabletWithHistory();
    const text = JSON.stringify(await rawAudit(storage.name));
    expect(text).not.toMatch(/Zephyrine|Quillfeather|943 ?476 ?5919|trampoline/);
  });
});
