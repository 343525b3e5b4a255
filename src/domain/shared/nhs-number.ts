/**
 * NHS number: normalising, Modulus 11 checking and display.
 * Source: NHS Data Model and Dictionary, "NHS Number" (research/clinical-content.md §8.1).
 * Ranges are deliberately not checked: sources disagree, so only the check digit decides.
 */

/** Strips the spaces and dashes people type ("943 476 5919", "943-476-5919"). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export type NhsNumberProblem = 'not-ten-digits' | 'check-digit-is-ten' | 'check-digit-mismatch';

/**
 * Modulus 11: digits 1–9 weighted 10 down to 2, summed; check = 11 − (sum mod 11);
 * 11 becomes 0; 10 means the number is invalid; otherwise check must equal digit 10.
 */
export function checkNhsNumber(input: string): { ok: true; value: string } | { ok: false; problem: NhsNumberProblem } {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return { ok: false, problem: 'not-ten-digits' };
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return { ok: false, problem: 'check-digit-is-ten' };
  const expected = check === 11 ? 0 : check;
  if (expected !== Number(digits[9])) return { ok: false, problem: 'check-digit-mismatch' };
  return { ok: true, value: digits };
}

export const isValidNhsNumber = (input: string): boolean => checkNhsNumber(input).ok;

/** "9434765919" → "943 476 5919" (the NHS 3-3-4 display format). */
export function formatNhsNumber(digits: string): string {
  const clean = normaliseNhsNumber(digits);
  return /^\d{10}$/.test(clean) ? `${clean.slice(0, 3)} ${clean.slice(3, 6)} ${clean.slice(6)}` : digits;
}
