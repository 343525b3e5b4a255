/**
 * What the staff page shows about re-keying (issue 11: "every record re-sealed in the
 * background with progress"): held in memory per storage context, never stored. The re-seal
 * job publishes how many attendances it has visited; a removal that could not re-key leaves
 * the reason here, in words a nurse in charge can act on.
 */
import type { LiveValue } from './types';

export type RekeyStatus =
  /** Nothing pending. */
  | { kind: 'idle' }
  /** A re-key is pending and the job is moving records: `done` of `total` attendances. */
  | { kind: 'resealing'; done: number; total: number }
  /** Nothing re-keyed yet: why, and what waits (a removal whose re-key was refused, or is queued behind one running). */
  | { kind: 'waiting'; message: string };

interface Store {
  value: RekeyStatus;
  listeners: Set<(value: RekeyStatus) => void>;
}

const stores = new WeakMap<object, Store>();

function storeOf(ctx: object): Store {
  let store = stores.get(ctx);
  if (!store) {
    store = { value: { kind: 'idle' }, listeners: new Set() };
    stores.set(ctx, store);
  }
  return store;
}

export function publishRekeyStatus(ctx: object, value: RekeyStatus): void {
  const store = storeOf(ctx);
  store.value = value;
  for (const listener of [...store.listeners]) listener(value);
}

/** The job's progress while a re-key is pending (reseal.ts). A 'waiting' message stays until a re-key runs. */
export function publishResealProgress(ctx: object, progress: { done: number; total: number }): void {
  publishRekeyStatus(ctx, { kind: 'resealing', ...progress });
}

export function rekeyStatus(ctx: object): LiveValue<RekeyStatus> {
  return {
    subscribe: (onNext) => {
      const store = storeOf(ctx);
      store.listeners.add(onNext);
      onNext(store.value);
      return { unsubscribe: () => store.listeners.delete(onNext) };
    },
  };
}

export function currentRekeyStatus(ctx: object): RekeyStatus {
  return storeOf(ctx).value;
}
