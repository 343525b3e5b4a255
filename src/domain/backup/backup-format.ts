/**
 * The backup file as the domain knows it (issue 13; docs/backup.md): the clear header every
 * chunk authenticates (format version, tablet id, created time, counts, audit head hash, the
 * key derivation and a passphrase check), and the entries of the encrypted body, each
 * parsed with the schema its data has in the app. Storage frames, encrypts and writes; this
 * module only says what a valid header and a valid entry are, and in what words each refused
 * file is explained.
 *
 * Pure: no clock, no I/O, no crypto.
 */
import * as z from 'zod/mini';
import { assessmentRecordSchema } from '../assessment/record';
import { auditEventSchema, sha256HexSchema } from '../audit/events';
import { issuedLetterSchema, letterChoicesSchema } from '../letters/issued';
import { letterKindSchema } from '../letters/model';
import { liaisonReviewRecordSchema } from '../liaison/liaison-review';

/** The format this release writes and the newest it reads. A file with a higher number is refused, never guessed at. */
export const BACKUP_FORMAT_VERSION = 1;

/** Names the app in the header, so a header from another program is not taken for ours. */
export const BACKUP_APP = 'safeguarding-triage';

/** The fewest and most PBKDF2-SHA-256 iterations a backup may use (OWASP 2023 minimum; a cap so a planted header cannot freeze the tablet). */
export const BACKUP_MIN_ITERATIONS = 600_000;
export const BACKUP_MAX_ITERATIONS = 10_000_000;

const base64Url = z.string().check(z.regex(/^[A-Za-z0-9_-]*$/, 'Expected base64url text.'));
const count = z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER));

/** How many of each thing the body holds: checked against the body on restore, and shown before restoring. */
export const backupCountsSchema = z.strictObject({
  attendances: count,
  letters: count,
  letterDrafts: count,
  liaisonReviews: count,
  auditEvents: count,
  staff: count,
});
export type BackupCounts = z.infer<typeof backupCountsSchema>;

/**
 * Read first, loosely: only the format number. A newer release may add header fields, and a
 * file it made must be refused as "newer", not as "damaged".
 */
export const backupFormatProbeSchema = z.looseObject({ app: z.literal(BACKUP_APP), format: z.number().check(z.int(), z.minimum(1)) });

export const backupHeaderSchema = z.strictObject({
  app: z.literal(BACKUP_APP),
  format: z.literal(BACKUP_FORMAT_VERSION),
  /** The device id of the tablet the backup was made on. */
  tabletId: z.string().check(z.minLength(1), z.maxLength(200)),
  createdAt: z.iso.datetime(),
  counts: backupCountsSchema,
  /** The newest audit event's hash when the backup was made (64 zeros for an empty trail). */
  auditHeadHash: sha256HexSchema,
  kdf: z.strictObject({
    name: z.literal('PBKDF2-SHA-256'),
    iterations: z.number().check(z.int(), z.minimum(BACKUP_MIN_ITERATIONS), z.maximum(BACKUP_MAX_ITERATIONS)),
    /** 16 random bytes, base64url. */
    salt: base64Url.check(z.length(22)),
  }),
  /** A keyed check of the passphrase (base64url): tells a wrong passphrase apart from a changed file. */
  passphraseCheck: base64Url.check(z.length(22)),
  chunkCount: z.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)),
  /** Bytes of every chunk frame together: a shorter file is an incomplete copy. */
  bodyBytes: z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/** A member of staff as the backup carries them: the clear row, with the wrapped device secret's bytes as base64url. */
export const backupStaffSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  role: z.enum(['triage-nurse', 'nurse-in-charge', 'paediatric-liaison']),
  staffGroup: z.string(),
  agencyName: z.string(),
  registrationNumber: z.string(),
  secretKind: z.enum(['pin', 'passphrase']),
  wrapped: z.strictObject({ kdf: z.literal('PBKDF2-SHA-256'), salt: base64Url, iterations: z.number().check(z.int()), iv: base64Url, ciphertext: base64Url }),
  active: z.union([z.literal(0), z.literal(1)]),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type BackupStaff = z.infer<typeof backupStaffSchema>;

/**
 * The tablet itself: its id, when it was set up, its key check, the device secret (so a
 * restore onto a new tablet keeps every PIN working; the whole file is encrypted under the
 * backup passphrase: SECURITY.md), the settings and the licensed-wording content files.
 */
export const backupDeviceSchema = z.strictObject({
  deviceId: z.string().check(z.minLength(1)),
  createdAt: z.string(),
  keyCheck: z.string().check(z.minLength(1)),
  secret: base64Url.check(z.length(43)),
  settings: z.unknown(),
  contentFiles: z.record(z.string(), z.unknown()),
});
export type BackupDevice = z.infer<typeof backupDeviceSchema>;

/** One line of the body. The record keeps its revision: restored rows are sealed at the same revision, so the restored trail's revisions still hold. */
export const backupEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device'), value: backupDeviceSchema }),
  z.strictObject({ kind: z.literal('staff'), value: backupStaffSchema }),
  z.strictObject({ kind: z.literal('attendance'), value: z.strictObject({ rev: z.number().check(z.int(), z.minimum(1)), record: assessmentRecordSchema }) }),
  z.strictObject({ kind: z.literal('letter'), value: issuedLetterSchema }),
  z.strictObject({
    kind: z.literal('letter-draft'),
    value: z.strictObject({ attendanceId: z.string().check(z.minLength(1)), kind: letterKindSchema, childId: z.optional(z.string().check(z.minLength(1))), choices: letterChoicesSchema }),
  }),
  z.strictObject({ kind: z.literal('liaison-review'), value: liaisonReviewRecordSchema }),
  z.strictObject({ kind: z.literal('worklist'), value: z.strictObject({ ids: z.array(z.string()), rev: z.number().check(z.int(), z.minimum(0)) }) }),
  z.strictObject({ kind: z.literal('audit'), value: auditEventSchema }),
]);
export type BackupEntry = z.infer<typeof backupEntrySchema>;

/** Why a file was not restored. Each is a plain message; none changes anything on the tablet. */
export type BackupRefusal =
  | 'empty'
  | 'json-not-ours'
  | 'not-ours'
  | 'newer-version'
  | 'truncated'
  | 'reordered'
  | 'changed'
  | 'wrong-passphrase'
  | 'same-tablet'
  | 'not-restorable-here';

const NOTHING_CHANGED = 'Nothing on this tablet has been changed.';

export const backupRefusalMessages: Record<BackupRefusal, string> = {
  empty: `The file is empty. It may not have finished copying: copy the backup file again from where it was saved. ${NOTHING_CHANGED}`,
  'json-not-ours': `This file is a JSON file, not a backup made by this app. Choose the backup file made from Settings, Back up this tablet. ${NOTHING_CHANGED}`,
  'not-ours': `This file is not a backup made by this app. Choose the backup file made from Settings, Back up this tablet. ${NOTHING_CHANGED}`,
  'newer-version': `This backup was made by a newer version of the app. Accept the update on this tablet first, then restore the backup. ${NOTHING_CHANGED}`,
  truncated: `This backup file is incomplete: it ends before its last part. It may not have finished downloading or copying: copy it again from where it was saved. ${NOTHING_CHANGED}`,
  reordered: `The parts of this backup file are out of order, so it has been changed since it was made and cannot be trusted. ${NOTHING_CHANGED}`,
  changed: `This backup file has been changed or damaged since it was made, so it cannot be trusted. Use another copy of the backup. ${NOTHING_CHANGED}`,
  'wrong-passphrase': `The backup passphrase is not right. Check each word and the spaces between them, then try again. ${NOTHING_CHANGED}`,
  'same-tablet': `This backup was made on this tablet, and its records are already here. Restoring it again would bring back older copies and a second copy of the audit trail. ${NOTHING_CHANGED}`,
  'not-restorable-here': `A backup can be restored on the set-up screen of a new tablet, or by the nurse in charge of a tablet in use. ${NOTHING_CHANGED}`,
};

/** The shortest chosen backup passphrase: long enough that words, not a single word, are needed. */
export const MIN_BACKUP_PASSPHRASE_LENGTH = 24;
/** Fewest different words (of three or more letters) in a chosen passphrase made of words. */
export const MIN_BACKUP_PASSPHRASE_WORDS = 6;

/**
 * Why a passphrase chosen by the nurse in charge is refused, or undefined when it is strong
 * enough. A backup file leaves the tablet and its only protection against someone guessing
 * offline is this passphrase (PBKDF2 slows each guess, nothing else does), so the bar is the
 * generated one's: six or more different words, or 24 or more characters that are not one
 * character or a short piece repeated.
 */
export function backupPassphraseProblem(passphrase: string): string | undefined {
  const text = passphrase.normalize('NFC').trim();
  if (text === '') return 'Enter a backup passphrase, or use the one generated for you';
  const words = new Set(text.toLowerCase().split(/[\s\-_.,]+/).filter((word) => word.length >= 3));
  if (words.size >= MIN_BACKUP_PASSPHRASE_WORDS) return undefined;
  if (text.length < MIN_BACKUP_PASSPHRASE_LENGTH) {
    return `Backup passphrase must be at least ${String(MIN_BACKUP_PASSPHRASE_WORDS)} different words, or at least ${String(MIN_BACKUP_PASSPHRASE_LENGTH)} characters`;
  }
  if (new Set(text).size < 8 || /^(.{1,6})\1+$/.test(text)) return 'Backup passphrase is a short piece repeated: use the generated one or six different words';
  return undefined;
}

/** How many words a generated passphrase has: seven from the list of about 1,900 words is about 76 bits (docs/backup.md). */
export const GENERATED_PASSPHRASE_WORDS = 7;

/**
 * A passphrase of `GENERATED_PASSPHRASE_WORDS` words, each drawn uniformly from `words` with
 * `randomBelow` (the caller passes a cryptographic source; tests pass a fixed one).
 */
export function generatePassphrase(words: readonly string[], randomBelow: (limit: number) => number): string {
  const picked: string[] = [];
  for (let index = 0; index < GENERATED_PASSPHRASE_WORDS; index += 1) picked.push(words[randomBelow(words.length)] ?? '');
  return picked.join(' ');
}

/**
 * The home screen reminds the nurse in charge when the newest backup (or, before the first,
 * the set-up) is `reminderDays` or more days old. PRODUCT.md section 8: a lost tablet loses
 * every unissued letter and pending referral it holds, unless it was backed up.
 */
export function backupReminderDue(lastBackupAt: string | undefined, setUpAt: string, now: string, reminderDays: number): { due: boolean; daysSince: number; never: boolean } {
  const since = Date.parse(lastBackupAt ?? setUpAt);
  const daysSince = Number.isNaN(since) ? reminderDays : Math.floor((Date.parse(now) - since) / 86_400_000);
  return { due: daysSince >= reminderDays, daysSince: Math.max(0, daysSince), never: lastBackupAt === undefined };
}
