/**
 * The bodies and query strings of the sync API (`/api/v1`), as zod schemas: every request is
 * parsed here before anything reads it. Sealed values and packages travel as base64url text
 * and are stored as bytes; the server never parses them (zero knowledge, design §4).
 */
import { z } from 'zod';

export const ROW_KINDS = ['attendance', 'summary', 'letter-version', 'draft', 'liaison-review', 'audit-event', 'staff', 'settings', 'stub', 'tombstone'] as const;
export const rowKind = z.enum(ROW_KINDS);
export type RowKind = z.infer<typeof rowKind>;

/**
 * The rows of a record a purge deletes (design §6, issue 13): the stub and the tombstone stay,
 * and audit chains, staff and settings are not a record's rows.
 */
export const PURGEABLE_KINDS = ['attendance', 'summary', 'letter-version', 'draft', 'liaison-review'] as const;

/** Kinds whose stored revisions can never be rewritten (design §6). */
export const IMMUTABLE_KINDS: ReadonlySet<RowKind> = new Set<RowKind>(['letter-version', 'audit-event']);

export const MAX_PUSH_ROWS = 500;
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

const base64url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'base64url');
/** 32 random bytes as base64url without padding: tablet credentials and enrolment tokens. */
export const secret256 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes as base64url');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as lower-case hex');
/** The app's random ids and HMAC-derived letter ids: opaque, printable, bounded. */
export const rowIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'an opaque id');
const blindIndexSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'a blind index (base64url)');

export const pushRowSchema = z
  .object({
    kind: rowKind,
    rowId: rowIdSchema,
    revision: z.number().int().min(1).max(2_000_000_000),
    baseRevision: z.number().int().min(0).max(2_000_000_000).nullable(),
    sealed: base64url.min(1),
    nhsIndex: blindIndexSchema.optional(),
    nameDobIndex: blindIndexSchema.optional(),
    /** A signed (finished) record: its revisions are immutable from then on. */
    signed: z.boolean().optional(),
    /** An audit event's place in its author tablet's chain (1, 2, 3, …). */
    chainSeq: z.number().int().min(1).max(2_000_000_000).optional(),
    /** A tombstone's other rows of the purged record (letters, drafts: ids the server cannot link). */
    purges: z.array(z.object({ kind: z.enum(PURGEABLE_KINDS), rowId: rowIdSchema }).strict()).max(500).optional(),
  })
  .strict()
  .refine((row) => (row.kind === 'audit-event') === (row.chainSeq !== undefined), {
    message: 'chainSeq is given for audit events and only for them',
  })
  .refine((row) => row.purges === undefined || row.kind === 'tombstone', { message: 'purges is given for tombstones only' });
export type PushRow = z.infer<typeof pushRowSchema>;

/** Row count is checked in the handler, so that more than 500 rows is a 413 like more than 4 MB. */
export const pushBodySchema = z.object({ requestId: z.uuid(), rows: z.array(pushRowSchema).min(1) }).strict();

export const pullQuerySchema = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(2000).default(500),
    kinds: z
      .string()
      .optional()
      .transform((text, context) => {
        if (text === undefined || text === '') return undefined;
        const parts = text.split(',');
        const parsed = z.array(rowKind).safeParse(parts);
        if (!parsed.success) {
          context.addIssue({ code: 'custom', message: `kinds: one or more of ${ROW_KINDS.join(', ')}` });
          return z.NEVER;
        }
        return parsed.data;
      }),
  })
  .strict();

export const rowParamsSchema = z.object({ kind: rowKind, rowId: rowIdSchema }).strict();
export const leaseParamsSchema = z.object({ rowId: rowIdSchema }).strict();
export const tabletParamsSchema = z.object({ id: rowIdSchema }).strict();

export const leaseBodySchema = z
  .object({
    action: z.enum(['take', 'renew', 'release', 'take-over']),
    /** Opaque staff id of the person editing: shown on other tablets, never read by the server. */
    holder: z.string().min(1).max(128),
    /** The tablet's idle-lock time: a lease not renewed within it expires. */
    ttlSeconds: z.number().int().min(30).max(3600).default(300),
  })
  .strict();

/**
 * A tablet's id is its own database id (the author tablet in every sealed row's additional
 * data), so the tablet gives it: the same syntax as row ids.
 */
export const tabletIdSchema = rowIdSchema;

export const createDepartmentBodySchema = z.object({ credential: secret256, tabletId: tabletIdSchema }).strict();

export const createEnrolmentBodySchema = z
  .object({
    tokenSha256: sha256Hex,
    /** Sealed under the enrolment wrapping key; relayed, never opened. At most 1 MB. */
    package: base64url.min(1).max(1_400_000),
  })
  .strict();

export const claimEnrolmentBodySchema = z.object({ token: secret256, credential: secret256, tabletId: tabletIdSchema }).strict();
