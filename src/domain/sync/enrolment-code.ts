/**
 * The one-time enrolment code a new tablet types to join a department (issue 14; design:
 * docs/design/department-sync.md §3). Pure: the random bytes come from storage/crypto, the
 * time from the caller.
 *
 * Owns: writing 80 random bits as 16 Crockford base-32 characters in four groups of four
 * (`7KQ2-M9XD-4TNC-HW3B`), reading a typed code back to its bytes (forgiving case, spaces,
 * hyphens, and the letters people read as digits: I and L as 1, O as 0, as Crockford's
 * alphabet intends, https://www.crockford.com/base32.html), and the countdown words.
 *
 * Why 80 bits: the server stores the SHA-256 of a token derived from the code and the package
 * sealed under a key derived from it, so a copy of its database could be guessed offline;
 * 2^80 derivations are out of reach. Online guessing is bounded by the 10-minute expiry,
 * single use and the claim rate limit (design §3, §7).
 */
import { err, ok } from '../shared/result';
import type { Result } from '../shared/result';

/** 80 bits. */
export const ENROLMENT_CODE_BYTES = 10;
/** 16 characters of 5 bits. */
export const ENROLMENT_CODE_LENGTH = 16;
/** How long a code works: the server sets the same (server/src/store.ts, ENROLMENT_LIFETIME_MS). */
export const ENROLMENT_CODE_LIFETIME_MINUTES = 10;

/** Crockford's base-32 alphabet: digits and letters without I, L, O and U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Letters read as the digits they look like (Crockford: "i" and "l" as 1, "o" as 0). */
const READ_AS: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' };

/** The code for `bytes` (exactly 10), as `XXXX-XXXX-XXXX-XXXX`. */
export function formatEnrolmentCode(bytes: Uint8Array): string {
  if (bytes.length !== ENROLMENT_CODE_BYTES) throw new RangeError(`An enrolment code is made from ${String(ENROLMENT_CODE_BYTES)} bytes.`);
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET.charAt((buffer >> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  return [0, 4, 8, 12].map((start) => text.slice(start, start + 4)).join('-');
}

export type EnrolmentCodeProblem = 'empty' | 'wrong-length' | 'not-a-code-character';

export const enrolmentCodeProblemWords: Readonly<Record<EnrolmentCodeProblem, string>> = {
  empty: "Enter the enrolment code shown on the nurse in charge's tablet",
  'wrong-length': 'The enrolment code has 16 letters and numbers, in four groups of four',
  'not-a-code-character': 'The enrolment code has only the numbers 0 to 9 and letters other than U: check it against the code shown',
};

/** The bytes of a typed code, forgiving case, spaces, hyphens, I/L for 1 and O for 0. */
export function parseEnrolmentCode(typed: string): Result<Uint8Array, EnrolmentCodeProblem> {
  const compact = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (compact === '') return err('empty');
  const normalised = compact.replace(/[ILO]/g, (character) => READ_AS[character] ?? character);
  if (!/^[0-9A-HJKMNP-TV-Z]*$/.test(normalised)) return err('not-a-code-character');
  if (normalised.length !== ENROLMENT_CODE_LENGTH) return err('wrong-length');
  const bytes = new Uint8Array(ENROLMENT_CODE_BYTES);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let position = 0; position < normalised.length; position += 1) {
    buffer = (buffer << 5) | ALPHABET.indexOf(normalised.charAt(position));
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index] = (buffer >> bits) & 255;
      index += 1;
      buffer &= (1 << bits) - 1;
    }
  }
  return ok(bytes);
}

/**
 * Minutes left, rounded up (a code with 30 seconds left still "works for 1 more minute"), and
 * never more than a code's lifetime: the server sets the expiry by its own clock, and a tablet
 * whose clock is behind must not promise more than the 10 minutes a code has.
 */
export function minutesLeft(expiresAt: string, now: Date): number {
  const remaining = Date.parse(expiresAt) - now.getTime();
  return remaining > 0 ? Math.min(Math.ceil(remaining / 60_000), ENROLMENT_CODE_LIFETIME_MINUTES) : 0;
}

/** The countdown under the code: "This code works for 9 more minutes", then "This code has expired". */
export function enrolmentCodeCountdown(expiresAt: string, now: Date): string {
  const minutes = minutesLeft(expiresAt, now);
  if (minutes === 0) return 'This code has expired';
  return `This code works for ${String(minutes)} more ${minutes === 1 ? 'minute' : 'minutes'}`;
}
