import { describe, expect, it } from 'vitest';
import { describeSpan, retryDelayMs, RETRY_FIRST_MS, RETRY_MAX_MS, syncStatusText } from './status';

const base = { enrolledAt: '2026-03-02T08:00:00.000Z', conflicts: 0, tampered: 0 };

describe('the header status of department sharing', () => {
  it('says when the tablet last shared, in London time, while it is recent', () => {
    // 14:02 UTC on 2 March is 14:02 in London (winter time); 13:02 UTC in June is 14:02 BST.
    expect(syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:02:00.000Z' }, '2026-03-02T14:05:00.000Z')).toEqual({ text: 'Shared with the department at 14:02', tone: 'shared', details: [] });
    expect(syncStatusText({ ...base, lastSharedAt: '2026-06-02T13:02:00.000Z' }, '2026-06-02T13:03:00.000Z').text).toBe('Shared with the department at 14:02');
  });

  it('says how long it has not shared once that is 10 minutes or more', () => {
    expect(syncStatusText({ ...base, lastSharedAt: '2026-03-02T11:00:00.000Z' }, '2026-03-02T14:10:00.000Z')).toEqual({ text: 'Not shared for 3 hours', tone: 'behind', details: [] });
    expect(syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:00:00.000Z' }, '2026-03-02T14:10:00.000Z').text).toBe('Not shared for 10 minutes');
    expect(syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:00:00.000Z' }, '2026-03-02T14:09:59.000Z').text).toBe('Shared with the department at 14:00');
    expect(syncStatusText({ ...base, lastSharedAt: '2026-02-27T14:00:00.000Z' }, '2026-03-02T14:00:00.000Z').text).toBe('Not shared for 3 days');
  });

  it('says sharing stopped when the tablet was removed, whatever else it knows', () => {
    const status = syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:02:00.000Z', revokedAt: '2026-03-02T14:03:00.000Z', conflicts: 1 }, '2026-03-02T14:04:00.000Z');
    expect(status.text).toBe('Sharing stopped: this tablet was removed from the department');
    expect(status.tone).toBe('stopped');
    expect(status.details).toEqual(['1 change was not accepted by the department and is kept on this tablet']);
  });

  it('before the first share: not shared yet, then for how long; the first pull shows its progress', () => {
    expect(syncStatusText({ ...base, lastSharedAt: undefined }, '2026-03-02T08:05:00.000Z').text).toBe('Not shared with the department yet');
    expect(syncStatusText({ ...base, lastSharedAt: undefined }, '2026-03-02T10:30:00.000Z').text).toBe('Not shared for 2 hours');
    expect(syncStatusText({ ...base, lastSharedAt: undefined, firstPull: { rows: 1500 } }, '2026-03-02T08:05:00.000Z').text).toBe("Fetching the department's records: 1500 so far");
  });

  it('lists conflicts and rows that did not open, never hiding them', () => {
    const status = syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:02:00.000Z', conflicts: 2, tampered: 1 }, '2026-03-02T14:03:00.000Z');
    expect(status.details).toEqual(['2 changes were not accepted by the department and are kept on this tablet', '1 record from the department could not be opened and was not used']);
  });

  it('says when other tablets’ audit trails did not pass their check here, even after sharing stopped', () => {
    const one = syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:02:00.000Z', brokenChains: 1 }, '2026-03-02T14:03:00.000Z');
    expect(one.details).toEqual(['The audit trail of 1 other tablet did not pass its check: the nurse in charge can see it on the audit trail page']);
    const stopped = syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:02:00.000Z', revokedAt: '2026-03-02T14:02:30.000Z', brokenChains: 2 }, '2026-03-02T14:03:00.000Z');
    expect(stopped.details).toEqual(['The audit trail of 2 other tablets did not pass its check: the nurse in charge can see it on the audit trail page']);
    expect(syncStatusText({ ...base, lastSharedAt: '2026-03-02T14:02:00.000Z', brokenChains: 0 }, '2026-03-02T14:03:00.000Z').details).toEqual([]);
  });

  it('describes spans in whole units', () => {
    expect([describeSpan(0.001), describeSpan(0.5), describeSpan(1), describeSpan(47.9), describeSpan(49)]).toEqual(['1 minute', '30 minutes', '1 hour', '47 hours', '2 days']);
  });
});

describe('retry timing', () => {
  it('backs off from 5 seconds to 5 minutes with jitter, and never outside them', () => {
    expect(retryDelayMs(1, 0.999)).toBeLessThanOrEqual(RETRY_FIRST_MS);
    expect(retryDelayMs(1, 0)).toBe(RETRY_FIRST_MS);
    expect(retryDelayMs(2, 0.999)).toBeCloseTo(10_000, -2);
    expect(retryDelayMs(2, 0)).toBe(7_500);
    expect(retryDelayMs(4, 0.5)).toBe(35_000);
    expect(retryDelayMs(7, 0.999)).toBeGreaterThan(299_000);
    expect(retryDelayMs(7, 1)).toBe(RETRY_MAX_MS);
    expect(retryDelayMs(7, 0)).toBe(225_000);
    expect(retryDelayMs(100, 1)).toBe(RETRY_MAX_MS);
    const spread = new Set([0, 0.25, 0.5, 0.75].map((random) => retryDelayMs(3, random)));
    expect(spread.size).toBe(4);
  });
});
