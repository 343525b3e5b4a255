/**
 * Section 4.5 "Safeguarding prompts – NICE CG89" (under 18).
 *
 * Owns: the answers of the safeguarding page (mobility: the disability question, whether the
 * child is independently mobile and the young-baby confirmation; ticked alerting features with
 * the explanation for each, and those kept after they stopped applying; disclosure,
 * carer–child interaction, household risks, and sexual activity or pregnancy under 13), their
 * canonical wording, the features that count for this child, and their validation. The
 * checklist items themselves are data in rules/nice-alerting-features.ts.
 *
 * A ticked feature never silently stops counting (issue 8): when a later answer (age,
 * mobility) makes it inapplicable, or the item has been retired, it keeps counting and the
 * page asks the nurse to keep it or untick it.
 *
 * NICE CG89 steps 1–3 (research §1.2): listen and observe, seek an explanation, and record
 * exactly what was said and by whom. Every checklist has an explicit "none" answer, so an
 * empty list always means "not yet asked" and "was it asked?" stays measurable (PRODUCT.md
 * principle 4).
 */
import * as z from 'zod/mini';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import type { AlertingFeature, IndependentlyMobile } from '../rules/nice-alerting-features';
import {
  alertingFeaturesFor,
  CARER_CHILD_INTERACTION_FEATURE_ID,
  effectiveMobility,
  independentlyMobileQuestion,
  mobilityConfirmationApplies,
  mobilityConfirmationQuestion,
  mobilityDisabilityQuestion,
  mobilityQuestionApplies,
  niceAlertingFeatures,
  offeredForNewTicks,
} from '../rules/nice-alerting-features';
import type { AccountsDraft } from './accounts';
import type { AssessmentContext, AttendanceReason } from './context';
import type { AnswerOption } from './fields';
import { choiceField, choicesField, textField } from './fields';
import { IssueList } from './issues';
import type { Issue } from './issues';
import { checkLength } from './validation-helpers';

/** The exclusive "None of these" value of the alerting-feature checklist (GOV.UK "or" checkbox pattern). */
export const NO_ALERTING_FEATURES = 'none';

export const householdRiskOptions = [
  { value: 'domestic-abuse', label: 'Domestic abuse' },
  { value: 'parental-substance-misuse', label: 'Parental substance misuse' },
  { value: 'parental-mental-illness', label: 'Parental mental illness' },
  { value: 'none-known', label: 'None known' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

export type HouseholdRisk = (typeof householdRiskOptions)[number]['value'];

/** Answers that stand alone in their checklist. */
export const EXCLUSIVE_HOUSEHOLD_RISKS: readonly HouseholdRisk[] = ['none-known', 'not-known'];

/**
 * Ticked ids: any string is kept, so a record never loses a tick when a trust's catalogue
 * changes; only ids the current catalogue knows are counted (effectiveAlertingFeatures).
 */
const idListField = () =>
  z.pipe(
    z.catch(z.array(z.unknown()), []),
    z.transform((items: unknown[]) => [...new Set(items.filter((item): item is string => typeof item === 'string' && item !== ''))]),
  );

const explanationsField = () =>
  z.pipe(
    z.catch(z.record(z.string(), z.unknown()), {}),
    z.transform((entries: Record<string, unknown>) => Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))),
  );

export const safeguardingDraftSchema = z.object({
  /** Optional, every child: a "Yes" asks the mobility question at any age. */
  mobilityDisability: choiceField(['yes', 'no']),
  independentlyMobile: choiceField(['yes', 'no', 'not-sure']),
  /** A baby under 6 months recorded as mobile: the nurse confirms, or changes the answer. */
  mobilityConfirmed: choiceField(['yes', 'no']),
  /** Ticked feature ids, or [NO_ALERTING_FEATURES]. */
  alertingFeatures: idListField(),
  /** Ticked features the nurse chose to keep counting after they stopped applying (or were retired). */
  keptAlertingFeatures: idListField(),
  /** "What explanation was given, and by whom?" by feature id. */
  alertingFeatureExplanations: explanationsField(),
  disclosure: choiceField(['yes', 'no']),
  disclosureWhatWasSaid: textField(),
  disclosureBy: textField(),
  carerChildInteraction: choicesField(['hostility-or-rejection', 'inappropriate-expectations', 'exposed-to-domestic-abuse', 'emotionally-unavailable', 'none']),
  carerChildInteractionDetails: textField(),
  householdRisks: choicesField(['domestic-abuse', 'parental-substance-misuse', 'parental-mental-illness', 'none-known', 'not-known']),
  underThirteenSexualActivity: choiceField(['yes', 'no']),
  underThirteenSexualActivityDetails: textField(),
});

export type SafeguardingDraft = z.infer<typeof safeguardingDraftSchema>;

export const emptySafeguardingDraft = (): SafeguardingDraft => safeguardingDraftSchema.parse({});

/** Canonical wording (PRODUCT.md 4.5 and section 3). */
export const safeguardingQuestions = {
  mobilityDisability: mobilityDisabilityQuestion,
  independentlyMobile: independentlyMobileQuestion,
  mobilityConfirmed: mobilityConfirmationQuestion,
  alertingFeatures: {
    label: 'Alerting features (NICE CG89)',
    hint: 'Select all that you have seen or been told about',
    none: 'None of these',
    explanationLabel: 'What explanation was given, and by whom?',
    groupSelected: (count: number) => `${count} selected`,
  },
  noLongerApplies: {
    title: 'Alerting features that no longer apply',
    intro: 'You ticked these before a later answer changed, or the item has been replaced. They still count until you decide',
    reasonRetired: 'This item has been split into separate items, each with its own NICE level',
    reasonNotApplicable: "It no longer applies at this child's age or mobility",
    keep: 'Keep it: it still counts',
    untick: 'Untick it',
    kept: 'Kept by the nurse although it no longer applies',
    undecided: 'No longer applies: keep it or untick it',
  },
  disclosure: {
    label: 'Has the child, or anyone else, said that someone has hurt, abused or neglected them?',
    whatWasSaidLabel: 'What was said, in their words',
    whatWasSaidHint: 'Write down exactly what was said. Do not summarise or interpret',
    byLabel: 'Who said it?',
    byHint: 'Name and relationship to the child, or "the child"',
  },
  carerChildInteraction: {
    label: 'Concerns about how the carer and child interact',
    hint: 'Select all that apply',
    detailsLabel: 'Describe what you saw (optional)',
  },
  householdRisks: {
    label: 'Known risks in the household',
    hint: 'Select all that apply',
  },
  underThirteenSexualActivity: {
    label: 'Is there any sexual activity or pregnancy involving this child?',
    hint: 'In a child under 13, any sexual activity or pregnancy is a suspect-level concern and referral to children\'s social care is mandatory',
    detailsLabel: 'What is known about the sexual activity or pregnancy?',
  },
} as const;

/** Whether the section applies: every under-18 (PRODUCT.md 4.5). */
export const safeguardingApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child;

/** Attendance reasons that make the under-13 sexual activity or pregnancy question relevant at any age (a genital, urinary or gynaecological problem can be a sign of sexual abuse: CG89, research §1.4). */
const SEXUAL_ACTIVITY_REASONS: readonly AttendanceReason[] = ['sexual-health', 'genital-urinary-gynaecological', 'assault'];

/** Alerting features about the anogenital area, sexually transmitted infection or sexual behaviour (NICE CG89, rules/nice-alerting-features.ts). */
const isSexualAbuseFeature = (id: string): boolean =>
  id.startsWith('anogenital-') || id.startsWith('sti-') || ['hepatitis-b-or-anogenital-warts-under-13', 'sexualised-behaviour-child', 'sexual-behaviour-young-person'].includes(id);

/**
 * Whether the sexual activity or pregnancy question is asked: under 13 (PRODUCT.md section 3),
 * and only when it is relevant (issue 8: no under-13 sexual activity question for an infant;
 * shorter shortest path): aged 10 or over; or a reason for attendance about sexual health,
 * contraception or pregnancy, or an assault; or a disclosure; or an anogenital, sexually
 * transmitted infection or sexual-behaviour alerting feature ticked. Asking every well toddler
 * is alert fatigue, and a younger child's sexual abuse shows through those routes, each of
 * which raises the concern on its own. A "Yes" already recorded keeps the question asked, so a
 * later change of answer elsewhere never drops a suspect-level concern (false reassurance).
 */
export const underThirteenQuestionApplies = (
  ctx: AssessmentContext,
  draft: Pick<SafeguardingDraft, 'alertingFeatures' | 'disclosure' | 'underThirteenSexualActivity'>,
): boolean => {
  if (!ctx.pathway.child || !ctx.pathway.underThirteen) return false;
  if (draft.underThirteenSexualActivity === 'yes') return true;
  if (ctx.pathway.ageYears !== undefined && ctx.pathway.ageYears >= 10) return true;
  if (ctx.attendanceReason !== undefined && SEXUAL_ACTIVITY_REASONS.includes(ctx.attendanceReason)) return true;
  if (draft.disclosure === 'yes') return true;
  return draft.alertingFeatures.some(isSexualAbuseFeature);
};

/** The mobility answer the checklist uses (rules/nice-alerting-features.ts effectiveMobility). */
const mobilityAnswer = (draft: SafeguardingDraft, ctx: AssessmentContext): IndependentlyMobile | '' => effectiveMobility(ctx, draft);

/** Whether the mobility question is asked for this draft: under 2, or a disability that affects how the child moves. */
export const mobilityAsked = (draft: Pick<SafeguardingDraft, 'mobilityDisability'>, ctx: AssessmentContext): boolean => mobilityQuestionApplies(ctx, draft.mobilityDisability);

/** Whether the young-baby "Is that right?" question is asked. */
export const mobilityConfirmationAsked = (draft: Pick<SafeguardingDraft, 'mobilityDisability' | 'independentlyMobile'>, ctx: AssessmentContext): boolean =>
  mobilityConfirmationApplies(ctx, draft.mobilityDisability, draft.independentlyMobile);

/** The features offered as tick boxes to this child: current items that apply (the interaction feature has its own checklist). */
export function tickableAlertingFeatures(draft: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature[] {
  return alertingFeaturesFor(ctx, mobilityAnswer(draft, ctx), catalogue).filter((feature) => feature.recordedAs === 'tick' && offeredForNewTicks(feature));
}

/** Interaction concerns ticked, without the "none" answer. */
export const interactionConcerns = (draft: SafeguardingDraft): SafeguardingDraft['carerChildInteraction'] =>
  draft.carerChildInteraction.filter((value) => value !== 'none');

/** Ticked tick-box features the catalogue knows, in catalogue order (whether or not they apply now). */
const tickedKnownFeatures = (draft: SafeguardingDraft, catalogue: readonly AlertingFeature[]): AlertingFeature[] =>
  catalogue.filter((feature) => feature.recordedAs === 'tick' && draft.alertingFeatures.includes(feature.id));

/**
 * Ticked features that are no longer offered to this child: a later answer (age, mobility)
 * put them out of range, or the item was retired. They keep counting (effectiveAlertingFeatures);
 * the page names them and asks the nurse to keep each one or untick it.
 */
export function noLongerApplicableFeatures(draft: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature[] {
  if (!safeguardingApplies(ctx)) return [];
  const offered = new Set(tickableAlertingFeatures(draft, ctx, catalogue).map((feature) => feature.id));
  return tickedKnownFeatures(draft, catalogue).filter((feature) => !offered.has(feature.id));
}

/** Those the nurse has not yet decided about: each is a validation issue until kept or unticked. */
export const undecidedFeatures = (draft: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature[] =>
  noLongerApplicableFeatures(draft, ctx, catalogue).filter((feature) => !draft.keptAlertingFeatures.includes(feature.id));

/**
 * The features recorded for this child: every ticked feature the catalogue knows (including
 * retired ids in older records, at their old level), plus the carer–child interaction feature
 * when any interaction concern is ticked. A tick is counted even when a later answer makes it
 * inapplicable: it never silently stops counting; the page asks the nurse to keep it or untick
 * it (noLongerApplicableFeatures). Nothing counts for an adult or before an age is given.
 */
export function effectiveAlertingFeatures(draft: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature[] {
  if (!safeguardingApplies(ctx) || ctx.pathway.ageYears === undefined) return [];
  const ticked = new Set(tickedKnownFeatures(draft, catalogue).map((feature) => feature.id));
  const interaction = interactionConcerns(draft).length > 0;
  return catalogue.filter((feature) =>
    feature.recordedAs === 'interaction-checklist' ? feature.id === CARER_CHILD_INTERACTION_FEATURE_ID && interaction : ticked.has(feature.id),
  );
}

/** The form path of the keep-or-untick question for a feature that no longer applies. */
export const keepField = (featureId: string): string => `keptAlertingFeatures.${featureId}`;

/** The form path of a feature's explanation. */
export const explanationField = (featureId: string): string => `alertingFeatureExplanations.${featureId}`;

/**
 * Features worth offering from answers elsewhere: the nurse still decides whether to tick
 * them (the app prompts and records; PRODUCT.md principle 5).
 */
export function suggestedAlertingFeatures(accounts: AccountsDraft, frequentAttendance: boolean): string[] {
  const ids: string[] = [];
  if (accounts.accountConsistent === 'no') ids.push('unsuitable-explanation');
  if (frequentAttendance) ids.push('frequent-attendance');
  if (accounts.delay === 'yes') ids.push('delay-in-presentation');
  return ids;
}

export function validateSafeguarding(draft: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): Issue[] {
  const issues = new IssueList();
  if (!safeguardingApplies(ctx)) return issues.items;

  if (mobilityAsked(draft, ctx) && draft.independentlyMobile === '') issues.add('independentlyMobile', 'Select whether the child is independently mobile');
  if (mobilityConfirmationAsked(draft, ctx)) {
    if (draft.mobilityConfirmed === '') issues.add('mobilityConfirmed', 'Select whether this baby is independently mobile');
    else if (draft.mobilityConfirmed === 'no') issues.add('independentlyMobile', 'Change the answer to whether the child is independently mobile');
  }

  const ticked = tickedKnownFeatures(draft, catalogue);
  const stale = new Set(noLongerApplicableFeatures(draft, ctx, catalogue).map((feature) => feature.id));
  const none = draft.alertingFeatures.includes(NO_ALERTING_FEATURES);
  const offeredTicks = ticked.filter((feature) => !stale.has(feature.id));
  if (none && offeredTicks.length > 0) issues.add('alertingFeatures', "Select 'None of these' on its own, or select the alerting features you have seen");
  else if (!none && ticked.length === 0) issues.add('alertingFeatures', "Select the alerting features you have seen, or select 'None of these'");
  for (const feature of ticked) {
    if (stale.has(feature.id) && !draft.keptAlertingFeatures.includes(feature.id)) {
      issues.add(keepField(feature.id), `Select whether to keep or untick the ${feature.name}: it no longer applies`);
    }
  }
  if (!none) {
    for (const feature of ticked) {
      if (stale.has(feature.id) && !draft.keptAlertingFeatures.includes(feature.id)) continue;
      const field = explanationField(feature.id);
      const explanation = draft.alertingFeatureExplanations[feature.id] ?? '';
      if (isBlank(explanation)) issues.add(field, `Enter what explanation was given for the ${feature.name}, and by whom`);
      checkLength(issues, field, explanation, MAX_FREE_TEXT, 'The explanation');
    }
  }

  if (draft.disclosure === '') issues.add('disclosure', 'Select whether the child, or anyone else, has said that someone has hurt, abused or neglected them');
  else if (draft.disclosure === 'yes') {
    if (isBlank(draft.disclosureWhatWasSaid)) issues.add('disclosureWhatWasSaid', 'Enter what was said, in their words');
    checkLength(issues, 'disclosureWhatWasSaid', draft.disclosureWhatWasSaid, MAX_FREE_TEXT, 'What was said');
    if (isBlank(draft.disclosureBy)) issues.add('disclosureBy', 'Enter who said that someone has hurt, abused or neglected the child');
    checkLength(issues, 'disclosureBy', draft.disclosureBy, MAX_SHORT_TEXT, 'Who said it');
  }

  const interaction = draft.carerChildInteraction;
  if (interaction.length === 0) issues.add('carerChildInteraction', "Select any concerns about how the carer and child interact, or select 'No concerns'");
  else if (interaction.includes('none') && interaction.length > 1) {
    issues.add('carerChildInteraction', "Select 'No concerns' on its own, or select the concerns about how the carer and child interact");
  }
  checkLength(issues, 'carerChildInteractionDetails', draft.carerChildInteractionDetails, MAX_FREE_TEXT, 'The description');

  const risks = draft.householdRisks;
  const exclusive = risks.filter((risk) => EXCLUSIVE_HOUSEHOLD_RISKS.includes(risk));
  if (risks.length === 0) issues.add('householdRisks', "Select the known risks in the household, or select 'None known' or 'Not known'");
  else if (exclusive.length > 0 && risks.length > 1) {
    const only = exclusive.includes('none-known') ? 'None known' : 'Not known';
    issues.add('householdRisks', `Select '${only}' on its own, or select the risks that are known`);
  }

  if (underThirteenQuestionApplies(ctx, draft)) {
    if (draft.underThirteenSexualActivity === '') issues.add('underThirteenSexualActivity', 'Select whether there is any sexual activity or pregnancy involving this child');
    else if (draft.underThirteenSexualActivity === 'yes' && isBlank(draft.underThirteenSexualActivityDetails)) {
      issues.add('underThirteenSexualActivityDetails', 'Enter what is known about the sexual activity or pregnancy');
    }
    checkLength(issues, 'underThirteenSexualActivityDetails', draft.underThirteenSexualActivityDetails, MAX_FREE_TEXT, 'What is known');
  }

  return issues.items;
}
