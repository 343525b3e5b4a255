/**
 * The child sexual exploitation screen in the letters (PRODUCT.md 4.6 and section 5; research
 * §3.2 "The outcome must appear in the GP letter, with attention to confidentiality"; research
 * §7.4 item 2 "CSE screen outcome").
 *
 * Shared with every letter: whether the screen was asked (or why not), and "no indicators
 * recorded" when nothing was found. Restricted ('cse'): the outcome's actions, the indicators
 * answered Yes, Not known or Declined, what the young person said, the partner's age and any
 * power imbalance. A parent or the person exploiting the young person may read the GP letter
 * (research §7.4 "Confidentiality"), so the GP and school nurse get these only when the nurse
 * includes restricted content with a reason; the MASH referral always carries them.
 */
import { optionLabel } from '../assessment/fields';
import { isBlank } from '../shared/text';
import { cseOutcomeSentence } from '../screening/cse-crafft-sections';
import {
  cseAnswerOptions,
  cseApplies,
  cseNotAskedReasonOptions,
  cseOtherIndicators,
  cseOutcome,
  cseQuestions,
  cseSignificantIndicators,
  DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD,
  powerImbalanceOptions,
  readPartnerAge,
} from '../screening/cse';
import type { CseDraft } from '../screening/cse';
import type { SafeguardingContribution, SafeguardingContributor } from './contributions';
import type { LetterFacts } from './facts';
import type { LetterRow } from './model';
import { row } from './model';
import { SCREEN_NOT_RECORDED, screenContribution } from './screening-contribution-helpers';

const KEY = cseQuestions.title;

const answeredOther = (draft: CseDraft) => cseOtherIndicators.filter((indicator) => draft.other[indicator.id] !== '' && draft.other[indicator.id] !== 'no');
const answeredSignificant = (draft: CseDraft) => cseSignificantIndicators.filter((indicator) => draft.significant[indicator.id] !== '' && draft.significant[indicator.id] !== 'no');

/** Nothing typed on the page at all. */
function nothingRecorded(draft: CseDraft): boolean {
  return (
    !draft.notAsked &&
    cseSignificantIndicators.every((indicator) => draft.significant[indicator.id] === '') &&
    cseOtherIndicators.every((indicator) => draft.other[indicator.id] === '') &&
    isBlank(draft.details) &&
    isBlank(draft.partnerAge) &&
    !draft.partnerAgeNotKnown &&
    draft.powerImbalance === ''
  );
}

/** The screen's details, every one restricted: empty when nothing but "No" was answered. */
function detailRows(draft: CseDraft, facts: LetterFacts): LetterRow[] {
  const out: LetterRow[] = [];
  const significant = answeredSignificant(draft);
  const other = answeredOther(draft);
  const partnerAge = readPartnerAge(draft.partnerAge);
  const anything =
    significant.length > 0 || other.length > 0 || !isBlank(draft.details) || !isBlank(draft.partnerAge) || draft.partnerAgeNotKnown || (draft.powerImbalance !== '' && draft.powerImbalance !== 'no');
  if (!anything) return out;
  const outcome = cseOutcome(draft, facts.ctx, DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD);
  out.push(row('Child sexual exploitation screen outcome', cseOutcomeSentence(outcome)));
  if (significant.length) {
    out.push(row(cseQuestions.significant.legend, ...significant.map((indicator) => `${indicator.label}: ${optionLabel(cseAnswerOptions, draft.significant[indicator.id])}`)));
  }
  if (other.length) out.push(row(cseQuestions.other.legend, ...other.map((indicator) => `${indicator.label}: ${optionLabel(cseAnswerOptions, draft.other[indicator.id])}`)));
  if (!isBlank(draft.details)) out.push(row(cseQuestions.details.label, draft.details.trim()));
  if (draft.partnerAgeNotKnown) out.push(row(cseQuestions.partnerAge.label, cseQuestions.partnerAge.notKnown));
  else if (!isBlank(draft.partnerAge)) out.push(row(cseQuestions.partnerAge.label, partnerAge === undefined ? draft.partnerAge.trim() : String(partnerAge)));
  if (draft.powerImbalance !== '' && draft.powerImbalance !== 'no') {
    out.push(row(cseQuestions.powerImbalance.label, optionLabel(powerImbalanceOptions, draft.powerImbalance), ...(isBlank(draft.powerImbalanceDetails) ? [] : [draft.powerImbalanceDetails.trim()])));
  }
  return out;
}

export function cseContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  if (!facts.ctx.pathway.child || !cseApplies(facts.ctx)) return undefined;
  const draft = facts.answers.cse;
  if (nothingRecorded(draft)) return screenContribution({ shared: [row(KEY, SCREEN_NOT_RECORDED)], restricted: [], category: 'cse' });
  if (draft.notAsked) {
    const reason = optionLabel(cseNotAskedReasonOptions, draft.notAskedReason) || 'Not asked';
    return screenContribution({ shared: [row(KEY, reason, 'To be asked at the next contact (liaison follow-up)')], restricted: [], category: 'cse' });
  }
  const details = detailRows(draft, facts);
  const outcome = cseOutcome(draft, facts.ctx, DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD);
  const shared =
    outcome.state === 'incomplete' && details.length === 0
      ? `Not completed: ${String(outcome.unanswered.length)} significant indicator(s) not answered`
      : details.length === 0
        ? 'Asked: no indicators recorded'
        : 'Asked';
  return screenContribution({ shared: [row(KEY, shared)], restricted: details, category: 'cse' });
}

export const cseContributor: SafeguardingContributor = { id: 'cse', contribute: cseContribution };
