/**
 * CSV export of the audit trail for the nurse in charge. Cells that a spreadsheet would
 * treat as formulas are prefixed with an apostrophe (CSV injection), and every cell is
 * quoted, so details cannot break the columns.
 */
import type { AuditEvent } from './events';

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditTrailCsv(events: readonly AuditEvent[]): string {
  const header = ['Sequence', 'Time (UTC)', 'Who', 'Event', 'Record', 'Detail', 'Hash', 'Previous hash'];
  const rows = events.map((event) => [String(event.seq), event.at, event.actor?.name ?? 'Not signed in', event.type, event.entityId, event.detail, event.hash, event.prevHash]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
