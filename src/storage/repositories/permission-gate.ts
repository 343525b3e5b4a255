/**
 * Role checks at the storage boundary (PRODUCT.md section 7: roles are enforced by storage,
 * not only hidden in the interface). Every act limited by domain/settings/permissions.ts goes
 * through here, so a screen that forgot to hide a button, or a script typed into the console,
 * still gets a 'forbidden' failure and never the data.
 */
import { liveQuery } from 'dexie';
import { refusalMessage } from '../../domain/settings/permissions';
import { may } from '../../domain/settings/permissions';
import type { Permission } from '../../domain/settings/permissions';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { LiveValue, StorageFailure } from './types';
import type { Unlocked, Vault } from './vault';

export function forbidden(permission: Permission): StorageFailure {
  return { kind: 'forbidden', message: refusalMessage(permission) };
}

/** The unlocked session if its role may do this; 'locked' or 'forbidden' otherwise. */
export function requirePermission(vault: Vault, permission: Permission): Result<Unlocked, StorageFailure> {
  const unlocked = vault.require();
  if (!unlocked.ok) return unlocked;
  if (!may(unlocked.value.staff.role, permission)) return err(forbidden(permission));
  return unlocked;
}

/**
 * A live query that runs only while someone allowed is signed in. It follows the session:
 * on lock, or when someone else unlocks, the query stops and the refusal is sent instead,
 * so a list left open never outlives the right to see it.
 */
export function permittedLive<T>(vault: Vault, permission: Permission, query: () => Promise<T>): LiveValue<Result<T, StorageFailure>> {
  return {
    subscribe(onNext, onError) {
      let inner: { unsubscribe(): void } | undefined;
      const session = vault.live().subscribe(() => {
        inner?.unsubscribe();
        inner = undefined;
        const allowed = requirePermission(vault, permission);
        if (!allowed.ok) {
          onNext(allowed);
          return;
        }
        inner = liveQuery(query).subscribe({ next: (value) => onNext(ok(value)), error: (error: unknown) => onError?.(error) });
      });
      return {
        unsubscribe() {
          session.unsubscribe();
          inner?.unsubscribe();
        },
      };
    },
  };
}
