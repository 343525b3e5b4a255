/**
 * What the sync engine keeps between runs (issue 14; design docs/design/department-sync.md §5,
 * §7), as meta rows: the pull cursor (written in the same transaction as the rows it
 * covers), when the tablet last shared all the way through, the push waiting for an answer
 * (its request id made before the first try, so a retry reuses it and the server answers
 * with what it stored), how far the scan of this tablet's attendances has got, the pushes
 * not yet counted in the audit trail, and the report of conflicts, refusals and rows that
 * did not open. None of it is about a patient: opaque ids, numbers and times.
 */
import type { TriageDatabase } from '../db';

/** meta: the department sequence number the next pull starts after. */
export const SYNC_CURSOR_KEY = 'sync:cursor';
/** meta: ISO time of the last push and pull that both went all the way through. */
export const SYNC_LAST_SHARED_KEY = 'sync:last-shared';
/** meta: the push sent and not yet answered ({@link PendingPush}). */
export const SYNC_PENDING_PUSH_KEY = 'sync:pending-push';
/** meta: the `updatedAt` of this tablet's attendances scanned and pushed up to. */
export const SYNC_PUSH_MARK_KEY = 'sync:push-mark';
/** meta: rows accepted by the server since the last audit event that counted them. */
export const SYNC_UNAUDITED_KEY = 'sync:unaudited-pushes';
/** meta: conflicts and refusals the server answered, and pulled rows that did not open ({@link SyncReport}). */
export const SYNC_REPORT_KEY = 'sync:report';

/** One row as pushed (server/README.md, `POST /api/v1/push`). */
export interface PushRow {
  kind: string;
  rowId: string;
  revision: number;
  baseRevision: number | null;
  sealed: string;
  nhsIndex?: string;
  nameDobIndex?: string;
  signed?: boolean;
  /** Audit events only: the event's position in its tablet's chain (travel-audit.ts). */
  chainSeq?: number;
  /** Tombstones only (tombstone.ts): the purged record's rows whose ids the server cannot link to it. */
  purges?: { kind: string; rowId: string }[];
}

/** A push made and not yet answered: resent as it is (same request id, same rows) until an answer comes. */
export interface PendingPush {
  requestId: string;
  rows: PushRow[];
  /** The scan mark to store once answered. */
  mark: string;
  /** Rows sealed for transport (travel-*.ts): what each row held when sealed, stored on its acknowledgement once accepted. */
  fingerprints?: Record<string, string>;
}

/** A row the server did not accept, kept on this tablet and shown until it is reconciled. */
export interface SyncProblem {
  kind: string;
  rowId: string;
  revision: number;
  status: 'conflict' | 'refused';
  /** 'conflict': the server's revision; 'refused': the server's reason. */
  detail: string;
}

export interface SyncReport {
  problems: SyncProblem[];
  /** Pulled rows that did not open, by `<kind> <rowId>` and revision: reported, not applied. */
  tampered: string[];
}

export const emptyReport = (): SyncReport => ({ problems: [], tampered: [] });

export function isSyncReport(value: unknown): value is SyncReport {
  if (typeof value !== 'object' || value === null) return false;
  const { problems, tampered } = value as Partial<SyncReport>;
  return Array.isArray(problems) && Array.isArray(tampered);
}

export async function readReport(db: Pick<TriageDatabase, 'meta'>): Promise<SyncReport> {
  const value = (await db.meta.get(SYNC_REPORT_KEY))?.value;
  return isSyncReport(value) ? value : emptyReport();
}

export async function readCursor(db: Pick<TriageDatabase, 'meta'>): Promise<number> {
  const value = (await db.meta.get(SYNC_CURSOR_KEY))?.value;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

export async function readString(db: Pick<TriageDatabase, 'meta'>, key: string): Promise<string | undefined> {
  const value = (await db.meta.get(key))?.value;
  return typeof value === 'string' ? value : undefined;
}

export async function readCount(db: Pick<TriageDatabase, 'meta'>, key: string): Promise<number> {
  const value = (await db.meta.get(key))?.value;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}
