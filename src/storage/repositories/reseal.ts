/**
 * The re-seal job: brings every sealed row to (current format, current key epoch)
 * (crypto/sealed-row), in the background after unlock (issue 11 clarification: "sealing
 * fields that are clear today needs a resumable re-seal job that runs after unlock (a Dexie
 * upgrade runs before any key exists)").
 *
 * It is written for re-keying too: a re-key (a new device secret, epoch 2) raises
 * CURRENT_EPOCH, and the same job, finding every box of epoch 1 "not current", opens each
 * with the old key and seals it with the new one. Progress is keyed by (format, epoch), so a
 * new target starts again from the first row.
 *
 * How it behaves (modelled on summary-rebuild.ts):
 * - Stages, one table after another (attendances, letters, meta, liaison reviews, audit),
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
import { isLetterKind } from '../../domain/letters/kinds';
import type { LetterKind } from '../../domain/letters/kinds';
import { CURRENT_EPOCH, ROW_FORMAT, isCurrentRow, openRow, sealRow } from '../crypto/sealed-row';
import type { SealedRow } from '../crypto/sealed-row';
import type { AttendanceRow, AuditRow, LetterRow, LiaisonReviewRow, MetaRow } from '../db';
import { clearDetailOf, detailAddress, detailIsSealed, sealDetail } from './audit-details';
import { openRowPart, sealAttendancePart, WORKLIST_ADDRESS, WORKLIST_KEY, worklistAad } from './attendance-crypto';
import type { StorageContext } from './context';
import { letterAad, letterAddress, letterDraftAad, letterDraftAddress, letterDraftKey, letterIdentityIndex, letterIdentityOf } from './letter-rows';
import { liaisonReviewAad, liaisonReviewAddress } from './liaison-repository';
import { tryHoldLock } from './locks';
import type { Unlocked } from './vault';

/** The meta row that records progress (clear: the target, a stage name and an opaque key). */
export const RESEAL_KEY = 'reseal:progress';
/** Held by the tab that re-seals, so two tabs never do the same work. */
export const RESEAL_LOCK = 'safeguarding-triage:reseal';
/** Rows per batch: a batch of attendances seals in a few tens of milliseconds on a tablet. */
export const RESEAL_BATCH = 50;

const STAGES = ['attendances', 'letters', 'meta', 'liaisonReviews', 'audit'] as const;
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
}

export interface ResealOptions {
  batchSize?: number;
  /** Between batches: by default a macrotask, so input and rendering go first. */
  pause?: () => Promise<void>;
  /** Asked before each row and batch; true stops the job (it resumes at the next run). */
  shouldStop?: () => boolean;
  /** After a batch is sealed, before it is written: where tests save a row meanwhile, as another tab could. */
  beforeWrite?: () => Promise<void>;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const first = (): Progress => ({ format: ROW_FORMAT, epoch: CURRENT_EPOCH, stage: STAGES[0], after: null, done: false });

function readProgress(value: unknown): Progress {
  if (typeof value === 'object' && value !== null) {
    const { format, epoch, stage, after, done } = value as Record<string, unknown>;
    if (format === ROW_FORMAT && epoch === CURRENT_EPOCH && (STAGES as readonly unknown[]).includes(stage) && (after === null || typeof after === 'string') && typeof done === 'boolean') {
      return { format, epoch, stage: stage as StageName, after, done };
    }
  }
  // None yet, damaged, or for another format or epoch: start again from the first row.
  return first();
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

async function attendanceBatch(ctx: StorageContext, unlocked: Unlocked, rows: AttendanceRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.id, checked: 0, unreadable: 0, writes: [] };
  for (const row of rows) {
    if (stop()) return undefined;
    batch.checked += 1;
    if (isCurrentRow(row.payload) && isCurrentRow(row.summary)) continue;
    const [payload, summary] = await Promise.all([openRowPart(unlocked, row, 'payload'), openRowPart(unlocked, row, 'summary')]);
    if (!payload) {
      batch.unreadable += 1;
      continue;
    }
    const change: { payload: SealedRow; summary?: SealedRow } = { payload: await sealAttendancePart(unlocked, payload.value, row.id, 'payload', row.rev) };
    // A summary that does not open is left for the summary rebuild, which derives a new one from the record.
    if (summary) change.summary = await sealAttendancePart(unlocked, summary.value, row.id, 'summary', row.rev);
    const { db } = ctx;
    batch.writes.push(async () => {
      const current = await db.attendances.get(row.id);
      if (current?.rev !== row.rev || !sameBox(current.payload, row.payload)) return false;
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
    if (!clear && isCurrentRow(row.payload) && isCurrentRow(row.about)) continue;
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
    if (isCurrentRow(row.value)) continue;
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

async function reviewBatch(ctx: StorageContext, unlocked: Unlocked, rows: LiaisonReviewRow[], stop: () => boolean): Promise<Batch | undefined> {
  const batch: Batch = { last: rows.at(-1)?.attendanceId, checked: 0, unreadable: 0, writes: [] };
  for (const row of rows) {
    if (stop()) return undefined;
    batch.checked += 1;
    if (isCurrentRow(row.payload)) continue;
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
async function auditBatch(ctx: StorageContext, unlocked: Unlocked, rows: AuditRow[], stop: () => boolean): Promise<Batch | undefined> {
  const last = rows.at(-1);
  const batch: Batch = { last: last ? String(last.seq) : undefined, checked: 0, unreadable: 0, writes: [] };
  for (const row of rows) {
    if (stop()) return undefined;
    if (!detailIsSealed(row.type)) continue;
    batch.checked += 1;
    let change: Pick<AuditRow, 'detail' | 'sealedDetail' | 'detailHashed'>;
    if (row.sealedDetail) {
      if (isCurrentRow(row.sealedDetail)) continue;
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
    const { db } = ctx;
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
 * Brings every sealed row to (ROW_FORMAT, CURRENT_EPOCH), resuming where the last run
 * stopped. Call while unlocked; returns 'stopped' if the tablet locks on the way.
 */
export async function resealRows(ctx: StorageContext, options: ResealOptions = {}): Promise<ResealResult> {
  const batchSize = options.batchSize ?? RESEAL_BATCH;
  const pause = options.pause ?? nextTask;
  const result: ResealResult = { status: 'done', checked: 0, resealed: 0, unreadable: 0 };
  const unlocked = ctx.vault.peek();
  if (!unlocked) return { ...result, status: 'stopped' };
  const release = await tryHoldLock(RESEAL_LOCK);
  if (!release) return { ...result, status: 'busy' };
  const stop = () => ctx.vault.peek() !== unlocked || (options.shouldStop?.() ?? false);
  try {
    const { db } = ctx;
    let progress = readProgress((await db.meta.get(RESEAL_KEY))?.value);
    if (progress.done) return result;
    for (;;) {
      if (stop()) return { ...result, status: 'stopped' };
      const batch = await readBatch(ctx, unlocked, progress, batchSize, stop);
      if (!batch) return { ...result, status: 'stopped' };
      const next = advance(progress, batch.last);
      await options.beforeWrite?.();
      if (stop()) return { ...result, status: 'stopped' };
      const resealed = await db.transaction('rw', [db.attendances, db.letters, db.meta, db.liaisonReviews, db.audit], async () => {
        let written = 0;
        for (const write of batch.writes) if (await write()) written += 1;
        await db.meta.put({ key: RESEAL_KEY, value: next });
        return written;
      });
      result.checked += batch.checked;
      result.unreadable += batch.unreadable;
      result.resealed += resealed;
      progress = next;
      if (progress.done) return result;
      await pause();
    }
  } finally {
    release();
  }
}
