/**
 * The CSE screen's threshold for "other indicators" (PRODUCT.md 4.6; issue 9: "the other
 * indicators counted against a threshold set in settings").
 *
 * Owns: the default, the range the settings page accepts, and reading the number recorded
 * with the screen's answers. Kept apart from cse.ts (and free of zod) so the settings schema,
 * which loads with the first screen, does not pull in the whole screen.
 *
 * Why the threshold is recorded with the answers: the outcome the nurse was shown must read
 * the same in Check answers, the letters and the oversight summary after the nurse in charge
 * changes the setting, so every reader takes the number from the record, never from today's
 * settings (the screen's page stamps the setting into the record whenever an answer changes).
 */

/**
 * Default number of other indicators that together prompt a discussion. Research §3.2 says
 * "several together"; no source gives a number (research §11 item 5), so 3 ("several" = more
 * than two) is a product default the trust sets in settings. Evidence U.
 */
export const DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD = 3;

/** At least one: a threshold of 0 would prompt a discussion for every young person. */
export const MIN_CSE_OTHER_INDICATOR_THRESHOLD = 1;

/**
 * At most the number of other indicators on the screen (13, cse.ts cseOtherIndicators; pinned
 * by cse-threshold.test.ts): a higher number could never be reached, silently switching the
 * prompt off.
 */
export const MAX_CSE_OTHER_INDICATOR_THRESHOLD = 13;

/** A threshold as typed or recorded: a whole number in range, or undefined. */
export function readCseThreshold(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= MIN_CSE_OTHER_INDICATOR_THRESHOLD && value <= MAX_CSE_OTHER_INDICATOR_THRESHOLD ? value : undefined;
}

/** The threshold recorded with the answers, or the default when none (or a damaged one) is recorded. */
export const recordedCseThreshold = (draft: { otherThreshold: string }): number => readCseThreshold(draft.otherThreshold) ?? DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD;
