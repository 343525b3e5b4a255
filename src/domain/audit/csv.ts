/**
 * CSV export of the audit trail for the nurse in charge. Cells that a spreadsheet would
 * treat as formulas are prefixed with an apostrophe (CSV injection), and every cell is
 * quoted, so details cannot break the columns.
 *
 * The export is a receipt: each row carries its hash, the previous hash and its MAC, and a
 * closing line names the newest event and its hash (the head). A printed or filed copy
 * therefore fixes how far the trail had got: a later trail that does not contain that
 * event with that hash has been cut short or rewritten.
 */
import type { AuditEvent } from './events';

/** What the MAC cell says for an event written while no key was in memory (a failed unlock). */
export const WITHOUT_KEY = 'None: recorded without a key';

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditTrailCsv(events: readonly AuditEvent[]): string {
  const header = ['Sequence', 'Time (UTC)', 'Who', 'Event', 'Record', 'Detail', 'Hash', 'Previous hash', 'MAC'];
  const rows = events.map((event) => [
    String(event.seq),
    event.at,
    event.actor?.name ?? 'Not signed in',
    event.type,
    event.entityId,
    event.detail,
    event.hash,
    event.prevHash,
    event.mac === '' ? WITHOUT_KEY : event.mac,
  ]);
  const newest = events.at(-1);
  const closing = newest
    ? ['End of audit trail', `${String(events.length)} events`, `Newest event ${String(newest.seq)}`, 'Head hash', newest.hash]
    : ['End of audit trail', '0 events', 'No events', 'Head hash', ''];
  return [header, ...rows, closing].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
