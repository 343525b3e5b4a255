/**
 * Pushing what this tablet purged and reviewed (issue 14; design
 * docs/design/department-sync.md, "Where the built purge, review and letters-due travel
 * differs"): the push source the engine runs after staff and settings (its own pending key,
 * so it never waits on the other pushes), only while unlocked (tombstones and reviews are
 * sealed under the key).
 *
 * For each attendance purged here while the tablet shares (meta `purged:<id>`, written by the
 * retention purge with the ids of the letter versions it removed) and for every stub held
 * when the tablet first shares: the stub (kind `stub`, its sealed box as it is, with the blind
 * indexes the look-up finds it by; revision 1, signed) and then the tombstone (tombstone.ts),
 * whose `purges` lists the letter versions and every tablet's review row of the attendance
 * (their ids are keyed hashes the server cannot link). The tablets are asked of the server
 * (`GET /api/v1/tablets`) when a tombstone is made, so a tablet enrolled later never has a
 * review row of it. A stub pulled from another tablet is marked held when applied and is
 * never pushed from here. Then this tablet's review rows (travel-review.ts).
 */
import type { RetainedStubRow, TriageDatabase } from '../db';
import { openStub } from '../repositories/retention-purge';
import type { Unlocked } from '../repositories/vault';
import type { PendingPush, PushRow } from './engine-state';
import { boxToWire, indexesToWire, rowKey } from './engine-wire';
import { callApi } from './http';
import type { ApiOptions } from './http';
import { MAX_PUSH_ROWS } from './push';
import { sealTombstone } from './tombstone';
import { PURGED_ROWS_PREFIX, purgedRowsKey } from './tombstone-keys';
import type { PurgedRows } from './tombstone-keys';
import { acksOf } from './travel';
import { reviewRowId, reviewsToPush } from './travel-review';

/** meta: the push of stubs, tombstones and reviews waiting for an answer. */
export const SYNC_PENDING_SHARED_KEY = 'sync:pending-purges-reviews';
/** meta: present once every stub held when the tablet first shared has been marked to push. */
export const STUBS_MARKED_KEY = 'travel-stub:marked';

function lettersOf(value: unknown): string[] {
  const letters = (value as Partial<PurgedRows> | undefined)?.letters;
  return Array.isArray(letters) ? letters.filter((id): id is string => typeof id === 'string') : [];
}

async function tabletIds(api: ApiOptions): Promise<string[] | undefined> {
  const listed = await callApi<{ tablets: { tabletId: string }[] }>('GET', '/api/v1/tablets', undefined, api);
  return listed.ok ? listed.value.tablets.map((tablet) => tablet.tabletId) : undefined;
}

/** Stubs and tombstones still to push (up to `room` rows); markers already acknowledged are cleared. */
async function purgesToPush(db: TriageDatabase, unlocked: Unlocked, api: ApiOptions, room: number): Promise<PushRow[]> {
  if ((await db.meta.get(STUBS_MARKED_KEY)) === undefined) {
    const held = await db.retainedStubs.toCollection().primaryKeys();
    const acks = await acksOf(db, held.map((id) => rowKey('stub', id)));
    const existing = new Set(await db.meta.where('key').startsWith(PURGED_ROWS_PREFIX).primaryKeys());
    const marks = held.filter((id) => !acks.has(rowKey('stub', id)) && !existing.has(purgedRowsKey(id))).map((id) => ({ key: purgedRowsKey(id), value: { letters: [] } }));
    await db.meta.bulkPut([...marks, { key: STUBS_MARKED_KEY, value: 1 }]);
  }
  const marks = await db.meta.where('key').startsWith(PURGED_ROWS_PREFIX).toArray();
  if (marks.length === 0) return [];
  const ids = marks.map((mark) => mark.key.slice(PURGED_ROWS_PREFIX.length));
  const acks = await acksOf(db, ids.flatMap((id) => [rowKey('stub', id), rowKey('tombstone', id)]));
  const done: string[] = [];
  const waiting: { id: string; letters: string[]; stub: RetainedStubRow | undefined }[] = [];
  for (const [index, mark] of marks.entries()) {
    const id = ids[index] ?? '';
    const tombstone = acks.get(rowKey('tombstone', id));
    if (tombstone && (tombstone.acknowledged >= 1 || tombstone.problem?.revision === 1)) {
      // Accepted, or refused and kept in the report: nothing more to send.
      if (tombstone.acknowledged >= 1) done.push(mark.key);
      continue;
    }
    waiting.push({ id, letters: lettersOf(mark.value), stub: await db.retainedStubs.get(id) });
  }
  if (done.length > 0) await db.meta.bulkDelete(done);
  if (waiting.length === 0) return [];
  const tablets = await tabletIds(api);
  // The server could not list the tablets: the tombstones wait for the next share (the review rows they name must all be listed).
  if (!tablets) return [];
  const rows: PushRow[] = [];
  for (const { id, letters, stub } of waiting) {
    if (rows.length + 2 > room) break;
    const opened = stub ? await openStub(unlocked, stub) : undefined;
    if (stub && opened && !acks.get(rowKey('stub', id))) {
      rows.push({ kind: 'stub', rowId: id, revision: 1, baseRevision: null, sealed: boxToWire(stub.payload), ...indexesToWire(stub.nhsIndex, stub.nameDobIndex), signed: true });
    }
    const reviews = await Promise.all([...new Set([...tablets, unlocked.deviceId])].map((tablet) => reviewRowId(unlocked.keys, id, tablet)));
    const sealed = await sealTombstone(unlocked, { attendanceId: id, recordedOn: unlocked.deviceId, arrivedOn: opened?.arrivedOn ?? stub?.arrivedOn ?? '', purgedAt: opened?.purgedAt ?? '' });
    rows.push({
      kind: 'tombstone',
      rowId: id,
      revision: 1,
      baseRevision: null,
      sealed,
      signed: true,
      purges: [...letters.map((rowId) => ({ kind: 'letter-version', rowId })), ...reviews.map((rowId) => ({ kind: 'liaison-review', rowId }))],
    });
  }
  return rows;
}

/** The engine's push source for this part: stubs and tombstones first, then review rows; undefined while locked or when nothing waits. */
export async function nextPurgeReviewPush(db: TriageDatabase, unlocked: Unlocked | undefined, api: ApiOptions, newId: () => string): Promise<PendingPush | undefined> {
  if (!unlocked) return undefined;
  const rows = await purgesToPush(db, unlocked, api, MAX_PUSH_ROWS);
  const reviews = await reviewsToPush(db, unlocked, MAX_PUSH_ROWS - rows.length);
  const all = [...rows, ...reviews.rows];
  return all.length === 0 ? undefined : { requestId: newId(), rows: all, mark: '', fingerprints: reviews.fingerprints };
}
