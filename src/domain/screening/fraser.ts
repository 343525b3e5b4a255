/**
 * Fraser / Gillick record: under 16 when the visit is about sexual health, contraception or
 * pregnancy (PRODUCT.md section 3 and 4.6; research §5).
 *
 * Owns: when the record applies, the five Fraser criteria (each Met / Not met with a reason),
 * whether the young person was encouraged to involve a parent, the partner's age and any
 * power imbalance (a "Yes" opens the CSE follow-up), the under-13 rule (no Fraser, referral
 * mandatory), the young person's view on sharing with their GP and with their parents, and
 * the sharing decision the letters call.
 *
 * Why no Fraser under 13: a child under 13 cannot consent to sexual activity in law, so
 * sexual activity involving a child under 13 always leads to a child protection referral
 * (research §5.1, S; consistent with NICE CG89 on under-13 pregnancy, V; the RCGP safeguarding
 * e-learning says the same, checked for this module). The record is
 * refused, not hidden, so a record already typed is not silently dropped.
 *
 * Letters: every detail here is restricted content (PRODUCT.md section 5, Fraser).
 *
 * Evidence (research §0): the five criteria are V (NSPCC Learning quoting Gillick v West Norfolk
 * and Wisbech AHA [1985], checked again for this module); their extension to STI treatment and termination (Axton, 2006) is S;
 * the answer lists and "any criterion not met → senior or safeguarding discussion" follow
 * research §5.3 (S/U, a product design to be signed off). Ids are stable slugs.
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, flagField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { checkLength } from '../assessment/validation-helpers';
import { isBlank, MAX_FREE_TEXT } from '../shared/text';
import { readPartnerAge, MAX_PARTNER_AGE, MIN_PARTNER_AGE } from './cse';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import { reasonIsOneOf } from './screening-context';
import type { ScreeningReason, ScreeningSource } from './screening-context';

/** The attendance reasons that bring the record (PRODUCT.md 4.1: "Sexual health, contraception or pregnancy"). */
export const FRASER_REASONS: readonly ScreeningReason[] = ['sexual-health'];

export const FRASER_SOURCE: ScreeningSource = {
  citation: 'Gillick v West Norfolk and Wisbech AHA [1985] (House of Lords), Fraser guidelines, as summarised by NSPCC Learning',
  evidence: 'V',
  research: '§5.1',
};

export const criterionOptions = [
  { value: 'met', label: 'Met' },
  { value: 'not-met', label: 'Not met' },
] as const satisfies readonly AnswerOption[];

/** The five Fraser criteria (research §5.1), in order, with their draft keys. */
export const fraserCriteria = [
  { id: 'understandsAdvice', label: 'The young person understands the advice', name: 'understanding the advice' },
  {
    id: 'cannotBePersuaded',
    label: 'The young person cannot be persuaded to tell their parents, or to let you tell them',
    name: 'telling their parents',
  },
  { id: 'likelyToHaveSex', label: 'The young person is very likely to start or continue having sex, with or without contraception', name: 'having sex' },
  {
    id: 'healthWillSuffer',
    label: "Without the advice or treatment, the young person's physical or mental health, or both, is likely to suffer",
    name: 'their health suffering',
  },
  {
    id: 'bestInterests',
    label: "The young person's best interests need the advice or treatment to be given without parental consent",
    name: 'their best interests',
  },
] as const;

export type FraserCriterionId = (typeof fraserCriteria)[number]['id'];

export const parentInvolvementOptions = [
  { value: 'encouraged-declined', label: 'Yes – encouraged, the young person declined' },
  { value: 'encouraged-agreed', label: 'Yes – encouraged, the young person agreed' },
  { value: 'not-appropriate', label: 'Not appropriate (give the reason)' },
] as const satisfies readonly AnswerOption[];

/** The young person's view on sharing (PRODUCT.md 4.6, consent to share). */
export const sharingViewOptions = [
  { value: 'agrees', label: 'Agrees to it being shared' },
  { value: 'declines', label: 'Does not want it shared' },
  { value: 'not-asked', label: 'Not asked (give the reason)' },
] as const satisfies readonly AnswerOption[];

export type SharingView = (typeof sharingViewOptions)[number]['value'];

const criterionSchema = z.object({ answer: choiceField(['met', 'not-met']), reason: textField() });
const emptyCriterion = () => criterionSchema.parse({});
const criterionField = () => z.catch(criterionSchema, emptyCriterion);

const criteriaSchema = z.object({
  understandsAdvice: criterionField(),
  cannotBePersuaded: criterionField(),
  likelyToHaveSex: criterionField(),
  healthWillSuffer: criterionField(),
  bestInterests: criterionField(),
});

export const fraserDraftSchema = z.object({
  criteria: z.catch(criteriaSchema, () => criteriaSchema.parse({})),
  parentInvolvement: choiceField(['encouraged-declined', 'encouraged-agreed', 'not-appropriate']),
  parentInvolvementReason: textField(),
  partnerAge: textField(),
  partnerAgeNotKnown: flagField(),
  powerImbalance: choiceField(['yes', 'no', 'not-known']),
  powerImbalanceDetails: textField(),
  gpSharing: choiceField(['agrees', 'declines', 'not-asked']),
  gpSharingNotAskedReason: textField(),
  parentSharing: choiceField(['agrees', 'declines', 'not-asked']),
  parentSharingNotAskedReason: textField(),
  /** Why the GP is told although a Fraser-competent young person declined: the safeguarding concern. */
  gpSharingOverrideReason: textField(),
});

export type FraserDraft = z.infer<typeof fraserDraftSchema>;

export const emptyFraserDraft = (): FraserDraft => fraserDraftSchema.parse({});

export const fraserQuestions = {
  title: 'Fraser guidelines',
  intro: 'You must be satisfied of all five criteria to give advice or treatment without parental consent',
  criterionReasonLabel: 'Reason',
  parentInvolvement: { label: 'Was the young person encouraged to involve a parent or another trusted adult?', reasonLabel: 'Why was it not appropriate?' },
  partnerAge: { label: "Partner's age (years)", notKnown: 'Not known' },
  powerImbalance: {
    label: 'Is there any concern about a power imbalance, coercion or exploitation in the relationship?',
    hint: 'Yes opens the child sexual exploitation screen',
    detailsLabel: 'Describe the concern',
  },
  gpSharing: { label: 'Is the young person happy for their GP to be told about this attendance?', reasonLabel: 'Why was this not asked?' },
  parentSharing: { label: 'Is the young person happy for their parents to be told about this attendance?', reasonLabel: 'Why was this not asked?' },
  gpSharingOverride: {
    label: 'Why must the GP be told although the young person does not want it shared?',
    hint: 'Name the safeguarding concern that requires sharing',
  },
  under13: 'Under 13: the Fraser guidelines do not apply. Sexual activity involving a child under 13 needs a child protection referral',
} as const;

export type FraserAvailability = 'not-applicable' | 'available' | 'under-13-not-available';

/**
 * Whether the record applies: under 16 (age known) and the visit is about sexual health,
 * contraception or pregnancy. Under 13 the record is not available and referral is mandatory.
 */
export function fraserAvailability(ctx: AssessmentContext): FraserAvailability {
  if (!ctx.pathway.underSixteen || !reasonIsOneOf(ctx, FRASER_REASONS)) return 'not-applicable';
  return ctx.pathway.underThirteen ? 'under-13-not-available' : 'available';
}

export const fraserApplies = (ctx: AssessmentContext): boolean => fraserAvailability(ctx) === 'available';

/** Under 13 with a sexual health visit: referral to children's social care is mandatory (research §5.3). */
export const fraserUnder13ReferralMandatory = (ctx: AssessmentContext): boolean => fraserAvailability(ctx) === 'under-13-not-available';

/** Whether anything of the Fraser record has been typed (used to refuse a record under 13). */
export function fraserRecordStarted(draft: FraserDraft): boolean {
  return fraserCriteria.some((criterion) => draft.criteria[criterion.id].answer !== '' || !isBlank(draft.criteria[criterion.id].reason));
}

export type FraserResult =
  | { state: 'not-applicable' }
  | { state: 'under-13'; referralMandatory: true }
  | { state: 'incomplete' }
  /** All five met: Fraser competent; advice or treatment may be given without parental consent. */
  | { state: 'competent' }
  /** Any criterion not met: senior or safeguarding discussion (research §5.3). */
  | { state: 'not-competent'; notMet: FraserCriterionId[] };

export function fraserResult(draft: FraserDraft, ctx: AssessmentContext): FraserResult {
  const availability = fraserAvailability(ctx);
  if (availability === 'not-applicable') return { state: 'not-applicable' };
  if (availability === 'under-13-not-available') return { state: 'under-13', referralMandatory: true };
  if (fraserCriteria.some((criterion) => draft.criteria[criterion.id].answer === '')) return { state: 'incomplete' };
  const notMet = fraserCriteria.filter((criterion) => draft.criteria[criterion.id].answer === 'not-met').map((criterion) => criterion.id);
  return notMet.length === 0 ? { state: 'competent' } : { state: 'not-competent', notMet };
}

export interface GpSharingInput {
  fraserCompetent: boolean;
  gpSharing: SharingView | '';
  /** A safeguarding concern that requires sharing (for example Consider or Suspect, or a CSE significant indicator). */
  safeguardingConcern: boolean;
  overrideReason: string;
}

export type GpSharingDecision =
  | { share: true; basis: 'agreed' | 'not-fraser-record' | 'view-not-recorded' }
  /** Shared because of the safeguarding concern; `reasonRecorded` false means the reason is still owed. */
  | { share: true; basis: 'safeguarding-override'; reasonRecorded: boolean }
  | { share: false; basis: 'young-person-declined' };

/**
 * Whether this attendance's Fraser and sexual-health details may go to the GP (the letters
 * call this). A Fraser-competent young person who does not want their GP told is honoured,
 * unless a safeguarding concern requires sharing; then it is shared and the reason must be
 * recorded (PRODUCT.md 4.6; confidentiality for Fraser-competent young people, research §5.1).
 * Anyone else: the normal rule applies (shared, subject to the letters' restricted content).
 */
export function gpSharingDecision(input: GpSharingInput): GpSharingDecision {
  if (!input.fraserCompetent) return { share: true, basis: 'not-fraser-record' };
  if (input.gpSharing === 'agrees') return { share: true, basis: 'agreed' };
  if (input.gpSharing !== 'declines') return { share: true, basis: 'view-not-recorded' };
  if (input.safeguardingConcern) return { share: true, basis: 'safeguarding-override', reasonRecorded: !isBlank(input.overrideReason) };
  return { share: false, basis: 'young-person-declined' };
}

/** Convenience for the letters: the decision from the draft. */
export function fraserGpSharing(draft: FraserDraft, ctx: AssessmentContext, safeguardingConcern: boolean): GpSharingDecision {
  return gpSharingDecision({
    fraserCompetent: fraserResult(draft, ctx).state === 'competent',
    gpSharing: draft.gpSharing,
    safeguardingConcern,
    overrideReason: draft.gpSharingOverrideReason,
  });
}

/** Validation. `safeguardingConcern` as for gpSharingDecision. Never blocks saving. */
export function validateFraser(draft: FraserDraft, ctx: AssessmentContext, safeguardingConcern: boolean): Issue[] {
  const issues = new IssueList();
  const availability = fraserAvailability(ctx);
  if (availability === 'not-applicable') return issues.items;
  if (availability === 'under-13-not-available') {
    if (fraserRecordStarted(draft)) {
      const age = ctx.pathway.ageYears;
      const who = age === undefined ? 'a child under 13' : `a ${age}-year-old`;
      issues.add(
        `criteria.${fraserCriteria[0].id}.answer`,
        `A Fraser record cannot be made for ${who}: a child under 13 cannot consent to sexual activity. Remove the Fraser answers and make a child protection referral`,
      );
    }
    return issues.items;
  }

  for (const criterion of fraserCriteria) {
    const answer = draft.criteria[criterion.id];
    if (answer.answer === '') issues.add(`criteria.${criterion.id}.answer`, `Select whether the criterion about ${criterion.name} is met`);
    else if (isBlank(answer.reason)) issues.add(`criteria.${criterion.id}.reason`, `Enter the reason for the criterion about ${criterion.name}`);
    checkLength(issues, `criteria.${criterion.id}.reason`, answer.reason, MAX_FREE_TEXT, 'Reason');
  }

  if (draft.parentInvolvement === '') issues.add('parentInvolvement', 'Select whether the young person was encouraged to involve a parent or another trusted adult');
  else if (draft.parentInvolvement === 'not-appropriate' && isBlank(draft.parentInvolvementReason)) {
    issues.add('parentInvolvementReason', 'Enter why involving a parent was not appropriate');
  }

  if (!draft.partnerAgeNotKnown && !isBlank(draft.partnerAge) && readPartnerAge(draft.partnerAge) === undefined) {
    issues.add('partnerAge', `Partner's age must be a whole number from ${MIN_PARTNER_AGE} to ${MAX_PARTNER_AGE}`);
  }
  if (draft.powerImbalance === '') issues.add('powerImbalance', 'Select whether there is any concern about a power imbalance, coercion or exploitation');
  else if (draft.powerImbalance === 'yes' && isBlank(draft.powerImbalanceDetails)) issues.add('powerImbalanceDetails', 'Describe the concern about a power imbalance');

  if (draft.gpSharing === '') issues.add('gpSharing', 'Select whether the young person is happy for their GP to be told');
  else if (draft.gpSharing === 'not-asked' && isBlank(draft.gpSharingNotAskedReason)) issues.add('gpSharingNotAskedReason', 'Enter why the young person was not asked about telling their GP');
  if (draft.parentSharing === '') issues.add('parentSharing', 'Select whether the young person is happy for their parents to be told');
  else if (draft.parentSharing === 'not-asked' && isBlank(draft.parentSharingNotAskedReason)) {
    issues.add('parentSharingNotAskedReason', 'Enter why the young person was not asked about telling their parents');
  }

  const decision = fraserGpSharing(draft, ctx, safeguardingConcern);
  if (decision.basis === 'safeguarding-override' && !decision.reasonRecorded) {
    issues.add('gpSharingOverrideReason', 'Enter the safeguarding concern that means the GP must be told');
  }
  for (const [field, name] of [
    ['parentInvolvementReason', 'Why involving a parent was not appropriate'],
    ['powerImbalanceDetails', 'The concern about a power imbalance'],
    ['gpSharingNotAskedReason', 'Why the young person was not asked about telling their GP'],
    ['parentSharingNotAskedReason', 'Why the young person was not asked about telling their parents'],
    ['gpSharingOverrideReason', 'The safeguarding concern'],
  ] as const) {
    checkLength(issues, field, draft[field], MAX_FREE_TEXT, name);
  }
  return issues.items;
}

/** A "Yes" to the power-imbalance question opens the CSE follow-up (research §5.3: mandatory link to the CSE screen). */
export function fraserFollowUps(draft: FraserDraft, ctx: AssessmentContext): ScreeningFollowUp[] {
  if (!fraserApplies(ctx) || draft.powerImbalance !== 'yes') return [];
  return [followUp('fraser-power-imbalance')];
}
