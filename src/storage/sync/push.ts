/**
 * Pushing this tablet's rows to the department server (issue 14; design
 * docs/design/department-sync.md §5–§6; the API in server/README.md).
 *
 * What is pushed: each of this tablet's attendances as two rows, its sealed list summary
 * (kind `summary`, with the blind indexes the department's look-up finds it by) and its
 * sealed record (kind `attendance`), at the attendance's revision, sealed boxes as they are
 * (engine-wire.ts): no key is needed, so pushing runs while the tablet is locked.
 *
 * When: whatever changed since the server last acknowledged it. A signed record at once; an
 * assessment in progress at most every {@link IN_PROGRESS_PUSH_MS} (autosave stays local in
 * between, design §5), and at once when its edit lease is let go ({@link pushNewestNow}); a
 * push time in the future (a clock set back) never holds it back ({@link heldBack}).
 * `baseRevision` is the revision last acknowledged.
 *
 * How: at most {@link MAX_PUSH_ROWS} rows a request. The request id is made and the whole
 * request stored before the first try (engine-state.ts, PendingPush); a retry resends the
 * same request, so an answer lost on the way back gets the server's stored answer and nothing
 * is written twice. Per row: `accepted` records the revision; `conflict` and `refused` are
 * kept in the sync report and on the row's acknowledgement, never dropped, and the row is not
 * pushed again at that revision (the next edit tries again).
 */
import type { AttendanceRow, LetterRow, SyncPushedRow, TriageDatabase } from '../db';
import type { ApiFailure, ApiOptions } from './http';
import { callApi } from './http';
import { joinHoldsPushes } from './department-join-records-hold';
import { boxToWire, envelopeToWire, indexesToWire, rowKey } from './engine-wire';
import { readReport, readString, readCount, SYNC_PENDING_PUSH_KEY, SYNC_PUSH_MARK_KEY, SYNC_REPORT_KEY, SYNC_UNAUDITED_KEY } from './engine-state';
import type { PendingPush, PushRow, SyncProblem } from './engine-state';
import { err, ok } from '../../domain/shared/result';
import { withLock } from '../repositories/locks';
import type { Result } from '../../domain/shared/result';

/** The server's limit of rows a request (server/README.md: 413 above). */
export const MAX_PUSH_ROWS = 500;
/** An assessment in progress is pushed at most this often (design §5). */
export const IN_PROGRESS_PUSH_MS = 30_000;
/** The kinds an attendance pushes as: its list summary and its record. */
export const ATTENDANCE_KINDS = ['summary', 'attendance'] as const;

type PushResult =
  | { kind: string; rowId: string; revision: number; status: 'accepted'; seq: number }
  | { kind: string; rowId: string; revision: number; status: 'conflict'; serverRevision: number }
  | { kind: string; rowId: string; revision: number; status: 'refused'; reason: string };

interface PushAnswer {
  requestId: string;
  results: PushResult[];
}

export interface PushOutcome {
  accepted: number;
  problems: number;
}

/**
 * Whether an assessment in progress pushed `since` milliseconds ago waits for the 30-second
 * rule. A push time in the future (the tablet's clock was set back, or a fixed clock moved)
 * gives a negative `since`: that row is due, or it would never be pushed again until the clock
 * caught up with it. An unreadable push time (NaN) is due too.
 */
export const heldBack = (since: number, throttle: number): boolean => since >= 0 && since < throttle;

function rowsOf(row: AttendanceRow, acks: ReadonlyMap<string, SyncPushedRow>, now: number, throttle: number): PushRow[] {
  if (!Number.isSafeInteger(row.rev) || row.rev < 1) return [];
  const out: PushRow[] = [];
  for (const kind of ATTENDANCE_KINDS) {
    const ack = acks.get(rowKey(kind, row.id));
    const acknowledged = ack?.acknowledged ?? 0;
    if (acknowledged >= row.rev) continue;
    // Answered with a conflict or refused at this revision: kept and reported; tried again after the next edit.
    if (ack?.problem && ack.problem.revision === row.rev) continue;
    if (row.status === 'in-progress' && ack && heldBack(now - Date.parse(ack.pushedAt), throttle)) continue;
    const sealed = boxToWire(kind === 'summary' ? row.summary : row.payload);
    out.push({
      kind,
      rowId: row.id,
      revision: row.rev,
      baseRevision: acknowledged === 0 ? null : acknowledged,
      sealed,
      ...(kind === 'summary' ? indexesToWire(row.nhsIndex, row.nameDobIndex) : {}),
      signed: row.status === 'signed',
    });
  }
  return out;
}

/**
 * The next request to send: this tablet's attendances changed since the scan mark (every
 * assessment in progress, which the 30-second rule may hold back, is looked at each time),
 * oldest change first, whole attendances only, up to {@link MAX_PUSH_ROWS} rows.
 */
export async function nextPush(db: TriageDatabase, now: string, newId: () => string, throttle = IN_PROGRESS_PUSH_MS, due?: ReadonlySet<string>): Promise<PendingPush | undefined> {
  const mark = (await readString(db, SYNC_PUSH_MARK_KEY)) ?? '';
  const [changed, inProgress] = await Promise.all([
    mark === '' ? db.attendances.orderBy('updatedAt').toArray() : db.attendances.where('updatedAt').aboveOrEqual(mark).sortBy('updatedAt'),
    db.attendances.where('status').equals('in-progress').toArray(),
  ]);
  const byId = new Map<string, AttendanceRow>();
  for (const row of [...changed, ...inProgress]) byId.set(row.id, row);
  const candidates = [...byId.values()].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
  const keys = candidates.flatMap((row) => ATTENDANCE_KINDS.map((kind) => rowKey(kind, row.id)));
  const acks = new Map((await db.syncPushed.bulkGet(keys)).filter((ack) => ack !== undefined).map((ack) => [ack.key, ack]));
  const rows: PushRow[] = [];
  let newMark = mark;
  const nowMs = Date.parse(now);
  for (const row of candidates) {
    // `due`: records whose edit lease is being let go go now, whatever the 30-second rule says (pushNewestNow).
    const own = rowsOf(row, acks, nowMs, due?.has(row.id) === true ? 0 : throttle);
    if (rows.length + own.length > MAX_PUSH_ROWS) break;
    rows.push(...own);
    // Signed rows are found by the mark; those in progress by their status, whatever the mark.
    if (row.status === 'signed' && row.updatedAt > newMark) newMark = row.updatedAt;
  }
  if (rows.length < MAX_PUSH_ROWS) rows.push(...(await lettersToPush(db, MAX_PUSH_ROWS - rows.length)));
  if (rows.length === 0) {
    if (newMark !== mark) await db.meta.put({ key: SYNC_PUSH_MARK_KEY, value: newMark });
    return undefined;
  }
  return { requestId: newId(), rows, mark: newMark };
}

/**
 * Letter versions not pushed yet (immutable: revision 1, once). The envelope carries the
 * sealed document and the sealed kind and child (`about`), the keyed identity and the
 * opaque attendance id, version, time and issuer: never the kind in clear. A letter still in
 * the format before issue 11 (its kind in clear, no identity) waits for the re-seal job.
 */
async function lettersToPush(db: TriageDatabase, room: number): Promise<PushRow[]> {
  const [ids, pushed] = await Promise.all([db.letters.toCollection().primaryKeys(), db.syncPushed.where('kind').equals('letter-version').primaryKeys()]);
  const done = new Set(pushed);
  const waiting = ids.filter((id) => !done.has(rowKey('letter-version', id)));
  if (waiting.length === 0) return [];
  const letters = (await db.letters.bulkGet(waiting)).filter((letter): letter is LetterRow => letter !== undefined && letter.kind === undefined && letter.identity !== undefined && letter.about !== undefined);
  return letters.slice(0, room).map((letter) => ({
    kind: 'letter-version',
    rowId: letter.id,
    revision: 1,
    baseRevision: null,
    sealed: envelopeToWire({ attendanceId: letter.attendanceId, version: letter.version, issuedAt: letter.issuedAt, issuedById: letter.issuedById, identity: letter.identity, payload: letter.payload, about: letter.about }),
    signed: true,
  }));
}

/**
 * Sends the push waiting for an answer, or makes the next one (stored before it is sent), and
 * records the answer. Undefined when there was nothing to push.
 */
export async function pushOnce(db: TriageDatabase, api: ApiOptions, now: () => string, newId: () => string, source?: PushSource): Promise<Result<PushOutcome | undefined, ApiFailure>> {
  const pendingKey = source?.pendingKey ?? SYNC_PENDING_PUSH_KEY;
  let pending = (await db.meta.get(pendingKey))?.value as PendingPush | undefined;
  if (!pending || typeof pending.requestId !== 'string' || !Array.isArray(pending.rows)) {
    pending = source ? await source.next() : await nextPush(db, now(), newId);
    if (!pending) return ok(undefined);
    await db.meta.put({ key: pendingKey, value: pending });
  }
  const answer = await callApi<PushAnswer>('POST', '/api/v1/push', { requestId: pending.requestId, rows: pending.rows }, api);
  if (!answer.ok) {
    // A request the server will never take (a malformed or oversized batch) must not block every later push: dropped, and made again from the rows.
    if (answer.error.kind === 'refused' && (answer.error.status === 400 || answer.error.status === 413)) await db.meta.delete(pendingKey);
    return err(answer.error);
  }
  const at = now();
  const sent = pending;
  let accepted = 0;
  const problems: SyncProblem[] = [];
  await db.transaction('rw', db.syncPushed, db.meta, async () => {
    const keys = answer.value.results.map((result) => rowKey(result.kind, result.rowId));
    const previous = new Map((await db.syncPushed.bulkGet(keys)).filter((ack) => ack !== undefined).map((ack) => [ack.key, ack]));
    const writes: SyncPushedRow[] = [];
    for (const result of answer.value.results) {
      const key = rowKey(result.kind, result.rowId);
      const before = previous.get(key);
      const base: SyncPushedRow = { key, kind: result.kind, rowId: result.rowId, acknowledged: before?.acknowledged ?? 0, pushedAt: at, ...(before?.fingerprint !== undefined ? { fingerprint: before.fingerprint } : {}) };
      if (result.status === 'accepted') {
        accepted += 1;
        const fingerprint = sent.fingerprints?.[key];
        writes.push({ ...base, acknowledged: Math.max(base.acknowledged, result.revision), ...(fingerprint !== undefined ? { fingerprint } : before?.fingerprint !== undefined ? { fingerprint: before.fingerprint } : {}) });
      } else if (result.status === 'conflict') {
        problems.push({ kind: result.kind, rowId: result.rowId, revision: result.revision, status: 'conflict', detail: String(result.serverRevision) });
        writes.push({ ...base, problem: { status: 'conflict', revision: result.revision, serverRevision: result.serverRevision } });
      } else {
        problems.push({ kind: result.kind, rowId: result.rowId, revision: result.revision, status: 'refused', detail: result.reason });
        writes.push({ ...base, problem: { status: 'refused', revision: result.revision, reason: result.reason } });
      }
    }
    await db.syncPushed.bulkPut(writes);
    // The report keeps every row still not accepted: a later acceptance clears its entry.
    const report = await readReport(db);
    const acceptedKeys = new Set(answer.value.results.filter((result) => result.status === 'accepted').map((result) => rowKey(result.kind, result.rowId)));
    const newKeys = new Set(problems.map((problem) => rowKey(problem.kind, problem.rowId)));
    report.problems = [...report.problems.filter((problem) => !acceptedKeys.has(rowKey(problem.kind, problem.rowId)) && !newKeys.has(rowKey(problem.kind, problem.rowId))), ...problems];
    await db.meta.put({ key: SYNC_REPORT_KEY, value: report });
    if (!source?.uncounted) await db.meta.put({ key: SYNC_UNAUDITED_KEY, value: (await readCount(db, SYNC_UNAUDITED_KEY)) + accepted });
    const mark = (await readString(db, SYNC_PUSH_MARK_KEY)) ?? '';
    if (sent.mark > mark) await db.meta.put({ key: SYNC_PUSH_MARK_KEY, value: sent.mark });
    await db.meta.delete(pendingKey);
  });
  return ok({ accepted, problems: problems.length });
}

/**
 * Where a push's rows come from when they are not this tablet's attendances and letters: rows
 * sealed for transport under the key (staff, settings: travel-*.ts), made only while unlocked,
 * stored under their own pending key so the two kinds of push never wait on each other.
 */
export interface PushSource {
  pendingKey: string;
  next: () => Promise<PendingPush | undefined>;
  /** Not counted in the 'department-shared' audit event (audit events themselves: travel-audit.ts). */
  uncounted?: boolean;
}

/**
 * Pushes until nothing is left (each batch at most {@link MAX_PUSH_ROWS} rows). One push of a
 * pending key at a time (a named lock per database and key): the sync engine's push and the
 * push made when an edit lease is let go (pushNewestNow) never build two requests from the
 * same acknowledgements, which could send an older revision after a newer one was accepted
 * and make the server answer `conflict` for an edit that lost nothing.
 */
export function pushAll(db: TriageDatabase, api: ApiOptions, now: () => string, newId: () => string, source?: PushSource): Promise<Result<PushOutcome, ApiFailure>> {
  return withLock(`safeguarding-triage:sync-push:${db.name}:${source?.pendingKey ?? SYNC_PENDING_PUSH_KEY}`, () => pushUntilDone(db, api, now, newId, source));
}

async function pushUntilDone(db: TriageDatabase, api: ApiOptions, now: () => string, newId: () => string, source?: PushSource): Promise<Result<PushOutcome, ApiFailure>> {
  const total: PushOutcome = { accepted: 0, problems: 0 };
  // A tablet that joined holding records pushes nothing until they are all under the department's keys.
  if (await joinHoldsPushes(db)) return ok(total);
  for (;;) {
    const once = await pushOnce(db, api, now, newId, source);
    if (!once.ok) return once;
    if (!once.value) return ok(total);
    total.accepted += once.value.accepted;
    total.problems += once.value.problems;
    // A batch the server took none of is reported; the next cycle tries what changed since.
    if (once.value.accepted === 0) return ok(total);
  }
}

/**
 * The edit lease of an assessment is being let go (closed, locked, page hidden, signed:
 * lease.ts EditLease.close): its newest revision is pushed now, not up to
 * {@link IN_PROGRESS_PUSH_MS} later, so a tablet that continues it (lease-continue.ts) or
 * reads it on the liaison list has every answer saved here, and this tablet's last edits do
 * not come back as a conflict addendum against a revision up to 30 seconds older. Through the
 * engine's own pending key and lock: whatever the engine has waiting goes first, then the next
 * request with this record due. Best effort: when it fails, the engine pushes it as usual.
 */
export function pushNewestNow(db: TriageDatabase, api: ApiOptions, now: () => string, newId: () => string, attendanceId: string): Promise<Result<PushOutcome, ApiFailure>> {
  const due: ReadonlySet<string> = new Set([attendanceId]);
  return pushAll(db, api, now, newId, { pendingKey: SYNC_PENDING_PUSH_KEY, next: () => nextPush(db, now(), newId, IN_PROGRESS_PUSH_MS, due) });
}
