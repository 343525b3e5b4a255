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
  /** The keys every write uses: every seal, every keyed index, every MAC. While a re-key is pending, the new epoch's. */
  keys: DeviceKeys;
  /** The key epoch of `keys` (crypto/sealed-row): the tablet's epoch, or while a re-key is pending the new one. */
  epoch: number;
  staff: StaffRef;
  deviceId: string;
  /** The secret `keys` come from, which every member's wrap holds: needed to wrap it for a new member of staff; zeroed on lock. */
  secret: Uint8Array;
  /**
   * While a re-key waits for the re-seal job (staff-keys.ts, reseal.ts): the epoch being left
   * and its keys, which only open, look up and verify what was written before the re-key.
   * Nothing is sealed, indexed or MAC'd with them. Dropped when the re-key completes, and on lock.
   */
  previous?: { epoch: number; keys: DeviceKeys } | undefined;
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

  /**
   * A re-key made a new secret (rekey.ts): from now on every write uses its keys and epoch,
   * and the keys being left only open what the re-seal job has not moved yet. The old
   * secret is zeroed now: nothing needs it once its keys are derived.
   */
  rekeyed(next: { epoch: number; secret: Uint8Array; keys: DeviceKeys }): void {
    const unlocked = this.unlocked;
    if (!unlocked) {
      next.secret.fill(0);
      return;
    }
    unlocked.secret.fill(0);
    unlocked.previous = { epoch: unlocked.epoch, keys: unlocked.keys };
    unlocked.keys = next.keys;
    unlocked.epoch = next.epoch;
    unlocked.secret = next.secret;
  }

  /** The re-key completed (reseal.ts): the old epoch's keys are dropped, so nothing in memory opens the old rows. */
  rekeyCompleted(epoch: number): void {
    if (this.unlocked?.epoch === epoch) this.unlocked.previous = undefined;
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
      this.unlocked.previous = undefined;
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

/**
 * The audit keys a stored MAC may be under: the current one, and while a re-key is pending
 * the old epoch's too (what was MAC'd before the re-key, until the re-seal job has moved it).
 * Every new MAC uses `keys.auditKey` alone.
 */
export const verifyingKeys = (unlocked: Pick<Unlocked, 'keys' | 'previous'>): CryptoKey | CryptoKey[] =>
  unlocked.previous ? [unlocked.keys.auditKey, unlocked.previous.keys.auditKey] : unlocked.keys.auditKey;

/**
 * The keys a look-up by keyed hash asks with (blind indexes, letter identities, draft keys):
 * the current epoch's, and while a re-key is pending the old epoch's too, so a row the re-seal
 * job has not reached yet is still found. Rows are written under the first only.
 */
export const lookupKeys = (unlocked: Pick<Unlocked, 'keys' | 'previous'>): DeviceKeys[] => (unlocked.previous ? [unlocked.keys, unlocked.previous.keys] : [unlocked.keys]);
