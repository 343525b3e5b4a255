/**
 * "Recover with the recovery key" (issue 11 Clarification: a nurse in charge's lost
 * passphrase must not lock a department out). From the lock screen, the recovery key the
 * trust keeps opens the device secret (staff-keys.ts) and sets a new passphrase for a nurse
 * in charge's account; nobody else's. The key is then used up: a new one is issued and shown
 * once, because the old one has been typed on this tablet. Every use, and every refusal, is
 * an audit event (refusals are written without a key, like failed unlocks, and sealed into
 * the chain at the next unlock).
 */
import type { StaffRef } from '../../domain/assessment/staff-ref';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { StorageContext } from './context';
import type { StaffRow } from '../db';
import { bindStaffRow, checkStaffRow } from './staff-binding';
import { makeMemberKeys, newRecoveryKey, openWithRecoveryKey, readRecoveryRow, recoveryRowHolds, resolveSecrets, RECOVERY_KEY_KEY, wrappingEpoch } from './staff-keys';
import { verifyingKeys } from './vault';
import type { RecoveryFailure } from './types';

export const RECOVERY_MESSAGES = {
  noAccount: 'This account cannot be recovered on this tablet.',
  noKey: 'This tablet has no recovery key. Ask another nurse in charge to set your passphrase, or the trust to set the tablet up again.',
  malformed: 'A recovery key is 32 letters and numbers, printed in 8 groups of 4. Check it and type it again.',
  wrongKey: "That is not this tablet's recovery key, or it has been replaced by a newer one. Nothing has been opened.",
  notNurseInCharge: 'The recovery key sets a new passphrase for a nurse in charge only. Ask the nurse in charge to set yours.',
  changed: 'The recovery key or this account was changed outside the app, so it cannot be used. Nothing has been opened.',
} as const;

const refused = (message: string): Result<never, RecoveryFailure> => err({ kind: 'refused', message });

/** `session`: what the session repository does for every unlock (passed in: it imports this module). */
export async function recoverWithKey(
  ctx: StorageContext,
  input: { staffId: string; recoveryKey: string; passphrase: string },
  session: { staffRef: (row: StaffRow) => StaffRef; afterUnlock: (staff: StaffRef) => Promise<void> },
): Promise<Result<StaffRef, RecoveryFailure>> {
  const { db, audit } = ctx;
  const at = ctx.now();
  const [device, row, recovery] = await Promise.all([db.device.get('device'), db.staff.get(input.staffId), readRecoveryRow(db)]);
  if (!device || row?.active !== 1) return refused(RECOVERY_MESSAGES.noAccount);
  if (!recovery) return refused(RECOVERY_MESSAGES.noKey);
  const opened = await openWithRecoveryKey(recovery, input.recoveryKey);
  if (!opened.ok) {
    await audit.append('unlock-failed', row.id, opened.error === 'malformed' ? 'Recovery refused: not a recovery key' : 'Recovery refused: wrong or replaced recovery key', null);
    return refused(opened.error === 'malformed' ? RECOVERY_MESSAGES.malformed : RECOVERY_MESSAGES.wrongKey);
  }
  const resolved = await resolveSecrets(db, device, opened.value);
  if (!resolved.ok) {
    opened.value.fill(0);
    await audit.append('unlock-failed', row.id, 'Recovery refused: a recovery key from before the tablet was re-keyed, or of another tablet', null);
    return refused(RECOVERY_MESSAGES.wrongKey);
  }
  const { keys, secret: held, epoch: keyEpoch, previous } = resolved.value;
  const forget = () => {
    held.fill(0);
  };
  // The recovery row and the account are clear values: believed only when their bindings hold.
  const verifying = verifyingKeys({ keys, previous });
  if (!(await recoveryRowHolds(verifying, recovery)) || (await checkStaffRow(db, verifying, row)) === 'changed') {
    forget();
    await audit.append('unlock-failed', row.id, 'Recovery refused: the recovery key or the account was changed outside the app', null);
    return refused(RECOVERY_MESSAGES.changed);
  }
  if (row.role !== 'nurse-in-charge') {
    forget();
    await audit.append('unlock-failed', row.id, 'Recovery refused: not a nurse in charge', null);
    return refused(RECOVERY_MESSAGES.notNurseInCharge);
  }
  const epoch = await wrappingEpoch(db);
  const memberKeys = await makeMemberKeys(row.id, input.passphrase, opened.value, epoch);
  const next = await newRecoveryKey(keys.auditKey, opened.value, epoch, ctx.newId(), row.id, at);
  // The recovery key does not need the authenticator: the new wraps are the passphrase's alone, so the factor goes (audited below).
  const { hardwareFactor, ...withoutFactor } = row;
  const bound = await bindStaffRow(keys.auditKey, { ...withoutFactor, ...memberKeys, secretKind: 'passphrase', failedAttempts: 0, retryAfter: '' });
  await db.transaction('rw', db.staff, db.meta, async () => {
    await db.staff.put(bound);
    await db.meta.put({ key: RECOVERY_KEY_KEY, value: next.row });
  });
  const staff = session.staffRef(row);
  ctx.vault.open({ keys, epoch: keyEpoch, staff, deviceId: device.deviceId, secret: held, previous }, at, undefined, next.text);
  await audit.append('recovery-key-used', row.id, 'New passphrase set with the recovery key; a new recovery key was issued and the used one no longer works');
  if (hardwareFactor) await audit.append('hardware-factor-removed', row.id, 'Authenticator removed by the recovery: add it again from your account');
  await session.afterUnlock(staff);
  return ok(staff);
}
