/**
 * What the retention purge (repositories/retention-purge.ts) remembers on a tablet that
 * shares with its department, for the tombstone the sync pushes (tombstone.ts,
 * travel-stub.ts). Apart from them so the purge loads nothing of the sync engine.
 */

/** meta `purged:<attendance id>`: the row ids a purge removed that the server cannot link to the attendance (letter versions). Clear: opaque ids. */
export const PURGED_ROWS_PREFIX = 'purged:';

/** What the purge remembers of an attendance for its tombstone. */
export interface PurgedRows {
  letters: string[];
}

/** Where the retention purge writes it, on an enrolled tablet only. */
export const purgedRowsKey = (attendanceId: string): string => `${PURGED_ROWS_PREFIX}${attendanceId}`;
