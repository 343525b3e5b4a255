/**
 * "Saved on this device at 14:32:05": the line that tells the nurse nothing is lost, and,
 * when a write fails, what happened and that what is on screen is kept.
 *
 * Why it is quiet: the time changes about once a second while someone types, so the line is
 * not a live region (a screen reader would read it out over and over); only a failure is
 * announced, as an alert. It changes once per save (no "Saving…" in between) and its box
 * is contained, so updating it never re-lays-out the long form below it.
 */
import { formatClockTime } from '../../domain/shared/dates';
import type { SaveStatusStore } from './save-status';
import { useSaveState } from './save-status';

export function SaveStatusLine({ store }: { store: SaveStatusStore }) {
  const state = useSaveState(store);
  if (state.kind === 'failed') {
    return (
      <div className="app-save-status app-save-status--failed" role="alert" data-save-state="failed">
        <strong>Not saved yet.</strong> {state.failure.message}
        {state.lastSavedAt ? ` Last saved on this device at ${formatClockTime(state.lastSavedAt)}.` : ''}
      </div>
    );
  }
  const savedAt = state.kind === 'saved' ? state.savedAt : state.kind === 'saving' ? state.lastSavedAt : undefined;
  // data-save-state tells a test (and devtools) whether a write is still under way: the words
  // keep the last save's time while the next one is written.
  return <p className="app-save-status" data-save-state={state.kind}>{savedAt ? `Saved on this device at ${formatClockTime(savedAt)}` : 'Changes are saved on this device as you type'}</p>;
}
