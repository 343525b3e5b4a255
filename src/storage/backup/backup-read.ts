/**
 * Reading a backup file into memory and checking all of it before anything is written
 * (issue 13: "the whole file is decrypted and validated (zod, every record, the audit chain)
 * before anything is written"). The result is either one refusal reason or a backup whose
 * every entry parsed with its domain schema, whose counts, ids and references agree, whose
 * audit chain verifies from its first event to the head hash the header names (with every
 * MAC under the source tablet's audit key), and whose device secret matches its key check.
 * Nothing here touches the database.
 */
import { backupEntrySchema, backupFormatProbeSchema, backupHeaderSchema, BACKUP_FORMAT_VERSION } from '../../domain/backup/backup-format';
import type { BackupDevice, BackupHeader, BackupStaff } from '../../domain/backup/backup-format';
import type { BackupRefusal } from '../../domain/backup/backup-rules';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { AuditEvent } from '../../domain/audit/events';
import { auditBreakPosition } from '../../domain/audit/events';
import { auditTypeRequiresMac, chainBreaks, GENESIS_HASH } from '../../domain/audit/chain';
import type { IssuedLetter } from '../../domain/letters/issued';
import type { LetterChoices } from '../../domain/letters/facts';
import type { LetterKind } from '../../domain/letters/kinds';
import type { LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import { verifyAuditMac } from '../crypto/audit-mac';
import { decryptFrames, deriveBackupKeys, passphraseMatches, readFileStart, readFrames } from '../crypto/backup-cipher';
import { concatBytes, fromBase64Url, utf8Text } from '../crypto/encoding';
import { deriveDeviceKeys, deviceKeyCheck, isWrappedSecret } from '../crypto/keys';
import { isSealedKeyPair, isSecretForKey } from '../crypto/key-pairs';
import type { SealedKeyPair, SecretForKey } from '../crypto/key-pairs';
import type { DeviceKeys, WrappedSecret } from '../crypto/keys';
import { gunzip } from './compression';

export interface BackupLetterDraft {
  attendanceId: string;
  kind: LetterKind;
  childId?: string | undefined;
  choices: LetterChoices;
}

/** A backup checked whole, in memory: what the restore writes. */
export interface ValidatedBackup {
  header: BackupHeader;
  device: Omit<BackupDevice, 'secret'>;
  /** The source tablet's device secret and the keys derived from it (zeroed by the caller when done). */
  secret: Uint8Array;
  sourceKeys: DeviceKeys;
  staff: (Omit<BackupStaff, 'wrapped' | 'keyPair' | 'secretForKey'> & { wrapped: WrappedSecret; keyPair?: SealedKeyPair; secretForKey?: SecretForKey })[];
  attendances: { rev: number; record: AssessmentRecord }[];
  letters: IssuedLetter[];
  drafts: BackupLetterDraft[];
  reviews: LiaisonReviewRecord[];
  worklist: { ids: string[]; rev: number } | undefined;
  audit: AuditEvent[];
  /** The sealed words of events about a patient, by sequence number (the events themselves carry only their clear part). */
  auditWords: { seq: number; words: string }[];
}

export type ReadProgress = (stage: 'decrypting' | 'checking', done: number, total: number) => void;

function parseHeader(bytes: Uint8Array): Result<BackupHeader, BackupRefusal> {
  const text = utf8Text(bytes);
  if (text === undefined) return err('changed');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err('changed');
  }
  const probe = backupFormatProbeSchema.safeParse(json);
  if (!probe.success) return err('changed');
  if (probe.data.format > BACKUP_FORMAT_VERSION) return err('newer-version');
  const header = backupHeaderSchema.safeParse(json);
  return header.success ? ok(header.data) : err('changed');
}

function toWrapped(wrapped: BackupStaff['wrapped']): WrappedSecret | undefined {
  const salt = fromBase64Url(wrapped.salt);
  const iv = fromBase64Url(wrapped.iv);
  const ciphertext = fromBase64Url(wrapped.ciphertext);
  if (!salt || !iv || !ciphertext) return undefined;
  return { kdf: 'PBKDF2-SHA-256', salt, iterations: wrapped.iterations, iv, ciphertext };
}

/**
 * A removed account keeps its row with an emptied wrap (staff-repository.ts): it is restored as
 * it was, inactive. An active account holds the secret in its wrap, or, after a re-key and
 * before its next unlock, an emptied wrap and the secret sealed to its key pair (staff-keys.ts).
 */
function validWrap(staff: BackupStaff, wrapped: WrappedSecret): boolean {
  const emptied = wrapped.iv.length === 0 && wrapped.ciphertext.length === 0;
  return staff.active !== 1 || isWrappedSecret(wrapped) || (emptied && isSealedKeyPair(staff.keyPair) && isSecretForKey(staff.secretForKey));
}

/** Decrypts and checks the whole file. Any refusal means nothing may be written. */
export async function readBackup(file: Uint8Array, passphrase: string, progress?: ReadProgress): Promise<Result<ValidatedBackup, BackupRefusal>> {
  const start = readFileStart(file);
  if (!start.ok) return start;
  const header = parseHeader(start.value.headerBytes);
  if (!header.ok) return header;
  const framed = await readFrames(file, start.value, header.value);
  if (!framed.ok) return framed;
  const keys = await deriveBackupKeys(passphrase, header.value.kdf.salt, header.value.kdf.iterations);
  if (!(await passphraseMatches(keys, header.value.passphraseCheck))) return err('wrong-passphrase');
  progress?.('decrypting', 0, framed.value.frames.length);
  const plain = await decryptFrames(keys, framed.value);
  if (!plain.ok) return plain;
  progress?.('decrypting', framed.value.frames.length, framed.value.frames.length);
  const inflated = await gunzip(concatBytes(...plain.value));
  const text = inflated && utf8Text(inflated);
  if (text === undefined) return err('changed');
  return checkEntries(header.value, text, progress);
}

async function checkEntries(header: BackupHeader, text: string, progress?: ReadProgress): Promise<Result<ValidatedBackup, BackupRefusal>> {
  const lines = text.split('\n').filter((line) => line !== '');
  let device: BackupDevice | undefined;
  const staff: ValidatedBackup['staff'] = [];
  const attendances: ValidatedBackup['attendances'] = [];
  const letters: IssuedLetter[] = [];
  const drafts: BackupLetterDraft[] = [];
  const reviews: LiaisonReviewRecord[] = [];
  let worklist: ValidatedBackup['worklist'];
  const audit: AuditEvent[] = [];
  const auditWords: ValidatedBackup['auditWords'] = [];
  for (const [index, line] of lines.entries()) {
    if (index % 2000 === 0) progress?.('checking', index, lines.length);
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return err('changed');
    }
    const parsed = backupEntrySchema.safeParse(json);
    if (!parsed.success) return err('changed');
    const entry = parsed.data;
    switch (entry.kind) {
      case 'device':
        if (device) return err('changed');
        device = entry.value;
        break;
      case 'staff': {
        const wrapped = toWrapped(entry.value.wrapped);
        if (!wrapped || !validWrap(entry.value, wrapped)) return err('changed');
        const { keyPair, secretForKey, ...member } = entry.value;
        staff.push({ ...member, wrapped, ...(keyPair && secretForKey ? { keyPair, secretForKey } : {}) });
        break;
      }
      case 'attendance':
        attendances.push(entry.value);
        break;
      case 'letter':
        letters.push(entry.value);
        break;
      case 'letter-draft':
        drafts.push(entry.value);
        break;
      case 'liaison-review':
        reviews.push(entry.value);
        break;
      case 'worklist':
        if (worklist) return err('changed');
        worklist = entry.value;
        break;
      case 'audit':
        audit.push(entry.value);
        break;
      case 'audit-words':
        auditWords.push(entry.value);
        break;
    }
  }
  progress?.('checking', lines.length, lines.length);
  if (!device || device.deviceId !== header.tabletId) return err('changed');
  const { counts } = header;
  if (
    counts.attendances !== attendances.length ||
    counts.letters !== letters.length ||
    counts.letterDrafts !== drafts.length ||
    counts.liaisonReviews !== reviews.length ||
    counts.auditEvents !== audit.length ||
    counts.staff !== staff.length
  ) {
    return err('changed');
  }
  const ids = new Set(attendances.map((item) => item.record.id));
  if (ids.size !== attendances.length) return err('changed');
  if (new Set(letters.map((letter) => letter.id)).size !== letters.length) return err('changed');
  if (new Set(staff.map((member) => member.id)).size !== staff.length) return err('changed');
  const refersToRecord = (attendanceId: string) => ids.has(attendanceId);
  if (!letters.every((letter) => refersToRecord(letter.attendanceId)) || !drafts.every((draft) => refersToRecord(draft.attendanceId)) || !reviews.every((review) => refersToRecord(review.attendanceId))) {
    return err('changed');
  }
  const secret = fromBase64Url(device.secret);
  if (secret?.length !== 32) return err('changed');
  const sourceKeys = await deriveDeviceKeys(secret);
  if ((await deviceKeyCheck(sourceKeys)) !== device.keyCheck) return err('changed');
  if (!(await auditChainHolds(audit, header.auditHeadHash, sourceKeys.auditKey))) return err('changed');
  const { secret: _secret, ...deviceRest } = device;
  return ok({ header, device: deviceRest, secret, sourceKeys, staff, attendances, letters, drafts, reviews, worklist, audit, auditWords });
}

/**
 * The backup's audit chain verifies as the source tablet's own: hashes and links from the
 * first event, the head hash the header names, and every event that needs a MAC carries a
 * valid one under the source's audit key. Breaks the source tablet had found and recorded
 * ('audit-break-detected') are carried as they are: the trail was already marked there.
 */
export async function auditChainHolds(events: readonly AuditEvent[], headHash: string, auditKey: CryptoKey): Promise<boolean> {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const head = sorted.at(-1)?.hash ?? GENESIS_HASH;
  if (head !== headHash) return false;
  const recorded = new Set(sorted.filter((event) => event.type === 'audit-break-detected').map((event) => auditBreakPosition(event.entityId)));
  const { breaks } = chainBreaks(sorted);
  if (breaks.some((found) => !recorded.has(found.brokenAt))) return false;
  let unvouched = 0;
  for (const event of sorted) {
    if (auditTypeRequiresMac(event.type) && !(await verifyAuditMac(auditKey, event.hash, event.mac))) unvouched += 1;
  }
  return unvouched === 0 || recorded.size > 0;
}
