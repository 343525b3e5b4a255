/**
 * The audit trail against the real repositories: every act is appended, the chain and its
 * MACs verify, and each kind of tampering with the stored trail is reported at the first
 * event that can no longer be trusted.
 */
import { describe, expect, it } from 'vitest';
import { hashEvent } from '../../domain/audit/chain';
import type { AuditEvent } from '../../domain/audit/events';
import type { AuditRow, TriageDatabase } from '../db';
import {
  NURSE_IN_CHARGE,
  TRIAGE_NURSE,
  anyString,
  createPatientAttendance,
  like,
  matching,
  openTestStorage,
  rawTables,
  setUpTablet,
  tamper,
  triageNurse,
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
    if (last) await pointAnchorsAt(db, last);
  });
}

/** Points the head and the high-water mark at this event, keeping their MACs (the attacker cannot make new ones). */
async function pointAnchorsAt(db: TriageDatabase, event: Pick<AuditRow, 'seq' | 'hash'>): Promise<void> {
  for (const key of ['audit-head', 'audit-high-water']) {
    const anchor = (await db.meta.get(key))?.value as { mac: string };
    await db.meta.put({ key, value: { count: event.seq, hash: event.hash, mac: anchor.mac } });
  }
}

/** What the attacker writes in place of MAC'd events: failed unlocks, which carry no MAC, chained on from `after`. */
function failedUnlocksAfter(after: AuditRow, count: number, staffId: string): AuditRow[] {
  const rows: AuditRow[] = [];
  let previous = after;
  for (let index = 1; index <= count; index += 1) {
    const content = { seq: previous.seq + 1, at: previous.at, actor: null, type: 'unlock-failed' as const, entityId: staffId, detail: `Failed unlock attempt ${String(index)}` };
    const hash = hashEvent(content, previous.hash);
    previous = { ...content, prevHash: previous.hash, hash, mac: '' };
    rows.push(previous);
  }
  return rows;
}

const eventAt = (events: AuditEvent[], seq: number): AuditEvent => {
  const found = events.find((event) => event.seq === seq);
  if (!found) throw new Error(`no event ${String(seq)}`);
  return found;
};

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
      'recovery-key-issued',
      'create',
      'change',
      'sign',
      'lock',
      'unlock-failed',
      'unlock',
      'lock',
      'unlock',
    ]);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const failed = events.find((event) => event.type === 'unlock-failed');
    expect(failed).toMatchObject({ actor: null, entityId: staffId, mac: '' });
    for (const event of events.filter((candidate) => candidate.type !== 'unlock-failed')) {
      expect(event.mac, `${event.type} has a MAC`).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(event.actor).toEqual({ id: staffId, name: NURSE_IN_CHARGE.name });
    }
    expect(await storage.repos.audit.verify()).toEqual({ ok: true, count: 11 });
    // Signing records the record's and the referral worklist's revisions in the chain (for detecting a rolled-back copy later).
    const [row] = ((await rawTables(storage.name))['attendances'] ?? []) as { rev: number }[];
    expect(eventAt(events, seqOf(events, 'sign')).detail).toBe(`Assessment signed and locked (record revision ${String(row?.rev)}; worklist revision 1)`);
  });

  it("reports a changed event's detail at that event", async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'sign');
    await tamper(storage.name, (db) => db.audit.update(target, { detail: 'Nothing happened' }));

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: target, reason: matching(/changed/) });
  });

  it('reports a changed event at that event even when every hash after it is recomputed (the MAC catches it)', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'sign');
    await rewriteFrom(storage.name, target, (event) => ({ ...event, detail: 'Nothing happened' }));

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: target, reason: matching(/not written by this app.*or has been changed/) });
  });

  it('reports a deleted middle event at the gap', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'create');
    await tamper(storage.name, (db) => db.audit.delete(target));

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: target, reason: anyString() });
  });

  it('reports the newest event deleted at its seq', async () => {
    const { storage, events } = await tabletWithHistory();
    const newest = events.at(-1)?.seq ?? 0;
    await tamper(storage.name, (db) => db.audit.delete(newest));

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: newest, reason: matching(/missing from the end/) });
  });

  it('reports the newest events deleted together with the record of the newest event', async () => {
    const { storage, events } = await tabletWithHistory();
    const newest = events.at(-1)?.seq ?? 0;
    await tamper(storage.name, async (db) => {
      await db.audit.bulkDelete([newest - 1, newest]);
      await db.meta.delete('audit-head');
    });

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: newest - 1, reason: anyString() });
  });

  it('reports a trail emptied together with the record of the newest event', async () => {
    const { storage } = await tabletWithHistory();
    await tamper(storage.name, async (db) => {
      await db.audit.clear();
      await db.meta.delete('audit-head');
    });

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: 1, reason: anyString() });
  });

  it('reports a forged MAC at that event', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'unlock');
    await tamper(storage.name, (db) => db.audit.update(target, { mac: 'A'.repeat(43) }));

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: target, reason: matching(/not written by this app/) });
  });

  it('reports a MAC copied from another event at the event it was copied to', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'lock', 1);
    const donor = events.find((event) => event.seq === target - 1);
    await tamper(storage.name, (db) => db.audit.update(target, { mac: donor?.mac ?? '' }));

    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: target, reason: anyString() });
  });

  it('reports a MAC removed to pass an event off as a failed unlock', async () => {
    const { storage, events } = await tabletWithHistory();
    const target = seqOf(events, 'sign');
    await rewriteFrom(storage.name, target, (event) => ({ ...event, type: 'unlock-failed', actor: null, mac: '' }));

    // A failed unlock needs no MAC, but the head's own MAC no longer matches: trust ends before the changed event.
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: target, reason: matching(/newest event has been changed/) });
  });

  it('still verifies after a reload and a failed unlock written while locked', async () => {
    const { storage, staffId } = await tabletWithHistory();
    await storage.repos.session.lock('manual');
    const repos = await storage.reload();
    await repos.session.unlock(staffId, '000000');
    await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin);
    expect(await repos.audit.verify()).toEqual({ ok: true, count: 14 });
  });

  it('seals failed unlocks recorded without a key into the chain at the next unlock, and says so', async () => {
    const { events } = await tabletWithHistory();
    const failed = seqOf(events, 'unlock-failed');
    expect(eventAt(events, failed + 1)).toMatchObject({ type: 'unlock', detail: `Unlocked; sealed 1 failed unlock recorded without a key (events ${String(failed)} to ${String(failed)})` });
    expect(events.filter((event) => event.type === 'unlock' && event.seq !== failed + 1).map((event) => event.detail)).toEqual(['Unlocked']);
  });

  it('never holds patient details: only opaque ids and fixed wording', async () => {
    const { storage } = await tabletWithHistory();
    const text = JSON.stringify(await rawAudit(storage.name));
    expect(text).not.toMatch(/Zephyrine|Quillfeather|943 ?476 ?5919|trampoline/);
  });
});

/**
 * Attacks on the end of the trail, each written as the attacker's steps: someone with the
 * browser's files and no PIN edits them while the tablet is locked, and the next unlock
 * (which verifies) or the nurse in charge's check must report it, and keep reporting it.
 */
describe('cutting the audit trail short', () => {
  /** The history above, locked (as the attacker finds it). */
  async function lockedTablet(): Promise<{ storage: TestStorage; staffId: string; events: AuditEvent[] }> {
    const tablet = await tabletWithHistory();
    await tablet.storage.repos.session.lock('manual');
    return { ...tablet, events: await tablet.storage.repos.internals.audit.all() };
  }

  async function unlockAsNurseInCharge(repos: TestStorage['repos'], staffId: string): Promise<void> {
    expect((await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
  }

  it('deleting the newest event stays reported after lock, unlock and a new event, even after a reload, and its number is never used again', async () => {
    const { storage, staffId, events } = await lockedTablet();
    const newest = events.at(-1)?.seq ?? 0;
    await tamper(storage.name, (db) => db.audit.delete(newest));

    await unlockAsNurseInCharge(storage.repos, staffId);
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: newest, reason: matching(/missing from the end/) });
    await storage.repos.session.lock('manual');
    const repos = await storage.reload();
    await unlockAsNurseInCharge(repos, staffId);
    expect((await repos.attendances.create()).ok).toBe(true);

    const after = await repos.audit.verify();
    expect(after).toMatchObject({ ok: false, brokenAt: newest, reason: matching(/missing from the end/) });
    if ('refused' in after) throw new Error(after.refused.message);
    expect(after.breaks).toEqual([{ brokenAt: newest, reason: matching(/missing from the end/), detectedAt: anyString(), acknowledged: null }]);
    const seqs = (await repos.internals.audit.all()).map((event) => event.seq);
    expect(seqs).not.toContain(newest);
    expect(seqs.filter((seq) => seq > newest).length).toBeGreaterThanOrEqual(4);
    // The break is recorded once, in the trail itself, by whoever unlocked.
    const detected = (await repos.internals.audit.all()).filter((event) => event.type === 'audit-break-detected');
    expect(detected).toEqual([like({ entityId: `event-${String(newest)}`, actor: { id: staffId, name: NURSE_IN_CHARGE.name } })]);
  });

  it('a break stays reported until the nurse in charge acknowledges it, which is an event of its own; a triage nurse cannot', async () => {
    const { storage, staffId, events } = await lockedTablet();
    const newest = events.at(-1)?.seq ?? 0;
    await tamper(storage.name, (db) => db.audit.delete(newest));
    await unlockAsNurseInCharge(storage.repos, staffId);
    const added = await storage.repos.staff.add(triageNurse());
    if (!added.ok) throw new Error('could not add the triage nurse');
    await storage.repos.session.lock('manual');
    expect((await storage.repos.session.unlock(added.value.id, TRIAGE_NURSE.pin)).ok).toBe(true);
    expect(await storage.repos.audit.acknowledgeBreak(newest)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await storage.repos.session.lock('manual');
    await unlockAsNurseInCharge(storage.repos, staffId);
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: newest });

    expect(await storage.repos.audit.acknowledgeBreak(newest)).toEqual({ ok: true, value: undefined });
    expect(await storage.repos.audit.acknowledgeBreak(newest)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const verified = await storage.repos.audit.verify();
    expect(verified).toMatchObject({ ok: true, breaks: [{ brokenAt: newest, acknowledged: { by: NURSE_IN_CHARGE.name, at: anyString() } }] });
    const acknowledgement = (await storage.repos.internals.audit.all()).find((event) => event.type === 'audit-break-acknowledged');
    expect(acknowledgement).toMatchObject({ entityId: `event-${String(newest)}`, actor: { id: staffId, name: NURSE_IN_CHARGE.name }, detail: matching(/^Acknowledged by the nurse in charge: /) });

    // A later break is reported again.
    const latest = (await storage.repos.internals.audit.all()).at(-1)?.seq ?? 0;
    await storage.repos.session.lock('manual');
    await tamper(storage.name, (db) => db.audit.delete(latest + 1));
    await unlockAsNurseInCharge(storage.repos, staffId);
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: latest + 1 });
  });

  it('rewriting the tail into MAC-less failed unlocks (head and high-water mark pointed at them) is reported at the first rewritten event, and stays reported', async () => {
    const { storage, staffId, events } = await lockedTablet();
    const from = seqOf(events, 'sign');
    const kept = eventAt(events, from - 1);
    const fakes = failedUnlocksAfter(kept, events.length - from + 3, staffId);
    await tamper(storage.name, async (db) => {
      await db.audit.where('seq').aboveOrEqual(from).delete();
      await db.audit.bulkAdd(fakes);
      const last = fakes.at(-1);
      if (last) await pointAnchorsAt(db, last);
    });

    await unlockAsNurseInCharge(storage.repos, staffId);
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: from });
    await storage.repos.session.lock('manual');
    const repos = await storage.reload();
    await unlockAsNurseInCharge(repos, staffId);
    expect(await repos.audit.verify()).toMatchObject({ ok: false, brokenAt: from });
  });

  it('rewriting the tail into MAC-less failed unlocks and leaving the head alone is reported too', async () => {
    const { storage, staffId, events } = await lockedTablet();
    const from = seqOf(events, 'sign');
    const fakes = failedUnlocksAfter(eventAt(events, from - 1), events.length - from + 1, staffId);
    await tamper(storage.name, async (db) => {
      await db.audit.where('seq').aboveOrEqual(from).delete();
      await db.audit.bulkAdd(fakes);
    });

    await unlockAsNurseInCharge(storage.repos, staffId);
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: from, reason: matching(/removed or replaced/) });
  });

  it('cutting the trail back to the first event, with the head and high-water mark made to match it, is reported at event 2', async () => {
    const { storage, staffId, events } = await lockedTablet();
    const first = eventAt(events, 1);
    await tamper(storage.name, async (db) => {
      await db.audit.where('seq').above(1).delete();
      // The first event's own MAC is the best MAC the attacker has for the head.
      for (const key of ['audit-head', 'audit-high-water']) await db.meta.put({ key, value: { count: 1, hash: first.hash, mac: first.mac } });
    });

    await unlockAsNurseInCharge(storage.repos, staffId);
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('putting back an older head row (copied earlier, with its genuine MAC) is reported: the high-water mark remembers more', async () => {
    const storage = await openTestStorage();
    const staffId = await setUpTablet(storage.repos);
    await storage.repos.session.lock('manual');
    const copied = (await rawTables(storage.name))['meta']?.find((row) => (row as { key: string }).key === 'audit-head');
    const copiedCount = (copied as { value: { count: number } }).value.count;
    await unlockAsNurseInCharge(storage.repos, staffId);
    expect((await storage.repos.attendances.create()).ok).toBe(true);
    await storage.repos.session.lock('manual');
    await tamper(storage.name, async (db) => {
      await db.audit.where('seq').above(copiedCount).delete();
      await db.meta.put(copied as { key: string; value: unknown });
    });

    const repos = await storage.reload();
    await unlockAsNurseInCharge(repos, staffId);
    expect(await repos.audit.verify()).toMatchObject({ ok: false, brokenAt: copiedCount + 1 });
  });

  it('putting back older copies of both the head and the high-water mark is reported while the app stays open (it remembers the newest event)', async () => {
    const storage = await openTestStorage();
    const staffId = await setUpTablet(storage.repos);
    await storage.repos.session.lock('manual');
    const copiedMeta = ((await rawTables(storage.name))['meta'] ?? []) as { key: string; value: unknown }[];
    const copied = copiedMeta.filter((row) => row.key === 'audit-head' || row.key === 'audit-high-water');
    const copiedCount = (copied[0]?.value as { count: number }).count;
    await unlockAsNurseInCharge(storage.repos, staffId);
    expect((await storage.repos.attendances.create()).ok).toBe(true);
    await storage.repos.session.lock('manual');
    await tamper(storage.name, async (db) => {
      await db.audit.where('seq').above(copiedCount).delete();
      await db.meta.bulkPut(copied);
    });

    await unlockAsNurseInCharge(storage.repos, staffId);
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: copiedCount + 1, reason: matching(/missing from the end/) });
  });

  it('deleting the head, the high-water mark and every event is reported as tampering at event 1, never as an empty trail, and stays reported', async () => {
    const { storage, staffId } = await lockedTablet();
    await tamper(storage.name, async (db) => {
      await db.audit.clear();
      await db.meta.bulkDelete(['audit-head', 'audit-high-water']);
    });

    const repos = await storage.reload();
    await unlockAsNurseInCharge(repos, staffId);
    expect(await repos.audit.verify()).toMatchObject({ ok: false, brokenAt: 1, reason: matching(/newest event is missing/) });
    await repos.session.lock('manual');
    await unlockAsNurseInCharge(repos, staffId);
    expect(await repos.audit.verify()).toMatchObject({ ok: false, brokenAt: 1 });
  });
});

/**
 * The verification checkpoint: unlock and the home screen check only what follows it; the
 * audit trail page checks the whole trail. Each attack below is made while the tablet is locked.
 */
describe('the verification checkpoint', () => {
  async function lockedTablet(): Promise<{ storage: TestStorage; staffId: string; events: AuditEvent[] }> {
    const tablet = await tabletWithHistory();
    await tablet.storage.repos.session.lock('manual');
    return { ...tablet, events: await tablet.storage.repos.internals.audit.all() };
  }

  it('an old event changed before the checkpoint is reported by the full check on the audit trail page', async () => {
    const { storage, staffId, events } = await lockedTablet();
    const checkpoint = (await rawTables(storage.name))['meta']?.find((row) => (row as { key: string }).key === 'audit-checkpoint') as { value: { count: number } } | undefined;
    const target = seqOf(events, 'create');
    expect(checkpoint?.value.count).toBeGreaterThan(target);
    await tamper(storage.name, (db) => db.audit.update(target, { detail: 'Nothing happened' }));

    expect((await storage.repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    // The limit SECURITY.md states: the check since the checkpoint does not read the event.
    expect(await storage.repos.audit.verify('since-checkpoint')).toMatchObject({ ok: true });
    // The audit trail page's check reads it, records the break, and from then on the home screen reports it too.
    expect(await storage.repos.audit.verify()).toMatchObject({ ok: false, brokenAt: target, reason: matching(/changed/) });
    expect(await storage.repos.audit.verify('since-checkpoint')).toMatchObject({ ok: false, brokenAt: target, reason: matching(/changed/) });
    await storage.repos.session.lock('manual');
    const repos = await storage.reload();
    expect((await repos.session.unlock(staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await repos.audit.verify('since-checkpoint')).toMatchObject({ ok: false, brokenAt: target });
  });

  it('a forged or deleted checkpoint falls back to the full check and is reported if forged', async () => {
    // Deleted, to hide an old change: the unlock checks the whole trail and finds the change.
    const deleted = await lockedTablet();
    const target = seqOf(deleted.events, 'create');
    await tamper(deleted.storage.name, async (db) => {
      await db.audit.update(target, { detail: 'Nothing happened' });
      await db.meta.delete('audit-checkpoint');
    });
    expect((await deleted.storage.repos.session.unlock(deleted.staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await deleted.storage.repos.audit.verify('since-checkpoint')).toMatchObject({ ok: false, brokenAt: target, reason: matching(/changed/) });

    // Forged: pointed at a later event with the genuine MAC kept (the attacker cannot make a new one).
    const forged = await lockedTablet();
    const newest = forged.events.at(-1);
    await tamper(forged.storage.name, async (db) => {
      const row = (await db.meta.get('audit-checkpoint'))?.value as { breaks: number[]; mac: string };
      await db.meta.put({ key: 'audit-checkpoint', value: { count: newest?.seq, hash: newest?.hash, breaks: row.breaks, mac: row.mac } });
    });
    expect((await forged.storage.repos.session.unlock(forged.staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await forged.storage.repos.audit.verify('since-checkpoint')).toMatchObject({ ok: false, reason: matching(/last check of the audit trail has been changed/) });

    // Listing fewer break events, or deleting one, cannot hide a recorded break either.
    const hidden = await lockedTablet();
    const last = hidden.events.at(-1)?.seq ?? 0;
    await tamper(hidden.storage.name, (db) => db.audit.delete(last));
    expect((await hidden.storage.repos.session.unlock(hidden.staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    const detected = (await hidden.storage.repos.internals.audit.all()).find((event) => event.type === 'audit-break-detected');
    await hidden.storage.repos.session.lock('manual');
    await tamper(hidden.storage.name, (db) => db.audit.delete(detected?.seq ?? 0));
    expect((await hidden.storage.repos.session.unlock(hidden.staffId, NURSE_IN_CHARGE.pin)).ok).toBe(true);
    expect(await hidden.storage.repos.audit.verify('since-checkpoint')).toMatchObject({ ok: false, brokenAt: last });
  });
});
