/**
 * The optional hardware-bound factor's part of a member's KEK (issue 11): the authenticator's
 * PRF output for the account's credential and salt, and the account's HKDF salt. Used by
 * unlock, the PIN change and removing the factor; enrolling is in hardware-factor.ts. Kept
 * apart from it so the session repository can use it without an import cycle.
 */
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { fromBase64Url } from '../crypto/encoding';
import type { FactorKey } from '../crypto/member-wraps';
import type { HardwareFactorRow, StaffRow } from '../db';
import type { StorageContext } from './context';

export const FACTOR_MESSAGES = {
  noAnswer:
    "This account also needs this tablet's authenticator (its fingerprint, face or screen lock), and it did not answer or is not the one that was added. Nothing has been opened. Try again, or ask the nurse in charge.",
  notMade: "The tablet's authenticator did not add a key. Nothing has changed. Try again, or carry on with your PIN or passphrase alone.",
  unavailable: 'This tablet has no authenticator the app can use.',
  already: 'You have already added this tablet’s authenticator.',
  none: 'You have not added an authenticator.',
} as const;

function factorSalts(factor: HardwareFactorRow): { credentialId: Uint8Array; prfSalt: Uint8Array; kdfSalt: Uint8Array } | undefined {
  const credentialId = fromBase64Url(factor.credentialId);
  const prfSalt = fromBase64Url(factor.prfSalt);
  const kdfSalt = fromBase64Url(factor.kdfSalt);
  return credentialId && prfSalt && kdfSalt ? { credentialId, prfSalt, kdfSalt } : undefined;
}

/**
 * The factor's part of the KEK for this row: none when it has no factor, 'no-answer' when the
 * authenticator is absent, refuses, or is not given to storage. A different authenticator
 * that does answer gives a different PRF output: the KEK is wrong and the wrap does not open.
 */
export async function factorKeyFor(ctx: StorageContext, row: StaffRow): Promise<Result<FactorKey | undefined, 'no-answer'>> {
  if (row.hardwareFactor === undefined) return ok(undefined);
  const salts = factorSalts(row.hardwareFactor);
  if (!salts || !ctx.authenticator) return err('no-answer');
  const prf = await ctx.authenticator.evaluate(salts.credentialId, salts.prfSalt);
  return prf ? ok({ prf, kdfSalt: salts.kdfSalt }) : err('no-answer');
}

