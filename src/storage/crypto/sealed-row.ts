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
 * - key epoch: which generation of the device data key sealed it: 1 from set-up, one more
 *   with each re-key (repositories/rekey.ts). It is stored IN CLEAR on the sealed box (`e`),
 *   so a re-key knows which key opens a row without trying each; it is also in the
 *   additional data, so changing it makes the box fail to open instead of opening under
 *   another key. The tablet's epoch is not a constant: it comes with the keys
 *   ({@link RowKeys}`.epoch`). While a re-key is pending the keys hold two epochs: every seal
 *   uses the new one, and boxes of the old one still open with `previous` until the re-seal
 *   job has moved them and the re-key completes.
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
import { earlierKeys } from './key-ring';

/** The current format of a sealed row's additional data. */
export const ROW_FORMAT = 2;
/** The key epoch of the device data key made at set-up (a tablet never re-keyed). Each re-key adds one. */
export const FIRST_EPOCH = 1;

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

/**
 * What sealing needs: this tablet's database id, the data key every seal uses and its epoch,
 * and while a re-key is pending the data key of the epoch being left (it only opens).
 */
export interface RowKeys {
  deviceId: string;
  /** The epoch of `keys` (absent: {@link FIRST_EPOCH}). */
  epoch?: number;
  keys: { dataKey: CryptoKey };
  /** While a re-key is pending: the epoch rows are moving from, and its data key. Nothing is sealed with it. */
  previous?: { epoch: number; keys: { dataKey: CryptoKey } } | undefined;
}

/** The epoch every seal under these keys is written in: the tablet's current key epoch. */
export const epochOf = (keys: Pick<RowKeys, 'epoch'>): number => keys.epoch ?? FIRST_EPOCH;

/** The additional data of a box in the current format (canonical: a JSON array, so no field can run into another). */
export function rowAad(author: string, address: RowAddress, epoch: number, scope: SealScope = 'device'): string {
  return JSON.stringify(['sealed-row', ROW_FORMAT, epoch, scope, author, address.table, address.id, address.field, address.rev]);
}

/** True when the box is in the current format and the keys' epoch: nothing for the re-seal job to do. */
export function isCurrentRow(box: unknown, keys: Pick<RowKeys, 'epoch'> & { previous?: { epoch: number } | undefined }): box is SealedRow {
  if (!isSealed(box)) return false;
  const { f, e } = box as Partial<SealedRow>;
  // Epochs that clash (a tablet joining a department with records, sync/department-join-records.ts): only opening tells which key sealed it.
  return f === ROW_FORMAT && e === epochOf(keys) && keys.previous?.epoch !== e;
}

/**
 * The data keys that may open boxes of this epoch, the current one first. More than one only
 * when epoch numbers clash: a tablet that joined a department holding records of its own
 * (sync/department-join-records.ts) adopts the department's epoch, which its own secret may
 * share, and the department's key ring (a department re-key) may hold an earlier epoch of the
 * same number as the one this tablet is leaving. AES-GCM authenticates the box under its
 * additional data, so the key that opens it is the key that sealed it; the others fail.
 */
function keysForEpoch(keys: RowKeys, epoch: number): CryptoKey[] {
  const candidates = [
    epoch === epochOf(keys) ? keys.keys.dataKey : undefined,
    keys.previous?.epoch === epoch ? keys.previous.keys.dataKey : undefined,
    // A department re-key (issue 14 §8): an earlier epoch's row from the department's key ring (crypto/key-ring.ts) only opens.
    earlierKeys(keys.keys)?.get(epoch)?.dataKey,
  ];
  return [...new Set(candidates.filter((key): key is CryptoKey => key !== undefined))];
}

/** Seals a JSON value into the current format at `address`, under the keys' (newest) epoch. */
export async function sealRow(keys: RowKeys, value: unknown, address: RowAddress): Promise<SealedRow> {
  const epoch = epochOf(keys);
  const box = await seal(keys.keys.dataKey, value, rowAad(keys.deviceId, address, epoch));
  return { ...box, f: ROW_FORMAT, e: epoch };
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
    for (const key of keysForEpoch(keys, e)) {
      const opened = await openSealed(key, box, rowAad(keys.deviceId, address, e));
      if (opened.ok) return { value: opened.value, current: e === epochOf(keys) && key === keys.keys.dataKey, legacyIndex: -1 };
    }
    return undefined;
  }
  // The formats before this one were all sealed under the set-up key (epoch 1): after a
  // re-key completes, the re-seal job has moved every one of them.
  for (const legacyKey of keysForEpoch(keys, FIRST_EPOCH)) {
    for (const [index, aad] of legacy.entries()) {
      const opened = await openSealed(legacyKey, box, aad);
      if (opened.ok) return { value: opened.value, current: false, legacyIndex: index };
    }
  }
  return undefined;
}
