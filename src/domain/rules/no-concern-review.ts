/**
 * The sweep for false reassurance (issue 8, PRODUCT.md 4.9): signed records whose concern
 * level is "No concern" — and whose letters may say "No concerns identified" — although the
 * record holds something the concern-level rules now count (an alerting feature of either
 * level, a carer–child interaction concern, a household risk, a CP-IS plan or looked-after
 * status, an open social-care case, a disclosure, sexual activity or pregnancy under 13).
 * The nurse in charge and the safeguarding team review each one, record the level again by
 * addendum and re-issue its letters.
 *
 * Pure and over any set of records (this tablet's, or a department's once shared): it reads
 * each record as it now stands (the signed original with every addendum applied).
 */
import { deriveContext } from '../assessment/derive-context';
import { currentAnswers } from '../assessment/lifecycle';
import type { AssessmentRecord } from '../assessment/record';
import { concernFactsFromAnswers, concernLevelRefusals } from './concern-level';

/** One record to review, with what the rules now count against "No concern". */
export interface NoConcernReview {
  id: string;
  /** Plain words for each thing recorded, as the outcome page names them. */
  reasons: string[];
}

/** Why this signed record's "No concern" would now be refused, or [] when it would not (or it is not a signed "No concern"). */
export function noConcernReviewReasons(record: AssessmentRecord): string[] {
  if (record.status !== 'signed') return [];
  const answers = currentAnswers(record);
  if (answers.outcome.concernLevel !== 'no-concern') return [];
  // Age is read at arrival; the time only bounds "not in the future" checks, which are not used here.
  const ctx = deriveContext(answers, record.signature?.signedAt ?? record.updatedAt);
  return concernLevelRefusals(answers.safeguarding, ctx, undefined, concernFactsFromAnswers(answers)).map((refusal) => refusal.reason);
}

/**
 * Every signed "No concern" record among `records` that the rules would now refuse, in the
 * order given.
 */
export function noConcernRecordsToReview(records: Iterable<AssessmentRecord>): NoConcernReview[] {
  const found: NoConcernReview[] = [];
  for (const record of records) {
    const reasons = noConcernReviewReasons(record);
    if (reasons.length > 0) found.push({ id: record.id, reasons });
  }
  return found;
}
