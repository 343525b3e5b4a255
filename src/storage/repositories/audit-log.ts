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
 * nurse in charge. A break found while a key is in memory is recorded as an
 * 'audit-break-detected' event, so it stays reported after the head moves on, until the
 * nurse in charge acknowledges it ('audit-break-acknowledged').
 */
import { auditBreakEntityId, auditBreakPosition } from '../../domain/audit/events';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { auditTypeRequiresMac, chainBreaks, nextEvent } from '../../domain/audit/chain';
import type { ChainBreak } from '../../domain/audit/chain';
import { macAuditAnchor, macAuditHash, verifyAuditAnchor, verifyAuditMac } from '../crypto/audit-mac';
import type { AuditAnchorKind } from '../crypto/audit-mac';
import type { TriageDatabase } from '../db';
import { withLock } from './locks';
import type { AuditBreakReport, AuditVerification } from './types';
import type { Unlocked, Vault } from './vault';

export const AUDIT_HEAD_KEY = 'audit-head';
export const AUDIT_HIGH_WATER_KEY = 'audit-high-water';
const AUDIT_LOCK = 'safeguarding-triage:audit';

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
}

export class AuditLog {
  /** The newest event this page wrote or checked: a memory that changing the files cannot roll back. */
  private seen: { count: number; hash: string } | undefined;

  constructor(
    private readonly db: TriageDatabase,
    private readonly vault: Vault,
    private readonly now: () => string,
  ) {}

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

  async all(): Promise<AuditEvent[]> {
    return this.db.audit.orderBy('seq').toArray();
  }

  /**
   * Checks the chain, every MAC (when unlocked), the head, the high-water mark and this
   * page's memory. Records any break not recorded yet (when unlocked). Not ok while a
   * break is unacknowledged; the first such break is named.
   */
  async verify(): Promise<AuditVerification> {
    const unlocked = this.vault.peek();
    try {
      return await withLock(AUDIT_LOCK, async () => {
        const checked = await this.check(unlocked);
        if (unlocked) await this.recordNewBreaks(unlocked, checked);
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
        const checked = await this.check(unlocked);
        await this.recordNewBreaks(unlocked, checked);
        const first = checked.keyless[0];
        const last = checked.keyless.at(-1);
        const detail =
          first && last
            ? `Unlocked; sealed ${String(checked.keyless.length)} failed unlock${checked.keyless.length === 1 ? '' : 's'} recorded without a key (events ${String(first.seq)} to ${String(last.seq)})`
            : 'Unlocked';
        await this.appendHeld(unlocked, 'unlock', staff.id, detail, { id: staff.id, name: staff.name });
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
      const checked = await this.check(unlocked);
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
    const event = nextEvent(last, { at: this.now(), actor: who, type, entityId, detail }, highest + 1);
    const mac = unlocked ? await macAuditHash(unlocked.keys.auditKey, event.hash) : '';
    const anchors = unlocked
      ? [
          { key: AUDIT_HEAD_KEY, value: await anchor(unlocked, 'head', event) },
          { key: AUDIT_HIGH_WATER_KEY, value: await anchor(unlocked, 'high-water', event) },
        ]
      : [];
    const stored: AuditEvent = { ...event, mac };
    await this.db.transaction('rw', this.db.audit, this.db.meta, async () => {
      await this.db.audit.add(stored);
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
    }
  }

  /** Reads the trail and its anchors in one transaction and lists every break. */
  private async check(unlocked: Unlocked | undefined): Promise<Checked> {
    const { db } = this;
    const [raw, headRow, highRow, devices] = await db.transaction('r', db.audit, db.meta, db.device, () =>
      Promise.all([db.audit.orderBy('seq').toArray(), db.meta.get(AUDIT_HEAD_KEY), db.meta.get(AUDIT_HIGH_WATER_KEY), db.device.count()]),
    );
    const { breaks, events } = chainBreaks(raw);
    const found: Found[] = [];
    const add = (brokenAt: number, reason: string) => {
      if (!found.some((existing) => existing.brokenAt === brokenAt)) found.push({ brokenAt, reason });
    };
    for (const item of breaks) add(item.brokenAt, describeReason(item.reason));

    // Which events a MAC vouches for (with no key, which carry one at all).
    const vouched = new Set<number>();
    for (const event of events) {
      if (event.mac === '') continue;
      if (!unlocked || (await verifyAuditMac(unlocked.keys.auditKey, event.hash, event.mac))) vouched.add(event.seq);
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
    /** Trust ends at the newest event a MAC vouches for before event `count`. */
    const trustedBefore = (count: number) => events.filter((event) => event.seq < count && vouched.has(event.seq)).at(-1);
    /** The trail must still hold event `count` with this hash. */
    const checkPosition = (count: number, hash: string) => {
      if (bySeq.get(count)?.hash === hash) return;
      const trusted = trustedBefore(count);
      const brokenAt = (trusted?.seq ?? 0) + 1;
      if (lastSeq < count) add(brokenAt, 'Events are missing from the end of the audit trail.');
      else add(brokenAt, `Events after event ${String(trusted?.seq ?? 0)} were removed or replaced.`);
    };
    const checkAnchor = async (value: AuditAnchor, kind: AuditAnchorKind) => {
      if (unlocked && !(await verifyAuditAnchor(unlocked.keys.auditKey, kind, value.count, value.hash, value.mac))) {
        // The events it points at may still be vouched for by their own MACs.
        add((trustedBefore(Math.min(value.count, lastSeq) + 1)?.seq ?? 0) + 1, 'The record of the newest event has been changed.');
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
      else if (unlocked && legacy.mac !== '' && !(await verifyAuditMac(unlocked.keys.auditKey, legacy.hash, legacy.mac))) add(legacy.seq, 'The record of the newest event has been changed.');
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

    // Breaks already recorded, and acknowledged, by events a MAC vouches for.
    const recorded = new Map<number, { reason: string; at: string }>();
    const acknowledged = new Map<number, { by: string; at: string }>();
    for (const event of events) {
      const position = auditBreakPosition(event.entityId);
      if (position === undefined || !vouched.has(event.seq)) continue;
      if (event.type === 'audit-break-detected' && !recorded.has(position)) recorded.set(position, { reason: event.detail, at: event.at });
      if (event.type === 'audit-break-acknowledged') acknowledged.set(position, { by: event.actor?.name ?? '', at: event.at });
    }
    // Remember how far a clean trail has got; after a break, keep the older memory.
    if (last && found.length === 0 && (!this.seen || this.seen.count <= last.seq)) this.seen = { count: last.seq, hash: last.hash };
    found.sort((a, b) => a.brokenAt - b.brokenAt);
    return { count: raw.length, found, recorded, acknowledged, keyless };
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
