/**
 * Making a backup file (issue 13; docs/backup.md). The body lists domain data, not tables:
 * every attendance (opened and parsed with its schema, with its revision), every issued
 * letter version, unfinished letter words, liaison reviews, the referral worklist, the
 * settings and content files, the staff accounts with their wrapped keys, the device secret,
 * and every audit event with its MAC. Everything is opened through the same functions the
 * screens use (attendance-crypto, letter-rows, liaison-repository), so a change to how rows
 * are sealed changes this with it.
 *
 * The rows are read in one read transaction (a consistent copy), opened after it closes
 * (WebCrypto inside a transaction commits it early), then written as JSON lines, gzipped,
 * cut into 1 MiB chunks and encrypted (crypto/backup-cipher.ts).
 */
import { BACKUP_APP, BACKUP_FORMAT_VERSION, BACKUP_MIN_ITERATIONS } from '../../domain/backup/backup-format';
import type { BackupCounts, BackupEntry, BackupHeader } from '../../domain/backup/backup-format';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import { auditEventSchema } from '../../domain/audit/events';
import { GENESIS_HASH } from '../../domain/audit/chain';
import { issuedLetterSchema, letterChoicesSchema } from '../../domain/letters/issued';
import { isLetterKind, letterKinds } from '../../domain/letters/kinds';
import type { LetterIdentity } from '../../domain/letters/kinds';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { BACKUP_CHUNK_BYTES, chunkFrameBytes, deriveBackupKeys, encryptChunk, fileDigest, fileStart, newBackupSalt, passphraseCheck } from '../crypto/backup-cipher';
import { toBase64Url, utf8Bytes } from '../crypto/encoding';
import { isSealedKeyPair, isSecretForKey } from '../crypto/key-pairs';
import type { StaffRow } from '../db';
import { openRowPart, readWorklistState } from '../repositories/attendance-crypto';
import type { StorageContext } from '../repositories/context';
import { viewSettings } from '../repositories/device-settings-integrity';
import { letterAad, letterAddress, letterDraftAad, letterDraftAddress, letterDraftKey } from '../repositories/letter-rows';
import { openRow } from '../crypto/sealed-row';
import { openReview } from '../repositories/liaison-review-crypto';
import { chainRows, readableEvents, UNREADABLE_DETAIL } from '../repositories/audit-details';
import type { Unlocked } from '../repositories/vault';
import { gzip } from './compression';

export type ExportProgress = (done: number, total: number) => void;

export interface MadeBackup {
  /** The file's bytes, in order (magic and header, chunk frames, digest). */
  parts: Uint8Array[];
  header: BackupHeader;
  /** Rows that did not open (damaged, or from another tablet): not in the file, and said so. */
  skipped: number;
}

const DRAFT_PREFIX = 'letter-draft:';

/** The attendance, kind and child a letter draft's meta key names (letter-rows.ts letterDraftKey), or undefined. */
function draftIdentity(key: string): { attendanceId: string; kind: string; childId?: string } | undefined {
  const rest = key.slice(DRAFT_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return undefined;
  const attendanceId = rest.slice(0, colon);
  const identity = rest.slice(colon + 1);
  const child = /^([a-z-]+)\/child\/(.+)$/.exec(identity);
  return child?.[1] !== undefined && child[2] !== undefined ? { attendanceId, kind: child[1], childId: child[2] } : { attendanceId, kind: identity };
}

const staffEntry = (row: StaffRow): BackupEntry => ({
  kind: 'staff',
  value: {
    id: row.id,
    name: row.name,
    role: row.role as 'triage-nurse' | 'nurse-in-charge' | 'paediatric-liaison',
    staffGroup: row.staffGroup,
    agencyName: row.agencyName,
    registrationNumber: row.registrationNumber,
    secretKind: row.secretKind,
    wrapped: { kdf: 'PBKDF2-SHA-256', salt: toBase64Url(row.wrapped.salt), iterations: row.wrapped.iterations, iv: toBase64Url(row.wrapped.iv), ciphertext: toBase64Url(row.wrapped.ciphertext) },
    active: row.active,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    // After a re-key a member's wrap is empty until their next unlock: their key pair opens the secret (staff-keys.ts).
    ...(isSealedKeyPair(row.keyPair) && isSecretForKey(row.secretForKey) ? { keyPair: row.keyPair, secretForKey: row.secretForKey } : {}),
  },
});

/** Every entry of the body, opened and parsed; `skipped` counts rows that would not open. */
export async function collectEntries(ctx: StorageContext, unlocked: Unlocked, progress?: ExportProgress): Promise<{ entries: BackupEntry[]; counts: BackupCounts; headHash: string; skipped: number }> {
  const { db } = ctx;
  const read = await db.transaction('r', [db.device, db.staff, db.attendances, db.letters, db.meta, db.liaisonReviews, db.audit], async () => ({
    device: await db.device.get('device'),
    staff: await db.staff.toArray(),
    attendances: await db.attendances.toArray(),
    letters: await db.letters.toArray(),
    drafts: await db.meta.where('key').startsWith(DRAFT_PREFIX).toArray(),
    reviews: await db.liaisonReviews.toArray(),
    audit: await db.audit.orderBy('seq').toArray(),
  }));
  if (!read.device) throw new Error('This tablet is not set up.');
  const total = read.attendances.length + read.letters.length + read.drafts.length + read.reviews.length;
  let done = 0;
  const step = () => {
    done += 1;
    if (done % 250 === 0 || done === total) progress?.(done, total);
  };
  let skipped = 0;
  const settings = await viewSettings(db, unlocked, read.device);
  const entries: BackupEntry[] = [
    {
      kind: 'device',
      value: { deviceId: unlocked.deviceId, createdAt: read.device.createdAt, keyCheck: read.device.keyCheck, secret: toBase64Url(unlocked.secret), settings: settings.settings, contentFiles: settings.contentFiles },
    },
    ...read.staff.map(staffEntry),
  ];
  const recordIds = new Set<string>();
  const records: { record: AssessmentRecord }[] = [];
  for (const row of read.attendances) {
    const opened = await openRowPart(unlocked, row, 'payload');
    const parsed = opened ? assessmentRecordSchema.safeParse(opened.value) : undefined;
    if (opened && parsed?.success && parsed.data.id === row.id) {
      entries.push({ kind: 'attendance', value: { rev: opened.rev, record: parsed.data } });
      records.push({ record: parsed.data });
      recordIds.add(row.id);
    } else skipped += 1;
    step();
  }
  let letters = 0;
  for (const row of read.letters) {
    const opened = await openRow(unlocked, row.payload, letterAddress(row.attendanceId, row.id, row.version, 'payload'), [letterAad(unlocked.deviceId, row.attendanceId, row.id)]);
    const parsed = opened ? issuedLetterSchema.safeParse(opened.value) : undefined;
    if (parsed?.success && parsed.data.id === row.id && recordIds.has(row.attendanceId)) {
      entries.push({ kind: 'letter', value: parsed.data });
      letters += 1;
    } else skipped += 1;
    step();
  }
  // Since issue 11 a draft's key is a keyed hash of its letter: the keys of every letter each
  // record can have (each kind, and each Think Family child's notifications) name them.
  const keyed = new Map<string, { attendanceId: string; kind: string; childId?: string | undefined }>();
  for (const { record } of records) {
    const identities: LetterIdentity[] = [...letterKinds.map((kind) => ({ kind })), ...record.answers.thinkFamily.children.flatMap((child) => (['health-visitor', 'school-nurse'] as const).map((kind) => ({ kind, childId: child.id })))];
    for (const identity of identities) keyed.set(await letterDraftKey(unlocked.keys, record.id, identity), { attendanceId: record.id, ...identity });
  }
  let drafts = 0;
  for (const row of read.drafts) {
    const current = keyed.get(row.key);
    const identity = current ?? draftIdentity(row.key);
    const opened =
      identity && isLetterKind(identity.kind) && recordIds.has(identity.attendanceId)
        ? await openRow(unlocked, row.value, letterDraftAddress(row.key), current ? [] : [letterDraftAad(unlocked.deviceId, identity.attendanceId, identity.kind, identity.childId)])
        : undefined;
    const parsed = opened ? letterChoicesSchema.safeParse(opened.value) : undefined;
    if (identity && isLetterKind(identity.kind) && parsed?.success) {
      entries.push({ kind: 'letter-draft', value: { attendanceId: identity.attendanceId, kind: identity.kind, ...(identity.childId ? { childId: identity.childId } : {}), choices: parsed.data } });
      drafts += 1;
    } else skipped += 1;
    step();
  }
  let reviews = 0;
  for (const row of read.reviews) {
    const review = await openReview(unlocked, row);
    if (review && recordIds.has(review.attendanceId)) {
      entries.push({ kind: 'liaison-review', value: review });
      reviews += 1;
    } else skipped += 1;
    step();
  }
  const worklist = await readWorklistState(db, unlocked);
  if (worklist) entries.push({ kind: 'worklist', value: { ids: worklist.ids.filter((id) => recordIds.has(id)), rev: worklist.rev } });
  let events = 0;
  let headHash = GENESIS_HASH;
  // Each event as its hash covers it (audit-details.ts chainRows: the storage-only fields
  // dropped), and the words sealed since issue 11 as entries of their own.
  const hashedEvents = await chainRows(unlocked, read.audit);
  const readable = await readableEvents(unlocked, read.audit);
  for (const [index, row] of read.audit.entries()) {
    const words = readable[index]?.detail;
    if (row.sealedDetail && row.detailHashed !== true && words !== undefined && words !== UNREADABLE_DETAIL) entries.push({ kind: 'audit-words', value: { seq: row.seq, words } });
  }
  for (const row of hashedEvents) {
    const parsed = auditEventSchema.safeParse(row);
    if (!parsed.success) continue;
    entries.push({ kind: 'audit', value: parsed.data });
    headHash = parsed.data.hash;
    events += 1;
  }
  const counts: BackupCounts = { attendances: recordIds.size, letters, letterDrafts: drafts, liaisonReviews: reviews, auditEvents: events, staff: read.staff.length };
  return { entries, counts, headHash, skipped };
}

/** Encrypts the entries into a backup file under `passphrase`. */
export async function makeBackupFile(
  body: { entries: BackupEntry[]; counts: BackupCounts; headHash: string },
  tabletId: string,
  createdAt: string,
  passphrase: string,
  progress?: ExportProgress,
  iterations: number = BACKUP_MIN_ITERATIONS,
): Promise<{ parts: Uint8Array[]; header: BackupHeader }> {
  const plaintext = await gzip(utf8Bytes(body.entries.map((entry) => JSON.stringify(entry)).join('\n')));
  const chunkCount = Math.max(1, Math.ceil(plaintext.length / BACKUP_CHUNK_BYTES));
  let bodyBytes = 0;
  for (let index = 0; index < chunkCount; index += 1) bodyBytes += chunkFrameBytes(Math.min(BACKUP_CHUNK_BYTES, plaintext.length - index * BACKUP_CHUNK_BYTES));
  const salt = newBackupSalt();
  const keys = await deriveBackupKeys(passphrase, salt, iterations);
  const header: BackupHeader = {
    app: BACKUP_APP,
    format: BACKUP_FORMAT_VERSION,
    tabletId,
    createdAt,
    counts: body.counts,
    auditHeadHash: body.headHash,
    kdf: { name: 'PBKDF2-SHA-256', iterations, salt },
    passphraseCheck: await passphraseCheck(keys),
    compression: 'gzip',
    chunkCount,
    bodyBytes,
  };
  const headerBytes = utf8Bytes(JSON.stringify(header));
  const parts: Uint8Array[] = [fileStart(headerBytes)];
  for (let index = 0; index < chunkCount; index += 1) {
    const piece = plaintext.subarray(index * BACKUP_CHUNK_BYTES, (index + 1) * BACKUP_CHUNK_BYTES);
    parts.push(await encryptChunk(keys, headerBytes, index, index === chunkCount - 1, piece));
    progress?.(index + 1, chunkCount);
  }
  parts.push(await fileDigest(parts));
  return { parts, header };
}
