/**
 * Each tablet's audit chain travels to the department server and from it to every other tablet
 * (issue 14: "each tablet's audit chain kept whole, the server keeps all chains"; design
 * docs/design/department-sync.md §6 and "Where the built audit chains travel differs").
 *
 * Push (kind `audit-event`): this tablet's own events in the order of its trail, oldest first,
 * from its first event, as chain positions 1, 2, 3 … (`chainSeq`, which the server keeps
 * contiguous per tablet: a gap or a rewrite is refused). The row id is
 * `<tablet id>:<position, 12 digits>`; the event (every field, its sealed words as stored) is
 * sealed for transport under the key from the department secret (crypto/transport.ts), with
 * the position inside, so the server sees a position, a size and a time, never the actor's
 * name or any word of the event. Sealing needs the key: only while unlocked. Only events up
 * to the head (meta 'audit-head': the newest event written with a key) go; failed unlocks
 * written while locked after it go once the next unlock's event seals them into the chain.
 * At most {@link MAX_PUSH_ROWS} a request, through the push machinery's stored request
 * (push.ts, its own pending key), so a retry is the same bytes and writes nothing twice.
 *
 * Resumable: the position and event reached (meta {@link AUDIT_PUSHED_KEY}) is moved on from
 * the acknowledgements the push writes in its own transaction (the accepted rows' event
 * numbers ride on them as their fingerprint), so a push answered but not yet folded into the
 * mark is never sealed again under a new IV (which the server would refuse as a rewrite).
 * Pushed audit events are not counted in the 'department-shared' event: that count is itself
 * an audit event, and counting the events that carry it would write one every hour for ever.
 *
 * Pull: by a cursor of its own (meta {@link AUDIT_PULL_CURSOR_KEY}), after the main pull (the
 * first pull stays light: summaries, stubs, tombstones, staff, settings), at most
 * {@link AUDIT_PULL_BATCHES} batches a sync, written with the cursor in one transaction. The
 * first audit pull starts where the department stands then (`GET /api/v1/audit-heads`: its
 * newest sequence number, meta {@link AUDIT_ANCHOR_KEY}, and each chain's newest position,
 * meta {@link CHAIN_ANCHORS_KEY}; that newest event fetched), so a tablet that joins a
 * department a year on does not pull a year of every tablet's events: each chain is checked
 * from the position after its anchor (chain-check.ts). Rows stay sealed in `departmentRows` (kind `audit-event`) until checked:
 * the check then prunes a whole chain to its newest event (the checkpoint, meta
 * {@link CHAIN_CHECKPOINTS_KEY}, clear). A row already held that comes again with other bytes
 * is not taken: its id is kept for the chain check to report as a rewrite. A position below a
 * chain's checkpoint that comes again is not taken either: there is nothing left here to
 * compare it with (design "Where the built audit chains travel differs": what a tablet can
 * and cannot detect after pruning).
 * Runs while locked (sealed rows need no key); chains are checked while unlocked (chain-check.ts).
 */
import type { AuditRow, DepartmentRow, TriageDatabase } from '../db';
import { AUDIT_HEAD_KEY } from '../repositories/audit-log';
import type { Unlocked } from '../repositories/vault';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { PendingPush, PushRow } from './engine-state';
import { rowKey } from './engine-wire';
import { callApi } from './http';
import type { ApiFailure, ApiOptions } from './http';
import type { ServerRow } from './pull';
import { MAX_PUSH_ROWS } from './push';
import type { PushSource } from './push';
import { sealToWire } from './travel';

export const AUDIT_KIND = 'audit-event';
/** meta: the push of audit events waiting for an answer (apart from the other pushes). */
export const SYNC_PENDING_AUDIT_KEY = 'sync:pending-audit';
/** meta: how far this tablet's chain is held by the server: `{ chainSeq, seq }` (position and event number). */
export const AUDIT_PUSHED_KEY = 'sync:audit-pushed';
/** meta: the department sequence number the next pull of audit events starts after. */
export const AUDIT_PULL_CURSOR_KEY = 'sync:audit-cursor';
/** meta: the tablets whose chains this tablet holds (ids, clear: the server's own `authorTablet`). */
export const CHAIN_TABLETS_KEY = 'department-chains:tablets';
/** meta: row ids of held events the server later sent with other bytes (for the chain check to report). */
export const CHAIN_REWRITES_KEY = 'department-chains:rewrites';
/** meta: the department sequence number the first pull of audit events started after (0 or absent: from the start). */
export const AUDIT_ANCHOR_KEY = 'sync:audit-anchor';
/** meta: per tablet, the position before the newest of its chain the server held when this tablet's audit pull was anchored (the newest is the first checked here). */
export const CHAIN_ANCHORS_KEY = 'department-chains:anchors';
/** meta: per tablet, the position of its chain checked whole and pruned below (clear: the pull reads it while locked). */
export const CHAIN_CHECKPOINTS_KEY = 'department-chains:checkpoints';
/** Batches of audit events pulled in one sync at most (500 each). */
export const AUDIT_PULL_BATCHES = 10;
const PULL_LIMIT = 500;
const POSITION_DIGITS = 12;

/** The row id of a position in a tablet's chain. */
export const chainRowId = (tabletId: string, chainSeq: number): string => `${tabletId}:${String(chainSeq).padStart(POSITION_DIGITS, '0')}`;

/** The tablet and position a chain row id names; undefined when it is not one. */
export function parseChainRowId(rowId: string): { tabletId: string; chainSeq: number } | undefined {
  const match = /^(.+):(\d{12})$/.exec(rowId);
  if (!match?.[1] || !match[2]) return undefined;
  const chainSeq = Number(match[2]);
  return chainSeq >= 1 ? { tabletId: match[1], chainSeq } : undefined;
}

/** The `departmentRows` key range of one tablet's chain from position `from` on. */
export function chainKeyRange(tabletId: string, from = 1): [string, string] {
  return [rowKey(AUDIT_KIND, chainRowId(tabletId, from)), rowKey(AUDIT_KIND, `${tabletId}:\uffff`)];
}

/** What travels of an event: its position and the event as stored (its sealed words too). */
export interface TravellingEvent {
  chainSeq: number;
  event: AuditRow;
}

export interface PushedMark {
  chainSeq: number;
  seq: number;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export async function readPushedMark(db: Pick<TriageDatabase, 'meta'>): Promise<PushedMark> {
  const value = (await db.meta.get(AUDIT_PUSHED_KEY))?.value as Partial<PushedMark> | undefined;
  return isCount(value?.chainSeq) && isCount(value.seq) ? { chainSeq: value.chainSeq, seq: value.seq } : { chainSeq: 0, seq: 0 };
}

/** The newest event written with a key (the head), 0 when none. */
async function headCount(db: TriageDatabase): Promise<number> {
  const value = (await db.meta.get(AUDIT_HEAD_KEY))?.value as { count?: unknown; seq?: unknown } | undefined;
  const count = value?.count ?? value?.seq;
  return isCount(count) ? count : 0;
}

/**
 * Moves the mark on over the positions the server accepted (their acknowledgements, written
 * by the push in the same transaction as its answer), and drops those acknowledgements.
 * `blocked` when the next position was refused: nothing more is pushed (the refusal is in the
 * sync report, shown under the header line).
 */
export async function foldAcknowledged(db: TriageDatabase, tabletId: string): Promise<{ mark: PushedMark; blocked: boolean }> {
  return db.transaction('rw', db.meta, db.syncPushed, async () => {
    let mark = await readPushedMark(db);
    const acks = await db.syncPushed.where('kind').equals(AUDIT_KIND).toArray();
    const byPosition = new Map(acks.flatMap((ack) => {
      const parsed = parseChainRowId(ack.rowId);
      return parsed && parsed.tabletId === tabletId ? [[parsed.chainSeq, ack] as const] : [];
    }));
    const folded: string[] = [];
    let blocked = false;
    for (;;) {
      const ack = byPosition.get(mark.chainSeq + 1);
      if (!ack) break;
      const seq = Number(ack.fingerprint);
      if (ack.acknowledged < 1 || !Number.isSafeInteger(seq) || seq <= mark.seq) {
        blocked = ack.problem !== undefined;
        break;
      }
      mark = { chainSeq: mark.chainSeq + 1, seq };
      folded.push(ack.key);
    }
    if (folded.length > 0) {
      await db.meta.put({ key: AUDIT_PUSHED_KEY, value: mark });
      await db.syncPushed.bulkDelete(folded);
    }
    return { mark, blocked };
  });
}

/** The next batch of this tablet's events to push, sealed for transport; undefined when none (or locked). */
export async function nextAuditPush(db: TriageDatabase, unlocked: Unlocked | undefined, tabletId: string, newId: () => string): Promise<PendingPush | undefined> {
  if (!unlocked || unlocked.deviceId !== tabletId) return undefined;
  const { mark, blocked } = await foldAcknowledged(db, tabletId);
  if (blocked) return undefined;
  const head = await headCount(db);
  if (head <= mark.seq) return undefined;
  const events = await db.audit.where('seq').between(mark.seq, head, false, true).limit(MAX_PUSH_ROWS).toArray();
  if (events.length === 0) return undefined;
  const rows: PushRow[] = [];
  const fingerprints: Record<string, string> = {};
  for (const [index, event] of events.entries()) {
    const chainSeq = mark.chainSeq + index + 1;
    const rowId = chainRowId(tabletId, chainSeq);
    const value: TravellingEvent = { chainSeq, event };
    rows.push({ kind: AUDIT_KIND, rowId, revision: 1, baseRevision: null, sealed: await sealToWire(unlocked.secret, value, { kind: AUDIT_KIND, author: tabletId, rowId, revision: 1 }), chainSeq });
    fingerprints[rowKey(AUDIT_KIND, rowId)] = String(event.seq);
  }
  return { requestId: newId(), rows, mark: '', fingerprints };
}

/** Where the engine's push takes this tablet's audit events from (push.ts pushAll). */
export function auditPushSource(db: TriageDatabase, peek: () => Unlocked | undefined, tabletId: string, newId: () => string): PushSource {
  return { pendingKey: SYNC_PENDING_AUDIT_KEY, next: () => nextAuditPush(db, peek(), tabletId, newId), uncounted: true };
}

interface PullAnswer {
  rows: ServerRow[];
  cursor: number;
  more: boolean;
}

/** Writes one batch of pulled audit events with the cursor after it; returns how many were new. */
export async function storeAuditRows(db: TriageDatabase, rows: readonly ServerRow[], ownTablet: string, cursor: number | undefined): Promise<number> {
  let stored = 0;
  await db.transaction('rw', db.departmentRows, db.meta, async () => {
    const tablets = new Set(((await db.meta.get(CHAIN_TABLETS_KEY))?.value as string[] | undefined) ?? []);
    const rewrites = new Set(((await db.meta.get(CHAIN_REWRITES_KEY))?.value as string[] | undefined) ?? []);
    const tabletsBefore = tablets.size;
    const rewritesBefore = rewrites.size;
    const checkpoints = await chainCheckpoints(db);
    const anchors = await chainAnchors(db);
    for (const row of rows) {
      if (row.kind !== AUDIT_KIND) continue;
      // The chain a row belongs to is the one its id names (bound into its seal), not the server's say.
      const parsed = parseChainRowId(row.rowId);
      if (!parsed || parsed.tabletId === ownTablet) continue;
      // Checked and pruned here: a copy sent again has nothing left to be compared with.
      if (parsed.chainSeq < (checkpoints[parsed.tabletId] ?? 0) || parsed.chainSeq <= (anchors[parsed.tabletId] ?? 0)) continue;
      const key = rowKey(AUDIT_KIND, row.rowId);
      const held = await db.departmentRows.get(key);
      if (held) {
        if (held.sealed !== row.sealed) rewrites.add(row.rowId);
        continue;
      }
      const fresh: DepartmentRow = { key, kind: AUDIT_KIND, rowId: row.rowId, revision: row.revision, authorTablet: parsed.tabletId, seq: row.seq, sealed: row.sealed, nhsIndex: '', nameDobIndex: '', signed: false };
      await db.departmentRows.put(fresh);
      tablets.add(parsed.tabletId);
      stored += 1;
    }
    if (tablets.size !== tabletsBefore) await db.meta.put({ key: CHAIN_TABLETS_KEY, value: [...tablets].sort() });
    if (rewrites.size !== rewritesBefore) await db.meta.put({ key: CHAIN_REWRITES_KEY, value: [...rewrites].sort() });
    if (cursor !== undefined) await db.meta.put({ key: AUDIT_PULL_CURSOR_KEY, value: cursor });
  });
  return stored;
}

/** Pulls the department's audit events from the stored cursor: at most `batches` batches this time. */
export async function pullAuditEvents(db: TriageDatabase, api: ApiOptions, ownTablet: string, batches = AUDIT_PULL_BATCHES): Promise<Result<{ stored: number }, ApiFailure>> {
  let stored = 0;
  const anchored = await anchorAuditPull(db, api, ownTablet);
  if (!anchored.ok) return anchored;
  for (let batch = 0; batch < batches; batch += 1) {
    const value = (await db.meta.get(AUDIT_PULL_CURSOR_KEY))?.value;
    const after = isCount(value) ? value : 0;
    const answer = await callApi<PullAnswer>('GET', `/api/v1/pull?after=${String(after)}&limit=${String(PULL_LIMIT)}&kinds=${AUDIT_KIND}`, undefined, api);
    if (!answer.ok) return err(answer.error);
    stored += await storeAuditRows(db, answer.value.rows, ownTablet, answer.value.cursor);
    if (!answer.value.more || answer.value.rows.length === 0) break;
  }
  return ok({ stored });
}

interface AuditHeads {
  seq: number;
  chains: { tabletId: string; chainSeq: number }[];
}

/**
 * The first time audit events are pulled here, the cursor starts where the department stands
 * (the server's newest sequence number), and each chain held then is anchored at its newest
 * event, fetched now (`GET /rows/audit-event/<tablet>:<position>`), so the check starts with
 * that event (its own hash and MAC) and the rollback probe has a row to ask about from the
 * start. Events written before were checked by the tablets that held them then, and by their
 * author. A server without the route (404) is pulled from the start, as before. Written in one
 * transaction: a failure part-way leaves the pull unanchored, to be anchored at the next sync.
 */
export async function anchorAuditPull(db: TriageDatabase, api: ApiOptions, ownTablet: string): Promise<Result<void, ApiFailure>> {
  if ((await db.meta.get(AUDIT_PULL_CURSOR_KEY)) !== undefined) return ok(undefined);
  const answer = await callApi<AuditHeads>('GET', '/api/v1/audit-heads', undefined, api);
  if (!answer.ok && !(answer.error.kind === 'refused' && answer.error.status === 404)) return err(answer.error);
  const heads: AuditHeads = answer.ok ? answer.value : { seq: 0, chains: [] };
  const seq = isCount(heads.seq) ? heads.seq : 0;
  const chains = heads.chains.filter((chain) => chain.tabletId !== ownTablet && isCount(chain.chainSeq) && chain.chainSeq > 0);
  const newest: ServerRow[] = [];
  for (const chain of chains) {
    const rows = await callApi<{ rows: ServerRow[] }>('GET', `/api/v1/rows/${AUDIT_KIND}/${encodeURIComponent(chainRowId(chain.tabletId, chain.chainSeq))}`, undefined, api);
    // Not served: left out, so the check reports the position after the anchor as omitted.
    if (!rows.ok && rows.error.kind === 'refused' && rows.error.status === 404) continue;
    if (!rows.ok) return err(rows.error);
    const first = rows.value.rows.find((row) => row.revision === 1);
    if (first) newest.push(first);
  }
  await db.transaction('rw', db.meta, db.departmentRows, async () => {
    if ((await db.meta.get(AUDIT_PULL_CURSOR_KEY)) !== undefined) return;
    await db.meta.put({ key: AUDIT_ANCHOR_KEY, value: seq });
    await db.meta.put({ key: CHAIN_ANCHORS_KEY, value: Object.fromEntries(chains.map((chain) => [chain.tabletId, chain.chainSeq - 1])) });
    await storeAuditRows(db, newest, ownTablet, seq);
  });
  return ok(undefined);
}

function positions(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => isCount(entry[1])));
}

/** Per tablet, the position its chain was anchored at here (held by the server before this tablet pulled any of it). */
export async function chainAnchors(db: Pick<TriageDatabase, 'meta'>): Promise<Record<string, number>> {
  return positions((await db.meta.get(CHAIN_ANCHORS_KEY))?.value);
}

/** Per tablet, the position its chain was checked whole to and pruned below. */
export async function chainCheckpoints(db: Pick<TriageDatabase, 'meta'>): Promise<Record<string, number>> {
  return positions((await db.meta.get(CHAIN_CHECKPOINTS_KEY))?.value);
}

/** The tablets whose chains this tablet holds. */
export async function chainTablets(db: Pick<TriageDatabase, 'meta'>): Promise<string[]> {
  const value = (await db.meta.get(CHAIN_TABLETS_KEY))?.value;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/** Row ids held whose copy at the server was later seen with other bytes. */
export async function chainRewrites(db: Pick<TriageDatabase, 'meta'>): Promise<Set<string>> {
  const value = (await db.meta.get(CHAIN_REWRITES_KEY))?.value;
  return new Set(Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
}
