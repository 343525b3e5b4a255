/**
 * A sealed list of other tablets' attendance ids kept from the summaries this tablet opens
 * (the department's "Referrals to make", pull-worklist.ts, and "GP letters due",
 * letters-due-keep.ts). One meta row per list, its value the ids sealed under the key, so no
 * clear flag says which child has a referral or a letter due, and a home screen opens only the
 * listed summaries instead of every one the department holds.
 *
 * Keeping a list: each note about a summary held at the noted revision puts its id on or off
 * the list as `qualifies` says (a note about a revision not applied, older or tampered, changes
 * nothing), and an id whose summary is no longer held (a tombstone) leaves it. The row is
 * written only when the list changed.
 */
import type { TriageDatabase } from '../db';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress } from '../crypto/sealed-row';
import type { Unlocked } from '../repositories/vault';
import { rowKey } from './engine-wire';

const addressOf = (key: string): RowAddress => ({ table: 'meta', id: key, field: 'value', rev: 0 });

/** The ids listed under `key`, opened; none when the row is missing or does not open. */
export async function readSummaryIdList(db: Pick<TriageDatabase, 'meta'>, unlocked: Unlocked, key: string): Promise<string[]> {
  const row = await db.meta.get(key);
  if (!row) return [];
  const value = (await openRow(unlocked, row.value, addressOf(key)))?.value;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Applies the notes to the list under `key`. `qualifies` answers whether a noted summary
 * belongs on the list, or `undefined` when the note cannot say (the list keeps what it had).
 */
export async function keepSummaryIdList<Note extends { revision: number }>(
  db: TriageDatabase,
  unlocked: Unlocked,
  key: string,
  notes: ReadonlyMap<string, Note>,
  qualifies: (note: Note) => boolean | undefined,
): Promise<void> {
  const current = new Set(await readSummaryIdList(db, unlocked, key));
  const ids = [...new Set([...current, ...notes.keys()])];
  const held = await db.departmentRows.bulkGet(ids.map((id) => rowKey('summary', id)));
  let changed = false;
  for (const [index, id] of ids.entries()) {
    const row = held[index];
    if (!row || row.sealed === '') {
      changed = current.delete(id) || changed;
      continue;
    }
    const note = notes.get(id);
    if (!note || note.revision !== row.revision) continue;
    const listed = qualifies(note);
    if (listed === undefined || listed === current.has(id)) continue;
    if (listed) current.add(id);
    else current.delete(id);
    changed = true;
  }
  if (!changed) return;
  await db.meta.put({ key, value: await sealRow(unlocked, [...current], addressOf(key)) });
}
