import { describe, expect, test } from 'vitest';
import { auditEventSchema, auditEventTypeLabels, auditEventTypes } from './events';
import type { AuditEvent } from './events';

const valid: AuditEvent = {
  seq: 1,
  at: '2026-03-01T14:05:00.000Z',
  actor: { id: 'staff-1', name: 'Sam Patel' },
  type: 'unlock',
  entityId: '',
  detail: '',
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
  mac: 'abc-_09',
};

describe('audit event labels', () => {
  test('every type has its own non-empty label', () => {
    const labels = auditEventTypes.map((type) => auditEventTypeLabels[type]);
    expect(labels.every((label) => label.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(auditEventTypes.length);
    expect(Object.keys(auditEventTypeLabels).sort()).toEqual([...auditEventTypes].sort());
  });

  test('covers every event the product spec lists for the audit trail', () => {
    for (const type of [
      'unlock',
      'unlock-failed',
      'create',
      'change',
      'sign',
      'addendum',
      'letter-issued',
      'print',
      'download',
      'export',
      'import',
      'purge',
      'settings-changed',
    ]) {
      expect(auditEventTypes).toContain(type);
    }
  });
});

describe('auditEventSchema', () => {
  test.each([
    ['a signed-in event', valid],
    [
      'an event with no actor and no MAC',
      { ...valid, type: 'unlock-failed', actor: null, mac: '' },
    ],
    ['an instant without milliseconds', { ...valid, at: '2026-03-01T14:05:00Z' }],
  ])('accepts %s', (_, event) => {
    expect(auditEventSchema.safeParse(event).success).toBe(true);
  });

  test.each([
    ['an extra field', { ...valid, note: 'x' }],
    [
      'an extra actor field',
      { ...valid, actor: { id: 'staff-1', name: 'Sam Patel', role: 'triage-nurse' } },
    ],
    ['an actor with an empty id', { ...valid, actor: { id: '', name: 'Sam Patel' } }],
    ['seq 0', { ...valid, seq: 0 }],
    ['a fractional seq', { ...valid, seq: 1.5 }],
    ['seq as text', { ...valid, seq: '1' }],
    ['a local time with an offset', { ...valid, at: '2026-03-01T14:05:00+01:00' }],
    ['a date without a time', { ...valid, at: '2026-03-01' }],
    ['an unknown type', { ...valid, type: 'delete' }],
    ['an upper-case hash', { ...valid, hash: 'A'.repeat(64) }],
    ['a short prevHash', { ...valid, prevHash: '0'.repeat(63) }],
    ['a MAC that is not base64url', { ...valid, mac: 'abc=' }],
    [
      'a missing detail',
      Object.fromEntries(Object.entries(valid).filter(([key]) => key !== 'detail')),
    ],
  ])('refuses %s', (_, event) => {
    expect(auditEventSchema.safeParse(event).success).toBe(false);
  });
});
