/**
 * The marker of a join with records (department-join-records.ts; design
 * docs/design/department-sync.md "Where the built joining with records differs") and the one
 * question the push machinery asks of it: is this tablet still moving its own rows under the
 * department's keys? Kept small: push.ts loads it with the engine.
 */
import type { TriageDatabase } from '../db';
import { readPendingRekey } from '../repositories/staff-keys';
import type { JoinedCounts } from '../repositories/types';

/** meta: this tablet joined the department holding records of its own (clear: ids, counts and times, nothing about a patient). */
export const JOIN_RECORDS_KEY = 'join:records';

export interface JoinRecordsMarker {
  departmentId: string;
  at: string;
  /** The department secret's key check: the pending re-key this join made has it. */
  keyCheck: string;
  /** This tablet's key epoch before, and the department's it adopted. */
  from: number;
  epoch: number;
  /** This tablet's own accounts when it joined (ids), and the department's added. */
  ownStaff: string[];
  departmentStaff: string[];
  counts: JoinedCounts;
}

function isMarker(value: unknown): value is JoinRecordsMarker {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['departmentId'] === 'string' &&
    typeof record['at'] === 'string' &&
    typeof record['keyCheck'] === 'string' &&
    Array.isArray(record['ownStaff']) &&
    Array.isArray(record['departmentStaff']) &&
    typeof record['counts'] === 'object' &&
    record['counts'] !== null
  );
}

export async function readJoinMarker(db: Pick<TriageDatabase, 'meta'>): Promise<JoinRecordsMarker | undefined> {
  const value = (await db.meta.get(JOIN_RECORDS_KEY))?.value;
  return isMarker(value) ? value : undefined;
}

/**
 * True while the re-key a join with records started is pending: the tablet pushes nothing
 * (push.ts), so no row, staff account or audit event leaves it before every one is sealed,
 * indexed and MAC'd under the department's keys.
 */
export async function joinHoldsPushes(db: Pick<TriageDatabase, 'meta'>): Promise<boolean> {
  const marker = await readJoinMarker(db);
  if (!marker) return false;
  const pending = await readPendingRekey(db);
  return pending !== undefined && pending.keyCheck === marker.keyCheck && pending.at === marker.at;
}
