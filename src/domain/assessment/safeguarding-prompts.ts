/**
 * Section 4.5 "Safeguarding prompts – NICE CG89" (under 18).
 *
 * Owns: the answers of the safeguarding page (under-2 mobility, ticked alerting features
 * with the explanation for each, disclosure, carer–child interaction, household risks, and
 * sexual activity or pregnancy under 13), their canonical wording, the features that count
 * for this child, and their validation. The checklist items themselves are data in
 * rules/nice-alerting-features.ts.
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
  independentlyMobileQuestion,
  mobilityQuestionApplies,
  niceAlertingFeatures,
} from '../rules/nice-alerting-features';
import type { AccountsDraft } from './accounts';
import type { AssessmentContext } from './context';
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
  independentlyMobile: choiceField(['yes', 'no', 'not-sure']),
  /** Ticked feature ids, or [NO_ALERTING_FEATURES]. */
  alertingFeatures: idListField(),
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
  independentlyMobile: independentlyMobileQuestion,
  alertingFeatures: {
    label: 'Alerting features (NICE CG89)',
    hint: 'Select all that you have seen or been told about',
    none: 'None of these',
    explanationLabel: 'What explanation was given, and by whom?',
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

/** Whether the sexual activity or pregnancy question is asked: under 13 (PRODUCT.md section 3). */
export const underThirteenQuestionApplies = (ctx: AssessmentContext): boolean => ctx.pathway.child && ctx.pathway.underThirteen;

const mobilityAnswer = (draft: SafeguardingDraft, ctx: AssessmentContext): IndependentlyMobile | '' =>
  mobilityQuestionApplies(ctx) ? draft.independentlyMobile : '';

/** The features offered as tick boxes to this child (the interaction feature is recorded through its own checklist). */
export function tickableAlertingFeatures(draft: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature[] {
  return alertingFeaturesFor(ctx, mobilityAnswer(draft, ctx), catalogue).filter((feature) => feature.recordedAs === 'tick');
}

/** Interaction concerns ticked, without the "none" answer. */
export const interactionConcerns = (draft: SafeguardingDraft): SafeguardingDraft['carerChildInteraction'] =>
  draft.carerChildInteraction.filter((value) => value !== 'none');

/**
 * The features recorded for this child: ticked features that apply at this age and
 * mobility, plus the carer–child interaction feature when any interaction concern is
 * ticked. A tick on a feature that no longer applies (the age or the mobility answer
 * changed) is kept in the record but not counted, like any answer to a hidden question.
 */
export function effectiveAlertingFeatures(draft: SafeguardingDraft, ctx: AssessmentContext, catalogue: readonly AlertingFeature[] = niceAlertingFeatures): AlertingFeature[] {
  const applicable = alertingFeaturesFor(ctx, mobilityAnswer(draft, ctx), catalogue);
  return applicable.filter((feature) =>
    feature.recordedAs === 'interaction-checklist' ? feature.id === CARER_CHILD_INTERACTION_FEATURE_ID && interactionConcerns(draft).length > 0 : draft.alertingFeatures.includes(feature.id),
  );
}

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

  if (mobilityQuestionApplies(ctx) && draft.independentlyMobile === '') issues.add('independentlyMobile', 'Select whether the child is independently mobile');

  const offered = tickableAlertingFeatures(draft, ctx, catalogue);
  const ticked = offered.filter((feature) => draft.alertingFeatures.includes(feature.id));
  const none = draft.alertingFeatures.includes(NO_ALERTING_FEATURES);
  if (none && ticked.length > 0) issues.add('alertingFeatures', "Select 'None of these' on its own, or select the alerting features you have seen");
  else if (!none && ticked.length === 0) issues.add('alertingFeatures', "Select the alerting features you have seen, or select 'None of these'");
  if (!none) {
    for (const feature of ticked) {
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

  if (underThirteenQuestionApplies(ctx)) {
    if (draft.underThirteenSexualActivity === '') issues.add('underThirteenSexualActivity', 'Select whether there is any sexual activity or pregnancy involving this child');
    else if (draft.underThirteenSexualActivity === 'yes' && isBlank(draft.underThirteenSexualActivityDetails)) {
      issues.add('underThirteenSexualActivityDetails', 'Enter what is known about the sexual activity or pregnancy');
    }
    checkLength(issues, 'underThirteenSexualActivityDetails', draft.underThirteenSexualActivityDetails, MAX_FREE_TEXT, 'What is known');
  }

  return issues.items;
}
