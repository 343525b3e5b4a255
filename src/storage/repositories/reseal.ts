/**
 * The re-seal job: brings every sealed row to (current format, current key epoch)
 * (crypto/sealed-row), in the background after unlock (issue 11 clarification: "sealing
 * fields that are clear today needs a resumable re-seal job that runs after unlock (a Dexie
 * upgrade runs before any key exists)").
 *
 * It is the re-seal half of re-keying (rekey.ts): a re-key gives the vault the new epoch's
 * keys, which every write uses, and keeps the old epoch's to open what was written before.
 * The target is (ROW_FORMAT, the keys' epoch), so this job, finding every box of the old
 * epoch "not current", opens each with the old key and seals it with the new one. Progress
 * is keyed by (format, epoch), so a new target starts again from the first row. While a
 * re-key is pending it also moves everything else derived from the old secret:
 * - keyed hashes: each attendance's blind indexes (worked out again from the opened record),
 *   each letter's identity index, each stub's indexes (from the look-up values sealed with
 *   it), and unfinished letters' drafts (moved to the key the new index key names);
 * - the sealed per-day index rows, stubs and imported audit chains;
 * - the audit trail: each event MAC'd under the old audit key is MAC'd again under the new
 *   one (its hash, sequence number and words are unchanged), SECURITY.md "Re-keying" says why
 *   this rather than keeping the old key.
 * When every stage is done it completes the re-key in one transaction (rekey-complete.ts).
 *
 * How it behaves (modelled on summary-rebuild.ts):
 * - Stages, one table after another (attendances, letters, meta, liaison reviews, day rows,
 *   stubs, audit),
 *   each visited in primary-key order in small batches. The position reached is written
 *   with each batch, in the same transaction as the batch's rows, so a closed tab, a lock or
 *   a crash resumes where it stopped. Once every stage is done the marker says so for this
 *   target, and later unlocks cost one read.
 * - Never blocks: started without being awaited after unlock, yields between batches, stops
 *   when the tablet locks (the keys are gone) and resumes at the next unlock. One tab at a
 *   time (a Web Lock).
 * - Never changes what a row says: every value is opened and sealed again as it is, at the
 *   revision it has. All WebCrypto work happens before the batch's transaction; inside it,
 *   a row is written only if it is still the one that was read (same revision, same box), so
 *   a save made meanwhile in another tab wins and is already in the current format.
 * - A row that cannot be opened is left as it is and counted: opening it shows the
 *   "damaged" message as before, and the job does not stop for it.
 *
 * The marker holds the target format and epoch, a stage name and an opaque key: nothing
 * about a patient.
 */
import type { AssessmentRecord } from '../../domain/assessment/record';
import { isLetterKind, letterKinds } from '../../domain/letters/kinds';
import type { LetterIdentity, LetterKind } from '../../domain/letters/kinds';
import { macAuditHash, verifyAuditMac } from '../crypto/audit-mac';
import { ROW_FORMAT, epochOf, isCurrentRow, openRow, sealRow } from '../crypto/sealed-row';
import type { AttendanceDayRow, AttendanceRow, AuditRow, LetterRow, LiaisonReviewRow, MetaRow, RetainedStubRow } from '../db';
import { clearDetailOf, detailAddress, detailIsSealed, sealDetail } from './audit-details';
import { IndexCache, openRowPart, sealAttendancePart, WORKLIST_ADDRESS, WORKLIST_KEY, worklistAad } from './attendance-crypto';
import { blindIndexInputs } from './attendance-writes';
import { resealDayRow } from './day-index';
import { importedChainAad, IMPORTED_CHAIN_PREFIX } from '../backup/imported-chain-keys';
import { isSealed, open as openSealed, seal } from '../crypto/codec';
import { resealStub } from './retention-purge';
import type { StorageContext } from './context';
import { letterAad, letterAddress, letterDraftAad, letterDraftAddress, letterDraftKey, letterIdentityIndex, letterIdentityOf } from './letter-rows';
import { liaisonReviewAad, liaisonReviewAddress } from './liaison-repository';
import { tryHoldLock } from './locks';
import { completeRekey } from './rekey-complete';
import { publishResealProgress } from './rekey-progress';
import { readPendingRekey } from './staff-keys';
import type { Unlocked } from './vault';

/** The meta row that records progress (clear: the target, a stage name and an opaque key). */
export const RESEAL_KEY = 'reseal:progress';
/** Held by the tab that re-seals, so two tabs never do the same work. */
export const RESEAL_LOCK = 'safeguarding-triage:reseal';
/** Rows per batch: a batch of attendances seals in a few tens of milliseconds on a tablet. */
export const RESEAL_BATCH = 50;

const STAGES = ['attendances', 'letters', 'meta', 'liaisonReviews', 'attendanceDays', 'retainedStubs', 'audit'] as const;
type StageName = (typeof STAGES)[number];

interface Progress {
  format: number;
  epoch: number;
  stage: StageName;
  /** The last primary key visited in this stage; null before its first batch. */
  after: string | null;
  done: boolean;
}

export interface ResealResult {
  /** 'done': every row is current; 'stopped': locked or told to stop, resumes later; 'busy': another tab is re-sealing. */
  status: 'done' | 'stopped' | 'busy';
  checked: number;
  resealed: number;
  /** Rows that could not be opened (left unchanged). */
  unreadable: number;
  /** Set when this run completed a pending re-key (rekey-complete.ts): the epoch the tablet is now in. */
  rekeyed?: number;
}

/** How far the job has got, for the staff page while a re-key is pending: attendances visited of all. */
export interface ResealProgress {
  done: number;
  total: number;
}

export interface ResealOptions {
  batchSize?: number;
  /** Between batches: by default a macrotask, so input and rendering go first. */
  pause?: () => Promise<void>;
  /** Asked before each row and batch; true stops the job (it resumes at the next run). */
  shouldStop?: () => boolean;
  /** After a batch is sealed, before it is written: where tests save a row meanwhile, as another tab could. */
  beforeWrite?: () => Promise<void>;
  /** After each batch of attendances while a re-key is pending: how many of all are done. */
  onProgress?: (progress: ResealProgress) => void;
  /** Before the re-key completes (tests: a crash there leaves every stage done and nothing finalized). */
  beforeComplete?: () => Promise<void>;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const first = (epoch: number): Progress => ({ format: ROW_FORMAT, epoch, stage: STAGES[0], after: null, done: false });

function readProgress(value: unknown, target: number): Progress {
  if (typeof value === 'object' && value !== null) {
    const { format, epoch, stage, after, done } = value as Record<string, unknown>;
    if (format === ROW_FORMAT && epoch === target && (STAGES as readonly unknown[]).includes(stage) && (after === null || typeof after === 'string') && typeof done === 'boolean') {
      return { format, epoch, stage: stage as StageName, after, done };
    }
  }
  // None yet, damaged, or for another format or epoch: start again from the first row.
  return first(target);
}

/** The progress marker as stored (for the staff page): how far the job has got for this target. */
export async function readResealProgress(db: StorageContext['db'], target: number): Promise<{ stage: string; after: string | null; done: boolean }> {
  const { stage, after, done } = readProgress((await db.meta.get(RESEAL_KEY))?.value, target);
  return { stage, after, done };
}

/** A batch sealed and ready: `write` runs inside the batch's transaction and re-checks each row. */
interface Batch {
  /** The last primary key read, or undefined when the stage has no rows left. */
  last: string | undefined;
  checked: number;
  unreadable: number;
  writes: (() => Promise<boolean>)[];
}

const sameBox = (a: unknown, b: unknown): boolean => {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  const x = a as { iv?: Uint8Array; ct?: Uint8Array };
  const y = b as { iv?: Uint8Array; ct?: Uint8Array };
  return !!x.iv && !!y.iv && !!x.ct && !!y.ct && x.iv.length === y.iv.length && x.ct.length === y.ct.length && x.iv.every((byte, i) => byte === y.iv?.[i]) && x.ct.every((byte, i) => byte === y.ct?.[i]);
};

/** Every letter an attendance can have (each kind, and each Think Family child's notifications): what names its drafts. */
function letterIdentitiesOf(record: AssessmentRecord | undefined): LetterIdentity[] {
  const children = record?.answers.thinkFamily.children.map((child) => child.id) ?? [];
  return [...letterKinds.map((kind) => ({ kind })), ...children.flatMap((childId) => (['health-visitor', 'school-nurse'] as const).map((kind) => ({ kind, childId })))];
}

/**
 * The record as sealed, for what the re-key works out from it (blind indexes, draft keys).
 * The box opened under this tablet's key, so its shape is the one storage wrote; only the
 * fields read here are checked.
 */
function sealedRecord(value: unknown): AssessmentRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const answers = (value as { answers?: { patient?: unknown; thinkFamily?: { children?: unknown } } }).answers;
  return typeof answers?.patient === 'object' && answers.patient !== null && Array.isArray(answers.thinkFamily?.children) ? (value as AssessmentRecord) : undefined;
}

/**
 * The drafts an attendance's letters have under the old index key, moved to the key the new
 * one names (re-keying only; the words are sealed again as they are). Read before the batch's
 * transaction; each write re-checks that the draft is still the one read.
 */
async function movedDrafts(ctx: StorageContext, unlocked: Unlocked & { previous: NonNullable<Unlocked['previous']> }, attendanceId: string, record: AssessmentRecord | undefined, drafts: ReadonlySet<string>): Promise<(() => Promise<boolean>)[]> {
  const writes: (() => Promise<boolean>)[] = [];
  const { db } = ctx;
  for (const identity of letterIdentitiesOf(record)) {
    const oldKey = await letterDraftKey(unlocked.previous.keys, attendanceId, identity);
    if (!drafts.has(oldKey)) continue;
    const row = await db.meta.get(oldKey);
    if (!row) continue;
    const opened = await openRow(unlocked, row.value, letterDraftAddress(oldKey));
    if (!opened) continue;
    const key = await letterDraftKey(unlocked.keys, attendanceId, identity);
    const value = await sealRow(unlocked, opened.value, letterDraftAddress(key));
    writes.push(async () => {
      const current = await db.meta.get(oldKey);
      if (!current || !sameBox(current.value, row.value)) return false;
      // A draft saved meanwhile under the new key is newer: keep it.
      if (!(await db.meta.get(key))) await db.meta.put({ key, value });
      await db.meta.delete(oldKey);
      return true;
    });
  }
  return writes;
}

const DRAFT_PREFIX = 'letter-draft:';

async function attendanceBatch(ctx: StorageContext, unlocked: Unlocked, rows: AttendanceRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.id, checked: 0, unreadable: 0, writes: [] };
  const { db } = ctx;
  const rekeying = unlocked.previous ? { ...unlocked, previous: unlocked.previous } : undefined;
  // Drafts are few: their keys are read once a batch, and only a batch with drafts works out draft keys.
  const drafts = rekeying ? new Set((await db.meta.where('key').startsWith(DRAFT_PREFIX).primaryKeys()).map(String)) : new Set<string>();
  const indexes = new IndexCache();
  for (const row of rows) {
    if (stop()) return undefined;
    batch.checked += 1;
    const current = isCurrentRow(row.payload, unlocked) && isCurrentRow(row.summary, unlocked);
    if (current && drafts.size === 0) continue;
    const [payload, summary] = await Promise.all([openRowPart(unlocked, row, 'payload'), current ? undefined : openRowPart(unlocked, row, 'summary')]);
    if (!payload) {
      batch.unreadable += 1;
      continue;
    }
    const record = rekeying ? sealedRecord(payload.value) : undefined;
    if (rekeying && drafts.size > 0) batch.writes.push(...(await movedDrafts(ctx, rekeying, row.id, record, drafts)));
    if (current) continue;
    // Epochs that clash (a join with records, sync/department-join-records.ts): a row that opened under the current key is current.
    if (payload.current && summary?.current === true) continue;
    const change: Partial<Pick<AttendanceRow, 'payload' | 'summary' | 'nhsIndex' | 'nameDobIndex'>> = { payload: await sealAttendancePart(unlocked, payload.value, row.id, 'payload', row.rev) };
    // A summary that does not open is left for the summary rebuild, which derives a new one from the record.
    if (summary) change.summary = await sealAttendancePart(unlocked, summary.value, row.id, 'summary', row.rev);
    // Re-keying: the blind indexes under the new index key, worked out again from the record.
    if (rekeying && record) {
      const inputs = blindIndexInputs(record);
      change.nhsIndex = await indexes.get(unlocked.keys, 'nhs-number', inputs.nhs);
      change.nameDobIndex = await indexes.get(unlocked.keys, 'name-dob', inputs.nameDob);
    }
    batch.writes.push(async () => {
      const now = await db.attendances.get(row.id);
      if (now?.rev !== row.rev || !sameBox(now.payload, row.payload)) return false;
      await db.attendances.update(row.id, change);
      return true;
    });
  }
  return batch;
}

async function letterBatch(ctx: StorageContext, unlocked: Unlocked, rows: LetterRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.id, checked: 0, unreadable: 0, writes: [] };
  for (const row of rows) {
    if (stop()) return undefined;
    batch.checked += 1;
    const clear = row.kind !== undefined || row.childId !== undefined || row.identity === undefined;
    if (!clear && isCurrentRow(row.payload, unlocked) && isCurrentRow(row.about, unlocked)) continue;
    const address = letterAddress(row.attendanceId, row.id, row.version, 'payload');
    const [opened, identity] = await Promise.all([openRow(unlocked, row.payload, address, [letterAad(unlocked.deviceId, row.attendanceId, row.id)]), letterIdentityOf(unlocked, row)]);
    if (!opened || !identity) {
      batch.unreadable += 1;
      continue;
    }
    // From before version 5: the kind (and child) leave the clear row for the keyed index and the seal.
    const [payload, about, index] = await Promise.all([
      sealRow(unlocked, opened.value, address),
      sealRow(unlocked, identity, letterAddress(row.attendanceId, row.id, row.version, 'about')),
      letterIdentityIndex(unlocked.keys, row.attendanceId, identity),
    ]);
    const next: LetterRow = { id: row.id, attendanceId: row.attendanceId, version: row.version, issuedAt: row.issuedAt, issuedById: row.issuedById, payload, identity: index, about };
    const { db } = ctx;
    batch.writes.push(async () => {
      const current = await db.letters.get(row.id);
      if (!current || !sameBox(current.payload, row.payload)) return false;
      await db.letters.put(next);
      return true;
    });
  }
  return batch;
}

/** A draft key from before version 5 ("letter-draft:<attendance>:<kind>[/child/<id>]"): the letter it is for. */
function legacyDraft(key: string): { attendanceId: string; kind: LetterKind; childId?: string } | undefined {
  const match = /^letter-draft:([^:]+):([^/]+)(?:\/child\/(.+))?$/.exec(key);
  if (!match?.[1] || !isLetterKind(match[2])) return undefined;
  return match[3] ? { attendanceId: match[1], kind: match[2], childId: match[3] } : { attendanceId: match[1], kind: match[2] };
}

async function metaBatch(ctx: StorageContext, unlocked: Unlocked, rows: MetaRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.key, checked: 0, unreadable: 0, writes: [] };
  const { db } = ctx;
  for (const row of rows) {
    if (stop()) return undefined;
    if (row.key.startsWith(IMPORTED_CHAIN_PREFIX)) {
      const write = await importedChainWrite(ctx, unlocked, row);
      if (write === 'unreadable') batch.unreadable += 1;
      else if (write) batch.writes.push(write);
      continue;
    }
    const draft = legacyDraft(row.key);
    if (row.key !== WORKLIST_KEY && !row.key.startsWith('letter-draft:')) continue;
    batch.checked += 1;
    if (draft) {
      // A draft under its old key, which names the kind: moved to its keyed-hash key and sealed there.
      const opened = await openRow(unlocked, row.value, letterDraftAddress(row.key), [letterDraftAad(unlocked.deviceId, draft.attendanceId, draft.kind, draft.childId)]);
      if (!opened) {
        batch.unreadable += 1;
        continue;
      }
      const key = await letterDraftKey(unlocked.keys, draft.attendanceId, draft.childId ? { kind: draft.kind, childId: draft.childId } : { kind: draft.kind });
      const value = await sealRow(unlocked, opened.value, letterDraftAddress(key));
      batch.writes.push(async () => {
        const current = await db.meta.get(row.key);
        if (!current || !sameBox(current.value, row.value)) return false;
        // A draft saved meanwhile under the new key is newer: keep it.
        if (!(await db.meta.get(key))) await db.meta.put({ key, value });
        await db.meta.delete(row.key);
        return true;
      });
      continue;
    }
    if (isCurrentRow(row.value, unlocked)) continue;
    const address = row.key === WORKLIST_KEY ? WORKLIST_ADDRESS : letterDraftAddress(row.key);
    const opened = await openRow(unlocked, row.value, address, row.key === WORKLIST_KEY ? [worklistAad(unlocked.deviceId)] : []);
    if (!opened) {
      batch.unreadable += 1;
      continue;
    }
    const value = await sealRow(unlocked, opened.value, address);
    batch.writes.push(async () => {
      const current = await db.meta.get(row.key);
      if (!current || !sameBox(current.value, row.value)) return false;
      await db.meta.put({ key: row.key, value });
      return true;
    });
  }
  return batch;
}

/**
 * An imported audit chain's sealed note (backup-write.ts): sealed with the data key alone (no
 * epoch on the box), so while a re-key is pending a note that opens only under the old key
 * is sealed again under the new one. Undefined when there is nothing to do.
 */
async function importedChainWrite(ctx: StorageContext, unlocked: Unlocked, row: MetaRow): Promise<(() => Promise<boolean>) | 'unreadable' | undefined> {
  if (!unlocked.previous) return undefined;
  const value = row.value as { note?: unknown } | undefined;
  if (!isSealed(value?.note)) return 'unreadable';
  const aad = importedChainAad(unlocked.deviceId, row.key.slice(IMPORTED_CHAIN_PREFIX.length));
  if ((await openSealed(unlocked.keys.dataKey, value.note, aad)).ok) return undefined;
  const opened = await openSealed(unlocked.previous.keys.dataKey, value.note, aad);
  if (!opened.ok) return 'unreadable';
  const next = { ...value, note: await seal(unlocked.keys.dataKey, opened.value, aad) };
  const { db } = ctx;
  return async () => {
    const current = await db.meta.get(row.key);
    if (!current || !sameBox((current.value as { note?: unknown } | undefined)?.note, value.note)) return false;
    await db.meta.put({ key: row.key, value: next });
    return true;
  };
}

async function dayBatch(ctx: StorageContext, unlocked: Unlocked, rows: AttendanceDayRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.day, checked: 0, unreadable: 0, writes: [] };
  const { db } = ctx;
  for (const row of rows) {
    if (stop()) return undefined;
    batch.checked += 1;
    if (isCurrentRow(row.payload, unlocked)) continue;
    const next = await resealDayRow(unlocked, row);
    // One that does not open is left: the day index's readers fall back to the summaries, and its build makes it again.
    if (!next) {
      batch.unreadable += 1;
      continue;
    }
    batch.writes.push(async () => {
      const current = await db.attendanceDays.get(row.day);
      if (current?.seq !== row.seq || !sameBox(current.payload, row.payload)) return false;
      await db.attendanceDays.put(next);
      return true;
    });
  }
  return batch;
}

async function stubBatch(ctx: StorageContext, unlocked: Unlocked, rows: RetainedStubRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.id, checked: 0, unreadable: 0, writes: [] };
  const { db } = ctx;
  for (const row of rows) {
    if (stop()) return undefined;
    batch.checked += 1;
    if (isCurrentRow(row.payload, unlocked) && (row.lookup === undefined || isCurrentRow(row.lookup, unlocked))) continue;
    const next = await resealStub(unlocked, row);
    if (!next) {
      batch.unreadable += 1;
      continue;
    }
    batch.writes.push(async () => {
      const current = await db.retainedStubs.get(row.id);
      if (!current || !sameBox(current.payload, row.payload)) return false;
      await db.retainedStubs.put(next);
      return true;
    });
  }
  return batch;
}

async function reviewBatch(ctx: StorageContext, unlocked: Unlocked, rows: LiaisonReviewRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.attendanceId, checked: 0, unreadable: 0, writes: [] };
  for (const row of rows) {
    if (stop()) return undefined;
    batch.checked += 1;
    if (isCurrentRow(row.payload, unlocked)) continue;
    const address = liaisonReviewAddress(row.attendanceId);
    const opened = await openRow(unlocked, row.payload, address, [liaisonReviewAad(unlocked.deviceId, row.attendanceId)]);
    if (!opened) {
      batch.unreadable += 1;
      continue;
    }
    const payload = await sealRow(unlocked, opened.value, address);
    const { db } = ctx;
    batch.writes.push(async () => {
      const current = await db.liaisonReviews.get(row.attendanceId);
      if (!current || !sameBox(current.payload, row.payload)) return false;
      await db.liaisonReviews.put({ attendanceId: row.attendanceId, payload });
      return true;
    });
  }
  return batch;
}

/**
 * Events about a patient written before version 5 kept their words in clear, and their hash
 * covers those words. The words move into a seal marked `detailHashed` (the check of the trail
 * opens it to recompute the hash: audit-details.ts); the clear detail keeps the revision note.
 * The hash, the MAC and the sequence number are untouched. Words already sealed whose box is
 * in an older format or epoch are sealed again as they are.
 */
/**
 * Re-keying: the event's MAC under the new audit key, when the old key made it (the hash is
 * unchanged, so the new MAC vouches for the same history). One that holds under neither key
 * is left for the check of the trail to report. (Events after the re-key began are carried
 * too: a tab the re-key locked writes its 'lock' event under the old key on its way out.)
 */
async function carriedMac(unlocked: Unlocked, row: AuditRow): Promise<string | undefined> {
  const previous = unlocked.previous;
  if (!previous || row.mac === '') return undefined;
  if (await verifyAuditMac(unlocked.keys.auditKey, row.hash, row.mac)) return undefined;
  if (!(await verifyAuditMac(previous.keys.auditKey, row.hash, row.mac))) return undefined;
  return macAuditHash(unlocked.keys.auditKey, row.hash);
}

async function auditBatch(ctx: StorageContext, unlocked: Unlocked, rows: AuditRow[], stop: () => boolean): Promise<Batch | undefined> {
  const last = rows.at(-1);
  const batch: Batch = { last: last ? String(last.seq) : undefined, checked: 0, unreadable: 0, writes: [] };
  const { db } = ctx;
  for (const row of rows) {
    if (stop()) return undefined;
    const mac = await carriedMac(unlocked, row);
    if (mac !== undefined) {
      batch.writes.push(async () => {
        const current = await db.audit.get(row.seq);
        if (current?.hash !== row.hash || current.mac !== row.mac) return false;
        await db.audit.update(row.seq, { mac });
        return true;
      });
    }
    if (!detailIsSealed(row.type)) continue;
    batch.checked += 1;
    let change: Pick<AuditRow, 'detail' | 'sealedDetail' | 'detailHashed'>;
    if (row.sealedDetail) {
      if (isCurrentRow(row.sealedDetail, unlocked)) continue;
      const hashed = row.detailHashed === true;
      const opened = await openRow(unlocked, row.sealedDetail, detailAddress(row, hashed));
      if (typeof opened?.value !== 'string') {
        batch.unreadable += 1;
        continue;
      }
      change = { detail: row.detail, sealedDetail: await sealDetail(unlocked, row, opened.value, hashed), ...(hashed ? { detailHashed: true as const } : {}) };
    } else {
      if (row.detail === clearDetailOf(row.detail)) continue;
      change = { detail: clearDetailOf(row.detail), sealedDetail: await sealDetail(unlocked, row, row.detail, true), detailHashed: true };
    }
    batch.writes.push(async () => {
      const current = await db.audit.get(row.seq);
      if (current?.hash !== row.hash || current.detail !== row.detail) return false;
      await db.audit.update(row.seq, change);
      return true;
    });
  }
  return batch;
}

/** Reads and seals the next batch of a stage (no transaction open while sealing). */
async function readBatch(ctx: StorageContext, unlocked: Unlocked, progress: Progress, size: number, stop: () => boolean): Promise<Batch | undefined> {
  const { db } = ctx;
  const after = progress.after;
  switch (progress.stage) {
    case 'attendances':
      return attendanceBatch(ctx, unlocked, await (after === null ? db.attendances.orderBy(':id') : db.attendances.where(':id').above(after)).limit(size).toArray(), stop);
    case 'letters':
      return letterBatch(ctx, unlocked, await (after === null ? db.letters.orderBy(':id') : db.letters.where(':id').above(after)).limit(size).toArray(), stop);
    case 'meta':
      return metaBatch(ctx, unlocked, await (after === null ? db.meta.orderBy(':id') : db.meta.where(':id').above(after)).limit(size).toArray(), stop);
    case 'liaisonReviews':
      return reviewBatch(ctx, unlocked, await (after === null ? db.liaisonReviews.orderBy(':id') : db.liaisonReviews.where(':id').above(after)).limit(size).toArray(), stop);
    case 'attendanceDays':
      return dayBatch(ctx, unlocked, await (after === null ? db.attendanceDays.orderBy(':id') : db.attendanceDays.where(':id').above(after)).limit(size).toArray(), stop);
    case 'retainedStubs':
      return stubBatch(ctx, unlocked, await (after === null ? db.retainedStubs.orderBy(':id') : db.retainedStubs.where(':id').above(after)).limit(size).toArray(), stop);
    case 'audit':
      return auditBatch(ctx, unlocked, await (after === null ? db.audit.orderBy(':id') : db.audit.where(':id').above(Number(after))).limit(size).toArray(), stop);
  }
}

function advance(progress: Progress, last: string | undefined): Progress {
  if (last !== undefined) return { ...progress, after: last };
  const next = STAGES[STAGES.indexOf(progress.stage) + 1];
  return next ? { ...progress, stage: next, after: null } : { ...progress, done: true };
}

/**
 * Brings every sealed row to (ROW_FORMAT, the keys' epoch), resuming where the last run
 * stopped, and completes a pending re-key once every stage is done. Call while unlocked;
 * returns 'stopped' if the tablet locks (or re-keys again) on the way.
 */
export async function resealRows(ctx: StorageContext, options: ResealOptions = {}): Promise<ResealResult> {
  if (!ctx.vault.peek()) return { status: 'stopped', checked: 0, resealed: 0, unreadable: 0 };
  const release = await tryHoldLock(RESEAL_LOCK);
  if (!release) return { status: 'busy', checked: 0, resealed: 0, unreadable: 0 };
  try {
    return await resealRowsHeld(ctx, options);
  } finally {
    release();
  }
}

/** {@link resealRows} for a caller that already holds {@link RESEAL_LOCK} (tests drive a run part-way with it). */
export async function resealRowsHeld(ctx: StorageContext, options: ResealOptions = {}): Promise<ResealResult> {
  const batchSize = options.batchSize ?? RESEAL_BATCH;
  const pause = options.pause ?? nextTask;
  const result: ResealResult = { status: 'done', checked: 0, resealed: 0, unreadable: 0 };
  const unlocked = ctx.vault.peek();
  if (!unlocked) return { ...result, status: 'stopped' };
  const target = epochOf(unlocked);
  // The vault's keys change in place when this tab re-keys: a run for the old target stops, and the re-key starts a new one.
  const stop = () => ctx.vault.peek() !== unlocked || epochOf(unlocked) !== target || (options.shouldStop?.() ?? false);
  const { db } = ctx;
  const pending = unlocked.previous ? await readPendingRekey(db) : undefined;
  let progress = readProgress((await db.meta.get(RESEAL_KEY))?.value, target);
  const tracker = unlocked.previous ? await progressTracker(ctx, progress, options.onProgress) : undefined;
  let lastAudited = 0;
  while (!progress.done) {
    if (stop()) return { ...result, status: 'stopped' };
    const batch = await readBatch(ctx, unlocked, progress, batchSize, stop);
    if (!batch) return { ...result, status: 'stopped' };
    const next = advance(progress, batch.last);
    await options.beforeWrite?.();
    if (stop()) return { ...result, status: 'stopped' };
    const resealed = await db.transaction('rw', [db.attendances, db.letters, db.meta, db.liaisonReviews, db.attendanceDays, db.retainedStubs, db.audit], async () => {
      let written = 0;
      for (const write of batch.writes) if (await write()) written += 1;
      await db.meta.put({ key: RESEAL_KEY, value: next });
      return written;
    });
    result.checked += batch.checked;
    result.unreadable += batch.unreadable;
    result.resealed += resealed;
    if (progress.stage === 'attendances') tracker?.add(batch.checked);
    if (progress.stage === 'audit' && batch.last !== undefined) lastAudited = Number(batch.last);
    progress = next;
    if (!progress.done) await pause();
  }
  tracker?.finish();
  // Every stage is done under the new epoch: the re-key completes (rekey-complete.ts).
  if (unlocked.previous && pending?.epoch === target) {
    // A tab the re-key locked may have saved on its way out under the old keys, after this job passed that row: found by the save time.
    for (;;) {
      if (stop()) return { ...result, status: 'stopped' };
      const stale = await db.attendances.where('updatedAt').aboveOrEqual(pending.at).filter((row) => !isCurrentRow(row.payload, unlocked)).limit(batchSize).toArray();
      const batch = stale.length ? await attendanceBatch(ctx, unlocked, stale, stop) : undefined;
      if (!batch?.writes.length) break;
      const written = await db.transaction('rw', [db.attendances, db.meta], async () => {
        let count = 0;
        for (const write of batch.writes) if (await write()) count += 1;
        return count;
      });
      result.resealed += written;
      if (written === 0) break;
    }
    await options.beforeComplete?.();
    if (stop()) return { ...result, status: 'stopped' };
    const completed = await completeRekey(ctx, unlocked, pending, { lastAudited, stop });
    if (completed === 'stopped') return { ...result, status: 'stopped' };
    result.rekeyed = target;
  }
  return result;
}

/** Counts attendances visited for the staff page: the total once, and where a resumed run starts. */
async function progressTracker(ctx: StorageContext, progress: Progress, onProgress: ResealOptions['onProgress']): Promise<{ add: (rows: number) => void; finish: () => void }> {
  const { db } = ctx;
  const total = await db.attendances.count();
  const index = STAGES.indexOf(progress.stage);
  let done = progress.done || index > 0 ? total : progress.after === null ? 0 : await db.attendances.where(':id').belowOrEqual(progress.after).count();
  const report = () => {
    const value = { done: Math.min(done, total), total };
    publishResealProgress(ctx, value);
    onProgress?.(value);
  };
  report();
  return {
    add: (rows) => {
      done += rows;
      report();
    },
    finish: () => {
      done = total;
      report();
    },
  };
}
