/**
 * AUDIT-C (alcohol use, UK units version) for adults whose attendance involves alcohol
 * (PRODUCT.md 4.7 "Adults with intoxication may also complete AUDIT-C"; research §4.2).
 *
 * Owns: when the section applies (18 and over, with a presentation where alcohol is often
 * involved), what "alcohol involvement" means (the reason for attendance is alcohol or drug
 * intoxication, or the nurse answers that alcohol was involved), the three items with their
 * scores, the total 0–12, the positive rule (5 or more), the brief advice record, validation
 * and the "not asked" follow-up.
 *
 * The instrument: three items each scored 0–4 (how often the person drinks; units on a
 * typical drinking day, in the bands 1–2, 3–4, 5–6, 7–9, 10 or more; how often they have 6 or
 * more units if female or 8 or more if male on one occasion), total 0–12; a total of 5 or more
 * is AUDIT-C positive (increasing or higher risk drinking), and the full 10-item AUDIT follows.
 * Evidence: S — checked against copies of the Public Health England / Department of Health
 * AUDIT-C form (the Alcohol Learning Centre copy and NHS trust copies found by search, which
 * agree item by item on the bands and on "5+ … AUDIT-C positive"); the OHID / GOV.UK page
 * itself was not retrieved. GOV.UK "Clinical guidelines for alcohol treatment" section 3 (V)
 * says to identify risk with AUDIT or a short form of it and to offer an alcohol brief
 * intervention to increasing- or higher-risk drinkers who are not dependent; NICE QS11
 * statement 1 (V) asks that a validated questionnaire is completed.
 *
 * Wording: the AUDIT is a WHO instrument; the UK units version is a government form whose
 * reuse terms were not checked (research §11 item 17). The questions on screen are our own
 * plain wording of the three items, marked as such; the answer bands and scoring are the
 * form's. Scoring does not depend on the wording. This is an alcohol-use score, not a score
 * for maltreatment or suicide (PRODUCT.md principle 5).
 *
 * Alcohol involvement (U, a product decision): research §4.2 does not define it; the
 * presentations that ask "Was alcohol involved?" are those where alcohol commonly is
 * (injury, assault, self-harm, mental health crisis), to be confirmed with the trust's
 * alcohol care lead. Ids are stable slugs.
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, flagField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { checkLength } from '../assessment/validation-helpers';
import { isBlank, MAX_FREE_TEXT } from '../shared/text';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import { reasonIsOneOf } from './screening-context';
import type { ScreeningReason, ScreeningSource } from './screening-context';

export const AUDIT_C_SOURCE: ScreeningSource = {
  citation: 'AUDIT-C (UK units version), Public Health England / Department of Health form; GOV.UK Clinical guidelines for alcohol treatment, section 3; NICE QS11 statement 1',
  evidence: 'S',
  research: '§4.2',
  note: 'Items, bands and the 5+ positive rule checked against copies of the PHE form (S); the GOV.UK guideline and NICE QS11 statement are V; wording on screen is ours',
};

/** AUDIT-C positive: a total of 5 or more (research §4.2; PHE form, S). */
export const AUDIT_C_POSITIVE_FROM = 5;
export const AUDIT_C_MAX = 12;

/** The reason that makes alcohol involvement presumed. */
export const INTOXICATION_REASON: ScreeningReason = 'intoxication';

/** Presentations where the nurse is asked whether alcohol was involved (U, a product decision). */
export const ALCOHOL_QUESTION_REASONS: readonly ScreeningReason[] = ['injury', 'assault', 'self-harm', 'mental-health'];

export interface AuditCItem {
  id: 'frequency' | 'typicalUnits' | 'heavyEpisodes';
  /** Our own plain wording (not the official text). */
  label: string;
  /** Five answers, scored 0 to 4 in this order. */
  options: readonly [AnswerOption, AnswerOption, AnswerOption, AnswerOption, AnswerOption];
}

export const auditCItems = [
  {
    id: 'frequency',
    label: 'How often does the patient have a drink that contains alcohol?',
    options: [
      { value: 'never', label: 'Never' },
      { value: 'monthly-or-less', label: 'Monthly or less' },
      { value: '2-4-a-month', label: '2 to 4 times a month' },
      { value: '2-3-a-week', label: '2 to 3 times a week' },
      { value: '4-plus-a-week', label: '4 or more times a week' },
    ],
  },
  {
    id: 'typicalUnits',
    label: 'On a day when they drink, how many units of alcohol do they usually have?',
    options: [
      { value: '1-2', label: '1 to 2' },
      { value: '3-4', label: '3 to 4' },
      { value: '5-6', label: '5 to 6' },
      { value: '7-9', label: '7 to 9' },
      { value: '10-plus', label: '10 or more' },
    ],
  },
  {
    id: 'heavyEpisodes',
    label: 'In the last year, how often have they had 6 or more units (women) or 8 or more units (men) on one occasion?',
    options: [
      { value: 'never', label: 'Never' },
      { value: 'less-than-monthly', label: 'Less than monthly' },
      { value: 'monthly', label: 'Monthly' },
      { value: 'weekly', label: 'Weekly' },
      { value: 'daily', label: 'Daily or almost daily' },
    ],
  },
] as const satisfies readonly AuditCItem[];

export const briefAdviceOptions = [
  { value: 'given', label: 'Given' },
  { value: 'declined', label: 'Offered and declined' },
  { value: 'not-given', label: 'Not given (give the reason)' },
] as const satisfies readonly AnswerOption[];

export const alcoholInvolvedOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const satisfies readonly AnswerOption[];

export const auditCDraftSchema = z.object({
  alcoholInvolved: choiceField(['yes', 'no']),
  notAsked: flagField(),
  notAskedReason: textField(),
  frequency: choiceField(['never', 'monthly-or-less', '2-4-a-month', '2-3-a-week', '4-plus-a-week']),
  typicalUnits: choiceField(['1-2', '3-4', '5-6', '7-9', '10-plus']),
  heavyEpisodes: choiceField(['never', 'less-than-monthly', 'monthly', 'weekly', 'daily']),
  briefAdvice: choiceField(['given', 'declined', 'not-given']),
  briefAdviceNotGivenReason: textField(),
});

export type AuditCDraft = z.infer<typeof auditCDraftSchema>;

export const emptyAuditCDraft = (): AuditCDraft => auditCDraftSchema.parse({});

export const auditCQuestions = {
  title: 'Alcohol use (AUDIT-C)',
  wordingNotice: 'These questions are our own plain wording of the three AUDIT-C questions (UK units), not the official text. The answers and scoring are the official ones',
  alcoholInvolved: { label: 'Was alcohol involved in this attendance?' },
  fromReason: 'Alcohol or drug intoxication is the reason for attendance: ask AUDIT-C if alcohol was involved. If it was drugs only, select that it was not asked and say so',
  notAsked: { label: 'AUDIT-C was not asked', reasonLabel: 'Why was it not asked?', reasonHint: 'For example, too intoxicated to answer now, or drugs only' },
  score: { label: 'AUDIT-C score', positive: 'Positive (5 or more): increasing or higher risk drinking', negative: 'Below 5: lower risk' },
  positiveAction: 'Give brief advice about alcohol, and complete the full AUDIT or refer under local procedure',
  briefAdvice: { label: 'Brief advice about alcohol', reasonLabel: 'Why was it not given?' },
} as const;

/** 18 and over, with a presentation where alcohol involvement is presumed or asked about. */
export const auditCApplies = (ctx: AssessmentContext): boolean =>
  ctx.pathway.adult && (reasonIsOneOf(ctx, [INTOXICATION_REASON]) || reasonIsOneOf(ctx, ALCOHOL_QUESTION_REASONS));

/** Whether the "Was alcohol involved?" question is asked (not for intoxication, where it is presumed). */
export const alcoholQuestionAsked = (ctx: AssessmentContext): boolean => auditCApplies(ctx) && !reasonIsOneOf(ctx, [INTOXICATION_REASON]);

/** Alcohol involvement: the reason is intoxication, or the nurse answered Yes. */
export const alcoholInvolved = (draft: Pick<AuditCDraft, 'alcoholInvolved'>, ctx: AssessmentContext): boolean =>
  auditCApplies(ctx) && (reasonIsOneOf(ctx, [INTOXICATION_REASON]) || draft.alcoholInvolved === 'yes');

/** The score of one item's answer (0–4), or undefined when not answered. */
export function itemScore(item: AuditCItem, value: string): number | undefined {
  const index = item.options.findIndex((option) => option.value === value);
  return index === -1 ? undefined : index;
}

/** The total 0–12, once all three items are answered. */
export function auditCScore(draft: AuditCDraft): number | undefined {
  let total = 0;
  for (const item of auditCItems) {
    const score = itemScore(item, draft[item.id]);
    if (score === undefined) return undefined;
    total += score;
  }
  return total;
}

/** AUDIT-C positive: total 5 or more (increasing or higher risk drinking). */
export const auditCPositive = (score: number): boolean => score >= AUDIT_C_POSITIVE_FROM;

/** The score when the screen was asked and complete (alcohol involved, not "not asked"). */
export function auditCResult(draft: AuditCDraft, ctx: AssessmentContext): { score: number; positive: boolean } | undefined {
  if (!alcoholInvolved(draft, ctx) || draft.notAsked) return undefined;
  const score = auditCScore(draft);
  return score === undefined ? undefined : { score, positive: auditCPositive(score) };
}

/** Validation. Never blocks saving. */
export function validateAuditC(draft: AuditCDraft, ctx: AssessmentContext): Issue[] {
  const issues = new IssueList();
  if (!auditCApplies(ctx)) return issues.items;
  if (alcoholQuestionAsked(ctx) && draft.alcoholInvolved === '') issues.add('alcoholInvolved', 'Select whether alcohol was involved in this attendance');
  if (alcoholInvolved(draft, ctx)) {
    if (draft.notAsked) {
      if (isBlank(draft.notAskedReason)) issues.add('notAskedReason', 'Enter why AUDIT-C was not asked');
    } else {
      for (const item of auditCItems) if (draft[item.id] === '') issues.add(item.id, `Select an answer to: ${item.label}`);
      const result = auditCResult(draft, ctx);
      // Brief advice is recorded for a positive screen (GOV.UK clinical guidelines for alcohol treatment, section 3).
      if (result?.positive === true) {
        if (draft.briefAdvice === '') issues.add('briefAdvice', 'Select whether brief advice about alcohol was given');
        else if (draft.briefAdvice === 'not-given' && isBlank(draft.briefAdviceNotGivenReason)) issues.add('briefAdviceNotGivenReason', 'Enter why brief advice was not given');
      }
    }
  }
  checkLength(issues, 'notAskedReason', draft.notAskedReason, MAX_FREE_TEXT, 'Why AUDIT-C was not asked');
  checkLength(issues, 'briefAdviceNotGivenReason', draft.briefAdviceNotGivenReason, MAX_FREE_TEXT, 'Why brief advice was not given');
  return issues.items;
}

/** "Not asked" with alcohol involved: ask it when the patient can answer. */
export function auditCFollowUps(draft: AuditCDraft, ctx: AssessmentContext): ScreeningFollowUp[] {
  return alcoholInvolved(draft, ctx) && draft.notAsked ? [followUp('audit-c-not-asked', draft.notAskedReason.trim())] : [];
}
