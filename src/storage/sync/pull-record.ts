/**
 * Checking what the pull brought, and opening full records from other tablets (issue 14;
 * design docs/design/department-sync.md §5, §7): the pull's check (open with the author's id
 * while unlocked; undefined while locked), the check at the next unlock of rows pulled while
 * locked (a row that does not open is reported and dropped, the copy held before is kept),
 * and a full record fetched on demand. Loaded with the engine, not with the home screen.
 */
import { assessmentRecordSchema } from '../../domain/assessment/record';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { DepartmentRow, PulledRowFields, TriageDatabase } from '../db';
import type { Unlocked } from '../repositories/vault';
import { readReport, SYNC_REPORT_KEY } from './engine-state';
import type { RowCheck } from './pull';
import { openPulled, openPulledSummary } from './pull-open';
import { updateDepartmentWorklist } from './pull-worklist';
import { updateDepartmentDays } from './department-days';
import type { ReferralNotes } from './pull-worklist';
import { sealedAhead } from './department-rekey-wait';

type Opened = Pick<DepartmentRow, 'kind' | 'rowId'> & PulledRowFields;

/** A record from another tablet, parsed; undefined when it does not open or is not a record of that id. */
export async function openPulledRecord(unlocked: Unlocked, row: Opened): Promise<AssessmentRecord | undefined> {
  const value = await openPulled(unlocked, row);
  if (value === undefined) return undefined;
  const parsed = assessmentRecordSchema.safeParse(value);
  if (!parsed.success || parsed.data.id !== row.rowId) return undefined;
  return parsed.data;
}

/** The pull's check: opens with the key while unlocked, else says it must wait (undefined). */
export const checkWith =
  (peek: () => Unlocked | undefined, notes?: ReferralNotes): RowCheck =>
  async (row) => {
    const unlocked = peek();
    if (!unlocked) return undefined;
    // Sealed after a department re-key this tablet has not taken up yet: it waits for the unlock that does (department-rekey.ts).
    if (sealedAhead(unlocked, row.sealed)) return undefined;
    if (row.kind === 'summary') {
      const summary = await openPulledSummary(unlocked, row);
      // Whether it has a referral still to make, for the department's worklist (pull-worklist.ts).
      if (summary) notes?.set(row.rowId, { revision: row.revision, pending: summary.pendingReferral !== null, summary });
      return summary !== undefined;
    }
    return (await openPulledRecord(unlocked, row)) !== undefined;
  };

/**
 * At unlock: opens every row pulled while locked. One that opens replaces the copy held; one
 * that does not is reported in the sync report and dropped, and the copy held stays.
 */
export async function checkIncoming(db: TriageDatabase, unlocked: Unlocked): Promise<{ checked: number; tampered: number }> {
  const waiting = await db.departmentRows.where('unchecked').equals(1).toArray();
  const results = new Map<string, boolean>();
  const notes: ReferralNotes = new Map();
  for (const row of waiting) {
    if (!row.incoming) continue;
    if (sealedAhead(unlocked, row.incoming.sealed)) continue;
    results.set(row.key, (await checkWith(() => unlocked, notes)({ kind: row.kind, rowId: row.rowId, ...row.incoming })) === true);
  }
  let tampered = 0;
  await db.transaction('rw', db.departmentRows, db.meta, async () => {
    const bad: string[] = [];
    for (const row of waiting) {
      const current = await db.departmentRows.get(row.key);
      if (!current?.incoming || current.incoming.seq !== row.incoming?.seq) continue;
      if (!results.has(row.key)) continue;
      const { incoming, unchecked: _waiting, ...held } = current;
      if (results.get(row.key) === true) await db.departmentRows.put({ ...held, ...incoming });
      else {
        tampered += 1;
        bad.push(`${row.key} revision ${String(incoming.revision)}`);
        if (held.sealed === '') await db.departmentRows.delete(row.key);
        else await db.departmentRows.put(held);
      }
    }
    if (bad.length > 0) {
      const report = await readReport(db);
      report.tampered = [...new Set([...report.tampered, ...bad])];
      await db.meta.put({ key: SYNC_REPORT_KEY, value: report });
    }
  });
  await updateDepartmentWorklist(db, unlocked, notes);
  // And the department's day rows (the liaison list, the compliance audit).
  await updateDepartmentDays(db, unlocked, notes);
  return { checked: waiting.length, tampered };
}
