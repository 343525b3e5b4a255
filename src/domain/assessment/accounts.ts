/**
 * Section 4.3 "Accounts – the voice of the child" (everyone).
 *
 * NICE CG89 step 3 ("Record"): write down exactly what was said, by whom and when. The
 * child's own account is kept apart from the carer's, in the child's own words; CQC found
 * GP letters that left it out (CQC recommendation 1.9). A child who could not give an account
 * gets an explicit reason instead, so "was the child asked?" is measurable.
 */
import * as z from 'zod/mini';
import { hoursBetween } from '../shared/dates';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { AssessmentContext } from './context';
import type { AnswerOption } from './fields';
import { choiceField, flagField, textField } from './fields';
import { IssueList } from './issues';
import type { Issue } from './issues';
import type { PeopleDraft } from './people';
import { recordedPeople } from './people';
import { checkLength } from './validation-helpers';

export const childAccountNotGivenReasonOptions = [
  { value: 'pre-verbal', label: 'Pre-verbal' },
  { value: 'too-unwell', label: 'Too unwell' },
  { value: 'declined', label: 'Declined' },
  { value: 'communication-need', label: 'Communication need (describe)' },
] as const satisfies readonly AnswerOption[];

export const accountConsistentOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-sure', label: 'Not sure' },
] as const satisfies readonly AnswerOption[];

/** Value for "who gave the carer's account" when it was someone not recorded in 4.2. */
export const SOMEONE_ELSE = 'someone-else';

export const accountsDraftSchema = z.object({
  carerAccount: textField(),
  carerAccountGivenBy: textField(),
  carerAccountGivenByOther: textField(),
  childAccount: textField(),
  childAccountNotGiven: flagField(),
  childAccountNotGivenReason: choiceField(['pre-verbal', 'too-unwell', 'declined', 'communication-need']),
  childAccountCommunicationNeed: textField(),
  accountConsistent: choiceField(['yes', 'no', 'not-sure']),
  delay: choiceField(['yes', 'no']),
  adultAccount: textField(),
});

export type AccountsDraft = z.infer<typeof accountsDraftSchema>;

export const emptyAccountsDraft = (): AccountsDraft => accountsDraftSchema.parse({});

/** Canonical wording (PRODUCT.md 4.3). */
export const accountsQuestions = {
  carerAccount: { label: 'What the parent or carer says happened', givenBy: 'Who gave this account?', givenByOther: 'Name and relationship to the child' },
  childAccount: {
    label: 'What the child says happened, in their own words',
    hint: 'Write down exactly what the child said. Do not summarise or interpret',
  },
  childAccountNotGiven: { label: 'The child could not give an account', reasonLabel: 'Why not?', communicationNeedLabel: 'Describe the communication need' },
  accountConsistent: { label: "Is the explanation consistent with the injury and the child's age and development?" },
  delay: { label: 'Was there a delay in seeking help?' },
  adultAccount: { label: 'What the patient says happened' },
} as const;

/** NICE CG89 treats a delay in presentation as an alerting feature; over 24 hours is pointed out in the hint. */
export const DELAY_THRESHOLD_HOURS = 24;

/** The time from the injury to arrival, when both are known and in order. */
export function delayFromInjury(ctx: AssessmentContext): { hours: number; overThreshold: boolean } | undefined {
  if (!ctx.injuryAt || !ctx.arrivedAt) return undefined;
  const hours = hoursBetween(ctx.injuryAt, ctx.arrivedAt);
  if (hours < 0) return undefined;
  return { hours, overThreshold: hours > DELAY_THRESHOLD_HOURS };
}

/**
 * The hint under "Was there a delay in seeking help?": the computed time from injury to
 * arrival, and whether it is over 24 hours. A hint only: the answer is never written for the
 * nurse, because a pre-filled answer is confirmed without being read, and whether the delay
 * was unreasonable is a clinical judgement (PRODUCT.md principle 5: the app prompts, the
 * clinician decides).
 */
export function delayHint(ctx: AssessmentContext): string | undefined {
  const delay = delayFromInjury(ctx);
  if (!delay) return undefined;
  const whole = Math.floor(delay.hours);
  const arrived = delay.hours < 1 ? 'within an hour of the injury' : `${whole} ${whole === 1 ? 'hour' : 'hours'} after the injury`;
  return delay.overThreshold
    ? `The patient arrived ${arrived}: more than ${DELAY_THRESHOLD_HOURS} hours. A delay in seeking help can be an alerting feature (NICE CG89)`
    : `The patient arrived ${arrived}`;
}

/** Whether the delay question applies: any injury or assault, and every child. */
export const delayApplies = (ctx: AssessmentContext): boolean => ctx.injuryRelated || ctx.pathway.child;

/**
 * Whether the delay answer is required: when it applies, unless the injury and arrival times
 * already show arrival within 24 hours. Then the question stays on screen, optional, with the
 * time as its hint: the record already says there was no long delay, and the nurse can still
 * answer Yes (the NICE checklist also offers "Delay in seeking help"). Shorter shortest path
 * (issue 8); the answer is never written for the nurse.
 */
export const delayRequired = (ctx: AssessmentContext): boolean => delayApplies(ctx) && delayFromInjury(ctx)?.overThreshold !== false;

/** Whether the consistency question applies: a child's injury or assault. */
export const consistencyApplies = (ctx: AssessmentContext): boolean => ctx.injuryRelated && ctx.pathway.child;

export function validateAccounts(draft: AccountsDraft, ctx: AssessmentContext, people: PeopleDraft): Issue[] {
  const issues = new IssueList();
  if (ctx.pathway.child) {
    checkLength(issues, 'carerAccount', draft.carerAccount, MAX_FREE_TEXT, "The parent or carer's account");
    if (!isBlank(draft.carerAccount)) {
      const known = recordedPeople(people).some((person) => person.id === draft.carerAccountGivenBy);
      if (draft.carerAccountGivenBy === SOMEONE_ELSE) {
        if (isBlank(draft.carerAccountGivenByOther)) issues.add('carerAccountGivenByOther', 'Enter the name and relationship of the person who gave the account');
        checkLength(issues, 'carerAccountGivenByOther', draft.carerAccountGivenByOther, MAX_SHORT_TEXT, 'Name and relationship');
      } else if (!known) {
        issues.add('carerAccountGivenBy', "Select who gave the parent or carer's account");
      }
    }
    if (draft.childAccountNotGiven) {
      if (draft.childAccountNotGivenReason === '') issues.add('childAccountNotGivenReason', 'Select why the child could not give an account');
      else if (draft.childAccountNotGivenReason === 'communication-need' && isBlank(draft.childAccountCommunicationNeed)) {
        issues.add('childAccountCommunicationNeed', 'Describe the communication need');
      }
    } else if (isBlank(draft.childAccount)) {
      issues.add('childAccount', "Enter what the child says happened, or select 'The child could not give an account'");
    }
    checkLength(issues, 'childAccount', draft.childAccount, MAX_FREE_TEXT, "The child's account");
    if (consistencyApplies(ctx) && draft.accountConsistent === '') {
      issues.add('accountConsistent', "Select whether the explanation is consistent with the injury and the child's age and development");
    }
  } else {
    checkLength(issues, 'adultAccount', draft.adultAccount, MAX_FREE_TEXT, "The patient's account");
  }
  if (delayRequired(ctx) && draft.delay === '') issues.add('delay', 'Select whether there was a delay in seeking help');
  return issues.items;
}
