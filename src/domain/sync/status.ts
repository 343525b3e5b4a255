/**
 * What the header says about department sharing (issue 14: "the header says 'Shared with the
 * department at 14:02' or 'Not shared for 3 hours' (never a spinner that blocks work)";
 * design docs/design/department-sync.md §7). Pure: storage hands in what the sync engine
 * last knew, this decides the words. Shown only on an enrolled tablet.
 *
 * Also owns the retry timing (design §7: "retries back off exponentially with jitter from
 * 5 s to 5 minutes"), so both are tested without a clock.
 */
import { hoursBetween, toLondon } from '../shared/dates';
import type { IsoInstant } from '../shared/dates';

/** What the engine knows, as the header reads it. */
export interface SyncStatusFacts {
  /** When this tablet last pushed and pulled with the server all the way through; undefined before the first time. */
  lastSharedAt: IsoInstant | undefined;
  /** When the tablet was enrolled (how long "not shared yet" has lasted). */
  enrolledAt: IsoInstant;
  /** Set when the server said this tablet was removed from the department: sharing has stopped. */
  revokedAt?: IsoInstant | undefined;
  /** Rows the server answered with a conflict or refused: kept on this tablet, to be reconciled. */
  conflicts: number;
  /** Rows pulled from other tablets that did not open (changed or damaged): not applied. */
  tampered: number;
  /** Rows pulled so far by a first pull still running (the progress line), else undefined. */
  firstPull?: { rows: number } | undefined;
  /** Other tablets' audit chains with a break found here (the server left out, changed or rolled back events). */
  brokenChains?: number | undefined;
}

export interface SyncStatusText {
  /** The one line in the header. */
  text: string;
  /** 'shared': recent; 'behind': not shared for a while, or never; 'stopped': removed from the department. */
  tone: 'shared' | 'behind' | 'stopped';
  /** Lines under it, when there is something to act on (conflicts, rows that did not open). */
  details: string[];
}

/** After this long without a complete share, the header says how long it has been instead of when. */
export const SHARED_RECENTLY_MINUTES = 10;

export const syncStatusWords = {
  stopped: 'Sharing stopped: this tablet was removed from the department',
  sharedAt: (time: string) => `Shared with the department at ${time}`,
  notSharedFor: (span: string) => `Not shared for ${span}`,
  notSharedYet: 'Not shared with the department yet',
  firstPull: (rows: number) => `Fetching the department's records: ${String(rows)} so far`,
  conflicts: (count: number) => `${String(count)} ${count === 1 ? 'change was' : 'changes were'} not accepted by the department and ${count === 1 ? 'is' : 'are'} kept on this tablet`,
  tampered: (count: number) => `${String(count)} ${count === 1 ? 'record' : 'records'} from the department could not be opened and ${count === 1 ? 'was' : 'were'} not used`,
  brokenChains: (count: number) => `The audit trail of ${String(count)} other ${count === 1 ? 'tablet' : 'tablets'} did not pass its check: the nurse in charge can see it on the audit trail page`,
} as const;

/** "3 hours", "1 hour", "25 minutes", "2 days": how long, rounded down. */
export function describeSpan(hours: number): string {
  if (hours < 1) {
    const minutes = Math.max(1, Math.floor(hours * 60));
    return `${String(minutes)} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  if (hours < 48) {
    const whole = Math.floor(hours);
    return `${String(whole)} ${whole === 1 ? 'hour' : 'hours'}`;
  }
  const days = Math.floor(hours / 24);
  return `${String(days)} days`;
}

export function syncStatusText(facts: SyncStatusFacts, now: IsoInstant): SyncStatusText {
  const details: string[] = [];
  if (facts.conflicts > 0) details.push(syncStatusWords.conflicts(facts.conflicts));
  if (facts.tampered > 0) details.push(syncStatusWords.tampered(facts.tampered));
  if ((facts.brokenChains ?? 0) > 0) details.push(syncStatusWords.brokenChains(facts.brokenChains ?? 0));
  if (facts.revokedAt !== undefined) return { text: syncStatusWords.stopped, tone: 'stopped', details };
  if (facts.firstPull) return { text: syncStatusWords.firstPull(facts.firstPull.rows), tone: 'behind', details };
  if (facts.lastSharedAt === undefined) {
    const waited = hoursBetween(facts.enrolledAt, now);
    return { text: waited * 60 < SHARED_RECENTLY_MINUTES ? syncStatusWords.notSharedYet : syncStatusWords.notSharedFor(describeSpan(waited)), tone: 'behind', details };
  }
  const since = hoursBetween(facts.lastSharedAt, now);
  if (since * 60 < SHARED_RECENTLY_MINUTES) return { text: syncStatusWords.sharedAt(toLondon(facts.lastSharedAt).time), tone: 'shared', details };
  return { text: syncStatusWords.notSharedFor(describeSpan(since)), tone: 'behind', details };
}

/** The first retry waits 5 seconds; each failure doubles it, up to 5 minutes (design §7). */
export const RETRY_FIRST_MS = 5_000;
export const RETRY_MAX_MS = 300_000;

/**
 * How long to wait before retry number `failures` (1 for the first), with jitter so fifty
 * tablets that lost the server together do not come back together: between three quarters
 * and the whole of the doubled delay, never under 5 s nor over 5 minutes. `random` is in [0, 1).
 */
export function retryDelayMs(failures: number, random: number): number {
  const doubled = RETRY_FIRST_MS * 2 ** Math.max(0, Math.min(failures - 1, 16));
  const capped = Math.min(RETRY_MAX_MS, doubled);
  const jittered = capped * (0.75 + 0.25 * Math.min(Math.max(random, 0), 1));
  return Math.round(Math.min(RETRY_MAX_MS, Math.max(RETRY_FIRST_MS, jittered)));
}
