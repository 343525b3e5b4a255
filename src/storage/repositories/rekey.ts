/**
 * Re-keying the tablet, as far as the keys go (issue 11: "Removing a member of staff
 * re-keys"; Clarification: the nurse in charge re-keys alone, knowing nobody's PIN).
 *
 * `rekeyDevice` makes a new device secret for the next key epoch and seals it to every
 * remaining member's public key and to the recovery key; it empties every remaining member's
 * wrap (their next unlock opens the new secret with their key pair and wraps it again), and
 * deletes removed members' wraps and key pairs. It does not touch a record: records stay
 * sealed under the data secret, which is kept sealed under the new secret in
 * 'rekey:pending' (staff-keys.ts), so every record still opens, for everyone remaining.
 *
 * The seam with the re-seal job (seal-format owns it; nothing here re-seals): while
 * 'rekey:pending' exists the vault holds the data secret's keys and, in `rekey`, the new
 * secret and epoch. The job re-seals every row from the data keys to keys derived from the
 * new secret with the new epoch, then completes the re-key in one transaction: the device
 * row's key check becomes the pending one, 'key-epoch' the new epoch, 'rekey:pending' is
 * deleted, and the bindings (staff rows, the recovery row, the settings MAC) are made again
 * under the new audit key. SECURITY.md ("Re-keying") lists this for the integrator.
 *
 * Not wired into "remove a member of staff" yet: until the re-seal job moves the records,
 * new records are still sealed under the old data secret, which a removed member who kept a
 * copy of the old database can open; re-keying alone only stops their old wrap at the lock
 * screen (a wrap of a superseded secret is refused).
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { isSealedKeyPair } from '../crypto/key-pairs';
import { createDeviceSecret, deriveDeviceKeys } from '../crypto/keys';
import { emptiedWrap, holdsSecret } from '../crypto/member-wraps';
import type { StaffRow } from '../db';
import type { StorageContext } from './context';
import { toStorageFailure } from './failures';
import { requirePermission } from './permission-gate';
import { bindStaffRow, checkStaffRow } from './staff-binding';
import { pendingRekeyRow, readRecoveryRow, recoveryRowHolds, rekeyedMember, rekeyedRecovery, RECOVERY_KEY_KEY, wrappingEpoch } from './staff-keys';
import type { StorageFailure } from './types';

const forbidden = (message: string): Result<never, StorageFailure> => err({ kind: 'forbidden', message });
const names = (rows: StaffRow[]) => rows.map((row) => row.name).join(', ');

export async function rekeyDevice(ctx: StorageContext): Promise<Result<{ epoch: number }, StorageFailure>> {
  const allowed = requirePermission(ctx.vault, 'manage-staff');
  if (!allowed.ok) return allowed;
  const unlocked = allowed.value;
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
    const pending = await pendingRekeyRow(unlocked.deviceId, unlocked.secret, await deriveDeviceKeys(secret), epoch, ctx.now());
    const updated: StaffRow[] = [];
    for (const row of rows) {
      if (row.active === 1 && isSealedKeyPair(row.keyPair)) updated.push(await bindStaffRow(auditKey, { ...row, ...(await rekeyedMember({ ...row, keyPair: row.keyPair }, secret, epoch)) }));
      else if (row.active !== 1 && (row.keyPair !== undefined || row.secretForKey !== undefined || holdsSecret(row.wrapped))) {
        const { keyPair: _keyPair, secretForKey: _secretForKey, ...kept } = row;
        updated.push(await bindStaffRow(auditKey, { ...kept, wrapped: emptiedWrap(row.wrapped) }));
      }
    }
    const recoveryRow = recovery ? await rekeyedRecovery(auditKey, recovery, secret, epoch) : undefined;
    // Locking meanwhile zeroed the data secret: what was sealed from it must not be written.
    if (ctx.vault.peek() !== unlocked) {
      secret.fill(0);
      return err({ kind: 'locked', message: 'The app locked before the tablet was re-keyed. Nothing was changed. Unlock and try again.' });
    }
    await db.transaction('rw', db.staff, db.meta, async () => {
      await db.staff.bulkPut(updated);
      await db.meta.put(pending);
      if (recoveryRow) await db.meta.put({ key: RECOVERY_KEY_KEY, value: recoveryRow });
    });
    ctx.vault.rekeyed({ epoch, secret });
    await ctx.audit.append(
      'device-rekeyed',
      'device',
      `Tablet re-keyed to key epoch ${String(epoch)}: a new device secret for ${String(active.length)} account${active.length === 1 ? '' : 's'}${recoveryRow ? ' and the recovery key' : ''}; records wait for the re-seal`,
    );
    return ok({ epoch });
  } catch (error) {
    return err(toStorageFailure(error));
  }
}
