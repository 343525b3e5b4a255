/**
 * Pulling the department's rows from the server (issue 14; design
 * docs/design/department-sync.md §5, §7; the API in server/README.md).
 *
 * By cursor: `GET /api/v1/pull?after=<cursor>` in batches, each batch written in one
 * transaction with the cursor that follows it, so a pull cut off anywhere resumes where it
 * stopped and nothing is applied twice or skipped. The first pull, and every pull after it,
 * asks only for what each tablet keeps of every record (design §5, Clarification: "each
 * tablet keeps every department record's sealed summary and indexes, and fetches full
 * records on demand"): summaries, stubs, tombstones, staff and settings. Full records are
 * fetched one at a time by {@link fetchRecord} and cached.
 *
 * Rows this tablet wrote itself are skipped (it holds them already). A summary or record is
 * opened before it is used: at once when the tablet is unlocked, else at the next unlock
 * (pull-check.ts), because sync runs while locked and opening needs the key. One that does
 * not open is reported (the sync report) and not applied; the copy already held is kept.
 *
 * Staff and settings rows are stored as they come for the enrolment side to apply
 * (storage/sync/department*, not this module); tombstones, stubs and liaison reviews are
 * held for tombstone.ts and travel-review.ts, which open and check them under the key.
 */
import type { DepartmentRow, PulledRowFields, TriageDatabase } from '../db';
import type { ApiFailure, ApiOptions } from './http';
import { callApi } from './http';
import { rowKey } from './engine-wire';
import { readCursor, readReport, SYNC_CURSOR_KEY, SYNC_REPORT_KEY } from './engine-state';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';

/** What every tablet keeps of every department record (the first pull and each pull after it). */
export const PULL_KINDS = ['summary', 'stub', 'tombstone', 'staff', 'settings', 'liaison-review', 'draft'] as const;
/** Kinds opened before they are used (their author's seal, crypto/sealed-row.ts). */
export const CHECKED_KINDS: ReadonlySet<string> = new Set(['summary', 'attendance']);
/** Rows a pull asks for at a time. */
export const PULL_LIMIT = 500;

/** A row as the server sends it (server/README.md, PulledRow). */
export interface ServerRow {
  kind: string;
  rowId: string;
  revision: number;
  seq: number;
  authorTablet: string;
  sealed: string;
  nhsIndex: string | null;
  nameDobIndex: string | null;
  signed: boolean;
  chainSeq: number | null;
  receivedAt: string;
}

interface PullAnswer {
  rows: ServerRow[];
  cursor: number;
  more: boolean;
}

/**
 * Opens a pulled summary or record with its author's id: true when it opens, false when it
 * does not (changed, damaged, sealed by another tablet than it says), undefined when the
 * tablet is locked (no key: checked at the next unlock).
 */
export type RowCheck = (row: Pick<DepartmentRow, 'kind' | 'rowId'> & PulledRowFields) => Promise<boolean | undefined>;

export interface PullOutcome {
  applied: number;
  tampered: number;
}

const fieldsOf = (row: ServerRow): PulledRowFields => ({
  revision: row.revision,
  authorTablet: row.authorTablet,
  seq: row.seq,
  sealed: row.sealed,
  nhsIndex: row.nhsIndex ?? '',
  nameDobIndex: row.nameDobIndex ?? '',
  signed: row.signed,
});

/**
 * Writes pulled rows (their checks already done: opening is asynchronous crypto, which must
 * not run inside an IndexedDB transaction). Returns the rows applied and those reported.
 */
export async function applyRows(db: TriageDatabase, rows: readonly ServerRow[], checks: ReadonlyMap<ServerRow, boolean | undefined>, ownTablet: string, cursor: number | undefined): Promise<PullOutcome> {
  let applied = 0;
  const tampered: string[] = [];
  await db.transaction('rw', db.departmentRows, db.meta, async () => {
    for (const row of rows) {
      if (row.authorTablet === ownTablet) continue;
      const key = rowKey(row.kind, row.rowId);
      const held = await db.departmentRows.get(key);
      if (held && held.sealed !== '' && held.revision >= row.revision) continue;
      // A pulled tombstone, stub or review is kept here as it came and applied only after it
      // opens under the key (tombstone.ts, travel-review.ts): a copied tablet credential alone
      // cannot make every tablet forget an attendance (H13).
      const fields = fieldsOf(row);
      const check = CHECKED_KINDS.has(row.kind) ? checks.get(row) : true;
      if (check === false) {
        tampered.push(`${key} revision ${String(row.revision)}`);
        continue;
      }
      if (check === undefined) {
        // Locked: kept aside until the next unlock opens it; what was checked before stays in use.
        const base: DepartmentRow = held ?? { key, kind: row.kind, rowId: row.rowId, ...fields, sealed: '' };
        await db.departmentRows.put({ ...base, incoming: fields, unchecked: 1 });
      } else {
        await db.departmentRows.put({ key, kind: row.kind, rowId: row.rowId, ...fields });
      }
      applied += 1;
    }
    if (tampered.length > 0) {
      const report = await readReport(db);
      report.tampered = [...new Set([...report.tampered, ...tampered])];
      await db.meta.put({ key: SYNC_REPORT_KEY, value: report });
    }
    if (cursor !== undefined) await db.meta.put({ key: SYNC_CURSOR_KEY, value: cursor });
  });
  return { applied, tampered: tampered.length };
}

async function checkAll(rows: readonly ServerRow[], check: RowCheck, ownTablet: string): Promise<Map<ServerRow, boolean | undefined>> {
  const checks = new Map<ServerRow, boolean | undefined>();
  for (const row of rows) {
    if (row.authorTablet === ownTablet || !CHECKED_KINDS.has(row.kind)) continue;
    checks.set(row, await check({ kind: row.kind, rowId: row.rowId, ...fieldsOf(row) }));
  }
  return checks;
}

/** Pulls from the stored cursor until the server has no more; `progress` hears the rows so far. */
export async function pullAll(db: TriageDatabase, api: ApiOptions, ownTablet: string, check: RowCheck, progress?: (rows: number) => void, limit = PULL_LIMIT): Promise<Result<PullOutcome, ApiFailure>> {
  const total: PullOutcome = { applied: 0, tampered: 0 };
  let rowsSoFar = 0;
  for (;;) {
    const after = await readCursor(db);
    const answer = await callApi<PullAnswer>('GET', `/api/v1/pull?after=${String(after)}&limit=${String(limit)}&kinds=${PULL_KINDS.join(',')}`, undefined, api);
    if (!answer.ok) return err(answer.error);
    const { rows, cursor, more } = answer.value;
    const checks = await checkAll(rows, check, ownTablet);
    const outcome = await applyRows(db, rows, checks, ownTablet, cursor);
    total.applied += outcome.applied;
    total.tampered += outcome.tampered;
    rowsSoFar += rows.length;
    progress?.(rowsSoFar);
    if (!more || rows.length === 0) return ok(total);
  }
}

/**
 * Fetches a department record (kind `attendance`) from the server, checks it opens, and
 * caches it: the newest revision. Undefined when the server has none (404), or when what it
 * sent does not open (reported).
 */
export async function fetchRecord(db: TriageDatabase, api: ApiOptions, ownTablet: string, rowId: string, check: RowCheck): Promise<Result<DepartmentRow | undefined, ApiFailure>> {
  const answer = await callApi<{ rows: ServerRow[] }>('GET', `/api/v1/rows/attendance/${encodeURIComponent(rowId)}`, undefined, api);
  if (!answer.ok) {
    if (answer.error.kind === 'refused' && answer.error.status === 404) return ok(undefined);
    return err(answer.error);
  }
  const newest = [...answer.value.rows].sort((a, b) => b.revision - a.revision)[0];
  if (!newest) return ok(undefined);
  const checks = await checkAll([newest], check, ownTablet);
  await applyRows(db, [newest], checks, ownTablet, undefined);
  const held = await db.departmentRows.get(rowKey('attendance', rowId));
  return ok(held && held.sealed !== '' ? held : undefined);
}
