/**
 * What a PIN or passphrase must be (PRODUCT.md section 7; issue 11): one rule set, used by
 * the forms (staff-account.ts) and by storage where the key is wrapped, so a script that
 * calls storage directly cannot set a weaker secret than the form allows.
 *
 * - A PIN is digits only, at least 6 of them (MIN_PIN_DIGITS), and not one that attackers
 *   try first: all one digit, a straight run up or down (123456, 987654), or a date as
 *   DDMMYY or DDMMYYYY (a birthday is the commonest "memorable" PIN: Bonneau, Preibusch and
 *   Anderson, "A birthday present every eleven wallets? The security of customer-chosen
 *   banking PINs", Financial Cryptography 2012).
 * - A passphrase is at least 12 characters (MIN_PASSPHRASE_LENGTH).
 * - The nurse in charge unlocks with a passphrase, never a PIN (issue 11): their account adds
 *   staff and issues the recovery key, and a 6-digit PIN falls to an offline guess in
 *   minutes on a graphics card once the tablet's files are copied (SECURITY.md).
 *
 * Pure: no clock, no I/O.
 */
import type { StaffRole } from '../assessment/staff-ref';

export const MIN_PIN_DIGITS = 6;
export const MIN_PASSPHRASE_LENGTH = 12;

/** All one digit, or a straight run up or down (wrapping 9 to 0, as keypads are often read). */
export function isRepeatOrRun(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const ascending = '01234567890123456789';
  const descending = '98765432109876543210';
  return ascending.includes(pin) || descending.includes(pin);
}

const isDayMonth = (day: number, month: number) => day >= 1 && day <= 31 && month >= 1 && month <= 12;

/** A date written as DDMMYY (6 digits) or DDMMYYYY (8 digits, years 1900 to 2099). */
export function isDateLikePin(pin: string): boolean {
  if (!/^\d+$/.test(pin)) return false;
  const day = Number(pin.slice(0, 2));
  const month = Number(pin.slice(2, 4));
  if (pin.length === 6) return isDayMonth(day, month);
  if (pin.length === 8) {
    const year = Number(pin.slice(4));
    return isDayMonth(day, month) && year >= 1900 && year <= 2099;
  }
  return false;
}

/** Why this secret is refused, in the words the form shows; undefined when it may be used. */
export function secretProblem(kind: 'pin' | 'passphrase', secret: string): string | undefined {
  if (kind === 'passphrase') return secret.length < MIN_PASSPHRASE_LENGTH ? `Passphrase must be at least ${String(MIN_PASSPHRASE_LENGTH)} characters` : undefined;
  if (!/^\d+$/.test(secret)) return `Enter a PIN of at least ${String(MIN_PIN_DIGITS)} numbers`;
  if (secret.length < MIN_PIN_DIGITS) return `PIN must be at least ${String(MIN_PIN_DIGITS)} numbers`;
  if (isRepeatOrRun(secret)) return 'Choose a PIN that is harder to guess: not all the same number or a run like 123456';
  if (isDateLikePin(secret)) return 'Choose a PIN that is not a date, such as a birthday (DDMMYY or DDMMYYYY)';
  return undefined;
}

export const NURSE_IN_CHARGE_NEEDS_PASSPHRASE = 'The nurse in charge must unlock with a passphrase, not a PIN: select Passphrase';

/** {@link secretProblem} for an account with this role: the nurse in charge must use a passphrase. */
export function secretProblemForRole(role: StaffRole | '', kind: 'pin' | 'passphrase', secret: string): string | undefined {
  if (role === 'nurse-in-charge' && kind !== 'passphrase') return NURSE_IN_CHARGE_NEEDS_PASSPHRASE;
  return secretProblem(kind, secret);
}
