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
import type { LiveValue, SyncRepository } from '../repositories/types';
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
}
