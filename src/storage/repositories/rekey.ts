/**
 * Re-keying the tablet (issue 11: "Removing a member of staff re-keys: a new device secret,
 * every record re-sealed in the background with progress, every remaining wrap remade";
 * Clarification: the nurse in charge re-keys alone, knowing nobody's PIN).
 *
 * `rekeyDevice` makes a new secret for key epoch N+1 and seals it to every remaining member's
 * public key and to the recovery key; it empties every remaining member's wrap (their next
 * unlock opens the new secret with their key pair and wraps it again), and deletes removed
 * members' wraps and key pairs. The old secret is kept sealed under the new one in
 * 'rekey:pending' (staff-keys.ts), and the vault switches at once: every write from now on
 * (the app's writers and the re-seal job) seals, indexes and MACs under the new keys, while
 * the old epoch's keys only open, look up and verify what the job has not moved yet. The
 * re-seal job (reseal.ts) then moves every row in the background and completes the re-key in
 * one transaction (rekey-complete.ts). Other tabs are locked, so none keeps writing under
 * the old keys; each asks for a PIN, which opens the new secret.
 *
 * Removing a member of staff starts it (staff-repository.ts). A removal while a re-key is
 * still pending is queued ('rekey:queued'): the removed member's wrap is already gone, and the
 * tablet re-keys again as soon as the running one completes (`runRekeyJob`). Refused, with
 * words the staff page shows: an account without a key pair yet, or one changed outside the
 * app; and a tablet that shares its records with a department (department re-keying belongs
 * to department sync, issue 14).
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { isSealedKeyPair } from '../crypto/key-pairs';
import { createDeviceSecret, deriveDeviceKeys } from '../crypto/keys';
import { emptiedWrap, holdsSecret } from '../crypto/member-wraps';
import type { StaffRow } from '../db';
import type { StorageContext } from './context';
import { readEnrolment } from '../sync/enrolment-state';
import { retiredStubIndexKeys, STUB_INDEX_KEYS_KEY } from './legacy-stub-keys';
import { toStorageFailure } from './failures';
import { requirePermission } from './permission-gate';
import { LOCK_MESSAGE } from './locks';
import { currentRekeyStatus, publishRekeyStatus } from './rekey-progress';
import { bindStaffRow, checkStaffRow } from './staff-binding';
import { pendingRekeyRow, readPendingRekey, readRecoveryRow, recoveryRowHolds, rekeyedMember, rekeyedRecovery, RECOVERY_KEY_KEY, wrappingEpoch } from './staff-keys';
import type { StorageFailure } from './types';
import type { ResealOptions, ResealResult } from './reseal';
import type { Unlocked } from './vault';

/** meta: a removal happened while a re-key was pending; the tablet re-keys again when it completes. */
export const REKEY_QUEUED_KEY = 'rekey:queued';

export const SHARED_DEPARTMENT_MESSAGE =
  'This tablet shares its records with the department: re-keying the department is not available yet. Remove the member of staff, then ask IT to re-key the department.';

export const REKEY_QUEUED_MESSAGE =
  'The tablet is still re-sealing its records after an earlier removal. It re-keys again for this removal as soon as that finishes; nothing needs doing.';

export interface RekeyOutcome {
  epoch: number;
  /** A re-key was already pending: this one is queued behind it. */
  queued?: true;
}

const forbidden = (message: string): Result<never, StorageFailure> => err({ kind: 'forbidden', message });
const names = (rows: StaffRow[]) => rows.map((row) => row.name).join(', ');

/** Re-keys the tablet (the nurse in charge only); queued while one is pending. Starts nothing in the background: see {@link runRekeyJob}. */
export async function rekeyDevice(ctx: StorageContext): Promise<Result<RekeyOutcome, StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'manage-staff');
  if (!allowed.ok) return allowed;
  try {
    if (await readEnrolment(ctx.db)) return forbidden(SHARED_DEPARTMENT_MESSAGE);
    const pending = await readPendingRekey(ctx.db);
    if (pending) {
      await ctx.db.meta.put({ key: REKEY_QUEUED_KEY, value: { at: ctx.now() } });
      return ok({ epoch: pending.epoch, queued: true });
    }
  } catch (error) {
    return err(toStorageFailure(error));
  }
  return rekeyNow(ctx, allowed.value);
}

async function rekeyNow(ctx: StorageContext, unlocked: Unlocked): Promise<Result<RekeyOutcome, StorageFailure>> {
  const { auditKey } = unlocked.keys;
  const { db } = ctx;
  try {
    const [rows, recovery] = await Promise.all([db.staff.toArray(), readRecoveryRow(db)]);
    const active = rows.filter((row) => row.active === 1);
    // A public key is a clear value: seal the new secret only to keys the binding vouches for,
    // or someone who wrote the database could have swapped in a key of their own.
    const changed: StaffRow[] = [];
    const unreachable: StaffRow[] = [];
    for (const row of active) {
      if ((await checkStaffRow(db, auditKey, row)) !== 'bound') changed.push(row);
      else if (!isSealedKeyPair(row.keyPair)) unreachable.push(row);
    }
    if (changed.length) return forbidden(`These accounts were changed outside the app or have not been checked yet: ${names(changed)}. Remove and add them again, or ask them to unlock once, before re-keying.`);
    if (unreachable.length) return forbidden(`These accounts must unlock once before the tablet can be re-keyed (they have no key pair yet): ${names(unreachable)}.`);
    if (recovery && !(await recoveryRowHolds(auditKey, recovery))) return forbidden('The recovery key was changed outside the app. Issue a new recovery key before re-keying.');

    const epoch = (await wrappingEpoch(db)) + 1;
    const secret = createDeviceSecret();
    const keys = await deriveDeviceKeys(secret);
    const auditFrom = (await db.audit.orderBy('seq').last())?.seq ?? 0;
    const pending = await pendingRekeyRow(unlocked.deviceId, unlocked.secret, keys, unlocked.epoch, epoch, auditFrom, ctx.now());
    // Bound under the NEW audit key: from the switch below, the vault verifies with it first.
    const updated: StaffRow[] = [];
    for (const row of rows) {
      if (row.active === 1 && isSealedKeyPair(row.keyPair)) updated.push(await bindStaffRow(keys.auditKey, { ...row, ...(await rekeyedMember({ ...row, keyPair: row.keyPair }, secret, epoch)) }));
      else if (row.active !== 1 && (row.keyPair !== undefined || row.secretForKey !== undefined || holdsSecret(row.wrapped))) {
        const { keyPair: _keyPair, secretForKey: _secretForKey, ...kept } = row;
        updated.push(await bindStaffRow(keys.auditKey, { ...kept, wrapped: emptiedWrap(row.wrapped) }));
      }
    }
    const recoveryRow = recovery ? await rekeyedRecovery(keys.auditKey, recovery, secret, epoch) : undefined;
    // Stubs from before re-keying cannot be re-indexed: the index key being retired is kept for them (legacy-stub-keys.ts).
    const stubKeys = await retiredStubIndexKeys(db, unlocked, keys);
    // Locking meanwhile zeroed the data secret: what was sealed from it must not be written.
    if (ctx.vault.peek() !== unlocked) {
      secret.fill(0);
      return err({ kind: 'locked', message: 'The app locked before the tablet was re-keyed. Nothing was changed. Unlock and try again.' });
    }
    await db.transaction('rw', db.staff, db.meta, async () => {
      await db.staff.bulkPut(updated);
      await db.meta.put(pending);
      if (recoveryRow) await db.meta.put({ key: RECOVERY_KEY_KEY, value: recoveryRow });
      if (stubKeys) await db.meta.put(stubKeys);
      else await db.meta.delete(STUB_INDEX_KEYS_KEY);
    });
    // From here every write uses the new keys; the old ones only open what the re-seal job has not moved.
    ctx.vault.rekeyed({ epoch, secret, keys });
    // Every other tab locks: none goes on writing under the old keys (their next unlock opens the new secret).
    ctx.sessionChannel?.postMessage(LOCK_MESSAGE);
    publishRekeyStatus(ctx, { kind: 'resealing', done: 0, total: await db.attendances.count() });
    await ctx.audit.append(
      'device-rekeyed',
      'device',
      `Tablet re-keyed to key epoch ${String(epoch)}: a new device secret for ${String(active.length)} account${active.length === 1 ? '' : 's'}${recoveryRow ? ' and the recovery key' : ''}; records are being sealed again in the background`,
    );
    return ok({ epoch });
  } catch (error) {
    return err(toStorageFailure(error));
  }
}

const jobs = new WeakMap<object, Promise<unknown>>();

/** Starts {@link runRekeyJob} in the background (after this tablet's earlier run, if any); the page never waits for it. */
export function startRekeyJob(ctx: StorageContext): Promise<void> {
  const job = (jobs.get(ctx) ?? Promise.resolve()).then(() => runRekeyJob(ctx)).then(() => undefined);
  jobs.set(ctx, job);
  return job;
}

/** Resolves when the re-key job a removal started has finished (tests and benchmarks). */
export function rekeyJobOf(ctx: object): Promise<unknown> {
  return jobs.get(ctx) ?? Promise.resolve();
}

const pauseBriefly = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * Runs the re-seal job until it has nothing left (reseal.ts), completing a pending re-key,
 * then any re-key queued behind it. Never throws; called without being awaited (unlock, a
 * removal). When another run holds the job's lock (this tab's run for the old epoch while it
 * stops, or another tab), waits for it and tries again, so a re-key's job always starts.
 */
export async function runRekeyJob(ctx: StorageContext, options: ResealOptions = {}): Promise<ResealResult | undefined> {
  const { resealRows } = await import('./reseal');
  let last: ResealResult | undefined;
  try {
    for (let attempts = 0; attempts < 1_000; attempts += 1) {
      const unlocked = ctx.vault.peek();
      if (!unlocked) return last;
      last = await resealRows(ctx, options);
      if (last.status === 'busy') {
        // Another run for this tablet: when it stops or finishes, look again (nothing to do if it completed the re-key).
        if (!unlocked.previous && !(await ctx.db.meta.get(REKEY_QUEUED_KEY))) return last;
        await pauseBriefly();
        continue;
      }
      if (last.status === 'stopped') {
        // Locked, or told to stop: the next unlock resumes. Otherwise this tab re-keyed meanwhile: the new target's run goes on.
        if (ctx.vault.peek() !== unlocked || (options.shouldStop?.() ?? false)) return last;
        await pauseBriefly();
        continue;
      }
      if (!(await ctx.db.meta.get(REKEY_QUEUED_KEY))) return last;
      await ctx.db.meta.delete(REKEY_QUEUED_KEY);
      const again = await rekeyNow(ctx, unlocked);
      if (!again.ok) {
        publishRekeyStatus(ctx, { kind: 'waiting', message: `A member of staff was removed while the tablet was re-sealing, and re-keying again was refused: ${again.error.message}` });
        return last;
      }
    }
    return last;
  } catch {
    // The next unlock runs it again: a pending re-key resumes where its job stopped.
    return last;
  }
}

/** What the staff page shows about re-keying (rekey-progress.ts). */
export { currentRekeyStatus };

/**
 * The same re-key on a tablet that shares with a department (issue 14 §8), for
 * storage/sync/department-rekey.ts only, which keeps the department's key ring and the
 * envelope the other tablets take the new secret from. Not queued: that module refuses a
 * second re-key while one is pending.
 */
export async function rekeySharingDevice(ctx: StorageContext): Promise<Result<RekeyOutcome, StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'manage-staff');
  if (!allowed.ok) return allowed;
  return rekeyNow(ctx, allowed.value);
}
