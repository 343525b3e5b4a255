/**
 * The paediatric liaison review of one attendance (PRODUCT.md section 6; issue 12): who
 * reviewed it, when, what they did (No further action / Shared with health visitor or
 * school nurse / Referral / Escalated) and a note. Storage seals it in a row keyed by the
 * attendance id, stamps who and when itself (the reviewer types neither), and records an
 * audit event; a later review of the same attendance is added after the earlier ones, which
 * stay readable.
 *
 * Owns: the stored schema, the action options (stable ids, never reused), the review form's
 * draft and its checks.
 */
import * as z from 'zod/mini';
import type { AnswerOption } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { MAX_FREE_TEXT } from '../shared/text';

export const liaisonReviewActionOptions = [
  { value: 'no-further-action', label: 'No further action' },
  { value: 'shared-with-health-visitor-or-school-nurse', label: 'Shared with health visitor or school nurse' },
  { value: 'referral', label: 'Referral' },
  { value: 'escalated', label: 'Escalated' },
] as const satisfies readonly AnswerOption[];

export const liaisonReviewActionSchema = z.enum(['no-further-action', 'shared-with-health-visitor-or-school-nurse', 'referral', 'escalated']);
export type LiaisonReviewAction = z.infer<typeof liaisonReviewActionSchema>;

export const liaisonReviewActionLabel = (action: LiaisonReviewAction): string =>
  liaisonReviewActionOptions.find((option) => option.value === action)?.label ?? action;

/** One recorded review, as sealed. */
export const liaisonReviewSchema = z.object({
  reviewedBy: z.object({ id: z.string(), name: z.string() }),
  reviewedAt: z.string(),
  action: liaisonReviewActionSchema,
  note: z.catch(z.string(), ''),
});
export type LiaisonReview = z.infer<typeof liaisonReviewSchema>;

/** The sealed review row of one attendance: every review recorded, oldest first. */
export const liaisonReviewRecordSchema = z.object({
  attendanceId: z.string(),
  reviews: z.array(liaisonReviewSchema),
});
export type LiaisonReviewRecord = z.infer<typeof liaisonReviewRecordSchema>;

/** The newest review of a record, if any. */
export const latestReview = (record: LiaisonReviewRecord | undefined): LiaisonReview | undefined => record?.reviews.at(-1);

/** The review form as typed. */
export const liaisonReviewDraftSchema = z.object({
  action: z.catch(z.enum(['', ...liaisonReviewActionSchema.options]), ''),
  note: z.catch(z.string(), ''),
});
export type LiaisonReviewDraft = z.infer<typeof liaisonReviewDraftSchema>;

export const liaisonReviewQuestions = {
  action: { legend: 'What was done after the review?' },
  note: { label: 'Note (optional)', hint: 'For example, who it was shared with or escalated to. The note is kept sealed on this tablet.' },
} as const;

/** What is wrong with the review form; empty when it can be recorded. */
export function validateLiaisonReview(draft: LiaisonReviewDraft): Issue[] {
  const issues = new IssueList();
  if (draft.action === '') issues.add('action', 'Select what was done after the review');
  if (draft.note.length > MAX_FREE_TEXT) issues.add('note', `The note must be ${String(MAX_FREE_TEXT)} characters or fewer`);
  return issues.items;
}
