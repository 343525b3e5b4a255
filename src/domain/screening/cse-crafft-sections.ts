/**
 * The CSE and substance use (CRAFFT) screens as assessment sections (PRODUCT.md 4.6): the
 * record facts they read from the rest of the record, their validation over the whole
 * answers, the outcome actions the CSE page shows, and their check-answers rows.
 *
 * Why here and not in the screens' modules: cse.ts and crafft.ts stay free of the record
 * shape; this module is the one place that reads `Answers` for them. The screens' rules,
 * wording and sources are in cse.ts and crafft.ts (research §3, §4.1).
 */
import type { AssessmentContext } from '../assessment/context';
import { optionLabel } from '../assessment/fields';
import type { Issue } from '../assessment/issues';
import type { Answers } from '../assessment/record';
import type { SummaryRow } from '../assessment/summary';
import { NOT_PROVIDED } from '../assessment/summary';
import type { LocalContacts } from '../settings/device-settings';
import { localContactLabels } from '../settings/device-settings';
import { isBlank } from '../shared/text';
import {
  briefAdviceOptions,
  crafftApplies,
  crafftNotAskedOptions,
  crafftPartAIds,
  crafftPartBAsked,
  crafftParaphrase,
  crafftQuestions,
  crafftResult,
  substanceServiceReferralOptions,
  validateCrafft,
} from './crafft';
import type { CrafftPartBId, CrafftResult } from './crafft';
import {
  cseAnswerOptions,
  cseApplies,
  cseNotAskedReasonOptions,
  cseOtherIndicators,
  cseOutcome,
  cseQuestions,
  cseSignificantIndicators,
  powerImbalanceOptions,
  readPartnerAge,
  validateCse,
} from './cse';
import type { CseAction, CseOutcome } from './cse';
import { screeningFactsFromSections } from './record-facts';
import type { ScreeningRecordFacts } from './screening-context';

/** The record facts the screens read, from the answers (attendances on this tablet are not known here). */
export const screeningFactsFromAnswers = (answers: Answers, ctx: AssessmentContext, frequentOnDevice = false): ScreeningRecordFacts =>
  screeningFactsFromSections(answers, ctx, frequentOnDevice);

export const validateCseSection = (answers: Answers, ctx: AssessmentContext): Issue[] => validateCse(answers.cse, ctx, screeningFactsFromAnswers(answers, ctx));

export const validateSubstanceUseSection = (answers: Answers, ctx: AssessmentContext): Issue[] => validateCrafft(answers.substanceUse, ctx);

/** What each CSE action asks the nurse to do, as shown on the page (research §3.2; NICE CG89 under-13). */
export const cseActionText: Record<CseAction, string> = {
  'under-13-referral-mandatory': "Sexual activity at 12 or under: refer to children's social care. The referral is mandatory",
  'discuss-with-safeguarding-lead-today': 'Discuss with the safeguarding lead today',
  'refer-under-local-procedure': 'Refer under the local child sexual exploitation procedure',
  'discuss-with-safeguarding-lead': 'Discuss with the safeguarding lead',
};

/** The local numbers each action needs, from settings, in order (only those filled in are shown). */
const ACTION_CONTACTS: Record<CseAction, readonly (keyof LocalContacts)[]> = {
  'under-13-referral-mandatory': ['mash', 'emergencyDutyTeam'],
  'discuss-with-safeguarding-lead-today': ['safeguardingTeam', 'paediatricLiaison'],
  'refer-under-local-procedure': ['mash', 'emergencyDutyTeam', 'cseTeam'],
  'discuss-with-safeguarding-lead': ['safeguardingTeam', 'paediatricLiaison'],
};

export interface CseActionView {
  action: CseAction;
  text: string;
  contacts: { label: string; number: string }[];
}

/** The outcome's actions with the local numbers set on this tablet (none shown where none is set). */
export function cseActionViews(outcome: CseOutcome, contacts: LocalContacts | undefined): CseActionView[] {
  if (outcome.state !== 'screened') return [];
  return outcome.actions.map((action) => ({
    action,
    text: cseActionText[action],
    contacts: ACTION_CONTACTS[action]
      .map((key) => ({ label: localContactLabels[key], number: (contacts?.[key] ?? '').trim() }))
      .filter((contact) => contact.number !== ''),
  }));
}

/** One sentence for the CSE outcome on the page and in check answers: actions, never a score. */
export function cseOutcomeSentence(outcome: CseOutcome): string {
  switch (outcome.state) {
    case 'not-applicable':
      return '';
    case 'not-asked':
      return 'Not asked';
    case 'incomplete':
      return `${String(outcome.unanswered.length)} significant indicator(s) still to answer`;
    case 'screened':
      if (outcome.actions.length > 0) return outcome.actions.map((action) => cseActionText[action]).join('. ');
      return outcome.otherCount > 0
        ? `No significant indicator. ${String(outcome.otherCount)} other indicator(s), fewer than ${String(outcome.threshold)}: no discussion prompted`
        : 'No significant indicator and no other indicator recorded';
  }
}

const line = (text: string): string[] => (isBlank(text) ? [NOT_PROVIDED] : [text.trim()]);

export function summariseCse(answers: Answers, ctx: AssessmentContext, threshold?: number): SummaryRow[] {
  if (!cseApplies(ctx)) return [];
  const d = answers.cse;
  if (d.notAsked) {
    return [{ key: cseQuestions.notAsked.reasonLabel, value: line(optionLabel(cseNotAskedReasonOptions, d.notAskedReason)), field: 'notAskedReason' }];
  }
  const rows: SummaryRow[] = cseSignificantIndicators.map((indicator) => ({
    key: indicator.label,
    value: line(optionLabel(cseAnswerOptions, d.significant[indicator.id])),
    field: `significant.${indicator.id}`,
  }));
  const other = cseOtherIndicators.filter((indicator) => d.other[indicator.id] !== '');
  rows.push({
    key: cseQuestions.other.legend,
    value: other.length === 0 ? [NOT_PROVIDED] : other.map((indicator) => `${indicator.label}: ${optionLabel(cseAnswerOptions, d.other[indicator.id])}`),
    field: `other.${cseOtherIndicators[0].id}`,
  });
  rows.push({ key: cseQuestions.details.label, value: line(d.details), field: 'details' });
  const partnerAge = readPartnerAge(d.partnerAge);
  rows.push({
    key: cseQuestions.partnerAge.label,
    value: d.partnerAgeNotKnown ? [cseQuestions.partnerAge.notKnown] : partnerAge === undefined ? line(d.partnerAge) : [String(partnerAge)],
    field: 'partnerAge',
  });
  const imbalance = [optionLabel(powerImbalanceOptions, d.powerImbalance) || NOT_PROVIDED];
  if (d.powerImbalance === 'yes' && !isBlank(d.powerImbalanceDetails)) imbalance.push(d.powerImbalanceDetails.trim());
  rows.push({ key: cseQuestions.powerImbalance.label, value: imbalance, field: d.powerImbalance === 'yes' ? 'powerImbalanceDetails' : 'powerImbalance' });
  rows.push({ key: 'Outcome', value: [cseOutcomeSentence(threshold === undefined ? cseOutcome(d, ctx) : cseOutcome(d, ctx, threshold))], field: `significant.${cseSignificantIndicators[0].id}` });
  return rows;
}

/** The draft field of each Part A item (crafft.ts keeps its own map private). */
const PART_A_FIELDS = { 'days-alcohol': 'daysAlcohol', 'days-cannabis': 'daysCannabis', 'days-other': 'daysOther' } as const;

/** The result as the page and check answers say it: the number of yes answers, never a partial score. */
export function crafftResultSentence(result: CrafftResult): string {
  switch (result.state) {
    case 'not-applicable':
    case 'not-started':
      return '';
    case 'not-asked':
    case 'deferred':
      return 'No score: the screen was not asked';
    case 'partial':
      return 'No score yet: answer every question';
    case 'out-of-date':
      return `No score: ${crafftQuestions.outOfDate}`;
    case 'scored':
      return `Score ${String(result.score)} out of ${String(result.asked.length)} (the number of yes answers). ${result.positive ? '2 or more: positive' : 'Below 2: negative'}`;
  }
}

/** Short item names for check answers, independent of the installed wording. */
export const PART_B_NAMES: Record<CrafftPartBId, string> = {
  car: 'C – car with a driver who was high or drinking',
  relax: 'R – use to relax, feel better or fit in',
  alone: 'A – use alone',
  forget: 'F – forget things done while using',
  friends: 'F – family or friends say cut down',
  trouble: 'T – trouble while using',
};

export function summariseSubstanceUse(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!crafftApplies(ctx)) return [];
  const d = answers.substanceUse;
  if (d.notAsked !== '') {
    return [{ key: crafftQuestions.notAsked.label, value: [optionLabel(crafftNotAskedOptions, d.notAsked)], field: 'notAsked' }];
  }
  const rows: SummaryRow[] = crafftPartAIds.map((id) => ({
    key: crafftParaphrase.items[id],
    value: line(d[PART_A_FIELDS[id]] === '' ? '' : `${d[PART_A_FIELDS[id]].trim()} days`),
    field: PART_A_FIELDS[id],
  }));
  for (const id of crafftPartBAsked(d) ?? []) {
    rows.push({ key: PART_B_NAMES[id], value: line(d[id] === 'yes' ? 'Yes' : d[id] === 'no' ? 'No' : ''), field: id });
  }
  const result = crafftResult(d, ctx);
  rows.push({ key: 'Score', value: line(crafftResultSentence(result)), field: 'daysAlcohol' });
  if (result.state === 'scored' && result.positive) {
    const advice = [optionLabel(briefAdviceOptions, d.briefAdvice) || NOT_PROVIDED];
    if (d.briefAdvice === 'not-given' && !isBlank(d.briefAdviceNotGivenReason)) advice.push(d.briefAdviceNotGivenReason.trim());
    rows.push({ key: crafftQuestions.briefAdvice.label, value: advice, field: d.briefAdvice === 'not-given' ? 'briefAdviceNotGivenReason' : 'briefAdvice' });
    const referral = [optionLabel(substanceServiceReferralOptions, d.referral) || NOT_PROVIDED];
    if (d.referral === 'not-made' && !isBlank(d.referralNotMadeReason)) referral.push(d.referralNotMadeReason.trim());
    rows.push({ key: crafftQuestions.referral.label, value: referral, field: d.referral === 'not-made' ? 'referralNotMadeReason' : 'referral' });
  }
  return rows;
}
