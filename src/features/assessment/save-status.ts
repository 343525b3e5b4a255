/**
 * The save state of the open assessment, as a tiny external store: the "Saved on this
 * device at 14:32:05" line subscribes to it without re-rendering the form it sits under.
 */
import { useSyncExternalStore } from 'react';
import type { StorageFailure } from '../../storage/repositories/types';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving'; lastSavedAt: string | undefined }
  | { kind: 'saved'; savedAt: string }
  | { kind: 'failed'; failure: StorageFailure; lastSavedAt: string | undefined; retryingInSeconds: number };

export class SaveStatusStore {
  private state: SaveState = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();

  get = (): SaveState => this.state;

  set(state: SaveState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  lastSavedAt(): string | undefined {
    const state = this.state;
    if (state.kind === 'saved') return state.savedAt;
    return state.kind === 'idle' ? undefined : state.lastSavedAt;
  }
}

export function useSaveState(store: SaveStatusStore): SaveState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
