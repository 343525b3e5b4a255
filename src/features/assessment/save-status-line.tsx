/**
 * "Saved on this device at 14:32:05": the line that tells the nurse nothing is lost, and,
 * when a write fails, what happened and that what is on screen is kept.
 *
 * Why it is quiet: the time changes about once a second while someone types, so the line is
 * not a live region (a screen reader would read it out over and over); only a failure is
 * announced, as an alert. It changes once per save (no "Saving…" in between) and its box
 * is contained, so updating it never re-lays-out the long form below it.
 *
 * Why the saved line is written to the DOM directly: it changes twice a save (a write under
 * way, then its time), and React's commit for even this one line (its scheduling, the
 * focused answer's selection checks, the attribute writes) was about 1 ms a save at 4x CPU
 * slowdown in a profile of ten answers (tests/bench/app.bench.ts, 30 November 2026), at every
 * autosave. React renders the line's element and the failure alert; while the line shows,
 * a store listener writes its words and `data-save-state` (two DOM writes, no render).
 */
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { formatClockTime } from '../../domain/shared/dates';
import type { SaveState, SaveStatusStore } from './save-status';

type Failed = Extract<SaveState, { kind: 'failed' }>;

/** The words of the line while nothing has failed. */
function savedLine(state: Exclude<SaveState, Failed>): string {
  const savedAt = state.kind === 'saved' ? state.savedAt : state.kind === 'saving' ? state.lastSavedAt : undefined;
  return savedAt ? `Saved on this device at ${formatClockTime(savedAt)}` : 'Changes are saved on this device as you type';
}

export function SaveStatusLine({ store }: { store: SaveStatusStore }) {
  // React re-renders only between "failed" and not: the state object is kept until the next set.
  const failed = useSyncExternalStore(
    store.subscribe,
    () => {
      const state = store.get();
      return state.kind === 'failed' ? state : null;
    },
    () => null,
  );
  const line = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const element = line.current;
    if (!element) return undefined;
    const show = () => {
      const state = store.get();
      // A failure is React's to render (the alert replaces this line).
      if (state.kind === 'failed') return;
      const text = savedLine(state);
      if (element.textContent !== text) element.textContent = text;
      // data-save-state tells a test (and devtools) whether a write is still under way: the words
      // keep the last save's time while the next one is written.
      if (element.dataset.saveState !== state.kind) element.dataset.saveState = state.kind;
    };
    show();
    return store.subscribe(show);
  }, [store, failed]);
  if (failed) {
    return (
      <div className="app-save-status app-save-status--failed" role="alert" data-save-state="failed">
        <strong>Not saved yet.</strong> {failed.failure.message}
        {failed.lastSavedAt ? ` Last saved on this device at ${formatClockTime(failed.lastSavedAt)}.` : ''}
      </div>
    );
  }
  return <p className="app-save-status" ref={line} />;
}
