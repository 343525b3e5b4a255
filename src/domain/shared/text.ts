/**
 * Text helpers shared by the domain: trimming answers, normalising names for look-ups,
 * and limits that keep a stored record and a printed letter sane.
 */

/** Longest free-text answer accepted (characters). A full shift's account fits; a paste of a whole file does not. */
export const MAX_FREE_TEXT = 20_000;
/** Longest short answer (names, phone numbers, references). */
export const MAX_SHORT_TEXT = 500;

/** Name as used in blind indexes: NFKC, lower case, letters and digits only (so "O'Neil-Smith" = "oneilsmith"). */
export function normaliseNameForMatching(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('en-GB')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export const isBlank = (value: string | undefined | null): boolean => !value || value.trim() === '';
