/**
 * The enrolment package (issue 14; design: docs/design/department-sync.md §3): what an
 * enrolled tablet hands a new one, sealed under the key derived from the enrolment code
 * (crypto/enrolment-keys.ts), so the server only relays ciphertext it cannot open.
 *
 * It holds: the department id; the department secret (this version: the first tablet's data
 * secret, which never left it before, design "Where the built … differs"); every staff row
 * as stored (the wraps are PBKDF2 under each member's PIN or passphrase, their key pairs and
 * bindings: staff unlock the new tablet with their own secret); the recovery key's row; the
 * settings and licensed-wording content files with their MAC; the key epoch; and the key
 * check of the secret, so the new tablet can tell a package that does not belong together;
 * and, after a department re-key, the department's key ring as held (below).
 *
 * Bytes inside rows (wraps, sealed key pairs) travel as `{ "$bytes": "<base64url>" }` and
 * come back as Uint8Array, so a row is written on the new tablet exactly as it was stored.
 */
import type { MetaRow, StaffRow, TriageDatabase } from '../db';
import { fromBase64Url, isUint8Array, toBase64Url, utf8Bytes, utf8Text } from '../crypto/encoding';
import type { RecoveryRow } from '../repositories/staff-keys';

export const ENROLMENT_PACKAGE_FORMAT = 1;

export interface EnrolmentPackage {
  format: typeof ENROLMENT_PACKAGE_FORMAT;
  departmentId: string;
  /** The department secret, base64url (32 bytes). */
  secret: string;
  /** The secret's key check (crypto/keys.ts deviceKeyCheck). */
  keyCheck: string;
  /** The settled key epoch (staff-keys.ts KEY_EPOCH_KEY). */
  keyEpoch: number;
  staff: StaffRow[];
  recovery: RecoveryRow | null;
  settings: unknown;
  contentFiles: Record<string, unknown>;
  settingsMac: string;
  /** When and by which tablet it was made (shown nowhere; kept for a later reader of the format). */
  madeAt: string;
  madeBy: string;
  /**
   * The department's key ring as held (meta `department:key-ring`, sealed under the current
   * epoch's data key): after a department re-key, every other tablet's rows the server still
   * holds at an earlier epoch open on the new tablet through it (department-rekey.ts). Absent
   * before the department's first re-key.
   */
  keyRing?: { epoch: number; ring: unknown };
}

/** meta: the department's key ring on a tablet: `{ epoch, ring }` (every earlier secret sealed under the epoch's secret; department-rekey.ts). */
export const KEY_RING_KEY = 'department:key-ring';

/** The key ring to put in a package, as held: none before the department's first re-key. */
export async function keyRingToCarry(db: Pick<TriageDatabase, 'meta'>): Promise<{ keyRing?: { epoch: number; ring: unknown } }> {
  const value = (await db.meta.get(KEY_RING_KEY))?.value;
  if (typeof value !== 'object' || value === null) return {};
  const { epoch, ring } = value as Record<string, unknown>;
  return typeof epoch === 'number' && ring !== undefined ? { keyRing: { epoch, ring } } : {};
}

/** The joining tablet's meta row for the package's key ring (it opens at unlock under the department's current keys). */
export const keyRingMeta = (contents: Pick<EnrolmentPackage, 'keyRing'>): MetaRow[] => (contents.keyRing ? [{ key: KEY_RING_KEY, value: contents.keyRing }] : []);

const BYTES_TAG = '$bytes';

/** The package as UTF-8 JSON, bytes tagged. */
export function encodeEnrolmentPackage(contents: EnrolmentPackage): Uint8Array {
  const json = JSON.stringify(contents, (_key, value: unknown) => (isUint8Array(value) ? { [BYTES_TAG]: toBase64Url(value) } : value));
  return utf8Bytes(json);
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.keys(value);
    const tagged = (value as Record<string, unknown>)[BYTES_TAG];
    if (entries.length === 1 && typeof tagged === 'string') {
      const bytes = fromBase64Url(tagged);
      if (bytes) return bytes;
    }
  }
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isStaffRow(value: unknown): value is StaffRow {
  if (!isRecord(value)) return false;
  return isText(value['id']) && typeof value['name'] === 'string' && isText(value['role']) && (value['secretKind'] === 'pin' || value['secretKind'] === 'passphrase') && (value['active'] === 0 || value['active'] === 1) && isText(value['binding']);
}

/**
 * The opened package's contents, or undefined when they are not a package of this format
 * (shape only: the new tablet then checks the key check and every binding MAC under the
 * department's audit key before it writes anything).
 */
export function decodeEnrolmentPackage(bytes: Uint8Array): EnrolmentPackage | undefined {
  const text = utf8Text(bytes);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, revive);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value['format'] !== ENROLMENT_PACKAGE_FORMAT) return undefined;
  const { departmentId, secret, keyCheck, keyEpoch, staff, recovery, contentFiles, settingsMac, madeAt, madeBy } = value;
  if (!isText(departmentId) || !isText(secret) || fromBase64Url(secret)?.length !== 32 || !isText(keyCheck)) return undefined;
  if (typeof keyEpoch !== 'number' || !Number.isSafeInteger(keyEpoch) || keyEpoch < 1) return undefined;
  if (!Array.isArray(staff) || staff.length === 0 || !staff.every(isStaffRow)) return undefined;
  if (recovery !== null && !(isRecord(recovery) && isText(recovery['id']) && isText(recovery['binding']))) return undefined;
  if (!isRecord(contentFiles) || !isText(settingsMac) || !isText(madeAt) || !isText(madeBy)) return undefined;
  const keyRing = value['keyRing'];
  if (keyRing !== undefined && !(isRecord(keyRing) && keyRing['epoch'] === keyEpoch && keyRing['ring'] !== undefined)) return undefined;
  return value as unknown as EnrolmentPackage;
}
