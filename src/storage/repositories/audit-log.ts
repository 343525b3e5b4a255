/**
 * Appends to and verifies the hash-chained audit trail (PRODUCT.md section 7).
 *
 * Each event's hash covers its content and the previous hash (domain/audit/chain); each
 * event written while unlocked also carries an HMAC of its hash under a key derived from
 * the device secret, so someone with write access to the database but no PIN cannot
 * rewrite history without it showing. Appends hold a cross-tab lock so two tabs never
 * chain from the same previous event.
 *
 * How far the trail has got is remembered in three places besides the events themselves:
 * - the head (meta 'audit-head'): the newest sequence number and that event's hash, under
 *   a MAC of its own, rewritten with every event written while a key is in memory;
 * - the high-water mark (meta 'audit-high-water'): the same, under a second MAC label, so
 *   putting back an older head alone shows;
 * - this page's memory of the newest event it wrote or checked, which no change to the
 *   files can roll back while the page stays open.
 * Sequence numbers come from the highest of these, never from the last row alone, so a
 * removed number is never used again and the gap stays in the chain.
 *
 * Failed unlocks happen while locked and are written without a MAC and without moving the
 * head: only they may follow the head. The next unlock seals them into the chain (its own
 * MAC'd event follows them and says how many were recorded without a key).
 *
 * Verification runs at every unlock, on the home screen and the audit trail page for the
 * nurse in charge. Unlock and the home screen read only the events after the verification
 * checkpoint (meta 'audit-checkpoint': the newest event a check verified, its hash and the
 * break events up to it, under a MAC of its own), and the break events by their type index,
 * so their cost does not grow with the trail; the anchors are checked in full either way.
 * The audit trail page checks the whole trail, which is what finds an older event changed
 * before the checkpoint. A missing or failing checkpoint makes any check read the whole
 * trail; a changed one is reported. A break found while a key is in memory is recorded as an
 * 'audit-break-detected' event, so it stays reported after the head moves on, until the
 * nurse in charge acknowledges it ('audit-break-acknowledged').
 */
import { auditBreakEntityId, auditBreakPosition, auditEventSchema } from '../../domain/audit/events';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { auditTypeRequiresMac, chainBreaks, hashEvent, nextEvent } from '../../domain/audit/chain';
import type { ChainBreak } from '../../domain/audit/chain';
import { macAuditAnchor, macAuditCheckpoint, macAuditHash, verifyAuditAnchor, verifyAuditCheckpoint, verifyAuditMac } from '../crypto/audit-mac';
import type { AuditAnchorKind } from '../crypto/audit-mac';
import type { TriageDatabase } from '../db';
import { chainRows, clearDetailOf, detailIsSealed, readableEvents, sealDetail } from './audit-details';
import { withLock } from './locks';
import type { AuditBreakReport, AuditCheckScope, AuditVerification } from './types';
import { verifyingKeys } from './vault';
import type { Unlocked, Vault } from './vault';

export const AUDIT_HEAD_KEY = 'audit-head';
export const AUDIT_HIGH_WATER_KEY = 'audit-high-water';
export const AUDIT_CHECKPOINT_KEY = 'audit-checkpoint';
const AUDIT_LOCK = 'safeguarding-triage:audit';
/** The events that record or acknowledge a break: read by their type index, wherever they are in the trail. */
const BREAK_TYPES: AuditEventType[] = ['audit-break-detected', 'audit-break-acknowledged'];

/**
 * The verification checkpoint (meta 'audit-checkpoint'): the newest event a check has
 * verified, its hash, the positions of every break event up to it, and a MAC over all three.
 */
export interface AuditCheckpoint {
  count: number;
  hash: string;
  breaks: number[];
  mac: string;
}

/** The newest sequence number when a key was last in memory, that event's hash, and a MAC over both. */
export interface AuditAnchor {
  count: number;
  hash: string;
  mac: string;
}

/** The head as written before anchors had their own MAC: the newest event's seq, hash and MAC. Replaced by the next keyed write. */
interface LegacyHead {
  seq: number;
  hash: string;
  mac: string;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

function hasExactly(value: unknown, keys: string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const own = Object.keys(value).sort();
  return own.length === keys.length && [...keys].sort().every((key, index) => own[index] === key);
}

function readAnchor(value: unknown): AuditAnchor | undefined {
  if (!hasExactly(value, ['count', 'hash', 'mac'])) return undefined;
  const { count, hash, mac } = value;
  return isCount(count) && typeof hash === 'string' && typeof mac === 'string' ? { count, hash, mac } : undefined;
}

function readLegacyHead(value: unknown): LegacyHead | undefined {
  if (!hasExactly(value, ['seq', 'hash', 'mac'])) return undefined;
  const { seq, hash, mac } = value;
  return isCount(seq) && typeof hash === 'string' && typeof mac === 'string' ? { seq, hash, mac } : undefined;
}

function readCheckpoint(value: unknown): AuditCheckpoint | undefined {
  if (!hasExactly(value, ['breaks', 'count', 'hash', 'mac'])) return undefined;
  const { count, hash, breaks, mac } = value;
  if (!isCount(count) || typeof hash !== 'string' || typeof mac !== 'string' || !Array.isArray(breaks)) return undefined;
  const seqs: unknown[] = breaks;
  return seqs.every(isCount) ? { count, hash, breaks: seqs, mac } : undefined;
}

const sameSeqs = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((seq, index) => seq === b[index]);

/** The highest sequence number a stored head or high-water mark claims, for numbering only (0 when none). */
function claimedCount(value: unknown): number {
  return readAnchor(value)?.count ?? readLegacyHead(value)?.seq ?? 0;
}

type Actor = { id: string; name: string } | null;

interface Found {
  brokenAt: number;
  reason: string;
}

interface Checked {
  count: number;
  found: Found[];
  recorded: Map<number, { reason: string; at: string }>;
  acknowledged: Map<number, { by: string; at: string }>;
  /** Failed unlocks written without a key after the head: what the next unlock seals. */
  keyless: AuditEvent[];
  /** The stored checkpoint, when its MAC and its event both still hold. */
  checkpoint: AuditCheckpoint | undefined;
  /** Positions of every event that records or acknowledges a break, oldest first. */
  breakSeqs: number[];
}

export class AuditLog {
  /** The newest event this page wrote or checked: a memory that changing the files cannot roll back. */
  private seen: { count: number; hash: string } | undefined;

  constructor(
    private readonly db: TriageDatabase,
    private readonly vault: Vault,
    private readonly now: () => string,
  ) {}

  /** Forgets this page's memory of the trail: the tablet was handed back and its database deleted (issue 13). */
  forget(): void {
    this.seen = undefined;
  }

  /** Appends one event; never throws (a failed audit write is reported to the console, not to the nurse mid-task). */
  async append(type: AuditEventType, entityId: string, detail: string, actor?: Actor): Promise<void> {
    // Taken now, not inside the lock: locking drops the keys at once, and this event must still be MAC'd.
    const unlocked = this.vault.peek();
    try {
      await withLock(AUDIT_LOCK, () => this.appendHeld(unlocked, type, entityId, detail, actor));
    } catch (error) {
      reportFailure(error);
    }
  }

  /** Every event as the nurse in charge reads it: the sealed words opened (audit-details.ts). */
  async all(): Promise<AuditEvent[]> {
    return readableEvents(this.vault.peek(), await this.db.audit.orderBy('seq').toArray());
  }

  /**
   * Checks the chain, every MAC (when unlocked), the head, the high-water mark, the
   * checkpoint and this page's memory: over the whole trail (the default, as the audit
   * trail page does), or only after the checkpoint (the home screen). Records any break not
   * recorded yet and moves the checkpoint on (when unlocked). Not ok while a break is
   * unacknowledged; the first such break is named.
   */
  async verify(scope: AuditCheckScope = 'whole'): Promise<AuditVerification> {
    const unlocked = this.vault.peek();
    try {
      return await withLock(AUDIT_LOCK, async () => {
        const checked = await this.check(unlocked, scope);
        if (unlocked) {
          await this.recordNewBreaks(unlocked, checked);
          await this.advanceCheckpoint(unlocked, checked);
        }
        return toVerification(checked);
      });
    } catch (error) {
      reportFailure(error);
      return { ok: false, brokenAt: 1, reason: 'The audit trail could not be read on this tablet.' };
    }
  }

  /**
   * Called by unlock once the keys are in memory: verifies the trail (recording any break),
   * then writes the 'unlock' event, which seals the failed unlocks recorded without a key
   * since the head into the chain and says so.
   */
  async unlocked(staff: { id: string; name: string }): Promise<void> {
    const unlocked = this.vault.peek();
    if (!unlocked) return;
    try {
      await withLock(AUDIT_LOCK, async () => {
        const checked = await this.check(unlocked, 'since-checkpoint');
        await this.recordNewBreaks(unlocked, checked);
        const first = checked.keyless[0];
        const last = checked.keyless.at(-1);
        const detail =
          first && last
            ? `Unlocked; sealed ${String(checked.keyless.length)} failed unlock${checked.keyless.length === 1 ? '' : 's'} recorded without a key (events ${String(first.seq)} to ${String(last.seq)})`
            : 'Unlocked';
        await this.appendHeld(unlocked, 'unlock', staff.id, detail, { id: staff.id, name: staff.name });
        await this.advanceCheckpoint(unlocked, checked);
      });
    } catch (error) {
      reportFailure(error);
    }
  }

  /** The nurse in charge acknowledges a recorded break. False when there is no such break to acknowledge. */
  async acknowledge(brokenAt: number): Promise<boolean> {
    const unlocked = this.vault.peek();
    if (!unlocked) return false;
    return withLock(AUDIT_LOCK, async () => {
      const checked = await this.check(unlocked, 'since-checkpoint');
      await this.recordNewBreaks(unlocked, checked);
      const recorded = checked.recorded.get(brokenAt) ?? checked.found.find((found) => found.brokenAt === brokenAt);
      if (!recorded || checked.acknowledged.has(brokenAt)) return false;
      await this.appendHeld(unlocked, 'audit-break-acknowledged', auditBreakEntityId(brokenAt), `Acknowledged by the nurse in charge: ${recorded.reason}`);
      return true;
    });
  }

  /** Writes one event; the caller holds the audit lock. */
  private async appendHeld(unlocked: Unlocked | undefined, type: AuditEventType, entityId: string, detail: string, actor?: Actor): Promise<AuditEvent> {
    const who = actor !== undefined ? actor : unlocked ? { id: unlocked.staff.id, name: unlocked.staff.name } : null;
    const [last, headRow, highRow] = await this.db.transaction('r', this.db.audit, this.db.meta, () =>
      Promise.all([this.db.audit.orderBy('seq').last(), this.db.meta.get(AUDIT_HEAD_KEY), this.db.meta.get(AUDIT_HIGH_WATER_KEY)]),
    );
    // Never a number that was used before, even when the rows that held it are gone.
    const highest = Math.max(last?.seq ?? 0, claimedCount(headRow?.value), claimedCount(highRow?.value), this.seen?.count ?? 0);
    // About a patient: the words are sealed and only the revision note stays in clear (and in the hash; audit-details.ts
    // says why). With no key in memory there is nothing to seal with: the words are not written rather than left in clear.
    const sealed = detailIsSealed(type);
    const event = nextEvent(last, { at: this.now(), actor: who, type, entityId, detail: sealed ? clearDetailOf(detail) : detail }, highest + 1);
    const sealedDetail = sealed && unlocked ? await sealDetail(unlocked, event, detail, false) : undefined;
    const mac = unlocked ? await macAuditHash(unlocked.keys.auditKey, event.hash) : '';
    const anchors = unlocked
      ? [
          { key: AUDIT_HEAD_KEY, value: await anchor(unlocked, 'head', event) },
          { key: AUDIT_HIGH_WATER_KEY, value: await anchor(unlocked, 'high-water', event) },
        ]
      : [];
    const stored: AuditEvent = { ...event, mac };
    await this.db.transaction('rw', this.db.audit, this.db.meta, async () => {
      await this.db.audit.add(sealedDetail ? { ...stored, sealedDetail } : stored);
      if (anchors.length > 0) await this.db.meta.bulkPut(anchors);
    });
    this.seen = { count: event.seq, hash: event.hash };
    return stored;
  }

  private async recordNewBreaks(unlocked: Unlocked, checked: Checked): Promise<void> {
    for (const found of checked.found) {
      if (checked.recorded.has(found.brokenAt)) continue;
      const event = await this.appendHeld(unlocked, 'audit-break-detected', auditBreakEntityId(found.brokenAt), found.reason);
      checked.recorded.set(found.brokenAt, { reason: found.reason, at: event.at });
      checked.breakSeqs.push(event.seq);
    }
  }

  /**
   * Moves the checkpoint on to the newest event this page wrote or checked, once every
   * break found is recorded in the trail (so a later check finds it by its type, not by
   * reading the trail again). Never moves it back. The caller holds the audit lock.
   */
  private async advanceCheckpoint(unlocked: Unlocked, checked: Checked): Promise<void> {
    const seen = this.seen;
    if (!seen || checked.found.some((found) => !checked.recorded.has(found.brokenAt))) return;
    if (checked.checkpoint && checked.checkpoint.count >= seen.count) return;
    const breaks = [...new Set(checked.breakSeqs)].filter((seq) => seq <= seen.count).sort((a, b) => a - b);
    const mac = await macAuditCheckpoint(unlocked.keys.auditKey, seen.count, seen.hash, breaks);
    await this.db.meta.put({ key: AUDIT_CHECKPOINT_KEY, value: { count: seen.count, hash: seen.hash, breaks, mac } });
  }

  /**
   * Reads the trail (all of it, or from the checkpoint on) and its anchors in one
   * transaction and lists every break. Since the checkpoint, only when the checkpoint's MAC
   * holds, its event still has its hash and the break events up to it are the ones it
   * lists; otherwise the whole trail, where a changed checkpoint is reported as a break.
   */
  private async check(unlocked: Unlocked | undefined, scope: AuditCheckScope): Promise<Checked> {
    const { db } = this;
    const seen = this.seen;
    const read = await db.transaction('r', db.audit, db.meta, db.device, async () => {
      const [headRow, highRow, checkpointRow, devices, total] = await Promise.all([
        db.meta.get(AUDIT_HEAD_KEY),
        db.meta.get(AUDIT_HIGH_WATER_KEY),
        db.meta.get(AUDIT_CHECKPOINT_KEY),
        db.device.count(),
        db.audit.count(),
      ]);
      const stored = readCheckpoint(checkpointRow?.value);
      // From the lowest position anything remembers, so each anchor's event is read too.
      const from =
        scope === 'since-checkpoint' && unlocked && stored
          ? Math.min(stored.count, ...[claimedCount(headRow?.value), claimedCount(highRow?.value), seen?.count ?? 0].filter((count) => count >= 1))
          : 1;
      const [raw, breakRows] =
        from > 1
          ? await Promise.all([db.audit.where('seq').aboveOrEqual(from).toArray(), db.audit.where('type').anyOf(BREAK_TYPES).toArray()])
          : [await db.audit.orderBy('seq').toArray(), []];
      return { headRow, highRow, checkpointRow, stored, devices, total, from, raw, breakRows };
    });
    const { headRow, highRow, checkpointRow, stored, devices, total, from } = read;
    // As the chain hashed them: storage-only fields dropped, words from before version 5 opened (audit-details.ts).
    const [raw, breakRows] = await Promise.all([chainRows(unlocked, read.raw), chainRows(unlocked, read.breakRows)]);
    if (from > 1 && unlocked && stored) {
      const at = raw.find((row) => row.seq === stored.count);
      const listed = breakRows.map((row) => row.seq).filter((seq) => seq <= stored.count).sort((a, b) => a - b);
      const holds =
        at?.hash === stored.hash &&
        sameSeqs(listed, stored.breaks) &&
        (await verifyAuditCheckpoint(verifyingKeys(unlocked), stored.count, stored.hash, stored.breaks, stored.mac));
      if (!holds) return this.check(unlocked, 'whole');
    }
    const partial = from > 1;
    /** Where trust starts: before the checkpoint's range (which its MAC vouches for), or nothing. */
    const base = from - 1;
    const { breaks, events } = chainBreaks(raw, partial ? { seq: from, prevHash: undefined } : undefined);
    const found: Found[] = [];
    const add = (brokenAt: number, reason: string) => {
      if (!found.some((existing) => existing.brokenAt === brokenAt)) found.push({ brokenAt, reason });
    };
    for (const item of breaks) add(item.brokenAt, describeReason(item.reason));

    // Which events a MAC vouches for (with no key, which carry one at all).
    const vouched = new Set<number>();
    for (const event of events) {
      if (event.mac === '') continue;
      if (!unlocked || (await verifyAuditMac(verifyingKeys(unlocked), event.hash, event.mac))) vouched.add(event.seq);
    }
    if (unlocked) {
      // One break for a run of events without a valid MAC (a rewritten tail), not one each.
      let inRun = false;
      for (const event of events) {
        if (vouched.has(event.seq)) inRun = false;
        else if (auditTypeRequiresMac(event.type)) {
          if (!inRun) add(event.seq, 'The event was not written by this app on this device, or has been changed.');
          inRun = true;
        }
      }
    }

    const bySeq = new Map(events.map((event) => [event.seq, event]));
    const last = events.at(-1);
    const lastSeq = last?.seq ?? 0;
    const vouchedSeqs = events.filter((event) => vouched.has(event.seq)).map((event) => event.seq);
    /** Trust ends at the newest event a MAC vouches for before event `count` (a binary search: events are in order). */
    const trustedBefore = (count: number): number => {
      let low = 0;
      let high = vouchedSeqs.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((vouchedSeqs[middle] ?? 0) < count) low = middle + 1;
        else high = middle;
      }
      return low > 0 ? (vouchedSeqs[low - 1] ?? base) : base;
    };
    /** The trail must still hold event `count` with this hash. */
    const checkPosition = (count: number, hash: string) => {
      if (bySeq.get(count)?.hash === hash) return;
      const trusted = trustedBefore(count);
      if (lastSeq < count) add(trusted + 1, 'Events are missing from the end of the audit trail.');
      else add(trusted + 1, `Events after event ${String(trusted)} were removed or replaced.`);
    };
    const checkAnchor = async (value: AuditAnchor, kind: AuditAnchorKind) => {
      if (unlocked && !(await verifyAuditAnchor(verifyingKeys(unlocked), kind, value.count, value.hash, value.mac))) {
        // The events it points at may still be vouched for by their own MACs.
        add(trustedBefore(Math.min(value.count, lastSeq) + 1) + 1, 'The record of the newest event has been changed.');
        return;
      }
      checkPosition(value.count, value.hash);
    };

    const head = readAnchor(headRow?.value);
    const legacy = head ? undefined : readLegacyHead(headRow?.value);
    const high = readAnchor(highRow?.value);
    let keyless: AuditEvent[] = [];
    if (headRow === undefined) {
      // Set-up writes the first event with the head, and every keyed event rewrites it: a
      // set-up tablet, or one with any event, and no head has lost events. Never "empty".
      if (last || devices > 0 || highRow !== undefined) add(lastSeq + 1, 'The record of the newest event is missing: events may have been removed from the end.');
    } else if (head) {
      await checkAnchor(head, 'head');
      // Only failed unlocks, written while locked, may follow the head.
      keyless = events.filter((event) => event.seq > head.count);
      const added = keyless.find((event) => event.type !== 'unlock-failed' || event.mac !== '');
      if (added) add(added.seq, 'The event follows the newest sealed event but is not a failed unlock recorded without a key.');
    } else if (legacy) {
      // Written by an earlier release, with the newest event's own MAC; the next keyed event replaces it.
      if (!last || last.seq !== legacy.seq || last.hash !== legacy.hash) add(lastSeq + 1, 'Events are missing from the end of the audit trail.');
      else if (unlocked && legacy.mac !== '' && !(await verifyAuditMac(verifyingKeys(unlocked), legacy.hash, legacy.mac))) add(legacy.seq, 'The record of the newest event has been changed.');
    } else {
      add(lastSeq + 1, 'The record of the newest event is damaged.');
    }
    if (highRow !== undefined) {
      if (high) await checkAnchor(high, 'high-water');
      else add(lastSeq + 1, 'The second record of the newest event is damaged.');
      if (head && high && head.count !== high.count) {
        add(Math.min(head.count, high.count) + 1, 'The record of the newest event was put back to an older one: events after it were removed.');
      }
    } else if (head) {
      add(head.count + 1, 'The second record of the newest event is missing: events may have been removed from the end.');
    }
    if (this.seen) checkPosition(this.seen.count, this.seen.hash);

    // The checkpoint (read as a whole trail): reported when changed, like the anchors.
    let checkpoint: AuditCheckpoint | undefined;
    if (!partial && checkpointRow !== undefined) {
      if (!stored) add(trustedBefore(lastSeq + 1) + 1, 'The record of the last check of the audit trail is damaged.');
      else if (unlocked && !(await verifyAuditCheckpoint(verifyingKeys(unlocked), stored.count, stored.hash, stored.breaks, stored.mac))) {
        add(trustedBefore(Math.min(stored.count, lastSeq) + 1) + 1, 'The record of the last check of the audit trail has been changed.');
      } else {
        checkPosition(stored.count, stored.hash);
        if (unlocked && bySeq.get(stored.count)?.hash === stored.hash) checkpoint = stored;
      }
    } else if (partial) checkpoint = stored;

    // Break events before the range, found by their type: trusted when their own hash and MAC hold.
    const outside: AuditEvent[] = [];
    for (const row of breakRows) {
      if (row.seq >= from) continue;
      const parsed = auditEventSchema.safeParse(row);
      if (!parsed.success || hashEvent(parsed.data, parsed.data.prevHash) !== parsed.data.hash) continue;
      if (unlocked && (await verifyAuditMac(verifyingKeys(unlocked), parsed.data.hash, parsed.data.mac))) {
        outside.push(parsed.data);
        vouched.add(parsed.data.seq);
      }
    }
    const breakEvents = [...outside.sort((a, b) => a.seq - b.seq), ...events.filter((event) => BREAK_TYPES.includes(event.type))];
    const breakSeqs = [...breakRows.filter((row) => row.seq < from).map((row) => row.seq), ...breakEvents.filter((event) => event.seq >= from).map((event) => event.seq)];

    // Breaks already recorded, and acknowledged, by events a MAC vouches for.
    const recorded = new Map<number, { reason: string; at: string }>();
    const acknowledged = new Map<number, { by: string; at: string }>();
    for (const event of breakEvents) {
      const position = auditBreakPosition(event.entityId);
      if (position === undefined || !vouched.has(event.seq)) continue;
      if (event.type === 'audit-break-detected' && !recorded.has(position)) recorded.set(position, { reason: event.detail, at: event.at });
      if (event.type === 'audit-break-acknowledged') acknowledged.set(position, { by: event.actor?.name ?? '', at: event.at });
    }
    // Remember how far a clean trail has got; after a break, keep the older memory.
    if (last && found.length === 0 && (!this.seen || this.seen.count <= last.seq)) this.seen = { count: last.seq, hash: last.hash };
    found.sort((a, b) => a.brokenAt - b.brokenAt);
    return { count: total, found, recorded, acknowledged, keyless, checkpoint, breakSeqs };
  }
}

async function anchor(unlocked: Unlocked, kind: AuditAnchorKind, event: { seq: number; hash: string }): Promise<AuditAnchor> {
  return { count: event.seq, hash: event.hash, mac: await macAuditAnchor(unlocked.keys.auditKey, kind, event.seq, event.hash) };
}

function toVerification(checked: Checked): AuditVerification {
  const positions = new Set([...checked.found.map((found) => found.brokenAt), ...checked.recorded.keys()]);
  const breaks: AuditBreakReport[] = [...positions]
    .sort((a, b) => a - b)
    .map((brokenAt) => ({
      brokenAt,
      reason: checked.recorded.get(brokenAt)?.reason ?? checked.found.find((found) => found.brokenAt === brokenAt)?.reason ?? '',
      detectedAt: checked.recorded.get(brokenAt)?.at ?? '',
      acknowledged: checked.acknowledged.get(brokenAt) ?? null,
    }));
  const open = breaks.find((item) => item.acknowledged === null);
  if (open) return { ok: false, brokenAt: open.brokenAt, reason: open.reason, breaks };
  return breaks.length > 0 ? { ok: true, count: checked.count, breaks } : { ok: true, count: checked.count };
}

function reportFailure(error: unknown): void {
  console.error('Audit trail write failed', error instanceof Error ? error.name : 'unknown error');
}

function describeReason(reason: ChainBreak): string {
  switch (reason) {
    case 'hash-mismatch':
      return 'The event has been changed since it was written.';
    case 'link-broken':
      return 'The event does not follow on from the one before it: an event was removed, added or reordered.';
    case 'sequence-gap':
      return 'An event is missing.';
    case 'malformed':
      return 'The event is damaged.';
  }
}
