import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  GENESIS_HASH,
  auditTypeRequiresMac,
  canonicalEventText,
  chainBreaks,
  eventsRequiringMac,
  hashEvent,
  nextEvent,
  verifyChain,
} from './chain';
import type { AuditEventInput } from './chain';
import { auditEventTypes } from './events';
import type { AuditEvent } from './events';

const SAM = { id: 'staff-1', name: 'Sam Patel' };
const JO = { id: 'staff-2', name: 'Jo O’Neill' };

/** A stand-in for the storage layer's MAC: any base64url text will do for the pure chain. */
const fakeMac = (hash: string): string => Buffer.from(hash, 'hex').toString('base64url');

const inputs: AuditEventInput[] = [
  {
    at: '2026-03-01T08:00:00.000Z',
    actor: SAM,
    type: 'device-set-up',
    entityId: '',
    detail: 'Site: Riverside MIU',
  },
  {
    at: '2026-03-01T08:01:00.000Z',
    actor: null,
    type: 'unlock-failed',
    entityId: '',
    detail: 'Attempt 1',
  },
  { at: '2026-03-01T08:02:00.000Z', actor: JO, type: 'unlock', entityId: '', detail: '' },
  {
    at: '2026-03-01T08:05:00.000Z',
    actor: JO,
    type: 'create',
    entityId: 'att-7f3a',
    detail: 'Attendance',
  },
  {
    at: '2026-03-01T08:20:00.000Z',
    actor: JO,
    type: 'letter-issued',
    entityId: 'att-7f3a',
    detail: 'GP letter',
  },
];

function buildChain(items: readonly AuditEventInput[] = inputs): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const input of items) {
    const unsigned = nextEvent(events.at(-1), input);
    events.push({
      ...unsigned,
      mac: auditTypeRequiresMac(unsigned.type) ? fakeMac(unsigned.hash) : '',
    });
  }
  return events;
}

/** Recomputes seq, prevHash and hash from `from` onwards, as an attacker without the key could. */
function rechain(events: readonly AuditEvent[], from = 0): AuditEvent[] {
  const result = events.slice(0, from);
  for (const event of events.slice(from)) {
    const unsigned = nextEvent(result.at(-1), event);
    result.push({ ...unsigned, mac: event.mac });
  }
  return result;
}

function replaceAt(
  events: readonly AuditEvent[],
  index: number,
  change: (event: AuditEvent) => unknown,
): unknown[] {
  return events.map((event, position) => (position === index ? change(event) : event));
}

const chain = buildChain();
const positions = chain.map((_, index) => index);

describe('nextEvent', () => {
  test('starts at seq 1 with the genesis hash and links each event to the one before', () => {
    expect(chain.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    for (const [index, event] of chain.entries()) {
      if (index > 0) expect(event.prevHash).toBe(chain[index - 1]?.hash);
      expect(event.hash).toBe(hashEvent(event, event.prevHash));
    }
  });

  test('is deterministic: the same trail gives the same hashes', () => {
    expect(buildChain().map((event) => event.hash)).toEqual(chain.map((event) => event.hash));
  });

  test('keeps only the id and name of the actor, so a full staff record can be passed in', () => {
    const staff = {
      id: 'staff-3',
      name: 'Alex Kay',
      role: 'triage-nurse',
      registrationNumber: '12A3456E',
    };
    const event = nextEvent(undefined, { ...inputs[0]!, actor: staff });
    expect(event.actor).toEqual({ id: 'staff-3', name: 'Alex Kay' });
  });

  test.each([
    ['a local time with an offset', { at: '2026-03-01T08:00:00+00:00' }],
    ['a time that is not a date', { at: 'yesterday' }],
    ['an actor with an empty id', { actor: { id: '', name: 'Nobody' } }],
    ['an unknown type', { type: 'delete' as AuditEventInput['type'] }],
  ])('throws for %s', (_, change) => {
    expect(() => nextEvent(chain.at(-1), { ...inputs[0]!, ...change })).toThrow(TypeError);
  });
});

describe('canonicalEventText', () => {
  test('is JSON with a fixed key order, whatever order the fields arrive in, and nothing else', () => {
    const event = chain[3]!;
    const shuffled = {
      prevHash: event.prevHash,
      detail: event.detail,
      entityId: event.entityId,
      type: event.type,
      actor: { name: JO.name, id: JO.id },
      at: event.at,
      seq: event.seq,
    };
    const expected =
      `{"seq":4,"at":"2026-03-01T08:05:00.000Z","actor":{"id":"staff-2","name":"Jo O’Neill"},` +
      `"type":"create","entityId":"att-7f3a","detail":"Attendance","prevHash":"${event.prevHash}"}`;
    expect(canonicalEventText(shuffled)).toBe(expected);
    expect(canonicalEventText(event)).toBe(expected);
  });

  test('the hash is SHA-256 of the canonical text (pinned against node:crypto)', () => {
    for (const event of chain) {
      expect(event.hash).toBe(
        createHash('sha256').update(canonicalEventText(event), 'utf8').digest('hex'),
      );
    }
  });

  test('a null actor is written as null', () => {
    expect(canonicalEventText(chain[1]!)).toContain('"actor":null');
  });
});

describe('verifyChain', () => {
  test('a valid trail verifies, with its length and head hash', () => {
    expect(verifyChain(chain)).toEqual({ ok: true, count: 5, headHash: chain[4]?.hash });
  });

  test('an empty trail verifies, with the genesis hash as its head', () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  test('survives a JSON round trip (as in an export)', () => {
    expect(verifyChain(JSON.parse(JSON.stringify(chain)) as unknown[])).toMatchObject({
      ok: true,
      count: 5,
    });
  });

  describe('a changed field is reported at that event', () => {
    const changes: [string, (event: AuditEvent) => AuditEvent, string][] = [
      ['seq', (event) => ({ ...event, seq: event.seq + 10 }), 'sequence-gap'],
      ['at', (event) => ({ ...event, at: '2026-03-02T09:00:00.000Z' }), 'hash-mismatch'],
      [
        'actor (another person)',
        (event) => ({ ...event, actor: { id: 'staff-9', name: 'Someone Else' } }),
        'hash-mismatch',
      ],
      [
        'actor (removed or added)',
        (event) => ({ ...event, actor: event.actor === null ? SAM : null }),
        'hash-mismatch',
      ],
      [
        'actor name only',
        (event) => ({ ...event, actor: { id: event.actor?.id ?? 'x', name: 'Renamed' } }),
        'hash-mismatch',
      ],
      [
        'type',
        (event) => ({ ...event, type: event.type === 'purge' ? 'print' : 'purge' }),
        'hash-mismatch',
      ],
      ['entityId', (event) => ({ ...event, entityId: 'att-other' }), 'hash-mismatch'],
      ['detail', (event) => ({ ...event, detail: `${event.detail} (edited)` }), 'hash-mismatch'],
      ['prevHash', (event) => ({ ...event, prevHash: flipHex(event.prevHash) }), 'link-broken'],
      ['hash', (event) => ({ ...event, hash: flipHex(event.hash) }), 'hash-mismatch'],
    ];
    const cases = changes.flatMap(([field, change, reason]) =>
      positions.map((index) => [field, index + 1, change, reason] as const),
    );
    test.each(cases)('%s of event %i', (_, seq, change, reason) => {
      expect(verifyChain(replaceAt(chain, seq - 1, change))).toEqual({
        ok: false,
        brokenAt: seq,
        reason,
      });
    });
  });

  test.each(positions.slice(0, -1).map((index) => index + 1))(
    'a field changed in event %i with its hash recomputed breaks the link to the next event',
    (seq) => {
      const forged = replaceAt(chain, seq - 1, (event) => {
        const changed = { ...event, detail: 'forged' };
        return { ...changed, hash: hashEvent(changed, changed.prevHash) };
      });
      expect(verifyChain(forged)).toEqual({ ok: false, brokenAt: seq + 1, reason: 'link-broken' });
    },
  );

  test('a changed MAC is not the chain’s business: storage verifies MACs with the key', () => {
    expect(
      verifyChain(replaceAt(chain, 2, (event) => ({ ...event, mac: 'forged' }))),
    ).toMatchObject({ ok: true });
  });

  test.each(positions.map((index) => index + 1).slice(0, -1))(
    'deleting event %i is a sequence gap there',
    (seq) => {
      const deleted = chain.filter((event) => event.seq !== seq);
      expect(verifyChain(deleted)).toEqual({ ok: false, brokenAt: seq, reason: 'sequence-gap' });
    },
  );

  test('deleting the newest event still verifies (shorter): storage compares against its MAC’d head', () => {
    const result = verifyChain(chain.slice(0, -1));
    expect(result).toEqual({ ok: true, count: 4, headHash: chain[3]?.hash });
  });

  test('a deleted middle event with everything after it renumbered breaks the link', () => {
    const renumbered = chain
      .filter((event) => event.seq !== 3)
      .map((event, index) => ({ ...event, seq: index + 1 }));
    expect(verifyChain(renumbered)).toEqual({ ok: false, brokenAt: 3, reason: 'link-broken' });
  });

  test('swapping two events is reported at the first of them', () => {
    const swapped = [chain[0], chain[1], chain[3], chain[2], chain[4]];
    expect(verifyChain(swapped)).toEqual({ ok: false, brokenAt: 3, reason: 'sequence-gap' });
  });

  test('swapping two events and their seq numbers breaks the link', () => {
    const swapped = [
      chain[0],
      chain[1],
      { ...chain[3]!, seq: 3 },
      { ...chain[2]!, seq: 4 },
      chain[4],
    ];
    expect(verifyChain(swapped)).toEqual({ ok: false, brokenAt: 3, reason: 'link-broken' });
  });

  test('a repeated event is a sequence gap where the copy sits', () => {
    const repeated = [chain[0], chain[1], chain[2], chain[2], chain[3], chain[4]];
    expect(verifyChain(repeated)).toEqual({ ok: false, brokenAt: 4, reason: 'sequence-gap' });
  });

  test('a trail that does not start at seq 1 is a sequence gap at 1', () => {
    expect(verifyChain(chain.slice(1))).toEqual({ ok: false, brokenAt: 1, reason: 'sequence-gap' });
  });

  describe('an inserted forged event', () => {
    const forgedInput: AuditEventInput = {
      at: '2026-03-01T08:03:00.000Z',
      actor: SAM,
      type: 'export',
      entityId: '',
      detail: 'Backup',
    };

    test('with a made-up link is reported where it sits', () => {
      const forged = { ...nextEvent(chain[1], forgedInput), prevHash: 'f'.repeat(64), mac: '' };
      const withForgery = [chain[0], chain[1], forged, ...chain.slice(2)];
      expect(verifyChain(withForgery)).toEqual({ ok: false, brokenAt: 3, reason: 'link-broken' });
    });

    test('with a made-up hash is reported where it sits', () => {
      const forged = { ...nextEvent(chain[1], forgedInput), hash: 'f'.repeat(64), mac: '' };
      const withForgery = [chain[0], chain[1], forged, ...chain.slice(2)];
      expect(verifyChain(withForgery)).toEqual({ ok: false, brokenAt: 3, reason: 'hash-mismatch' });
    });

    test('correctly linked but not renumbered: the genuine event after it no longer fits', () => {
      const forged = { ...nextEvent(chain[1], forgedInput), mac: '' };
      const withForgery = [chain[0], chain[1], forged, ...chain.slice(2)];
      expect(verifyChain(withForgery)).toEqual({ ok: false, brokenAt: 4, reason: 'sequence-gap' });
    });

    test('correctly linked, with the events after it renumbered: the genuine event no longer links', () => {
      const forged = { ...nextEvent(chain[1], forgedInput), mac: '' };
      const renumbered = chain.slice(2).map((event) => ({ ...event, seq: event.seq + 1 }));
      expect(verifyChain([chain[0], chain[1], forged, ...renumbered])).toEqual({
        ok: false,
        brokenAt: 4,
        reason: 'link-broken',
      });
    });

    test('correctly linked, with the next event renumbered and relinked but not re-hashed: hash mismatch', () => {
      const forged = { ...nextEvent(chain[1], forgedInput), mac: '' };
      const relinked = { ...chain[2]!, seq: 4, prevHash: forged.hash };
      const rest = chain.slice(3).map((event) => ({ ...event, seq: event.seq + 1 }));
      expect(verifyChain([chain[0], chain[1], forged, relinked, ...rest])).toEqual({
        ok: false,
        brokenAt: 4,
        reason: 'hash-mismatch',
      });
    });

    test('with the whole tail re-hashed the chain verifies, but with another head: this is what the MAC is for', () => {
      const forged = { ...nextEvent(chain[1], forgedInput), mac: '' };
      const rewritten = rechain([chain[0]!, chain[1]!, forged, ...chain.slice(2)], 2);
      const result = verifyChain(rewritten);
      expect(result).toMatchObject({ ok: true, count: 6 });
      expect(result.ok && result.headHash).not.toBe(chain[4]?.hash);
      // Every re-hashed event that needs a MAC now carries one made for a different hash.
      const stale = eventsRequiringMac(rewritten.slice(2)).filter(
        (event) => event.mac !== fakeMac(event.hash),
      );
      expect(stale.map((event) => event.seq)).toEqual([3, 4, 5, 6]);
    });
  });

  describe('a malformed event is reported at its position', () => {
    const damage: [string, (event: AuditEvent) => unknown][] = [
      ['null', () => null],
      ['a string', () => 'event'],
      [
        'a missing field',
        (event) => Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'detail')),
      ],
      ['an extra field', (event) => ({ ...event, patientName: 'Not allowed' })],
      ['seq as text', (event) => ({ ...event, seq: String(event.seq) })],
      ['an instant that is not ISO UTC', (event) => ({ ...event, at: '01/03/2026 08:00' })],
      ['an unknown type', (event) => ({ ...event, type: 'delete' })],
      ['an upper-case hash', (event) => ({ ...event, hash: event.hash.toUpperCase() })],
      ['a MAC that is not base64url', (event) => ({ ...event, mac: '%%%' })],
    ];
    const cases = damage.flatMap(([what, change]) =>
      [1, 3, 5].map((seq) => [what, seq, change] as const),
    );
    test.each(cases)('%s at event %i', (_, seq, change) => {
      expect(verifyChain(replaceAt(chain, seq - 1, change))).toEqual({
        ok: false,
        brokenAt: seq,
        reason: 'malformed',
      });
    });
  });

  test('reports the FIRST break when there are several', () => {
    const twiceBroken = replaceAt(
      replaceAt(chain, 4, (event) => ({ ...event, detail: 'late edit' })) as AuditEvent[],
      1,
      (event) => ({ ...event, detail: 'early edit' }),
    );
    expect(verifyChain(twiceBroken)).toEqual({ ok: false, brokenAt: 2, reason: 'hash-mismatch' });
  });
});

describe('which events need a MAC', () => {
  test('every type except a failed unlock', () => {
    expect(auditEventTypes.filter((type) => !auditTypeRequiresMac(type))).toEqual([
      'unlock-failed',
    ]);
  });

  test('eventsRequiringMac leaves out failed unlocks only', () => {
    expect(eventsRequiringMac(chain).map((event) => event.seq)).toEqual([1, 3, 4, 5]);
  });
});

function flipHex(hex: string): string {
  const last = hex.at(-1) === '0' ? '1' : '0';
  return hex.slice(0, -1) + last;
}

describe('chainBreaks and numbering after a gap', () => {
  test('an intact trail has no breaks and every event parses', () => {
    const events = buildChain();
    expect(chainBreaks(events)).toEqual({ breaks: [], events });
  });

  test('the next event after removed ones takes a new number, never a removed one, and the gap stays a break', () => {
    const events = buildChain().slice(0, 3);
    const next = nextEvent(events.at(-1), inputs[3] as AuditEventInput, 6);
    expect(next).toMatchObject({ seq: 6, prevHash: events[2]?.hash });
    expect(chainBreaks([...events, { ...next, mac: fakeMac(next.hash) }]).breaks).toEqual([{ brokenAt: 4, reason: 'sequence-gap' }]);
    // A floor below the next number changes nothing.
    expect(nextEvent(events.at(-1), inputs[3] as AuditEventInput, 2).seq).toBe(4);
  });

  test('lists every break, not only the first, carrying on from the event found after each', () => {
    const events = buildChain();
    const changed = events.map((event) => (event.seq === 2 ? { ...event, detail: 'Attempt 9' } : event));
    const withoutFourth = changed.filter((event) => event.seq !== 4);
    expect(chainBreaks(withoutFourth).breaks).toEqual([
      { brokenAt: 2, reason: 'hash-mismatch' },
      { brokenAt: 4, reason: 'sequence-gap' },
    ]);
  });

  test('a malformed event is a break at its position and the walk goes on', () => {
    const events: unknown[] = buildChain();
    events[1] = { seq: 2 };
    const result = chainBreaks(events);
    expect(result.breaks).toEqual([{ brokenAt: 2, reason: 'malformed' }]);
    expect(result.events.map((event) => event.seq)).toEqual([1, 3, 4, 5]);
  });

  test('checks a part of the trail from the start it is given: its number, and its link only when one is given', () => {
    const events = buildChain();
    const tail = events.slice(2);
    expect(chainBreaks(tail).breaks).toEqual([{ brokenAt: 1, reason: 'sequence-gap' }]);
    expect(chainBreaks(tail, { seq: 3, prevHash: undefined }).breaks).toEqual([]);
    expect(chainBreaks(tail, { seq: 3, prevHash: events[1]?.hash }).breaks).toEqual([]);
    expect(chainBreaks(tail, { seq: 3, prevHash: events[0]?.hash }).breaks).toEqual([{ brokenAt: 3, reason: 'link-broken' }]);
    expect(chainBreaks(tail, { seq: 2, prevHash: undefined }).breaks).toEqual([{ brokenAt: 2, reason: 'sequence-gap' }]);
    const changed = tail.map((event) => (event.seq === 3 ? { ...event, detail: 'Attempt 9' } : event));
    expect(chainBreaks(changed, { seq: 3, prevHash: undefined }).breaks).toEqual([{ brokenAt: 3, reason: 'hash-mismatch' }]);
  });
});
