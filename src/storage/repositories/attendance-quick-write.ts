/**
 * The autosave's quick write, made by the seal worker (attendance-seal-worker.ts) right after
 * it seals the row: when nothing but the row changes (attendance-row-write.ts
 * onlyTheRowChanges, the usual autosave of an assessment in progress), the worker writes the
 * row in its own small transaction, so the IndexedDB work of a save (Dexie's bookkeeping, the
 * structured clone of the sealed row, the transaction) is off the main thread as well as the
 * seal. A profile of ten answers on a select at 4x CPU slowdown (tests/bench/app.bench.ts,
 * 30 November 2026) put that work at about 20 ms a save on the main thread, after the seal
 * had moved.
 *
 * The same check-and-put as the editor's own transaction (putRowIfCurrent), so a stale save
 * is stale wherever it is written. Anything else (more than the row changes, a database this
 * worker has closed, any failure) is "not written", and the editor writes it in the page as
 * before: a full disk, say, is then reported as the page reports it.
 *
 * The worker opens the database with the page's own schema (db.ts), so the same build reads
 * and writes the same shape; Dexie tells the page's live queries of the write (its
 * cross-context broadcast), as it does for a write in another tab. When a newer version of the
 * app asks to upgrade (versionchange) or the connection is lost, the worker closes it for good
 * and writes no more: the page then writes what is pending before it gives way
 * (schema-upgrade.ts), and its old code never writes into a newer schema from here.
 */
import { TriageDatabase } from '../db';
import { onlyTheRowChanges, putRowIfCurrent } from './attendance-row-write';
import type { QuickWrite, QuickWriteOutcome, SealedAttendance } from './attendance-seal-work';

/** Open databases by name; null once closed for good. */
const databases = new Map<string, TriageDatabase | null>();

/** The worker's connection to `name`, opened on first use; undefined once it has been closed. */
export function workerDatabase(name: string): TriageDatabase | undefined {
  const known = databases.get(name);
  if (known !== undefined) return known ?? undefined;
  const db = new TriageDatabase(name);
  let closed = false;
  const closeForGood = () => {
    // Closing fires Dexie's 'close' event, which lands here again.
    if (closed) return;
    closed = true;
    databases.set(name, null);
    db.close({ disableAutoOpen: true });
  };
  db.on('versionchange', () => {
    closeForGood();
    return false;
  });
  db.on('close', closeForGood);
  databases.set(name, db);
  return db;
}

export async function quickWrite(sealed: SealedAttendance, quick: QuickWrite, databaseFor: (name: string) => TriageDatabase | undefined = workerDatabase): Promise<QuickWriteOutcome> {
  if (!onlyTheRowChanges(sealed.summary, JSON.stringify(sealed.summary), sealed.row.arrivedDay, quick)) return { kind: 'not-written', reason: 'more-changes' };
  const db = databaseFor(quick.database);
  if (!db) return { kind: 'not-written', reason: 'unavailable' };
  try {
    return await db.transaction('rw', [db.attendances, db.letters], () => putRowIfCurrent(db, sealed.row, quick.read));
  } catch {
    // Whatever failed (a full disk, a closed connection), nothing was written: the editor writes it in the page, and reports what fails there.
    return { kind: 'not-written', reason: 'unavailable' };
  }
}
