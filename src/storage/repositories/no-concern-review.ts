/**
 * The sweep for false reassurance, storage side: opens the sealed records of the signed
 * attendances whose summary says (or may say) "No concern" and runs the pure rule over
 * them (domain/rules/no-concern-review.ts). Loaded on demand, only for the nurse in charge
 * and the paediatric liaison (safeguarding) role: the home screen's first load does not
 * carry the record schemas.
 */
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { assessmentRecordSchema } from '../../domain/assessment/record';
import { noConcernReviewReasons } from '../../domain/rules/no-concern-review';
import type { AttendanceRow } from '../db';
import { openRowPart } from './attendance-crypto';
import type { NoConcernReviewItem } from './types';
import type { Unlocked } from './vault';

/**
 * `rows` are signed attendances; `summaries` their opened summaries. Only summaries whose
 * level is "No concern", or that were sealed before the summary carried the level, have
 * their record opened. A record that cannot be opened is left out (it is reported where it
 * is opened: the record and letters pages).
 */
export async function recordsToReview(unlocked: Unlocked, rows: readonly AttendanceRow[], summaries: readonly AttendanceSummary[]): Promise<NoConcernReviewItem[]> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const candidates = summaries.filter((summary) => summary.status === 'signed' && (summary.concernLevel === 'no-concern' || summary.concernLevel === null));
  const items = await Promise.all(
    candidates.map(async (summary): Promise<NoConcernReviewItem | undefined> => {
      const row = byId.get(summary.id);
      if (!row) return undefined;
      const opened = await openRowPart(unlocked, row, 'payload');
      if (!opened) return undefined;
      const parsed = assessmentRecordSchema.safeParse(opened.value);
      if (!parsed.success || parsed.data.id !== row.id) return undefined;
      const reasons = noConcernReviewReasons(parsed.data);
      return reasons.length > 0 ? { summary, reasons } : undefined;
    }),
  );
  return items.filter((item): item is NoConcernReviewItem => item !== undefined);
}
