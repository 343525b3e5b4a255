/**
 * Result: the value of an operation that can fail in a way the user must be told about.
 * Used across layers instead of throwing for expected failures (bad input, a full disk,
 * a wrong PIN), so every caller has to decide what the nurse sees.
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
