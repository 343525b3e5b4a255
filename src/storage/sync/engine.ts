/**
 * The sync engine (issue 14; design docs/design/department-sync.md §5, §7): on an enrolled
 * tablet, pushes this tablet's changes (push.ts) and pulls the department's (pull.ts),
 * whenever the server is reachable, in the background, never blocking work.
 *
 * - Starts only when the tablet is enrolled (the meta row 'department:enrolment',
 *   enrolment-state.ts): it watches that row, so a tablet that is never enrolled never calls
 *   the network, and one enrolled during the session starts at once.
 * - Runs while locked (sealed rows move without a key); rows pulled while locked are opened
 *   at the next unlock (pull-open.ts checkIncoming).
 * - Every 30 seconds while all is well, and soon after this tablet writes an attendance (a
 *   signed one goes at once; one in progress at most every 30 seconds, push.ts).
 * - A failure backs off from 5 seconds to 5 minutes with jitter (domain/sync/status.ts
 *   retryDelayMs) and starts again at once when the browser says it is back online; a 429
 *   waits as long as the server asks.
 * - 401 `tablet-revoked`: the enrolment is marked revoked, the engine stops and the header
 *   says sharing stopped. The tablet's records stay.
 * - Audit: the rows the server accepted are counted into one event at each unlock and at most
 *   hourly while unlocked ('department-shared'), never one event per push (issue 14 clarification).
 */
import { liveQuery } from 'dexie';
import { retryDelayMs } from '../../domain/sync/status';
import type { SyncStatusFacts } from '../../domain/sync/status';
import type { StorageContext } from '../repositories/context';
import type { LiveValue } from '../repositories/types';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { readEnrolment, writeEnrolment } from './enrolment-state';
import type { Enrolment } from './enrolment-state';
import type { ApiFailure, ApiOptions } from './http';
import type { PendingPush } from './engine-state';
import { readCount, readReport, readString, SYNC_LAST_SHARED_KEY, SYNC_UNAUDITED_KEY } from './engine-state';
import { pushAll } from './push';
import { fetchRecord, pullAll } from './pull';
import { checkIncoming, checkWith, openPulledRecord } from './pull-record';
import { rowKey } from './engine-wire';
import { updateDepartmentWorklist } from './pull-worklist';
import { buildDepartmentDays, DEPARTMENT_DAYS_BUILT_KEY, markDepartmentDaysBehind, markDepartmentDaysBuilt, updateDepartmentDays } from './department-days';
import type { ReferralNotes } from './pull-worklist';
import { applyPulledStaff, staffToPush, travelPush } from './travel-staff';
import { applyPulledSettings, settingsToPush } from './travel-settings';
import { SYNC_PENDING_TRAVEL_KEY } from './travel';
import { applyPulledPurgesAndReviews } from './tombstone';
import { nextPurgeReviewPush, SYNC_PENDING_SHARED_KEY } from './travel-stub';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { brokenChainCount, checkChainsAtUnlock, shareAuditChains } from './chain-check';
import { conflictsAfterPull, conflictsAfterPush } from './conflict-sync';
import { departmentRekeyAhead, envelopeToPush } from './department-rekey';
import { applyRemovalsFromHeldRekeys } from './department-rekey-removals';

/** Time between syncs while the server answers. */
export const SYNC_INTERVAL_MS = 30_000;
/** After this tablet writes an attendance, a push this soon (writes in a burst go together). */
export const AFTER_WRITE_MS = 1_000;
/** The count of shared rows is written to the audit trail at most this often while unlocked. */
export const AUDIT_COUNT_EVERY_MS = 3_600_000;
const AUDITED_AT_KEY = 'sync:audited-at';

export interface SyncOptions {
  /** Tests: a fetch bound to an in-process server; the app uses the global fetch. */
  fetch?: typeof fetch;
  /** Tests in Node: the server's origin; the app leaves it empty (same origin). */
  origin?: string;
  /** Jitter source in [0, 1); Math.random by default. */
  random?: () => number;
  /** Where 'online' is heard (window in the app). */
  onlineTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined;
  /** Time between syncs while all is well (tests shorten it). */
  intervalMs?: number;
}

/** What the header shows: undefined on a tablet that does not share. */
export type SyncState = SyncStatusFacts & { lastFailure?: string | undefined };

export interface CycleOutcome {
  pushed: number;
  pulled: number;
  tampered: number;
}

/** What opening a department record from another tablet gave. */
export type DepartmentRecordResult = Result<AssessmentRecord, { kind: 'not-found' | 'damaged' | 'locked' | 'not-enrolled'; message: string } | ApiFailure>;

export class SyncEngine {
  private enrolment: Enrolment | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<Result<CycleOutcome, ApiFailure>> | undefined;
  /** The whole of the call to syncNow under way (its cycle and what follows it), and the one call queued behind it. */
  private current: Promise<Result<CycleOutcome, ApiFailure>> | undefined;
  private queued: Promise<Result<CycleOutcome, ApiFailure>> | undefined;
  private failures = 0;
  private stopped = false;
  private readonly subscriptions: { unsubscribe(): void }[] = [];
  private memory: { firstPull?: { rows: number } | undefined; lastFailure?: string | undefined } = {};
  private readonly listeners = new Set<() => void>();
  private readonly onOnline = () => {
    this.failures = 0;
    this.schedule(0);
  };

  constructor(
    private readonly ctx: StorageContext,
    private readonly options: SyncOptions = {},
  ) {}

  private api(): ApiOptions {
    return {
      ...(this.enrolment ? { credential: this.enrolment.credential } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.origin ? { origin: this.options.origin } : {}),
    };
  }

  /** The live query of this tablet's attendance writes, while enrolled (watchWrites). */
  private writes: { unsubscribe(): void } | undefined;

  private get active(): boolean {
    return !this.stopped && this.enrolment !== undefined && this.enrolment.revokedAt === undefined;
  }

  /** Watches the enrolment; syncs while there is one. Nothing touches the network before. */
  start(): void {
    this.stopped = false;
    this.subscriptions.push(
      liveQuery(() => readEnrolment(this.ctx.db)).subscribe((enrolment) => {
        const was = this.active;
        this.enrolment = enrolment;
        if (this.active && !was) this.schedule(0);
        if (!this.active) this.clearTimer();
        this.watchWrites(this.active);
        this.emit();
      }),
      this.ctx.vault.live().subscribe((state) => {
        if (state.status === 'unlocked' && this.enrolment) void this.afterUnlock();
      }),
    );
    this.options.onlineTarget?.addEventListener('online', this.onOnline);
  }

  /**
   * Keys only: re-runs when this tablet writes an attendance, to push it soon. Watched only
   * while enrolled: a tablet on its own has nothing to push, and a live query open over the
   * attendances is woken by every autosave (Dexie merges each write's keys into it).
   */
  private watchWrites(on: boolean): void {
    if (on && !this.writes) {
      this.writes = liveQuery(() => this.ctx.db.attendances.orderBy('updatedAt').reverse().limit(1).primaryKeys()).subscribe(() => {
        if (this.active && this.running === undefined && this.failures === 0) this.schedule(AFTER_WRITE_MS);
      });
    } else if (!on && this.writes) {
      this.writes.unsubscribe();
      this.writes = undefined;
    }
  }

  stop(): void {
    this.stopped = true;
    this.watchWrites(false);
    this.clearTimer();
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.options.onlineTarget?.removeEventListener('online', this.onOnline);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    if (!this.active) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.syncNow();
    }, ms);
  }

  /**
   * One push and pull, all the way through, one at a time. A call made while one is under way
   * waits for it and then runs one more: the cycle under way may have read the tablet's rows
   * before the change that prompted the call (a nurse's "Sync now" after a save, the timer
   * after a write), and answering with its result would leave that change unshared until the
   * next interval. However many calls come meanwhile, one more cycle runs (none if the one
   * under way found the tablet removed from the department). Schedules the next:
   * the interval after success, the back-off after a failure.
   */
  syncNow(): Promise<Result<CycleOutcome, ApiFailure>> {
    if (this.current) {
      // Unless that one ended the sharing (the tablet removed): then its answer is the answer.
      this.queued ??= this.current.then((previous) => {
        this.queued = undefined;
        return this.active ? this.syncNow() : previous;
      });
      return this.queued;
    }
    this.current = this.syncOnce().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async syncOnce(): Promise<Result<CycleOutcome, ApiFailure>> {
    if (!this.enrolment) this.enrolment = await readEnrolment(this.ctx.db);
    if (!this.active) return err({ kind: 'unauthorised', message: 'This tablet does not share with a department.' });
    // A storage failure (the database closed by an upgrade in another tab, a full disk) is a failure like any other: retried with back-off, never an unhandled rejection.
    this.running = this.cycle().catch(() => this.failed({ kind: 'refused', status: 0, error: 'storage', message: 'This tablet could not read or write its records for sharing. It will try again.' }));
    try {
      const outcome = await this.running;
      if (outcome.ok) {
        this.failures = 0;
        this.schedule(this.options.intervalMs ?? SYNC_INTERVAL_MS);
      } else if (outcome.error.kind === 'revoked') {
        await this.revoked();
      } else {
        this.failures += 1;
        const wait = outcome.error.kind === 'rate-limited' ? outcome.error.retryAfter * 1000 : retryDelayMs(this.failures, (this.options.random ?? Math.random)());
        this.schedule(wait);
      }
      return outcome;
    } finally {
      this.running = undefined;
    }
  }

  /** How many failures in a row (tests and the header's retry timing). */
  failuresInARow(): number {
    return this.failures;
  }

  private async cycle(): Promise<Result<CycleOutcome, ApiFailure>> {
    const enrolment = this.enrolment;
    if (!enrolment) return err({ kind: 'unauthorised', message: 'This tablet does not share with a department.' });
    const api = this.api();
    const pushed = await pushAll(this.ctx.db, api, this.ctx.now, this.ctx.newId);
    if (!pushed.ok) return this.failed(pushed.error);
    await conflictsAfterPush(this.ctx, api, enrolment.tabletId);
    const first = (await readString(this.ctx.db, SYNC_LAST_SHARED_KEY)) === undefined;
    const notes: ReferralNotes = new Map();
    // The department's day rows may fall behind if this pull's notes are not written (design: department-days.ts).
    const daysBuilt = this.ctx.vault.peek() !== undefined && (await this.ctx.db.meta.get(DEPARTMENT_DAYS_BUILT_KEY)) !== undefined;
    if (daysBuilt) await markDepartmentDaysBehind(this.ctx.db);
    const pulled = await pullAll(this.ctx.db, api, enrolment.tabletId, checkWith(() => this.ctx.vault.peek(), notes), (rows) => {
      if (first) {
        this.memory.firstPull = { rows };
        this.emit();
      }
    });
    this.memory.firstPull = undefined;
    // What the pull opened updates the department's referrals to make, under the key (while still unlocked).
    const unlocked = this.ctx.vault.peek();
    if (unlocked && (notes.size > 0 || (pulled.ok && pulled.value.applied > 0))) await updateDepartmentWorklist(this.ctx.db, unlocked, notes);
    if (unlocked) await updateDepartmentDays(this.ctx.db, unlocked, notes);
    if (unlocked && daysBuilt) await markDepartmentDaysBuilt(this.ctx.db, this.ctx.now());
    if (!pulled.ok) return this.failed(pulled.error);
    // Staff and settings: applied after the pull and pushed after applying, so a tablet never pushes over what it has not seen.
    await this.applyTravel();
    const travelled = await pushAll(this.ctx.db, api, this.ctx.now, this.ctx.newId, {
      pendingKey: SYNC_PENDING_TRAVEL_KEY,
      next: () => this.nextTravelPush(),
    });
    if (!travelled.ok) return this.failed(travelled.error);
    const conflicted = await conflictsAfterPull(this.ctx, api, enrolment.tabletId);
    if (!conflicted.ok) return this.failed(conflicted.error);
    const shared = await pushAll(this.ctx.db, api, this.ctx.now, this.ctx.newId, { pendingKey: SYNC_PENDING_SHARED_KEY, next: () => nextPurgeReviewPush(this.ctx.db, this.ctx.vault.peek(), api, this.ctx.newId) });
    if (!shared.ok) return this.failed(shared.error);
    // Audit events last, so the events this sync wrote (a purge applied, a review, a conflict kept) go in the same sync.
    const chains = (await departmentRekeyAhead(this.ctx)) ? ok({ pushed: 0, pulled: 0 }) : await shareAuditChains(this.ctx, api, enrolment.tabletId);
    if (!chains.ok) return this.failed(chains.error);
    await this.ctx.db.meta.put({ key: SYNC_LAST_SHARED_KEY, value: this.ctx.now() });
    this.memory.lastFailure = undefined;
    this.emit();
    if (this.ctx.vault.peek()) await this.auditCount(false);
    return ok({ pushed: pushed.value.accepted + travelled.value.accepted, pulled: pulled.value.applied, tampered: pulled.value.tampered });
  }

  /** Staff and settings rows changed here, sealed for transport: only while unlocked (travel-*.ts). */
  private async nextTravelPush(): Promise<PendingPush | undefined> {
    const unlocked = this.ctx.vault.peek();
    if (!unlocked) return undefined;
    const staff = await staffToPush(this.ctx.db, unlocked);
    const settings = await settingsToPush(this.ctx.db, unlocked, this.ctx.now());
    const rekey = await envelopeToPush(this.ctx);
    return travelPush([...rekey.rows, ...staff.rows, ...settings.rows], { ...rekey.fingerprints, ...staff.fingerprints, ...settings.fingerprints }, this.ctx.newId);
  }

  /** Staff and settings pulled from other tablets, verified and applied (while unlocked; else they wait). */
  private async applyTravel(): Promise<void> {
    // Rows of a re-key ahead wait for the unlock that takes it up; the removals it carries apply now (a removed member signed in here is signed out).
    if (await departmentRekeyAhead(this.ctx)) {
      await applyRemovalsFromHeldRekeys(this.ctx);
      return;
    }
    const unlocked = this.ctx.vault.peek();
    if (!unlocked) return;
    await applyPulledStaff(this.ctx.db, unlocked, this.ctx.audit, this.ctx.now);
    await applyPulledSettings(this.ctx.db, unlocked, this.ctx.audit, this.ctx.now);
    await applyPulledPurgesAndReviews(this.ctx.db, unlocked, this.ctx.audit, this.ctx.now);
  }

  private failed(failure: ApiFailure): Result<CycleOutcome, ApiFailure> {
    this.memory.lastFailure = failure.message;
    this.emit();
    return err(failure);
  }

  private async revoked(): Promise<void> {
    const enrolment = await readEnrolment(this.ctx.db);
    if (enrolment && enrolment.revokedAt === undefined) await writeEnrolment(this.ctx.db, { ...enrolment, revokedAt: this.ctx.now() });
    this.enrolment = enrolment ? { ...enrolment, revokedAt: enrolment.revokedAt ?? this.ctx.now() } : undefined;
    this.clearTimer();
    this.emit();
  }

  /** At unlock: opens what was pulled while locked, and counts the rows shared since the last count. */
  async afterUnlock(): Promise<void> {
    const unlocked = this.ctx.vault.peek();
    if (!unlocked) return;
    await checkIncoming(this.ctx.db, unlocked);
    await this.applyTravel();
    await buildDepartmentDays(this.ctx.db, unlocked, this.ctx.now());
    await this.auditCount(true);
    if (this.active) await checkChainsAtUnlock(this.ctx, this.api());
    this.emit();
  }

  private async auditCount(force: boolean): Promise<void> {
    const { db } = this.ctx;
    const count = await readCount(db, SYNC_UNAUDITED_KEY);
    if (count === 0) return;
    const last = await readString(db, AUDITED_AT_KEY);
    const now = this.ctx.now();
    if (!force && last !== undefined && Date.parse(now) - Date.parse(last) < AUDIT_COUNT_EVERY_MS) return;
    await db.transaction('rw', db.meta, async () => {
      await db.meta.put({ key: SYNC_UNAUDITED_KEY, value: Math.max(0, (await readCount(db, SYNC_UNAUDITED_KEY)) - count) });
      await db.meta.put({ key: AUDITED_AT_KEY, value: now });
    });
    await this.ctx.audit.append('department-shared', '', `${String(count)} ${count === 1 ? 'row' : 'rows'} shared with the department`);
  }

  /**
   * A record another tablet of the department recorded, read-only: the cached copy, or
   * fetched from the server (`GET /rows/attendance/:id`), checked and cached.
   */
  async departmentRecord(id: string): Promise<DepartmentRecordResult> {
    const unlocked = this.ctx.vault.peek();
    if (!unlocked) return err({ kind: 'locked', message: 'Unlock the tablet to open this record.' });
    const enrolment = this.enrolment ?? (await readEnrolment(this.ctx.db));
    if (!enrolment) return err({ kind: 'not-enrolled', message: 'This tablet does not share with a department.' });
    const cached = await this.ctx.db.departmentRows.get(rowKey('attendance', id));
    const summary = await this.ctx.db.departmentRows.get(rowKey('summary', id));
    // The cache is used while it is as new as the summary held; else the newer revision is fetched.
    if (cached && cached.sealed !== '' && (!summary || summary.revision <= cached.revision)) {
      const record = await openPulledRecord(unlocked, cached);
      if (record) return ok(record);
    }
    const fetched = await fetchRecord(this.ctx.db, this.api(), enrolment.tabletId, id, checkWith(() => this.ctx.vault.peek()));
    if (!fetched.ok) {
      if (fetched.error.kind === 'revoked') await this.revoked();
      return fetched;
    }
    if (!fetched.value) return err({ kind: 'not-found', message: 'This record is not on the department server.' });
    const record = await openPulledRecord(unlocked, fetched.value);
    return record ? ok(record) : err({ kind: 'damaged', message: 'This record could not be opened: it may have been changed outside the app.' });
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** The header's facts; undefined while the tablet does not share. */
  state(): LiveValue<SyncState | undefined> {
    return {
      subscribe: (onNext, onError) => {
        let latest: Omit<SyncState, 'firstPull' | 'lastFailure'> | undefined;
        let enrolled = false;
        let read = false;
        // Nothing is sent before the first read of the meta rows: an engine event then would say "not enrolled".
        const send = () => {
          if (read) onNext(enrolled && latest ? { ...latest, firstPull: this.memory.firstPull, lastFailure: this.memory.lastFailure } : undefined);
        };
        const query = liveQuery(async () => {
          const enrolment = await readEnrolment(this.ctx.db);
          if (!enrolment) return undefined;
          const [lastSharedAt, report] = await Promise.all([readString(this.ctx.db, SYNC_LAST_SHARED_KEY), readReport(this.ctx.db)]);
          return { enrolledAt: enrolment.enrolledAt, revokedAt: enrolment.revokedAt, lastSharedAt, conflicts: report.problems.length, tampered: report.tampered.length, brokenChains: await brokenChainCount(this.ctx.db) };
        }).subscribe((value) => {
          enrolled = value !== undefined;
          latest = value;
          read = true;
          send();
        }, onError);
        this.listeners.add(send);
        return {
          unsubscribe: () => {
            query.unsubscribe();
            this.listeners.delete(send);
          },
        };
      },
    };
  }
}
