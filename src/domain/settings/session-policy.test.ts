import { describe, expect, it } from 'vitest';
import { lockDue, msUntilNextCheck } from './session-policy';
import type { SessionClock } from './session-policy';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const unlockedAt = Date.parse('2026-11-29T08:00:00Z');
const clock = (overrides: Partial<SessionClock>): SessionClock => ({
  now: unlockedAt,
  lastActivity: unlockedAt,
  unlockedAt,
  idleLockMinutes: 5,
  sessionLimitHours: 12,
  ...overrides,
});

describe('lockDue', () => {
  it.each([
    ['just unlocked', {}, undefined],
    ['4 min 59 s idle', { now: unlockedAt + 5 * MINUTE - 1_000 }, undefined],
    ['exactly 5 min idle', { now: unlockedAt + 5 * MINUTE }, 'idle'],
    ['slept 3 hours', { now: unlockedAt + 3 * HOUR }, 'idle'],
    ['in use for 11 h 59 min', { now: unlockedAt + 12 * HOUR - MINUTE, lastActivity: unlockedAt + 12 * HOUR - 2 * MINUTE }, undefined],
    ['in use for exactly 12 hours', { now: unlockedAt + 12 * HOUR, lastActivity: unlockedAt + 12 * HOUR - MINUTE }, 'session-limit'],
    ['slept past both limits: idle is what the nurse needs to hear', { now: unlockedAt + 13 * HOUR, lastActivity: unlockedAt + HOUR }, 'idle'],
    ['a 1-hour limit set by the nurse in charge', { now: unlockedAt + HOUR, lastActivity: unlockedAt + HOUR - MINUTE, sessionLimitHours: 1 }, 'session-limit'],
    ['a 60-minute idle limit', { now: unlockedAt + 59 * MINUTE, idleLockMinutes: 60 }, undefined],
    ['a clock set backwards', { now: unlockedAt - HOUR }, undefined],
  ] as const)('%s', (_case, overrides, expected) => {
    expect(lockDue(clock(overrides))).toBe(expected);
  });
});

describe('msUntilNextCheck', () => {
  it('waits for the idle limit when it comes first', () => {
    expect(msUntilNextCheck(clock({ now: unlockedAt + MINUTE }))).toBe(4 * MINUTE);
  });
  it('waits for the session limit when it comes first', () => {
    expect(msUntilNextCheck(clock({ now: unlockedAt + 12 * HOUR - 2 * MINUTE, lastActivity: unlockedAt + 12 * HOUR - 2 * MINUTE }))).toBe(2 * MINUTE);
  });
  it('never asks to check again sooner than a second', () => {
    expect(msUntilNextCheck(clock({ now: unlockedAt + 10 * MINUTE }))).toBe(1_000);
  });
});
