/**
 * Licensed-wording content files: how a trust installs an instrument's official wording
 * without the wording ever being built into the app (docs/content-files.md).
 *
 * Owns: the file format (a JSON object with a format name and version, the instrument id, the
 * licence holder, and the item texts keyed by the instrument's stable item ids), its zod
 * schema, and reading a file into wording or into plain error messages. The caller (storage
 * or the screen's wiring) fetches the file; nothing here touches the network or the disk.
 *
 * Why: validated instruments must be shown in their owners' official wording from a licensed
 * copy (research §0, §4.1, §11 item 17); the product ships its own paraphrase as the default.
 * Scoring never reads wording: it reads item ids only, so a content file can never change a
 * score.
 */
import * as z from 'zod/mini';
import { err, ok } from '../shared/result';
import type { Result } from '../shared/result';

/** The format name every content file declares, so a stray JSON file is not mistaken for one. */
export const CONTENT_FILE_FORMAT = 'safeguarding-triage/instrument-wording';
/** The format version this app reads. A later version is refused, never half-read. */
export const CONTENT_FILE_FORMAT_VERSION = 1;
/** Longest item text accepted (characters): a question, not a page. */
export const MAX_ITEM_TEXT = 500;
/** Longest licence holder, reference or notice. */
export const MAX_LICENCE_TEXT = 500;

const licenceText = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_LICENCE_TEXT));

/** The file, for an instrument whose item ids are `itemIds`. Unknown keys are refused. */
export function contentFileSchema<const Id extends string>(instrument: string, itemIds: readonly [Id, ...Id[]]) {
  const itemText = () => z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_ITEM_TEXT));
  const items = Object.fromEntries(itemIds.map((id) => [id, itemText()])) as Record<Id, ReturnType<typeof itemText>>;
  return z.strictObject({
    format: z.literal(CONTENT_FILE_FORMAT),
    formatVersion: z.literal(CONTENT_FILE_FORMAT_VERSION),
    instrument: z.literal(instrument),
    /** The organisation that holds the licence, for example the trust's name. */
    licenceHolder: licenceText(),
    /** The licence or permission reference from the instrument owner. */
    licenceReference: licenceText(),
    /** Shown under the questions, for example the owner's copyright line. */
    copyrightNotice: licenceText(),
    /** BCP 47 language tag, for example "en-GB". */
    language: z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)),
    items: z.strictObject(items),
  });
}

export interface InstrumentWording<Id extends string> {
  /** "licensed": from an installed content file; "paraphrase": the product's own default. */
  source: 'licensed' | 'paraphrase';
  licenceHolder: string | undefined;
  copyrightNotice: string | undefined;
  items: Record<Id, string>;
}

/** Plain messages for a file that failed to validate: path and problem, for the settings page. */
function describeProblems(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
}

/**
 * Reads a content file's parsed JSON. A file that does not match the format, names another
 * instrument, lacks an item or carries an unknown one is refused whole, with the reasons.
 */
export function readContentFile<const Id extends string>(instrument: string, itemIds: readonly [Id, ...Id[]], json: unknown): Result<InstrumentWording<Id>, string[]> {
  const parsed = contentFileSchema(instrument, itemIds).safeParse(json);
  if (!parsed.success) return err(describeProblems(parsed.error));
  const file = parsed.data;
  const items = Object.fromEntries(itemIds.map((id) => [id, (file.items as Record<Id, string>)[id]])) as Record<Id, string>;
  return ok({ source: 'licensed', licenceHolder: file.licenceHolder, copyrightNotice: file.copyrightNotice, items });
}

/** What the screen shows, and why: the licensed wording, or the paraphrase because no file or a bad file. */
export type WordingResolution<Id extends string> =
  | { status: 'licensed'; wording: InstrumentWording<Id> }
  | { status: 'no-file'; wording: InstrumentWording<Id> }
  | { status: 'invalid-file'; wording: InstrumentWording<Id>; problems: string[] };

/**
 * The wording to show: the content file's when one is installed and valid, otherwise the
 * paraphrase. An invalid file falls back to the paraphrase and reports why, so a bad install
 * never leaves the screen without questions. `json` undefined means no file is installed.
 */
export function resolveWording<const Id extends string>(
  instrument: string,
  itemIds: readonly [Id, ...Id[]],
  paraphrase: InstrumentWording<Id>,
  json: unknown,
): WordingResolution<Id> {
  if (json === undefined) return { status: 'no-file', wording: paraphrase };
  const read = readContentFile(instrument, itemIds, json);
  return read.ok ? { status: 'licensed', wording: read.value } : { status: 'invalid-file', wording: paraphrase, problems: read.error };
}

/** Largest content file accepted on upload (bytes): nine questions and a licence line fit in far less. */
export const MAX_CONTENT_FILE_BYTES = 64 * 1024;

/** Why an uploaded file was refused: one message for the error summary, and the details. */
export interface UploadProblem {
  message: string;
  details: string[];
}

/**
 * Reads an uploaded content file from its text (the settings page reads the file on the
 * tablet). Refuses an empty or oversized file, text that is not JSON, and a file the reader
 * refuses, each with its own message. On success returns the parsed JSON to store and the
 * wording it gives.
 */
export function readContentFileUpload<const Id extends string>(
  instrument: string,
  itemIds: readonly [Id, ...Id[]],
  text: string,
  sizeBytes: number,
): Result<{ json: unknown; wording: InstrumentWording<Id> }, UploadProblem> {
  if (sizeBytes === 0 || text.trim() === '') return err({ message: 'The selected file is empty', details: [] });
  if (sizeBytes > MAX_CONTENT_FILE_BYTES) return err({ message: `The selected file must be smaller than ${String(MAX_CONTENT_FILE_BYTES / 1024)} KB`, details: [] });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({ message: 'The selected file must be a JSON content file: it could not be read as JSON', details: [] });
  }
  const read = readContentFile(instrument, itemIds, json);
  if (!read.ok) return err({ message: `The selected file is not a valid wording file for ${instrument}`, details: read.error });
  return ok({ json, wording: read.value });
}
