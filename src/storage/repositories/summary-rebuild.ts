/**
 * Rebuilds sealed attendance summaries that are older than SUMMARY_VERSION (or missing, or
 * unreadable) from their sealed records, in the background after unlock (issue 9
 * clarification: "summaries are versioned pure derivations of the record, rebuilt after
 * unlock when their version changes").
 *
 * How it behaves:
 * - Resumable: rows are visited in primary-key order in small batches, and the last id done
 *   is written with each batch (in the same transaction as the batch's summaries), so a
 *   closed tab, a lock or a crash resumes where it stopped. When every row is done the
 *   marker says so for this version, and later unlocks cost one read.
 * - Never blocks: started without being awaited after unlock; yields to the page between
 *   batches; stops at once when the tablet locks (the keys are gone) and resumes at the
 *   next unlock. One tab at a time (a Web Lock).
 * - Changes only summaries: the sealed record, its revision and its times are untouched.
 *   The per-day index copies them after this job (day-index-build.ts, run next: its marker
 *   names the summary version, so a new version rebuilds the index too). A
 *   row saved by an editor while its batch was being sealed keeps the editor's summary
 *   (already current), because the batch writes a row only if its revision is unchanged.
 * - A record that cannot be opened is left as it is and counted: opening it shows the
 *   "damaged" message as before.
 *
 * The marker holds only the version and an opaque attendance id: no patient data in clear.
 */
import { SUMMARY_VERSION, attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import { summariseAttendance } from '../../domain/assessment/attendance-summary';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import type { Sealed } from '../crypto/codec';
import type { AttendanceRow, TriageDatabase } from '../db';
import { lettersIssuedOf } from './letters-due-facts';
import { openRowPart, sealAttendancePart } from './attendance-crypto';
import type { StorageContext } from './context';
import { tryHoldLock } from './locks';
import type { Unlocked } from './vault';

/** The meta row that records progress (clear: a version number and an opaque id). */
export const SUMMARY_REBUILD_KEY = 'summaries:rebuild';
/** Held by the tab that rebuilds, so two tabs never do the same work. */
export const SUMMARY_REBUILD_LOCK = 'safeguarding-triage:summary-rebuild';

/** Rows per batch: small enough that a batch seals in a few tens of milliseconds on a tablet. */
export const SUMMARY_REBUILD_BATCH = 50;

interface Progress {
  version: number;
  /** The last attendance id checked (primary-key order), '' before the first batch. */
  after: string;
  done: boolean;
}

export interface SummaryRebuildResult {
  /** 'done': every row is current; 'stopped': locked or told to stop, resumes later; 'busy': another tab is rebuilding. */
  status: 'done' | 'stopped' | 'busy';
  checked: number;
  rebuilt: number;
  /** Records that could not be opened (left unchanged). */
  unreadable: number;
}

export interface SummaryRebuildOptions {
  batchSize?: number;
  /** Between batches: by default a macrotask, so input and rendering go first. */
  pause?: () => Promise<void>;
  /** Asked before each batch; true stops the job (it resumes at the next run). */
  shouldStop?: () => boolean;
  /** After a batch is sealed, before it is written: where tests save a record meanwhile, as an editor in another tab could. */
  beforeWrite?: () => Promise<void>;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function readProgress(value: unknown): Progress {
  if (typeof value === 'object' && value !== null) {
    const { version, after, done } = value as Record<string, unknown>;
    if (version === SUMMARY_VERSION && typeof after === 'string' && typeof done === 'boolean') return { version, after, done };
  }
  // None yet, damaged, or from another version: start again from the first row.
  return { version: SUMMARY_VERSION, after: '', done: false };
}

/** Whether the row's sealed summary opens, parses and is of this version. */
async function summaryIsCurrent(unlocked: Unlocked, row: AttendanceRow): Promise<boolean> {
  const opened = await openRowPart(unlocked, row, 'summary');
  if (!opened) return false;
  const parsed = attendanceSummarySchema.safeParse(opened.value);
  return parsed.success && parsed.data.id === row.id && parsed.data.summaryVersion >= SUMMARY_VERSION;
}

/** A fresh sealed summary derived from the row's sealed record, or undefined when the record cannot be opened. */
async function rebuiltSummary(db: Pick<TriageDatabase, 'letters'>, unlocked: Unlocked, row: AttendanceRow, now: string): Promise<{ sealed: Sealed; arrivedAt: string } | undefined> {
  const opened = await openRowPart(unlocked, row, 'payload');
  if (!opened) return undefined;
  const parsed = assessmentRecordSchema.safeParse(opened.value);
  if (!parsed.success || parsed.data.id !== row.id) return undefined;
  // In the current row format at the row's revision (the re-seal job binds the record's too); with the letters issued (version 9).
  const summary = summariseAttendance(parsed.data, now, await lettersIssuedOf(db, unlocked, row.id));
  return { sealed: await sealAttendancePart(unlocked, summary, row.id, 'summary', row.rev), arrivedAt: summary.arrivedAt };
}

/**
 * Brings every stored summary to SUMMARY_VERSION, resuming where the last run stopped.
 * Call while unlocked; returns 'stopped' if the tablet locks on the way.
 */
export async function rebuildSummaries(ctx: StorageContext, options: SummaryRebuildOptions = {}): Promise<SummaryRebuildResult> {
  const batchSize = options.batchSize ?? SUMMARY_REBUILD_BATCH;
  const pause = options.pause ?? nextTask;
  const result: SummaryRebuildResult = { status: 'done', checked: 0, rebuilt: 0, unreadable: 0 };
  const unlocked = ctx.vault.peek();
  if (!unlocked) return { ...result, status: 'stopped' };
  const release = await tryHoldLock(SUMMARY_REBUILD_LOCK);
  if (!release) return { ...result, status: 'busy' };
  const stillUnlocked = () => ctx.vault.peek() === unlocked && !(options.shouldStop?.() ?? false);
  try {
    const { db } = ctx;
    let progress = readProgress((await db.meta.get(SUMMARY_REBUILD_KEY))?.value);
    if (progress.done) return result;
    for (;;) {
      if (!stillUnlocked()) return { ...result, status: 'stopped' };
      const rows = await (progress.after === '' ? db.attendances.orderBy(':id') : db.attendances.where(':id').above(progress.after)).limit(batchSize).toArray();
      const last = rows.at(-1);
      const next: Progress = last ? { version: SUMMARY_VERSION, after: last.id, done: false } : { ...progress, done: true };
      // All WebCrypto work for the batch happens before its transaction (never await crypto inside one).
      const now = ctx.now();
      const updates: { id: string; rev: number; summary: Sealed; arrivedAt: string }[] = [];
      for (const row of rows) {
        if (!stillUnlocked()) return { ...result, status: 'stopped' };
        result.checked += 1;
        if (await summaryIsCurrent(unlocked, row)) continue;
        const summary = await rebuiltSummary(db, unlocked, row, now);
        if (summary) updates.push({ id: row.id, rev: row.rev, summary: summary.sealed, arrivedAt: summary.arrivedAt });
        else result.unreadable += 1;
      }
      await options.beforeWrite?.();
      if (!stillUnlocked()) return { ...result, status: 'stopped' };
      await db.transaction('rw', db.attendances, db.meta, async () => {
        for (const update of updates) {
          const current = await db.attendances.get(update.id);
          // Saved meanwhile: the editor sealed a current summary with its record; keep it.
          if (current?.rev !== update.rev) continue;
          await db.attendances.update(update.id, { summary: update.summary });
          result.rebuilt += 1;
        }
        await db.meta.put({ key: SUMMARY_REBUILD_KEY, value: next });
      });
      progress = next;
      if (progress.done) return result;
      await pause();
    }
  } finally {
    release();
  }
}
