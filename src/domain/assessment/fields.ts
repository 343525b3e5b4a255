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

// One schema for every text, flag and date field: a zod schema never changes once made, and
// making one costs time at a page's first load (the record has some 150 text and 13 date
// fields: a new schema for each was most of a 200 ms task at unlock, 4x CPU, PRODUCT.md
// section 10).
const TEXT = z.catch(z.string(), '');
const FLAG = z.catch(z.boolean(), false);
// A new empty date on each failed parse (a function, not one object every record would share).
const DATE_PARTS = z.catch(z.object({ day: TEXT, month: TEXT, year: TEXT }), () => ({ day: '', month: '', year: '' }));

export const textField = () => TEXT;

export const flagField = () => FLAG;

const makeChoice = <const T extends readonly [string, ...string[]]>(values: T) => z.catch(z.enum(['', ...values] as unknown as readonly ['', ...T]), '' as const);
/** Choice schemas made so far, by their values in order: 25 questions are yes / no alone. */
const choiceSchemas = new Map<string, unknown>();

/** A single choice from a fixed list, or '' when not yet answered. */
export const choiceField = <const T extends readonly [string, ...string[]]>(values: T): ReturnType<typeof makeChoice<T>> => {
  const key = values.join('\u0000');
  const made = (choiceSchemas.get(key) as ReturnType<typeof makeChoice<T>> | undefined) ?? makeChoice(values);
  choiceSchemas.set(key, made);
  return made;
};

/** Several choices from a fixed list (checkboxes); unknown values are dropped. */
export const choicesField = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.catch(z.array(z.unknown()), []),
    z.transform((items: unknown[]) => items.filter((item): item is T[number] => typeof item === 'string' && (values as readonly string[]).includes(item))),
  );

export const datePartsField = () => DATE_PARTS;

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
