/**
 * Everything the sync API reads and writes, as SQL over `Database` (the same statements run on
 * PostgreSQL and PGlite). Every query is scoped to the calling tablet's department.
 *
 * Owns the rules of design §6 the server enforces: a stale revision is a conflict; a stored
 * revision of a signed record, a letter version or an audit event is never rewritten; each
 * tablet's audit chain is contiguous; a row id already held by another department is refused;
 * a push is one transaction, numbered from the department's sequence taken by
 * `UPDATE … RETURNING` (which also serialises the department's pushes), and its answer is kept
 * under its request id so a retry writes nothing twice; a tombstone purges its record's rows
 * and a purged row is never stored again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { asBytes, asNumber } from './db.ts';
import type { Database, Queryable } from './db.ts';
import { IMMUTABLE_KINDS, PURGEABLE_KINDS } from './schemas.ts';
import type { PushRow, RowKind } from './schemas.ts';

export const ENROLMENT_LIFETIME_MS = 10 * 60 * 1000;
export const RECEIPT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export interface Tablet {
  id: string;
  departmentId: string;
}

export type AuthResult = { ok: true; tablet: Tablet } | { ok: false; reason: 'unknown' | 'revoked' };

export async function authenticate(db: Database, credential: string): Promise<AuthResult> {
  const rows = await db.query<{ id: string; department_id: string; revoked_at: Date | null }>(
    'SELECT id, department_id, revoked_at FROM tablets WHERE credential_sha256 = $1',
    [sha256(credential)],
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  return { ok: true, tablet: { id: row.id, departmentId: row.department_id } };
}

/** A new department with its first tablet (the one whose nurse in charge switched sharing on). */
/**
 * Registers a tablet under the id it gave (its database id): false when that id or that
 * credential is already registered (the statement does nothing, so the transaction stays usable).
 */
async function insertTablet(tx: Queryable, tabletId: string, departmentId: string, credential: string, now: Date): Promise<boolean> {
  const inserted = await tx.query('INSERT INTO tablets (id, department_id, credential_sha256, enrolled_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1 AS ok', [tabletId, departmentId, sha256(credential), now]);
  return inserted.length === 1;
}

/** Thrown inside a transaction to roll it back when the tablet id is taken. */
class TabletIdTaken extends Error {}

/**
 * A new department with its first tablet (the one whose nurse in charge switched sharing on),
 * registered under the tablet's own id; 'tablet-id-taken' when a tablet already has that id.
 */
export async function createDepartment(db: Database, credential: string, tabletId: string, now: Date): Promise<{ departmentId: string; tabletId: string } | 'tablet-id-taken'> {
  const departmentId = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO departments (id, created_at) VALUES ($1, $2)', [departmentId, now]);
      await tx.query('INSERT INTO department_seq (department_id, last_seq) VALUES ($1, 0)', [departmentId]);
      if (!(await insertTablet(tx, tabletId, departmentId, credential, now))) throw new TabletIdTaken();
    });
  } catch (error) {
    if (error instanceof TabletIdTaken) return 'tablet-id-taken';
    throw error;
  }
  return { departmentId, tabletId };
}

async function deleteSpentEnrolments(tx: Queryable, now: Date): Promise<void> {
  await tx.query('DELETE FROM enrolments WHERE expires_at <= $1 OR used_at IS NOT NULL', [now]);
}

export async function createEnrolment(db: Database, tablet: Tablet, tokenSha256Hex: string, packageBytes: Buffer, now: Date): Promise<{ expiresAt: Date } | 'duplicate'> {
  const expiresAt = new Date(now.getTime() + ENROLMENT_LIFETIME_MS);
  return db.transaction(async (tx) => {
    await deleteSpentEnrolments(tx, now);
    const inserted = await tx.query(
      `INSERT INTO enrolments (token_sha256, department_id, created_by, package, expires_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_sha256) DO NOTHING RETURNING 1 AS ok`,
      [Buffer.from(tokenSha256Hex, 'hex'), tablet.departmentId, tablet.id, packageBytes, expiresAt],
    );
    return inserted.length === 1 ? { expiresAt } : 'duplicate';
  });
}

/**
 * Claims an enrolment: one statement marks it used only if it is unused, unexpired and made by
 * a tablet not since revoked (so two claims racing cannot both win, and a lost tablet's codes
 * die with it), and the new tablet is registered in the same transaction.
 */
export async function claimEnrolment(db: Database, token: string, credential: string, tabletId: string, now: Date): Promise<{ tabletId: string; departmentId: string; package: Buffer } | 'spent' | 'tablet-id-taken'> {
  try {
    return await claimInTransaction(db, token, credential, tabletId, now);
  } catch (error) {
    // The code stays unused: the claim's transaction was rolled back with the taken id.
    if (error instanceof TabletIdTaken) return 'tablet-id-taken';
    throw error;
  }
}

async function claimInTransaction(db: Database, token: string, credential: string, tabletId: string, now: Date): Promise<{ tabletId: string; departmentId: string; package: Buffer } | 'spent'> {
  return db.transaction(async (tx) => {
    const claimed = await tx.query<{ department_id: string; package: unknown }>(
      `UPDATE enrolments SET used_at = $2
       WHERE token_sha256 = $1 AND used_at IS NULL AND expires_at > $2
         AND created_by IN (SELECT id FROM tablets WHERE revoked_at IS NULL)
       RETURNING department_id, package`,
      [sha256(token), now],
    );
    const row = claimed[0];
    if (!row) {
      await deleteSpentEnrolments(tx, now);
      return 'spent' as const;
    }
    if (!(await insertTablet(tx, tabletId, row.department_id, credential, now))) throw new TabletIdTaken();
    return { tabletId, departmentId: row.department_id, package: asBytes(row.package) };
  });
}

export async function revokeTablet(db: Database, tablet: Tablet, targetId: string, now: Date): Promise<{ revokedAt: Date } | 'not-found'> {
  const rows = await db.query<{ revoked_at: Date }>(
    `UPDATE tablets SET revoked_at = COALESCE(revoked_at, $3)
     WHERE id = $1 AND department_id = $2 RETURNING revoked_at`,
    [targetId, tablet.departmentId, now],
  );
  const row = rows[0];
  return row ? { revokedAt: new Date(row.revoked_at) } : 'not-found';
}

export async function listTablets(db: Database, tablet: Tablet): Promise<{ tabletId: string; enrolledAt: string; revokedAt: string | null }[]> {
  const rows = await db.query<{ id: string; enrolled_at: Date; revoked_at: Date | null }>(
    'SELECT id, enrolled_at, revoked_at FROM tablets WHERE department_id = $1 ORDER BY enrolled_at, id',
    [tablet.departmentId],
  );
  return rows.map((row) => ({
    tabletId: row.id,
    enrolledAt: new Date(row.enrolled_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  }));
}

// --- Push -------------------------------------------------------------------------------

export type RowResult =
  | { kind: RowKind; rowId: string; revision: number; status: 'accepted'; seq: number }
  | { kind: RowKind; rowId: string; revision: number; status: 'conflict'; serverRevision: number }
  | { kind: RowKind; rowId: string; revision: number; status: 'refused'; reason: RefusalReason };

export type RefusalReason = 'immutable' | 'signed' | 'other-department' | 'audit-gap' | 'audit-rewrite' | 'purged';

export interface PushAnswer {
  requestId: string;
  results: RowResult[];
}

interface StoredRevision {
  revision: number;
  seq: unknown;
  sealed: unknown;
  signed: boolean;
  chain_seq: number | null;
  author_tablet: string;
}

/** Returns the stored answer for a request id already seen, or pushes and stores the answer. */
export async function push(db: Database, tablet: Tablet, requestId: string, rows: readonly PushRow[], now: Date): Promise<{ answer: PushAnswer; replayed: boolean }> {
  return db.transaction(async (tx) => {
    // Locks the department's sequence row for the whole transaction: pushes of one department
    // run one after another, so sequence numbers become visible in order, without gaps.
    // The receipt of a request already answered comes back in the same round trip.
    const locked = await tx.query<{ last_seq: unknown; receipt: string | null }>(
      `UPDATE department_seq SET last_seq = last_seq WHERE department_id = $1
       RETURNING last_seq, (SELECT result FROM push_receipts WHERE department_id = $1 AND tablet_id = $2 AND request_id = $3) AS receipt`,
      [tablet.departmentId, tablet.id, requestId],
    );
    const receipt = locked[0]?.receipt;
    if (typeof receipt === 'string') return { answer: JSON.parse(receipt) as PushAnswer, replayed: true };

    let seq = asNumber(locked[0]?.last_seq);
    const results: RowResult[] = [];
    for (const row of rows) {
      const sealed = Buffer.from(row.sealed, 'base64url');
      const head = { kind: row.kind, rowId: row.rowId, revision: row.revision };
      // This row's revisions here, and whether any other department holds its id: one query.
      const found = await tx.query<StoredRevision & { department_id: string }>(
        `SELECT department_id, revision, seq, sealed, signed, chain_seq, author_tablet FROM rows
         WHERE kind = $1 AND row_id = $2 ORDER BY revision DESC`,
        [row.kind, row.rowId],
      );
      const stored = found.filter((revision) => revision.department_id === tablet.departmentId);
      const latest = stored[0];
      const same = stored.find((revision) => revision.revision === row.revision);
      if (same) {
        if (asBytes(same.sealed).equals(sealed)) {
          results.push({ ...head, status: 'accepted', seq: asNumber(same.seq) });
        } else if (IMMUTABLE_KINDS.has(row.kind) || same.signed) {
          results.push({ ...head, status: 'refused', reason: 'immutable' });
        } else {
          results.push({ ...head, status: 'conflict', serverRevision: latest?.revision ?? 0 });
        }
        continue;
      }
      if (!latest && found.length > 0) {
        results.push({ ...head, status: 'refused', reason: 'other-department' });
        continue;
      }
      if (!latest && (PURGEABLE as ReadonlySet<string>).has(row.kind)) {
        const owner = attachedTo(row);
        const purged = await tx.query(
          'SELECT 1 FROM purged_rows WHERE department_id = $1 AND ((kind = $2 AND row_id = $3) OR (kind = $4 AND row_id = $5))',
          [tablet.departmentId, row.kind, row.rowId, 'attendance', owner ?? ''],
        );
        if (purged.length > 0) {
          results.push({ ...head, status: 'refused', reason: 'purged' });
          continue;
        }
      }
      const serverRevision = latest?.revision ?? 0;
      if ((row.baseRevision ?? 0) !== serverRevision || row.revision <= serverRevision) {
        results.push({ ...head, status: 'conflict', serverRevision });
        continue;
      }
      if (latest?.signed === true && row.signed !== true) {
        results.push({ ...head, status: 'refused', reason: 'signed' });
        continue;
      }
      let author = tablet.id;
      if (row.kind === 'audit-event') {
        const refusal = await auditChainRefusal(tx, tablet, row, latest);
        if (refusal) {
          results.push({ ...head, status: 'refused', reason: refusal });
          continue;
        }
        // A re-sealed revision (re-keying, design §8) stays in its author's chain.
        if (latest) author = latest.author_tablet;
      }
      seq += 1;
      await tx.query(
        `INSERT INTO rows (department_id, kind, row_id, revision, author_tablet, seq, sealed, nhs_index, name_dob_index, signed, chain_seq, size, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [tablet.departmentId, row.kind, row.rowId, row.revision, author, seq, sealed, row.nhsIndex ?? null, row.nameDobIndex ?? null, row.signed === true, row.chainSeq ?? null, sealed.length, now],
      );
      if (row.kind === 'tombstone' && !latest) await purge(tx, tablet, row, now);
      results.push({ ...head, status: 'accepted', seq });
    }
    const answer: PushAnswer = { requestId, results };
    await tx.query(
      `WITH advanced AS (UPDATE department_seq SET last_seq = $6 WHERE department_id = $1)
       INSERT INTO push_receipts (department_id, tablet_id, request_id, result, at) VALUES ($1, $2, $3, $4, $5)`,
      [tablet.departmentId, tablet.id, requestId, JSON.stringify(answer), now, seq],
    );
    return { answer, replayed: false };
  }).finally(() => sweepReceipts(db, now).catch(() => undefined));
}

let lastSweep = 0;

/** Receipts older than 7 days are deleted, at most once a minute per process, outside the push. */
async function sweepReceipts(db: Database, now: Date): Promise<void> {
  if (now.getTime() - lastSweep < 60_000 && now.getTime() >= lastSweep) return;
  lastSweep = now.getTime();
  await db.query('DELETE FROM push_receipts WHERE at < $1', [new Date(now.getTime() - RECEIPT_LIFETIME_MS)]);
}

const PURGEABLE: ReadonlySet<RowKind> = new Set<RowKind>(PURGEABLE_KINDS);

/**
 * A `draft` row whose id is `<record id>:<anything>` (a conflict addendum: the tablets name it
 * `<attendance>:conflict:<tablet>:<revision>`) belongs to that record: a tombstone deletes it
 * with the record, and one pushed after the purge is refused. Its author may not hold the
 * record's other rows, so the purging tablet cannot list every such row in `purges`.
 */
function attachedTo(row: Pick<PushRow, 'kind' | 'rowId'>): string | undefined {
  if (row.kind !== 'draft') return undefined;
  const at = row.rowId.indexOf(':');
  return at > 0 ? row.rowId.slice(0, at) : undefined;
}

/**
 * A tombstone deletes the record's rows (those with the tombstone's id, and those it lists)
 * and remembers their ids, so a purged row pushed again later is refused. The stub and the
 * tombstone stay (design §6).
 */
async function purge(tx: Queryable, tablet: Tablet, tombstone: PushRow, now: Date): Promise<void> {
  const targets = [...PURGEABLE_KINDS.map((kind) => ({ kind, rowId: tombstone.rowId })), ...(tombstone.purges ?? [])];
  for (const target of targets) {
    await tx.query('DELETE FROM rows WHERE department_id = $1 AND kind = $2 AND row_id = $3', [tablet.departmentId, target.kind, target.rowId]);
    await tx.query(
      'INSERT INTO purged_rows (department_id, kind, row_id, purged_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [tablet.departmentId, target.kind, target.rowId, now],
    );
  }
  await tx.query("DELETE FROM rows WHERE department_id = $1 AND kind = 'draft' AND left(row_id, $3) = $2", [tablet.departmentId, `${tombstone.rowId}:`, tombstone.rowId.length + 1]);
  await tx.query('DELETE FROM leases WHERE department_id = $1 AND row_id = $2', [tablet.departmentId, tombstone.rowId]);
}

/** Each tablet's audit chain is append-only and contiguous: 1, 2, 3, … with no gap or rewrite. */
async function auditChainRefusal(tx: Queryable, tablet: Tablet, row: PushRow, latest: StoredRevision | undefined): Promise<RefusalReason | undefined> {
  if (latest) return latest.chain_seq === row.chainSeq ? undefined : 'audit-rewrite';
  const max = await tx.query<{ max: number | null }>(
    `SELECT max(chain_seq) AS max FROM rows WHERE department_id = $1 AND kind = 'audit-event' AND author_tablet = $2`,
    [tablet.departmentId, tablet.id],
  );
  const highest = max[0]?.max ?? 0;
  const chainSeq = row.chainSeq ?? 0;
  if (chainSeq <= highest) return 'audit-rewrite';
  if (chainSeq > highest + 1) return 'audit-gap';
  return undefined;
}

// --- Pull and rows on demand --------------------------------------------------------------

export interface PulledRow {
  kind: RowKind;
  rowId: string;
  revision: number;
  seq: number;
  authorTablet: string;
  sealed: string;
  nhsIndex: string | null;
  nameDobIndex: string | null;
  signed: boolean;
  chainSeq: number | null;
  receivedAt: string;
}

interface RowRecord {
  kind: RowKind;
  row_id: string;
  revision: number;
  seq: unknown;
  author_tablet: string;
  sealed: unknown;
  nhs_index: string | null;
  name_dob_index: string | null;
  signed: boolean;
  chain_seq: number | null;
  received_at: Date;
}

const ROW_COLUMNS = 'kind, row_id, revision, seq, author_tablet, sealed, nhs_index, name_dob_index, signed, chain_seq, received_at';

function toPulled(row: RowRecord): PulledRow {
  return {
    kind: row.kind,
    rowId: row.row_id,
    revision: row.revision,
    seq: asNumber(row.seq),
    authorTablet: row.author_tablet,
    sealed: asBytes(row.sealed).toString('base64url'),
    nhsIndex: row.nhs_index,
    nameDobIndex: row.name_dob_index,
    signed: row.signed,
    chainSeq: row.chain_seq,
    receivedAt: new Date(row.received_at).toISOString(),
  };
}

export async function pull(db: Database, tablet: Tablet, after: number, limit: number, kinds: readonly RowKind[] | undefined): Promise<{ rows: PulledRow[]; cursor: number; more: boolean }> {
  const params: unknown[] = [tablet.departmentId, after, limit + 1];
  let filter = '';
  if (kinds) {
    params.push(kinds.join(','));
    filter = `AND kind = ANY (string_to_array($4, ','))`;
  }
  const rows = await db.query<RowRecord>(
    `SELECT ${ROW_COLUMNS} FROM rows WHERE department_id = $1 AND seq > $2::bigint ${filter} ORDER BY seq LIMIT $3`,
    params,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit).map(toPulled);
  const last = page[page.length - 1];
  return { rows: page, cursor: last ? last.seq : after, more };
}

export async function rowRevisions(db: Database, tablet: Tablet, kind: RowKind, rowId: string): Promise<PulledRow[]> {
  const rows = await db.query<RowRecord>(
    `SELECT ${ROW_COLUMNS} FROM rows WHERE department_id = $1 AND kind = $2 AND row_id = $3 ORDER BY revision`,
    [tablet.departmentId, kind, rowId],
  );
  return rows.map(toPulled);
}

/**
 * Where the department stands now: its newest sequence number and, per tablet, the newest
 * position of its audit chain held. One statement, so both are of one snapshot. A tablet
 * that starts holding the department's chains anchors there (design §6, "Where the built audit
 * chains travel differs"), and so never pulls a year of every tablet's events.
 */
export async function auditHeads(db: Database, tablet: Tablet): Promise<{ seq: number; chains: { tabletId: string; chainSeq: number }[] }> {
  const rows = await db.query<{ seq: string | number | null; tablet_id: string | null; chain_seq: number | null }>(
    `SELECT s.last_seq AS seq, t.id AS tablet_id,
       (SELECT max(r.chain_seq) FROM rows r WHERE r.department_id = $1 AND r.kind = 'audit-event' AND r.author_tablet = t.id) AS chain_seq
     FROM department_seq s LEFT JOIN tablets t ON t.department_id = s.department_id
     WHERE s.department_id = $1 ORDER BY t.id`,
    [tablet.departmentId],
  );
  const chains = rows.flatMap((row) => (row.tablet_id !== null && row.chain_seq !== null ? [{ tabletId: row.tablet_id, chainSeq: row.chain_seq }] : []));
  return { seq: asNumber(rows[0]?.seq ?? 0), chains };
}

// --- Leases ----------------------------------------------------------------------------------

export interface Lease {
  rowId: string;
  tabletId: string;
  holder: string;
  expiresAt: string;
}

export type LeaseAction = 'take' | 'renew' | 'release' | 'take-over';
export type LeaseOutcome =
  | { status: 'held'; lease: Lease; previous?: Lease }
  | { status: 'released' }
  | { status: 'refused'; reason: 'held-by-another' | 'not-held'; lease: Lease | null };

interface LeaseRecord {
  row_id: string;
  tablet_id: string;
  holder: string;
  expires_at: Date;
}

function toLease(row: LeaseRecord): Lease {
  return { rowId: row.row_id, tabletId: row.tablet_id, holder: row.holder, expiresAt: new Date(row.expires_at).toISOString() };
}

export async function currentLease(db: Queryable, tablet: Tablet, rowId: string, now: Date): Promise<Lease | null> {
  const rows = await db.query<LeaseRecord>(
    'SELECT row_id, tablet_id, holder, expires_at FROM leases WHERE department_id = $1 AND row_id = $2 AND expires_at > $3',
    [tablet.departmentId, rowId, now],
  );
  return rows[0] ? toLease(rows[0]) : null;
}

/**
 * take: granted when no live lease exists or this tablet holds it; renew: only by the holder
 * of a live lease; release: by the holder (no-op otherwise); take-over: always granted (the
 * app allows it only to the nurse in charge: the server cannot know a role, design §6).
 */
export async function leaseAction(db: Database, tablet: Tablet, rowId: string, action: LeaseAction, holder: string, ttlSeconds: number, now: Date): Promise<LeaseOutcome> {
  return db.transaction(async (tx) => {
    const locked = await tx.query<LeaseRecord>(
      'SELECT row_id, tablet_id, holder, expires_at FROM leases WHERE department_id = $1 AND row_id = $2 FOR UPDATE',
      [tablet.departmentId, rowId],
    );
    const existing = locked[0];
    const live = existing && new Date(existing.expires_at).getTime() > now.getTime() ? toLease(existing) : null;
    const mine = live !== null && live.tabletId === tablet.id;
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    const write = async (): Promise<Lease> => {
      const rows = await tx.query<LeaseRecord>(
        `INSERT INTO leases (department_id, row_id, tablet_id, holder, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (department_id, row_id) DO UPDATE SET tablet_id = EXCLUDED.tablet_id, holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         RETURNING row_id, tablet_id, holder, expires_at`,
        [tablet.departmentId, rowId, tablet.id, holder, expiresAt],
      );
      return toLease(rows[0] as LeaseRecord);
    };
    switch (action) {
      case 'take':
        if (live && !mine) return { status: 'refused', reason: 'held-by-another', lease: live };
        return { status: 'held', lease: await write() };
      case 'renew':
        if (!mine) return { status: 'refused', reason: 'not-held', lease: live };
        return { status: 'held', lease: await write() };
      case 'release':
        if (mine) await tx.query('DELETE FROM leases WHERE department_id = $1 AND row_id = $2', [tablet.departmentId, rowId]);
        return { status: 'released' };
      case 'take-over': {
        const lease = await write();
        return live && !mine ? { status: 'held', lease, previous: live } : { status: 'held', lease };
      }
    }
  });
}
