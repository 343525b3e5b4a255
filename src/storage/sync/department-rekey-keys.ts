/**
 * Department re-keying, the keys (issue 14 §8; design docs/design/department-sync.md, "Where
 * the built department re-keying differs"). Owns the department's key ring and the re-key
 * envelope, and nothing else: no table, no vault.
 *
 * The key ring: every earlier department secret, sealed under the newest secret's data key
 * (additional data: this format, the department id, the newest epoch). A tablet that holds
 * the newest secret can open every earlier epoch's rows, transport boxes and MACs that other
 * tablets wrote before they took the re-key up; a tablet holding only an old secret opens
 * nothing of the ring. Each re-key seals the whole ring again under the new secret (a ring,
 * not a chain of "previous" links: one open reaches every epoch).
 *
 * The envelope: what a re-keying tablet leaves for the others, sealed for transport under the
 * OLD secret's transport key (crypto/transport.ts), because a tablet that has not taken the
 * re-key up holds only the old secret: the new epoch, the new secret's key check, the staff
 * rows as the re-key left them (the new secret sealed to each remaining member's public key,
 * every wrap emptied, removed members' key pairs gone, bound under the new audit key), the
 * recovery row, and the key ring. Nothing in it opens the new secret without a remaining
 * member's private key (their PIN) or the recovery key: someone holding the old secret (a
 * removed member, a lost tablet) opens the envelope and learns names and public keys, as the
 * staff rows that travel already show them, and nothing else.
 */
import { isSealed, open as openSealed, seal } from '../crypto/codec';
import type { Sealed } from '../crypto/codec';
import { fromBase64Url, toBase64Url } from '../crypto/encoding';
import { openFromTransport, sealForTransport } from '../crypto/transport';
import type { TransportAddress } from '../crypto/transport';
import type { StaffRow } from '../db';
import type { RecoveryRow } from '../repositories/staff-keys';

/** The format of the ring's and the envelope's additional data. */
export const DEPARTMENT_REKEY_FORMAT = 1;

/** One earlier department secret, by its epoch. */
export interface EarlierSecret {
  epoch: number;
  secret: Uint8Array;
}

const ringAad = (departmentId: string, epoch: number) => JSON.stringify(['department-key-ring', DEPARTMENT_REKEY_FORMAT, departmentId, epoch]);

/** The ring of earlier secrets sealed under the newest secret's data key. */
export function sealKeyRing(newDataKey: CryptoKey, departmentId: string, epoch: number, secrets: readonly EarlierSecret[]): Promise<Sealed> {
  return seal(
    newDataKey,
    secrets.map((each) => ({ epoch: each.epoch, secret: toBase64Url(each.secret) })),
    ringAad(departmentId, epoch),
  );
}

/** The earlier secrets, or undefined when the ring does not open under this key, department and epoch. */
export async function openKeyRing(dataKey: CryptoKey, departmentId: string, epoch: number, ring: unknown): Promise<EarlierSecret[] | undefined> {
  const opened = await openSealed(dataKey, ring, ringAad(departmentId, epoch));
  if (!opened.ok || !Array.isArray(opened.value)) return undefined;
  const secrets: EarlierSecret[] = [];
  for (const entry of opened.value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { epoch: each, secret } = entry as Record<string, unknown>;
    const bytes = typeof secret === 'string' ? fromBase64Url(secret) : undefined;
    if (typeof each !== 'number' || !Number.isSafeInteger(each) || bytes?.length !== 32) return undefined;
    secrets.push({ epoch: each, secret: bytes });
  }
  return secrets;
}

/** A staff row as it travels in the envelope: whole but for this tablet's throttle counters. */
export type EnvelopeStaffRow = Omit<StaffRow, 'failedAttempts' | 'retryAfter'>;

export interface DepartmentRekeyEnvelope {
  format: typeof DEPARTMENT_REKEY_FORMAT;
  departmentId: string;
  /** The new epoch, and the one being left (the secret the envelope is sealed under). */
  epoch: number;
  from: number;
  /** The new secret's key check (keys.ts): what an opened seal must match. */
  keyCheck: string;
  staff: EnvelopeStaffRow[];
  recovery: RecoveryRow | null;
  ring: Sealed;
  /** Where the re-keying tablet's audit trail stood, and when. */
  at: string;
}

/** The envelope's row id: its epoch and author tablet (row ids are unique across the server's departments; a tablet id is random). */
export const envelopeRowId = (author: string, epoch: number): string => `department-rekey:${String(epoch)}:${author}`;

/** The epoch an envelope's row id names, or undefined when it is not an envelope's. */
export function envelopeEpoch(rowId: string): number | undefined {
  const [prefix, epoch] = rowId.split(':');
  const value = Number(epoch);
  return prefix === 'department-rekey' && Number.isSafeInteger(value) && value > 1 ? value : undefined;
}

/** The envelope's transport address: its author tablet and epoch (kind and row id name it; revision 1). */
export const envelopeAddress = (author: string, epoch: number): TransportAddress => ({ kind: 'department-rekey', author, rowId: envelopeRowId(author, epoch), revision: 1 });

export function sealEnvelope(oldSecret: Uint8Array, author: string, envelope: DepartmentRekeyEnvelope): Promise<Sealed> {
  return sealForTransport(oldSecret, envelope, envelopeAddress(author, envelope.epoch));
}

function isEnvelope(value: unknown): value is DepartmentRekeyEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const epoch = record['epoch'];
  const from = record['from'];
  return (
    record['format'] === DEPARTMENT_REKEY_FORMAT &&
    typeof record['departmentId'] === 'string' &&
    typeof epoch === 'number' &&
    Number.isSafeInteger(epoch) &&
    typeof from === 'number' &&
    Number.isSafeInteger(from) &&
    from < epoch &&
    typeof record['keyCheck'] === 'string' &&
    Array.isArray(record['staff']) &&
    isSealed(record['ring']) &&
    typeof record['at'] === 'string'
  );
}

/** The envelope, or undefined when it does not open under this (old) secret at this author and epoch, or is malformed. */
export async function openEnvelope(oldSecret: Uint8Array, author: string, epoch: number, box: unknown): Promise<DepartmentRekeyEnvelope | undefined> {
  const opened = await openFromTransport(oldSecret, box, envelopeAddress(author, epoch));
  return isEnvelope(opened) && opened.epoch === epoch ? opened : undefined;
}
