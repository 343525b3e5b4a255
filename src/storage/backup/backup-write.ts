/**
 * Writing a checked backup (backup-read.ts) to this tablet: all of it in one read-write
 * transaction, or nothing (issue 13). Every row is sealed BEFORE the transaction opens,
 * through the same functions the app writes with (attendance-writes buildRow, letter-rows,
 * liaison-repository, attendance-crypto sealWorklist, device-settings-integrity, staff-binding),
 * so a change to the sealed-row format reaches the restore too.
 *
 * Progress comes in two stages: 'sealing' (each record sealed for this tablet) and 'writing'
 * (rows written inside the transaction, in chunks). Writing is most of a restore's time (at
 * 10,000 attendances, 88% of it in one benchmark run), so the bar moves while it happens
 * rather than standing at 100% for a minute and more.
 *
 * Two ways (issue 13 clarification):
 * - Replace, onto a new or handed-back tablet (nothing set up): the tablet becomes the one
 *   backed up: its device id and secret (so every PIN keeps working), settings, staff
 *   accounts, every record at its revision, letters, drafts, reviews, the worklist and its
 *   audit trail as its own trail (its MACs hold: same audit key), with the head and
 *   high-water anchors written for the restored head. An 'import' event follows.
 * - Merge, onto a tablet in use (nurse in charge unlocked): records by id, never replacing a
 *   revision here that is as new or newer; letters and drafts that are not here yet;
 *   liaison reviews joined; staff and settings here left alone. The backup's audit trail is
 *   kept apart as the source tablet's chain (meta 'audit-import:<tablet id>', with a sealed
 *   note of its length and head, and checked as that tablet's chain: importedChains()).
 */
import type { AssessmentRecord } from '../../domain/assessment/record';
import { chainBreaks } from '../../domain/audit/chain';
import type { LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import type { LetterIdentity } from '../../domain/letters/kinds';
import { deviceSettingsSchema } from '../../domain/settings/device-settings';
import { macAuditAnchor } from '../crypto/audit-mac';
import { FIRST_EPOCH, sealRow } from '../crypto/sealed-row';
import { sealDetail } from '../repositories/audit-details';
import { open as openSealed, seal } from '../crypto/codec';
import type { AttendanceRow, AuditRow, LetterRow, LiaisonReviewRow, MetaRow, StaffRow } from '../db';
import { IndexCache, readWorklistState, sealWorklist, WORKLIST_LOCK } from '../repositories/attendance-crypto';
import { buildRow } from '../repositories/attendance-writes';
import { DAY_INDEX_BUILD_KEY } from '../repositories/day-index';
import { AUDIT_HEAD_KEY, AUDIT_HIGH_WATER_KEY, AuditLog } from '../repositories/audit-log';
import type { StorageContext } from '../repositories/context';
import { macSettings } from '../repositories/device-settings-integrity';
import { letterAddress, letterDraftAddress, letterDraftKey, letterIdentityIndex, letterIdentityOf } from '../repositories/letter-rows';
import { liaisonReviewAddress, openReview } from '../repositories/liaison-review-crypto';
import { withLock } from '../repositories/locks';
import { staffRefFromRow } from '../repositories/session-repository';
import { bindStaffRow } from '../repositories/staff-binding';
import { Vault } from '../repositories/vault';
import type { Unlocked } from '../repositories/vault';
import type { ValidatedBackup } from './backup-read';
import { IMPORTED_CHAIN_PREFIX, importedChainAad, importedChainKey } from './imported-chain-keys';

/** What a restore did, for the page and the audit event. */
export interface RestoreReport {
  mode: 'replaced' | 'merged';
  /** Records added, replaced by a newer revision from the backup, and kept because this tablet's was as new or newer. */
  added: number;
  updated: number;
  kept: number;
  lettersAdded: number;
}

export { IMPORTED_CHAIN_PREFIX, importedChainAad, importedChainKey } from './imported-chain-keys';

/** A restore's progress: records sealed for this tablet, then rows written in its one transaction. */
export type RestoreProgress = (stage: 'sealing' | 'writing', done: number, total: number) => void;

/** Rows a bulk write takes at a time inside the transaction, reporting after each. */
const WRITE_CHUNK = 1000;

/**
 * Counts the rows written inside the transaction for the progress bar. Each table's rows go
 * in chunks of the same transaction (every chunk awaited in it, so all is written or nothing).
 */
class WriteCounter {
  private done = 0;
  constructor(
    private readonly total: number,
    private readonly progress: RestoreProgress | undefined,
  ) {}

  async write<T>(rows: readonly T[], bulk: (chunk: T[]) => Promise<unknown>): Promise<void> {
    for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
      const chunk = rows.slice(start, start + WRITE_CHUNK);
      await bulk(chunk);
      this.done += chunk.length;
      this.progress?.('writing', this.done, this.total);
    }
  }

  begin(): void {
    this.progress?.('writing', 0, this.total);
  }
}

interface ImportedChainRow {
  sourceTabletId: string;
  /** How many events the chain holds (so a later, longer backup of the same tablet replaces it). */
  count: number;
  /** Sealed { sourceTabletId, count, headHash, backupCreatedAt, importedAt, events, words }. */
  note: unknown;
}

/** A signed record whose own GP letter is not issued: the home screen's "GP letters due". */
const gpLetterDue = (record: AssessmentRecord, issuedGp: ReadonlySet<string>) => record.status === 'signed' && !issuedGp.has(record.id);

/** The ids of the attendances these letters give their own GP letter (not a child's): one pass, so a 10,000-record restore does not search every letter for each record. */
const withOwnGpLetter = (letters: readonly { attendanceId: string; kind: string; childId?: string | undefined }[]): Set<string> =>
  new Set(letters.filter((letter) => letter.kind === 'gp' && !letter.childId).map((letter) => letter.attendanceId));

async function sealRecords(unlocked: Unlocked, items: readonly { rev: number; record: AssessmentRecord }[], now: string, progress?: RestoreProgress): Promise<AttendanceRow[]> {
  const indexes = new IndexCache();
  const rows: AttendanceRow[] = [];
  for (const [index, item] of items.entries()) {
    rows.push(await buildRow(unlocked, item.record, item.rev, now, indexes));
    if ((index + 1) % 250 === 0 || index + 1 === items.length) progress?.('sealing', index + 1, items.length);
  }
  return rows;
}

/** Letter rows in the one sealed-row format (as letter-writes.ts issues them): kind and child sealed, found by their keyed identity index. */
async function sealLetters(unlocked: Unlocked, backup: ValidatedBackup, keep: (letter: ValidatedBackup['letters'][number]) => boolean): Promise<LetterRow[]> {
  const rows: LetterRow[] = [];
  for (const letter of backup.letters) {
    if (!keep(letter)) continue;
    const identity: LetterIdentity = letter.childId ? { kind: letter.kind, childId: letter.childId } : { kind: letter.kind };
    const [payload, about, index] = await Promise.all([
      sealRow(unlocked, letter, letterAddress(letter.attendanceId, letter.id, letter.version, 'payload')),
      sealRow(unlocked, identity, letterAddress(letter.attendanceId, letter.id, letter.version, 'about')),
      letterIdentityIndex(unlocked.keys, letter.attendanceId, identity),
    ]);
    rows.push({ id: letter.id, attendanceId: letter.attendanceId, version: letter.version, issuedAt: letter.issuedAt, issuedById: letter.issuedBy.id, payload, identity: index, about });
  }
  return rows;
}

const draftIdentity = (draft: ValidatedBackup['drafts'][number]): LetterIdentity => (draft.childId ? { kind: draft.kind, childId: draft.childId } : { kind: draft.kind });

/** Draft rows under their keyed meta key (letter-rows.ts letterDraftKey), as the compose page saves them. */
async function sealDrafts(unlocked: Unlocked, drafts: ValidatedBackup['drafts']): Promise<MetaRow[]> {
  return Promise.all(
    drafts.map(async (draft) => {
      const key = await letterDraftKey(unlocked.keys, draft.attendanceId, draftIdentity(draft));
      return { key, value: await sealRow(unlocked, draft.choices, letterDraftAddress(key)) };
    }),
  );
}

const sealReview = async (unlocked: Unlocked, review: LiaisonReviewRecord): Promise<LiaisonReviewRow> => ({
  attendanceId: review.attendanceId,
  payload: await sealRow(unlocked, review, liaisonReviewAddress(review.attendanceId)),
});

/**
 * The sealed per-day index (day-index.ts) is not written here: a restore removes the day rows
 * of the days it writes and the build marker, so the readers read those days from the
 * attendance rows until the build after the next unlock seals them again (the same path as
 * a damaged day row: never a missing attendance, never an older entry).
 */
const arrivalDaysOf = (rows: readonly AttendanceRow[]): string[] => [...new Set(rows.map((row) => row.arrivedDay))];

/** Replace: the tablet is not set up; it becomes the backed-up tablet. Throws 'already set up' if it was set up meanwhile. */
export async function restoreReplacing(ctx: StorageContext, backup: ValidatedBackup, progress?: RestoreProgress): Promise<RestoreReport> {
  const { db } = ctx;
  const now = ctx.now();
  const firstInCharge = backup.staff.find((member) => member.role === 'nurse-in-charge' && member.active === 1) ?? backup.staff[0];
  if (!firstInCharge) throw new Error('The backup holds no staff account.');
  const keys = backup.sourceKeys;
  const staffRows: StaffRow[] = await Promise.all(backup.staff.map((member) => bindStaffRow(keys.auditKey, { ...member, failedAttempts: 0, retryAfter: '' })));
  const actor = staffRows.find((row) => row.id === firstInCharge.id) ?? staffRows[0];
  if (!actor) throw new Error('The backup holds no staff account.');
  const unlocked: Unlocked = { keys, epoch: FIRST_EPOCH, staff: staffRefFromRow(actor), deviceId: backup.device.deviceId, secret: backup.secret };
  const settings = deviceSettingsSchema.parse(backup.device.settings);
  const settingsMac = await macSettings(keys.auditKey, settings, backup.device.contentFiles);
  const attendanceRows = await sealRecords(unlocked, backup.attendances, now, progress);
  const letterRows = await sealLetters(unlocked, backup, () => true);
  const draftRows = await sealDrafts(unlocked, backup.drafts);
  const reviewRows = await Promise.all(backup.reviews.map((review) => sealReview(unlocked, review)));
  const worklist = await sealWorklist(unlocked, backup.worklist?.ids ?? [], (backup.worklist?.rev ?? 0) + 1);
  // The words of events about a patient go back into their seal (audit-details.ts); the event's hash covers its clear part only.
  const words = new Map(backup.auditWords.map((item) => [item.seq, item.words]));
  const audit: AuditRow[] = await Promise.all(
    [...backup.audit]
      .sort((a, b) => a.seq - b.seq)
      .map(async (event) => {
        const said = words.get(event.seq);
        return said === undefined ? event : { ...event, sealedDetail: await sealDetail(unlocked, event, said, false) };
      }),
  );
  const last = audit.at(-1);
  const anchors = last
    ? [
        { key: AUDIT_HEAD_KEY, value: { count: last.seq, hash: last.hash, mac: await macAuditAnchor(keys.auditKey, 'head', last.seq, last.hash) } },
        { key: AUDIT_HIGH_WATER_KEY, value: { count: last.seq, hash: last.hash, mac: await macAuditAnchor(keys.auditKey, 'high-water', last.seq, last.hash) } },
      ]
    : [];
  const issuedGp = withOwnGpLetter(backup.letters);
  const gpDue = backup.attendances.filter((item) => gpLetterDue(item.record, issuedGp)).map((item) => ({ attendanceId: item.record.id }));
  const metaRows = [...draftRows, worklist, ...anchors];
  const counter = new WriteCounter(staffRows.length + attendanceRows.length + letterRows.length + metaRows.length + reviewRows.length + audit.length + gpDue.length, progress);
  await db.transaction('rw', [db.device, db.staff, db.attendances, db.attendanceDays, db.letters, db.meta, db.liaisonReviews, db.audit, db.gpLettersDue], async () => {
    if ((await db.device.count()) > 0 || (await db.audit.count()) > 0 || (await db.attendances.count()) > 0) throw new Error('already set up');
    counter.begin();
    await db.device.add({ id: 'device', deviceId: backup.device.deviceId, createdAt: backup.device.createdAt, keyCheck: backup.device.keyCheck, settings, contentFiles: backup.device.contentFiles, settingsMac });
    await counter.write(staffRows, (chunk) => db.staff.bulkAdd(chunk));
    await counter.write(attendanceRows, (chunk) => db.attendances.bulkAdd(chunk));
    await db.attendanceDays.bulkDelete(arrivalDaysOf(attendanceRows));
    await db.meta.delete(DAY_INDEX_BUILD_KEY);
    await counter.write(letterRows, (chunk) => db.letters.bulkAdd(chunk));
    await counter.write(metaRows, (chunk) => db.meta.bulkPut(chunk));
    await counter.write(reviewRows, (chunk) => db.liaisonReviews.bulkAdd(chunk));
    await counter.write(audit, (chunk) => db.audit.bulkAdd(chunk));
    await counter.write(gpDue, (chunk) => db.gpLettersDue.bulkPut(chunk));
  });
  // The import event, MAC'd under the restored keys, written by an audit log of its own: nobody is signed in on the set-up screen.
  const vault = new Vault();
  vault.open(unlocked, now);
  await new AuditLog(db, vault, ctx.now).append(
    'import',
    '',
    `Restored onto a new tablet from a backup made ${backup.header.createdAt}: ${String(attendanceRows.length)} attendances, ${String(letterRows.length)} letters, ${String(audit.length)} audit events, ${String(staffRows.length)} staff accounts`,
    null,
  );
  vault.close('start');
  return { mode: 'replaced', added: attendanceRows.length, updated: 0, kept: 0, lettersAdded: letterRows.length };
}

/** Merge into a tablet in use, as the unlocked nurse in charge. */
export async function restoreMerging(ctx: StorageContext, unlocked: Unlocked, backup: ValidatedBackup, progress?: RestoreProgress): Promise<RestoreReport> {
  const { db } = ctx;
  const now = ctx.now();
  const ids = backup.attendances.map((item) => item.record.id);
  // Keyed names are computed before the read transaction (never await WebCrypto inside one).
  const draftKeys = await Promise.all(backup.drafts.map((draft) => letterDraftKey(unlocked.keys, draft.attendanceId, draftIdentity(draft))));
  const [existingRows, existingLetterRows, existingDrafts, existingReviews, storedChain] = await db.transaction('r', [db.attendances, db.letters, db.meta, db.liaisonReviews], () =>
    Promise.all([
      db.attendances.bulkGet(ids),
      db.letters.where('attendanceId').anyOf(ids).toArray(),
      db.meta.bulkGet(draftKeys),
      db.liaisonReviews.bulkGet(backup.reviews.map((review) => review.attendanceId)),
      db.meta.get(importedChainKey(backup.header.tabletId)),
    ]),
  );
  // The kind and child of each letter here are sealed (issue 11): opened once for the comparisons below.
  const existingLetters = (
    await Promise.all(existingLetterRows.map(async (row) => ({ row, identity: await letterIdentityOf(unlocked, row) })))
  ).flatMap(({ row, identity }) => (identity ? [{ id: row.id, attendanceId: row.attendanceId, kind: identity.kind, childId: identity.childId, version: row.version }] : []));
  const revHere = new Map(existingRows.filter((row) => row !== undefined).map((row) => [row.id, row.rev]));
  // Never overwrite a revision here that is as new or newer than the backup's.
  const toWrite = backup.attendances.filter((item) => (revHere.get(item.record.id) ?? 0) < item.rev);
  const kept = backup.attendances.length - toWrite.length;
  const updated = toWrite.filter((item) => revHere.has(item.record.id)).length;
  const attendanceRows = await sealRecords(unlocked, toWrite, now, progress);
  // A letter is here already by its id, or as the same version of the same letter of the same attendance.
  const versionOf = (letter: { attendanceId: string; kind: string; childId?: string | undefined; version: number }) =>
    JSON.stringify([letter.attendanceId, letter.kind, letter.childId ?? '', letter.version]);
  const idsHere = new Set(existingLetters.map((row) => row.id));
  const versionsHere = new Set(existingLetters.map(versionOf));
  const letterHere = (letter: ValidatedBackup['letters'][number]) => idsHere.has(letter.id) || versionsHere.has(versionOf(letter));
  const letterRows = await sealLetters(unlocked, backup, (letter) => !letterHere(letter));
  const draftRows = await sealDrafts(
    unlocked,
    backup.drafts.filter((_draft, index) => existingDrafts[index] === undefined),
  );
  const reviewRows: LiaisonReviewRow[] = [];
  for (const [index, review] of backup.reviews.entries()) {
    const row = existingReviews[index];
    const here = row ? await openReview(unlocked, row) : undefined;
    if (row && !here) continue; // A review row here that does not open is left for the nurse in charge to see, not replaced.
    const seen = new Set((here?.reviews ?? []).map((item) => `${item.reviewedAt}|${item.reviewedBy.id}|${item.action}`));
    const joined = [...(here?.reviews ?? []), ...review.reviews.filter((item) => !seen.has(`${item.reviewedAt}|${item.reviewedBy.id}|${item.action}`))].sort((a, b) => (a.reviewedAt < b.reviewedAt ? -1 : 1));
    if (here && joined.length === here.reviews.length) continue;
    reviewRows.push(await sealReview(unlocked, { attendanceId: review.attendanceId, reviews: joined }));
  }
  const chain = [...backup.audit].sort((a, b) => a.seq - b.seq);
  const storedCount = (storedChain?.value as Partial<ImportedChainRow> | undefined)?.count;
  const storedLength = typeof storedCount === 'number' ? storedCount : 0;
  const chainRow: MetaRow | undefined =
    chain.length >= storedLength
      ? {
          key: importedChainKey(backup.header.tabletId),
          // The events and their words are sealed with the note: the details of another tablet's events are as clinical as this one's (issue 11).
          value: {
            sourceTabletId: backup.header.tabletId,
            count: chain.length,
            note: await seal(
              unlocked.keys.dataKey,
              { sourceTabletId: backup.header.tabletId, count: chain.length, headHash: backup.header.auditHeadHash, backupCreatedAt: backup.header.createdAt, importedAt: now, events: chain, words: backup.auditWords },
              importedChainAad(unlocked.deviceId, backup.header.tabletId),
            ),
          } satisfies ImportedChainRow,
        }
      : undefined;
  const written = new Set(toWrite.map((item) => item.record.id));
  const pendingInBackup = new Set(backup.worklist?.ids ?? []);
  const addedIds = new Set(letterRows.map((row) => row.id));
  const lettersAdded = backup.letters.filter((letter) => addedIds.has(letter.id));
  const lettersAfter = [...existingLetters, ...lettersAdded];
  await withLock(WORKLIST_LOCK, async () => {
    const stored = await readWorklistState(db, unlocked);
    const worklistIds = new Set(stored?.ids ?? []);
    for (const id of written) {
      if (pendingInBackup.has(id)) worklistIds.add(id);
      else worklistIds.delete(id);
    }
    const worklist = await sealWorklist(unlocked, worklistIds, Math.max(stored?.rev ?? 0, await ctx.revisions.worklistHeld()) + 1);
    const metaRows = [...draftRows, worklist, ...(chainRow ? [chainRow] : [])];
    const records = toWrite.map((item) => item.record);
    const issuedGp = withOwnGpLetter(lettersAfter);
    const gpDue = records.filter((record) => gpLetterDue(record, issuedGp)).map((record) => ({ attendanceId: record.id }));
    const counter = new WriteCounter(attendanceRows.length + letterRows.length + metaRows.length + reviewRows.length + gpDue.length, progress);
    await db.transaction('rw', [db.attendances, db.attendanceDays, db.letters, db.meta, db.liaisonReviews, db.gpLettersDue], async () => {
      counter.begin();
      // A save here since the check above wins: a row written meanwhile at the same or a newer revision is not replaced.
      const now = await db.attendances.bulkGet(attendanceRows.map((row) => row.id));
      const newer = new Set(attendanceRows.filter((row, index) => (now[index]?.rev ?? 0) < row.rev).map((row) => row.id));
      // A row a save here kept counts as done, so the bar still reaches the end.
      await counter.write(attendanceRows, (chunk) => db.attendances.bulkPut(chunk.filter((row) => newer.has(row.id))));
      // Letters and reviews are merged for every record read from the backup, so every day it touches is read afresh.
      await db.attendanceDays.bulkDelete(arrivalDaysOf(attendanceRows));
      await db.meta.delete(DAY_INDEX_BUILD_KEY);
      await counter.write(letterRows, (chunk) => db.letters.bulkPut(chunk));
      await counter.write(metaRows, (chunk) => db.meta.bulkPut(chunk));
      await counter.write(reviewRows, (chunk) => db.liaisonReviews.bulkPut(chunk));
      await counter.write(gpDue, (chunk) => db.gpLettersDue.bulkPut(chunk));
      await db.gpLettersDue.bulkDelete(lettersAdded.filter((letter) => letter.kind === 'gp' && !letter.childId).map((letter) => letter.attendanceId));
    });
  });
  await ctx.audit.append(
    'import',
    '',
    `Merged a backup of tablet ${backup.header.tabletId} made ${backup.header.createdAt}: ${String(toWrite.length - updated)} attendances added, ${String(updated)} updated, ${String(kept)} kept as newer here, ${String(letterRows.length)} letters added; its audit trail of ${String(chain.length)} events kept as that tablet's chain`,
  );
  return { mode: 'merged', added: toWrite.length - updated, updated, kept, lettersAdded: letterRows.length };
}

/** One imported chain, checked as the source tablet's own chain. */
export interface ImportedChainCheck {
  sourceTabletId: string;
  count: number;
  backupCreatedAt: string;
  ok: boolean;
}

/**
 * Checks every imported chain: its sealed note opens under this tablet's key (so it was
 * written here, for this source), the events link from the first with no break the source
 * had not recorded, and their number and head are the note's.
 */
export async function checkImportedChains(ctx: StorageContext, unlocked: Unlocked): Promise<ImportedChainCheck[]> {
  const rows = await ctx.db.meta.where('key').startsWith(IMPORTED_CHAIN_PREFIX).toArray();
  const checks: ImportedChainCheck[] = [];
  for (const row of rows) {
    const sourceTabletId = row.key.slice(IMPORTED_CHAIN_PREFIX.length);
    const value = row.value as Partial<ImportedChainRow> | undefined;
    // Under the current key, or while a re-key is pending the old one (until the re-seal job moves it: reseal.ts).
    let opened = await openSealed(unlocked.keys.dataKey, value?.note, importedChainAad(unlocked.deviceId, sourceTabletId));
    if (!opened.ok && unlocked.previous) opened = await openSealed(unlocked.previous.keys.dataKey, value?.note, importedChainAad(unlocked.deviceId, sourceTabletId));
    const note = opened.ok ? (opened.value as { count?: unknown; headHash?: unknown; backupCreatedAt?: unknown; events?: unknown }) : undefined;
    const events: unknown[] = Array.isArray(note?.events) ? note.events : [];
    const { breaks, events: parsed } = chainBreaks(events);
    const recorded = new Set(parsed.filter((event) => event.type === 'audit-break-detected').map((event) => event.entityId));
    const ok =
      note !== undefined &&
      note.count === events.length &&
      parsed.length === events.length &&
      note.headHash === (parsed.at(-1)?.hash ?? '') &&
      breaks.every((found) => recorded.has(`event-${String(found.brokenAt)}`));
    checks.push({ sourceTabletId, count: events.length, backupCreatedAt: typeof note?.backupCreatedAt === 'string' ? note.backupCreatedAt : '', ok });
  }
  return checks;
}
