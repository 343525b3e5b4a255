/**
 * Installed licensed-wording content files, by instrument id (docs/content-files.md): the
 * one update rule the real and the fake device repositories share.
 */

/** The files with `instrument`'s file replaced by `json`, or removed when `json` is undefined. */
export function withContentFile(files: Readonly<Record<string, unknown>>, instrument: string, json: unknown): Record<string, unknown> {
  const others = Object.fromEntries(Object.entries(files).filter(([id]) => id !== instrument));
  return json === undefined ? others : { ...others, [instrument]: json };
}
