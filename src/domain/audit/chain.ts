/**
 * The audit hash chain: how an event is turned into text and hashed, how the next event is
 * made from the previous one, and how a whole trail is checked.
 *
 * Each event's hash covers its own fields and the previous event's hash, so changing,
 * removing, reordering or inserting any event breaks every link after it, and verifyChain
 * reports the first break.
 *
 * What the chain alone cannot catch, and what covers it:
 * - Someone who edits the database can rewrite the tail and recompute every hash after it
 *   (SHA-256 has no key). The storage layer's MAC over each hash, made with the device audit
 *   key, catches that: see storage/crypto/audit-mac and {@link eventsRequiringMac}.
 * - Deleting the newest events leaves a shorter chain that still verifies, and events after
 *   the newest MAC'd one (failed unlocks have no MAC) can be rewritten. The storage layer
 *   keeps a head and a high-water mark (the newest seq and its hash, each under its own
 *   MAC) apart from the trail, checks the trail against them, and numbers the next event
 *   from the highest number it knows (`atLeastSeq` in nextEvent), so a removed number is
 *   never reused and the gap stays visible to {@link chainBreaks}.
 *
 * Pure: no clock (the time comes in with the event), no crypto global, no I/O.
 */
import * as z from 'zod/mini';
import { sha256Hex } from './sha256';
import { auditEventSchema } from './events';
import type { AuditEvent, AuditEventType } from './events';

/** The `prevHash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event before it is hashed: everything but `hash` and `mac`. */
export type AuditEventBody = Omit<AuditEvent, 'hash' | 'mac'>;
/** An event's own content, without the chain fields. */
export type AuditEventContent = Omit<AuditEvent, 'prevHash' | 'hash' | 'mac'>;
/** What the caller says happened; the chain supplies seq, prevHash and hash. */
export type AuditEventInput = Omit<AuditEventContent, 'seq'>;
/** An event ready for its MAC. */
export type UnsignedAuditEvent = Omit<AuditEvent, 'mac'>;

export type ChainBreak = 'hash-mismatch' | 'link-broken' | 'sequence-gap' | 'malformed';

export type ChainVerification =
  | { ok: true; count: number; headHash: string }
  | { ok: false; brokenAt: number; reason: ChainBreak };

/**
 * The exact text that is hashed for an event: JSON with a fixed key order
 * (seq, at, actor {id, name}, type, entityId, detail, prevHash) and nothing else.
 * JSON.stringify is fully specified by ECMAScript for strings and whole numbers, so every
 * browser produces the same text. Never change this for events already written.
 */
export function canonicalEventText(event: AuditEventBody): string {
  return JSON.stringify({
    seq: event.seq,
    at: event.at,
    actor: event.actor === null ? null : { id: event.actor.id, name: event.actor.name },
    type: event.type,
    entityId: event.entityId,
    detail: event.detail,
    prevHash: event.prevHash,
  });
}

/**
 * SHA-256 (hex) of an event's canonical text with `prevHash` as its link to the previous
 * event. Fields other than the event's own content are ignored, so a whole stored event
 * can be passed in.
 */
export function hashEvent(event: AuditEventContent, prevHash: string): string {
  return sha256Hex(
    canonicalEventText({
      seq: event.seq,
      at: event.at,
      actor: event.actor,
      type: event.type,
      entityId: event.entityId,
      detail: event.detail,
      prevHash,
    }),
  );
}

const unsignedEventSchema = z.omit(auditEventSchema, { mac: true });

/**
 * Makes the event that follows `previous` (or the first event, when there is none):
 * the next seq, the link to the previous hash, and this event's hash. The MAC is added by
 * the storage layer, which holds the key.
 *
 * Throws (a programming error) when the result would not be a valid event, for example an
 * `at` that is not an ISO UTC instant or an actor with an empty id.
 */
export function nextEvent(
  previous: AuditEvent | undefined,
  input: AuditEventInput,
  atLeastSeq = 1,
): UnsignedAuditEvent {
  // `atLeastSeq` comes from the storage layer's high-water mark: after events were removed
  // from the end, the next event takes a new number, never a removed one, so the gap stays
  // in the chain for every later check to see.
  const seq = Math.max(previous === undefined ? 1 : previous.seq + 1, atLeastSeq);
  const prevHash = previous === undefined ? GENESIS_HASH : previous.hash;
  const content: AuditEventContent = {
    seq,
    at: input.at,
    actor: input.actor === null ? null : { id: input.actor.id, name: input.actor.name },
    type: input.type,
    entityId: input.entityId,
    detail: input.detail,
  };
  const event: UnsignedAuditEvent = { ...content, prevHash, hash: hashEvent(content, prevHash) };
  const checked = unsignedEventSchema.safeParse(event);
  if (!checked.success) {
    throw new TypeError(`nextEvent: not a valid audit event: ${checked.error.message}`);
  }
  return event;
}

/**
 * Checks a whole trail, oldest first, starting at seq 1, and reports the first place it
 * breaks. `brokenAt` is the position (the seq the event there should have) of the first
 * event that cannot be trusted: every event before it is intact.
 *
 * Checks, for each position in turn:
 * - 'malformed': the event does not match the schema (missing, extra or ill-typed fields);
 * - 'sequence-gap': its seq is not the next number (an event removed, reordered or
 *   inserted without renumbering);
 * - 'link-broken': its prevHash is not the previous event's hash (64 zeros for the first);
 * - 'hash-mismatch': its hash is not the hash of its own content (a field changed).
 *
 * Accepts unknown input because it is meant for what comes out of storage. MACs are not
 * checked here (they need the key); see {@link eventsRequiringMac}.
 */
export function verifyChain(events: readonly unknown[]): ChainVerification {
  let expectedPrevHash = GENESIS_HASH;
  for (const [index, raw] of events.entries()) {
    const brokenAt = index + 1;
    const parsed = auditEventSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, brokenAt, reason: 'malformed' };
    const event = parsed.data;
    if (event.seq !== brokenAt) return { ok: false, brokenAt, reason: 'sequence-gap' };
    if (event.prevHash !== expectedPrevHash) return { ok: false, brokenAt, reason: 'link-broken' };
    if (hashEvent(event, event.prevHash) !== event.hash) {
      return { ok: false, brokenAt, reason: 'hash-mismatch' };
    }
    expectedPrevHash = event.hash;
  }
  return { ok: true, count: events.length, headHash: expectedPrevHash };
}

/** One place where the trail cannot be trusted: the position (seq) it starts at, and why. */
export interface TrailBreak {
  brokenAt: number;
  reason: ChainBreak;
}

/**
 * Like {@link verifyChain}, but lists every break rather than stopping at the first, and
 * returns the events that parse. After a break the walk carries on from the event found
 * there (its own number and hash), so a break that was found, recorded and acknowledged
 * does not hide a later one. Stored events come ordered by seq, which is their primary
 * key, so numbers only ever jump forward: a jump is a 'sequence-gap' at the first missing
 * number, whether or not the link was carried across it.
 *
 * `start` checks a part of the trail: the seq its first event must have and that event's
 * link (undefined when the caller vouches for the link some other way, as storage does with
 * its MAC'd checkpoint). By default the whole trail, from seq 1 and the genesis link.
 */
export function chainBreaks(
  events: readonly unknown[],
  start: { seq: number; prevHash: string | undefined } = { seq: 1, prevHash: GENESIS_HASH },
): { breaks: TrailBreak[]; events: AuditEvent[] } {
  const breaks: TrailBreak[] = [];
  const parsedEvents: AuditEvent[] = [];
  let expectedSeq = start.seq;
  let expectedPrevHash: string | undefined = start.prevHash;
  const add = (brokenAt: number, reason: ChainBreak) => {
    if (!breaks.some((found) => found.brokenAt === brokenAt)) breaks.push({ brokenAt, reason });
  };
  for (const raw of events) {
    const parsed = auditEventSchema.safeParse(raw);
    if (!parsed.success) {
      add(expectedSeq, 'malformed');
      expectedSeq += 1;
      expectedPrevHash = undefined;
      continue;
    }
    const event = parsed.data;
    parsedEvents.push(event);
    if (event.seq !== expectedSeq) add(expectedSeq, 'sequence-gap');
    else if (expectedPrevHash !== undefined && event.prevHash !== expectedPrevHash) add(event.seq, 'link-broken');
    if (hashEvent(event, event.prevHash) !== event.hash) add(event.seq, 'hash-mismatch');
    expectedSeq = event.seq + 1;
    expectedPrevHash = event.hash;
  }
  return { breaks, events: parsedEvents };
}

/**
 * Whether an event of this type must carry a MAC. Every event is written while a member of
 * staff has the device unlocked, and so with the audit key, except a failed unlock, which
 * happens while the device is locked and the key is not in memory.
 */
export function auditTypeRequiresMac(type: AuditEventType): boolean {
  return type !== 'unlock-failed';
}

/**
 * The events whose MAC the storage layer must verify: every event except failed unlocks.
 *
 * A MAC-less event is trusted only as far as a MAC'd event after it vouches for it through
 * the chain. Anyone with the database can append a fake failed unlock, or rewrite what comes
 * after the newest MAC'd event (even turn that event into a MAC-less failed unlock); the
 * MAC'd head that storage keeps apart from the trail is what catches the latter.
 */
export function eventsRequiringMac(events: readonly AuditEvent[]): AuditEvent[] {
  return events.filter((event) => auditTypeRequiresMac(event.type));
}
