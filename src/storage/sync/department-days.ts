/**
 * The department's attendances by arrival day (issue 14: "the liaison review list and the
 * compliance audit run over the department's records once shared"; CQC recommendations 1.5
 * and 3.5, the safety net over every under-18 attendance). Owns the sealed department day rows
 * and how they are kept and read.
 *
 * A pulled summary carries no clear arrival day (what travels is the sealed box as it is:
 * engine-wire.ts), and opening every department summary for a week's list would not keep the
 * list's budget at scale. So, as this tablet's own sealed per-day index does
 * (repositories/day-index.ts), this module keeps one sealed row per London arrival day in
 * `meta` (key `department-day:<day>`), holding the opened summaries of other tablets'
 * attendances that arrived that day, each with the revision it was opened at. A week of the
 * liaison list opens about 7 sealed rows. The day in the key is as coarse, and as clear, as an
 * attendance's own `arrivedDay`.
 *
 * Kept from what this tablet already opens: every pulled summary is opened once before it is
 * used (pull-record.ts checkWith: at the pull when unlocked, else at the next unlock), and the
 * notes of that opening carry the summary here (`updateDepartmentDays`). Written by the sync
 * engine only, under a cross-tab lock of its own (this tablet's writers never touch these
 * rows, and the own day index's lock is not taken).
 *
 * Read as "late, never wrong about who is on the list" (hazard H13): an entry counts only
 * while the summary it was opened from is the one held (`departmentRows`, same revision, not
 * tombstoned), so a moved arrival or a newer revision is read from where it now is; an entry
 * older than the summary held (its note not written, an older copy of the row put back) is
 * read from the held summary itself. The
 * marker (`department-days:built`) is taken away before a pull whose notes might not be
 * written (the tab closes, the tablet locks mid-pull) and put back after them; whenever it is
 * missing, the build at unlock (`buildDepartmentDays`) opens every held summary and writes the
 * rows again, so a summary the rows missed is on the list from the next unlock. The same
 * notes are lost with them for the department's "Referrals to make" and "GP letters due"
 * (pull-worklist.ts, kept from the same notes and with no marker of their own), so the build
 * writes both lists again from the summaries it opened: a referral planned on another tablet
 * is never left off this tablet's home screen for longer than the next unlock (hazard H5).
 */
import { attendanceSummarySchema } from '../../domain/assessment/attendance-summary-schema';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary-schema';
import type { IsoInstant } from '../../domain/shared/dates';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { DepartmentRow, TriageDatabase } from '../db';
import { arrivalDay, arrivedInWindow, daysOfWindow } from '../repositories/day-index';
import { withLock } from '../repositories/locks';
import type { Unlocked } from '../repositories/vault';
import { rowKey } from './engine-wire';
import { openPulledSummary } from './pull-open';
import { updateDepartmentWorklist } from './pull-worklist';
import type { ReferralNotes } from './pull-worklist';

/** meta: one sealed row per London arrival day of other tablets' attendances. */
export const DEPARTMENT_DAY_PREFIX = 'department-day:';
/** meta: present while every held department summary is in the day rows (clear; says nothing about a patient). */
export const DEPARTMENT_DAYS_BUILT_KEY = 'department-days:built';
const LOCK = 'safeguarding-triage:department-days';

/** One attendance of another tablet as the day rows hold it: its opened summary and the revision opened. */
export interface DepartmentDayEntry {
  id: string;
  rev: number;
  /** Marked `sharedFrom` with the tablet that sealed it (pull-open.ts). */
  summary: AttendanceSummary;
}

/** What opening pulled summaries noted, per attendance id (pull-worklist.ts ReferralNotes carries it). */
export type SummaryNotes = ReadonlyMap<string, { revision: number; summary?: AttendanceSummary }>;

const dayKey = (day: string): string => `${DEPARTMENT_DAY_PREFIX}${day}`;
const address = (key: string): RowAddress => ({ table: 'meta', id: key, field: 'value', rev: 0 });

function parseEntry(raw: unknown): DepartmentDayEntry | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { id, rev, summary } = raw as { id?: unknown; rev?: unknown; summary?: unknown };
  if (typeof id !== 'string' || typeof rev !== 'number') return undefined;
  const parsed = attendanceSummarySchema.safeParse(summary);
  return parsed.success && parsed.data.id === id ? { id, rev, summary: parsed.data } : undefined;
}

/** Opens one day row: its entries, or undefined when it does not open (changed outside the app, damaged). */
async function openDayRow(unlocked: Unlocked, key: string, value: unknown): Promise<DepartmentDayEntry[] | undefined> {
  const opened = await openRow(unlocked, value, address(key));
  const entries = (opened?.value as { entries?: unknown } | undefined)?.entries;
  if (!opened || !Array.isArray(entries)) return undefined;
  return entries.map(parseEntry).filter((entry): entry is DepartmentDayEntry => entry !== undefined);
}

/** Every held summary of other tablets, opened, a batch at a time (the build, and a reader that met a damaged day row). */
async function openEveryHeld(db: TriageDatabase, unlocked: Unlocked): Promise<DepartmentDayEntry[]> {
  const keys = await db.departmentRows.where('kind').equals('summary').primaryKeys();
  const entries: DepartmentDayEntry[] = [];
  for (let start = 0; start < keys.length; start += 200) {
    const rows = (await db.departmentRows.bulkGet(keys.slice(start, start + 200))).filter((row): row is DepartmentRow => row !== undefined && row.sealed !== '' && row.authorTablet !== unlocked.deviceId);
    const opened = await Promise.all(rows.map((row) => openPulledSummary(unlocked, row)));
    opened.forEach((summary, index) => {
      const row = rows[index];
      if (summary && row) entries.push({ id: row.rowId, rev: row.revision, summary });
    });
  }
  return entries;
}

async function writeDays(db: TriageDatabase, unlocked: Unlocked, days: ReadonlyMap<string, DepartmentDayEntry[]>): Promise<void> {
  const sealed = await Promise.all(
    [...days].map(async ([day, entries]) => {
      const key = dayKey(day);
      return { key, value: entries.length === 0 ? undefined : await sealRow(unlocked, { day, entries }, address(key)) };
    }),
  );
  await db.transaction('rw', db.meta, async () => {
    for (const { key, value } of sealed) {
      if (value === undefined) await db.meta.delete(key);
      else await db.meta.put({ key, value });
    }
  });
}

/** Whether a held department row is the summary an entry was opened from. */
const isHeld = (row: DepartmentRow | undefined, rev: number): boolean => row !== undefined && row.sealed !== '' && row.revision === rev;

/**
 * Puts what the pull's opening noted into the day rows: each summary under its arrival day,
 * replacing the entry of the same id there; entries of the days touched whose summary is no
 * longer held at that revision (a tombstone, a newer revision elsewhere) are dropped.
 */
export async function updateDepartmentDays(db: TriageDatabase, unlocked: Unlocked, notes: SummaryNotes): Promise<void> {
  const noted = [...notes].flatMap(([id, note]) => (note.summary ? [{ id, rev: note.revision, summary: note.summary }] : []));
  if (noted.length === 0) return;
  await withLock(LOCK, async () => {
    const byDay = new Map<string, DepartmentDayEntry[]>();
    for (const entry of noted) byDay.set(arrivalDay(entry.summary.arrivedAt), [...(byDay.get(arrivalDay(entry.summary.arrivedAt)) ?? []), entry]);
    const days = [...byDay.keys()];
    const rows = await db.meta.bulkGet(days.map(dayKey));
    const next = new Map<string, DepartmentDayEntry[]>();
    await Promise.all(
      days.map(async (day, index) => {
        const row = rows[index];
        const held = row ? await openDayRow(unlocked, row.key, row.value) : [];
        // A day row that does not open is started again from what was noted, and the build goes over every summary held.
        if (!held) await markDepartmentDaysBehind(db);
        const merged = new Map((held ?? []).map((entry) => [entry.id, entry]));
        for (const entry of byDay.get(day) ?? []) merged.set(entry.id, entry);
        next.set(day, [...merged.values()]);
      }),
    );
    const all = [...next.values()].flat();
    const current = await db.departmentRows.bulkGet(all.map((entry) => rowKey('summary', entry.id)));
    const keep = new Set(all.filter((entry, index) => isHeld(current[index], entry.rev)));
    for (const [day, entries] of next) next.set(day, entries.filter((entry) => keep.has(entry)));
    await writeDays(db, unlocked, next);
  });
}

/** Marks the day rows as possibly behind (before a pull whose notes may not be written): the next unlock builds them again. */
export const markDepartmentDaysBehind = (db: Pick<TriageDatabase, 'meta'>): Promise<void> => db.meta.delete(DEPARTMENT_DAYS_BUILT_KEY);

/** Marks the day rows as holding every held summary. */
export const markDepartmentDaysBuilt = (db: Pick<TriageDatabase, 'meta'>, now: IsoInstant): Promise<string> => db.meta.put({ key: DEPARTMENT_DAYS_BUILT_KEY, value: now });

/**
 * At unlock, when the marker is missing: opens every held department summary and writes the
 * day rows again from nothing (days no longer holding anything are deleted), and the
 * department's referrals and letters due from the same summaries. Opening is done a batch at
 * a time outside any transaction.
 */
export async function buildDepartmentDays(db: TriageDatabase, unlocked: Unlocked, now: IsoInstant): Promise<{ built: boolean; entries: number }> {
  if ((await db.meta.get(DEPARTMENT_DAYS_BUILT_KEY)) !== undefined) return { built: false, entries: 0 };
  return withLock(LOCK, async () => {
    const next = new Map<string, DepartmentDayEntry[]>();
    for (const key of await db.meta.where('key').startsWith(DEPARTMENT_DAY_PREFIX).primaryKeys()) next.set(key.slice(DEPARTMENT_DAY_PREFIX.length), []);
    const entries = await openEveryHeld(db, unlocked);
    for (const entry of entries) {
      const day = arrivalDay(entry.summary.arrivedAt);
      next.set(day, [...(next.get(day) ?? []), entry]);
    }
    await writeDays(db, unlocked, next);
    // Every held summary noted: each list takes on or off what it says (and drops what is no longer held).
    const notes: ReferralNotes = new Map(entries.map((entry) => [entry.id, { revision: entry.rev, pending: entry.summary.pendingReferral !== null, summary: entry.summary }]));
    await updateDepartmentWorklist(db, unlocked, notes);
    await markDepartmentDaysBuilt(db, now);
    return { built: true, entries: entries.length };
  });
}

/**
 * Other tablets' attendances that arrived in [from, to), opened, newest arrival first. Only
 * entries whose summary is still the one held count, and an older entry is read from the
 * held summary. A held summary no row of the window holds at all (its note lost, the marker
 * missing) is not looked for here: the build at the next unlock brings it.
 */
export async function readDepartmentDays(db: TriageDatabase, unlocked: Unlocked, window: { fromInstant: IsoInstant; toInstant: IsoInstant }): Promise<DepartmentDayEntry[]> {
  const names = daysOfWindow(window.fromInstant, window.toInstant);
  if (names.length === 0) return [];
  const rows = (await db.meta.bulkGet(names.map(dayKey))).filter((row) => row !== undefined);
  if (rows.length === 0) return [];
  const days = await Promise.all(rows.map((row) => openDayRow(unlocked, row.key, row.value)));
  let opened = days.flatMap((entries) => entries ?? []);
  if (days.some((entries) => entries === undefined)) {
    // A day row that does not open: never hide who is on the list (hazard H13). Read every held summary now (slow, rare) and ask
    // the next unlock to build the rows again (after this read: a live query writes nothing).
    opened = await openEveryHeld(db, unlocked);
    setTimeout(() => void markDepartmentDaysBehind(db).catch(() => undefined), 0);
  }
  const held = await db.departmentRows.bulkGet(opened.map((entry) => rowKey('summary', entry.id)));
  const found = new Map<string, DepartmentDayEntry>();
  const newer: DepartmentRow[] = [];
  opened.forEach((entry, index) => {
    const row = held[index];
    if (!row || row.sealed === '' || row.authorTablet === unlocked.deviceId) return;
    // An entry older than the summary held (a note not written, an older copy of the row put back): the held summary is read instead.
    if (row.revision > entry.rev) newer.push(row);
    else if (isHeld(row, entry.rev) && arrivedInWindow(entry.summary.arrivedAt, window)) found.set(entry.id, entry);
  });
  const current = await Promise.all(newer.map((row) => openPulledSummary(unlocked, row)));
  current.forEach((summary, index) => {
    const row = newer[index];
    if (summary && row && arrivedInWindow(summary.arrivedAt, window)) found.set(row.rowId, { id: row.rowId, rev: row.revision, summary });
  });
  return [...found.values()].sort((a, b) => (a.summary.arrivedAt < b.summary.arrivedAt ? 1 : a.summary.arrivedAt > b.summary.arrivedAt ? -1 : 0));
}
