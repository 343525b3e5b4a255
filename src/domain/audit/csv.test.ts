/**
 * The audit CSV is a receipt: MACs on every row and a closing line with the head hash.
 */
import { describe, expect, it } from 'vitest';
import { nextEvent } from './chain';
import { WITHOUT_KEY, auditTrailCsv, csvCell } from './csv';
import type { AuditEvent } from './events';

const actor = { id: 'staff-1', name: 'Alex Morgan' };

function trail(): AuditEvent[] {
  const first = { ...nextEvent(undefined, { at: '2026-03-10T14:00:00.000Z', actor, type: 'device-set-up', entityId: '', detail: 'Site set up: ED' }), mac: 'M'.repeat(43) };
  const second = { ...nextEvent(first, { at: '2026-03-10T14:01:00.000Z', actor: null, type: 'unlock-failed', entityId: 'staff-1', detail: '=HYPERLINK("x")' }), mac: '' };
  return [first, second];
}

describe('auditTrailCsv', () => {
  it('carries each MAC, says which events were recorded without a key, and closes with the head hash', () => {
    const events = trail();
    const lines = auditTrailCsv(events).split('\r\n');
    expect(lines[0]).toBe('"Sequence","Time (UTC)","Who","Event","Record","Detail","Hash","Previous hash","MAC"');
    expect(lines[1]).toContain(`"${events[0]?.hash ?? ''}","${'0'.repeat(64)}","${'M'.repeat(43)}"`);
    expect(lines[2]).toContain(`"${WITHOUT_KEY}"`);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[3]).toBe(`"End of audit trail","2 events","Newest event 2","Head hash","${events[1]?.hash ?? ''}"`);
    expect(lines[4]).toBe('');
  });

  it('closes an empty export with no head hash', () => {
    expect(auditTrailCsv([]).split('\r\n')[1]).toBe('"End of audit trail","0 events","No events","Head hash",""');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('plain')).toBe('"plain"');
  });
});
