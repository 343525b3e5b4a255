/**
 * The edit lease on an enrolled tablet (issue 14: "an assessment in progress is edited by one
 * tablet at a time (an edit lease; other tablets show it read-only with who holds it, like the
 * two-tab rule; a lease expires after the idle-lock time and can be taken over by the nurse in
 * charge)"; design docs/design/department-sync.md §6; the API in server/README.md,
 * `GET/POST /api/v1/leases/:rowId`).
 *
 * - A tablet that is not enrolled asks no one: the lease says 'not-shared' and editing is as
 *   it always was.
 * - Opening an assessment for editing takes the lease (holder: the unlocked member's opaque
 *   staff id; length: the idle-lock time, domain/sync/lease.ts), renews it at a third of its
 *   length while the assessment is open, and releases it when the assessment is closed, when
 *   the tablet locks, or on page hide (best effort: a lease not released lapses by itself).
 * - Letting it go pushes the record's newest revision first (push.ts pushNewestNow: any write
 *   still in flight is finished first, then the push, without the 30-second rule), so the
 *   department holds every answer saved here before another tablet may continue it. Signing
 *   lets it go too (the screen stops being editable). Bounded by {@link RELEASE_PUSH_WAIT_MS}:
 *   a push that does not finish in time is left to the sync engine and the lease is let go.
 * - Held by another tablet: 'elsewhere', with the holder's name from this tablet's staff table
 *   when it knows the id. The screens then show the assessment read-only. It is asked again at
 *   each renewal time, so the assessment becomes editable here once the other tablet lets go.
 * - The server cannot be reached: 'unreachable'. Editing continues on this tablet (offline
 *   first, never block a nurse); the lease is asked for again at each renewal time, and a
 *   clash is resolved by sync (an edit that lost becomes a conflict addendum, conflict.ts).
 * - Taking over is the nurse in charge's (domain canTakeOverLease: the server holds no roles)
 *   and is audited ('edit-lease-taken-over').
 */
import { canTakeOverLease, leaseRenewMs, leaseSeconds, takeOverDetail } from '../../domain/sync/lease';
import type { EditLeaseState, LeaseHolder } from '../../domain/sync/lease';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { TriageDatabase } from '../db';
import type { StorageContext } from '../repositories/context';
import type { LiveValue } from '../repositories/types';
import { readEnrolment } from './enrolment-state';
import { callApi } from './http';
import type { ApiFailure, ApiOptions } from './http';
import { pushNewestNow } from './push';

/** How long letting a lease go waits for the record's newest revision to be pushed first. */
export const RELEASE_PUSH_WAIT_MS = 10_000;

/** The next task of the event loop: whatever a page's unmount or page hide started (an autosave's write) has begun by then. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export type { EditLeaseState };

/** A lease as the server describes it (server/README.md). */
export interface ServerLease {
  rowId: string;
  tabletId: string;
  holder: string;
  expiresAt: string;
}

type LeaseAnswer = { status: 'held'; lease: ServerLease; previous?: ServerLease } | { status: 'released' };

export type LeaseAction = 'take' | 'renew' | 'release' | 'take-over';

export type LeaseFailure = { kind: 'forbidden' | 'locked' | 'not-shared'; message: string } | ApiFailure;

/** How a lease call reaches the server: the enrolment's credential and, in tests, a fetch and origin. */
export interface LeaseTransport {
  fetch?: typeof fetch;
  origin?: string;
}

async function apiFor(db: Pick<TriageDatabase, 'meta'>, transport: LeaseTransport): Promise<{ api: ApiOptions; tabletId: string } | undefined> {
  const enrolment = await readEnrolment(db);
  if (!enrolment || enrolment.revokedAt !== undefined) return undefined;
  return {
    tabletId: enrolment.tabletId,
    api: { credential: enrolment.credential, ...(transport.fetch ? { fetch: transport.fetch } : {}), ...(transport.origin ? { origin: transport.origin } : {}) },
  };
}

/** One lease call. 409 answers (refused) come back as values with the lease that stands. */
export async function leaseCall(
  api: ApiOptions,
  rowId: string,
  action: LeaseAction,
  holder: string,
  ttlSeconds: number,
): Promise<Result<LeaseAnswer | { status: 'refused'; reason: string; lease: ServerLease | null }, ApiFailure>> {
  const answer = await callApi<LeaseAnswer>('POST', `/api/v1/leases/${encodeURIComponent(rowId)}`, { action, holder, ttlSeconds }, api);
  if (answer.ok) return answer;
  // A refusal (409 `{ status: 'refused', reason, lease }`) has no `error` code, so callApi
  // reads it as not this API's: the lease that stands is asked for, which also tells a
  // refusal from a server that is not ours (that GET fails too).
  if (answer.error.kind === 'not-a-department-server' || (answer.error.kind === 'refused' && answer.error.status === 409)) {
    const current = await callApi<{ lease: ServerLease | null }>('GET', `/api/v1/leases/${encodeURIComponent(rowId)}`, undefined, api);
    if (!current.ok) return current;
    return ok({ status: 'refused', reason: 'held-by-another', lease: current.value.lease });
  }
  return answer;
}

/** The holder's name from this tablet's staff table (clear: the lock screen lists it); undefined when the id is not known here. */
async function holderOf(db: Pick<TriageDatabase, 'staff'>, lease: ServerLease, ownTablet: string): Promise<LeaseHolder> {
  const member = await db.staff.get(lease.holder);
  return { name: member?.name, thisTablet: lease.tabletId === ownTablet };
}

async function describe(db: Pick<TriageDatabase, 'staff'>, lease: ServerLease, ownTablet: string): Promise<EditLeaseState> {
  if (lease.tabletId === ownTablet) return { status: 'held', expiresAt: lease.expiresAt };
  return { status: 'elsewhere', holder: await holderOf(db, lease, ownTablet), tabletId: lease.tabletId, expiresAt: lease.expiresAt };
}

/** Who holds an assessment's lease now (read only: the department record page). No call at all when the tablet does not share. */
export async function currentLease(ctx: Pick<StorageContext, 'db'>, transport: LeaseTransport, rowId: string): Promise<EditLeaseState> {
  const found = await apiFor(ctx.db, transport);
  if (!found) return { status: 'not-shared' };
  const answer = await callApi<{ lease: ServerLease | null }>('GET', `/api/v1/leases/${encodeURIComponent(rowId)}`, undefined, found.api);
  if (!answer.ok) return { status: 'unreachable' };
  if (!answer.value.lease) return { status: 'free' };
  return describe(ctx.db, answer.value.lease, found.tabletId);
}

/**
 * Takes the lease once for the unlocked member (continuing another tablet's record, lease-continue.ts).
 * 'held' when taken; 'elsewhere' when another tablet holds it.
 */
export async function takeLease(ctx: Pick<StorageContext, 'db' | 'vault'>, transport: LeaseTransport, rowId: string, idleLockMinutes: number): Promise<Result<EditLeaseState, LeaseFailure>> {
  const unlocked = ctx.vault.peek();
  if (!unlocked) return err({ kind: 'locked', message: 'Unlock the tablet first.' });
  const found = await apiFor(ctx.db, transport);
  if (!found) return err({ kind: 'not-shared', message: 'This tablet does not share with a department.' });
  const answer = await leaseCall(found.api, rowId, 'take', unlocked.staff.id, leaseSeconds(idleLockMinutes));
  if (!answer.ok) return answer;
  if (answer.value.status === 'held') return ok({ status: 'held', expiresAt: answer.value.lease.expiresAt });
  if (answer.value.status === 'refused' && answer.value.lease) return ok(await describe(ctx.db, answer.value.lease, found.tabletId));
  return ok({ status: 'unreachable' });
}

/**
 * The lease of one assessment open for editing: taken at start, renewed while open, released
 * at close or lock. Its state is a live value the screens read.
 */
export class EditLease {
  private value: EditLeaseState = { status: 'checking' };
  private readonly listeners = new Set<(state: EditLeaseState) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private vaultWatch: { unsubscribe(): void } | undefined;
  private holder: string | undefined;
  private tabletId = '';
  private api: ApiOptions | undefined;

  constructor(
    private readonly ctx: Pick<StorageContext, 'db' | 'vault' | 'audit' | 'now' | 'newId'>,
    private readonly transport: LeaseTransport,
    readonly rowId: string,
    private readonly idleLockMinutes: number,
    /** Finishes the editor's writes still pending (AssessmentEditor.flush), before the newest revision is pushed at release. */
    private readonly beforeRelease?: () => Promise<unknown>,
  ) {}

  private get ttl(): number {
    return leaseSeconds(this.idleLockMinutes);
  }

  private set(state: EditLeaseState): void {
    this.value = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  isClosed(): boolean {
    return this.closed;
  }

  current(): EditLeaseState {
    return this.value;
  }

  state(): LiveValue<EditLeaseState> {
    return {
      subscribe: (onNext) => {
        this.listeners.add(onNext);
        onNext(this.value);
        return { unsubscribe: () => this.listeners.delete(onNext) };
      },
    };
  }

  /** Takes the lease (or learns who holds it). Resolves with the state after the first answer. */
  async start(): Promise<EditLeaseState> {
    const found = await apiFor(this.ctx.db, this.transport);
    const unlocked = this.ctx.vault.peek();
    if (!found || !unlocked) {
      this.set({ status: 'not-shared' });
      return this.value;
    }
    this.api = found.api;
    this.tabletId = found.tabletId;
    this.holder = unlocked.staff.id;
    // Locking lets the lease go (best effort); the lock screen ends the assessment's page anyway.
    this.vaultWatch = this.ctx.vault.live().subscribe((session) => {
      if (session.status !== 'unlocked') void this.close();
    });
    await this.ask('take');
    return this.value;
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.ask(this.value.status === 'held' ? 'renew' : 'take');
    }, leaseRenewMs(this.ttl));
  }

  /** One round: take or renew; the state from the answer; the next round scheduled. */
  async ask(action: 'take' | 'renew'): Promise<void> {
    if (this.closed || !this.api || !this.holder) return;
    const answer = await leaseCall(this.api, this.rowId, action, this.holder, this.ttl);
    // Closed while the answer was on its way: nothing more.
    if (this.isClosed()) return;
    if (!answer.ok) {
      // Offline or the server is away: editing goes on here; sync sorts out any clash later.
      // A lease this tablet held stays 'held' until it would have lapsed.
      if (this.value.status !== 'held' || Date.parse(this.value.expiresAt) <= Date.now()) this.set({ status: 'unreachable' });
    } else if (answer.value.status === 'held') {
      this.set({ status: 'held', expiresAt: answer.value.lease.expiresAt });
    } else if (answer.value.status === 'refused') {
      if (answer.value.lease) this.set(await describe(this.ctx.db, answer.value.lease, this.tabletId));
      // Renewal refused with no lease standing (it lapsed): take it again at once.
      else if (action === 'renew') return this.ask('take');
    }
    this.schedule();
  }

  /** The nurse in charge takes the lease over from another tablet; audited. */
  async takeOver(): Promise<Result<EditLeaseState, LeaseFailure>> {
    const unlocked = this.ctx.vault.peek();
    if (!unlocked) return err({ kind: 'locked', message: 'Unlock the tablet first.' });
    if (!canTakeOverLease(unlocked.staff.role)) return err({ kind: 'forbidden', message: 'Only the nurse in charge can take over editing.' });
    if (!this.api) return err({ kind: 'not-shared', message: 'This tablet does not share with a department.' });
    const answer = await leaseCall(this.api, this.rowId, 'take-over', unlocked.staff.id, this.ttl);
    if (!answer.ok) return answer;
    if (answer.value.status !== 'held') return err({ kind: 'refused', status: 409, error: 'not-held', message: 'Editing could not be taken over.' });
    this.holder = unlocked.staff.id;
    const previous = answer.value.previous;
    await this.ctx.audit.append('edit-lease-taken-over', this.rowId, takeOverDetail(previous?.tabletId ?? 'unknown'));
    this.set({ status: 'held', expiresAt: answer.value.lease.expiresAt });
    this.schedule();
    return ok(this.value);
  }

  /**
   * Stops renewing, pushes the record's newest revision, and releases the lease (best effort:
   * one that is not released lapses). The push goes first, so no other tablet can take the
   * lease and continue from an older revision in between.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.vaultWatch?.unsubscribe();
    this.listeners.clear();
    // Held, or held as far as this tablet knows (the server could not be reached): this tablet's edits are the record's newest.
    if (this.api && (this.value.status === 'held' || this.value.status === 'unreachable')) await this.pushNewest(this.api);
    if (this.api && this.holder && this.value.status === 'held') await leaseCall(this.api, this.rowId, 'release', this.holder, this.ttl);
  }

  /** The record's newest revision pushed now, waiting at most {@link RELEASE_PUSH_WAIT_MS}; never throws. */
  private async pushNewest(api: ApiOptions): Promise<void> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve();
      }, RELEASE_PUSH_WAIT_MS);
    });
    const pushed = (async () => {
      // Twice: an autosave started by the unmount or page hide may wait for a write already in flight before it writes its own.
      // A write that fails (the tablet locked meanwhile) does not stop the push of what is saved.
      for (let round = 0; round < 2 && this.beforeRelease; round += 1) {
        await nextTask();
        await this.beforeRelease().catch(() => undefined);
      }
      await pushNewestNow(this.ctx.db, { ...api, signal: abort.signal }, this.ctx.now, this.ctx.newId, this.rowId);
    })().catch(() => undefined);
    await Promise.race([pushed, waited]);
    clearTimeout(timer);
  }
}
