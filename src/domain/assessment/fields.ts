/**
 * Building blocks for section drafts.
 *
 * A draft holds whatever is on screen, valid or not (autosave is separate from validation),
 * so every field parses leniently: a missing or malformed stored value becomes the empty
 * answer instead of failing the whole record. Requiredness and formats are checked by each
 * section's validate function, never by these schemas. Text is never truncated here: a
 * too-long answer is reported on Continue, not silently cut.
 */
import * as z from 'zod/mini';

export const textField = () => z.catch(z.string(), '');

export const flagField = () => z.catch(z.boolean(), false);

/** A single choice from a fixed list, or '' when not yet answered. */
export const choiceField = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.catch(z.enum(['', ...values] as unknown as readonly ['', ...T]), '' as const);

/** Several choices from a fixed list (checkboxes); unknown values are dropped. */
export const choicesField = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.catch(z.array(z.unknown()), []),
    z.transform((items: unknown[]) => items.filter((item): item is T[number] => typeof item === 'string' && (values as readonly string[]).includes(item))),
  );

export const datePartsField = () =>
  z.catch(z.object({ day: textField(), month: textField(), year: textField() }), { day: '', month: '', year: '' });

export const listField = <T extends z.ZodMiniType>(item: T) => z.catch(z.array(item), []);

/** An answer option as shown on screen: canonical wording from PRODUCT.md. */
export interface AnswerOption<V extends string = string> {
  value: V;
  label: string;
  hint?: string;
}

/** The label for an option value, or '' if the value is not in the list. */
export function optionLabel<V extends string>(options: readonly AnswerOption<V>[], value: string): string {
  return options.find((option) => option.value === value)?.label ?? '';
}

/** Turns an options list into the tuple of its values, for choiceField. */
export function optionValues<const V extends string>(options: readonly [AnswerOption<V>, ...AnswerOption<V>[]]): [V, ...V[]] {
  return options.map((option) => option.value) as [V, ...V[]];
}
