/**
 * The optional hardware-bound factor (issue 11 Clarification): a member of staff may add the
 * tablet's platform authenticator (WebAuthn PRF) to their PIN or passphrase. Once added,
 * their wrap and key pair are sealed under a KEK made from both (crypto/hardware-kek.ts), so
 * a copied profile plus a guessed PIN opens nothing; the lock screen asks for the PIN and the
 * authenticator. The recovery key does not need it (a nurse in charge's recovery replaces the
 * wraps with passphrase-only ones and drops the factor: recovery.ts).
 *
 * Owns: whether the factor can be offered, enrolling and removing it (each needs the current
 * PIN or passphrase, checked and throttled like an unlock, and removing also needs the
 * authenticator), and the factor's part of the KEK for unlock and PIN changes. Every enrol,
 * removal and refusal is an audit event. The credential id and salts are in the staff row,
 * covered by its binding MAC (staff-binding.ts covers every field but the wrap and throttle).
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { toBase64Url } from '../crypto/encoding';
import { newFactorSalt } from '../crypto/hardware-kek';
import type { FactorKey } from '../crypto/member-wraps';
import type { HardwareFactorRow, StaffRow } from '../db';
import type { StorageContext } from './context';
import { messages, toStorageFailure } from './failures';
import { FACTOR_MESSAGES, factorKeyFor } from './hardware-factor-key';
import { FREE_ATTEMPTS, throttleDelayMs } from './session-repository';
import { bindStaffRow } from './staff-binding';
import { makeMemberKeys, openMember, wrappingEpoch } from './staff-keys';
import type { OpenedMember } from './staff-keys';
import type { StorageFailure, UnlockFailure } from './types';

const lockedFailure = (): StorageFailure => ({ kind: 'locked', message: messages.locked });

/** Feature detection: true when the tablet offers a platform authenticator with PRF. */
export async function hardwareFactorAvailable(ctx: StorageContext): Promise<boolean> {
  return (await ctx.authenticator?.available()) ?? false;
}

type Checked = { row: StaffRow; opened: OpenedMember } | StorageFailure | UnlockFailure;

/**
 * The signed-in member's current PIN or passphrase (and factor, when given) checked like an
 * unlock: the attempt counted before the slow check, in one transaction with the throttle.
 */
async function countedCheck(ctx: StorageContext, row: StaffRow, secret: string, factor: FactorKey | undefined, failedEvent: string): Promise<Checked> {
  const { db } = ctx;
  const at = ctx.now();
  let counted: { failures: number; retryAfter: string } | UnlockFailure;
  try {
    counted = await db.transaction('rw', db.staff, async (): Promise<typeof counted> => {
      const fresh = await db.staff.get(row.id);
      if (fresh?.retryAfter && fresh.retryAfter > at) return { kind: 'throttled', retryAfter: fresh.retryAfter };
      const failures = (fresh?.failedAttempts ?? 0) + 1;
      const delay = throttleDelayMs(failures);
      const retryAfter = delay ? new Date(Date.parse(at) + delay).toISOString() : '';
      await db.staff.update(row.id, { failedAttempts: failures, retryAfter });
      return { failures, retryAfter };
    });
  } catch (error) {
    return toStorageFailure(error);
  }
  if ('kind' in counted) return counted;
  const opened = await openMember(row, secret, factor);
  if (!opened.ok) {
    await ctx.audit.append('pin-change-failed', row.id, `${failedEvent} (attempt ${String(counted.failures)})`);
    return counted.retryAfter ? { kind: 'throttled', retryAfter: counted.retryAfter } : { kind: 'wrong-secret', attemptsLeftBeforeDelay: Math.max(0, FREE_ATTEMPTS - counted.failures) };
  }
  await db.staff.update(row.id, { failedAttempts: 0, retryAfter: '' });
  return { row, opened: opened.value };
}

async function signedInRow(ctx: StorageContext): Promise<Result<{ row: StaffRow; auditKey: CryptoKey; unlocked: object }, StorageFailure>> {
  const unlocked = ctx.vault.require();
  if (!unlocked.ok) return unlocked;
  const row = await ctx.db.staff.get(unlocked.value.staff.id);
  if (!row) return err({ kind: 'not-found', message: 'Your account was not found on this tablet.' });
  return ok({ row, auditKey: unlocked.value.keys.auditKey, unlocked: unlocked.value });
}

/** New wraps for the same PIN, with or without the factor, bound again with the factor field set or removed. */
async function rewrap(ctx: StorageContext, checked: { row: StaffRow; opened: OpenedMember }, secret: string, auditKey: CryptoKey, unlocked: object, factor: { key: FactorKey; row: HardwareFactorRow } | undefined): Promise<Result<void, StorageFailure>> {
  const { row, opened } = checked;
  try {
    const memberKeys = await makeMemberKeys(row.id, secret, opened.secret, await wrappingEpoch(ctx.db), factor?.key);
    if (ctx.vault.peek() !== unlocked) return err(lockedFailure());
    const { hardwareFactor: _old, ...rest } = row;
    const next: StaffRow = factor ? { ...rest, ...memberKeys, hardwareFactor: factor.row } : { ...rest, ...memberKeys };
    const bound = await bindStaffRow(auditKey, { ...next, failedAttempts: 0, retryAfter: '' });
    await ctx.db.staff.put(bound);
    return ok(undefined);
  } catch (error) {
    return err(toStorageFailure(error));
  } finally {
    opened.secret.fill(0);
  }
}

/**
 * Adds the tablet's authenticator to the signed-in member's PIN or passphrase: checks the
 * current one, makes a credential, asks it for its PRF output and seals the wraps again under
 * both. Audited.
 */
export async function enrolHardwareFactor(ctx: StorageContext, currentSecret: string): Promise<Result<void, StorageFailure | UnlockFailure>> {
  const signedIn = await signedInRow(ctx);
  if (!signedIn.ok) return signedIn;
  const { row, auditKey, unlocked } = signedIn.value;
  if (row.hardwareFactor !== undefined) return err({ kind: 'forbidden', message: FACTOR_MESSAGES.already });
  const authenticator = ctx.authenticator;
  if (!authenticator || !(await authenticator.available())) return err({ kind: 'forbidden', message: FACTOR_MESSAGES.unavailable });
  const checked = await countedCheck(ctx, row, currentSecret, undefined, 'Wrong PIN or passphrase when adding the authenticator');
  if (!('row' in checked)) return err(checked);
  const credentialId = await authenticator.enrol({ id: row.id, name: row.name });
  const prfSalt = newFactorSalt();
  const prf = credentialId ? await authenticator.evaluate(credentialId, prfSalt) : undefined;
  if (!credentialId || !prf) {
    checked.opened.secret.fill(0);
    await ctx.audit.append('hardware-factor-failed', row.id, 'The authenticator did not add a key');
    return err({ kind: 'forbidden', message: FACTOR_MESSAGES.notMade });
  }
  const kdfSalt = newFactorSalt();
  const factorRow: HardwareFactorRow = { credentialId: toBase64Url(credentialId), prfSalt: toBase64Url(prfSalt), kdfSalt: toBase64Url(kdfSalt), enrolledAt: ctx.now() };
  const written = await rewrap(ctx, checked, currentSecret, auditKey, unlocked, { key: { prf, kdfSalt }, row: factorRow });
  prf.fill(0);
  if (!written.ok) return written;
  await ctx.audit.append('hardware-factor-enrolled', row.id, 'Authenticator added: unlocking now needs the PIN or passphrase and the authenticator');
  return ok(undefined);
}

/** Removes the factor: needs the current PIN or passphrase AND the authenticator. Audited, refusals too. */
export async function removeHardwareFactor(ctx: StorageContext, currentSecret: string): Promise<Result<void, StorageFailure | UnlockFailure>> {
  const signedIn = await signedInRow(ctx);
  if (!signedIn.ok) return signedIn;
  const { row, auditKey, unlocked } = signedIn.value;
  if (row.hardwareFactor === undefined) return err({ kind: 'forbidden', message: FACTOR_MESSAGES.none });
  const factor = await factorKeyFor(ctx, row);
  if (!factor.ok) {
    await ctx.audit.append('hardware-factor-failed', row.id, 'Removal refused: the authenticator did not answer');
    return err({ kind: 'no-key', message: FACTOR_MESSAGES.noAnswer });
  }
  const checked = await countedCheck(ctx, row, currentSecret, factor.value, 'Wrong PIN or passphrase, or authenticator, when removing the authenticator');
  factor.value?.prf.fill(0);
  if (!('row' in checked)) return err(checked);
  const written = await rewrap(ctx, checked, currentSecret, auditKey, unlocked, undefined);
  if (!written.ok) return written;
  await ctx.audit.append('hardware-factor-removed', row.id, 'Authenticator removed: unlocking needs the PIN or passphrase alone');
  return ok(undefined);
}
