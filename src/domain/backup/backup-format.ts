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
  /** The body is gzip-compressed JSON lines before it is encrypted. */
  compression: z.literal('gzip'),
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
  // Issue 11: the member's key pair (its private key sealed under their PIN's key) and the
  // device secret sealed to it. After a re-key their wrap is empty until they next unlock, and
  // these are what opens the secret for them; optional, so files from before still read.
  keyPair: z.optional(z.strictObject({ alg: z.literal('ECDH-P-256'), publicKey: base64Url, iv: base64Url, privateKey: base64Url })),
  secretForKey: z.optional(
    z.strictObject({ alg: z.literal('ECDH-ES-P-256+HKDF-SHA-256+A256GCM'), epoch: z.number().check(z.int(), z.minimum(1)), ephemeralKey: base64Url, iv: base64Url, ciphertext: base64Url }),
  ),
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
  // The words of an event about a patient, sealed on the tablet since issue 11 (the event's hash covers its clear part only).
  z.strictObject({ kind: z.literal('audit-words'), value: z.strictObject({ seq: z.number().check(z.int(), z.minimum(1)), words: z.string() }) }),
]);
export type BackupEntry = z.infer<typeof backupEntrySchema>;
