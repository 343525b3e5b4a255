/**
 * Checking every other tablet's audit chain on this tablet (issue 14; design
 * docs/design/department-sync.md §6 "every tablet keeps and verifies every chain it has", §11
 * "a curious or compromised server … can withhold rows or serve an older revision: the audit
 * chains report a rollback"). The chains arrive sealed for transport (travel-audit.ts); this
 * opens them (the department secret), and checks each tablet's chain as that tablet's own:
 *
 * - contiguity of positions: a position missing is an event the server left out ('omitted'),
 *   or, below what this tablet held before, one removed here ('removed-here');
 * - each box opens as that tablet's, at its position ('changed' when it does not: the bytes
 *   were changed at the server);
 * - the hash chain (domain/audit/chain.ts chainBreaks) and each event's MAC under the
 *   department's audit key (every tablet of a department derives the same audit key from the
 *   same secret: crypto/keys.ts), as the author's own check does (audit-log.ts);
 * - a held event the server later sent with other bytes ('rewritten', from the pull or the probe);
 * - rollback: the server no longer holds the newest event this tablet holds of a chain
 *   ('rolled-back'), asked of the server at unlock and at most every {@link CHAIN_PROBE_EVERY_MS}.
 *
 * What this tablet knows of each chain is kept sealed (meta 'department-chain:<tablet>', the
 * row format of crypto/sealed-row.ts), with one clear flag for the header line (whether a break
 * not recorded by that tablet itself is open). Only new positions are checked while the chain
 * is whole; a chain with a break is checked whole (from its checkpoint) each time, so a gap the
 * server fills later stops being reported.
 *
 * Pruning (issue 14's scale: 50 tablets' events for a year would be gigabytes on each tablet):
 * once a chain checks whole to its newest position N, the rows held below N are deleted and N
 * becomes the checkpoint (its position, event number and hash in the sealed state, its
 * position in clear for the pull): the next events are checked on from N's hash, the row at N
 * stays for the rollback probe and for a rewrite of it to be seen. A chain with an open break
 * keeps every row from its checkpoint on. A chain the server held when this tablet's audit pull
 * was anchored (travel-audit.ts) is checked from its newest event then (fetched at the anchor):
 * that event's own hash and MAC are checked (its link to the event before cannot be: this
 * tablet never held it), every event after it links on from it, and a position missing after
 * it is an omission; the events before it were checked by the tablets that held them then,
 * and by their author.
 *
 * Each break found here, and not recorded by its own tablet, is written
 * once to this tablet's trail ('tamper-detected', entityId the tablet id, words sealed as for
 * every such event); never blocking: the chain stays held and work goes on.
 */
import { auditTypeRequiresMac, chainBreaks, GENESIS_HASH } from '../../domain/audit/chain';
import type { ChainBreak } from '../../domain/audit/chain';
import { auditBreakPosition } from '../../domain/audit/events';
import type { AuditEvent } from '../../domain/audit/events';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { verifyAuditMac } from '../crypto/audit-mac';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { DepartmentRow, TriageDatabase } from '../db';
import { chainRows } from '../repositories/audit-details';
import type { AuditLog } from '../repositories/audit-log';
import type { StorageContext } from '../repositories/context';
import { withLock } from '../repositories/locks';
import type { DepartmentChainBreak, DepartmentChainStatus } from '../repositories/types';
import { verifyingKeys } from '../repositories/vault';
import type { Unlocked } from '../repositories/vault';
import { rowKey } from './engine-wire';
import { callApi } from './http';
import type { ApiFailure, ApiOptions } from './http';
import type { ServerRow } from './pull';
import { pushAll } from './push';
import { openFromWire } from './travel';
import { AUDIT_KIND, auditPushSource, chainAnchors, chainCheckpoints, chainKeyRange, chainRewrites, chainRowId, chainTablets, CHAIN_CHECKPOINTS_KEY, CHAIN_REWRITES_KEY, parseChainRowId, pullAuditEvents } from './travel-audit';
import type { TravellingEvent } from './travel-audit';
import { withEarlierAuditKeys } from '../crypto/key-ring';

/** meta prefix: what this tablet knows of another tablet's chain. */
export const CHAIN_STATE_PREFIX = 'department-chain:';
/** meta: when the server was last asked for the newest event of each chain held. */
export const CHAIN_PROBED_AT_KEY = 'department-chains:probed-at';
/** The server is asked whether it still holds each chain's newest event at most this often (and at each unlock). */
export const CHAIN_PROBE_EVERY_MS = 600_000;
const CHAIN_LOCK = 'safeguarding-triage:department-chains';

export type ChainProblem = 'omitted' | 'changed' | 'rewritten' | 'rolled-back' | 'removed-here' | 'not-vouched' | ChainBreak;

interface ChainBreakNote {
  at: number;
  reason: ChainProblem;
  recorded: boolean;
}

/**
 * Where a check starts: positions up to `count` are checked and pruned (the row at `count`
 * kept); the next event must be number `lastSeq + 1` and link to `headHash`. `headHash` null: an
 * anchor, the first event after `count` is taken as the chain's start here.
 */
interface ChainBase {
  count: number;
  lastSeq: number;
  headHash: string | null;
}

/** Sealed: how far the chain was checked (position, event number and hash), its breaks, and those already audited here. */
interface ChainState {
  /** The checkpoint (absent in states written before pruning: the chain's start). */
  base?: ChainBase;
  count: number;
  lastSeq: number;
  headHash: string;
  breaks: ChainBreakNote[];
  /** Positions never received (left out by the server or unreadable), so a later check does not call them removed here. */
  missing: number[];
  reported: string[];
  checkedAt: string;
}

interface StoredChain {
  /** 1 while a break not recorded by the chain's own tablet is open: the header line reads it while locked. */
  broken: 0 | 1;
  state: unknown;
}

/** The words for each problem (no patient, no name). */
export const chainProblemWords: Record<ChainProblem, string> = {
  omitted: 'An event is missing: the department server left it out.',
  changed: 'An event was changed at the department server: it does not open.',
  rewritten: 'The department server sent a different copy of an event this tablet already held.',
  'rolled-back': 'The department server no longer holds events it sent before: it was put back to an older copy or is withholding them.',
  'removed-here': 'Events received earlier are missing from this tablet.',
  'not-vouched': 'The event was not written by the app on a tablet of the department, or has been changed.',
  'hash-mismatch': 'The event has been changed since it was written.',
  'link-broken': 'The event does not follow on from the one before it: an event was removed, added or reordered.',
  'sequence-gap': 'An event is missing.',
  malformed: 'The event is damaged.',
};

export const chainStateKey = (tabletId: string): string => `${CHAIN_STATE_PREFIX}${tabletId}`;
const stateAddress = (tabletId: string): RowAddress => ({ table: 'meta', id: chainStateKey(tabletId), field: 'state', rev: 0 });
const GENESIS_BASE: ChainBase = { count: 0, lastSeq: 0, headHash: GENESIS_HASH };

function isState(value: unknown): value is ChainState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<ChainState>;
  return typeof state.count === 'number' && typeof state.lastSeq === 'number' && typeof state.headHash === 'string' && Array.isArray(state.breaks) && Array.isArray(state.missing) && Array.isArray(state.reported) && typeof state.checkedAt === 'string';
}

async function readState(db: TriageDatabase, unlocked: Unlocked, tabletId: string): Promise<ChainState | undefined> {
  const stored = (await db.meta.get(chainStateKey(tabletId)))?.value as Partial<StoredChain> | undefined;
  if (!stored) return undefined;
  const opened = await openRow(unlocked, stored.state, stateAddress(tabletId));
  return isState(opened?.value) ? opened.value : undefined;
}

/** Asks the server for one chain row: its newest sealed bytes, or undefined when it holds none (404). */
export type ChainProbe = (rowId: string) => Promise<Result<string | undefined, ApiFailure>>;

export function serverProbe(api: ApiOptions): ChainProbe {
  return async (rowId) => {
    const answer = await callApi<{ rows: ServerRow[] }>('GET', `/api/v1/rows/${AUDIT_KIND}/${encodeURIComponent(rowId)}`, undefined, api);
    if (!answer.ok) return answer.error.kind === 'refused' && answer.error.status === 404 ? ok(undefined) : err(answer.error);
    return ok([...answer.value.rows].sort((a, b) => b.revision - a.revision)[0]?.sealed);
  };
}

function asTravelling(value: unknown, chainSeq: number): TravellingEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const travelling = value as { chainSeq?: unknown; event?: unknown };
  return travelling.chainSeq === chainSeq && typeof travelling.event === 'object' && travelling.event !== null ? (travelling as TravellingEvent) : undefined;
}

interface CheckDeps {
  db: TriageDatabase;
  audit: Pick<AuditLog, 'append'>;
  now: () => string;
}

/** Checks one tablet's chain, records new breaks in this tablet's trail, and stores what it knows. */
async function checkChain(deps: CheckDeps, unlocked: Unlocked, tabletId: string, whole: boolean, rewrites: Set<string>, anchors: Record<string, number>, probe: ChainProbe | undefined): Promise<DepartmentChainStatus> {
  const { db } = deps;
  const now = deps.now();
  const previous = await readState(db, unlocked, tabletId);
  const full = whole || !previous || previous.breaks.length > 0;
  // A chain the server held when this tablet's audit pull was anchored: checked from the position after its anchor.
  const anchor = anchors[tabletId];
  let base: ChainBase = previous?.base ?? (anchor !== undefined && anchor > 0 ? { count: anchor, lastSeq: anchor, headHash: null } : GENESIS_BASE);
  const start = previous && !full ? previous : { count: base.count, lastSeq: base.lastSeq, headHash: base.headHash, missing: [] as number[] };
  const rows = (await db.departmentRows.where('key').between(...chainKeyRange(tabletId, start.count + 1), true, true).toArray())
    .map((row) => ({ row, position: parseChainRowId(row.rowId)?.chainSeq ?? 0 }))
    .filter((item) => item.position > start.count)
    .sort((a, b) => a.position - b.position);

  const notes: ChainBreakNote[] = [];
  const note = (at: number, reason: ChainProblem, recorded = false) => {
    if (!notes.some((found) => found.at === at)) notes.push({ at, reason, recorded });
  };
  const author: Unlocked = { ...unlocked, deviceId: tabletId };
  const events: unknown[] = [];
  let position = start.count;
  let lastSeq = start.lastSeq;
  let newest: DepartmentRow | undefined;
  const missing = new Set(start.missing);
  const neverHeld = new Set(previous?.missing ?? []);
  for (const { row, position: at } of rows) {
    for (; position + 1 < at; position += 1) {
      lastSeq += 1;
      const held = previous !== undefined && position + 1 <= previous.count && !neverHeld.has(position + 1);
      if (!held) missing.add(position + 1);
      note(lastSeq, held ? 'removed-here' : 'omitted');
    }
    position = at;
    newest = row;
    const travelling = asTravelling(await openFromWire(unlocked.secret, { kind: AUDIT_KIND, rowId: row.rowId, revision: row.revision, authorTablet: tabletId, sealed: row.sealed }), at);
    if (!travelling) {
      lastSeq += 1;
      note(lastSeq, 'changed');
      continue;
    }
    const [event] = await chainRows(author, [travelling.event]);
    const seq = (event as Partial<AuditEvent>).seq;
    if (typeof seq === 'number') {
      if (events.length === 0 && start.headHash === null) base = { ...base, lastSeq: seq - 1 };
      lastSeq = seq;
    }
    if (rewrites.has(row.rowId)) note(lastSeq, 'rewritten');
    events.push(event);
  }
  // The checkpoint's row, kept when the rows below it were pruned, sent again with other bytes.
  if (base.count > 0 && base.headHash !== null && rewrites.has(chainRowId(tabletId, base.count))) note(base.lastSeq, 'rewritten');
  // Held before and gone from this tablet since.
  if (previous && position < previous.count) note(lastSeq + 1, 'removed-here');

  const { breaks, events: parsed } = chainBreaks(events, start.headHash === null ? { seq: base.lastSeq + 1, prevHash: undefined } : { seq: start.lastSeq + 1, prevHash: start.headHash });
  const recorded = new Set(parsed.filter((event) => event.type === 'audit-break-detected').map((event) => auditBreakPosition(event.entityId)));
  for (const found of breaks) note(found.brokenAt, found.reason, recorded.has(found.brokenAt));
  let inRun = false;
  for (const event of parsed) {
    if (event.mac !== '' && (await verifyAuditMac(withEarlierAuditKeys(verifyingKeys(unlocked), unlocked.keys), event.hash, event.mac))) inRun = false;
    else if (auditTypeRequiresMac(event.type)) {
      if (!inRun) note(event.seq, 'not-vouched', recorded.has(event.seq));
      inRun = true;
    }
  }

  const count = Math.max(position, previous?.count ?? 0);
  const last = parsed.at(-1);
  const keepOld = previous !== undefined && position < previous.count;
  const state: ChainState = {
    base,
    count,
    lastSeq: keepOld ? previous.lastSeq : (last?.seq ?? start.lastSeq),
    headHash: keepOld ? previous.headHash : (last?.hash ?? start.headHash ?? GENESIS_HASH),
    breaks: [],
    missing: [...missing].sort((x, y) => x - y),
    reported: previous?.reported ?? [],
    checkedAt: now,
  };

  // Rollback: does the server still hold the newest event held here (with the same bytes)?
  const headRow = newest ?? (count > 0 ? await db.departmentRows.get(rowKey(AUDIT_KIND, chainRowId(tabletId, count))) : undefined);
  const probed = probe && headRow ? await probe(headRow.rowId) : undefined;
  if (probed?.ok && probed.value === undefined) note(state.lastSeq, 'rolled-back');
  else if (probed?.ok && probed.value !== headRow?.sealed && headRow) {
    rewrites.add(headRow.rowId);
    await db.meta.put({ key: CHAIN_REWRITES_KEY, value: [...rewrites].sort() });
    note(state.lastSeq, 'rewritten');
  } else if (!probed?.ok) {
    // Not asked this time (or no answer): a rollback found before stays reported until the server holds the event again.
    for (const old of previous?.breaks ?? []) if (old.reason === 'rolled-back') note(old.at, old.reason);
  }
  // A break its own tablet recorded, checked before the checkpoint (its rows pruned): still shown as recorded there.
  for (const old of previous?.breaks ?? []) if (old.recorded && old.at <= base.lastSeq && base.headHash !== null) note(old.at, old.reason, true);
  notes.sort((a, b) => a.at - b.at);
  state.breaks = notes;

  for (const found of notes) {
    const key = `${found.reason}:${String(found.at)}`;
    if (found.recorded || state.reported.includes(key)) continue;
    state.reported = [...state.reported, key];
    await deps.audit.append('tamper-detected', tabletId, `The audit trail of another tablet of the department (tablet ending ${tabletId.slice(-6).toUpperCase()}) did not verify at its event ${String(found.at)}: ${chainProblemWords[found.reason]}`);
  }
  // Whole to its newest position (no break but those its own tablet recorded), which is held: the rows below it go, and it becomes the checkpoint.
  const prune = notes.every((found) => found.recorded) && state.missing.length === 0 && last !== undefined && headRow !== undefined && count > base.count && headRow.rowId === chainRowId(tabletId, count);
  if (prune) state.base = { count, lastSeq: state.lastSeq, headHash: state.headHash };
  const stored: StoredChain = { broken: notes.some((found) => !found.recorded) ? 1 : 0, state: await sealRow(unlocked, state, stateAddress(tabletId)) };
  await db.transaction('rw', db.meta, db.departmentRows, async () => {
    await db.meta.put({ key: chainStateKey(tabletId), value: stored });
    if (!prune) return;
    const [from] = chainKeyRange(tabletId, 1);
    await db.departmentRows.where('key').between(from, rowKey(AUDIT_KIND, chainRowId(tabletId, count)), true, false).delete();
    await db.meta.put({ key: CHAIN_CHECKPOINTS_KEY, value: { ...(await chainCheckpoints(db)), [tabletId]: count } });
    const kept = [...(await chainRewrites(db))].filter((rowId) => {
      const parsed = parseChainRowId(rowId);
      return !parsed || parsed.tabletId !== tabletId || parsed.chainSeq >= count;
    });
    await db.meta.put({ key: CHAIN_REWRITES_KEY, value: kept });
  });
  return statusOf(tabletId, state);
}

function statusOf(tabletId: string, state: ChainState): DepartmentChainStatus {
  const breaks: DepartmentChainBreak[] = state.breaks.map((found) => ({ at: found.at, reason: chainProblemWords[found.reason], recordedByItsTablet: found.recorded }));
  return { tabletId, count: state.count, lastEventSeq: state.lastSeq, checkedAt: state.checkedAt, breaks };
}

/**
 * Checks every chain this tablet holds (only new positions of a whole chain, unless `whole`),
 * asking the server about each chain's newest event when a `probe` is given.
 */
export async function checkDepartmentChains(deps: CheckDeps, unlocked: Unlocked, options: { whole?: boolean; probe?: ChainProbe | undefined } = {}): Promise<DepartmentChainStatus[]> {
  return withLock(CHAIN_LOCK, async () => {
    const rewrites = await chainRewrites(deps.db);
    const anchors = await chainAnchors(deps.db);
    const statuses: DepartmentChainStatus[] = [];
    for (const tabletId of await chainTablets(deps.db)) {
      if (tabletId === unlocked.deviceId) continue;
      statuses.push(await checkChain(deps, unlocked, tabletId, options.whole === true, rewrites, anchors, options.probe));
    }
    return statuses;
  });
}

/** How many other tablets' chains have an open break not recorded by their own tablet (the header line; readable while locked). */
export async function brokenChainCount(db: Pick<TriageDatabase, 'meta'>): Promise<number> {
  const rows = await db.meta.where('key').startsWith(CHAIN_STATE_PREFIX).toArray();
  return rows.filter((row) => (row.value as Partial<StoredChain> | undefined)?.broken === 1).length;
}

async function probeDue(db: TriageDatabase, now: string): Promise<boolean> {
  const last = (await db.meta.get(CHAIN_PROBED_AT_KEY))?.value;
  return typeof last !== 'string' || !(Date.parse(now) - Date.parse(last) < CHAIN_PROBE_EVERY_MS);
}

/**
 * The engine's part in each sync (engine.ts cycle): this tablet's new events pushed (while
 * unlocked), the department's pulled, and the chains checked (while unlocked): the new
 * positions, and whether the server still holds each chain's newest event when that is due.
 */
export async function shareAuditChains(ctx: StorageContext, api: ApiOptions, tabletId: string): Promise<Result<{ pushed: number; pulled: number }, ApiFailure>> {
  const pushed = ctx.vault.peek() ? await pushAll(ctx.db, api, ctx.now, ctx.newId, auditPushSource(ctx.db, () => ctx.vault.peek(), tabletId, ctx.newId)) : ok({ accepted: 0, problems: 0 });
  if (!pushed.ok) return pushed;
  const pulled = await pullAuditEvents(ctx.db, api, tabletId);
  if (!pulled.ok) return pulled;
  const unlocked = ctx.vault.peek();
  const now = ctx.now();
  const due = await probeDue(ctx.db, now);
  if (unlocked && (pulled.value.stored > 0 || due)) {
    await checkDepartmentChains(ctx, unlocked, { probe: due ? serverProbe(api) : undefined });
    if (due) await ctx.db.meta.put({ key: CHAIN_PROBED_AT_KEY, value: now });
  }
  return ok({ pushed: pushed.value.accepted, pulled: pulled.value.stored });
}

/**
 * At unlock (engine.ts afterUnlock): every chain held is checked, the server asked about each
 * newest event. Never throws: a storage failure here (the database closed meanwhile) leaves
 * the check to the next sync.
 */
export async function checkChainsAtUnlock(ctx: StorageContext, api: ApiOptions): Promise<void> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return;
  try {
    await checkDepartmentChains(ctx, unlocked, { probe: serverProbe(api) });
    await ctx.db.meta.put({ key: CHAIN_PROBED_AT_KEY, value: ctx.now() });
  } catch {
    // Checked again at the next sync (the probe is then due).
  }
}
