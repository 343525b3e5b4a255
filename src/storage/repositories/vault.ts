/**
 * The vault: the unlocked session held in memory only. It holds the device secret, the
 * keys derived from it and who is signed in. Locking zeroes the secret, drops every key
 * reference and tells listeners, so screens stop rendering patient data at once.
 * Nothing here is ever written to storage.
 */
import type { StaffRef } from '../../domain/assessment/staff-ref';
import type { IsoInstant } from '../../domain/shared/dates';
import type { DeviceKeys } from '../crypto/keys';
import type { LiveValue, LockReason, SessionState, StorageFailure } from './types';
import { messages } from './failures';

export interface Unlocked {
  keys: DeviceKeys;
  staff: StaffRef;
  deviceId: string;
  /** The data secret (the keys above come from it): needed to wrap the secret for a new member of staff; zeroed on lock. */
  secret: Uint8Array;
  /**
   * While a re-key waits for the re-seal job (staff-keys.ts): the new wrapping secret and its
   * key epoch. New wraps hold this one, not `secret`. Zeroed on lock.
   */
  rekey?: { epoch: number; secret: Uint8Array } | undefined;
}

export class Vault {
  private unlocked: Unlocked | undefined;
  private stateValue: SessionState = { status: 'loading' };
  private readonly listeners = new Set<(state: SessionState) => void>();

  current(): SessionState {
    return this.stateValue;
  }

  live(): LiveValue<SessionState> {
    return {
      subscribe: (onNext) => {
        this.listeners.add(onNext);
        onNext(this.stateValue);
        return { unsubscribe: () => this.listeners.delete(onNext) };
      },
    };
  }

  setState(state: SessionState): void {
    this.stateValue = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  /** `recoveryKey`: a recovery key just issued (set-up, a recovery), shown once until {@link recoveryKeyKept}. */
  open(unlocked: Unlocked, at: IsoInstant, mustChangeSecret?: string, recoveryKey?: string): void {
    this.unlocked = unlocked;
    this.setState({
      status: 'unlocked',
      staff: unlocked.staff,
      unlockedAt: at,
      ...(mustChangeSecret ? { mustChangeSecret } : {}),
      ...(recoveryKey ? { recoveryKey } : {}),
    });
  }

  /** The nurse in charge has kept the recovery key shown: it leaves memory and the screen. */
  recoveryKeyKept(): void {
    const state = this.stateValue;
    if (state.status === 'unlocked' && state.recoveryKey !== undefined) {
      const { recoveryKey: _shown, ...rest } = state;
      this.setState(rest);
    }
  }

  /** A re-key made a new wrapping secret (staff-keys.ts): new wraps hold it from now on. */
  rekeyed(rekey: { epoch: number; secret: Uint8Array }): void {
    if (!this.unlocked) return;
    this.unlocked.rekey?.secret.fill(0);
    this.unlocked.rekey = rekey;
  }

  /** The signed-in member of staff changed their PIN or passphrase: nothing more to ask of them. */
  secretChanged(): void {
    const state = this.stateValue;
    if (state.status === 'unlocked' && state.mustChangeSecret !== undefined) {
      const { mustChangeSecret: _asked, ...rest } = state;
      this.setState(rest);
    }
  }

  close(reason: LockReason): void {
    if (this.unlocked) {
      this.unlocked.secret.fill(0);
      this.unlocked.rekey?.secret.fill(0);
    }
    this.unlocked = undefined;
    this.setState({ status: 'locked', reason });
  }

  /** The keys and who is signed in, or a 'locked' failure. */
  require(): { ok: true; value: Unlocked } | { ok: false; error: StorageFailure } {
    return this.unlocked ? { ok: true, value: this.unlocked } : { ok: false, error: { kind: 'locked', message: messages.locked } };
  }

  peek(): Unlocked | undefined {
    return this.unlocked;
  }
}
