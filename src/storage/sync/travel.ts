/**
 * What rows sealed for transport share (issue 14; design docs/design/department-sync.md §2,
 * §6): staff rows (travel-staff.ts) and the settings (travel-settings.ts) are clear on the
 * tablet and sealed under the transport key only for the trip (crypto/transport.ts). Both
 * need the key, so they are pushed and applied only while the tablet is unlocked; rows
 * pulled while locked wait in `departmentRows` (kind `staff` or `settings`) until then.
 *
 * Owns: the fingerprint of what this tablet holds of a row (a SHA-256 of its canonical JSON,
 * kept on the row's acknowledgement in `syncPushed`, so a row is pushed again only when it
 * changed here), the wire form of a transported box, and the report of a pulled row that was
 * refused.
 */
import { openFromTransport, sealForTransport, transportFingerprint } from '../crypto/transport';
import type { TransportAddress } from '../crypto/transport';
import type { DepartmentRow, SyncPushedRow, TriageDatabase } from '../db';
import { boxFromWire, boxToWire, rowKey } from './engine-wire';
import { readReport, SYNC_REPORT_KEY } from './engine-state';

/** meta: the push of rows sealed for transport waiting for an answer (apart from the attendances' push). */
export const SYNC_PENDING_TRAVEL_KEY = 'sync:pending-travel';

/** SHA-256 (hex) of a value's canonical JSON (crypto/transport.ts): what this tablet holds of a row. */
export const fingerprintOf = (value: unknown): Promise<string> => transportFingerprint(value);

/** The `sealed` text of a row sealed for transport. */
export async function sealToWire(secret: Uint8Array, value: unknown, address: TransportAddress): Promise<string> {
  return boxToWire(await sealForTransport(secret, value, address));
}

/** Opens a pulled row sealed for transport, as its author sealed it; undefined when it does not open. */
export async function openFromWire(secret: Uint8Array, row: Pick<DepartmentRow, 'kind' | 'rowId' | 'revision' | 'authorTablet' | 'sealed'>): Promise<unknown> {
  const box = boxFromWire(row.sealed);
  if (!box) return undefined;
  return openFromTransport(secret, box, { kind: row.kind, author: row.authorTablet, rowId: row.rowId, revision: row.revision });
}

/** The acknowledgements held for these keys. */
export async function acksOf(db: TriageDatabase, keys: readonly string[]): Promise<Map<string, SyncPushedRow>> {
  return new Map((await db.syncPushed.bulkGet([...keys])).filter((ack) => ack !== undefined).map((ack) => [ack.key, ack]));
}

/**
 * Whether a row should be pushed: it changed here since it was last pushed or applied, and
 * the server has not answered a conflict at the revision it would go at (a pull brings the
 * newer one first, then it goes above it).
 */
export function needsPush(ack: SyncPushedRow | undefined, fingerprint: string): boolean {
  if (ack?.fingerprint === fingerprint) return false;
  const revision = (ack?.acknowledged ?? 0) + 1;
  return !(ack?.problem && ack.problem.revision === revision);
}

/** Records that this tablet now holds the pulled revision (applied, or overtaken by a change made here). */
export function heldAck(kind: string, rowId: string, revision: number, at: string, fingerprint: string | undefined): SyncPushedRow {
  return { key: rowKey(kind, rowId), kind, rowId, acknowledged: revision, pushedAt: at, ...(fingerprint !== undefined ? { fingerprint } : {}) };
}

/** A pulled row that was refused: in the sync report (shown under the header line), and dropped. */
export async function reportRefused(db: TriageDatabase, row: Pick<DepartmentRow, 'key' | 'revision'>): Promise<void> {
  await db.transaction('rw', db.departmentRows, db.meta, async () => {
    const report = await readReport(db);
    report.tampered = [...new Set([...report.tampered, `${row.key} revision ${String(row.revision)}`])];
    await db.meta.put({ key: SYNC_REPORT_KEY, value: report });
    await db.departmentRows.delete(row.key);
  });
}
