/**
 * How the app composes department sharing (issue 14): a small watcher on the enrolment row
 * (enrolment-state.ts) that loads and starts the sync engine (engine.ts) only once the
 * tablet is enrolled. A tablet that is never enrolled loads none of the engine and never
 * calls the network; the first-load JavaScript carries only this file.
 */
import { liveQuery } from 'dexie';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { err } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { StorageContext } from '../repositories/context';
import type { EditLeaseHandle, LiveValue, SyncRepository } from '../repositories/types';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { ConflictAddendumView } from '../../domain/sync/conflict-addendum';
import type { SyncStatusFacts } from '../../domain/sync/status';
import { readEnrolment } from './enrolment-state';
import type { SyncEngine, SyncOptions } from './engine';

export class SyncComposition implements SyncRepository {
  private engine: SyncEngine | undefined;
  private loading: Promise<SyncEngine> | undefined;
  private watch: { unsubscribe(): void } | undefined;
  private stopped = false;
  private readonly waiting = new Set<(engine: SyncEngine) => void>();

  constructor(
    private readonly ctx: StorageContext,
    private readonly options: SyncOptions,
  ) {}

  start(): void {
    this.watch = liveQuery(() => readEnrolment(this.ctx.db)).subscribe((enrolment) => {
      if (!enrolment || this.loading || this.stopped) return;
      this.loading = import('./engine').then(({ SyncEngine: Engine }) => {
        const engine = new Engine(this.ctx, this.options);
        this.engine = engine;
        if (!this.stopped) engine.start();
        for (const waiter of [...this.waiting]) waiter(engine);
        this.waiting.clear();
        return engine;
      });
    });
  }

  stop(): void {
    this.stopped = true;
    this.watch?.unsubscribe();
    this.engine?.stop();
  }

  /** The engine once the tablet is enrolled and it has loaded; undefined before (tests drive it). */
  async loaded(): Promise<SyncEngine | undefined> {
    return this.engine ?? this.loading;
  }

  state(): LiveValue<SyncStatusFacts | undefined> {
    return {
      subscribe: (onNext, onError) => {
        let inner: { unsubscribe(): void } | undefined;
        let closed = false;
        const attach = (engine: SyncEngine) => {
          if (!closed) inner = engine.state().subscribe(onNext, onError);
        };
        if (this.engine) attach(this.engine);
        else {
          onNext(undefined);
          this.waiting.add(attach);
        }
        return {
          unsubscribe: () => {
            closed = true;
            this.waiting.delete(attach);
            inner?.unsubscribe();
          },
        };
      },
    };
  }

  async departmentRecord(id: string): Promise<Result<AssessmentRecord, { kind: string; message: string }>> {
    const engine = await this.loaded();
    if (!engine) return err({ kind: 'not-enrolled', message: 'This tablet does not share with a department.' });
    return engine.departmentRecord(id);
  }

  // The edit lease and conflict addenda (lease-repository.ts), loaded only once the tablet is enrolled.
  private readonly transport = (): { fetch?: typeof fetch; origin?: string } => ({ ...(this.options.fetch ? { fetch: this.options.fetch } : {}), ...(this.options.origin ? { origin: this.options.origin } : {}) });

  editLease(attendanceId: string, idleLockMinutes: number, beforeRelease?: () => Promise<unknown>): EditLeaseHandle {
    let inner: Promise<EditLeaseHandle | undefined> | undefined;
    const open = () =>
      (inner ??= readEnrolment(this.ctx.db).then(async (enrolment) => (enrolment ? (await import('./lease-repository')).openEditLease(this.ctx, this.transport(), attendanceId, idleLockMinutes, beforeRelease) : undefined)));
    return {
      state: () => ({
        subscribe: (onNext, onError) => {
          let watch: { unsubscribe(): void } | undefined;
          let closed = false;
          void open().then((handle) => {
            if (closed) return;
            if (handle) watch = handle.state().subscribe(onNext, onError);
            else onNext({ status: 'not-shared' });
          }, onError);
          return {
            unsubscribe: () => {
              closed = true;
              watch?.unsubscribe();
            },
          };
        },
      }),
      takeOver: async () => {
        const handle = await open();
        return handle ? handle.takeOver() : err({ kind: 'not-shared', message: 'This tablet does not share with a department.' });
      },
      close: async () => {
        await (await open())?.close();
      },
    };
  }

  async leaseOf(attendanceId: string): Promise<EditLeaseState> {
    if (!(await readEnrolment(this.ctx.db))) return { status: 'not-shared' };
    return (await import('./lease-repository')).leaseOf(this.ctx, this.transport(), attendanceId);
  }

  async continueHere(attendanceId: string, idleLockMinutes: number): Promise<Result<string, { kind: string; message: string; lease?: EditLeaseState }>> {
    if (!(await readEnrolment(this.ctx.db))) return err({ kind: 'not-shared', message: 'This tablet does not share with a department.' });
    const result = await (await import('./lease-repository')).continueAttendance(this.ctx, this.transport(), attendanceId, idleLockMinutes);
    // Pushed at once, so the other tablets learn this tablet has the record now.
    if (result.ok) void this.engine?.syncNow();
    return result;
  }

  conflictAddenda(attendanceId?: string): LiveValue<ConflictAddendumView[]> {
    return {
      subscribe: (onNext, onError) => {
        let watch: { unsubscribe(): void } | undefined;
        let closed = false;
        void readEnrolment(this.ctx.db).then(async (enrolment) => {
          if (!enrolment) {
            onNext([]);
            return;
          }
          const module = await import('./lease-repository');
          if (!closed) watch = module.conflictAddenda(this.ctx, attendanceId).subscribe(onNext, onError);
        }, onError);
        return {
          unsubscribe: () => {
            closed = true;
            watch?.unsubscribe();
          },
        };
      },
    };
  }

  async reconcileConflict(rowId: string): Promise<Result<void, { kind: string; message: string }>> {
    const result = await (await import('./lease-repository')).reconcile(this.ctx, rowId);
    if (result.ok) void this.engine?.syncNow();
    return result;
  }
}
