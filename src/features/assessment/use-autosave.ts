/**
 * Autosave: whatever is on screen, valid or not, is written to the device within one
 * second of a change (PRODUCT.md section 2.2), and at once when the page is hidden, the
 * app locks, or the nurse navigates away.
 *
 * How: a change schedules a save 300 ms after typing pauses, but never later than 800 ms
 * after the first unsaved change, leaving headroom for the write itself. Changes are
 * observed with react-hook-form's watch callback, which does not re-render the form, so
 * typing costs no React work (the typing budget is 1.15× a plain HTML field). A failed
 * write keeps the values on screen and in memory and retries with growing gaps.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { Result } from '../../domain/shared/result';
import { useRepositories } from '../../storage/repositories/react';
import type { SaveReceipt, StorageFailure } from '../../storage/repositories/types';
import type { SaveStatusStore } from './save-status';

export const AUTOSAVE_IDLE_MS = 300;
export const AUTOSAVE_MAX_WAIT_MS = 800;
const RETRY_SECONDS = [2, 5, 10, 30];

export interface Autosave {
  /** Writes any pending change now. */
  flush: () => Promise<void>;
  /** Marks the form as changed (for changes made outside react-hook-form's watch, such as focus moves). */
  touch: () => void;
}

export function useAutosave<T extends FieldValues>(
  form: UseFormReturn<T>,
  save: (values: T) => Promise<Result<SaveReceipt, StorageFailure>>,
  status: SaveStatusStore,
  enabled = true,
): Autosave {
  const { session } = useRepositories();
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });
  const runRef = useRef<() => Promise<void>>(() => Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** When the pending timer fires (performance.now() ms: a clock that setting the tablet's time cannot move). */
  const timerDueAt = useRef<number | undefined>(undefined);
  const firstPendingAt = useRef<number | undefined>(undefined);
  const dirty = useRef(false);
  const running = useRef<Promise<void> | undefined>(undefined);
  const failures = useRef(0);

  const run = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    firstPendingAt.current = undefined;
    if (!dirty.current) return running.current;
    dirty.current = false;
    const previous = running.current;
    const task = (async () => {
      await previous;
      status.set({ kind: 'saving', lastSavedAt: status.lastSavedAt() });
      const result = await saveRef.current(form.getValues());
      if (result.ok) {
        failures.current = 0;
        status.set({ kind: 'saved', savedAt: result.value.savedAt });
        return;
      }
      // Keep trying: the values are still in the form and in memory.
      dirty.current = true;
      const wait = RETRY_SECONDS[Math.min(failures.current, RETRY_SECONDS.length - 1)] ?? 30;
      failures.current += 1;
      status.set({ kind: 'failed', failure: result.error, retryingInSeconds: wait, lastSavedAt: status.lastSavedAt() });
      if (result.error.kind !== 'locked' && result.error.kind !== 'forbidden' && result.error.kind !== 'stale') {
        timer.current = setTimeout(() => void runRef.current(), wait * 1000);
        timerDueAt.current = performance.now() + wait * 1000;
      }
    })();
    running.current = task;
    return task;
  }, [form, status]);
  useLayoutEffect(() => {
    runRef.current = run;
  }, [run]);

  // A change does not reset a timer each time: it notes when it happened, and the timer,
  // armed for the earliest moment a save can be due, arms itself again for the rest when
  // typing went on meanwhile. Clearing and setting a timer at every keystroke or tap was
  // about 0.5 ms a change at 4x CPU slowdown in a profile of ten answers
  // (tests/bench/app.bench.ts, 30 November 2026); this is one timer a pause.
  const lastChangeAt = useRef(0);
  const dueFor = () => Math.min(lastChangeAt.current + AUTOSAVE_IDLE_MS, (firstPendingAt.current ?? lastChangeAt.current) + AUTOSAVE_MAX_WAIT_MS);
  const fire = useRef<() => void>(() => undefined);
  useLayoutEffect(() => {
    fire.current = () => {
      timer.current = undefined;
      const wait = dueFor() - performance.now();
      if (dirty.current && wait > 0) {
        timer.current = setTimeout(() => fire.current(), wait);
        timerDueAt.current = performance.now() + wait;
        return;
      }
      void runRef.current();
    };
  });

  const touch = useCallback(() => {
    if (!enabled) return;
    dirty.current = true;
    const now = performance.now();
    firstPendingAt.current ??= now;
    lastChangeAt.current = now;
    const due = dueFor();
    // A timer already due no later (the usual case while typing) is left as it is; a retry further off gives way to this change.
    if (timer.current !== undefined && (timerDueAt.current ?? Infinity) <= due) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => fire.current(), Math.max(0, due - now));
    timerDueAt.current = due;
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return undefined;
    const subscription = form.watch(() => {
      touch();
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') void run();
    };
    const onPageHide = () => void run();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    const unregister = session.beforeLock(run);
    return () => {
      subscription.unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      unregister();
      // Leaving the page (in-app navigation) writes what is pending straight away.
      void run();
    };
  }, [enabled, form, run, session, touch]);

  return { flush: run, touch };
}
