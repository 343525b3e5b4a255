/**
 * The one sealed-row format (issue 11 clarification: "one sealed-row format for
 * everything, defined here once"). Every value storage seals into a row (a record, its list
 * summary, a letter, a draft, the worklist, a liaison review, an audit event's detail) is
 * sealed and opened here, with additional data built from the same fields in the same order:
 *
 *   format version · key epoch · scope · author tablet · table · row id · field · revision
 *
 * - format version ({@link ROW_FORMAT}): how the additional data is built; a later change
 *   makes format 3 and keeps opening 2.
 * - key epoch: which generation of the device data key sealed it. 1 until re-keying exists.
 *   It is stored IN CLEAR on the sealed box (`e`), so a later re-key knows which key opens a
 *   row without trying each; it is also in the additional data, so changing it makes the box
 *   fail to open instead of opening under another key.
 * - scope: 'device' (only this tablet's key opens it) now; 'department' when records are
 *   shared (PRODUCT.md 8a).
 * - author tablet: the database id of the tablet that sealed it (today always this one): a
 *   box copied in from another tablet's database does not open.
 * - table, row id, field: where the box belongs; a box moved to another row or field fails.
 * - revision: the row's revision (0 for rows that are never revised in place), so an older
 *   sealed copy put back under a newer clear revision does not open (revisions.ts).
 *
 * The box is the codec's `{ v, iv, ct }` with two clear fields added: `f` (format) and `e`
 * (epoch). Boxes without them are the formats before this one; callers pass the additional
 * data those were sealed with as `legacy`, so existing rows keep opening. Writers only ever
 * write this format; the re-seal job (repositories/reseal.ts) brings old rows to it.
 */
import { isSealed, open as openSealed, seal } from './codec';
import type { Sealed } from './codec';

/** The current format of a sealed row's additional data. */
export const ROW_FORMAT = 2;
/** The current key epoch: the device data key made at set-up. A re-key makes epoch 2. */
export const CURRENT_EPOCH = 1;

export type SealScope = 'device' | 'department';

/** Every table that holds sealed values. */
export type SealedTable = 'attendances' | 'letters' | 'meta' | 'audit' | 'liaisonReviews' | 'attendanceDays' | 'retainedStubs';

/** A sealed box in the row format: the codec's box plus its format and key epoch, in clear. */
export interface SealedRow extends Sealed {
  f: typeof ROW_FORMAT;
  e: number;
}

/** Where a value is sealed: the table, the row's id, the field, and the row's revision (0 when never revised). */
export interface RowAddress {
  table: SealedTable;
  id: string;
  field: string;
  rev: number;
}

/** What sealing needs: the data key of each epoch it can use, and this tablet's database id. */
export interface RowKeys {
  deviceId: string;
  keys: { dataKey: CryptoKey };
}

/** The additional data of a box in the current format (canonical: a JSON array, so no field can run into another). */
export function rowAad(author: string, address: RowAddress, epoch: number = CURRENT_EPOCH, scope: SealScope = 'device'): string {
  return JSON.stringify(['sealed-row', ROW_FORMAT, epoch, scope, author, address.table, address.id, address.field, address.rev]);
}

/** True when the box is in the current format and epoch: nothing for the re-seal job to do. */
export function isCurrentRow(box: unknown): box is SealedRow {
  if (!isSealed(box)) return false;
  const { f, e } = box as Partial<SealedRow>;
  return f === ROW_FORMAT && e === CURRENT_EPOCH;
}

/** The data key that opens boxes of this epoch, or undefined when this tablet holds none. */
function keyForEpoch(keys: RowKeys, epoch: number): CryptoKey | undefined {
  return epoch === CURRENT_EPOCH ? keys.keys.dataKey : undefined;
}

/** Seals a JSON value into the current format at `address`. */
export async function sealRow(keys: RowKeys, value: unknown, address: RowAddress): Promise<SealedRow> {
  const box = await seal(keys.keys.dataKey, value, rowAad(keys.deviceId, address));
  return { ...box, f: ROW_FORMAT, e: CURRENT_EPOCH };
}

/** What opening found: the value, and whether the box was already in the current format and epoch. */
export interface OpenedRow {
  value: unknown;
  current: boolean;
  /** Which additional data opened it: -1 for the current format, else the index into `legacy`. */
  legacyIndex: number;
}

/**
 * Opens a box at `address`: in the current format when it says so (`f`), otherwise with
 * each of the `legacy` additional data in turn (the formats rows were written in before).
 * Undefined when nothing opens it: changed, moved, from another tablet, or a key this tablet
 * does not hold. A box that claims the current format is never tried as a legacy one, so
 * stripping `f` and `e` from it does not help (its additional data named the format).
 */
export async function openRow(keys: RowKeys, box: unknown, address: RowAddress, legacy: readonly string[] = []): Promise<OpenedRow | undefined> {
  if (!isSealed(box)) return undefined;
  const { f, e } = box as Partial<SealedRow>;
  if (f !== undefined || e !== undefined) {
    if (f !== ROW_FORMAT || typeof e !== 'number' || !Number.isSafeInteger(e)) return undefined;
    const key = keyForEpoch(keys, e);
    if (!key) return undefined;
    const opened = await openSealed(key, box, rowAad(keys.deviceId, address, e));
    return opened.ok ? { value: opened.value, current: e === CURRENT_EPOCH, legacyIndex: -1 } : undefined;
  }
  for (const [index, aad] of legacy.entries()) {
    const opened = await openSealed(keys.keys.dataKey, box, aad);
    if (opened.ok) return { value: opened.value, current: false, legacyIndex: index };
  }
  return undefined;
}
